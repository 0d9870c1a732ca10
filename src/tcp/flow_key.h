// tcp/flow_key.h — the compact, direction-free key of a TCP connection's 4-tuple.
//
// Both directions of a connection map to the same key: the endpoint that sorts lower
// (address bytes, then port) is stored first. 38 bytes of payload, hashed as five 64-bit words
// (each multiplied, summed, then mixed), so one lookup per packet costs a hash and one compare.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

#include "net/address.h"

namespace mailscope {

struct FlowKey {
  std::array<uint8_t, 16> low_address{}, high_address{};
  uint16_t low_port = 0, high_port = 0;
  uint8_t version = 0;
  // Every packet's lookup ends in this compare: four 8-byte words and the ports, where the
  // defaulted == called memcmp once per address array.
  bool operator==(const FlowKey& other) const;
};

FlowKey make_flow_key(const Endpoint& a, const Endpoint& b);  // make_flow_key(a,b) == (b,a)

struct FlowKeyHash {
  size_t operator()(const FlowKey& key) const;
};

}  // namespace mailscope
