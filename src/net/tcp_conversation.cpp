// net/tcp_conversation.cpp — see tcp_conversation.h.
#include "net/tcp_conversation.h"

#include <algorithm>

#include "net/packet.h"
#include "net/packet_builder.h"

namespace mailscope {

Frame BuiltFrame::as_frame(uint64_t number) const {
  Frame frame;
  frame.number = number;
  frame.time_ns = time_ns;
  frame.link_type = link_type;
  frame.captured_length = frame.original_length = static_cast<uint32_t>(bytes.size());
  frame.data = bytes.data();
  return frame;
}

TcpConversation::TcpConversation(Endpoint client_end, Endpoint server_end,
                                 ConversationSettings settings)
    : ends_{client_end, server_end},
      next_sequence_{settings.client_isn, settings.server_isn},
      settings_(settings),
      clock_ns_(settings.start_time_ns) {}

void TcpConversation::emit(Side from, uint8_t flags, std::string_view payload) {
  Side to = from == client ? server : client;
  TcpPacketSpec spec;
  spec.source = ends_[from];
  spec.destination = ends_[to];
  spec.sequence = next_sequence_[from];
  spec.acknowledgement = (flags & tcp_flag::ack) ? next_sequence_[to] : 0;
  spec.flags = flags;
  spec.payload = std::string(payload);
  frames_.push_back({clock_ns_, settings_.link_type, build_tcp_frame(settings_.link_type, spec)});
  clock_ns_ += settings_.step_ns;
  // RFC 9293 §3.4: SYN and FIN each take one sequence number, data one per byte.
  next_sequence_[from] += static_cast<uint32_t>(payload.size());
  if (flags & (tcp_flag::syn | tcp_flag::fin)) next_sequence_[from] += 1;
}

void TcpConversation::open() {
  emit(client, tcp_flag::syn, {});
  emit(server, tcp_flag::syn | tcp_flag::ack, {});
  emit(client, tcp_flag::ack, {});
}

void TcpConversation::send(Side from, std::string_view bytes) {
  while (!bytes.empty()) {
    size_t take = std::min<size_t>(bytes.size(), settings_.mss);
    emit(from, tcp_flag::psh | tcp_flag::ack, bytes.substr(0, take));
    bytes.remove_prefix(take);
  }
  emit(from == client ? server : client, tcp_flag::ack, {});
}

void TcpConversation::pause(int64_t nanoseconds) { clock_ns_ += nanoseconds; }

void TcpConversation::close() {
  emit(client, tcp_flag::fin | tcp_flag::ack, {});
  emit(server, tcp_flag::fin | tcp_flag::ack, {});
  emit(client, tcp_flag::ack, {});
}

void TcpConversation::reset(Side from) { emit(from, tcp_flag::rst | tcp_flag::ack, {}); }

}  // namespace mailscope
