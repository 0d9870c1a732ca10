// fuzz/decoder_fuzzing.h — what the SMTP, POP3 and IMAP fuzz targets share: feeding a decoder
// from fuzz input, and the checks its events must pass.
//
// Input scheme: a sequence of chunks. Each chunk starts with one control byte: bit 7 picks the
// direction (1 = server), bit 6 makes the chunk a gap of (low 6 bits + 1) bytes, otherwise the
// low 6 bits + 1 give the chunk's length (the bytes that follow). The input is decoded twice,
// chunk by chunk and byte by byte: both runs must give the same events (the push parser's
// promise that where the input is split does not matter).
//
//   FuzzChecks checks;                 // what this protocol promises about its events
//   fuzz_decoder<SmtpDecoder>(data, size, limits, checks);   // aborts on a broken promise
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "dialogue/dialogue.h"
#include "protocols/common/protocol_decoder.h"

namespace mailscope::fuzzing {

template <typename Decoder>
Dialogue decode_chunks(const uint8_t* data, size_t size, const DecoderLimits& limits, bool byte_by_byte) {
  Dialogue dialogue;
  Decoder decoder(dialogue, limits);
  uint64_t offsets[2] = {0, 0};
  uint64_t packet = 0;
  size_t i = 0;
  while (i < size) {
    const uint8_t control = data[i++];
    const Direction direction = (control & 0x80) ? Direction::server_to_client : Direction::client_to_server;
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
  return dialogue;
}

inline bool same_event(const DialogueEvent& a, const DialogueEvent& b) {
  return a.type == b.type && a.direction == b.direction && a.span.begin == b.span.begin &&
         a.span.end == b.span.end && a.span.first_packet == b.span.first_packet &&
         a.span.last_packet == b.span.last_packet && a.text == b.text && a.verb == b.verb &&
         a.code == b.code && a.status == b.status && a.decoded == b.decoded &&
         a.details == b.details && a.secrets == b.secrets && a.answers == b.answers &&
         a.size_bytes == b.size_bytes && a.explain_key == b.explain_key &&
         a.state_key == b.state_key && a.state_detail == b.state_detail &&
         a.malformed == b.malformed;
}

// What a protocol promises about its events beyond the common rules.
struct FuzzChecks {
  size_t max_text = 0;            // an event's text is at most this long
  bool answers_backwards = true;  // a reply points at an earlier event (IMAP's "+" may come
                                  // before the command it continues is complete)
  bool answers_commands = false;  // ... and that event is a command
};

template <typename Decoder>
void fuzz_decoder(const uint8_t* data, size_t size, const DecoderLimits& limits, const FuzzChecks& checks) {
  const Dialogue chunked = decode_chunks<Decoder>(data, size, limits, false);
  const Dialogue bytewise = decode_chunks<Decoder>(data, size, limits, true);
  const auto& events = chunked.events;
  if (events.size() != bytewise.events.size()) std::abort();
  if (chunked.summary.commands != bytewise.summary.commands) std::abort();
  for (size_t k = 0; k < events.size(); ++k) {
    const DialogueEvent& e = events[k];
    if (!same_event(e, bytewise.events[k])) std::abort();
    if (e.explain_key.empty() || e.state_key.empty()) std::abort();
    if (e.answers >= static_cast<int32_t>(checks.answers_backwards ? k : events.size())) std::abort();
    if (checks.answers_commands && e.answers >= 0 &&
        events[static_cast<size_t>(e.answers)].type != EventType::command)
      std::abort();
    if (e.text.size() > checks.max_text) std::abort();
    for (const std::string& s : e.secrets)
      if (s.empty()) std::abort();
  }
}

}  // namespace mailscope::fuzzing
