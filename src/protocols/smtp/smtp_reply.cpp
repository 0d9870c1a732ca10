// protocols/smtp/smtp_reply.cpp — reply lines, multi-line replies, enhanced status codes and
// the EHLO capability list (see smtp_reply.h).
#include "protocols/smtp/smtp_reply.h"

#include "protocols/common/text.h"

namespace mailscope {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Widens `into` by the bytes and packets of `more` (a later line of the same direction).
void merge_span(StreamSpan& into, const StreamSpan& more) {
  if (more.empty()) return;
  if (into.empty()) {
    into = more;
    return;
  }
  SegmentOrigin last{more.begin, more.last_packet, more.last_time_ns};
  into.extend(last, more.begin, more.end - more.begin);
}

}  // namespace

SmtpReplyLine parse_smtp_reply_line(std::string_view line) {
  SmtpReplyLine out;
  if (line.size() < 3 || !is_digit(line[0]) || !is_digit(line[1]) || !is_digit(line[2])) {
    out.text = line;
    return out;
  }
  out.code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  if (line.size() == 3) {
    out.well_formed = true;
  } else if (line[3] == ' ' || line[3] == '-') {
    out.well_formed = true;
    out.continued = line[3] == '-';
    out.text = line.substr(4);
  } else {
    out.code = 0;  // "2500 ..." or "250x": not a reply line
    out.text = line;
    return out;
  }
  // RFC 5321 §4.2.1: the first digit is 2 (positive), 3 (intermediate), 4 or 5 (negative).
  if (line[0] < '2' || line[0] > '5') out.well_formed = false;
  return out;
}

std::string parse_enhanced_status_code(std::string_view text) {
  // RFC 3463 §2: status-code = class "." subject "." detail; class = "2" / "4" / "5";
  // subject and detail = 1*3digit.
  if (text.size() < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5') || text[1] != '.') {
    return "";
  }
  size_t i = 2;
  for (int part = 0; part < 2; ++part) {
    size_t start = i;
    while (i < text.size() && is_digit(text[i]) && i - start < 4) ++i;
    size_t digits = i - start;
    if (digits == 0 || digits > 3) return "";
    if (part == 0) {
      if (i >= text.size() || text[i] != '.') return "";
      ++i;
    }
  }
  if (i < text.size() && text[i] != ' ' && text[i] != '\t') return "";
  return std::string(text.substr(0, i));
}

void SmtpReplyAssembler::append_text(std::string&& line) {
  size_t needed = line.size() + (current_.text.empty() ? 0 : 1);
  if (text_dropped_ > 0 || current_.text.size() + needed > max_text_) {
    text_dropped_ += needed;
    return;
  }
  if (current_.text.empty()) {
    current_.text = std::move(line);  // most replies are one line: no copy
    return;
  }
  current_.text.push_back('\n');
  current_.text += line;
}

bool SmtpReplyAssembler::add_line(std::string_view line, const StreamSpan& span,
                                  uint64_t dropped_bytes, bool bare_lf) {
  SmtpReplyLine parsed = parse_smtp_reply_line(line);
  std::string shown = with_truncation_marker(printable_text(line), dropped_bytes);
  if (dropped_bytes > 0) current_.line_truncated = true;
  if (bare_lf) current_.bare_lf = true;
  ++lines_;

  if (!collecting_) {
    collecting_ = true;
    current_.span = span;
    current_.code = parsed.code;
    if (!parsed.well_formed) current_.unknown = true;
  } else {
    merge_span(current_.span, span);
    // RFC 5321 §4.2.1: every line of a multi-line reply carries the same code.
    if (!parsed.well_formed || parsed.code != current_.code) current_.malformed = true;
  }
  append_text(std::move(shown));
  if (current_.line_texts.size() < kMaxReplyLines) {
    // A second line is nearly always an EHLO reply's, about ten lines (one per extension):
    // one allocation for them instead of regrowing at 2, 4 and 8. The reply lives briefly.
    if (current_.line_texts.size() == 1) current_.line_texts.reserve(16);
    current_.line_texts.push_back(
        with_truncation_marker(printable_text(parsed.text), dropped_bytes));
  }
  if (current_.enhanced_code.empty() && parsed.code != 0) {
    current_.enhanced_code = parse_enhanced_status_code(parsed.text);
  }
  // A junk line (no code) inside a multi-line reply is kept and collecting goes on; on its own
  // it is a reply of its own, marked unknown.
  if (parsed.code == 0) return lines_ == 1;
  return !parsed.continued;
}

SmtpReply SmtpReplyAssembler::take() {
  SmtpReply out = std::move(current_);
  if (text_dropped_ > 0) {
    out.text = with_truncation_marker(std::move(out.text), text_dropped_);
    out.line_truncated = true;
  }
  current_ = SmtpReply{};
  text_dropped_ = 0;
  lines_ = 0;
  collecting_ = false;
  return out;
}

SmtpCapabilities parse_ehlo_capabilities(
    const std::vector<std::string>& line_texts,
    std::vector<std::pair<std::string, std::string>>& details) {
  SmtpCapabilities caps;
  // One detail per extension, a few more for SIZE and AUTH: one allocation, not five or six.
  details.reserve(details.size() + line_texts.size() + 4);
  // The first line is the server's name and greeting, not an extension.
  for (size_t i = 1; i < line_texts.size(); ++i) {
    std::string_view line = trim(line_texts[i]);
    if (line.empty()) continue;
    ++caps.count;
    details.emplace_back("capability", std::string(line));
    auto [keyword, params] = split_word(line);
    std::string name = to_upper_ascii(keyword);
    // Old servers write "AUTH=LOGIN PLAIN" (pre-RFC 2554 syntax, still common).
    if (name.rfind("AUTH=", 0) == 0) {
      params = line.substr(5);
      name = "AUTH";
    }
    if (name == "PIPELINING") caps.pipelining = true;
    if (name == "CHUNKING") caps.chunking = true;
    if (name == "STARTTLS") caps.starttls = true;
    if (name == "SIZE") {
      // RFC 1870 §4: "SIZE [limit]"; no limit or 0 means there is no fixed maximum.
      std::string_view limit = trim(params);
      details.emplace_back("size limit",
                           limit.empty() || limit == "0" ? "none" : std::string(limit) + " bytes");
    }
    if (name == "AUTH") {
      std::string_view rest = params;
      while (!(rest = trim(rest)).empty()) {
        auto [mechanism, more] = split_word(rest);
        if (caps.auth_mechanisms.size() < 32) {
          caps.auth_mechanisms.push_back(to_upper_ascii(mechanism));
          details.emplace_back("auth mechanism", to_upper_ascii(mechanism));
        }
        rest = more;
      }
    }
  }
  return caps;
}

}  // namespace mailscope
