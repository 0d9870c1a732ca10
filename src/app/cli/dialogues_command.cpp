// app/cli/dialogues_command.cpp — transcripts and JSON Lines of decoded dialogues.
//
// Dialogues are printed in stream order as soon as every earlier session has closed, and then
// released, so memory follows the sessions still open rather than the whole file.
#include "app/cli/dialogues_command.h"

#include <cstdio>
#include <iostream>
#include <map>

#include "dialogue/redaction.h"

namespace mailscope::cli {
namespace {

constexpr size_t kShownLineWidth = 76;   // longer lines are shortened with "…" in transcripts
constexpr size_t kShownLines = 24;       // lines of a multi-line reply shown in transcripts

// Shortens to `width` code points, ending with "…" when something was cut.
std::string shorten(std::string_view text, size_t width) {
  size_t code_points = 0, i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (code_points == width) return std::string(text.substr(0, i)) + "…";
      ++code_points;
    }
    ++i;
  }
  return std::string(text);
}

std::string detail_value(const DialogueEvent& e, std::string_view name) {
  for (const auto& [key, value] : e.details) {
    if (key == name) return value;
  }
  return {};
}

// What an event says in one line when it is not a plain line of text.
std::string bracketed_summary(const DialogueEvent& e) {
  switch (e.type) {
    case EventType::connection_open:
      return "[TCP connection opened: " + e.text + "]";
    case EventType::connection_close:
      return "[TCP connection closed: " + e.text + "]";
    case EventType::gap:
      return "[" + std::to_string(e.size_bytes) + " bytes missing in the capture]";
    case EventType::tls:
      return "[" + e.text + "]";
    case EventType::data: {
      std::string summary = "[message content: " + std::to_string(e.size_bytes) + " bytes";
      std::string subject = detail_value(e, "Subject");
      if (!subject.empty()) summary += ", Subject: " + subject;
      return summary + "]";
    }
    default:
      return {};
  }
}

const char* arrow(Direction d) { return d == Direction::client_to_server ? "C:" : "S:"; }

}  // namespace

nlohmann::json event_json(const Dialogue& d, const DialogueEvent& e, size_t index,
                          Language language) {
  nlohmann::json j = {
      {"stream", d.stream()},
      {"protocol", protocol_name(d.protocol)},
      {"index", index},
      {"direction", e.direction == Direction::client_to_server ? "client" : "server"},
      {"type", event_type_name(e.type)},
      {"time", epoch_seconds(e.span.first_time_ns)},
      {"time_end", epoch_seconds(e.span.last_time_ns)},
      {"first_packet", e.span.first_packet},
      {"last_packet", e.span.last_packet},
      {"stream_begin", e.span.begin},
      {"stream_end", e.span.end},
      {"text", e.text},
  };
  if (!e.verb.empty()) j["verb"] = e.verb;
  if (!e.arguments.empty()) j["arguments"] = e.arguments;
  if (!e.tag.empty()) j["tag"] = e.tag;
  if (e.code != 0) j["code"] = e.code;
  if (!e.enhanced_code.empty()) j["enhanced_code"] = e.enhanced_code;
  if (!e.status.empty()) j["status"] = e.status;
  if (!e.response_code.empty()) j["response_code"] = e.response_code;
  if (!e.decoded.empty()) j["decoded"] = e.decoded;
  if (!e.details.empty()) {
    nlohmann::json details = nlohmann::json::array();
    for (const auto& [name, value] : e.details) details.push_back({name, value});
    j["details"] = std::move(details);
  }
  if (e.answers >= 0) j["answers"] = e.answers;
  if (e.type == EventType::data || e.type == EventType::tls || e.type == EventType::gap)
    j["size"] = e.size_bytes;
  if (e.type == EventType::tls) j["records"] = e.record_count;
  if (!e.explain_key.empty()) {
    j["explain_key"] = e.explain_key;
    j["meaning"] = std::string(explain(e.explain_key, language));
  }
  if (!e.state_key.empty()) {
    j["state"] = e.state_key;
    if (!e.state_detail.empty()) j["state_detail"] = e.state_detail;
  }
  if (e.unknown) j["unknown"] = true;
  if (e.malformed) j["malformed"] = true;
  if (e.line_truncated) j["truncated"] = true;
  return j;
}

void print_transcript(const Dialogue& d, int64_t capture_start_ns, const DialoguesOptions& options) {
  const TcpSession& s = d.session;
  std::cout << "── stream " << s.id << " · " << protocol_name(d.protocol) << " · "
            << s.client.to_string() << " → " << s.server.to_string() << " · "
            << d.events.size() << " events";
  if (s.midstream) std::cout << " · picked up midstream";
  std::cout << " ──\n";
  for (const DialogueEvent& e : d.events) {
    std::string time = format_seconds(e.span.first_time_ns - capture_start_ns);
    std::string summary = bracketed_summary(e);
    std::string meaning;
    if (!options.quiet_meaning) {
      meaning = !e.decoded.empty() ? e.decoded
                                   : (e.explain_key.empty()
                                          ? std::string()
                                          : std::string(explain(e.explain_key, options.language)));
    }
    std::vector<std::string_view> lines;
    if (!summary.empty()) {
      lines.push_back(summary);
    } else {
      std::string_view text = e.text;
      size_t start = 0;
      while (start <= text.size()) {
        size_t newline = text.find('\n', start);
        if (newline == std::string_view::npos) newline = text.size();
        lines.push_back(text.substr(start, newline - start));
        start = newline + 1;
      }
    }
    for (size_t i = 0; i < lines.size() && i < kShownLines; ++i) {
      std::printf("%12s  %s %s\n", i == 0 ? time.c_str() : "", arrow(e.direction),
                  shorten(lines[i], kShownLineWidth).c_str());
    }
    if (lines.size() > kShownLines) {
      std::printf("%12s     … %zu more lines\n", "", lines.size() - kShownLines);
    }
    if (!meaning.empty()) std::printf("%12s     → %s\n", "", meaning.c_str());
  }
  std::cout << "\n";
}

int run_dialogues(const DialoguesOptions& options) {
  AnalyzerOptions analyzer_options;
  if (!build_port_map(options.capture, analyzer_options.ports)) return exit_usage_error;
  analyzer_options.keep_closed = false;
  MailAnalyzer analyzer(std::move(analyzer_options));

  // Closed sessions waiting for every earlier one to close; nullopt for those not asked for.
  std::map<uint32_t, std::optional<Dialogue>> finished;
  uint32_t next_to_print = 0;
  uint64_t printed = 0;

  auto wanted = [&](const Dialogue& d) {
    if (options.stream && d.stream() != *options.stream) return false;
    if (options.protocol && d.protocol != *options.protocol) return false;
    return d.protocol != Protocol::other || options.stream.has_value();
  };
  auto print = [&](Dialogue& d) {
    if (options.redact) redact_all(d.events);   // a secret may recur in later events
    if (options.json) {
      for (size_t i = 0; i < d.events.size(); ++i) {
        std::cout << event_json(d, d.events[i], i, options.language).dump(
                         -1, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
      }
    } else {
      print_transcript(d, analyzer.stats().first_time_ns, options);
    }
    ++printed;
  };
  auto print_ready = [&] {
    while (!finished.empty() && finished.begin()->first == next_to_print) {
      if (finished.begin()->second) print(*finished.begin()->second);
      finished.erase(finished.begin());
      ++next_to_print;
    }
  };
  analyzer.on_dialogue_closed = [&](Dialogue& d) {
    if (wanted(d)) {
      finished.emplace(d.stream(), std::move(d));
    } else {
      finished.emplace(d.stream(), std::nullopt);
    }
    print_ready();
  };

  int status = analyze_file(options.capture.path, analyzer);
  if (status != exit_ok) return status;
  print_ready();
  if (options.stream && printed == 0) {
    print_error("stream " + std::to_string(*options.stream) + " does not exist in " +
                options.capture.path + " or is not of the protocol asked for");
    return exit_usage_error;
  }
  if (printed == 0 && !options.json) {
    std::cout << "No mail dialogues in " << options.capture.path << ".\n";
  }
  return exit_ok;
}

}  // namespace mailscope::cli
