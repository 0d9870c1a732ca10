// protocols/pop3/pop3_status.cpp — status indicators, response codes, numbers, APOP timestamps.
#include "protocols/pop3/pop3_status.h"

#include "protocols/common/text.h"

namespace mailscope {
namespace {

// The indicator must end the line or be followed by a space: "+OKAY" is not "+OK".
bool starts_with_indicator(std::string_view line, std::string_view indicator) {
  return istarts_with(line, indicator) &&
         (line.size() == indicator.size() || line[indicator.size()] == ' ');
}

// RFC 2449 §8: resp-code = "[" resp-level *("/" resp-level) "]"; resp-level = 1*rchar;
// rchar = ALPHA / DIGIT / "-".
bool is_resp_code(std::string_view code) {
  if (code.empty()) return false;
  bool level_has_char = false;
  for (char c : code) {
    if (c == '/') {
      if (!level_has_char) return false;
      level_has_char = false;
      continue;
    }
    bool rchar =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!rchar) return false;
    level_has_char = true;
  }
  return level_has_char;
}

}  // namespace

Pop3StatusLine parse_pop3_status(std::string_view line) {
  Pop3StatusLine s;
  size_t skip = 0;
  if (starts_with_indicator(line, "+OK")) {
    s.kind = Pop3LineKind::ok;
    skip = 3;
  } else if (starts_with_indicator(line, "-ERR")) {
    s.kind = Pop3LineKind::err;
    skip = 4;
  } else if (line == "+" || line.substr(0, 2) == "+ ") {
    // RFC 5034 §4: continue-req = "+" SP [base64] CRLF (a bare "+" is accepted too).
    s.kind = Pop3LineKind::continuation;
    s.text = line.size() > 2 ? line.substr(2) : std::string_view{};
    return s;
  } else {
    return s;
  }
  s.text = line.size() > skip ? line.substr(skip + 1) : std::string_view{};
  if (!s.text.empty() && s.text.front() == '[') {
    size_t close = s.text.find(']');
    if (close != std::string_view::npos && is_resp_code(s.text.substr(1, close - 1))) {
      s.response_code = s.text.substr(1, close - 1);
    }
  }
  return s;
}

bool is_known_pop3_response_code(std::string_view code) {
  static constexpr std::string_view kKnown[] = {"IN-USE",   "LOGIN-DELAY", "SYS/TEMP",
                                                "SYS/PERM", "AUTH",        "UTF8"};
  for (std::string_view k : kKnown) {
    if (iequals(code, k)) return true;
  }
  return false;
}

bool parse_pop3_number(std::string_view s, uint64_t& out) {
  if (s.empty() || s.size() > 19) return false;  // 19 digits always fit in 64 bits
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  out = v;
  return true;
}

std::string_view find_apop_timestamp(std::string_view greeting_text) {
  size_t open = greeting_text.find('<');
  while (open != std::string_view::npos) {
    size_t close = greeting_text.find('>', open + 1);
    if (close == std::string_view::npos) return {};
    std::string_view candidate = greeting_text.substr(open, close - open + 1);
    // RFC 1939 §7 / RFC 822 msg-id: no spaces inside, an '@' between the brackets.
    if (candidate.size() > 2 && candidate.size() <= 512 &&
        candidate.find(' ') == std::string_view::npos &&
        candidate.find('@') != std::string_view::npos) {
      return candidate;
    }
    open = greeting_text.find('<', open + 1);
  }
  return {};
}

}  // namespace mailscope
