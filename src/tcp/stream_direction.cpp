// tcp/stream_direction.cpp — ordering one direction's bytes; see stream_direction.h.
#include "tcp/stream_direction.h"

#include <algorithm>
#include <cstring>

#include "tcp/sequence_space.h"

namespace mailscope {
namespace {

// Farther than this from the expected sequence number a segment is not believed: no window
// is larger (RFC 7323 §2.3 caps the scaled window at 2^30).
constexpr int64_t kMaxWindow = int64_t{1} << 30;

uint64_t count_differing(const uint8_t* a, const uint8_t* b, uint64_t n) {
  uint64_t differing = 0;
  for (uint64_t i = 0; i < n; ++i) differing += a[i] != b[i];
  return differing;
}

}  // namespace

void StreamSink::data(const uint8_t* bytes, uint64_t length, const SegmentOrigin& origin) const {
  stats->delivered_bytes += length;
  listener->on_data(*session, direction, bytes, static_cast<size_t>(length), origin);
}

void StreamSink::gap(uint64_t length, const SegmentOrigin& origin) const {
  stats->gap_bytes += length;
  ++stats->gaps;
  listener->on_gap(*session, direction, length, origin);
}

void StreamDirection::start(uint32_t first_sequence) {
  started_ = true;
  next_seq_ = first_sequence;
  next_offset_ = 0;
}

bool StreamDirection::is_keep_alive(uint32_t sequence, const uint8_t* bytes, uint32_t captured,
                                    uint32_t wire_length) const {
  if (!started_ || wire_length > 1 || sequence != next_seq_ - 1) return false;
  bool repeats_last_byte = wire_length == 1 && captured == 1 && history_length_ > 0 &&
                           history_[(next_offset_ - 1) % history_.size()] == bytes[0];
  return !repeats_last_byte;
}

void StreamDirection::add(const StreamSink& sink, uint32_t sequence, const uint8_t* bytes,
                          uint32_t captured, uint32_t wire_length, const PacketStamp& ref) {
  if (!started_ || wire_length == 0) return;
  DirectionStats& stats = *sink.stats;
  if (captured > wire_length) captured = wire_length;  // defensive: a decoder never does this
  if (captured < wire_length) ++stats.truncated_segments;

  int64_t distance = sequence_distance(next_seq_, sequence);
  if (distance >= kMaxWindow || distance <= -kMaxWindow) {
    ++stats.out_of_window;
    return;
  }
  // Bytes before stream offset 0 (before the SYN's sequence number + 1) are not stream data.
  int64_t signed_start = static_cast<int64_t>(next_offset_) + distance;
  uint64_t before_stream = signed_start < 0 ? static_cast<uint64_t>(-signed_start) : 0;
  uint64_t start = signed_start < 0 ? 0 : static_cast<uint64_t>(signed_start);
  if (before_stream >= wire_length) {
    ++stats.retransmissions;
    return;
  }
  uint64_t skip_captured = std::min<uint64_t>(before_stream, captured);
  bytes += skip_captured;
  uint64_t end = start + (wire_length - before_stream);
  uint64_t captured_end = start + (captured - skip_captured);

  uint64_t overlapped = before_stream, differing = 0;
  if (start < next_offset_) {
    // Seen before and already delivered: compare what history still holds.
    uint64_t old_end = std::min(end, next_offset_);
    overlapped += old_end - start;
    uint64_t compare_end = std::min(old_end, captured_end);
    uint64_t history_start = next_offset_ - history_length_;
    uint64_t from = std::max(start, history_start);
    uint64_t size = history_.size();
    for (uint64_t o = from; o < compare_end; ++o)
      differing += history_[o % size] != bytes[o - start];
  }

  if (end > next_offset_ && finished_) {
    ++stats.out_of_window;  // new bytes after this side's FIN or a RST
  } else if (end > next_offset_) {
    uint64_t from = std::max(start, next_offset_);
    if (from == next_offset_) {
      // In order: deliver what precedes the first buffered chunk straight from the packet.
      uint64_t limit = chunks_.empty() ? end : std::min(end, chunks_.begin()->first);
      uint64_t data_to = std::min(limit, std::max(captured_end, from));
      if (data_to > from) deliver_data(sink, bytes + (from - start), data_to - from, ref);
      if (limit > next_offset_) deliver_gap(sink, limit - next_offset_, ref);  // snap length cut
      from = limit;
    } else {
      ++stats.out_of_order;
    }
    if (from < end)
      buffer_segment(start, from, end, captured_end, bytes, ref, overlapped, differing);
    drain(sink);
    enforce_limits(sink, ref);
  }

  if (overlapped > 0) {
    ++stats.retransmissions;
    stats.retransmitted_bytes += overlapped - differing;
  }
  if (differing > 0) ++stats.overlaps_conflicting;
}

void StreamDirection::buffer_segment(uint64_t seg_start, uint64_t from, uint64_t seg_end,
                                     uint64_t captured_end, const uint8_t* bytes,
                                     const PacketStamp& ref, uint64_t& overlapped,
                                     uint64_t& differing) {
  auto it = chunks_.upper_bound(from);
  if (it != chunks_.begin()) {
    auto previous = std::prev(it);
    if (previous->first + previous->second.length > from) it = previous;
  }
  uint64_t pos = from;
  while (pos < seg_end) {
    if (it == chunks_.end() || it->first >= seg_end) {
      insert_piece(seg_start, pos, seg_end, captured_end, bytes, ref);
      break;
    }
    if (it->first > pos) {
      insert_piece(seg_start, pos, it->first, captured_end, bytes, ref);
      pos = it->first;
    }
    // Overlap with a buffered chunk: first data wins, the new copy is only compared.
    const Chunk& chunk = it->second;
    uint64_t overlap_end = std::min(seg_end, it->first + chunk.length);
    overlapped += overlap_end - pos;
    uint64_t compare_end = std::min(overlap_end, captured_end);
    if (!chunk.missing && compare_end > pos) {
      differing += count_differing(chunk.bytes.get() + (pos - it->first), bytes + (pos - seg_start),
                                   compare_end - pos);
    }
    pos = overlap_end;
    ++it;
  }
}

void StreamDirection::insert_piece(uint64_t seg_start, uint64_t from, uint64_t to,
                                   uint64_t captured_end, const uint8_t* bytes,
                                   const PacketStamp& ref) {
  if (from < captured_end) {
    uint64_t data_to = std::min(to, captured_end);
    Chunk chunk;
    chunk.length = data_to - from;
    chunk.ref = ref;
    chunk.bytes.reset(new uint8_t[chunk.length]);
    std::memcpy(chunk.bytes.get(), bytes + (from - seg_start), chunk.length);
    buffered_bytes_ += chunk.length;
    chunks_.emplace(from, std::move(chunk));
    from = data_to;
  }
  if (from < to) {  // the part the snap length cut: remembered as missing, holds no bytes
    Chunk chunk;
    chunk.length = to - from;
    chunk.missing = true;
    chunk.ref = ref;
    chunks_.emplace(from, std::move(chunk));
  }
}

void StreamDirection::drain(const StreamSink& sink) {
  while (!chunks_.empty() && chunks_.begin()->first == next_offset_) {
    auto node = chunks_.extract(chunks_.begin());
    Chunk& chunk = node.mapped();
    if (chunk.missing) {
      deliver_gap(sink, chunk.length, chunk.ref);
    } else {
      buffered_bytes_ -= chunk.length;
      deliver_data(sink, chunk.bytes.get(), chunk.length, chunk.ref);
    }
  }
}

void StreamDirection::release_first_hole(const StreamSink& sink, const PacketStamp& ref) {
  if (chunks_.empty()) return;
  uint64_t hole = chunks_.begin()->first - next_offset_;
  if (hole > 0) deliver_gap(sink, hole, ref);
  drain(sink);
}

void StreamDirection::enforce_limits(const StreamSink& sink, const PacketStamp& ref) {
  while (!chunks_.empty() &&
         (buffered_bytes_ > limits_.max_bytes || chunks_.size() > limits_.max_segments)) {
    release_first_hole(sink, ref);
    if (sink.holes_forced) ++*sink.holes_forced;
  }
}

void StreamDirection::give_up_holes(const StreamSink& sink, const PacketStamp& ref) {
  while (!chunks_.empty()) release_first_hole(sink, ref);
}

void StreamDirection::finish_at(const StreamSink& sink, uint32_t fin_sequence,
                                const PacketStamp& ref) {
  if (!started_ || finished_) return;
  give_up_holes(sink, ref);
  // RFC 9293 §3.4: the FIN occupies the sequence number after the last data byte, so every
  // byte before it was sent; those not seen are a gap.
  int64_t missing = sequence_distance(next_seq_, fin_sequence);
  if (missing > 0 && missing < kMaxWindow) deliver_gap(sink, static_cast<uint64_t>(missing), ref);
  finished_ = true;
}

void StreamDirection::stop(const StreamSink& sink, const PacketStamp& ref) {
  give_up_holes(sink, ref);
  finished_ = true;
}

void StreamDirection::deliver_data(const StreamSink& sink, const uint8_t* bytes, uint64_t length,
                                   const PacketStamp& ref) {
  sink.data(bytes, length, SegmentOrigin{next_offset_, ref.number, ref.time_ns});
  uint64_t size = limits_.history_bytes;
  if (size > 0) {
    // Keep the last `size` delivered bytes, each at its offset modulo size.
    if (history_.empty()) history_.resize(size);
    uint64_t n = std::min(length, size);
    const uint8_t* source = bytes + (length - n);
    uint64_t pos = (next_offset_ + (length - n)) % size;
    uint64_t first = std::min(n, size - pos);
    std::memcpy(history_.data() + pos, source, first);
    std::memcpy(history_.data(), source + first, n - first);
    history_length_ = std::min(size, history_length_ + length);
  }
  next_offset_ += length;
  next_seq_ += static_cast<uint32_t>(length);
}

void StreamDirection::deliver_gap(const StreamSink& sink, uint64_t length, const PacketStamp& ref) {
  sink.gap(length, SegmentOrigin{next_offset_, ref.number, ref.time_ns});
  history_length_ = 0;  // what came before the gap no longer ends at next_offset_
  next_offset_ += length;
  next_seq_ += static_cast<uint32_t>(length);
}

}  // namespace mailscope
