// protocols/smtp/smtp_state.cpp — state keys and state details (see smtp_state.h).
#include "protocols/smtp/smtp_state.h"

#include <vector>

namespace mailscope {
namespace {

std::string plural(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
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

std::string SmtpSessionFacts::state_detail() const {
  std::string tls_part = tls ? "TLS" : "";
  std::string user_part = authenticated && !user.empty() ? "as " + user : "";
  std::string messages_part = messages > 0 ? plural(messages, "message sent", "messages sent") : "";
  switch (phase) {
    case SmtpPhase::connected:
      return "";
    case SmtpPhase::greeted:
    case SmtpPhase::refused:
      return server_name;
    case SmtpPhase::ehlo:
      return join(
          {helo_name, esmtp ? plural(capabilities, "capability", "capabilities") : "", tls_part});
    case SmtpPhase::authenticated:
      return join({user_part, tls_part});
    case SmtpPhase::transaction:
    case SmtpPhase::data: {
      std::string text = "from " + mail_from;
      if (accepted > 0 || rejected > 0) {
        text += " to " + plural(accepted, "recipient", "recipients");
        if (rejected > 0) text += " (" + std::to_string(rejected) + " rejected)";
      }
      return join({user_part, text, tls_part});
    }
    case SmtpPhase::tls:
      return "";
    case SmtpPhase::ready:
    case SmtpPhase::quit:
    case SmtpPhase::closing:
      return join({user_part, messages_part, tls_part});
  }
  return "";
}

}  // namespace mailscope
