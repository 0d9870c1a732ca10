// tests/ui/model_live_test.cpp — the window's side of a live capture (live_controller.h):
// updates from the capture thread grow a LoadedCapture, old finished sessions are released
// with their packet index, and packets are read again from the file while it is written.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <vector>

#include "capture/capture_writer.h"
#include "ui/model/live_controller.h"

using namespace mailscope;

namespace {

DialogueDelta delta(uint32_t stream, uint32_t first_new_event, std::vector<std::string> verbs, bool closed) {
  DialogueDelta d;
  d.stream = stream;
  d.protocol = Protocol::smtp;
  d.session.id = stream;
  d.closed = closed;
  d.first_new_event = first_new_event;
  for (const std::string& verb : verbs) {
    DialogueEvent e;
    e.verb = verb;
    e.text = verb;
    d.new_events.push_back(e);
  }
  return d;
}

LivePacket packet(uint32_t stream, uint64_t number, uint64_t offset = 0) {
  LivePacket p;
  p.stream = stream;
  p.packet.number = number;
  p.packet.file_offset = offset;
  p.packet.payload_length = 10;
  return p;
}

}  // namespace

TEST_CASE("live updates grow the capture; old finished sessions go with their packets") {
  LoadedCapture capture;
  capture.live = std::make_unique<DialogueStore>(/*max_sessions=*/2, /*max_event_bytes=*/1 << 20);
  REQUIRE(capture.is_live());

  LiveUpdate first;
  first.dialogues.push_back(delta(0, 0, {"EHLO"}, false));
  first.packets = {packet(0, 1), packet(0, 2)};
  LiveChanges changes = apply_live_update(capture, std::move(first));
  CHECK(changes.sessions);
  CHECK(changes.streams == std::vector<uint32_t>{0});
  CHECK(capture.streams == std::vector<uint32_t>{0});
  CHECK(capture.packets(0).size() == 2);
  REQUIRE(capture.dialogue(0));
  CHECK(capture.dialogue(0)->events.size() == 1);

  // More of stream 0 (now closed), and two new sessions: three kept is one too many, so the
  // oldest finished one (0) is released, with its packets.
  LiveUpdate second;
  second.dialogues.push_back(delta(0, 1, {"MAIL", "QUIT"}, true));
  second.dialogues.push_back(delta(1, 0, {"USER"}, false));
  second.dialogues.push_back(delta(2, 0, {"a1 LOGIN"}, true));
  second.packets = {packet(1, 3), packet(2, 4), packet(2, 5)};
  changes = apply_live_update(capture, std::move(second));
  CHECK(changes.sessions);
  CHECK(capture.streams == std::vector<uint32_t>{1, 2});
  CHECK(capture.dialogue(0) == nullptr);
  CHECK(capture.packets(0).empty());
  CHECK(capture.packets(1).size() == 1);
  CHECK(capture.packets(2).size() == 2);
  CHECK(capture.live->released() == 1);
  CHECK(changes.packets_added == 3);
  CHECK(changes.packets_released == 2);
  CHECK(capture.session_count() == 2);

  // A late packet of the released session is not indexed again.
  LiveUpdate third;
  third.packets = {packet(0, 6), packet(1, 7)};
  third.finished = true;
  changes = apply_live_update(capture, std::move(third));
  CHECK(capture.packets(0).empty());
  CHECK(capture.packets(1).size() == 2);
  CHECK(changes.finished);
  CHECK_FALSE(changes.sessions);
}

TEST_CASE("a live capture's packets are read again from the file while it is written") {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("mailscope-live-model-" + std::to_string(::getpid()) + ".pcapng"))
                               .string();
  std::string error;
  auto writer = CaptureWriter::create(path, CaptureFormat::pcapng, error);
  REQUIRE(writer);
  writer->add_interface(static_cast<uint16_t>(LinkType::ethernet), "lo");
  std::vector<uint8_t> bytes(60, 0xab);
  Frame frame;
  frame.link_type = static_cast<uint16_t>(LinkType::ethernet);
  frame.captured_length = frame.original_length = static_cast<uint32_t>(bytes.size());
  frame.data = bytes.data();
  const uint64_t first_offset = writer->bytes_written();
  REQUIRE(writer->write(frame));
  REQUIRE(writer->flush());

  LoadedCapture capture;
  capture.path = path;
  capture.live = std::make_unique<DialogueStore>();
  LiveUpdate update;
  update.dialogues.push_back(delta(0, 0, {"EHLO"}, false));
  update.packets = {packet(0, 1, first_offset)};
  apply_live_update(capture, std::move(update));
  REQUIRE(capture.file);
  Frame again;
  REQUIRE(capture.file->read_at(first_offset, 1, again));
  CHECK(again.captured_length == 60);

  // The file grows after the reader opened it: a later packet is found all the same.
  bytes.assign(80, 0xcd);
  frame.captured_length = frame.original_length = 80;
  frame.data = bytes.data();
  const uint64_t second_offset = writer->bytes_written();
  REQUIRE(writer->write(frame));
  REQUIRE(writer->flush());
  REQUIRE(capture.file->read_at(second_offset, 2, again));
  CHECK(again.captured_length == 80);
  CHECK(again.data[0] == 0xcd);
  CHECK_FALSE(capture.file->read_at(second_offset + 1000, 3, again));   // past the end: refused
  writer.reset();
  std::filesystem::remove(path);
}
