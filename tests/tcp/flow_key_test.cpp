// tests/tcp/flow_key_test.cpp — the direction-free key of a 4-tuple: both directions give one
// key, and any difference in an address byte, a port or the IP version gives another.
#include <catch2/catch.hpp>

#include <unordered_set>

#include "tcp/flow_key.h"

using namespace mailscope;

namespace {

Endpoint v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint16_t port) {
  const uint8_t bytes[4] = {a, b, c, d};
  return Endpoint{IpAddress::v4(bytes), port};
}

Endpoint v6(uint8_t first, uint8_t last, uint16_t port) {
  uint8_t bytes[16] = {0x20, 0x01, 0x0d, 0xb8};
  bytes[4] = first;
  bytes[15] = last;
  return Endpoint{IpAddress::v6(bytes), port};
}

}  // namespace

TEST_CASE("a flow key is the same from both ends and orders endpoints like their bytes") {
  // Endpoints that differ in the first byte, the last byte, the middle, or only the port.
  const std::pair<Endpoint, Endpoint> pairs[] = {
      {v4(10, 0, 0, 1, 40000), v4(192, 0, 2, 1, 25)},
      {v4(192, 0, 2, 9, 25), v4(192, 0, 2, 10, 25)},
      {v4(10, 0, 0, 200, 25), v4(11, 0, 0, 1, 25)},  // the first byte decides, not the last
      {v4(127, 0, 0, 1, 25), v4(127, 0, 0, 1, 40000)},
      {v6(0x00, 0xff, 143), v6(0x80, 0x01, 143)},
      {v6(0x10, 0x01, 110), v6(0x10, 0x02, 110)},
      {v6(0x10, 0xff, 110), v6(0x11, 0x00, 110)},
      {v6(0x10, 0x01, 110), v6(0x10, 0x01, 111)},
  };
  for (const auto& [low, high] : pairs) {
    FlowKey one = make_flow_key(low, high);
    FlowKey other = make_flow_key(high, low);
    CHECK(one == other);
    CHECK(FlowKeyHash{}(one) == FlowKeyHash{}(other));
    // The endpoint whose bytes (then port) sort lower is stored first.
    CHECK(one.low_address == low.address.bytes);
    CHECK(one.low_port == low.port);
    CHECK(one.high_address == high.address.bytes);
    CHECK(one.high_port == high.port);
  }
}

TEST_CASE("flow keys differ when any byte, port or the version differs") {
  const Endpoint server = v4(192, 0, 2, 1, 25);
  std::unordered_set<FlowKey, FlowKeyHash> keys;
  keys.insert(make_flow_key(v4(198, 51, 100, 7, 40000), server));
  keys.insert(make_flow_key(v4(198, 51, 100, 8, 40000), server));   // last byte
  keys.insert(make_flow_key(v4(199, 51, 100, 7, 40000), server));   // first byte
  keys.insert(make_flow_key(v4(198, 51, 100, 7, 40001), server));   // client port
  keys.insert(make_flow_key(v4(198, 51, 100, 7, 40000), v4(192, 0, 2, 1, 587)));  // server port
  // An IPv6 address with the same leading bytes as an IPv4 one is another flow.
  uint8_t mapped[16] = {198, 51, 100, 7};
  keys.insert(make_flow_key(Endpoint{IpAddress::v6(mapped), 40000}, server));
  CHECK(keys.size() == 6);
  CHECK(keys.count(make_flow_key(server, v4(198, 51, 100, 7, 40000))) == 1);
}
