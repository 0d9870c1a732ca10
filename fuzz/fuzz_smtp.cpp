// fuzz/fuzz_smtp.cpp — libFuzzer target for SmtpDecoder.
//
// The input is cut into chunks by a simple scheme: each chunk starts with one control byte;
// its low bit picks the direction, bit 1 makes it a gap, and the upper bits (plus 1) give the
// chunk's length. The chunks are fed in order with growing per-direction offsets, then
// finish() is called. Small limits make the caps and the held-bytes release reachable.
// The same input is fed a second time one byte per call: both runs must give the same events
// (the decoder's promise that splitting does not matter).
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc fuzz/fuzz_smtp.cpp \
//     src/protocols/smtp/*.cpp src/protocols/common/*.cpp src/dialogue/*.cpp -o fuzz_smtp
//   ./fuzz_smtp -max_total_time=180 corpus/
#include <cstddef>
#include <cstdint>

#include "protocols/smtp/smtp_decoder.h"

namespace {

mailscope::Dialogue run(const uint8_t* data, size_t size, bool byte_by_byte) {
  using namespace mailscope;
  Dialogue dialogue;
  DecoderLimits limits;
  limits.max_line_bytes = 96;
  limits.max_text_bytes = 256;
  limits.max_pending_commands = 8;
  SmtpDecoder decoder(dialogue, limits);
  uint64_t offsets[2] = {0, 0};
  uint64_t packet = 0;
  size_t i = 0;
  while (i < size) {
    uint8_t control = data[i++];
    Direction d = (control & 1) ? Direction::server_to_client : Direction::client_to_server;
    size_t length = static_cast<size_t>(control >> 2) + 1;
    SegmentOrigin origin{offsets[index_of(d)], ++packet, static_cast<int64_t>(packet) * 1000};
    if (control & 2) {
      decoder.gap(d, length, origin);
      offsets[index_of(d)] += length;
      continue;
    }
    if (length > size - i) length = size - i;
    if (byte_by_byte) {
      for (size_t k = 0; k < length; ++k) {
        SegmentOrigin at = origin;
        at.stream_offset += k;
        decoder.feed(d, data + i + k, 1, at);
      }
    } else {
      decoder.feed(d, data + i, length, origin);
    }
    offsets[index_of(d)] += length;
    i += length;
  }
  decoder.finish();
  return dialogue;
}

bool same(const mailscope::DialogueEvent& a, const mailscope::DialogueEvent& b) {
  return a.type == b.type && a.direction == b.direction && a.span.begin == b.span.begin &&
         a.span.end == b.span.end && a.span.last_packet == b.span.last_packet && a.text == b.text &&
         a.code == b.code && a.answers == b.answers && a.size_bytes == b.size_bytes &&
         a.decoded == b.decoded && a.details == b.details && a.state_key == b.state_key &&
         a.state_detail == b.state_detail && a.explain_key == b.explain_key &&
         a.malformed == b.malformed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mailscope;
  Dialogue dialogue = run(data, size, false);
  Dialogue bytewise = run(data, size, true);
  if (dialogue.events.size() != bytewise.events.size()) __builtin_trap();
  for (size_t k = 0; k < dialogue.events.size(); ++k) {
    if (!same(dialogue.events[k], bytewise.events[k])) __builtin_trap();
  }
  // Every event must carry a state and an explanation key; answers must point backwards.
  for (size_t k = 0; k < dialogue.events.size(); ++k) {
    const DialogueEvent& e = dialogue.events[k];
    if (e.state_key.empty() || e.explain_key.empty()) __builtin_trap();
    if (e.answers >= static_cast<int32_t>(k)) __builtin_trap();
  }
  return 0;
}
