// net/packet.h — what one frame carries, layer by layer, with the byte offset of each layer.
//
//   Frame --decode_frame()--> DecodedPacket
//
// decode_frame() reads the link layer (Ethernet with 802.1Q/QinQ tags, Linux cooked SLL
// and SLL2, BSD NULL/LOOP, raw IPv4/IPv6), the network layer (IPv4 with options, IPv6 with
// its extension headers skipped) and the TCP header. It never reads past captured_length and
// never trusts a length field: a header that does not fit is `malformed`, not a crash.
//
// The offsets let a view tint each OSI layer's bytes in a hex dump and let a dialogue event
// point back to the packets that carried it. The same struct serves the inspector, so it keeps
// the header fields a learner is shown (MACs, TTL, flags, window).
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "capture/frame.h"
#include "net/address.h"

namespace mailscope {

enum class DecodeStatus : uint8_t {
  tcp,             // a TCP segment: the tcp fields and payload are valid
  not_tcp,         // a well-formed packet of another kind (ARP, UDP, ICMP, ...)
  ip_fragment,     // part of a fragmented IPv4/IPv6 datagram: see net/ip_defragmenter.h
  malformed,       // a header is cut short or inconsistent; `problem` says which
  unknown_link,    // a link type we do not decode
};

// TCP flag bits as they appear in the header's 13th byte (RFC 9293 §3.1).
namespace tcp_flag {
inline constexpr uint8_t fin = 0x01, syn = 0x02, rst = 0x04, psh = 0x08, ack = 0x10, urg = 0x20,
                         ece = 0x40, cwr = 0x80;
}

struct LinkInfo {
  uint16_t link_type = 0;
  std::array<uint8_t, 6> source_mac{}, destination_mac{};  // Ethernet and SLL (when 6 bytes)
  bool has_macs = false;
  uint16_t ether_type = 0;           // after the VLAN tags; for SLL the protocol field
  uint16_t vlan_ids[2] = {0, 0};     // outer first
  uint8_t vlan_count = 0;
  uint16_t sll_packet_type = 0;      // SLL/SLL2: 0 to us, 4 sent by us, ...
  uint32_t sll2_interface_index = 0; // SLL2 only
};

struct IpInfo {
  uint8_t version = 0;               // 4 or 6
  IpAddress source, destination;
  uint8_t ttl = 0;                   // IPv4 TTL or IPv6 hop limit
  uint8_t protocol = 0;              // IPv4 protocol / IPv6 final next header (6 = TCP)
  uint16_t header_length = 0;        // IPv4 IHL*4 including options; IPv6 40 + extension headers
  uint16_t total_length = 0;         // IPv4 total length / IPv6 40 + payload length
  uint16_t identification = 0;       // IPv4 only (IPv6 fragment id in fragment_id)
  uint32_t fragment_id = 0;
  uint16_t fragment_offset = 0;      // in bytes
  bool more_fragments = false;
  bool dont_fragment = false;
  uint8_t dscp_ecn = 0;
};

struct TcpInfo {
  uint16_t source_port = 0, destination_port = 0;
  uint32_t sequence = 0, acknowledgement = 0;
  uint8_t flags = 0;                 // tcp_flag bits
  uint16_t window = 0;               // raw, unscaled
  uint16_t header_length = 0;        // data offset * 4
  uint32_t payload_length_on_wire = 0;  // from the IP length: what the sender sent
};

struct DecodedPacket {
  // From the frame.
  uint64_t number = 0;
  int64_t time_ns = 0;
  uint32_t captured_length = 0, original_length = 0;
  uint32_t interface_id = 0;
  uint64_t file_offset = 0;

  DecodeStatus status = DecodeStatus::malformed;
  const char* problem = nullptr;     // static text when status is malformed

  // Byte offsets into the frame of each layer's header (OSI L2, L3, L4) and of the payload
  // (L5-L7). A layer that is absent has offset == the next layer's.
  uint16_t l2_offset = 0, l3_offset = 0, l4_offset = 0, payload_offset = 0;

  LinkInfo link;
  IpInfo ip;
  TcpInfo tcp;

  // The TCP payload present in the capture: payload_length <= tcp.payload_length_on_wire;
  // the difference is what the snap length cut off. Borrowed, like Frame::data.
  // For status ip_fragment: the fragment's data after the IP header(s), for IpDefragmenter.
  const uint8_t* payload = nullptr;
  uint32_t payload_length = 0;

  // True when the TCP segment was rebuilt from IP fragments; then the payload points into
  // the defragmenter's buffer and the offsets describe the last fragment's frame.
  bool reassembled_from_fragments = false;

  bool is_tcp() const { return status == DecodeStatus::tcp; }
  Endpoint source() const { return {ip.source, tcp.source_port}; }
  Endpoint destination() const { return {ip.destination, tcp.destination_port}; }
};

// Decodes `frame` into `out`. Returns out.status. Never reads outside frame.data.
DecodeStatus decode_frame(const Frame& frame, DecodedPacket& out);

// Name of a link type for people: "Ethernet", "Linux cooked (SLL2)", ... or "LINKTYPE 147".
std::string link_type_name(uint16_t link_type);

}  // namespace mailscope
