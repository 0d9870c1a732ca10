// tcp/packet_ref.h — one packet of a session as an index keeps it: enough to draw its L4
// arrow, list it, and read it again from the file (CaptureFile::read_at), in 32 bytes.
//
//   analyzer.on_session_packet = [&](const TcpSession& s, Direction d, const DecodedPacket& p) {
//     index[s.id].push_back(PacketRef::of(p, d));
//   };
//
// The window's loaded captures and the live capture's updates both keep these.
#pragma once
#include <cstdint>

#include "net/packet.h"
#include "tcp/tcp_session.h"

namespace mailscope {

struct PacketRef {
  uint64_t number = 0;        // frame number
  uint64_t file_offset = 0;   // for CaptureFile::read_at
  int64_t time_ns = 0;
  uint32_t payload_length = 0;  // TCP payload bytes on the wire
  uint8_t flags = 0;            // TCP flags
  Direction direction = Direction::client_to_server;
  uint16_t window = 0;

  static PacketRef of(const DecodedPacket& packet, Direction direction) {
    PacketRef ref;
    ref.number = packet.number;
    ref.file_offset = packet.file_offset;
    ref.time_ns = packet.time_ns;
    ref.payload_length = packet.tcp.payload_length_on_wire;
    ref.flags = packet.tcp.flags;
    ref.direction = direction;
    ref.window = packet.tcp.window;
    return ref;
  }
};

}  // namespace mailscope
