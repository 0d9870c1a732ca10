// tcp/tcp_reassembler.h — follow every TCP connection and deliver each direction in order.
//
//   TcpReassembler reassembler(listener, ReassemblyLimits{});
//   for each DecodedPacket p with p.is_tcp(): reassembler.add(p);
//   reassembler.finish();                 // end of capture: flush holes, close what is open
//
// Sessions are keyed by their 4-tuple and numbered in order of their first packet, the way
// Wireshark numbers tcp.stream. A SYN on a 4-tuple whose connection ended (FIN both ways or
// RST) starts a new session (port reuse).
//
// Each direction keeps the next expected sequence number (32-bit arithmetic, so wraparound
// across 2^32 is ordinary). A segment:
//   - wholly before it: a retransmission (or keep-alive / zero-window probe), counted, dropped;
//   - overlapping it: the already delivered part is compared, a difference is counted as a
//     conflicting overlap, and only the new tail is delivered (policy: first data wins);
//   - after it: buffered out of order until the hole fills (overlaps between buffered
//     segments are resolved the same way).
// A hole is given up — delivered as on_gap(N) and the buffered bytes after it released — when
// a FIN or RST from that side is seen, at finish(), or when the direction's buffered bytes
// exceed limits.max_buffered_bytes_per_direction. A segment whose payload the snap length cut
// delivers what was captured and a gap for the rest.
//
// The table holds at most limits.max_sessions open sessions; when full, the session idle the
// longest is closed with EndReason::evicted. Every such event is counted in stats().
#pragma once
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "net/packet.h"
#include "tcp/stream_listener.h"
#include "tcp/tcp_session.h"

namespace mailscope {

struct ReassemblyLimits {
  uint64_t max_buffered_bytes_per_direction = 4u << 20;   // out-of-order bytes held
  uint64_t max_buffered_segments_per_direction = 4096;
  uint64_t max_sessions = 200'000;                         // open sessions in the table
  int64_t idle_timeout_ns = 0;       // 0 = never time out; > 0: sessions idle that long close
};

struct ReassemblyStats {
  uint64_t packets = 0;              // TCP packets given to add()
  uint64_t sessions = 0;             // sessions created
  uint64_t sessions_evicted = 0;     // closed because the table was full
  uint64_t holes_forced = 0;         // holes given up because a buffer bound was hit
};

// Decides which side of a connection seen without its SYN is the server: returns true when
// `port` is a service port (the caller maps protocols). Without one, the lower port is taken.
using IsServicePort = bool (*)(uint16_t port, const void* context);

class TcpReassembler {
 public:
  TcpReassembler(StreamListener& listener, ReassemblyLimits limits = {},
                 IsServicePort is_service_port = nullptr, const void* context = nullptr);
  ~TcpReassembler();
  TcpReassembler(const TcpReassembler&) = delete;
  TcpReassembler& operator=(const TcpReassembler&) = delete;

  void add(const DecodedPacket& packet);  // ignores packets that are not TCP
  void finish();                          // end of input: give up holes, close every session
  const ReassemblyStats& stats() const { return stats_; }
  size_t open_sessions() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ReassemblyStats stats_;
};

}  // namespace mailscope
