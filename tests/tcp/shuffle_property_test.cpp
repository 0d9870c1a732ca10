// tests/tcp/shuffle_property_test.cpp — random segmentations fed in random orders.
//
// A known payload is cut into random, possibly overlapping segments; some are dropped, some
// repeated, all shuffled. Whatever the order, the stream must come out as the payload with
// each never-sent run replaced by one gap of its length (the run after the last byte sent is
// unknown, so not reported), and the offsets must tile (RecordingListener checks).
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "tcp/tcp_reassembler.h"
#include "tcp_test_support.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

std::string expected_stream(const std::string& payload, const std::vector<bool>& covered) {
  size_t last = covered.size();
  while (last > 0 && !covered[last - 1]) --last;
  std::string out;
  size_t i = 0;
  while (i < last) {
    if (covered[i]) {
      out += payload[i++];
      continue;
    }
    size_t run = 0;
    while (i < last && !covered[i]) ++run, ++i;
    out += "[" + std::to_string(run) + "]";
  }
  return out;
}

void run_trial(uint32_t seed, uint32_t isn) {
  std::mt19937 random(seed);
  std::string payload(300, ' ');
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>('a' + i % 26);

  std::vector<std::pair<size_t, size_t>> ranges;  // [start, end)
  for (size_t pos = 0; pos < payload.size();) {
    size_t length = 1 + random() % 40;
    size_t end = std::min(payload.size(), pos + length);
    size_t start = pos >= 5 && random() % 4 == 0 ? pos - random() % 5 : pos;  // some overlap
    ranges.emplace_back(start, end);
    pos = end;
  }
  std::vector<bool> covered(payload.size(), false);
  std::vector<std::pair<size_t, size_t>> sent;
  for (auto range : ranges) {
    if (random() % 6 == 0) continue;  // lost
    sent.push_back(range);
    if (random() % 5 == 0) sent.push_back(range);  // retransmitted
    for (size_t i = range.first; i < range.second; ++i) covered[i] = true;
  }
  std::shuffle(sent.begin(), sent.end(), random);

  RecordingListener listener;
  TcpReassembler reassembler(listener);
  TestFlow flow(endpoint(1, 40000), endpoint(2, 25), isn, 77);
  reassembler.add(flow.syn().get());
  for (auto [start, end] : sent) {
    reassembler.add(flow.client(start, payload.substr(start, end - start)).get());
  }
  reassembler.finish();
  INFO("seed " << seed);
  REQUIRE(listener.errors.empty());
  CHECK(listener.client_text() == expected_stream(payload, covered));
  CHECK(listener.sessions[0].at_close.from(Direction::client_to_server).overlaps_conflicting == 0);
}

}  // namespace

TEST_CASE("random segmentations in random order give the payload with gaps for lost runs") {
  for (uint32_t seed = 1; seed <= 300; ++seed) run_trial(seed, 1000 + seed);
}

TEST_CASE("random segmentations across the 2^32 wrap") {
  for (uint32_t seed = 1; seed <= 100; ++seed) run_trial(seed, 0xFFFFFFFFu - seed * 3);
}
