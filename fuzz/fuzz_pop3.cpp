// fuzz/fuzz_pop3.cpp — libFuzzer target for Pop3Decoder.
//
// Input scheme: a sequence of chunks. Each chunk starts with one control byte: bit 7 picks the
// direction (1 = server), bit 6 makes the chunk a gap of (low 6 bits + 1) bytes, otherwise the
// low 6 bits + 1 give the chunk's length (the bytes that follow). Small limits make the caps
// easy to reach. The input is decoded twice, chunk by chunk and byte by byte, and both runs
// must give the same events (the push-parser promise); every event must name an explanation
// and a state, replies must point at commands, texts must respect the caps.
//
// Build by hand (see the decoder guide):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc fuzz/fuzz_pop3.cpp \
//     src/protocols/pop3/*.cpp src/protocols/common/*.cpp src/dialogue/*.cpp \
//     src/tcp/tcp_session.cpp -o /tmp/fuzz_pop3
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "protocols/pop3/pop3_decoder.h"

using namespace mailscope;

namespace {

constexpr DecoderLimits kLimits{64, 256, 8};

void decode(const uint8_t* data, size_t size, bool byte_by_byte, Dialogue& dialogue) {
  Pop3Decoder decoder(dialogue, kLimits);
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
    if (byte_by_byte) {
      for (size_t k = 0; k < length; ++k) {
        SegmentOrigin at = origin;
        at.stream_offset = offset + k;
        decoder.feed(direction, data + i + k, 1, at);
      }
    } else {
      decoder.feed(direction, data + i, length, origin);
    }
    offset += length;
    i += length;
  }
  decoder.finish();
}

bool same(const DialogueEvent& a, const DialogueEvent& b) {
  return a.type == b.type && a.direction == b.direction && a.span.begin == b.span.begin &&
         a.span.end == b.span.end && a.span.first_packet == b.span.first_packet &&
         a.span.last_packet == b.span.last_packet && a.text == b.text && a.verb == b.verb &&
         a.status == b.status && a.decoded == b.decoded && a.details == b.details &&
         a.secrets == b.secrets && a.answers == b.answers && a.size_bytes == b.size_bytes &&
         a.explain_key == b.explain_key && a.state_key == b.state_key &&
         a.state_detail == b.state_detail && a.malformed == b.malformed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Dialogue chunked, bytewise;
  decode(data, size, false, chunked);
  decode(data, size, true, bytewise);
  if (chunked.events.size() != bytewise.events.size()) std::abort();
  const auto& events = chunked.events;
  for (size_t k = 0; k < events.size(); ++k) {
    const DialogueEvent& e = events[k];
    if (!same(e, bytewise.events[k])) std::abort();
    if (e.explain_key.empty() || e.state_key.empty()) std::abort();
    if (e.answers >= static_cast<int32_t>(k)) std::abort();  // a reply follows its command
    if (e.answers >= 0 && events[static_cast<size_t>(e.answers)].type != EventType::command) {
      std::abort();
    }
    if (e.text.size() > kLimits.max_text_bytes + 64) std::abort();
    for (const std::string& s : e.secrets) {
      if (s.empty()) std::abort();
    }
  }
  if (chunked.summary.commands != bytewise.summary.commands) std::abort();
  return 0;
}
