// tests/ui/model_capture_test.cpp — loading a capture for the window: packet index, stage
// script, OSI byte ranges and layer texts, on a capture written by the project's writer.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

#include "support/scratch_dir.h"
#include "synthetic_capture.h"
#include "ui/model/capture_loader.h"
#include "ui/model/layer_facts.h"
#include "ui/model/osi_layers.h"
#include "ui/model/stage_script.h"

using namespace mailscope;

namespace {

std::string temp_path(const std::string& name) {
  static testing::ScratchDir dir("mailscope-ui-model");  // removed when the tests end
  return (dir.path() / name).string();
}

std::string journey_capture() {
  static std::string path = [] {
    std::string p = temp_path("journey.pcap"), error;
    REQUIRE(test::write_mail_journey(p, error));
    return p;
  }();
  return path;
}

}  // namespace

TEST_CASE("each byte of a TCP frame belongs to one OSI layer") {
  TcpPacketSpec spec;
  spec.source = {test::ipv4(192, 0, 2, 1), 50000};
  spec.destination = {test::ipv4(192, 0, 2, 2), 25};
  spec.flags = tcp_flag::psh | tcp_flag::ack;
  spec.payload = "EHLO x\r\n";
  spec.vlan_count = 1;
  spec.vlan_ids[0] = 42;
  std::vector<uint8_t> bytes = build_tcp_frame(static_cast<uint16_t>(LinkType::ethernet), spec);
  Frame frame;
  frame.captured_length = frame.original_length = static_cast<uint32_t>(bytes.size());
  frame.link_type = static_cast<uint16_t>(LinkType::ethernet);
  frame.data = bytes.data();
  DecodedPacket p;
  REQUIRE(decode_frame(frame, p) == DecodeStatus::tcp);
  std::vector<LayerRange> r = layer_ranges(p);
  REQUIRE(r.size() >= 4);
  CHECK(r[0].layer == OsiLayer::data_link);
  CHECK(r[0].end == 18);  // 14-byte Ethernet header + one 4-byte 802.1Q tag
  CHECK(r[1].layer == OsiLayer::network);
  CHECK(r[1].end - r[1].begin == 20);
  CHECK(r[2].layer == OsiLayer::transport);
  CHECK(r[2].end - r[2].begin == 20);
  CHECK(r[3].layer == OsiLayer::application);
  CHECK(r[3].end - r[3].begin == spec.payload.size());
  // The ranges cover the frame without holes or overlap.
  uint32_t at = 0;
  for (const LayerRange& range : r) {
    CHECK(range.begin == at);
    at = range.end;
  }
  CHECK(at == bytes.size());
  CHECK(layer_of_byte(p, 0) == OsiLayer::data_link);
  CHECK(layer_of_byte(p, 18) == OsiLayer::network);
  CHECK(layer_of_byte(p, 38) == OsiLayer::transport);
  CHECK(layer_of_byte(p, static_cast<uint32_t>(bytes.size() - 1)) == OsiLayer::application);
  CHECK(layer_of_byte(p, 100000) == OsiLayer::physical);

  // A frame cut short inside the IP header: what was decoded, nothing beyond the bytes.
  frame.captured_length = 20;
  DecodedPacket cut;
  decode_frame(frame, cut);
  for (const LayerRange& range : layer_ranges(cut)) CHECK(range.end <= 20);
}

TEST_CASE("load_capture indexes packets and keeps dialogues") {
  LoadResult result = load_capture(journey_capture(), PortMap{}, nullptr, nullptr, nullptr);
  REQUIRE(result.error.empty());
  REQUIRE(result.capture);
  const LoadedCapture& c = *result.capture;
  REQUIRE(c.session_count() == 2);
  const Dialogue* smtp = c.dialogue(c.streams[0]);
  REQUIRE(smtp);
  CHECK(smtp->protocol == Protocol::submission);
  // 3 handshake + 17 lines + 3 teardown packets.
  CHECK(c.packets(c.streams[0]).size() == 23);
  CHECK(c.packets(c.streams[0]).front().flags == tcp_flag::syn);
  CHECK(c.first_packet_at_or_after(c.streams[0], 4) == 3);
  CHECK(c.count_payload_packets(c.streams[0], Direction::client_to_server, 1, 1000) == 8);
  CHECK(c.packets(9999).empty());
  CHECK(c.dialogue(9999) == nullptr);

  // Stage script: L4 arrows (SYN, SYN/ACK, ACK, FIN, FIN, and no final ACK) around the events, in time order.
  StageScript script = build_stage_script(c, {c.streams[0]});
  REQUIRE(script.layout.lanes.size() == 2);
  REQUIRE(!script.steps.empty());
  CHECK(script.steps[0].kind == StageStep::Kind::packet);
  CHECK(tcp_flags_label(c.packets(c.streams[0])[script.steps[0].index].flags) == "SYN");
  CHECK(script.steps[1].to_lane == 0);  // SYN/ACK goes back to the client
  size_t packets = 0, events = 0, exchanges = 0;
  for (size_t i = 0; i < script.steps.size(); ++i) {
    if (i) CHECK(script.steps[i - 1].time_ns <= script.steps[i].time_ns);
    (script.steps[i].kind == StageStep::Kind::packet ? packets : events)++;
    exchanges += script.steps[i].is_exchange_start;
  }
  CHECK(packets == 5);
  CHECK(events >= 16);
  CHECK(exchanges >= 8);

  // The whole journey: both sessions, the reader to the right of the IMAP server.
  std::vector<uint32_t> chain = chain_of(c, c.streams[0]);
  CHECK(chain.size() == 2);
  StageScript journey = build_stage_script(c, chain);
  CHECK(journey.layout.lanes.size() == 4);
  CHECK(journey.layout.lanes.front().role == LaneRole::sender);
  CHECK(journey.layout.lanes.back().role == LaneRole::reader);
}

TEST_CASE("a large capture keeps summaries and decodes the sessions on the stage again") {
  LoadResult whole = load_capture(journey_capture(), PortMap{}, nullptr, nullptr, nullptr);
  // Threshold 0: this small file is treated as a large one.
  LoadResult lean = load_capture(journey_capture(), PortMap{}, nullptr, nullptr, nullptr, 0);
  REQUIRE(whole.capture);
  REQUIRE(lean.capture);
  const LoadedCapture& full = *whole.capture;
  LoadedCapture& c = *lean.capture;
  CHECK_FALSE(full.events_on_demand);
  REQUIRE(c.events_on_demand);
  REQUIRE(c.session_count() == 2);
  const uint32_t smtp = c.streams[0], imap = c.streams[1];
  // Closed sessions keep their facts and summary but no events.
  for (uint32_t stream : c.streams) {
    CHECK(c.has_released_events(stream));
    CHECK(c.dialogue(stream)->events.empty());
    CHECK(c.dialogue(stream)->summary.commands == full.dialogue(stream)->summary.commands);
    CHECK(c.dialogue(stream)->summary.auth_user == full.dialogue(stream)->summary.auth_user);
    CHECK(c.dialogue(stream)->session.end == full.dialogue(stream)->session.end);
    CHECK(c.packets(stream).size() == full.packets(stream).size());
  }

  std::string error;
  REQUIRE(c.restore_events({smtp}, error));
  CHECK_FALSE(c.has_released_events(smtp));
  const auto& back = c.dialogue(smtp)->events;
  const auto& first = full.dialogue(smtp)->events;
  REQUIRE(back.size() == first.size());
  for (size_t i = 0; i < back.size(); ++i) {
    CHECK(back[i].text == first[i].text);
    CHECK(back[i].span.first_packet == first[i].span.first_packet);
    CHECK(back[i].decoded == first[i].decoded);
  }
  // The stage built from the restored events is the stage built from the whole pass.
  StageScript lean_script = build_stage_script(c, {smtp});
  StageScript full_script = build_stage_script(full, {smtp});
  REQUIRE(lean_script.steps.size() == full_script.steps.size());
  for (size_t i = 0; i < lean_script.steps.size(); ++i) {
    CHECK(lean_script.steps[i].index == full_script.steps[i].index);
    CHECK(lean_script.steps[i].time_ns == full_script.steps[i].time_ns);
  }

  // Moving to the other session releases the first again: memory stays flat while browsing.
  REQUIRE(c.restore_events({imap}, error));
  CHECK(c.has_released_events(smtp));
  CHECK(c.dialogue(smtp)->events.empty());
  CHECK(c.dialogue(imap)->events.size() == full.dialogue(imap)->events.size());
  // A chain on the stage restores every session in it.
  REQUIRE(c.restore_events(chain_of(c, smtp), error));
  CHECK_FALSE(c.has_released_events(smtp));
  CHECK_FALSE(c.has_released_events(imap));
  CHECK(c.restored.size() == 2);
}

TEST_CASE("layer texts for an AUTH command, in both languages") {
  LoadResult result = load_capture(journey_capture(), PortMap{}, nullptr, nullptr, nullptr);
  REQUIRE(result.capture);
  const LoadedCapture& c = *result.capture;
  const Dialogue& d = *c.dialogue(c.streams[0]);
  const DialogueEvent* auth = nullptr;
  for (const DialogueEvent& e : d.events)
    if (e.verb == "AUTH") auth = &e;
  REQUIRE(auth);
  size_t index = c.first_packet_at_or_after(d.stream(), auth->span.first_packet);
  REQUIRE(index < c.packets(d.stream()).size());
  Frame frame;
  REQUIRE(c.file->read_at(c.packets(d.stream())[index].file_offset, c.packets(d.stream())[index].number, frame));
  std::vector<uint8_t> copy(frame.data, frame.data + frame.captured_length);
  frame.data = copy.data();
  DecodedPacket packet;
  REQUIRE(decode_frame(frame, packet) == DecodeStatus::tcp);

  LayerFacts en = describe_layers(d, auth, &packet, &c, Language::english);
  CHECK(en.layers[0].layer == OsiLayer::application);
  CHECK(en.layers[6].layer == OsiLayer::physical);
  auto joined = [](const LayerFact& f) {
    std::string all;
    for (const std::string& l : f.lines) all += l + "\n";
    return all;
  };
  CHECK(joined(en.layers[0]).find("AUTH PLAIN") != std::string::npos);
  CHECK(joined(en.layers[1]).find("base64") != std::string::npos);
  CHECK(joined(en.layers[3]).find("587") != std::string::npos);
  CHECK(joined(en.layers[3]).find("seq") != std::string::npos);
  CHECK(joined(en.layers[4]).find("192.0.2.10") != std::string::npos);
  CHECK(joined(en.layers[4]).find("TTL 64") != std::string::npos);
  CHECK(joined(en.layers[5]).find("EtherType 0x0800 (IPv4)") != std::string::npos);
  CHECK(joined(en.layers[6]).find(std::to_string(packet.original_length)) != std::string::npos);
  LayerFacts ja = describe_layers(d, auth, &packet, &c, Language::japanese);
  CHECK(joined(ja.layers[6]).find("フレーム長") != std::string::npos);
  // Without a packet, L1 says so instead of inventing numbers.
  LayerFacts none = describe_layers(d, auth, nullptr, &c, Language::english);
  CHECK(none.layers[4].lines.empty());
  CHECK(joined(none.layers[6]).find("No packet") != std::string::npos);
}

TEST_CASE("the background loader publishes a result, errors and cancels") {
  CaptureLoader loader;
  loader.start(journey_capture(), PortMap{});
  std::optional<LoadResult> result;
  for (int i = 0; i < 500 && !result; ++i) {
    result = loader.take_result();
    if (!result) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(result);
  CHECK(result->capture);
  CHECK_FALSE(loader.running());
  CHECK_FALSE(loader.take_result());  // only once

  std::string corrupt = temp_path("corrupt.pcap");
  {
    std::ofstream out(corrupt, std::ios::binary);
    out << "this is not a capture file at all, just some text\n";
  }
  loader.start(corrupt, PortMap{});
  result.reset();
  for (int i = 0; i < 500 && !result; ++i) {
    result = loader.take_result();
    if (!result) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(result);
  CHECK_FALSE(result->capture);
  CHECK(result->error.find(corrupt) != std::string::npos);

  std::atomic<bool> cancel{true};
  // A cancelled synchronous load gives no capture (checked every 1024 frames; this capture is
  // smaller, so it completes: cancel only stops what is still running).
  LoadResult quick = load_capture(journey_capture(), PortMap{}, nullptr, nullptr, &cancel);
  CHECK((quick.capture != nullptr) != quick.cancelled);
  std::filesystem::remove(corrupt);
}
