// tests/net/net_test_util.h — specs and frames shared by the net/ tests.
#pragma once
#include <cstdint>
#include <vector>

#include "capture/frame.h"
#include "net/packet.h"
#include "net/packet_builder.h"

namespace mailscope::test {

inline constexpr uint16_t kAllLinkTypes[] = {
    static_cast<uint16_t>(LinkType::ethernet),   static_cast<uint16_t>(LinkType::linux_sll),
    static_cast<uint16_t>(LinkType::linux_sll2), static_cast<uint16_t>(LinkType::null_loopback),
    static_cast<uint16_t>(LinkType::loop),       static_cast<uint16_t>(LinkType::raw),
    static_cast<uint16_t>(LinkType::ipv4),       static_cast<uint16_t>(LinkType::ipv6)};

inline TcpPacketSpec smtp_spec(bool ipv6) {
  TcpPacketSpec spec;
  if (ipv6) {
    const uint8_t client[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
    const uint8_t server[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x25};
    spec.source.address = IpAddress::v6(client);
    spec.destination.address = IpAddress::v6(server);
  } else {
    const uint8_t client[4] = {192, 0, 2, 10};
    const uint8_t server[4] = {198, 51, 100, 25};
    spec.source.address = IpAddress::v4(client);
    spec.destination.address = IpAddress::v4(server);
  }
  spec.source.port = 49152;
  spec.destination.port = 25;
  spec.sequence = 1000;
  spec.acknowledgement = 2000;
  spec.flags = tcp_flag::psh | tcp_flag::ack;
  spec.window = 502;
  spec.ttl = 61;
  spec.ip_id = 0x1234;
  spec.payload = "EHLO client.example\r\n";
  return spec;
}

// A frame over `bytes`, whole on the wire unless `original` says more.
inline Frame frame_of(const std::vector<uint8_t>& bytes, uint16_t link_type, uint32_t captured,
                      uint32_t original) {
  Frame frame;
  frame.number = 1;
  frame.time_ns = 1'700'000'000'123'456'789;
  frame.data = bytes.data();
  frame.captured_length = captured;
  frame.original_length = original;
  frame.link_type = link_type;
  return frame;
}
inline Frame frame_of(const std::vector<uint8_t>& bytes, uint16_t link_type) {
  auto n = static_cast<uint32_t>(bytes.size());
  return frame_of(bytes, link_type, n, n);
}

// RFC 1071 checksum over `n` bytes, 0 when the embedded checksum is right.
inline uint16_t ones_complement(const uint8_t* p, size_t n, uint32_t sum = 0) {
  for (size_t i = 0; i + 1 < n; i += 2) sum += static_cast<uint32_t>(p[i] << 8 | p[i + 1]);
  if (n & 1) sum += static_cast<uint32_t>(p[n - 1] << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

}  // namespace mailscope::test
