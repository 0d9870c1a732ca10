// tests/net/ip_defragmenter_test.cpp — IPv4 and IPv6 fragments in order, reversed, overlapping,
// with one missing, cut by the snap length, and against the memory and time limits.
#include "net/ip_defragmenter.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "net/packet_builder.h"
#include "net_test_util.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

using Frames = std::vector<std::vector<uint8_t>>;

TcpPacketSpec long_spec(bool ipv6 = false) {
  TcpPacketSpec spec = smtp_spec(ipv6);
  spec.payload.clear();
  for (int i = 0; i < 10; ++i) spec.payload += "MAIL FROM:<line" + std::to_string(i) + "@x>\r\n";
  return spec;
}

struct Outcome {
  int completed = 0;
  DecodedPacket packet;
  std::string payload;
};

// Feeds the frames in the given order; remembers the last rebuilt segment.
Outcome feed(IpDefragmenter& defrag, const Frames& frames, int64_t time_ns = 1'000'000'000) {
  Outcome outcome;
  for (const auto& bytes : frames) {
    Frame frame = frame_of(bytes, 1);
    frame.time_ns = time_ns;
    DecodedPacket p;
    DecodeStatus status = decode_frame(frame, p);
    REQUIRE(status == DecodeStatus::ip_fragment);
    if (defrag.add(frame, p)) {
      ++outcome.completed;
      outcome.packet = p;
      outcome.payload.assign(reinterpret_cast<const char*>(p.payload), p.payload_length);
    } else {
      CHECK_FALSE(p.is_tcp());  // never a TCP segment from a part of a datagram
    }
  }
  return outcome;
}

void check_rebuilt(const Outcome& outcome, const TcpPacketSpec& spec) {
  REQUIRE(outcome.completed == 1);
  const DecodedPacket& p = outcome.packet;
  CHECK(p.status == DecodeStatus::tcp);
  CHECK(p.reassembled_from_fragments);
  CHECK(p.source() == spec.source);
  CHECK(p.destination() == spec.destination);
  CHECK(p.tcp.sequence == spec.sequence);
  CHECK(p.tcp.flags == spec.flags);
  CHECK(p.tcp.payload_length_on_wire == spec.payload.size());
  CHECK(outcome.payload == spec.payload);
}

// Overwrites a fragment's data with `fill`, keeping its headers.
std::vector<uint8_t> scribble(std::vector<uint8_t> fragment, char fill) {
  Frame frame = frame_of(fragment, 1);
  DecodedPacket p;
  decode_frame(frame, p);
  std::fill(fragment.begin() + p.l4_offset, fragment.begin() + p.l4_offset + p.payload_length,
            static_cast<uint8_t>(fill));
  return fragment;
}

// RFC 8200 §4.5: splits the IPv6 frame's TCP segment behind Fragment headers.
Frames fragment_ipv6(const std::vector<uint8_t>& whole, uint32_t step, uint32_t id) {
  Frames out;
  const size_t l3 = 14;
  std::vector<uint8_t> data(whole.begin() + l3 + 40, whole.end());
  for (uint32_t offset = 0; offset < data.size(); offset += step) {
    uint32_t length = std::min<uint32_t>(step, static_cast<uint32_t>(data.size()) - offset);
    bool more = offset + length < data.size();
    std::vector<uint8_t> frame(whole.begin(), whole.begin() + l3 + 40);
    frame[l3 + 6] = 44;
    uint16_t payload_length = static_cast<uint16_t>(8 + length);
    frame[l3 + 4] = static_cast<uint8_t>(payload_length >> 8);
    frame[l3 + 5] = static_cast<uint8_t>(payload_length);
    uint16_t offset_flags = static_cast<uint16_t>(offset | (more ? 1 : 0));
    frame.insert(frame.end(),
                 {6, 0, static_cast<uint8_t>(offset_flags >> 8), static_cast<uint8_t>(offset_flags),
                  static_cast<uint8_t>(id >> 24), static_cast<uint8_t>(id >> 16),
                  static_cast<uint8_t>(id >> 8), static_cast<uint8_t>(id)});
    frame.insert(frame.end(), data.begin() + offset, data.begin() + offset + length);
    out.push_back(frame);
  }
  return out;
}

}  // namespace

TEST_CASE("IPv4 fragments rebuild the segment in order and reversed") {
  TcpPacketSpec spec = long_spec();
  Frames fragments = fragment_ipv4_frame(build_tcp_frame(1, spec), 64);
  REQUIRE(fragments.size() > 3);
  for (bool reversed : {false, true}) {
    Frames order = fragments;
    if (reversed) std::reverse(order.begin(), order.end());
    IpDefragmenter defrag;
    Outcome outcome = feed(defrag, order);
    check_rebuilt(outcome, spec);
    CHECK(defrag.stats().fragments == fragments.size());
    CHECK(defrag.stats().datagrams_rebuilt == 1);
    CHECK(defrag.stats().datagrams_dropped == 0);
  }
}

TEST_CASE(
    "fragment_ipv4_frame makes valid fragments; options without the copy flag stay in the first") {
  TcpPacketSpec spec = long_spec();
  spec.ipv4_option_bytes = 8;
  Frames fragments = fragment_ipv4_frame(build_tcp_frame(1, spec), 100);
  REQUIRE(fragments.size() >= 3);
  for (size_t i = 0; i < fragments.size(); ++i) {
    DecodedPacket p;
    REQUIRE(decode_frame(frame_of(fragments[i], 1), p) == DecodeStatus::ip_fragment);
    CHECK(p.ip.header_length == (i == 0 ? 28 : 20));
    CHECK(p.ip.more_fragments == (i + 1 < fragments.size()));
    CHECK(p.ip.fragment_offset == i * 96);
    CHECK(ones_complement(fragments[i].data() + 14, p.ip.header_length) == 0);
  }
  IpDefragmenter defrag;
  check_rebuilt(feed(defrag, fragments), spec);
}

TEST_CASE("overlapping fragments: the first bytes received win") {
  TcpPacketSpec spec = long_spec();
  auto whole = build_tcp_frame(1, spec);
  Frames by16 = fragment_ipv4_frame(whole, 16);
  Frames by24 = fragment_ipv4_frame(whole, 24);

  SECTION("an exact duplicate with other bytes, after the original, changes nothing") {
    Frames order = by16;
    order.insert(order.begin() + 3, scribble(by16[2], 'Z'));
    IpDefragmenter defrag;
    check_rebuilt(feed(defrag, order), spec);
  }
  SECTION("partly overlapping fragments of two sizes rebuild the original") {
    Frames order;
    for (size_t i = 0; i < by16.size(); i += 2) order.push_back(by16[i]);
    for (size_t i = 0; i < by24.size(); ++i) order.push_back(scribble(by24[i], 'Z'));
    IpDefragmenter defrag;
    Outcome outcome = feed(defrag, order);
    REQUIRE(outcome.completed == 1);
    // Even 16-byte blocks came first and keep their bytes; the gaps hold the 'Z's.
    std::string expected_tcp(whole.begin() + 34, whole.end());
    std::string rebuilt = std::string(20, '?') + outcome.payload;
    for (size_t i = 0; i < rebuilt.size(); ++i) {
      bool first = (i / 16) % 2 == 0;
      if (i >= 20) CHECK(rebuilt[i] == (first ? expected_tcp[i] : 'Z'));
    }
  }
}

TEST_CASE("a missing fragment never yields a TCP segment; the datagram times out") {
  TcpPacketSpec spec = long_spec();
  Frames fragments = fragment_ipv4_frame(build_tcp_frame(1, spec), 64);
  for (size_t missing = 0; missing < fragments.size(); ++missing) {
    CAPTURE(missing);
    Frames order = fragments;
    order.erase(order.begin() + static_cast<long>(missing));
    IpDefragmenter defrag(DefragLimits{1u << 20, 5'000'000'000, 16});
    CHECK(feed(defrag, order).completed == 0);
    CHECK(defrag.stats().datagrams_dropped == 0);
    // A fragment of another datagram 6 s later expires the incomplete one.
    TcpPacketSpec other = spec;
    other.ip_id = 99;
    Frames later = fragment_ipv4_frame(build_tcp_frame(1, other), 64);
    feed(defrag, {later[0]}, 7'000'000'000);
    CHECK(defrag.stats().datagrams_dropped == 1);
  }
}

TEST_CASE("a fragment cut by the snap length leaves a hole that never fills") {
  TcpPacketSpec spec = long_spec();
  Frames fragments = fragment_ipv4_frame(build_tcp_frame(1, spec), 64);
  IpDefragmenter defrag;
  int completed = 0;
  for (size_t i = 0; i < fragments.size(); ++i) {
    Frame frame = frame_of(fragments[i], 1);
    if (i == 1) frame.captured_length = 14 + 20 + 10;  // the rest was not captured
    DecodedPacket p;
    REQUIRE(decode_frame(frame, p) == DecodeStatus::ip_fragment);
    if (defrag.add(frame, p)) ++completed;
  }
  CHECK(completed == 0);
}

TEST_CASE("the byte and datagram limits drop the oldest incomplete datagrams") {
  IpDefragmenter defrag(DefragLimits{4096, 30'000'000'000, 8});
  for (uint16_t id = 0; id < 100; ++id) {
    TcpPacketSpec spec = long_spec();
    spec.ip_id = id;
    Frames fragments = fragment_ipv4_frame(build_tcp_frame(1, spec), 64);
    feed(defrag, {fragments[0]}, 1'000'000'000 + id);  // only the first: never complete
  }
  CHECK(defrag.stats().fragments == 100);
  CHECK(defrag.stats().datagrams_dropped >= 92);
  // A complete datagram still goes through after all that.
  TcpPacketSpec spec = long_spec();
  spec.ip_id = 5000;
  check_rebuilt(feed(defrag, fragment_ipv4_frame(build_tcp_frame(1, spec), 64), 2'000'000'000),
                spec);
}

TEST_CASE("a fragment placed past 64 KiB is dropped, not buffered") {
  auto fragments = fragment_ipv4_frame(build_tcp_frame(1, long_spec()), 64);
  auto last = fragments.back();
  last[14 + 6] = 0x1f;  // offset 0x1fxx * 8 bytes: near 65528
  last[14 + 7] = 0xff;
  last[14 + 10] = last[14 + 11] = 0;  // checksum is not checked
  IpDefragmenter defrag;
  Outcome outcome = feed(defrag, {last});
  CHECK(outcome.completed == 0);
  CHECK(defrag.stats().datagrams_dropped == 1);
}

TEST_CASE("IPv6 fragments rebuild the segment") {
  TcpPacketSpec spec = long_spec(true);
  Frames fragments = fragment_ipv6(build_tcp_frame(1, spec), 48, 0xabcdef01);
  REQUIRE(fragments.size() > 3);
  IpDefragmenter defrag;
  std::reverse(fragments.begin(), fragments.end());
  Outcome outcome = feed(defrag, fragments);
  check_rebuilt(outcome, spec);
  CHECK(outcome.packet.ip.version == 6);
  CHECK(outcome.packet.ip.total_length == 40 + 20 + spec.payload.size());
}

TEST_CASE("a rebuilt datagram that is not TCP is reported as not_tcp") {
  TcpPacketSpec spec = long_spec();
  auto whole = build_tcp_frame(1, spec);
  whole[14 + 9] = 17;  // UDP; the header checksum is not checked
  IpDefragmenter defrag;
  Frames fragments = fragment_ipv4_frame(whole, 64);
  DecodedPacket p;
  int completed = 0;
  for (const auto& bytes : fragments) {
    Frame frame = frame_of(bytes, 1);
    decode_frame(frame, p);
    if (defrag.add(frame, p)) ++completed;
  }
  CHECK(completed == 0);
  CHECK(p.status == DecodeStatus::not_tcp);
  CHECK(p.reassembled_from_fragments);
  CHECK(defrag.stats().datagrams_rebuilt == 1);
}
