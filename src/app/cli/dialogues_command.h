// app/cli/dialogues_command.h — `mailscope-cli dialogues FILE`: every session as a transcript.
#pragma once
#include <optional>

#include "app/cli/cli_common.h"
#include "dialogue/explanations.h"

namespace mailscope::cli {

struct DialoguesOptions {
  CaptureOptions capture;
  bool json = false;
  bool redact = false;                  // mask passwords and other secrets
  std::optional<uint32_t> stream;       // only this session
  std::optional<Protocol> protocol;     // only sessions of this protocol
  Language language = Language::english;
  bool quiet_meaning = false;           // --no-meaning: lines only
};

int run_dialogues(const DialoguesOptions& options);

// One event as a JSON object (the schema is in README.md).
nlohmann::json event_json(const Dialogue& dialogue, const DialogueEvent& event, size_t index,
                          Language language);
// Appends event_json(...).dump(-1, ' ', false, replace) and "\n" to `out`, byte for byte, without
// building the JSON object: the object's map and nlohmann's escaper were a third of a --json run.
void append_event_json_line(std::string& out, const Dialogue& dialogue, const DialogueEvent& event,
                            size_t index, Language language);
// Prints one dialogue as a transcript to stdout.
void print_transcript(const Dialogue& dialogue, int64_t capture_start_ns, const DialoguesOptions& options);

}  // namespace mailscope::cli
