// net/ip_defragmenter.h — rebuild IPv4 (and IPv6) datagrams split into fragments.
//
//   IpDefragmenter defrag(limits);
//   if (decode_frame(frame, packet) == DecodeStatus::ip_fragment)
//     if (defrag.add(frame, packet)) packet is now a whole TCP segment (reassembled_from_fragments)
//
// RFC 791 §3.2 / RFC 8200 §4.5: fragments are keyed by (source, destination, protocol, id) and
// placed by offset; the datagram is complete when the fragment without MF arrived and no hole
// remains. Overlapping fragments keep the first bytes (the same policy as TCP). Incomplete
// datagrams are dropped after `timeout_ns` of capture time or when `max_bytes` is exceeded;
// every drop is counted.
#pragma once
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "net/packet.h"

namespace mailscope {

struct DefragLimits {
  uint64_t max_bytes = 16u << 20;  // buffered fragment bytes across all datagrams
  int64_t timeout_ns = 30'000'000'000;
  uint64_t max_datagrams = 4096;  // incomplete datagrams held at once
};

struct DefragStats {
  uint64_t fragments = 0, datagrams_rebuilt = 0, datagrams_dropped = 0;
};

class IpDefragmenter {
 public:
  explicit IpDefragmenter(DefragLimits limits = {});
  // Adds a fragment. When it completes a datagram that holds a TCP segment, rewrites
  // `packet` to describe the whole segment (status tcp, payload into our buffer valid until
  // the next call) and returns true.
  bool add(const Frame& frame, DecodedPacket& packet);
  const DefragStats& stats() const { return stats_; }

 private:
  struct Key {
    IpAddress source, destination;
    uint32_t id;
    uint8_t protocol;
    auto operator<=>(const Key&) const = default;
  };
  struct Pending {
    std::vector<uint8_t> bytes;  // the datagram's payload (after the IP header)
    std::vector<std::pair<uint32_t, uint32_t>> have;  // [begin, end) ranges received
    uint32_t total_length = 0;                        // known once the last fragment arrived
    int64_t first_seen_ns = 0;
  };
  void expire(int64_t now_ns);
  std::map<Key, Pending>::iterator drop(std::map<Key, Pending>::iterator it);
  void make_room(uint64_t needed, bool new_datagram);
  static void add_range(std::vector<std::pair<uint32_t, uint32_t>>& have, uint32_t begin,
                        uint32_t end);
  bool describe_rebuilt(uint8_t protocol, DecodedPacket& packet);

  DefragLimits limits_;
  DefragStats stats_;
  std::map<Key, Pending> pending_;
  uint64_t buffered_ = 0;
  int64_t last_expiry_ns_ = 0;
  std::vector<uint8_t> rebuilt_;
};

}  // namespace mailscope
