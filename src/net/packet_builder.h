// net/packet_builder.h — build the bytes of TCP/IP frames, for tests and synthetic captures.
//
//   TcpPacketSpec spec;
//   spec.source = {IpAddress::v4(...), 49152}; spec.destination = {..., 25};
//   spec.sequence = 1000; spec.flags = tcp_flag::psh | tcp_flag::ack; spec.payload = "EHLO x\r\n";
//   std::vector<uint8_t> frame = build_tcp_frame(LinkType::ethernet, spec);
//
// Checksums are computed (IPv4 header and TCP) so that Wireshark shows the frames as valid.
// Together with CaptureWriter this is the project's capture writer.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "capture/frame.h"
#include "net/address.h"
#include "net/packet.h"

namespace mailscope {

struct TcpPacketSpec {
  Endpoint source, destination;
  uint32_t sequence = 0, acknowledgement = 0;
  uint8_t flags = tcp_flag::ack;
  uint16_t window = 65535;
  std::string payload;
  uint8_t ttl = 64;
  uint16_t ip_id = 0;
  uint16_t vlan_ids[2] = {0, 0};     // Ethernet only: 0, 1 or 2 tags (802.1Q, then QinQ 802.1ad outer)
  uint8_t vlan_count = 0;
  uint8_t ipv4_option_bytes = 0;     // add this many bytes of IPv4 NOP options (multiple of 4)
  bool ipv6_hop_by_hop = false;      // IPv6: insert a Hop-by-Hop extension header
};

// The full frame for `link_type` (ethernet, linux_sll, linux_sll2, null_loopback, loop, raw,
// ipv4, ipv6). IPv4 or IPv6 follows from spec.source.address.version.
std::vector<uint8_t> build_tcp_frame(uint16_t link_type, const TcpPacketSpec& spec);

// Splits an IPv4 TCP packet (as built above, link layer ethernet) into IP fragments of at most
// `fragment_payload` bytes each (a multiple of 8), each a full Ethernet frame.
std::vector<std::vector<uint8_t>> fragment_ipv4_frame(const std::vector<uint8_t>& ethernet_frame,
                                                       uint16_t fragment_payload);

}  // namespace mailscope
