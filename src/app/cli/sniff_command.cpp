// app/cli/sniff_command.cpp — live capture from the terminal.
//
// The capture runs on LiveSession's thread; this loop takes its updates and prints each new
// event in the formats of `dialogues` (JSON Lines, or one transcript line with the stream
// number in front). Ctrl-C stops the capture cleanly: what was received is still decoded,
// printed, and flushed to --write.
#include "app/cli/sniff_command.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "app/cli/dialogues_command.h"
#include "dialogue/redaction.h"
#include "protocols/live_session.h"
#include "protocols/common/text.h"

namespace mailscope::cli {
namespace {

std::atomic<bool> interrupted{false};
void on_interrupt(int) { interrupted.store(true); }

void print_event_line(const DialogueDelta& d, const DialogueEvent& e, Language language) {
  std::string text;
  switch (e.type) {
    case EventType::connection_open:
      text = "[TCP connection opened: " + e.text + "]";
      break;
    case EventType::connection_close:
      text = "[TCP connection closed: " + e.text + "]";
      break;
    case EventType::gap:
      text = "[" + std::to_string(e.size_bytes) + " bytes missing in the capture]";
      break;
    case EventType::tls:
      text = "[" + e.text + "]";
      break;
    case EventType::data:
      text = "[message content: " + std::to_string(e.size_bytes) + " bytes]";
      break;
    default: {
      size_t newline = e.text.find('\n');
      text = newline == std::string::npos ? e.text : e.text.substr(0, newline) + " …";
    }
  }
  std::string meaning = !e.decoded.empty() ? e.decoded
                        : e.explain_key.empty() ? std::string()
                                                : std::string(explain(e.explain_key, language));
  std::printf("[%u %s] %s %s%s%s\n", d.stream, std::string(protocol_name(d.protocol)).c_str(),
              e.direction == Direction::client_to_server ? "C:" : "S:", text.c_str(),
              meaning.empty() ? "" : "   → ", meaning.c_str());
}

}  // namespace

int run_interfaces(bool json) {
  std::string error;
  std::vector<InterfaceInfo> interfaces = list_interfaces(error);
  if (!error.empty()) {
    print_error(error);
    return exit_input_error;
  }
  for (const InterfaceInfo& i : interfaces) {
    if (json) {
      std::cout << nlohmann::json{{"name", i.name}, {"description", i.description},
                                  {"addresses", i.addresses}, {"loopback", i.loopback},
                                  {"up", i.up}, {"running", i.running}}
                       .dump()
                << "\n";
    } else {
      std::string addresses;
      for (const std::string& a : i.addresses) addresses += (addresses.empty() ? "" : ", ") + a;
      std::printf("%-16s %-8s %s%s%s\n", i.name.c_str(), i.up ? (i.running ? "up" : "up, idle") : "down",
                  addresses.c_str(), i.description.empty() ? "" : "  — ", i.description.c_str());
    }
  }
  return exit_ok;
}

int run_sniff(const SniffOptions& options) {
  LiveSessionOptions live;
  CaptureOptions capture;
  capture.port_mappings = options.port_mappings;
  if (!build_port_map(capture, live.ports)) return exit_usage_error;
  live.capture.interface = options.interface;
  live.capture.filter = options.filter ? *options.filter : live.ports.capture_filter();
  live.write_path = options.write_path;
  live.max_packets = options.count;
  live.max_duration_ns = static_cast<int64_t>(options.duration_seconds * 1e9);
  live.reassembly = live_reassembly_limits(options.max_sessions, options.idle_timeout_seconds);

  LiveSession::Started started = LiveSession::start(std::move(live));
  if (!started.ok()) {
    std::string message = started.error;
    if (started.kind == LiveError::permission) {
      message += " " + capture_permission_advice(options.program_path);
    }
    print_error(message);
    return started.kind == LiveError::bad_filter ? exit_usage_error : exit_input_error;
  }
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  std::cerr << "mailscope-cli: capturing on " << options.interface << " (Ctrl-C to stop)\n";

  LiveSession& session = *started.session;
  bool stop_sent = false;
  for (;;) {
    if (interrupted.load() && !stop_sent) {
      session.stop();
      stop_sent = true;
    }
    LiveUpdate update = session.take_update();
    for (DialogueDelta& d : update.dialogues) {
      if (d.protocol == Protocol::other) continue;
      Dialogue context;
      context.protocol = d.protocol;
      context.session = d.session;
      for (size_t i = 0; i < d.new_events.size(); ++i) {
        DialogueEvent& e = d.new_events[i];
        if (options.redact) redact(e);
        if (options.json) {
          std::cout << event_json(context, e, d.first_new_event + i, options.language)
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                    << "\n";
        } else {
          print_event_line(d, e, options.language);
        }
      }
    }
    std::fflush(stdout);
    if (update.finished) {
      LiveStats stats = update.stats;
      std::cerr << "mailscope-cli: " << stats.received << " packets received, "
                << stats.dropped_by_kernel << " dropped by the kernel, "
                << stats.dropped_by_interface << " dropped by the interface";
      if (update.sessions_evicted || update.sessions_timed_out)
        std::cerr << "; " << update.sessions_evicted << " sessions closed because more than "
                  << options.max_sessions << " were open, " << update.sessions_timed_out
                  << " closed after " << options.idle_timeout_seconds << " s idle";
      std::cerr << "\n";
      if (!update.error.empty()) {
        print_error(update.error);
        return exit_input_error;
      }
      return exit_ok;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace mailscope::cli
