// protocols/smtp/smtp_commands.h — the SMTP command table and the parsers for command arguments.
//
// The table is data (STYLE.md convention 4): each verb with the RFC section that defines it and
// its explanation key; the decoder, the inspector and the lessons read the same rows.
//
//   const SmtpCommandInfo* info = find_smtp_command("mail");     // case-insensitive
//   SmtpPath path = parse_smtp_path("FROM:<a@x.example> SIZE=1024", "FROM:");
//   // path.address == "<a@x.example>", path.parameters == {{"SIZE", "1024"}}
//
// Limits: parameters are kept up to kMaxSmtpParameters; longer lists are cut (and counted as
// malformed), so a hostile line cannot make the decoder allocate without bound.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailscope {

enum class SmtpVerb : uint8_t {
  helo,
  ehlo,
  mail,
  rcpt,
  data,
  bdat,
  rset,
  noop,
  vrfy,
  expn,
  help,
  quit,
  starttls,
  auth,
  etrn,
  atrn,
  turn,
  send,
  soml,
  saml,
  unknown,
};

struct SmtpCommandInfo {
  const char* verb;  // upper case, as RFC 5321 spells it
  SmtpVerb id;
  const char* rfc;          // where it is defined: "RFC 5321 §4.1.1.2"
  const char* explain_key;  // "smtp.cmd.MAIL"
};

// The row for `verb` (any case), or nullptr for a verb no RFC we follow defines.
const SmtpCommandInfo* find_smtp_command(std::string_view verb);
// All rows, in table order (for the inspector and for tests).
const SmtpCommandInfo* smtp_command_table(size_t& count);

constexpr size_t kMaxSmtpParameters = 32;

// RFC 5321 §4.1.2: "MAIL FROM:<reverse-path> [SP Mail-parameters]",
// "RCPT TO:<forward-path> [SP Rcpt-parameters]", each parameter "keyword[=value]".
struct SmtpPath {
  std::string address;  // with its angle brackets, as sent ("<>" is the null reverse-path)
  std::vector<std::pair<std::string, std::string>> parameters;  // keyword upper case
  bool well_formed = false;
};
// `keyword` is "FROM:" or "TO:". Tolerates spaces after the colon (common, and accepted by
// Postfix and others) but marks a path without angle brackets as not well formed.
SmtpPath parse_smtp_path(std::string_view arguments, std::string_view keyword);

// RFC 3030 §2: "BDAT SP chunk-size [SP end-marker]", end-marker "LAST".
struct SmtpBdatArguments {
  uint64_t size = 0;
  bool last = false;
  bool well_formed = false;
};
SmtpBdatArguments parse_bdat_arguments(std::string_view arguments);

// RFC 4954 §4: "AUTH SP sasl-mech [SP initial-response]".
struct SmtpAuthArguments {
  std::string mechanism;         // upper case
  std::string initial_response;  // as sent ("=" means an empty response)
  bool has_initial_response = false;
  bool well_formed = false;
};
SmtpAuthArguments parse_auth_arguments(std::string_view arguments);

}  // namespace mailscope
