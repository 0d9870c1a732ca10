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

bool LoadedCapture::restore_events(const std::vector<uint32_t>& wanted, std::string& error) {
  if (!events_on_demand || !analyzer) return true;
  auto is_wanted = [&](uint32_t stream) {
    return std::find(wanted.begin(), wanted.end(), stream) != wanted.end();
  };
  // Release first, so at most the wanted sessions are held at once.
  for (uint32_t stream : restored) {
    if (is_wanted(stream)) continue;
    if (Dialogue* d = analyzer->dialogues()[stream].get()) std::vector<DialogueEvent>().swap(d->events);
    released[stream] = 1;
  }
  restored.erase(std::remove_if(restored.begin(), restored.end(), [&](uint32_t s) { return !is_wanted(s); }),
                 restored.end());

  bool ok = true;
  for (uint32_t stream : wanted) {
    if (!has_released_events(stream) || !file) continue;
    Dialogue* d = analyzer->dialogues()[stream].get();
    if (!d) continue;
    std::vector<FrameLocation> frames;
    frames.reserve(packets(stream).size());
    for (const PacketRef& p : packets(stream)) frames.push_back({p.file_offset, p.number});
    if (!replay_session(*file, frames, analyzer->options(), d->events, error)) {
      ok = false;
      continue;
    }
    released[stream] = 0;
    restored.push_back(stream);
  }
  return ok;
}

}  // namespace mailscope
