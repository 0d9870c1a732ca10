// dialogue/event.cpp — event type names (the JSON `type`) and growing a StreamSpan.
#include "dialogue/event.h"

#include <algorithm>
#include <ostream>

namespace mailscope {

std::ostream& operator<<(std::ostream& out, const TranslationKey& key) { return out << key.view(); }

const char* event_type_name(EventType t) {
  switch (t) {
    case EventType::connection_open:
      return "connection_open";
    case EventType::greeting:
      return "greeting";
    case EventType::command:
      return "command";
    case EventType::reply:
      return "reply";
    case EventType::untagged:
      return "untagged";
    case EventType::continuation:
      return "continuation";
    case EventType::auth_response:
      return "auth_response";
    case EventType::data:
      return "data";
    case EventType::tls:
      return "tls";
    case EventType::gap:
      return "gap";
    case EventType::connection_close:
      return "connection_close";
  }
  return "unknown";
}

// An empty span (first_packet == 0; frame numbers start at 1) takes the first chunk as it is;
// later chunks widen the byte range and move the "last" packet and time forward. Chunks of
// one direction arrive in stream order, but min/max keep the range right even if they do not.
void StreamSpan::extend(const SegmentOrigin& origin, uint64_t stream_offset, uint64_t length) {
  if (empty()) {
    begin = stream_offset;
    end = stream_offset + length;
    first_packet = last_packet = origin.packet_number;
    first_time_ns = last_time_ns = origin.time_ns;
    return;
  }
  begin = std::min(begin, stream_offset);
  end = std::max(end, stream_offset + length);
  if (origin.packet_number >= last_packet) {
    last_packet = origin.packet_number;
    last_time_ns = std::max(last_time_ns, origin.time_ns);
  }
}

}  // namespace mailscope
