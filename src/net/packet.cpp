// net/packet.cpp — decode_frame(): link layer (link_layer.cpp), then IPv4 or IPv6, then TCP.
//
// Length rules, applied in this order so that no field is trusted:
//   - the IP header must fit in the captured bytes, and the IP length fields must cover it;
//   - the IP total length says where the packet ends: Ethernet padding after it is cut off
//     (RFC 894: frames are padded to the 60-byte minimum), and bytes the snap length removed
//     are counted in tcp.payload_length_on_wire but not in payload_length;
//   - an IP total/payload length of 0 is what a capture of TCP segmentation offload shows
//     (the NIC fills it in later); then the frame's original length stands in for it.
#include "net/packet.h"

#include <algorithm>
#include <string>

#include "capture/byte_order.h"
#include "net/ip_layer.h"
#include "net/link_layer.h"

namespace mailscope {
namespace {

// Extension headers past this count are not something a real IPv6 stack sends.
constexpr int kMaxIpv6Extensions = 32;

// Offsets in DecodedPacket are 16-bit; a frame whose headers reach beyond that is refused.
constexpr uint32_t kMaxOffset = 0xffff;

DecodeStatus fail(DecodedPacket& out, const char* problem) {
  out.status = DecodeStatus::malformed;
  out.problem = problem;
  return out.status;
}

// The packet stops at whichever comes first: the captured bytes or the IP length.
struct IpExtent {
  uint32_t captured_end;  // offset in the frame one past the last captured IP byte
  uint32_t total;         // the IP packet's length on the wire
};

uint32_t wire_length(const Frame& frame) {
  return frame.original_length > frame.captured_length ? frame.original_length
                                                       : frame.captured_length;
}

DecodeStatus finish_transport(const Frame& frame, DecodedPacket& out, uint32_t l4,
                              const IpExtent& extent) {
  if (l4 > kMaxOffset) return fail(out, "IP headers too long to index");
  out.l4_offset = static_cast<uint16_t>(l4);
  out.payload_offset = out.l4_offset;
  uint32_t captured = extent.captured_end > l4 ? extent.captured_end - l4 : 0;
  uint32_t on_wire = extent.total - (l4 - out.l3_offset);
  if (out.status == DecodeStatus::ip_fragment) {
    // The fragment's data, for the defragmenter; no transport header is parsed here.
    out.payload = frame.data + l4;
    out.payload_length = captured;
    return out.status;
  }
  if (out.ip.protocol != ip_protocol::tcp) {
    // RFC 768: the UDP header is 8 bytes; shown as layer 4 when present.
    if (out.ip.protocol == ip_protocol::udp && captured >= 8 && l4 + 8 <= kMaxOffset)
      out.payload_offset = static_cast<uint16_t>(l4 + 8);
    out.status = DecodeStatus::not_tcp;
    return out.status;
  }
  if (const char* problem = read_tcp_header(frame.data + l4, captured, on_wire, out.tcp))
    return fail(out, problem);
  uint32_t payload = l4 + out.tcp.header_length;
  if (payload > kMaxOffset) return fail(out, "IP headers too long to index");
  out.payload_offset = static_cast<uint16_t>(payload);
  out.payload = frame.data + payload;
  out.payload_length = extent.captured_end - payload;
  out.status = DecodeStatus::tcp;
  return out.status;
}

DecodeStatus decode_ipv4(const Frame& frame, DecodedPacket& out, uint32_t l3) {
  // RFC 791 §3.1: version/IHL, TOS, total length, id, flags/fragment offset, TTL, protocol,
  // checksum, source, destination, options.
  const uint8_t* p = frame.data + l3;
  uint32_t available = frame.captured_length - l3;
  if (available < 20) return fail(out, "IPv4 header cut short (needs 20 bytes)");
  if ((p[0] >> 4) != 4) return fail(out, "IPv4 header does not start with version 4");
  uint32_t header_length = (p[0] & 0x0fu) * 4;
  if (header_length < 20) return fail(out, "IPv4 header length (IHL) is below 5 words");
  if (available < header_length) return fail(out, "IPv4 options cut short");
  uint32_t total = bytes::be16(p + 2);
  if (total == 0) total = std::min<uint32_t>(wire_length(frame) - l3, 0xffff);  // TSO
  if (total < header_length) return fail(out, "IPv4 total length is smaller than its header");
  if (l3 + total > wire_length(frame)) return fail(out, "IPv4 total length exceeds the frame");

  IpInfo& ip = out.ip;
  ip.version = 4;
  ip.dscp_ecn = p[1];
  ip.total_length = static_cast<uint16_t>(total);
  ip.header_length = static_cast<uint16_t>(header_length);
  ip.identification = bytes::be16(p + 4);
  ip.fragment_id = ip.identification;
  uint16_t flags_offset = bytes::be16(p + 6);
  ip.dont_fragment = (flags_offset & 0x4000) != 0;
  ip.more_fragments = (flags_offset & 0x2000) != 0;
  ip.fragment_offset = static_cast<uint16_t>((flags_offset & 0x1fff) * 8);
  ip.ttl = p[8];
  ip.protocol = p[9];
  ip.source = IpAddress::v4(p + 12);
  ip.destination = IpAddress::v4(p + 16);

  IpExtent extent{std::min(frame.captured_length, l3 + total), total};
  // RFC 791 §3.2: a packet with MF set or a non-zero offset is a fragment.
  if (ip.more_fragments || ip.fragment_offset != 0) out.status = DecodeStatus::ip_fragment;
  return finish_transport(frame, out, l3 + header_length, extent);
}

DecodeStatus decode_ipv6(const Frame& frame, DecodedPacket& out, uint32_t l3) {
  // RFC 8200 §3: version/class/flow label, payload length, next header, hop limit, addresses.
  const uint8_t* p = frame.data + l3;
  uint32_t available = frame.captured_length - l3;
  if (available < 40) return fail(out, "IPv6 header cut short (needs 40 bytes)");
  if ((p[0] >> 4) != 6) return fail(out, "IPv6 header does not start with version 6");
  uint32_t total = 40u + bytes::be16(p + 4);
  if (total == 40 && wire_length(frame) - l3 > 40)  // jumbogram or TSO: trust the frame
    total = std::min<uint32_t>(wire_length(frame) - l3, 0xffff);
  if (l3 + total > wire_length(frame)) return fail(out, "IPv6 payload length exceeds the frame");

  IpInfo& ip = out.ip;
  ip.version = 6;
  ip.dscp_ecn = static_cast<uint8_t>((bytes::be16(p) >> 4) & 0xff);
  ip.total_length = static_cast<uint16_t>(total);
  ip.ttl = p[7];
  ip.source = IpAddress::v6(p + 8);
  ip.destination = IpAddress::v6(p + 24);

  // Extension headers are only read within the packet's captured, on-wire extent.
  uint32_t limit = std::min(available, total);
  uint8_t next = p[6];
  uint32_t offset = 40;
  if (const char* problem = skip_ipv6_extensions(p, limit, next, offset)) return fail(out, problem);
  if (next == ip_protocol::fragment) {
    // RFC 8200 §4.5: next header, reserved, offset (13 bits, 8-byte units) + M flag, id.
    if (limit < offset + 8) return fail(out, "IPv6 fragment header cut short");
    const uint8_t* f = p + offset;
    uint16_t offset_flags = bytes::be16(f + 2);
    ip.fragment_offset = static_cast<uint16_t>(offset_flags & 0xfff8);
    ip.more_fragments = (offset_flags & 1) != 0;
    ip.fragment_id = bytes::be32(f + 4);
    next = f[0];
    offset += 8;
    if (ip.more_fragments || ip.fragment_offset != 0) {
      out.status = DecodeStatus::ip_fragment;
    } else if (const char* problem = skip_ipv6_extensions(p, limit, next, offset)) {
      return fail(out, problem);  // an atomic fragment (RFC 6946): go on parsing
    }
  }
  ip.protocol = next;
  ip.header_length = static_cast<uint16_t>(offset);
  IpExtent extent{std::min(frame.captured_length, l3 + total), total};
  return finish_transport(frame, out, l3 + offset, extent);
}

}  // namespace

const char* read_tcp_header(const uint8_t* p, uint32_t captured, uint32_t segment_on_wire,
                            TcpInfo& tcp) {
  // RFC 9293 §3.1: ports, sequence, acknowledgment, data offset, flags, window, checksum,
  // urgent pointer, options.
  if (segment_on_wire < 20) return "TCP header longer than the IP payload";
  if (captured < 20) return "TCP header cut short (needs 20 bytes)";
  uint32_t header_length = (p[12] >> 4) * 4u;
  if (header_length < 20) return "TCP data offset is below 5 words";
  if (header_length > segment_on_wire) return "TCP header longer than the IP payload";
  if (header_length > captured) return "TCP options cut short";
  tcp.source_port = bytes::be16(p);
  tcp.destination_port = bytes::be16(p + 2);
  tcp.sequence = bytes::be32(p + 4);
  tcp.acknowledgement = bytes::be32(p + 8);
  tcp.flags = p[13];
  tcp.window = bytes::be16(p + 14);
  tcp.header_length = static_cast<uint16_t>(header_length);
  tcp.payload_length_on_wire = segment_on_wire - header_length;
  return nullptr;
}

const char* skip_ipv6_extensions(const uint8_t* p, uint32_t available, uint8_t& next_header,
                                 uint32_t& offset) {
  for (int count = 0;; ++count) {
    uint32_t length;
    switch (next_header) {
      case ip_protocol::hop_by_hop:
      case ip_protocol::routing:
      case ip_protocol::destination_options:
        // RFC 8200 §4.3-4.6: length in 8-byte units, not counting the first 8 bytes.
        if (available < offset + 2) return "IPv6 extension header cut short";
        length = (p[offset + 1] + 1u) * 8;
        break;
      case ip_protocol::ah:
        // RFC 4302 §2.2: length in 4-byte units, minus 2.
        if (available < offset + 2) return "IPv6 extension header cut short";
        length = (p[offset + 1] + 2u) * 4;
        break;
      default:
        return nullptr;
    }
    if (count >= kMaxIpv6Extensions) return "too many IPv6 extension headers";
    if (available < offset + length) return "IPv6 extension header cut short";
    next_header = p[offset];
    offset += length;
  }
}

DecodeStatus decode_frame(const Frame& frame, DecodedPacket& out) {
  out = DecodedPacket{};
  out.number = frame.number;
  out.time_ns = frame.time_ns;
  out.captured_length = frame.captured_length;
  out.original_length = frame.original_length;
  out.interface_id = frame.interface_id;
  out.file_offset = frame.file_offset;
  if (frame.data == nullptr && frame.captured_length != 0) return fail(out, "frame has no bytes");

  LinkResult link = decode_link(frame.data, frame.captured_length, frame.link_type, out.link);
  if (link.status == DecodeStatus::malformed) return fail(out, link.problem);
  if (link.status == DecodeStatus::unknown_link) {
    out.status = DecodeStatus::unknown_link;
    return out.status;
  }
  uint32_t l3 = link.network_offset;
  out.l3_offset = out.l4_offset = out.payload_offset = static_cast<uint16_t>(l3);
  if (link.status == DecodeStatus::not_tcp) {
    out.status = DecodeStatus::not_tcp;
    return out.status;
  }
  out.status = DecodeStatus::tcp;  // until a layer says otherwise
  NetworkProtocol network = link.network;
  if (network == NetworkProtocol::ip_by_version) {
    if (frame.captured_length <= l3) return fail(out, "raw IP frame is empty");
    uint8_t version = frame.data[l3] >> 4;
    if (version == 4)
      network = NetworkProtocol::ipv4;
    else if (version == 6)
      network = NetworkProtocol::ipv6;
    else
      return fail(out, "raw IP packet has a version other than 4 or 6");
  }
  if (network == NetworkProtocol::ipv4) return decode_ipv4(frame, out, l3);
  return decode_ipv6(frame, out, l3);
}

std::string link_type_name(uint16_t link_type) {
  switch (static_cast<LinkType>(link_type)) {
    case LinkType::null_loopback:
      return "BSD loopback (NULL)";
    case LinkType::ethernet:
      return "Ethernet";
    case LinkType::raw:
      return "Raw IP";
    case LinkType::loop:
      return "OpenBSD loopback (LOOP)";
    case LinkType::linux_sll:
      return "Linux cooked (SLL)";
    case LinkType::ipv4:
      return "Raw IPv4";
    case LinkType::ipv6:
      return "Raw IPv6";
    case LinkType::linux_sll2:
      return "Linux cooked (SLL2)";
  }
  return "LINKTYPE " + std::to_string(link_type);
}

}  // namespace mailscope
