// net/packet_builder.cpp — TCP/IP frames built byte by byte, for tests and synthetic captures.
//
// The IPv4 header checksum (RFC 791 §3.1) and the TCP checksum over the pseudo-header
// (RFC 9293 §3.1 for IPv4, RFC 8200 §8.1 for IPv6) are computed with the one's-complement
// sum of RFC 1071, so Wireshark and tshark show the frames as valid.
#include "net/packet_builder.h"

#include <algorithm>
#include <cstring>

#include "capture/byte_order.h"
#include "net/ip_layer.h"
#include "net/link_layer.h"

namespace mailscope {
namespace {

// RFC 1071 §4.1: the 16-bit one's-complement sum, folded.
uint32_t sum16(const uint8_t* p, size_t n, uint32_t sum = 0) {
  for (size_t i = 0; i + 1 < n; i += 2) sum += static_cast<uint32_t>(p[i] << 8 | p[i + 1]);
  if (n & 1) sum += static_cast<uint32_t>(p[n - 1] << 8);
  return sum;
}
uint16_t fold(uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

void append(std::vector<uint8_t>& out, const uint8_t* p, size_t n) {
  out.insert(out.end(), p, p + n);
}
void append16(std::vector<uint8_t>& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}
void append32(std::vector<uint8_t>& out, uint32_t v) {
  append16(out, static_cast<uint16_t>(v >> 16));
  append16(out, static_cast<uint16_t>(v));
}

std::vector<uint8_t> tcp_segment(const TcpPacketSpec& spec) {
  std::vector<uint8_t> tcp;
  append16(tcp, spec.source.port);
  append16(tcp, spec.destination.port);
  append32(tcp, spec.sequence);
  append32(tcp, spec.acknowledgement);
  tcp.push_back(5 << 4);  // data offset: 5 words, no options
  tcp.push_back(spec.flags);
  append16(tcp, spec.window);
  append16(tcp, 0);  // checksum, filled below
  append16(tcp, 0);  // urgent pointer
  tcp.insert(tcp.end(), spec.payload.begin(), spec.payload.end());
  return tcp;
}

void set_tcp_checksum(std::vector<uint8_t>& tcp, const IpAddress& source,
                      const IpAddress& destination) {
  size_t address_length = source.version == 4 ? 4 : 16;
  uint32_t sum = sum16(source.bytes.data(), address_length);
  sum = sum16(destination.bytes.data(), address_length, sum);
  sum += ip_protocol::tcp;
  sum += static_cast<uint32_t>(tcp.size() & 0xffff) + static_cast<uint32_t>(tcp.size() >> 16);
  sum = sum16(tcp.data(), tcp.size(), sum);
  bytes::put_be16(tcp.data() + 16, fold(sum));
}

std::vector<uint8_t> ipv4_packet(const TcpPacketSpec& spec, const std::vector<uint8_t>& tcp) {
  size_t options = spec.ipv4_option_bytes & ~3u;
  if (options > 40) options = 40;  // RFC 791: IHL is 4 bits, so at most 60 header bytes
  size_t header_length = 20 + options;
  std::vector<uint8_t> ip;
  ip.push_back(static_cast<uint8_t>(0x40 | header_length / 4));
  ip.push_back(0);
  append16(ip, static_cast<uint16_t>(header_length + tcp.size()));
  append16(ip, spec.ip_id);
  append16(ip, 0x4000);  // Don't Fragment, as TCP stacks doing path MTU discovery send
  ip.push_back(spec.ttl);
  ip.push_back(ip_protocol::tcp);
  append16(ip, 0);
  append(ip, spec.source.address.bytes.data(), 4);
  append(ip, spec.destination.address.bytes.data(), 4);
  ip.insert(ip.end(), options, 0x01);  // RFC 791: No Operation options
  bytes::put_be16(ip.data() + 10, fold(sum16(ip.data(), header_length)));
  ip.insert(ip.end(), tcp.begin(), tcp.end());
  return ip;
}

std::vector<uint8_t> ipv6_packet(const TcpPacketSpec& spec, const std::vector<uint8_t>& tcp) {
  std::vector<uint8_t> ip;
  uint16_t extension_length = spec.ipv6_hop_by_hop ? 8 : 0;
  append32(ip, 0x60000000);
  append16(ip, static_cast<uint16_t>(extension_length + tcp.size()));
  ip.push_back(spec.ipv6_hop_by_hop ? ip_protocol::hop_by_hop : ip_protocol::tcp);
  ip.push_back(spec.ttl);
  append(ip, spec.source.address.bytes.data(), 16);
  append(ip, spec.destination.address.bytes.data(), 16);
  if (spec.ipv6_hop_by_hop) {
    // RFC 8200 §4.3: next header, length 0 (8 bytes), then a PadN option filling 6 bytes.
    const uint8_t hop_by_hop[8] = {ip_protocol::tcp, 0, 1, 4, 0, 0, 0, 0};
    append(ip, hop_by_hop, sizeof hop_by_hop);
  }
  ip.insert(ip.end(), tcp.begin(), tcp.end());
  return ip;
}

// Locally administered MACs that show which side sent the frame.
const uint8_t kClientMac[6] = {0x02, 0x00, 0x5e, 0x00, 0x00, 0x01};
const uint8_t kServerMac[6] = {0x02, 0x00, 0x5e, 0x00, 0x00, 0x02};

void append_host_order32(std::vector<uint8_t>& out, uint32_t v) {
  uint8_t b[4];
  std::memcpy(b, &v, 4);
  append(out, b, 4);
}

}  // namespace

std::vector<uint8_t> build_tcp_frame(uint16_t link_type, const TcpPacketSpec& spec) {
  bool v4 = spec.source.address.version != 6;
  std::vector<uint8_t> tcp = tcp_segment(spec);
  set_tcp_checksum(tcp, spec.source.address, spec.destination.address);
  std::vector<uint8_t> ip = v4 ? ipv4_packet(spec, tcp) : ipv6_packet(spec, tcp);
  uint16_t type = v4 ? ether_type::ipv4 : ether_type::ipv6;
  const uint8_t* source_mac = spec.source.port < spec.destination.port ? kServerMac : kClientMac;
  const uint8_t* destination_mac = source_mac == kServerMac ? kClientMac : kServerMac;

  std::vector<uint8_t> frame;
  switch (static_cast<LinkType>(link_type)) {
    case LinkType::ethernet:
      append(frame, destination_mac, 6);
      append(frame, source_mac, 6);
      // IEEE 802.1ad: the outer (service) tag first, then the 802.1Q customer tag.
      for (int i = 0; i < std::min<int>(spec.vlan_count, 2); ++i) {
        bool outer = spec.vlan_count == 2 && i == 0;
        append16(frame, outer ? ether_type::qinq : ether_type::vlan);
        append16(frame, spec.vlan_ids[i] & 0x0fff);
      }
      append16(frame, type);
      break;
    case LinkType::linux_sll:
      append16(frame, 4);  // packet type: sent by us
      append16(frame, 1);  // ARPHRD_ETHER
      append16(frame, 6);
      append(frame, source_mac, 6);
      append16(frame, 0);
      append16(frame, type);
      break;
    case LinkType::linux_sll2:
      append16(frame, type);
      append16(frame, 0);
      append32(frame, 2);  // interface index
      append16(frame, 1);  // ARPHRD_ETHER
      frame.push_back(4);  // packet type: sent by us
      frame.push_back(6);
      append(frame, source_mac, 6);
      append16(frame, 0);
      break;
    case LinkType::null_loopback:
      append_host_order32(frame, v4 ? 2 : 30);  // AF_INET, macOS AF_INET6
      break;
    case LinkType::loop:
      append32(frame, v4 ? 2 : 24);  // AF_INET, OpenBSD AF_INET6
      break;
    case LinkType::raw:
    case LinkType::ipv4:
    case LinkType::ipv6:
      break;
  }
  frame.insert(frame.end(), ip.begin(), ip.end());
  // RFC 894: Ethernet frames are padded to 60 bytes before the FCS.
  if (link_type == static_cast<uint16_t>(LinkType::ethernet) && frame.size() < 60)
    frame.resize(60, 0);
  return frame;
}

std::vector<std::vector<uint8_t>> fragment_ipv4_frame(const std::vector<uint8_t>& ethernet_frame,
                                                      uint16_t fragment_payload) {
  std::vector<std::vector<uint8_t>> fragments;
  Frame frame;
  frame.data = ethernet_frame.data();
  frame.captured_length = frame.original_length = static_cast<uint32_t>(ethernet_frame.size());
  frame.link_type = static_cast<uint16_t>(LinkType::ethernet);
  DecodedPacket packet;
  decode_frame(frame, packet);
  if (packet.ip.version != 4 || packet.status == DecodeStatus::malformed) return fragments;

  const uint8_t* l2 = ethernet_frame.data();
  const uint8_t* header = l2 + packet.l3_offset;
  uint32_t header_length = packet.ip.header_length;
  const uint8_t* data = header + header_length;
  uint32_t data_length = packet.ip.total_length - header_length;
  uint32_t step = std::max<uint32_t>(8, fragment_payload & ~7u);

  // RFC 791 §3.2: later fragments carry only the options whose "copied" flag is set.
  std::vector<uint8_t> later_options;
  for (uint32_t i = 20; i < header_length;) {
    uint8_t option = header[i];
    if (option == 0) break;  // end of option list
    uint32_t length = option == 1 ? 1 : (i + 1 < header_length ? header[i + 1] : 0);
    if (length < 1 || i + length > header_length) break;
    if (option & 0x80) later_options.insert(later_options.end(), header + i, header + i + length);
    i += length;
  }
  while (later_options.size() % 4) later_options.push_back(0);

  for (uint32_t offset = 0; offset < data_length; offset += step) {
    uint32_t length = std::min(step, data_length - offset);
    bool more = offset + length < data_length;
    std::vector<uint8_t> out(l2, l2 + packet.l3_offset);
    std::vector<uint8_t> ip(header, header + 20);
    if (offset == 0)
      ip.insert(ip.end(), header + 20, header + header_length);
    else
      ip.insert(ip.end(), later_options.begin(), later_options.end());
    ip[0] = static_cast<uint8_t>(0x40 | ip.size() / 4);
    bytes::put_be16(ip.data() + 2, static_cast<uint16_t>(ip.size() + length));
    bytes::put_be16(ip.data() + 6, static_cast<uint16_t>((more ? 0x2000 : 0) | offset / 8));
    bytes::put_be16(ip.data() + 10, 0);
    bytes::put_be16(ip.data() + 10, fold(sum16(ip.data(), ip.size())));
    out.insert(out.end(), ip.begin(), ip.end());
    out.insert(out.end(), data + offset, data + offset + length);
    if (out.size() < 60) out.resize(60, 0);
    fragments.push_back(std::move(out));
  }
  return fragments;
}

}  // namespace mailscope
