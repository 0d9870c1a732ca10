// net/link_layer.cpp — link-layer headers: Ethernet (with 802.1Q/802.1ad tags), Linux cooked
// capture v1 and v2, BSD NULL and OpenBSD LOOP, raw IP.
//
// Header layouts follow https://www.tcpdump.org/linktypes.html and the per-type pages
// (LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_NULL, LINKTYPE_LOOP).
#include "net/link_layer.h"

#include <cstring>

#include "capture/byte_order.h"

namespace mailscope {
namespace {

// More tags than this is not a frame a real network carries; stop rather than loop.
constexpr int kMaxVlanTags = 8;

NetworkProtocol from_ether_type(uint16_t type) {
  if (type == ether_type::ipv4) return NetworkProtocol::ipv4;
  if (type == ether_type::ipv6) return NetworkProtocol::ipv6;
  return NetworkProtocol::other;
}

LinkResult malformed(const char* problem) {
  LinkResult r;
  r.status = DecodeStatus::malformed;
  r.problem = problem;
  return r;
}

LinkResult ethernet(const uint8_t* data, uint32_t length, LinkInfo& link) {
  // IEEE 802.3 clause 3.2: destination MAC, source MAC, EtherType/length.
  if (length < 14) return malformed("Ethernet header cut short (needs 14 bytes)");
  std::memcpy(link.destination_mac.data(), data, 6);
  std::memcpy(link.source_mac.data(), data + 6, 6);
  link.has_macs = true;
  uint32_t offset = 12;
  uint16_t type = bytes::be16(data + offset);
  offset += 2;
  // IEEE 802.1Q §9.6: a tag is TPID (already read) + TCI, whose low 12 bits are the VLAN id.
  // 802.1ad puts an outer service tag (0x88a8, formerly 0x9100) before the customer tag.
  int tags = 0;
  while (type == ether_type::vlan || type == ether_type::qinq || type == ether_type::qinq_old) {
    if (++tags > kMaxVlanTags) return malformed("too many VLAN tags");
    if (length < offset + 4) return malformed("VLAN tag cut short (needs 4 bytes)");
    if (link.vlan_count < 2) link.vlan_ids[link.vlan_count++] = bytes::be16(data + offset) & 0x0fff;
    type = bytes::be16(data + offset + 2);
    offset += 4;
  }
  link.ether_type = type;
  LinkResult r;
  r.network_offset = offset;
  // IEEE 802.3 §3.2.6: values up to 1500 are a length (an LLC frame), not an EtherType.
  r.network = from_ether_type(type);
  if (r.network == NetworkProtocol::other) r.status = DecodeStatus::not_tcp;
  return r;
}

LinkResult linux_sll(const uint8_t* data, uint32_t length, LinkInfo& link) {
  // LINKTYPE_LINUX_SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol.
  if (length < 16) return malformed("Linux cooked (SLL) header cut short (needs 16 bytes)");
  link.sll_packet_type = bytes::be16(data);
  uint16_t address_length = bytes::be16(data + 4);
  if (address_length == 6) {
    std::memcpy(link.source_mac.data(), data + 6, 6);
    link.has_macs = true;
  }
  link.ether_type = bytes::be16(data + 14);
  LinkResult r;
  r.network_offset = 16;
  r.network = from_ether_type(link.ether_type);
  if (r.network == NetworkProtocol::other) r.status = DecodeStatus::not_tcp;
  return r;
}

LinkResult linux_sll2(const uint8_t* data, uint32_t length, LinkInfo& link) {
  // LINKTYPE_LINUX_SLL2: protocol, reserved, interface index, ARPHRD type, packet type,
  // address length, 8 address bytes.
  if (length < 20) return malformed("Linux cooked (SLL2) header cut short (needs 20 bytes)");
  link.ether_type = bytes::be16(data);
  link.sll2_interface_index = bytes::be32(data + 4);
  link.sll_packet_type = data[10];
  if (data[11] == 6) {
    std::memcpy(link.source_mac.data(), data + 12, 6);
    link.has_macs = true;
  }
  LinkResult r;
  r.network_offset = 20;
  r.network = from_ether_type(link.ether_type);
  if (r.network == NetworkProtocol::other) r.status = DecodeStatus::not_tcp;
  return r;
}

// Address-family values of the BSDs: AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD,
// OpenBSD), 28 (FreeBSD, DragonFly) or 30 (macOS, iOS).
NetworkProtocol from_family(uint32_t family) {
  if (family == 2) return NetworkProtocol::ipv4;
  if (family == 24 || family == 28 || family == 30) return NetworkProtocol::ipv6;
  return NetworkProtocol::other;
}

LinkResult loopback(const uint8_t* data, uint32_t length, bool network_order) {
  if (length < 4) return malformed("loopback header cut short (needs 4 bytes)");
  LinkResult r;
  r.network_offset = 4;
  if (network_order) {
    r.network = from_family(bytes::be32(data));  // LINKTYPE_LOOP
  } else {
    // LINKTYPE_NULL: the family is in the byte order of the host that captured, which the
    // file does not record; both readings are tried (the values are small, so only one fits).
    r.network = from_family(bytes::le32(data));
    if (r.network == NetworkProtocol::other) r.network = from_family(bytes::be32(data));
  }
  if (r.network == NetworkProtocol::other) r.status = DecodeStatus::not_tcp;
  return r;
}

}  // namespace

LinkResult decode_link(const uint8_t* data, uint32_t length, uint16_t link_type, LinkInfo& link) {
  link.link_type = link_type;
  LinkResult r;
  switch (static_cast<LinkType>(link_type)) {
    case LinkType::ethernet:
      return ethernet(data, length, link);
    case LinkType::linux_sll:
      return linux_sll(data, length, link);
    case LinkType::linux_sll2:
      return linux_sll2(data, length, link);
    case LinkType::null_loopback:
      return loopback(data, length, false);
    case LinkType::loop:
      return loopback(data, length, true);
    case LinkType::raw:
      r.network = NetworkProtocol::ip_by_version;
      return r;
    case LinkType::ipv4:
      r.network = NetworkProtocol::ipv4;
      return r;
    case LinkType::ipv6:
      r.network = NetworkProtocol::ipv6;
      return r;
  }
  r.status = DecodeStatus::unknown_link;
  return r;
}

}  // namespace mailscope
