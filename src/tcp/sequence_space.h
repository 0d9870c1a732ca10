// tcp/sequence_space.h — comparisons in TCP's 32-bit sequence space.
//
// RFC 9293 §3.4: sequence numbers live in a space of 2^32 and all arithmetic on them is
// modulo 2^32, so "a is before b" means the signed 32-bit difference b - a is positive.
// This makes wraparound across 2^32 an ordinary case, as long as the two numbers are less
// than 2^31 apart (which any real window is).
#pragma once
#include <cstdint>

namespace mailscope {

// b - a as a signed distance: positive when b is after a.
inline int32_t sequence_distance(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(b - a);  // modular difference, then reinterpret (C++20: defined)
}
inline bool sequence_before(uint32_t a, uint32_t b) { return sequence_distance(a, b) > 0; }
inline bool sequence_at_or_after(uint32_t a, uint32_t b) { return sequence_distance(b, a) >= 0; }

}  // namespace mailscope
