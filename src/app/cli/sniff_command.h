// app/cli/sniff_command.h — `mailscope-cli sniff -i IFACE`: print dialogue events as they happen,
// and `mailscope-cli interfaces`: the interfaces that can be sniffed.
#pragma once
#include <optional>

#include "app/cli/cli_common.h"
#include "dialogue/explanations.h"

namespace mailscope::cli {

struct SniffOptions {
  std::string interface = "lo";
  std::optional<std::string> filter;   // default: the mail ports (and --port mappings)
  std::string write_path;
  bool json = false;
  bool redact = false;
  uint64_t count = 0;                  // stop after N packets
  double duration_seconds = 0;         // stop after S seconds
  std::vector<std::string> port_mappings;
  uint64_t max_sessions = 10'000;      // open sessions held at once (the longest idle is closed)
  double idle_timeout_seconds = 600;   // an open session idle this long is closed
  Language language = Language::english;
  std::string program_path;            // for the setcap advice
};

int run_sniff(const SniffOptions& options);
int run_interfaces(bool json);

}  // namespace mailscope::cli
