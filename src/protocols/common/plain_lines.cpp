// protocols/common/plain_lines.cpp — see plain_lines.h.
//
// The same work as copy_plain_run() once per line plus the bookkeeping around it, but in one
// loop: the constants stay in registers and a line costs no call. A 70-byte line is four or
// five 16-byte blocks copied and tested, then its CRLF. Only the last few bytes of `src` or of
// the room (less than a block) go through copy_plain_run's slower tail.
#include "protocols/common/plain_lines.h"

#include <algorithm>
#include <bit>

#include "protocols/common/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mailscope {

PlainLines copy_plain_lines(char* dst, size_t room, const char* src, size_t n, size_t max_line,
                            size_t max_out) {
  PlainLines done;
  size_t i = 0;  // input: the start of the current line
  size_t o = 0;  // output: where its text goes
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi8(0x1F);
  const __m128i del = _mm_set1_epi8(0x7F);
#endif
  while (i < n && o < room && src[i] != '.') {
    // Plain bytes of this line, copied as they are scanned; never past the input or the room.
    const size_t limit = std::min(n - i, room - o);
    size_t k = 0;
#if defined(__SSE2__)
    unsigned other = 0;
    for (; k + 16 <= limit; k += 16) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i + k));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + o + k), x);
      // As signed bytes, 0x20..0x7E are those above 0x1F (0x80..0xFF are negative) but 0x7F.
      __m128i plain = _mm_andnot_si128(_mm_cmpeq_epi8(x, del), _mm_cmpgt_epi8(x, below));
      other = ~static_cast<unsigned>(_mm_movemask_epi8(plain)) & 0xFFFFu;
      if (other != 0) break;
    }
    if (other != 0) {
      k += static_cast<size_t>(std::countr_zero(other));
    } else {
      k += copy_plain_run(dst + o + k, src + i + k, limit - k);
    }
#else
    k = copy_plain_run(dst + o, src + i, limit);
#endif
    if (k == limit) break;  // the line goes on past what may be read or written here
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
    if (k > max_line || o + k >= max_out) break;  // cut by a cap: the caller marks it
    dst[o + k] = '\n';  // o + k < limit <= room
    o += k + 1;
    i = next;
    ++done.lines;
    done.consumed = i;
    done.written = o;
  }
  return done;
}

}  // namespace mailscope
