// tcp/flow_key.cpp — building and hashing FlowKey; see flow_key.h.
#include "tcp/flow_key.h"

#include <bit>
#include <cstring>
#include <utility>

namespace mailscope {
namespace {

// The address bytes in order as two big-endian words: comparing those compares the bytes as
// memcmp would, without a call per packet.
std::pair<uint64_t, uint64_t> address_words(const Endpoint& e) {
  uint64_t high, low;
  std::memcpy(&high, e.address.bytes.data(), 8);
  std::memcpy(&low, e.address.bytes.data() + 8, 8);
  if constexpr (std::endian::native == std::endian::little) {
    high = __builtin_bswap64(high);
    low = __builtin_bswap64(low);
  }
  return {high, low};
}

bool sorts_before(const Endpoint& a, const Endpoint& b) {
  auto x = address_words(a), y = address_words(b);
  return x < y || (x == y && a.port < b.port);
}

// A 64-bit finalizer (the "mix13" variant of splitmix64's) spreads every input bit.
uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

}  // namespace

FlowKey make_flow_key(const Endpoint& a, const Endpoint& b) {
  bool swapped = sorts_before(b, a);
  const Endpoint& low = swapped ? b : a;
  const Endpoint& high = swapped ? a : b;
  FlowKey key;
  key.low_address = low.address.bytes;
  key.high_address = high.address.bytes;
  key.low_port = low.port;
  key.high_port = high.port;
  key.version = a.address.version;
  return key;
}

bool FlowKey::operator==(const FlowKey& other) const {
  uint64_t mine[4], theirs[4];
  std::memcpy(&mine[0], low_address.data(), 16);
  std::memcpy(&mine[2], high_address.data(), 16);
  std::memcpy(&theirs[0], other.low_address.data(), 16);
  std::memcpy(&theirs[2], other.high_address.data(), 16);
  return ((mine[0] ^ theirs[0]) | (mine[1] ^ theirs[1]) | (mine[2] ^ theirs[2]) |
          (mine[3] ^ theirs[3])) == 0 &&
         low_port == other.low_port && high_port == other.high_port && version == other.version;
}

size_t FlowKeyHash::operator()(const FlowKey& key) const {
  uint64_t words[4];
  std::memcpy(&words[0], key.low_address.data(), 16);
  std::memcpy(&words[2], key.high_address.data(), 16);
  uint64_t ports = uint64_t{key.low_port} << 24 | uint64_t{key.high_port} << 8 | key.version;
  // Each word times its own odd constant (a bijection, so keys that differ in one word always
  // differ in the sum), then one finalizer: the five products are independent, where mixing
  // word after word chained ten dependent multiplications on every packet's lookup.
  uint64_t sum = ports * 0x9e3779b97f4a7c15ull + words[0] * 0xc2b2ae3d27d4eb4full +
                 words[1] * 0x165667b19e3779f9ull + words[2] * 0xd6e8feb86659fd93ull +
                 words[3] * 0xff51afd7ed558ccdull;
  return static_cast<size_t>(mix(sum));
}

}  // namespace mailscope
