// capture/frame.h — one captured frame, as it came out of a file or a live device.
//
// A Frame is the unit that flows from capture/ into net/. Its bytes are borrowed: `data`
// is valid only until the reader is asked for the next frame, so whoever keeps bytes
// copies them once, on purpose (STYLE.md convention 5).
#pragma once
#include <cstdint>

namespace mailscope {

// Link-layer header types we decode, with their LINKTYPE_* numbers from the pcap/pcapng
// specifications (https://www.tcpdump.org/linktypes.html).
enum class LinkType : uint16_t {
  null_loopback = 0,    // BSD loopback: 4-byte address family in host byte order
  ethernet = 1,         // Ethernet II, possibly with 802.1Q / QinQ tags
  raw = 101,            // raw IPv4 or IPv6, version from the first nibble
  loop = 108,           // OpenBSD loopback: 4-byte address family in network byte order
  linux_sll = 113,      // Linux "cooked" capture v1 (tcpdump -i any, older)
  ipv4 = 228,           // raw IPv4
  ipv6 = 229,           // raw IPv6
  linux_sll2 = 276,     // Linux "cooked" capture v2 (tcpdump -i any, libpcap >= 1.10)
};

struct Frame {
  uint64_t number = 0;           // 1-based, the same as Wireshark's frame.number
  int64_t time_ns = 0;           // capture time in nanoseconds since the Unix epoch
  uint32_t captured_length = 0;  // bytes present in `data`
  uint32_t original_length = 0;  // bytes on the wire (> captured_length when the snap length cut it)
  uint16_t link_type = 0;        // a LinkType value (kept numeric: files may carry others)
  uint32_t interface_id = 0;     // pcapng interface index; 0 for pcap files and live captures
  uint64_t file_offset = 0;      // where the frame's record starts in its file, to read it again
  const uint8_t* data = nullptr;
};

}  // namespace mailscope
