// protocols/common/message_headers.cpp — the header fields of an RFC 5322 message.
//
// RFC 5322 §2.2: a field is name ":" value; name is printable US-ASCII except ":".
// §2.2.3: a line that starts with space or tab continues the previous field (unfolding removes
// the CRLF only, the whitespace stays). §2.1: an empty line ends the header section.
// Values are decoded (RFC 2047 encoded words), made printable and capped.
#include "protocols/common/message_body.h"
#include "protocols/common/text.h"

namespace mailscope {
namespace {

bool is_field_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c < 33 || c > 126) return false;  // ':' never reaches here: the name ends before it
  }
  return true;
}

void finish_field(std::vector<std::pair<std::string, std::string>>& fields, std::string_view name,
                  const std::string& raw_value, uint64_t cut) {
  std::string value = decode_encoded_words(trim(raw_value));
  make_printable(value);  // in place: nearly every value is plain ASCII already
  fields.emplace_back(std::string(name), with_truncation_marker(std::move(value), cut));
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_message_headers(std::string_view message) {
  std::vector<std::pair<std::string, std::string>> fields;
  // Most messages have 5 to 8 fields: one allocation, no larger than growing to them would give
  // (POP3 keeps this vector in its event).
  fields.reserve(8);
  std::string_view name;
  std::string value;
  uint64_t cut = 0;  // bytes of the current value beyond kMaxHeaderValue
  bool open = false;
  const auto append = [&](std::string_view part) {
    size_t room = value.size() < kMaxHeaderValue ? kMaxHeaderValue - value.size() : 0;
    value.append(part.substr(0, room));
    if (part.size() > room) cut += part.size() - room;
  };
  while (!message.empty()) {
    size_t lf = message.find('\n');
    std::string_view line = message.substr(0, lf);
    message.remove_prefix(lf == std::string_view::npos ? message.size() : lf + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;                            // end of the header section
    if (line.front() == ' ' || line.front() == '\t') {  // folded continuation
      if (open) append(line);
      continue;
    }
    if (open) {
      finish_field(fields, name, value, cut);
      open = false;
    }
    size_t colon = line.find(':');
    std::string_view candidate = colon == std::string_view::npos ? line : line.substr(0, colon);
    while (!candidate.empty() && (candidate.back() == ' ' || candidate.back() == '\t')) {
      candidate.remove_suffix(1);  // "Subject : x" (obsolete syntax, RFC 5322 §4.5)
    }
    if (colon == std::string_view::npos || !is_field_name(candidate)) break;  // body starts
    if (fields.size() >= kMaxHeaderFields) break;
    name = candidate;
    value.clear();
    cut = 0;
    std::string_view first = line.substr(colon + 1);
    while (!first.empty() && (first.front() == ' ' || first.front() == '\t'))
      first.remove_prefix(1);
    append(first);
    open = true;
  }
  if (open) finish_field(fields, name, value, cut);
  return fields;
}

bool is_summary_header(std::string_view name) {
  static constexpr std::string_view kNames[] = {"From",    "To",   "Cc",
                                                "Subject", "Date", "Message-ID"};
  for (std::string_view n : kNames) {
    if (iequals(n, name)) return true;
  }
  return false;
}

}  // namespace mailscope
