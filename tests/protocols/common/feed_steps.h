// tests/protocols/common/feed_steps.h — feed a two-way transcript whole, byte by byte, or split.
//
// A transcript is a list of steps (direction, bytes). Each step's bytes are handed to the
// parser in one call, one byte per call, or in two calls split at a position. Stream offsets
// grow per direction; every call gets the next packet number (from 1) and time.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "tcp/stream_listener.h"
#include "tcp/tcp_session.h"

namespace mailscope::test {

struct Step {
  Direction direction;
  std::string bytes;
};

using FeedFunction = std::function<void(Direction, const uint8_t*, size_t, const SegmentOrigin&)>;

// split == 0: whole steps; split == SIZE_MAX: byte by byte; else two calls split at `split`.
inline void feed_steps(const std::vector<Step>& steps, size_t split, const FeedFunction& feed) {
  uint64_t offset[2] = {0, 0};
  uint64_t packet = 1;
  for (const Step& step : steps) {
    const auto* p = reinterpret_cast<const uint8_t*>(step.bytes.data());
    size_t n = step.bytes.size();
    std::vector<std::pair<size_t, size_t>> pieces;
    if (split == 0 || n <= 1) {
      pieces.push_back({0, n});
    } else if (split == SIZE_MAX) {
      for (size_t i = 0; i < n; ++i) pieces.push_back({i, 1});
    } else if (split < n) {
      pieces.push_back({0, split});
      pieces.push_back({split, n - split});
    } else {
      pieces.push_back({0, n});
    }
    for (auto [begin, length] : pieces) {
      SegmentOrigin origin;
      origin.stream_offset = offset[index_of(step.direction)] + begin;
      origin.packet_number = packet;
      origin.time_ns = static_cast<int64_t>(packet) * 1000;
      ++packet;
      feed(step.direction, p + begin, length, origin);
    }
    offset[index_of(step.direction)] += n;
  }
}

inline size_t longest_step(const std::vector<Step>& steps) {
  size_t n = 0;
  for (const Step& s : steps) n = s.bytes.size() > n ? s.bytes.size() : n;
  return n;
}

// Runs `dump_of(split)` whole, byte by byte and at every split; all must equal the whole run.
// Returns the whole run's dump.
inline std::string same_for_every_split(const std::vector<Step>& steps,
                                        const std::function<std::string(size_t)>& dump_of,
                                        std::vector<std::string>* mismatches) {
  std::string whole = dump_of(0);
  auto check = [&](size_t split) {
    std::string d = dump_of(split);
    if (d != whole) mismatches->push_back("split " + std::to_string(split) + ":\n" + d);
  };
  check(SIZE_MAX);
  for (size_t k = 1; k < longest_step(steps); ++k) check(k);
  return whole;
}

}  // namespace mailscope::test
