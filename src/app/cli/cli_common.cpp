// app/cli/cli_common.cpp — see cli_common.h.
#include "app/cli/cli_common.h"

#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <iostream>

#include "capture/capture_file.h"

namespace mailscope::cli {

void print_error(const std::string& message) { std::cerr << "mailscope-cli: " << message << "\n"; }

bool build_port_map(const CaptureOptions& options, PortMap& ports) {
  for (const std::string& spec : options.port_mappings) {
    std::string error;
    if (!ports.add_mapping(spec, error)) {
      print_error(error);
      return false;
    }
  }
  return true;
}

int analyze_file(const std::string& path, MailAnalyzer& analyzer) {
  CaptureFile::Opened opened = CaptureFile::open(path);
  if (!opened.ok()) {
    print_error(opened.error);
    return exit_input_error;
  }
  Frame frame;
  while (opened.file->next(frame)) analyzer.add_frame(frame);
  analyzer.finish();
  if (!opened.file->warning().empty()) {
    print_error("warning: " + opened.file->warning());
  }
  return exit_ok;
}

std::string format_seconds(int64_t nanoseconds) {
  char buffer[40];
  const char* sign = nanoseconds < 0 ? "-" : "";
  uint64_t magnitude = nanoseconds < 0 ? uint64_t(-(nanoseconds + 1)) + 1 : uint64_t(nanoseconds);
  std::snprintf(buffer, sizeof buffer, "%s%" PRIu64 ".%06" PRIu64, sign, magnitude / 1000000000u,
                (magnitude % 1000000000u) / 1000u);
  return buffer;
}

std::string format_utc(int64_t time_ns) {
  std::time_t seconds = static_cast<std::time_t>(time_ns / 1000000000);
  int64_t micros = (time_ns % 1000000000) / 1000;
  if (micros < 0) {
    micros += 1000000;
    --seconds;
  }
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, int(micros));
  return buffer;
}

double epoch_seconds(int64_t time_ns) {
  // Round to microseconds so the JSON number prints the way people read timestamps.
  return double(time_ns / 1000) / 1e6;
}

nlohmann::json endpoint_json(const Endpoint& endpoint) {
  return {{"address", endpoint.address.to_string()}, {"port", endpoint.port}};
}

}  // namespace mailscope::cli
