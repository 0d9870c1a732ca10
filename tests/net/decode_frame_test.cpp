// tests/net/decode_frame_test.cpp — decode_frame() on frames from packet_builder: every link
// type, VLAN tags, IPv4 options, IPv6 extension headers, padding, snap length, and every
// truncation of a valid frame.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "net/packet.h"
#include "net/packet_builder.h"
#include "net_test_util.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

uint16_t link_header_length(uint16_t link_type) {
  switch (static_cast<LinkType>(link_type)) {
    case LinkType::ethernet:
      return 14;
    case LinkType::linux_sll:
      return 16;
    case LinkType::linux_sll2:
      return 20;
    case LinkType::null_loopback:
    case LinkType::loop:
      return 4;
    default:
      return 0;
  }
}

void check_matches_spec(const DecodedPacket& p, const TcpPacketSpec& spec) {
  REQUIRE(p.status == DecodeStatus::tcp);
  CHECK(p.problem == nullptr);
  CHECK(p.ip.source == spec.source.address);
  CHECK(p.ip.destination == spec.destination.address);
  CHECK(p.source() == spec.source);
  CHECK(p.destination() == spec.destination);
  CHECK(p.ip.ttl == spec.ttl);
  CHECK(p.ip.protocol == 6);
  CHECK(p.tcp.sequence == spec.sequence);
  CHECK(p.tcp.acknowledgement == spec.acknowledgement);
  CHECK(p.tcp.flags == spec.flags);
  CHECK(p.tcp.window == spec.window);
  CHECK(p.tcp.header_length == 20);
  CHECK(p.tcp.payload_length_on_wire == spec.payload.size());
  REQUIRE(p.payload_length == spec.payload.size());
  CHECK(std::string(reinterpret_cast<const char*>(p.payload), p.payload_length) == spec.payload);
}

}  // namespace

TEST_CASE("every link type decodes the frame packet_builder made, IPv4 and IPv6") {
  for (bool ipv6 : {false, true}) {
    for (uint16_t link_type : kAllLinkTypes) {
      if (link_type == static_cast<uint16_t>(LinkType::ipv4) && ipv6) continue;
      if (link_type == static_cast<uint16_t>(LinkType::ipv6) && !ipv6) continue;
      CAPTURE(link_type, ipv6);
      TcpPacketSpec spec = smtp_spec(ipv6);
      std::vector<uint8_t> bytes = build_tcp_frame(link_type, spec);
      Frame frame = frame_of(bytes, link_type);
      DecodedPacket p;
      REQUIRE(decode_frame(frame, p) == DecodeStatus::tcp);
      check_matches_spec(p, spec);
      CHECK(p.number == frame.number);
      CHECK(p.time_ns == frame.time_ns);
      CHECK(p.link.link_type == link_type);
      CHECK(p.l2_offset == 0);
      CHECK(p.l3_offset == link_header_length(link_type));
      CHECK(p.l4_offset == p.l3_offset + (ipv6 ? 40 : 20));
      CHECK(p.payload_offset == p.l4_offset + 20);
      CHECK(p.payload == bytes.data() + p.payload_offset);
      CHECK(p.ip.version == (ipv6 ? 6 : 4));
      CHECK(p.ip.total_length == (ipv6 ? 40 : 20) + 20 + spec.payload.size());
      if (!ipv6) {
        CHECK(p.ip.identification == spec.ip_id);
        CHECK(p.ip.dont_fragment);
        CHECK_FALSE(p.ip.more_fragments);
        CHECK(ones_complement(bytes.data() + p.l3_offset, 20) == 0);  // header checksum
      }
      // TCP checksum over the pseudo-header (RFC 9293 §3.1, RFC 8200 §8.1) checks out.
      size_t address_length = ipv6 ? 16 : 4;
      uint32_t sum = 0;
      for (const IpAddress* a : {&p.ip.source, &p.ip.destination})
        for (size_t i = 0; i < address_length; i += 2) sum += a->bytes[i] << 8 | a->bytes[i + 1];
      uint32_t segment = p.tcp.header_length + p.payload_length;
      sum += 6 + segment;
      CHECK(ones_complement(bytes.data() + p.l4_offset, segment, sum) == 0);

      if (link_type == static_cast<uint16_t>(LinkType::ethernet)) {
        CHECK(p.link.has_macs);
        CHECK(p.link.ether_type == (ipv6 ? 0x86dd : 0x0800));
        CHECK(p.link.source_mac[5] == 1);  // the client sent it
        CHECK(p.link.destination_mac[5] == 2);
      }
      if (link_type == static_cast<uint16_t>(LinkType::linux_sll) ||
          link_type == static_cast<uint16_t>(LinkType::linux_sll2)) {
        CHECK(p.link.has_macs);
        CHECK(p.link.sll_packet_type == 4);
        CHECK(p.link.ether_type == (ipv6 ? 0x86dd : 0x0800));
      }
      if (link_type == static_cast<uint16_t>(LinkType::linux_sll2))
        CHECK(p.link.sll2_interface_index == 2);
    }
  }
}

TEST_CASE("VLAN tags: 802.1Q, 802.1ad QinQ and the old 0x9100 outer tag") {
  TcpPacketSpec spec = smtp_spec(false);
  spec.vlan_count = 1;
  spec.vlan_ids[0] = 100;
  auto bytes = build_tcp_frame(1, spec);
  DecodedPacket p;
  REQUIRE(decode_frame(frame_of(bytes, 1), p) == DecodeStatus::tcp);
  CHECK(p.link.vlan_count == 1);
  CHECK(p.link.vlan_ids[0] == 100);
  CHECK(p.l3_offset == 18);
  check_matches_spec(p, spec);

  spec.vlan_count = 2;
  spec.vlan_ids[0] = 10;
  spec.vlan_ids[1] = 4094;
  bytes = build_tcp_frame(1, spec);
  CHECK(bytes[12] == 0x88);  // outer 802.1ad
  CHECK(bytes[13] == 0xa8);
  REQUIRE(decode_frame(frame_of(bytes, 1), p) == DecodeStatus::tcp);
  CHECK(p.link.vlan_count == 2);
  CHECK(p.link.vlan_ids[0] == 10);
  CHECK(p.link.vlan_ids[1] == 4094);
  CHECK(p.l3_offset == 22);
  CHECK(p.link.ether_type == 0x0800);
  check_matches_spec(p, spec);

  bytes[12] = 0x91;  // pre-standard QinQ
  bytes[13] = 0x00;
  REQUIRE(decode_frame(frame_of(bytes, 1), p) == DecodeStatus::tcp);
  CHECK(p.link.vlan_count == 2);
  CHECK(p.link.vlan_ids[0] == 10);
}

TEST_CASE("IPv4 options move the TCP header by IHL") {
  for (uint8_t options : {4, 8, 40}) {
    TcpPacketSpec spec = smtp_spec(false);
    spec.ipv4_option_bytes = options;
    auto bytes = build_tcp_frame(1, spec);
    DecodedPacket p;
    REQUIRE(decode_frame(frame_of(bytes, 1), p) == DecodeStatus::tcp);
    CHECK(p.ip.header_length == 20 + options);
    CHECK(p.l4_offset == 14 + 20 + options);
    CHECK(ones_complement(bytes.data() + 14, 20 + options) == 0);
    check_matches_spec(p, spec);
  }
}

TEST_CASE("IPv6 extension headers are skipped; a fragment header makes a fragment") {
  TcpPacketSpec spec = smtp_spec(true);
  spec.ipv6_hop_by_hop = true;
  auto bytes = build_tcp_frame(1, spec);
  DecodedPacket p;
  REQUIRE(decode_frame(frame_of(bytes, 1), p) == DecodeStatus::tcp);
  CHECK(p.ip.header_length == 48);
  CHECK(p.l4_offset == 14 + 48);
  check_matches_spec(p, spec);

  // Insert after the hop-by-hop header: routing (43, 8 bytes), destination options (60,
  // 16 bytes), AH (51, 12 + 4 bytes of ICV = length 2).
  std::vector<uint8_t> chain = bytes;
  size_t at = 14 + 48;
  std::vector<uint8_t> extra = {60, 0, 0, 0,  0, 0, 0, 0,                           // routing
                                51, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   // dest opts
                                6,  2, 0, 0,  0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0};  // AH
  chain.insert(chain.begin() + static_cast<long>(at), extra.begin(), extra.end());
  chain[14 + 40] = 43;  // hop-by-hop's next header: routing
  uint16_t payload_length = static_cast<uint16_t>((chain[18] << 8 | chain[19]) + extra.size());
  chain[18] = static_cast<uint8_t>(payload_length >> 8);
  chain[19] = static_cast<uint8_t>(payload_length);
  REQUIRE(decode_frame(frame_of(chain, 1), p) == DecodeStatus::tcp);
  CHECK(p.ip.header_length == 48 + extra.size());
  CHECK(p.tcp.payload_length_on_wire == spec.payload.size());
  check_matches_spec(p, spec);

  // A fragment header (44) with offset 0 and M set: the first fragment.
  std::vector<uint8_t> fragment = build_tcp_frame(1, smtp_spec(true));
  std::vector<uint8_t> header = {6, 0, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef};
  fragment.insert(fragment.begin() + 54, header.begin(), header.end());
  fragment[20] = 44;
  fragment[19] = static_cast<uint8_t>(fragment[19] + 8);
  REQUIRE(decode_frame(frame_of(fragment, 1), p) == DecodeStatus::ip_fragment);
  CHECK(p.ip.fragment_id == 0xdeadbeef);
  CHECK(p.ip.more_fragments);
  CHECK(p.ip.fragment_offset == 0);
  CHECK(p.ip.protocol == 6);
  CHECK(p.ip.header_length == 48);
  CHECK(p.payload_length == 20 + smtp_spec(true).payload.size());

  // RFC 6946: an atomic fragment (offset 0, no M) is a whole packet.
  fragment[14 + 40 + 3] = 0x00;
  REQUIRE(decode_frame(frame_of(fragment, 1), p) == DecodeStatus::tcp);
  check_matches_spec(p, smtp_spec(true));
}

TEST_CASE("Ethernet padding is cut by the IP total length") {
  TcpPacketSpec spec = smtp_spec(false);
  spec.payload.clear();
  spec.flags = tcp_flag::syn;
  auto bytes = build_tcp_frame(1, spec);
  REQUIRE(bytes.size() == 60);  // 14 + 20 + 20 = 54, padded
  DecodedPacket p;
  REQUIRE(decode_frame(frame_of(bytes, 1), p) == DecodeStatus::tcp);
  CHECK(p.payload_length == 0);
  CHECK(p.tcp.payload_length_on_wire == 0);
  CHECK(p.tcp.flags == tcp_flag::syn);
}

TEST_CASE("a snap length cut leaves payload_length below the length on the wire") {
  TcpPacketSpec spec = smtp_spec(false);
  spec.payload = std::string(1000, 'x');
  auto bytes = build_tcp_frame(1, spec);
  DecodedPacket p;
  REQUIRE(decode_frame(frame_of(bytes, 1, 96, static_cast<uint32_t>(bytes.size())), p) ==
          DecodeStatus::tcp);
  CHECK(p.payload_length == 96 - 54);
  CHECK(p.tcp.payload_length_on_wire == 1000);
}

TEST_CASE("a total length of 0 (TCP segmentation offload) falls back on the frame length") {
  auto bytes = build_tcp_frame(1, smtp_spec(false));
  bytes[16] = bytes[17] = 0;
  DecodedPacket p;
  REQUIRE(decode_frame(frame_of(bytes, 1), p) == DecodeStatus::tcp);
  check_matches_spec(p, smtp_spec(false));
}

TEST_CASE("every truncation of a valid frame is malformed, never read past the end") {
  for (bool ipv6 : {false, true}) {
    for (uint16_t link_type : kAllLinkTypes) {
      if (link_type == static_cast<uint16_t>(LinkType::ipv4) && ipv6) continue;
      if (link_type == static_cast<uint16_t>(LinkType::ipv6) && !ipv6) continue;
      TcpPacketSpec spec = smtp_spec(ipv6);
      spec.vlan_count = 2;
      spec.ipv4_option_bytes = 8;
      spec.ipv6_hop_by_hop = true;
      auto whole = build_tcp_frame(link_type, spec);
      for (uint32_t cut = 0; cut < whole.size(); ++cut) {
        CAPTURE(link_type, ipv6, cut);
        // A copy of exactly `cut` bytes, so that AddressSanitizer sees any over-read.
        std::vector<uint8_t> bytes(whole.begin(), whole.begin() + cut);
        DecodedPacket p;
        // Cut on the wire too: the IP length promises more than the frame holds.
        REQUIRE(decode_frame(frame_of(bytes, link_type, cut, cut), p) == DecodeStatus::malformed);
        CHECK(p.problem != nullptr);
        CHECK(p.payload == nullptr);
        // Cut by the snap length only: headers complete means a TCP segment with less payload.
        uint32_t headers = static_cast<uint32_t>(whole.size() - spec.payload.size());
        DecodeStatus status =
            decode_frame(frame_of(bytes, link_type, cut, static_cast<uint32_t>(whole.size())), p);
        if (cut >= headers) {
          REQUIRE(status == DecodeStatus::tcp);
          CHECK(p.payload_length == cut - headers);
          CHECK(p.tcp.payload_length_on_wire == spec.payload.size());
        } else {
          CHECK(status == DecodeStatus::malformed);
        }
      }
    }
  }
}

TEST_CASE("inconsistent headers are malformed with a reason") {
  auto bytes = build_tcp_frame(1, smtp_spec(false));
  DecodedPacket p;
  auto with = [&](size_t at, uint8_t value) {
    auto copy = bytes;
    copy[at] = value;
    decode_frame(frame_of(copy, 1), p);
    return std::string(p.problem ? p.problem : "");
  };
  CHECK(with(14, 0x44) == "IPv4 header length (IHL) is below 5 words");
  CHECK(with(14, 0x55) == "IPv4 header does not start with version 4");
  CHECK(with(14, 0x4f) == "TCP header longer than the IP payload");  // 60-byte IP header
  {
    auto copy = bytes;
    copy[14] = 0x4f;
    decode_frame(frame_of(copy, 1, 14 + 40, static_cast<uint32_t>(copy.size())), p);
    CHECK(std::string(p.problem) == "IPv4 options cut short");
  }
  CHECK(with(16, 0xff) == "IPv4 total length exceeds the frame");
  CHECK(with(17, 10) == "IPv4 total length is smaller than its header");
  CHECK(with(14 + 20 + 12, 0x40) == "TCP data offset is below 5 words");
  CHECK(with(14 + 20 + 12, 0xf0) == "TCP header longer than the IP payload");

  auto raw = build_tcp_frame(101, smtp_spec(false));
  raw[0] = 0x75;
  REQUIRE(decode_frame(frame_of(raw, 101), p) == DecodeStatus::malformed);
  CHECK(std::string(p.problem) == "raw IP packet has a version other than 4 or 6");

  // Eight VLAN tags are allowed, a ninth is not: a frame of tags is not traffic.
  std::vector<uint8_t> tags(12, 0);
  for (int i = 0; i < 9; ++i) tags.insert(tags.end(), {0x81, 0x00, 0x00, 0x01});
  tags.insert(tags.end(), {0x08, 0x00});
  REQUIRE(decode_frame(frame_of(tags, 1), p) == DecodeStatus::malformed);
  CHECK(std::string(p.problem) == "too many VLAN tags");
}

TEST_CASE("BSD NULL accepts the address family in either byte order; LOOP is big-endian") {
  for (bool ipv6 : {false, true}) {
    auto bytes = build_tcp_frame(0, smtp_spec(ipv6));
    std::reverse(bytes.begin(), bytes.begin() + 4);  // captured on a host of the other order
    DecodedPacket p;
    REQUIRE(decode_frame(frame_of(bytes, 0), p) == DecodeStatus::tcp);
    check_matches_spec(p, smtp_spec(ipv6));
    for (uint8_t family : {24, 28, 30}) {
      std::vector<uint8_t> v6 = build_tcp_frame(108, smtp_spec(true));
      v6[3] = family;
      REQUIRE(decode_frame(frame_of(v6, 108), p) == DecodeStatus::tcp);
    }
  }
  std::vector<uint8_t> unknown_family = build_tcp_frame(108, smtp_spec(false));
  unknown_family[3] = 7;
  DecodedPacket p;
  CHECK(decode_frame(frame_of(unknown_family, 108), p) == DecodeStatus::not_tcp);
}

TEST_CASE("other protocols are not_tcp; other link types are unknown_link") {
  DecodedPacket p;
  std::vector<uint8_t> arp(42, 0);
  arp[12] = 0x08;
  arp[13] = 0x06;
  REQUIRE(decode_frame(frame_of(arp, 1), p) == DecodeStatus::not_tcp);
  CHECK(p.link.ether_type == 0x0806);
  CHECK(p.l3_offset == 14);

  auto udp = build_tcp_frame(1, smtp_spec(false));
  udp[14 + 9] = 17;
  REQUIRE(decode_frame(frame_of(udp, 1), p) == DecodeStatus::not_tcp);
  CHECK(p.ip.protocol == 17);
  CHECK(p.l4_offset == 34);
  CHECK(p.payload_offset == 42);

  auto bytes = build_tcp_frame(1, smtp_spec(false));
  REQUIRE(decode_frame(frame_of(bytes, 147), p) == DecodeStatus::unknown_link);
  CHECK(p.link.link_type == 147);

  Frame empty;
  empty.link_type = 1;
  CHECK(decode_frame(empty, p) == DecodeStatus::malformed);
}

TEST_CASE("link type names") {
  CHECK(link_type_name(1) == "Ethernet");
  CHECK(link_type_name(276) == "Linux cooked (SLL2)");
  CHECK(link_type_name(113) == "Linux cooked (SLL)");
  CHECK(link_type_name(0) == "BSD loopback (NULL)");
  CHECK(link_type_name(147) == "LINKTYPE 147");
}
