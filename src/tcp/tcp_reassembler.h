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
// Port reuse, as Wireshark's packet-tcp.c decides it: a SYN without ACK on a known 4-tuple
// starts a new session when its sender's side already has a sequence base (it sent a SYN, or
// data, or the session ended) and the SYN's sequence number differs from that side's ISN.
// The same ISN is a retransmitted SYN. The old session closes first, with its real reason
// (fin, rst) when it had ended, else EndReason::port_reused. A SYN/ACK never splits a session.
//
// Connection life: after FIN both ways or a RST the session has ended (no more data is
// accepted, holes are given up) but stays in the table for the trailing packets (the last
// ACK, RSTs answering late segments) so they still reach on_packet. It closes (on_close, memory
// released) as soon as both FINs are acknowledged, or limits.linger_ns of capture time after it
// ended, or at a port-reusing SYN, eviction or finish(). After that a packet on its 4-tuple
// without SYN and without payload is counted as stray (stats().stray_packets) instead of
// opening a session of its own; the last limits.max_closed_remembered closed 4-tuples are kept
// for this.
//
// Roles: the SYN sender is the client; if the first packet is a SYN/ACK its sender is the
// server (and the client's ISN is its ACK - 1). Otherwise the session is `midstream`: the
// side whose port IsServicePort accepts is the server, else the lower port.
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
  uint64_t max_buffered_bytes_per_direction = 4u << 20;  // out-of-order bytes held
  uint64_t max_buffered_segments_per_direction = 4096;
  uint64_t max_sessions = 200'000;    // open sessions in the table
  int64_t idle_timeout_ns = 0;        // 0 = never time out; > 0: sessions idle that long close
  int64_t linger_ns = 2'000'000'000;  // an ended session waits this long for trailing packets
  uint32_t history_bytes_per_direction = 2048;  // delivered bytes kept to compare retransmissions
  uint64_t max_closed_remembered = 65536;       // closed 4-tuples kept to recognise stray packets
};

struct ReassemblyStats {
  uint64_t packets = 0;             // TCP packets given to add()
  uint64_t sessions = 0;            // sessions created
  uint64_t sessions_evicted = 0;    // closed because the table was full
  uint64_t holes_forced = 0;        // holes given up because a buffer bound was hit
  uint64_t sessions_timed_out = 0;  // closed by limits.idle_timeout_ns
  uint64_t port_reuses = 0;         // sessions ended by a SYN starting a new one on their 4-tuple
  uint64_t stray_packets = 0;       // packets without SYN or payload after their session closed
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
