// app/cli/cli_common.h — what every mailscope-cli subcommand shares: running a capture file
// through the analyzer, reporting errors, formatting times and JSON.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocols/mail_analyzer.h"

namespace mailscope::cli {

// Exit codes of mailscope-cli.
inline constexpr int exit_ok = 0;
inline constexpr int exit_input_error = 1;   // a file that cannot be read or is not a capture
inline constexpr int exit_usage_error = 2;   // bad options (e.g. --stream N that does not exist)

// Options that every capture-reading subcommand accepts.
struct CaptureOptions {
  std::string path;
  std::vector<std::string> port_mappings;   // "2525=smtp"
};

// Builds the port map from --port options; false (message on stderr) on a bad mapping.
bool build_port_map(const CaptureOptions& options, PortMap& ports);

// Opens options.path and feeds every frame to `analyzer`, then finishes it. Returns exit_ok,
// or exit_input_error after printing one message to stderr. A truncated file is a warning:
// everything up to the cut is analysed, the warning printed, and the result still exit_ok.
int analyze_file(const std::string& path, MailAnalyzer& analyzer);

// "12.345678" seconds with microsecond precision.
std::string format_seconds(int64_t nanoseconds);
// ISO 8601 in UTC with microseconds: "2026-11-23T08:01:02.123456Z".
std::string format_utc(int64_t time_ns);
// Seconds since the epoch as a JSON number with microsecond precision.
double epoch_seconds(int64_t time_ns);

nlohmann::json endpoint_json(const Endpoint& endpoint);

// Prints "mailscope-cli: <message>" to stderr.
void print_error(const std::string& message);

}  // namespace mailscope::cli
