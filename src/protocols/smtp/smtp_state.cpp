// protocols/smtp/smtp_state.cpp — state keys and state details (see smtp_state.h).
#include "protocols/smtp/smtp_state.h"

#include <string_view>

#include "protocols/common/text.h"

namespace mailscope {
namespace {

// Appends "n one" / "n many" after `separator` (when `out` has text already past `start`).
void add_count(std::string& out, size_t start, const char* separator, uint64_t n, const char* one,
               const char* many) {
  if (out.size() > start) out += separator;
  append_decimal(out, n);
  out += ' ';
  out += n == 1 ? one : many;
}

// Appends prefix + part after ", " (when `out` has text already past `start`); nothing for an
// empty part.
void add_part(std::string& out, size_t start, std::string_view prefix, std::string_view part = {}) {
  if (prefix.empty() && part.empty()) return;
  if (out.size() > start) out += ", ";
  out += prefix;
  out += part;
}

}  // namespace

void SmtpSessionFacts::clear_transaction() {
  mail_from.clear();
  accepted = rejected = 0;
}

SmtpPhase SmtpSessionFacts::idle_phase() const {
  if (messages > 0) return SmtpPhase::ready;
  if (authenticated) return SmtpPhase::authenticated;
  if (!helo_name.empty()) return SmtpPhase::ehlo;
  if (tls) return SmtpPhase::tls;
  return SmtpPhase::greeted;
}

const char* SmtpSessionFacts::state_key() const {
  switch (phase) {
    case SmtpPhase::connected:
      return "smtp.state.connected";
    case SmtpPhase::greeted:
      return "smtp.state.greeted";
    case SmtpPhase::refused:
      return "smtp.state.refused";
    case SmtpPhase::ehlo:
      return "smtp.state.ehlo";
    case SmtpPhase::authenticated:
      return "smtp.state.authenticated";
    case SmtpPhase::ready:
      return "smtp.state.ready";
    case SmtpPhase::transaction:
      return "smtp.state.transaction";
    case SmtpPhase::data:
      return "smtp.state.data";
    case SmtpPhase::tls:
      return "smtp.state.tls";
    case SmtpPhase::quit:
      return "smtp.state.quit";
    case SmtpPhase::closing:
      return "smtp.state.closing";
  }
  return "smtp.state.connected";
}

// Every event carries the detail, so it is built straight into one string: only the parts
// the phase shows, empty ones skipped, ", " between the others.
std::string SmtpSessionFacts::state_detail() const {
  std::string out;
  append_state_detail(out);
  return out;
}

void SmtpSessionFacts::append_state_detail(std::string& out) const {
  const size_t start = out.size();  // parts before this are not ours: no ", " after them
  const auto add_user = [&] {
    if (authenticated && !user.empty()) add_part(out, start, "as ", user);
  };
  const auto add_tls = [&] {
    if (tls) add_part(out, start, "TLS");
  };
  switch (phase) {
    case SmtpPhase::connected:
    case SmtpPhase::tls:
      break;
    case SmtpPhase::greeted:
    case SmtpPhase::refused:
      out += server_name;
      break;
    case SmtpPhase::ehlo:
      add_part(out, start, helo_name);
      if (esmtp) add_count(out, start, ", ", capabilities, "capability", "capabilities");
      add_tls();
      break;
    case SmtpPhase::authenticated:
      add_user();
      add_tls();
      break;
    case SmtpPhase::transaction:
    case SmtpPhase::data: {
      add_user();
      add_part(out, start, "from ", mail_from);
      if (accepted > 0 || rejected > 0) {
        out += " to ";
        add_count(out, out.size(), "", accepted, "recipient", "recipients");
        if (rejected > 0) {
          out += " (";
          append_decimal(out, rejected);
          out += " rejected)";
        }
      }
      add_tls();
      break;
    }
    case SmtpPhase::ready:
    case SmtpPhase::quit:
    case SmtpPhase::closing:
      add_user();
      if (messages > 0) add_count(out, start, ", ", messages, "message sent", "messages sent");
      add_tls();
      break;
  }
}

}  // namespace mailscope
