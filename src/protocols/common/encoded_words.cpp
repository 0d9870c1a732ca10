// protocols/common/encoded_words.cpp — RFC 2047 encoded words in header values.
//
//   encoded-word = "=?" charset ["*" language] "?" encoding "?" encoded-text "?="
//   (RFC 2047 §2, language suffix from RFC 2231 §5)
// "B" is base64 (RFC 2047 §4.1); "Q" is like quoted-printable with "_" for a space (§4.2).
// The decoded bytes are converted from the charset to UTF-8: UTF-8, US-ASCII and ISO-8859-1
// here, everything else (ISO-2022-JP, Shift_JIS, EUC-JP, ...) with the C library's iconv(3).
// Whitespace between two adjacent encoded words is not shown (§6.2). Anything that does not
// parse or convert is left exactly as it was, so a bad word never loses text.
#include <iconv.h>

#include <cerrno>

#include "protocols/common/text.h"

namespace mailscope {
namespace {

constexpr size_t kMaxCharsetName = 64;

bool is_charset_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':' || c == '+';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool decode_q(std::string_view text, std::string& out) {
  out.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_') {
      out += ' ';
    } else if (c == '=') {
      if (i + 2 >= text.size()) return false;
      int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return true;
}

// Converts `bytes` in `charset` to UTF-8 with iconv(3). False if the charset is unknown or
// the bytes are not valid in it.
bool iconv_to_utf8(const std::string& charset, std::string_view bytes, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  const size_t cap = 16 * bytes.size() + 64;  // no charset grows more than this
  out.clear();
  char* in_ptr = const_cast<char*>(bytes.data());  // iconv(3) takes char** but does not write
  size_t in_left = bytes.size();
  char buffer[256];
  bool ok = true;
  while (ok && in_left > 0) {
    char* out_ptr = buffer;
    size_t out_left = sizeof(buffer);
    size_t r = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    out.append(buffer, sizeof(buffer) - out_left);
    if (out.size() > cap) ok = false;
    // EILSEQ, EINVAL: not valid in this charset. E2BIG: go on with an empty buffer.
    if (r == static_cast<size_t>(-1) && (errno != E2BIG || out_left == sizeof(buffer))) ok = false;
  }
  if (ok) {  // back to the initial shift state (ISO-2022-JP ends in ASCII)
    char* out_ptr = buffer;
    size_t out_left = sizeof(buffer);
    if (iconv(cd, nullptr, nullptr, &out_ptr, &out_left) == static_cast<size_t>(-1)) ok = false;
    out.append(buffer, sizeof(buffer) - out_left);
  }
  iconv_close(cd);
  return ok;
}

bool convert_to_utf8(std::string_view charset, const std::string& bytes, std::string& out) {
  std::string name = to_upper_ascii(charset);
  if (name == "UTF-8" || name == "UTF8" || name == "US-ASCII" || name == "ASCII") {
    out = printable_text(bytes);  // invalid bytes shown as \xNN, never passed on raw
    return true;
  }
  if (name == "ISO-8859-1" || name == "LATIN1" || name == "ISO_8859-1") {
    out.clear();
    for (char c : bytes) append_utf8(out, static_cast<unsigned char>(c));
    out = printable_text(out);
    return true;
  }
  std::string converted;
  if (!iconv_to_utf8(name, bytes, converted)) return false;
  out = printable_text(converted);
  return true;
}

// Parses and decodes one encoded word starting at value[start] ("=?"). On success sets `end`
// to the index after "?=" and `out` to the UTF-8 text.
bool decode_one_word(std::string_view value, size_t start, size_t& end, std::string& out) {
  size_t i = start + 2;
  size_t charset_begin = i;
  while (i < value.size() && value[i] != '?' && value[i] != '*') {
    if (!is_charset_char(value[i]) || i - charset_begin >= kMaxCharsetName) return false;
    ++i;
  }
  std::string_view charset = value.substr(charset_begin, i - charset_begin);
  if (charset.empty() || i >= value.size()) return false;
  if (value[i] == '*') {  // RFC 2231 §5 language, ignored
    while (i < value.size() && value[i] != '?') {
      if (value[i] == ' ' || i - charset_begin > 2 * kMaxCharsetName) return false;
      ++i;
    }
    if (i >= value.size()) return false;
  }
  ++i;  // '?'
  if (i + 1 >= value.size() || value[i + 1] != '?') return false;
  char encoding = value[i];
  i += 2;
  size_t text_begin = i;
  while (i < value.size() && value[i] != '?' && value[i] != ' ' && value[i] != '\t') ++i;
  if (i + 1 >= value.size() || value[i] != '?' || value[i + 1] != '=') return false;
  std::string_view text = value.substr(text_begin, i - text_begin);
  std::string bytes;
  if (encoding == 'B' || encoding == 'b') {
    if (!base64_decode(text, bytes)) return false;
  } else if (encoding == 'Q' || encoding == 'q') {
    if (!decode_q(text, bytes)) return false;
  } else {
    return false;
  }
  if (!convert_to_utf8(charset, bytes, out)) return false;
  end = i + 2;
  return true;
}

}  // namespace

std::string decode_encoded_words(std::string_view value) {
  // Most header values hold no encoded word: nothing to decode, copy them whole.
  if (value.find("=?") == std::string_view::npos) return std::string(value);
  std::string out;
  out.reserve(value.size());
  std::string word;
  bool after_word = false;  // the last thing appended was a decoded word
  size_t held = 0;          // whitespace after a decoded word starts here, not yet appended
  size_t i = 0;
  while (i < value.size()) {
    size_t end = 0;
    if (value[i] == '=' && i + 1 < value.size() && value[i + 1] == '?' &&
        decode_one_word(value, i, end, word)) {
      // RFC 2047 §6.2: whitespace between two adjacent encoded words is not displayed.
      if (!after_word) out.append(value.substr(held, i - held));
      out += word;
      i = held = end;
      after_word = true;
      continue;
    }
    char c = value[i];
    if (!(after_word && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))) {
      out.append(value.substr(held, i + 1 - held));  // held whitespace (if any), then c
      held = i + 1;
      after_word = false;
    }
    ++i;
  }
  out.append(value.substr(held));
  return out;
}

}  // namespace mailscope
