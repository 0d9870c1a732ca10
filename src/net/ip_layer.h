// net/ip_layer.h — network- and transport-layer steps of decode_frame() (OSI layers 3 and 4).
//
// Internal to net/: decode_frame() and the IpDefragmenter (which parses the TCP header of a
// rebuilt datagram) share these. Each reads only the bytes it is given.
#pragma once
#include <cstdint>

#include "net/packet.h"

namespace mailscope {

// IP protocol numbers (IANA "Assigned Internet Protocol Numbers").
namespace ip_protocol {
inline constexpr uint8_t hop_by_hop = 0, tcp = 6, udp = 17, routing = 43, fragment = 44, ah = 51,
                         no_next = 59, destination_options = 60;
}

// Reads the TCP header at `p` (`captured` bytes present, `segment_on_wire` bytes the IP layer
// says the segment has). Fills `tcp`; on failure returns the static reason, else nullptr.
const char* read_tcp_header(const uint8_t* p, uint32_t captured, uint32_t segment_on_wire,
                            TcpInfo& tcp);

// Skips IPv6 extension headers (RFC 8200 §4) that start at `p` with type `next_header`, up to
// the first header that is not one. Stops at a Fragment header without skipping it. Updates
// `next_header` and `offset`; returns the static reason on failure, else nullptr.
const char* skip_ipv6_extensions(const uint8_t* p, uint32_t available, uint8_t& next_header,
                                 uint32_t& offset);

}  // namespace mailscope
