// app/cli/streams_command.cpp — list sessions like Wireshark's Conversations, numbered like tcp.stream.
//
// Only TCP reassembly runs (no protocol decoding), and closed sessions are released as soon as
// their row is taken, so memory follows the open sessions, not the file size.
#include "app/cli/streams_command.h"

#include <cstdio>
#include <iostream>
#include <map>

namespace mailscope::cli {

std::string session_flags(const TcpSession& s) {
  const DirectionStats& c = s.from(Direction::client_to_server);
  const DirectionStats& v = s.from(Direction::server_to_client);
  std::string flags;
  auto add = [&flags](const std::string& flag) {
    if (!flags.empty()) flags += ' ';
    flags += flag;
  };
  if (s.midstream) add("midstream");
  if (c.gap_bytes + v.gap_bytes > 0) add("gap:" + std::to_string(c.gap_bytes + v.gap_bytes));
  if (c.retransmissions + v.retransmissions > 0)
    add("retrans:" + std::to_string(c.retransmissions + v.retransmissions));
  if (c.overlaps_conflicting + v.overlaps_conflicting > 0)
    add("overlap:" + std::to_string(c.overlaps_conflicting + v.overlaps_conflicting));
  if (c.rst || v.rst) add("rst");
  if (c.truncated_segments + v.truncated_segments > 0) add("truncated");
  if (s.end == EndReason::evicted) add("evicted");
  if (s.end == EndReason::end_of_capture) add("open-at-end");
  return flags;
}

nlohmann::json session_json(const Dialogue& d) {
  const TcpSession& s = d.session;
  const DirectionStats& c = s.from(Direction::client_to_server);
  const DirectionStats& v = s.from(Direction::server_to_client);
  return {
      {"stream", s.id},
      {"protocol", protocol_name(d.protocol)},
      {"client", endpoint_json(s.client)},
      {"server", endpoint_json(s.server)},
      {"start", epoch_seconds(s.first_time_ns)},
      {"start_utc", format_utc(s.first_time_ns)},
      {"duration", double((s.last_time_ns - s.first_time_ns) / 1000) / 1e6},
      {"packets", c.packets + v.packets},
      {"client_packets", c.packets},
      {"server_packets", v.packets},
      {"client_bytes", c.delivered_bytes},
      {"server_bytes", v.delivered_bytes},
      {"gap_bytes", c.gap_bytes + v.gap_bytes},
      {"client_gap_bytes", c.gap_bytes},
      {"server_gap_bytes", v.gap_bytes},
      {"retransmissions", c.retransmissions + v.retransmissions},
      {"overlaps_conflicting", c.overlaps_conflicting + v.overlaps_conflicting},
      {"midstream", s.midstream},
      {"rst", c.rst || v.rst},
      {"truncated", c.truncated_segments + v.truncated_segments > 0},
      {"end", end_reason_name(s.end)},
      {"first_packet", s.first_packet},
      {"last_packet", s.last_packet},
  };
}

namespace {

void print_table_header() {
  std::printf("%-6s %-10s %-47s %11s %10s %15s %21s  %s\n", "stream", "protocol",
              "client → server", "start", "duration", "packets c/s", "bytes c/s", "flags");
}

void print_table_row(const Dialogue& d, int64_t capture_start_ns) {
  const TcpSession& s = d.session;
  const DirectionStats& c = s.from(Direction::client_to_server);
  const DirectionStats& v = s.from(Direction::server_to_client);
  std::string route = s.client.to_string() + " → " + s.server.to_string();
  std::string packets = std::to_string(c.packets) + "/" + std::to_string(v.packets);
  std::string bytes = std::to_string(c.delivered_bytes) + "/" + std::to_string(v.delivered_bytes);
  // "→" is 3 bytes but one column: widen the field by 2 so columns line up.
  std::printf("%-6u %-10s %-49s %11s %10s %15s %21s  %s\n", s.id,
              std::string(protocol_name(d.protocol)).c_str(), route.c_str(),
              format_seconds(s.first_time_ns - capture_start_ns).c_str(),
              format_seconds(s.last_time_ns - s.first_time_ns).c_str(), packets.c_str(),
              bytes.c_str(), session_flags(s).c_str());
}

}  // namespace

int run_streams(const StreamsOptions& options) {
  AnalyzerOptions analyzer_options;
  if (!build_port_map(options.capture, analyzer_options.ports)) return exit_usage_error;
  analyzer_options.decode = false;
  analyzer_options.keep_closed = false;
  MailAnalyzer analyzer(std::move(analyzer_options));

  // Rows are printed in stream order; a row waits here until every earlier session closed.
  std::map<uint32_t, Dialogue> finished;
  uint32_t next_to_print = 0;
  bool header_printed = false;
  uint64_t listed = 0;

  auto print_ready = [&] {
    while (!finished.empty() && finished.begin()->first == next_to_print) {
      const Dialogue& d = finished.begin()->second;
      if (options.all || d.protocol != Protocol::other) {
        if (options.json) {
          std::cout << session_json(d).dump() << "\n";
        } else {
          if (!header_printed) {
            print_table_header();
            header_printed = true;
          }
          print_table_row(d, analyzer.stats().first_time_ns);
        }
        ++listed;
      }
      finished.erase(finished.begin());
      ++next_to_print;
    }
  };
  analyzer.on_dialogue_closed = [&](Dialogue& d) {
    Dialogue row;
    row.protocol = d.protocol;
    row.session = d.session;
    finished.emplace(d.session.id, std::move(row));
    print_ready();
  };

  int status = analyze_file(options.capture.path, analyzer);
  if (status != exit_ok) return status;
  print_ready();
  if (!options.json && listed == 0) {
    std::cout << "No mail sessions in " << options.capture.path
              << " (mail ports: 25, 587, 110, 143, 465, 993, 995"
              << (options.capture.port_mappings.empty() ? "" : " and those given with --port")
              << "; --all lists every TCP session).\n";
  }
  return exit_ok;
}

}  // namespace mailscope::cli
