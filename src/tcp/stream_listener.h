// tcp/stream_listener.h — what the reassembler tells whoever consumes the streams.
//
// Calls for one session come in this order: on_open, then any mix of on_packet / on_data /
// on_gap, then on_close exactly once. Bytes given to on_data are borrowed (valid during the
// call). Within a direction, on_data and on_gap together cover the stream without overlap:
// stream_offset of each call equals the previous call's offset + length.
#pragma once
#include <cstddef>
#include <cstdint>

#include "net/packet.h"
#include "tcp/tcp_session.h"

namespace mailscope {

// Where a delivered chunk came from.
struct SegmentOrigin {
  uint64_t stream_offset = 0;  // offset of the first byte in this direction's stream (0 = first
                               // byte after the SYN, or the first byte seen when midstream)
  uint64_t packet_number = 0;  // the frame that carried these bytes
  int64_t time_ns = 0;
};

class StreamListener {
 public:
  virtual ~StreamListener() = default;
  virtual void on_open(const TcpSession& session) { (void)session; }
  // Every TCP segment of the session, before any bytes it delivers (SYN, pure ACK, FIN, RST
  // included), so views can draw L4 arrows and count packets.
  virtual void on_packet(const TcpSession& session, Direction direction,
                         const DecodedPacket& packet) {
    (void)session;
    (void)direction;
    (void)packet;
  }
  virtual void on_data(const TcpSession& session, Direction direction, const uint8_t* bytes,
                       size_t length, const SegmentOrigin& origin) = 0;
  // `length` bytes at `origin.stream_offset` were never captured.
  virtual void on_gap(const TcpSession& session, Direction direction, uint64_t length,
                      const SegmentOrigin& origin) = 0;
  virtual void on_close(const TcpSession& session) { (void)session; }
};

}  // namespace mailscope
