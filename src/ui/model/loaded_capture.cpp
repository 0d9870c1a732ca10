// ui/model/loaded_capture.cpp — lookups over the loaded dialogues and packet index.
#include "ui/model/loaded_capture.h"

#include <algorithm>

namespace mailscope {

const Dialogue* LoadedCapture::dialogue(uint32_t stream) const {
  if (!analyzer && !live) return nullptr;
  const auto& all = analyzer ? analyzer->dialogues() : live->dialogues();
  return stream < all.size() ? all[stream].get() : nullptr;
}

const std::vector<PacketRef>& LoadedCapture::packets(uint32_t stream) const {
  static const std::vector<PacketRef> kNone;
  return stream < packets_by_stream.size() ? packets_by_stream[stream] : kNone;
}

size_t LoadedCapture::first_packet_at_or_after(uint32_t stream, uint64_t number) const {
  const auto& list = packets(stream);
  auto it = std::lower_bound(list.begin(), list.end(), number,
                             [](const PacketRef& p, uint64_t n) { return p.number < n; });
  return static_cast<size_t>(it - list.begin());
}

size_t LoadedCapture::count_payload_packets(uint32_t stream, Direction direction, uint64_t first,
                                            uint64_t last) const {
  const auto& list = packets(stream);
  size_t count = 0;
  for (size_t i = first_packet_at_or_after(stream, first); i < list.size() && list[i].number <= last; ++i) {
    if (list[i].direction == direction && list[i].payload_length > 0) ++count;
  }
  return count;
}

}  // namespace mailscope
