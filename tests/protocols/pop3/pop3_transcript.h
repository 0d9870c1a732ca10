// tests/protocols/pop3/pop3_transcript.h — build a POP3 session as steps and run it every way.
//
// A Transcript is a list of steps (client bytes, server bytes or a gap), one packet each, with
// stream offsets counted per direction. run_every_way() feeds it to a Pop3Decoder whole, byte
// by byte, and split in two at every position, and checks that the dumps are identical
// (STYLE.md convention 1); it returns the dialogue of the whole run.
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
  uint64_t gap = 0;  // > 0: this many bytes are missing instead
};

class Transcript {
 public:
  Transcript& client(std::string bytes) {
    return add(Direction::client_to_server, std::move(bytes));
  }
  Transcript& server(std::string bytes) {
    return add(Direction::server_to_client, std::move(bytes));
  }
  Transcript& gap(Direction direction, uint64_t length) {
    steps_.push_back({direction, {}, length});
    return *this;
  }
  const std::vector<TranscriptStep>& steps() const { return steps_; }
  size_t total_bytes() const;

 private:
  Transcript& add(Direction d, std::string bytes) {
    steps_.push_back({d, std::move(bytes), 0});
    return *this;
  }
  std::vector<TranscriptStep> steps_;
};

enum class FeedMode { whole, byte_by_byte, split_at };

// One run: `split` is the global byte position where the step holding it is cut in two.
Dialogue run_transcript(const Transcript& t, FeedMode mode, size_t split = 0,
                        DecoderLimits limits = {}, bool midstream = false);

// Every field of every event and the summary, one line each.
std::string dump(const Dialogue& d);

// Whole, byte by byte and at every split; REQUIREs equal dumps; returns the whole run.
Dialogue run_every_way(const Transcript& t, DecoderLimits limits = {}, bool midstream = false);

// The first event of `type` at or after index `from`; -1 if none.
int find_event(const Dialogue& d, EventType type, size_t from = 0);
// The value of detail `name` (the first with that name), or "" if absent.
std::string detail(const DialogueEvent& e, const std::string& name);

}  // namespace mailscope::test
