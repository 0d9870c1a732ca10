// protocols/common/modified_utf7.cpp — IMAP mailbox names in modified UTF-7 (RFC 3501 §5.1.3).
//
// Printable US-ASCII stands for itself, except "&", written "&-". Other characters are UTF-16BE
// in a modified base64 (',' instead of '/', no padding) between "&" and "-":
// "&Tgtm+DBN-" is U+4E0B U+66F8 U+304D, 下書き.
// Malformed: a shift that does not end with "-", a character outside the alphabet, leftover
// bits that are not zero padding of fewer than 6 bits, an unpaired surrogate, or a raw byte
// outside 0x20..0x7E. (Encoding printable ASCII inside a shift is forbidden by the RFC but is
// decoded anyway: it is unambiguous and shows the learner what was meant.)
#include "protocols/common/text.h"

namespace mailscope {
namespace {

int modified_base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == ',') return 63;
  return -1;
}

// Decodes the base64 between "&" and "-" as UTF-16BE and appends UTF-8. False if malformed.
bool decode_shifted(std::string_view b64, std::string& out) {
  uint32_t bits = 0;
  int nbits = 0;
  char32_t high_surrogate = 0;
  for (char c : b64) {
    int v = modified_base64_value(c);
    if (v < 0) return false;
    bits = ((bits << 6) | static_cast<uint32_t>(v)) & 0x3FFFFF;  // at most 22 bits are pending
    nbits += 6;
    if (nbits < 16) continue;
    nbits -= 16;
    char32_t unit = (bits >> nbits) & 0xFFFF;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      if (high_surrogate != 0) return false;
      high_surrogate = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      if (high_surrogate == 0) return false;
      append_utf8(out, 0x10000 + ((high_surrogate - 0xD800) << 10) + (unit - 0xDC00));
      high_surrogate = 0;
    } else {
      if (high_surrogate != 0) return false;
      append_utf8(out, unit);
    }
  }
  if (high_surrogate != 0) return false;
  // RFC 2152: the last bits only pad to a base64 character; they must be zero.
  if (nbits >= 6 || (bits & ((1u << nbits) - 1)) != 0) return false;
  return true;
}

}  // namespace

bool decode_modified_utf7(std::string_view in, std::string& out) {
  std::string result;
  result.reserve(in.size() * 2);
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c < 0x20 || c > 0x7E) {
      out.assign(in);
      return false;
    }
    if (c != '&') {
      result += c;
      ++i;
      continue;
    }
    size_t end = in.find('-', i + 1);
    if (end == std::string_view::npos) {
      out.assign(in);
      return false;
    }
    if (end == i + 1) {
      result += '&';  // "&-"
    } else if (!decode_shifted(in.substr(i + 1, end - i - 1), result)) {
      out.assign(in);
      return false;
    }
    i = end + 1;
  }
  out = std::move(result);
  return true;
}

}  // namespace mailscope
