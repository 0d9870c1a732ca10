// tests/protocols/pop3/md5_digest.cpp — RFC 1321 MD5, written from the RFC's description:
// pad to 56 mod 64 bytes, append the bit length little-endian, run four rounds of 16 steps
// per 64-byte block, output A B C D little-endian.
#include "md5_digest.h"

#include <array>
#include <cmath>
#include <cstdint>

namespace mailscope::test {
namespace {

uint32_t rotate_left(uint32_t x, int c) { return (x << c) | (x >> (32 - c)); }

// RFC 1321 §3.4: T[i] = floor(4294967296 * abs(sin(i))), i = 1..64.
std::array<uint32_t, 64> sine_table() {
  std::array<uint32_t, 64> t{};
  for (int i = 0; i < 64; ++i) {
    t[i] = static_cast<uint32_t>(std::floor(4294967296.0 * std::fabs(std::sin(i + 1.0))));
  }
  return t;
}

}  // namespace

std::string md5_hex(std::string_view message) {
  static const std::array<uint32_t, 64> k = sine_table();
  static constexpr int shifts[4][4] = {
      {7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};
  std::string data(message);
  const uint64_t bit_length = static_cast<uint64_t>(message.size()) * 8;
  data.push_back(static_cast<char>(0x80));
  while (data.size() % 64 != 56) data.push_back('\0');
  for (int i = 0; i < 8; ++i) data.push_back(static_cast<char>((bit_length >> (8 * i)) & 0xFF));

  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  for (size_t block = 0; block < data.size(); block += 64) {
    uint32_t m[16];
    for (int i = 0; i < 16; ++i) {
      m[i] = 0;
      for (int b = 0; b < 4; ++b) {
        m[i] |= static_cast<uint32_t>(static_cast<uint8_t>(data[block + 4 * i + b])) << (8 * b);
      }
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; ++i) {
      uint32_t f;
      int g;
      int round = i / 16;
      if (round == 0) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (round == 1) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (round == 2) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      uint32_t next = b + rotate_left(a + f + k[i] + m[g], shifts[round][i % 4]);
      a = d;
      d = c;
      c = b;
      b = next;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (uint32_t word : h) {
    for (int byte = 0; byte < 4; ++byte) {
      uint8_t v = static_cast<uint8_t>(word >> (8 * byte));
      out.push_back(hex[v >> 4]);
      out.push_back(hex[v & 0xF]);
    }
  }
  return out;
}

}  // namespace mailscope::test
