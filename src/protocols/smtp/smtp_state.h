// protocols/smtp/smtp_state.h — where an SMTP session stands, as a state key and its facts.
//
// The phases follow RFC 5321 §3 (the SMTP procedures) and §4.1.4 (the order of commands):
//
//   connected ──220 greeting──> greeted ──250 to EHLO/HELO──> ehlo ──235 to AUTH──> authenticated
//        └──554/421 greeting──> refused        │                                      │
//                                             └──────────── 250 to MAIL ─────────────┘
//                                                               v
//   ready <──final reply to DATA / BDAT LAST── data <──354── transaction (from, recipients)
//   any ──220 to STARTTLS──> tls     any ──221──> quit     any ──421──> closing
//
// Every event the decoder appends gets state_key() and state_detail() of the state after it.
// Detail formats (English facts, shown next to the translated key):
//   greeted "mail.example.org"; ehlo "client.example, 9 capabilities"; authenticated
//   "as alice"; transaction/data "from <a@x.example> to 2 recipients (1 rejected)";
//   ready/quit/closing "as alice, 1 message sent". ", TLS" is added once STARTTLS succeeded.
#pragma once
#include <cstdint>
#include <string>

namespace mailscope {

enum class SmtpPhase : uint8_t {
  connected,
  greeted,
  refused,
  ehlo,
  authenticated,
  ready,
  transaction,
  data,
  tls,
  quit,
  closing,
};

struct SmtpSessionFacts {
  SmtpPhase phase = SmtpPhase::connected;
  std::string server_name;  // the first word of the greeting text
  std::string helo_name;    // the client's EHLO/HELO argument
  bool esmtp = false;       // EHLO (not HELO) was accepted
  size_t capabilities = 0;  // extensions listed in the reply to EHLO
  std::string user;         // after a successful AUTH
  bool authenticated = false;
  bool tls = false;                     // STARTTLS succeeded
  std::string mail_from;                // the reverse-path of the open transaction
  uint32_t accepted = 0, rejected = 0;  // recipients of the open transaction
  uint32_t messages = 0;                // messages the server accepted

  // RFC 5321 §4.1.1.5 (RSET), §4.1.4 (EHLO resets too): the transaction is forgotten.
  void clear_transaction();
  // The phase to return to when no transaction is open.
  SmtpPhase idle_phase() const;

  const char* state_key() const;  // "smtp.state.transaction"
  std::string state_detail() const;
  // Appends the same text to `out`: the decoder builds it in one scratch buffer, so an event's
  // detail costs one allocation (its own copy), not one per part.
  void append_state_detail(std::string& out) const;
};

}  // namespace mailscope
