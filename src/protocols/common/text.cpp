// protocols/common/text.cpp — wire bytes made printable, and small ASCII helpers.
//
// printable_text validates UTF-8 as RFC 3629 §4 defines it (no overlong forms, no surrogates,
// nothing above U+10FFFF) so that what reaches a terminal or the window is always valid UTF-8.
#include "protocols/common/text.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <utility>

#include "protocols/common/plain_lines.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mailscope {
namespace {

const char kHex[] = "0123456789ABCDEF";

void append_escaped(std::string& out, unsigned char byte) {
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0x0F];
}

// The length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not one.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates U+D800..U+DFFF
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

// Mail text is almost all printable ASCII, so the bytes are tested sixteen (SSE2) or eight
// (any 64-bit word) at a time. In the word test a byte with its high bit set, below 0x20 or
// equal to 0x7F ends the run; the "below n" and "zero" tests can also flag a byte above a real
// hit (the borrow runs upwards), never one below it, so the lowest flagged byte is the first
// one that needs a closer look.
size_t plain_run(const char* p, size_t n) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi8(0x1F);
  const __m128i del = _mm_set1_epi8(0x7F);
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // As signed bytes, 0x20..0x7E are those above 0x1F (0x80..0xFF are negative) but 0x7F.
    __m128i plain = _mm_andnot_si128(_mm_cmpeq_epi8(x, del), _mm_cmpgt_epi8(x, below));
    unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(plain)) & 0xFFFFu;
    if (other != 0) return i + static_cast<size_t>(std::countr_zero(other));
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, p + i, 8);
    uint64_t del = x ^ (0x7F * kOnes);
    uint64_t flags = (x | ((x - 0x20 * kOnes) & ~x) | ((del - kOnes) & ~del)) & kHigh;
    if (flags != 0) {
      if constexpr (std::endian::native == std::endian::little) {
        return i + static_cast<size_t>(std::countr_zero(flags)) / 8;
      } else {
        break;  // find the byte one at a time below
      }
    }
  }
  for (; i < n; ++i) {
    unsigned char b = static_cast<unsigned char>(p[i]);
    if (b < 0x20 || b >= 0x7F) break;
  }
  return i;
}

size_t copy_plain_run(char* dst, const char* src, size_t n) {
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi8(0x1F);
  const __m128i del = _mm_set1_epi8(0x7F);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), x);  // whole block, see the header
    __m128i plain = _mm_andnot_si128(_mm_cmpeq_epi8(x, del), _mm_cmpgt_epi8(x, below));
    unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(plain)) & 0xFFFFu;
    if (other != 0) return i + static_cast<size_t>(std::countr_zero(other));
  }
  size_t run = i + plain_run(src + i, n - i);
  std::memcpy(dst + i, src + i, run - i);
  return run;
#else
  size_t run = plain_run(src, n);
  std::memcpy(dst, src, run);
  return run;
#endif
}

namespace {

// Appends the byte at bytes[i], which is not printable ASCII, as printable_text shows it;
// returns how many bytes it used (a valid UTF-8 sequence is taken whole).
size_t append_special(std::string& out, std::string_view bytes, size_t i) {
  unsigned char b = static_cast<unsigned char>(bytes[i]);
  if (b < 0x80) {
    if (b == '\t') {
      out += '\t';
    } else {
      append_escaped(out, b);
    }
    return 1;
  }
  size_t n = utf8_sequence_length(bytes, i);
  if (n == 0) {
    append_escaped(out, b);
    return 1;
  }
  // U+0080..U+009F are C1 control characters: escaped like C0 ones, byte by byte.
  if (n == 2 && b == 0xC2 && static_cast<unsigned char>(bytes[i + 1]) < 0xA0) {
    append_escaped(out, b);
    append_escaped(out, static_cast<unsigned char>(bytes[i + 1]));
  } else {
    out.append(bytes.substr(i, n));
  }
  return n;
}

}  // namespace

void append_decimal(std::string& out, uint64_t n) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
}

void append_printable(std::string& out, std::string_view bytes) {
  out.reserve(out.size() + bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    size_t run = plain_run(bytes.data() + i, bytes.size() - i);
    out.append(bytes.data() + i, run);
    i += run;
    if (i < bytes.size()) i += append_special(out, bytes, i);
  }
}

std::string printable_text(std::string_view bytes) {
  std::string out;
  append_printable(out, bytes);
  return out;
}

void make_printable(std::string& s) {
  if (plain_run(s.data(), s.size()) == s.size()) return;  // printable_text would copy it as is
  s = printable_text(s);
}

// Written in place: `out` is first grown by raw.size() (plain text and line breaks never come
// out longer than they went in), runs of plain bytes are copied by the scan that finds their
// end, and w is where the text really ends. Only an escape or a UTF-8 sequence may need more
// room; `out` is grown again then, so that the bytes left to read always fit after w.
void append_printable_lines(std::string& out, std::string_view raw, bool final_break) {
  const size_t n = raw.size();
  size_t w = out.size();
  out.resize(w + n);
  size_t i = 0;
  while (i < n) {
    // Whole plain lines first, in one loop (plain_lines.h). Not the last byte: an LF there is
    // written only with final_break, which the code below decides.
    if (i + 1 < n) {
      PlainLines plain = copy_plain_lines(out.data() + w, out.size() - w, raw.data() + i,
                                          n - 1 - i, SIZE_MAX, SIZE_MAX);
      w += plain.written;
      i += plain.consumed;
    }
    size_t run = copy_plain_run(out.data() + w, raw.data() + i, n - i);
    w += run;
    i += run;
    if (i == n) break;
    char c = raw[i];
    if (c == '\n') {
      if (final_break || i + 1 < n) out[w++] = '\n';
      ++i;
    } else if (c == '\r' && ((i + 1 < n && raw[i + 1] == '\n') || (i + 1 == n && !final_break))) {
      ++i;  // the CR of a CRLF (or, without final_break, the CR ending the text)
    } else {
      std::string shown;  // at most two escapes: fits the small-string buffer, no allocation
      i += append_special(shown, raw, i);
      if (w + shown.size() + (n - i) > out.size()) out.resize(w + shown.size() + (n - i));
      std::memcpy(out.data() + w, shown.data(), shown.size());
      w += shown.size();
    }
  }
  out.resize(w);
}

std::string printable_multiline(std::string_view bytes) {
  std::string out;
  append_printable_lines(out, bytes, true);
  return out;
}

std::string with_truncation_marker(std::string text, uint64_t dropped) {
  if (dropped == 0) return text;
  text += " \u2026[";
  text += std::to_string(dropped);
  text += dropped == 1 ? " more byte]" : " more bytes]";
  return text;
}

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return istarts_with(a, b);
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char x = s[i], y = prefix[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::pair<std::string_view, std::string_view> split_word(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  size_t end = 0;
  while (end < s.size() && s[end] != ' ' && s[end] != '\t') ++end;
  std::string_view word = s.substr(0, end);
  std::string_view rest = s.substr(end);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  return {word, rest};
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace mailscope
