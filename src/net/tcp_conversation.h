// net/tcp_conversation.h — write a whole TCP conversation (handshake, data, ACKs, FIN) as frames.
//
// The project's capture writer for dialogues that real software cannot produce (the lesson
// sources' IMAP transcript, pathological cases in tests):
//
//   TcpConversation talk(client, server, {.link_type = uint16_t(LinkType::ethernet)});
//   talk.open();                                   // SYN, SYN/ACK, ACK
//   talk.send(TcpConversation::server, "220 mail.example.org ESMTP\r\n");
//   talk.send(TcpConversation::client, "EHLO pc.example.org\r\n");
//   talk.close();                                  // FIN/ACK both ways
//   for (const auto& frame : talk.frames()) writer.write(frame.as_frame(number++));
//
// Data is cut into segments of at most `mss` bytes; the receiver acknowledges each turn.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "capture/frame.h"
#include "net/address.h"

namespace mailscope {

struct ConversationSettings {
  uint16_t link_type = 1;            // LinkType::ethernet
  int64_t start_time_ns = 1'795'000'000'000'000'000;   // 2026-11-18
  int64_t step_ns = 2'000'000;       // time between consecutive packets
  uint32_t client_isn = 1000, server_isn = 5000;
  uint32_t mss = 1460;
};

struct BuiltFrame {
  int64_t time_ns = 0;
  uint16_t link_type = 1;
  std::vector<uint8_t> bytes;
  // A Frame view of these bytes, numbered `number` (valid while this BuiltFrame lives).
  Frame as_frame(uint64_t number) const;
};

class TcpConversation {
 public:
  enum Side : uint8_t { client = 0, server = 1 };

  TcpConversation(Endpoint client_end, Endpoint server_end, ConversationSettings settings = {});

  void open();                                       // three-way handshake
  void send(Side from, std::string_view bytes);      // data in MSS segments, then an ACK back
  void pause(int64_t nanoseconds);                   // let capture time pass (a user thinking)
  void close();                                      // FIN from the client, FIN from the server
  void reset(Side from);                             // RST

  const std::vector<BuiltFrame>& frames() const { return frames_; }

 private:
  void emit(Side from, uint8_t flags, std::string_view payload);
  Endpoint ends_[2];
  uint32_t next_sequence_[2];
  ConversationSettings settings_;
  int64_t clock_ns_;
  std::vector<BuiltFrame> frames_;
};

}  // namespace mailscope
