// tests/protocols/imap/imap_transcript.h — IMAP sessions as (direction, bytes) steps, run through
// ImapDecoder whole, byte by byte and split at every position, with a deterministic dump.
//
//   ImapTranscript t;
//   t.server("* OK ready\r\n").client("A1 NOOP\r\n").server("A1 OK done\r\n");
//   Dialogue d = run_every_way(t);   // REQUIREs the three feeds give the same dump
//
// Each step is one packet (numbers 1, 2, 3 ...; time = 1000 ns × number); stream offsets grow
// per direction. A gap step reports lost bytes instead of delivering them.
#pragma once
#include <string>
#include <vector>

#include "dialogue/dialogue.h"
#include "protocols/common/protocol_decoder.h"

namespace mailscope::test {

struct ImapStep {
  Direction direction = Direction::client_to_server;
  std::string bytes;
  uint64_t gap = 0;  // > 0: a gap of this many bytes instead of bytes
};

struct ImapTranscript {
  std::vector<ImapStep> steps;
  ImapTranscript& client(std::string bytes) {
    steps.push_back({Direction::client_to_server, std::move(bytes), 0});
    return *this;
  }
  ImapTranscript& server(std::string bytes) {
    steps.push_back({Direction::server_to_client, std::move(bytes), 0});
    return *this;
  }
  ImapTranscript& gap(Direction direction, uint64_t length) {
    steps.push_back({direction, "", length});
    return *this;
  }
};

enum class FeedMode { whole, byte_by_byte, split_at };

// Feeds `t` to a fresh ImapDecoder; split_at cuts every step at min(split, size) into two feeds.
Dialogue run_imap(const ImapTranscript& t, FeedMode mode, size_t split = 0,
                  DecoderLimits limits = {});
// Whole, byte by byte, and at every split position: REQUIREs identical dumps; returns `whole`.
Dialogue run_every_way(const ImapTranscript& t, DecoderLimits limits = {});
std::string dump(const Dialogue& d);
std::string dump(const DialogueEvent& e);

// The detail values named `name`, in order.
std::vector<std::string> details_named(const DialogueEvent& e, const std::string& name);
std::string detail(const DialogueEvent& e, const std::string& name);  // first, or ""

}  // namespace mailscope::test
