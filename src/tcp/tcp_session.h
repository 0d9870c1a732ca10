// tcp/tcp_session.h — one TCP connection as the reassembler sees it, and its counters.
#pragma once
#include <cstdint>
#include <string>

#include "net/address.h"

namespace mailscope {

// Which way bytes travel. The client is the side that sent the SYN; for a session picked
// up in the middle, the side whose port is not a known service port (see tcp_reassembler.h).
enum class Direction : uint8_t { client_to_server = 0, server_to_client = 1 };
inline int index_of(Direction d) { return static_cast<int>(d); }
inline Direction opposite(Direction d) {
  return d == Direction::client_to_server ? Direction::server_to_client
                                          : Direction::client_to_server;
}
const char* direction_name(Direction d);  // "client", "server" (the sender)

// Why a session stopped delivering bytes.
enum class EndReason : uint8_t {
  open,            // still open (not ended yet)
  fin,             // both sides sent FIN (or one FIN and the capture ended)
  rst,             // a RST was seen
  end_of_capture,  // the file ended while the connection was open
  evicted,         // the session table was full; the oldest idle session was dropped
  port_reused,     // a new SYN on the same 4-tuple after the old connection closed
  idle_timeout,    // no packet for ReassemblyLimits::idle_timeout_ns (only when enabled)
};
const char* end_reason_name(EndReason r);  // "fin", "rst", "end of capture", ...

// Counters for one direction of a connection.
struct DirectionStats {
  uint64_t packets = 0;               // TCP segments seen in this direction, pure ACKs included
  uint64_t payload_packets = 0;       // segments with payload
  uint64_t delivered_bytes = 0;       // payload bytes delivered in order (gaps excluded)
  uint64_t gap_bytes = 0;             // bytes reported missing
  uint64_t gaps = 0;                  // number of gap events
  uint64_t retransmitted_bytes = 0;   // bytes seen again with the same content
  uint64_t retransmissions = 0;       // segments that were wholly or partly retransmissions
  uint64_t overlaps_conflicting = 0;  // overlaps whose bytes differed (first data kept)
  uint64_t out_of_order = 0;          // segments that arrived ahead of a hole
  uint64_t truncated_segments = 0;    // segments cut by the snap length
  uint64_t keep_alives = 0;           // keep-alives: 0 or 1 byte at next sequence - 1, dropped
  uint64_t out_of_window = 0;         // segments 2^30 or more away from the expected sequence,
                                      // or data after this side's FIN / RST: ignored
  bool syn = false, fin = false, rst = false;
  uint32_t initial_sequence = 0;  // ISN (or the first sequence seen when midstream)
};

struct TcpSession {
  uint32_t id = 0;  // stream number: 0, 1, 2 ... in order of first packet,
                    // the same as Wireshark's tcp.stream
  Endpoint client, server;
  int64_t first_time_ns = 0, last_time_ns = 0;
  uint64_t first_packet = 0, last_packet = 0;  // frame numbers
  bool midstream = false;                      // no SYN seen: picked up after the handshake
  bool handshake_complete = false;             // SYN, SYN/ACK and ACK seen
  bool ip_fragments = false;                   // a segment came in IP fragments (reassembled)
  EndReason end = EndReason::open;
  DirectionStats stats[2];  // indexed by index_of(Direction)

  const DirectionStats& from(Direction d) const { return stats[index_of(d)]; }
};

}  // namespace mailscope
