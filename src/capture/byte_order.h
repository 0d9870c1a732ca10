// capture/byte_order.h — load and store integers of a given byte order from unaligned bytes.
//
// Capture files and packet headers are byte strings with no alignment promise, so every
// multi-byte field is read through memcpy (which compilers turn into a single load) and
// swapped as needed. Used by capture/ (file headers) and net/ (packet headers).
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>

namespace mailscope::bytes {

inline uint16_t swap16(uint16_t v) { return static_cast<uint16_t>((v >> 8) | (v << 8)); }
inline uint32_t swap32(uint32_t v) { return __builtin_bswap32(v); }
inline uint64_t swap64(uint64_t v) { return __builtin_bswap64(v); }

template <typename T>
inline T load_native(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

constexpr bool host_is_little = std::endian::native == std::endian::little;

inline uint16_t be16(const uint8_t* p) {
  uint16_t v = load_native<uint16_t>(p);
  return host_is_little ? swap16(v) : v;
}
inline uint32_t be32(const uint8_t* p) {
  uint32_t v = load_native<uint32_t>(p);
  return host_is_little ? swap32(v) : v;
}
inline uint16_t le16(const uint8_t* p) {
  uint16_t v = load_native<uint16_t>(p);
  return host_is_little ? v : swap16(v);
}
inline uint32_t le32(const uint8_t* p) {
  uint32_t v = load_native<uint32_t>(p);
  return host_is_little ? v : swap32(v);
}

// Reads in the byte order a file declared: `swapped` means "opposite of the host".
inline uint16_t file16(const uint8_t* p, bool swapped) {
  uint16_t v = load_native<uint16_t>(p);
  return swapped ? swap16(v) : v;
}
inline uint32_t file32(const uint8_t* p, bool swapped) {
  uint32_t v = load_native<uint32_t>(p);
  return swapped ? swap32(v) : v;
}
inline uint64_t file64(const uint8_t* p, bool swapped) {
  uint64_t v = load_native<uint64_t>(p);
  return swapped ? swap64(v) : v;
}

inline void put_be16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
inline void put_be32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

}  // namespace mailscope::bytes
