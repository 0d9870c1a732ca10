// tests/net/address_test.cpp — text forms of addresses (RFC 5952 for IPv6).
#include "net/address.h"

#include <catch2/catch.hpp>

using namespace mailscope;

namespace {
IpAddress v6(std::initializer_list<uint16_t> groups) {
  uint8_t b[16] = {};
  int i = 0;
  for (uint16_t g : groups) {
    b[i++] = static_cast<uint8_t>(g >> 8);
    b[i++] = static_cast<uint8_t>(g);
  }
  return IpAddress::v6(b);
}
}  // namespace

TEST_CASE("IPv4 addresses print in dotted decimal") {
  const uint8_t b[4] = {192, 0, 2, 1};
  CHECK(IpAddress::v4(b).to_string() == "192.0.2.1");
  CHECK((Endpoint{IpAddress::v4(b), 25}).to_string() == "192.0.2.1:25");
}

TEST_CASE("IPv6 addresses print in the RFC 5952 short form") {
  CHECK(v6({0x2001, 0xdb8, 0, 0, 0, 0, 0, 1}).to_string() == "2001:db8::1");
  CHECK(v6({0, 0, 0, 0, 0, 0, 0, 1}).to_string() == "::1");
  CHECK(v6({0, 0, 0, 0, 0, 0, 0, 0}).to_string() == "::");
  CHECK(v6({0xfe80, 0, 0, 0, 0x1, 0, 0, 0}).to_string() == "fe80::1:0:0:0");
  // §4.2.2: a single zero group is not shortened.
  CHECK(v6({0x2001, 0xdb8, 0, 1, 1, 1, 1, 1}).to_string() == "2001:db8:0:1:1:1:1:1");
  // §4.2.3: on a tie the first run is shortened.
  CHECK(v6({0x2001, 0xdb8, 0, 0, 1, 0, 0, 1}).to_string() == "2001:db8::1:0:0:1");
  // §4.2.3: the longest run wins even when it is not the first.
  CHECK(v6({0x2001, 0, 0, 1, 0, 0, 0, 1}).to_string() == "2001:0:0:1::1");
  // §4.3: lowercase, no leading zeros.
  CHECK(v6({0x2001, 0x0DB8, 0xABCD, 0x0012, 0, 0, 0, 0}).to_string() == "2001:db8:abcd:12::");
  // §5: IPv4-mapped addresses end in dotted decimal.
  CHECK(v6({0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201}).to_string() == "::ffff:192.0.2.1");
  CHECK((Endpoint{v6({0x2001, 0xdb8, 0, 0, 0, 0, 0, 1}), 587}).to_string() == "[2001:db8::1]:587");
}

TEST_CASE("an unset address says so") { CHECK(IpAddress{}.to_string() == "(no address)"); }
