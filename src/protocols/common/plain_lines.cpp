// protocols/common/plain_lines.cpp — see plain_lines.h.
//
// The same work as copy_plain_run() once per line plus the bookkeeping around it, but in one
// loop: the constants stay in registers and a line costs no call. A line's bytes are copied and
// tested a block at a time: 32 bytes with AVX2 when the processor has it (asked at run time, so
// the program still runs on any x86-64), 16 with SSE2 otherwise; other processors use
// copy_plain_run. With AVX2 a line of up to 94 bytes is one step of three blocks, then its
// CRLF. Only the last bytes of `src` or of the room (less than a block) go through
// copy_plain_run's slower tail.
#include "protocols/common/plain_lines.h"

#include <algorithm>
#include <bit>
#include <cstdint>

#include "protocols/common/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define MAILSCOPE_AVX2 1
#endif

namespace mailscope {
namespace {

// The lines, each scanned and copied by `scan(dst, src, limit)`: copies src[0, limit) or more
// of it to dst (never past dst[limit - 1]) and returns where the first byte that is not
// printable ASCII is, or `limit` if there is none before it.
template <class Scan>
[[gnu::always_inline]] inline PlainLines copy_lines(Scan scan, char* dst, size_t room,
                                                    const char* src, size_t n, size_t max_line,
                                                    size_t max_out) {
  // A line whose text is this long is cut by max_line: it is left to the caller.
  const size_t line_limit = max_line < SIZE_MAX ? max_line + 1 : SIZE_MAX;
  // A line's text must end before this, for its "\n" to fit the room and the text max_out.
  const size_t out_limit = std::min(room, max_out);
  size_t i = 0;  // input: the start of the current line
  size_t o = 0;  // output: where its text goes; o <= max_out (each line's text ended before it)
  uint64_t lines = 0;
  while (i < n && o < out_limit && src[i] != '.') {
    // A line taken has its text and "\n" in the room, its text before max_out and no longer
    // than max_line: so no scan goes past any of these, and one that gets there stops the loop.
    const size_t limit = std::min({n - i, out_limit - o, line_limit});
    const size_t k = scan(dst + o, src + i, limit);
    if (k == limit) break;  // the line goes on past what may be read, written or kept here
    // src[i + k] is the first byte that is not printable ASCII: the line end, or a reason to stop.
    const size_t end = i + k;
    size_t next;
    if (src[end] == '\n') {
      next = end + 1;  // a bare LF ends a line too
    } else if (src[end] == '\r' && end + 1 < n && src[end + 1] == '\n') {
      next = end + 2;
    } else {
      break;
    }
    dst[o + k] = '\n';  // o + k < room
    o += k + 1;
    i = next;
    ++lines;
  }
  PlainLines done;
  done.consumed = i;
  done.written = o;
  done.lines = lines;
  return done;
}

#if defined(__SSE2__)
// As signed bytes, b + 1 is above 0x20 exactly for the printable bytes 0x20..0x7E: 0x7F and
// 0x80..0xFF wrap to 0x80..0x00, which are negative or zero.
size_t scan_sse2(char* dst, const char* src, size_t limit) {
  const __m128i one = _mm_set1_epi8(1);
  const __m128i space = _mm_set1_epi8(0x20);
  size_t k = 0;
  for (; k + 16 <= limit; k += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + k));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + k), x);
    __m128i plain = _mm_cmpgt_epi8(_mm_add_epi8(x, one), space);
    unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(plain)) & 0xFFFFu;
    if (other != 0) return k + static_cast<size_t>(std::countr_zero(other));
  }
  return k + copy_plain_run(dst + k, src + k, limit - k);
}
#endif

#if defined(MAILSCOPE_AVX2)
// The bytes of x that are not printable ASCII, as bits (see scan_sse2).
[[gnu::target("avx2,bmi")]] inline uint32_t other_bytes(__m256i x) {
  __m256i one = _mm256_set1_epi8(1);
  __m256i plain = _mm256_cmpgt_epi8(_mm256_add_epi8(x, one), _mm256_set1_epi8(0x20));
  return ~static_cast<uint32_t>(_mm256_movemask_epi8(plain));
}

// scan_sse2 with 32-byte blocks. The first three blocks are copied and tested before any
// branch: nearly every line of mail ends within 96 bytes (RFC 5322 §2.1.1: at most 78
// characters, and should), so the one branch after them nearly always goes the same way,
// where a loop that leaves at the line's end would be mispredicted about once a line.
[[gnu::target("avx2,bmi")]] inline size_t scan_avx2(char* dst, const char* src, size_t limit) {
  size_t k = 0;
  if (limit >= 96) {
    __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src));
    __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + 32));
    __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + 64));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), a);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + 32), b);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + 64), c);
    uint64_t low = other_bytes(a) | static_cast<uint64_t>(other_bytes(b)) << 32;
    uint32_t high = other_bytes(c);
    // Without a branch (it would be as unpredictable as the line lengths): from_low is 64 when
    // `low` has no bit, and only then is from_high added (32 when `high` has none): 96, none.
    size_t from_low = static_cast<size_t>(std::countr_zero(low));
    size_t from_high = static_cast<size_t>(std::countr_zero(high));
    asm("" : "+r"(from_high));  // keeps the compiler from branching on high == 0 after all
    size_t where = from_low + (from_high & (0 - (from_low >> 6)));
    if (where < 96) return where;
    k = 96;
  }
  for (; k + 32 <= limit; k += 32) {
    __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + k));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + k), x);
    uint32_t other = other_bytes(x);
    if (other != 0) return k + static_cast<size_t>(std::countr_zero(other));
  }
  return k + copy_plain_run(dst + k, src + k, limit - k);
}

// Asked of the processor (and the system) at run time: the build targets any x86-64. BMI1 (on
// every AVX2 processor made) gives the count of trailing zeros for zero too, without a branch.
bool has_avx2() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi"); }

[[gnu::target("avx2,bmi")]] PlainLines copy_lines_avx2(char* dst, size_t room, const char* src,
                                                       size_t n, size_t max_line, size_t max_out) {
  return copy_lines(scan_avx2, dst, room, src, n, max_line, max_out);
}
#endif

}  // namespace

PlainLines copy_plain_lines(char* dst, size_t room, const char* src, size_t n, size_t max_line,
                            size_t max_out) {
#if defined(MAILSCOPE_AVX2)
  if (has_avx2()) return copy_lines_avx2(dst, room, src, n, max_line, max_out);
#endif
  return copy_plain_lines(PlainLinesScan::sse2, dst, room, src, n, max_line, max_out);
}

PlainLines copy_plain_lines(PlainLinesScan scan, char* dst, size_t room, const char* src, size_t n,
                            size_t max_line, size_t max_out) {
#if defined(MAILSCOPE_AVX2)
  if (scan == PlainLinesScan::best && has_avx2()) {
    return copy_lines_avx2(dst, room, src, n, max_line, max_out);
  }
#endif
#if defined(__SSE2__)
  if (scan != PlainLinesScan::per_line) {
    return copy_lines(scan_sse2, dst, room, src, n, max_line, max_out);
  }
#endif
  return copy_lines(copy_plain_run, dst, room, src, n, max_line, max_out);
}

}  // namespace mailscope
