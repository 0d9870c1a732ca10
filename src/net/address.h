// net/address.h — IPv4/IPv6 addresses and TCP endpoints, small enough to copy freely.
#pragma once
#include <array>
#include <cstdint>
#include <string>

namespace mailscope {

struct IpAddress {
  uint8_t version = 0;                // 4 or 6; 0 = unset
  std::array<uint8_t, 16> bytes{};    // IPv4 uses the first 4

  static IpAddress v4(const uint8_t* four_bytes);
  static IpAddress v6(const uint8_t* sixteen_bytes);
  std::string to_string() const;      // "192.0.2.1", "2001:db8::1" (RFC 5952 short form)
  bool operator==(const IpAddress&) const = default;
  auto operator<=>(const IpAddress&) const = default;
};

struct Endpoint {
  IpAddress address;
  uint16_t port = 0;
  std::string to_string() const;      // "192.0.2.1:25", "[2001:db8::1]:25"
  bool operator==(const Endpoint&) const = default;
  auto operator<=>(const Endpoint&) const = default;
};

}  // namespace mailscope
