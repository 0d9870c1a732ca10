// tests/protocols/smtp/smtp_test_support.h — build SMTP transcripts and feed them to SmtpDecoder
// whole, byte by byte and split at every position, requiring the same events each time.
//
//   Transcript t;
//   t.server("220 mail.example.org ESMTP\r\n").client("EHLO client.example\r\n");
//   Dialogue d = decode_every_way(t);        // REQUIREs identical dumps for all splits
//   CHECK(d.events[0].type == EventType::greeting);
//
// Each step is one packet: packet numbers count from 1 over all steps, times are
// packet * 1000 ns, stream offsets grow per direction. A gap step advances the offset.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "dialogue/dialogue.h"
#include "protocols/common/protocol_decoder.h"

namespace mailscope::test {

struct TranscriptStep {
  Direction direction = Direction::client_to_server;
  std::string bytes;
  uint64_t gap_length = 0;  // a gap instead of bytes when > 0
};

class Transcript {
 public:
  Transcript& client(std::string bytes);
  Transcript& server(std::string bytes);
  Transcript& gap(Direction direction, uint64_t length);
  const std::vector<TranscriptStep>& steps() const { return steps_; }
  size_t total_bytes() const;

 private:
  std::vector<TranscriptStep> steps_;
};

// Feeds every step whole (split_at == SIZE_MAX), or byte by byte (split_at == 0), or with the
// step that holds overall byte position `split_at` cut there into two feeds.
constexpr size_t kWhole = static_cast<size_t>(-1);
constexpr size_t kByteByByte = 0;
Dialogue decode(const Transcript& t, size_t split_at = kWhole, DecoderLimits limits = {});

// A deterministic text of everything in the dialogue (events and summary).
std::string dump(const Dialogue& d);

// Decodes whole, byte by byte and at every split position; REQUIREs identical dumps; returns
// the dialogue of the whole feed. `every_split` false skips the every-position pass (for
// long transcripts, where byte by byte already covers every boundary).
Dialogue decode_every_way(const Transcript& t, DecoderLimits limits = {}, bool every_split = true);

// Index of the first event of `type` (and `verb` when given) at or after `from`; -1 if none.
int find_event(const Dialogue& d, EventType type, const std::string& verb = "", size_t from = 0);
// The value of the first detail named `name`, or "" (and `found` false).
std::string detail(const DialogueEvent& e, const std::string& name);
size_t count_details(const DialogueEvent& e, const std::string& name);

}  // namespace mailscope::test
