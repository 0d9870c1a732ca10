// net/link_layer.h — the first step of decode_frame(): the link-layer header (OSI layer 2).
//
// Internal to net/. Reads the header of one link type, fills LinkInfo and says where the
// network layer starts and which protocol it carries. Never reads past `length`.
#pragma once
#include <cstdint>

#include "net/packet.h"

namespace mailscope {

enum class NetworkProtocol : uint8_t {
  ipv4,
  ipv6,
  ip_by_version,  // raw IP: look at the version nibble
  other,          // ARP, LLC, ...: a well-formed frame that is not IP
};

struct LinkResult {
  DecodeStatus status = DecodeStatus::tcp;  // tcp = "go on to the network layer"
  const char* problem = nullptr;
  uint32_t network_offset = 0;
  NetworkProtocol network = NetworkProtocol::other;
};

// EtherType values (IEEE 802 numbers registry).
namespace ether_type {
inline constexpr uint16_t ipv4 = 0x0800, ipv6 = 0x86dd, vlan = 0x8100, qinq = 0x88a8,
                          qinq_old = 0x9100;
}

LinkResult decode_link(const uint8_t* data, uint32_t length, uint16_t link_type, LinkInfo& link);

}  // namespace mailscope
