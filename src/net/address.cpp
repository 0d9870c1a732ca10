// net/address.cpp — text forms of IP addresses and endpoints.
//
// IPv6 follows RFC 5952 §4: lowercase hex, no leading zeros, the longest run of two or more
// zero groups shortened to "::" (the first one on a tie), and §5: IPv4-mapped addresses
// (::ffff:0:0/96) end in dotted decimal.
#include "net/address.h"

#include <charconv>
#include <cstring>

namespace mailscope {

IpAddress IpAddress::v4(const uint8_t* four_bytes) {
  IpAddress a;
  a.version = 4;
  std::memcpy(a.bytes.data(), four_bytes, 4);
  return a;
}

IpAddress IpAddress::v6(const uint8_t* sixteen_bytes) {
  IpAddress a;
  a.version = 6;
  std::memcpy(a.bytes.data(), sixteen_bytes, 16);
  return a;
}

namespace {

// std::to_chars, not snprintf: every dialogue's first event names both endpoints, and the
// format parser cost more than the rest of the event.
void append_dotted(std::string& out, const uint8_t* b) {
  char text[16];
  char* end = text;
  for (int i = 0; i < 4; ++i) {
    if (i > 0) *end++ = '.';
    end = std::to_chars(end, text + sizeof text, b[i]).ptr;
  }
  out.append(text, end);
}

std::string v6_to_string(const std::array<uint8_t, 16>& b) {
  uint16_t groups[8];
  for (int i = 0; i < 8; ++i) groups[i] = static_cast<uint16_t>(b[2 * i] << 8 | b[2 * i + 1]);

  std::string out;
  // RFC 5952 §5: ::ffff:a.b.c.d for IPv4-mapped addresses.
  bool mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 &&
                groups[4] == 0 && groups[5] == 0xffff;
  if (mapped) {
    out = "::ffff:";
    append_dotted(out, b.data() + 12);
    return out;
  }

  // RFC 5952 §4.2.1-4.2.3: shorten the longest run (>= 2 groups) of zeros, the first on a tie.
  int best_start = -1, best_length = 1;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_length) {
      best_start = i;
      best_length = j - i;
    }
    i = j;
  }

  char text[8];
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    // §4.1, §4.3: no leading zeros, lowercase (as to_chars writes base 16).
    out.append(text, std::to_chars(text, text + sizeof text, groups[i], 16).ptr);
  }
  return out;
}

}  // namespace

std::string IpAddress::to_string() const {
  if (version == 4) {
    std::string out;
    append_dotted(out, bytes.data());
    return out;
  }
  if (version == 6) return v6_to_string(bytes);
  return "(no address)";
}

std::string Endpoint::to_string() const {
  // RFC 5952 §6: brackets keep the port apart from an IPv6 address.
  std::string port_text = std::to_string(port);
  if (address.version == 6) return "[" + address.to_string() + "]:" + port_text;
  return address.to_string() + ":" + port_text;
}

}  // namespace mailscope
