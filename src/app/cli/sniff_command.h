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
  Language language = Language::english;
  std::string program_path;            // for the setcap advice
};

int run_sniff(const SniffOptions& options);
int run_interfaces(bool json);

}  // namespace mailscope::cli
