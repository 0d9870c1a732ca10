// app/cli/follow_command.cpp — like Wireshark's Follow TCP Stream.
//
// Text mode prints each turn (a run of bytes in one direction) under a header naming the
// sender, with bytes that are not printable escaped, and a gap as a marked line. Raw mode
// writes the exact reassembled bytes of one direction to stdout; gaps are left out and
// reported on stderr, so the output can be compared with `tshark -z follow,tcp,raw,N`.
#include "app/cli/follow_command.h"

#include <cstdio>
#include <iostream>
#include <string>

#include "protocols/common/text.h"

namespace mailscope::cli {
namespace {

class TurnPrinter {
 public:
  void data(const TcpSession& s, Direction d, const uint8_t* bytes, size_t length) {
    start_turn(s, d);
    pending_.append(reinterpret_cast<const char*>(bytes), length);
    flush_complete_lines();
  }
  void gap(const TcpSession& s, Direction d, uint64_t length) {
    start_turn(s, d);
    flush_all();
    std::cout << "    [" << length << " bytes missing in the capture]\n";
  }
  void finish() { flush_all(); }

 private:
  void start_turn(const TcpSession& s, Direction d) {
    if (started_ && d == current_) return;
    flush_all();
    started_ = true;
    current_ = d;
    const Endpoint& from = d == Direction::client_to_server ? s.client : s.server;
    const Endpoint& to = d == Direction::client_to_server ? s.server : s.client;
    std::cout << (d == Direction::client_to_server ? "── client " : "── server ")
              << from.to_string() << " → " << to.to_string() << "\n";
  }
  void flush_complete_lines() {
    size_t start = 0;
    for (size_t newline; (newline = pending_.find('\n', start)) != std::string::npos;
         start = newline + 1) {
      print_line(std::string_view(pending_).substr(start, newline - start));
    }
    pending_.erase(0, start);
  }
  void flush_all() {
    flush_complete_lines();
    if (!pending_.empty()) print_line(pending_);
    pending_.clear();
  }
  void print_line(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::cout << (current_ == Direction::client_to_server ? "C: " : "S: ") << printable_text(line)
              << "\n";
  }

  bool started_ = false;
  Direction current_ = Direction::client_to_server;
  std::string pending_;
};

}  // namespace

int run_follow(const FollowOptions& options) {
  AnalyzerOptions analyzer_options;
  if (!build_port_map(options.capture, analyzer_options.ports)) return exit_usage_error;
  analyzer_options.decode = false;
  analyzer_options.keep_closed = false;
  MailAnalyzer analyzer(std::move(analyzer_options));

  const Direction wanted =
      options.direction == "server" ? Direction::server_to_client : Direction::client_to_server;
  bool found = false;
  uint64_t raw_gap_bytes = 0;
  TurnPrinter printer;

  analyzer.on_session_data = [&](const TcpSession& s, Direction d, const uint8_t* bytes,
                                 size_t length, const SegmentOrigin&) {
    if (s.id != options.stream) return;
    found = true;
    if (!options.raw) {
      printer.data(s, d, bytes, length);
    } else if (d == wanted) {
      std::fwrite(bytes, 1, length, stdout);
    }
  };
  analyzer.on_session_gap = [&](const TcpSession& s, Direction d, uint64_t length,
                                const SegmentOrigin& origin) {
    if (s.id != options.stream) return;
    found = true;
    if (!options.raw) {
      printer.gap(s, d, length);
    } else if (d == wanted) {
      raw_gap_bytes += length;
      std::cerr << "mailscope-cli: gap of " << length << " bytes at offset "
                << origin.stream_offset << " of the " << options.direction
                << " stream (left out of the output)\n";
    }
  };
  analyzer.on_dialogue_closed = [&](Dialogue& d) {
    if (d.session.id == options.stream) found = true;
  };

  int status = analyze_file(options.capture.path, analyzer);
  if (status != exit_ok) return status;
  printer.finish();
  std::fflush(stdout);
  if (!found) {
    size_t count = analyzer.dialogues().size();
    print_error("stream " + std::to_string(options.stream) + " does not exist in " +
                options.capture.path + " (it has " + std::to_string(count) +
                " TCP session" + (count == 1 ? "" : "s") + ", numbered from 0; see `mailscope-cli streams --all`)");
    return exit_usage_error;
  }
  return exit_ok;
}

}  // namespace mailscope::cli
