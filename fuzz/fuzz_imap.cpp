// fuzz/fuzz_imap.cpp — libFuzzer target for ImapDecoder.
//
// Input scheme: a sequence of chunks. Each chunk starts with one control byte: bit 7 picks the
// direction (1 = server), bit 6 makes the chunk a gap of (low 6 bits + 1) bytes, otherwise the
// low 6 bits + 1 give the chunk's length (the bytes that follow). Small limits make the caps
// easy to reach. The decoder must never crash, hang or keep unbounded memory; afterwards every
// event must index valid commands and have explanation and state keys.
//
// Build by hand (see the decoder guide):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc fuzz/fuzz_imap.cpp \
//     src/protocols/imap/*.cpp src/protocols/common/*.cpp src/dialogue/*.cpp -o /tmp/fuzz_imap
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "protocols/imap/imap_decoder.h"

using namespace mailscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Dialogue dialogue;
  DecoderLimits limits;
  limits.max_line_bytes = 64;
  limits.max_text_bytes = 256;
  limits.max_pending_commands = 8;
  ImapDecoder decoder(dialogue, limits);
  uint64_t offsets[2] = {0, 0};
  uint64_t packet = 0;
  size_t i = 0;
  while (i < size) {
    uint8_t control = data[i++];
    Direction direction =
        (control & 0x80) ? Direction::server_to_client : Direction::client_to_server;
    uint64_t& offset = offsets[index_of(direction)];
    SegmentOrigin origin;
    origin.packet_number = ++packet;
    origin.time_ns = static_cast<int64_t>(packet);
    origin.stream_offset = offset;
    size_t length = (control & 0x3F) + 1u;
    if (control & 0x40) {
      decoder.gap(direction, length, origin);
      offset += length;
      continue;
    }
    if (length > size - i) length = size - i;
    decoder.feed(direction, data + i, length, origin);
    offset += length;
    i += length;
  }
  decoder.finish();
  for (size_t k = 0; k < dialogue.events.size(); ++k) {
    const DialogueEvent& e = dialogue.events[k];
    if (e.answers >= static_cast<int32_t>(dialogue.events.size())) std::abort();
    if (e.explain_key.empty() || e.state_key.empty()) std::abort();
    if (e.text.size() > 4 * limits.max_text_bytes + 8 * 1024 + 64) std::abort();
  }
  return 0;
}
