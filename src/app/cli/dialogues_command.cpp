// app/cli/dialogues_command.cpp — transcripts and JSON Lines of decoded dialogues.
//
// Dialogues are printed in stream order as soon as every earlier session has closed, and then
// released, so memory follows the sessions still open rather than the whole file.
#include "app/cli/dialogues_command.h"

#include <cstdio>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
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

// [SECTION] JSON Lines without a JSON object
//
// The writer below reproduces nlohmann's dump(-1, ' ', ensure_ascii = false, replace): keys in
// std::map order (sorted), no spaces, strings escaped as its serializer does. A string that is not
// valid UTF-8 (the decoders escape such bytes, so this is defensive) goes through nlohmann itself,
// which replaces the bad bytes; doubles too, since their shortest form is its own algorithm.

// The length of the well-formed UTF-8 sequence at p[0] (a byte >= 0x80), 0 when it is not one
// (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
size_t utf8_sequence_length(const unsigned char* p, size_t available) {
  unsigned char c = p[0];
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (available < len || p[1] < lo || p[1] > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (p[k] < 0x80 || p[k] > 0xBF) return 0;
  }
  return len;
}

// Appends `s` as a JSON string, checking UTF-8 in the same pass; false (and `out` as it was)
// when `s` is not valid UTF-8. Mail text is nearly all plain ASCII, so sixteen bytes at a time
// are tested for anything that needs a look: controls, '"', '\\' and bytes >= 0x80.
bool append_valid_json_string(std::string& out, std::string_view s) {
  const size_t mark = out.size();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  out += '"';
  size_t i = 0, run = 0;  // run: start of the bytes not yet copied
  while (i < n) {
#if defined(__SSE2__)
    if (n - i >= 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      // Signed compare: bytes >= 0x80 are negative, so "< 0x20" also catches them.
      __m128i look = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                               _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
      int mask = _mm_movemask_epi8(look);
      if (mask == 0) {
        i += 16;
        continue;
      }
      i += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    unsigned char c = p[i];
    if (c >= 0x80) {
      size_t len = utf8_sequence_length(p + i, n - i);
      if (len == 0) {
        out.resize(mark);
        return false;
      }
      i += len;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
        out += buffer;
      }
    }
    ++i;
    run = i;
  }
  out.append(s.data() + run, n - run);
  out += '"';
  return true;
}

void append_json_string(std::string& out, std::string_view s) {
  if (append_valid_json_string(out, s)) return;
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Writes `"key":` after a comma when the object has a member already.
void append_key(std::string& out, const char* key) {
  if (out.back() != '{') out += ',';
  out += '"';
  out += key;
  out += "\":";
}

void append_member(std::string& out, const char* key, std::string_view value) {
  append_key(out, key);
  append_json_string(out, value);
}

template <typename Integer>
void append_integer(std::string& out, const char* key, Integer value) {
  append_key(out, key);
  out += std::to_string(value);
}

void append_double(std::string& out, const char* key, double value) {
  append_key(out, key);
  out += nlohmann::json(value).dump();
}

}  // namespace

void append_event_json_line(std::string& out, const Dialogue& d, const DialogueEvent& e, size_t index,
                            Language language) {
  // Members in the order std::map<std::string, ...> sorts event_json's keys.
  out += '{';
  if (e.answers >= 0) append_integer(out, "answers", e.answers);
  if (!e.arguments.empty()) append_member(out, "arguments", e.arguments);
  if (e.code != 0) append_integer(out, "code", e.code);
  if (!e.decoded.empty()) append_member(out, "decoded", e.decoded);
  if (!e.details.empty()) {
    append_key(out, "details");
    out += '[';
    for (size_t i = 0; i < e.details.size(); ++i) {
      if (i > 0) out += ',';
      out += '[';
      append_json_string(out, e.details[i].first);
      out += ',';
      append_json_string(out, e.details[i].second);
      out += ']';
    }
    out += ']';
  }
  append_member(out, "direction", e.direction == Direction::client_to_server ? "client" : "server");
  if (!e.enhanced_code.empty()) append_member(out, "enhanced_code", e.enhanced_code);
  if (!e.explain_key.empty()) append_member(out, "explain_key", e.explain_key);
  append_integer(out, "first_packet", e.span.first_packet);
  append_integer(out, "index", index);
  append_integer(out, "last_packet", e.span.last_packet);
  if (e.malformed) {
    append_key(out, "malformed");
    out += "true";
  }
  if (!e.explain_key.empty()) append_member(out, "meaning", explain(e.explain_key, language));
  append_member(out, "protocol", protocol_name(d.protocol));
  if (e.type == EventType::tls) append_integer(out, "records", e.record_count);
  if (!e.response_code.empty()) append_member(out, "response_code", e.response_code);
  if (e.type == EventType::data || e.type == EventType::tls || e.type == EventType::gap)
    append_integer(out, "size", e.size_bytes);
  if (!e.state_key.empty()) {
    append_member(out, "state", e.state_key);
    if (!e.state_detail.empty()) append_member(out, "state_detail", e.state_detail);
  }
  if (!e.status.empty()) append_member(out, "status", e.status);
  append_integer(out, "stream", d.stream());
  append_integer(out, "stream_begin", e.span.begin);
  append_integer(out, "stream_end", e.span.end);
  if (!e.tag.empty()) append_member(out, "tag", e.tag);
  append_member(out, "text", e.text);
  append_double(out, "time", epoch_seconds(e.span.first_time_ns));
  append_double(out, "time_end", epoch_seconds(e.span.last_time_ns));
  if (e.line_truncated) {
    append_key(out, "truncated");
    out += "true";
  }
  append_member(out, "type", event_type_name(e.type));
  if (e.unknown) {
    append_key(out, "unknown");
    out += "true";
  }
  if (!e.verb.empty()) append_member(out, "verb", e.verb);
  out += "}\n";
}

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
    j["explain_key"] = e.explain_key.str();
    j["meaning"] = std::string(explain(e.explain_key, language));
  }
  if (!e.state_key.empty()) {
    j["state"] = e.state_key.str();
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
  // Decoding, and the printing below, run on a second thread while this one reads the file:
  // the pass then takes about as long as reassembly alone (README, "Figures measured here").
  analyzer_options.decode_on_thread = true;
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
  std::string json_lines;
  auto print = [&](Dialogue& d) {
    if (options.redact) redact_all(d.events);   // a secret may recur in later events
    if (options.json) {
      // One write per dialogue; the buffer keeps its room for the next one.
      json_lines.clear();
      for (size_t i = 0; i < d.events.size(); ++i)
        append_event_json_line(json_lines, d, d.events[i], i, options.language);
      std::cout.write(json_lines.data(), static_cast<std::streamsize>(json_lines.size()));
    } else {
      // Set by the first frame, before any session opened, so it is settled when the
      // decoding thread prints; the other counters of stats() are the reading thread's.
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
