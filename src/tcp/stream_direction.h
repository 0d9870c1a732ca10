// tcp/stream_direction.h — one direction of a TCP connection: bytes in, ordered bytes out.
//
// A StreamDirection turns segments (sequence number + payload) into a gap-free account of
// the sender's byte stream: every stream offset is delivered exactly once, either as data
// (StreamSink::data) or as missing (StreamSink::gap). It never invents bytes and never stalls
// for good: whoever owns it calls give_up_holes() when no more data can be expected.
//
//   segment ──add()──┬─ before next_offset_:   retransmission, compared with history_, dropped
//                    ├─ at next_offset_:       delivered straight from the packet (no copy)
//                    └─ after next_offset_:    copied into chunks_ until the hole fills
//
// Sequence numbers are 32-bit and wrap (RFC 9293 §3.4); stream offsets are 64-bit. The
// mapping is anchored at next_seq_ <-> next_offset_ and moves with every delivery.
//
// Overlap policy: first data wins. Bytes seen twice are compared when the first copy is still
// at hand (buffered, or among the last limits.history_bytes delivered); a difference counts one
// conflicting overlap in DirectionStats.
//
// Limits: at most max_bytes buffered data bytes and max_segments buffered chunks; past that,
// the first hole is given up (a gap) and the count is added to *StreamSink::holes_forced.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "tcp/stream_listener.h"

namespace mailscope {

// Where a direction delivers; the owner fills it per call (it is four pointers).
struct StreamSink {
  StreamListener* listener = nullptr;
  const TcpSession* session = nullptr;
  Direction direction = Direction::client_to_server;
  DirectionStats* stats = nullptr;
  uint64_t* holes_forced = nullptr;

  void data(const uint8_t* bytes, uint64_t length, const SegmentOrigin& origin) const;
  void gap(uint64_t length, const SegmentOrigin& origin) const;
};

// The packet a segment came from (its number and time), for SegmentOrigin.
struct PacketStamp {
  uint64_t number = 0;
  int64_t time_ns = 0;
};

struct DirectionLimits {
  uint64_t max_bytes = 4u << 20;
  uint64_t max_segments = 4096;
  uint32_t history_bytes = 2048;  // delivered bytes kept to compare retransmissions with
};

class StreamDirection {
 public:
  explicit StreamDirection(DirectionLimits limits = {}) : limits_(limits) {}

  bool started() const { return started_; }
  bool finished() const { return finished_; }
  uint32_t next_sequence() const { return next_seq_; }
  uint64_t next_offset() const { return next_offset_; }
  uint64_t buffered_bytes() const { return buffered_bytes_; }
  size_t buffered_segments() const { return chunks_.size(); }

  // Anchors stream offset 0 at `first_sequence` (the ISN + 1, or the first byte seen midstream).
  void start(uint32_t first_sequence);

  // True for a keep-alive (RFC 9293 §3.8.4: 0 or 1 byte at next sequence - 1). A 1-byte
  // segment equal to the last delivered byte is a retransmission (a repeated zero-window
  // probe, RFC 9293 §3.8.6.1), not a keep-alive.
  bool is_keep_alive(uint32_t sequence, const uint8_t* bytes, uint32_t captured,
                     uint32_t wire_length) const;

  // Payload that begins at `sequence`: `captured` bytes present, `wire_length` sent.
  void add(const StreamSink& sink, uint32_t sequence, const uint8_t* bytes, uint32_t captured,
           uint32_t wire_length, const PacketStamp& ref);

  // Gives up every hole: buffered chunks are released, holes before them reported as gaps.
  void give_up_holes(const StreamSink& sink, const PacketStamp& ref);

  // This side's FIN at `fin_sequence` (RFC 9293 §3.5: it follows the last data byte): gives up
  // holes, reports bytes missing before the FIN, and accepts no new data afterwards.
  void finish_at(const StreamSink& sink, uint32_t fin_sequence, const PacketStamp& ref);

  // No new data after this (RST): holes are given up, later payload only counted.
  void stop(const StreamSink& sink, const PacketStamp& ref);

 private:
  struct Chunk {
    uint64_t length = 0;
    bool missing = false;  // cut by the snap length: a known gap, no bytes
    PacketStamp ref;
    std::unique_ptr<uint8_t[]> bytes;
  };

  void deliver_data(const StreamSink& sink, const uint8_t* bytes, uint64_t length,
                    const PacketStamp& ref);
  void deliver_gap(const StreamSink& sink, uint64_t length, const PacketStamp& ref);
  // Copies the parts of [from, seg_end) no chunk covers; compares the parts one does.
  void buffer_segment(uint64_t seg_start, uint64_t from, uint64_t seg_end, uint64_t captured_end,
                      const uint8_t* bytes, const PacketStamp& ref, uint64_t& overlapped,
                      uint64_t& differing);
  void insert_piece(uint64_t seg_start, uint64_t from, uint64_t to, uint64_t captured_end,
                    const uint8_t* bytes, const PacketStamp& ref);
  void drain(const StreamSink& sink);
  void enforce_limits(const StreamSink& sink, const PacketStamp& ref);
  void release_first_hole(const StreamSink& sink, const PacketStamp& ref);

  DirectionLimits limits_;
  bool started_ = false, finished_ = false;
  uint32_t next_seq_ = 0;             // sequence number of the next byte to deliver
  uint64_t next_offset_ = 0;          // its stream offset
  std::map<uint64_t, Chunk> chunks_;  // out-of-order data by stream offset, never overlapping
  uint64_t buffered_bytes_ = 0;
  std::vector<uint8_t> history_;  // ring: offset o lives at history_[o % size]
  uint64_t history_length_ = 0;   // valid bytes that end at next_offset_
};

}  // namespace mailscope
