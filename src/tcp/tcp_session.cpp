// tcp/tcp_session.cpp — names of directions and end reasons, for dumps and translation keys.
#include "tcp/tcp_session.h"

namespace mailscope {

const char* direction_name(Direction d) {
  return d == Direction::client_to_server ? "client" : "server";
}

const char* end_reason_name(EndReason r) {
  switch (r) {
    case EndReason::open:
      return "open";
    case EndReason::fin:
      return "fin";
    case EndReason::rst:
      return "rst";
    case EndReason::end_of_capture:
      return "end of capture";
    case EndReason::evicted:
      return "evicted";
    case EndReason::port_reused:
      return "port reused";
    case EndReason::idle_timeout:
      return "idle timeout";
  }
  return "unknown";
}

}  // namespace mailscope
