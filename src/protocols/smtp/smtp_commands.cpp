// protocols/smtp/smtp_commands.cpp — the SMTP verbs (RFC 5321 §4.1.1 and extensions) and the
// argument parsers for MAIL, RCPT, BDAT and AUTH.
#include "protocols/smtp/smtp_commands.h"

#include <iterator>

#include "protocols/common/text.h"

namespace mailscope {
namespace {

// RFC 5321 §4.1.1 defines the core verbs; Appendix F lists the obsolete ones (SEND, SOML, SAML,
// TURN) that old clients and scanners still send.
constexpr SmtpCommandInfo kCommands[] = {
    {"HELO", SmtpVerb::helo, "RFC 5321 §4.1.1.1", "smtp.cmd.HELO"},
    {"EHLO", SmtpVerb::ehlo, "RFC 5321 §4.1.1.1", "smtp.cmd.EHLO"},
    {"MAIL", SmtpVerb::mail, "RFC 5321 §4.1.1.2", "smtp.cmd.MAIL"},
    {"RCPT", SmtpVerb::rcpt, "RFC 5321 §4.1.1.3", "smtp.cmd.RCPT"},
    {"DATA", SmtpVerb::data, "RFC 5321 §4.1.1.4", "smtp.cmd.DATA"},
    {"BDAT", SmtpVerb::bdat, "RFC 3030 §2", "smtp.cmd.BDAT"},
    {"RSET", SmtpVerb::rset, "RFC 5321 §4.1.1.5", "smtp.cmd.RSET"},
    {"VRFY", SmtpVerb::vrfy, "RFC 5321 §4.1.1.6", "smtp.cmd.VRFY"},
    {"EXPN", SmtpVerb::expn, "RFC 5321 §4.1.1.7", "smtp.cmd.EXPN"},
    {"HELP", SmtpVerb::help, "RFC 5321 §4.1.1.8", "smtp.cmd.HELP"},
    {"NOOP", SmtpVerb::noop, "RFC 5321 §4.1.1.9", "smtp.cmd.NOOP"},
    {"QUIT", SmtpVerb::quit, "RFC 5321 §4.1.1.10", "smtp.cmd.QUIT"},
    {"STARTTLS", SmtpVerb::starttls, "RFC 3207 §4", "smtp.cmd.STARTTLS"},
    {"AUTH", SmtpVerb::auth, "RFC 4954 §4", "smtp.cmd.AUTH"},
    {"ETRN", SmtpVerb::etrn, "RFC 1985 §5", "smtp.cmd.ETRN"},
    {"ATRN", SmtpVerb::atrn, "RFC 2645 §4", "smtp.cmd.ATRN"},
    {"TURN", SmtpVerb::turn, "RFC 821 §4.1.1 (obsolete, RFC 5321 Appendix F.1)", "smtp.cmd.TURN"},
    {"SEND", SmtpVerb::send, "RFC 821 §4.1.1 (obsolete, RFC 5321 Appendix F.6)", "smtp.cmd.SEND"},
    {"SOML", SmtpVerb::soml, "RFC 821 §4.1.1 (obsolete, RFC 5321 Appendix F.6)", "smtp.cmd.SOML"},
    {"SAML", SmtpVerb::saml, "RFC 821 §4.1.1 (obsolete, RFC 5321 Appendix F.6)", "smtp.cmd.SAML"},
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view skip_spaces(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  return s.substr(i);
}

// RFC 5321 §4.1.2: Mail-parameters = esmtp-param *(SP esmtp-param).
void parse_parameters(std::string_view rest, SmtpPath& path) {
  while (true) {
    rest = skip_spaces(rest);
    if (rest.empty()) return;
    size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    std::string_view param = rest.substr(0, end);
    rest = rest.substr(end);
    if (path.parameters.size() >= kMaxSmtpParameters) {
      path.well_formed = false;
      return;
    }
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) {
      path.parameters.emplace_back(printable_text(to_upper_ascii(param)), "");
    } else {
      path.parameters.emplace_back(printable_text(to_upper_ascii(param.substr(0, eq))),
                                   printable_text(param.substr(eq + 1)));
    }
  }
}

}  // namespace

const SmtpCommandInfo* find_smtp_command(std::string_view verb) {
  for (const SmtpCommandInfo& row : kCommands) {
    if (iequals(verb, row.verb)) return &row;
  }
  return nullptr;
}

const SmtpCommandInfo* smtp_command_table(size_t& count) {
  count = std::size(kCommands);
  return kCommands;
}

SmtpPath parse_smtp_path(std::string_view arguments, std::string_view keyword) {
  SmtpPath path;
  if (!istarts_with(arguments, keyword)) {
    // "MAIL <a@x>" or "RCPT alice": keep what was there as the address, marked.
    std::string_view rest = skip_spaces(arguments);
    size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    path.address = printable_text(rest.substr(0, end));
    return path;
  }
  std::string_view rest = arguments.substr(keyword.size());
  bool space_after_colon = !rest.empty() && is_space(rest[0]);
  rest = skip_spaces(rest);
  if (!rest.empty() && rest[0] == '<') {
    // RFC 5321 §4.1.2: Path = "<" [ A-d-l ":" ] Mailbox ">"; a quoted local part may hold '>'.
    bool quoted = false;
    size_t close = std::string_view::npos;
    for (size_t i = 1; i < rest.size(); ++i) {
      char c = rest[i];
      if (quoted && c == '\\') {
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '>' && !quoted) {
        close = i;
        break;
      }
    }
    if (close == std::string_view::npos) {
      path.address = printable_text(rest);
      return path;
    }
    path.address = printable_text(rest.substr(0, close + 1));
    path.well_formed = !space_after_colon;
    rest = rest.substr(close + 1);
    if (!rest.empty() && !is_space(rest[0])) path.well_formed = false;
  } else {
    size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    path.address = printable_text(rest.substr(0, end));
    rest = rest.substr(end);
  }
  parse_parameters(rest, path);
  return path;
}

SmtpBdatArguments parse_bdat_arguments(std::string_view arguments) {
  SmtpBdatArguments out;
  auto [size_text, rest] = split_word(arguments);
  if (size_text.empty() || size_text.size() > 15) return out;  // beyond any real chunk
  for (char c : size_text) {
    if (c < '0' || c > '9') return out;
    out.size = out.size * 10 + static_cast<uint64_t>(c - '0');
  }
  rest = trim(rest);
  if (rest.empty()) {
    out.well_formed = true;
  } else if (iequals(rest, "LAST")) {
    out.last = true;
    out.well_formed = true;
  }
  return out;
}

SmtpAuthArguments parse_auth_arguments(std::string_view arguments) {
  SmtpAuthArguments out;
  auto [mechanism, rest] = split_word(trim(arguments));
  out.mechanism = printable_text(to_upper_ascii(mechanism));
  rest = trim(rest);
  if (!rest.empty()) {
    out.has_initial_response = true;
    out.initial_response = std::string(rest);
  }
  // RFC 4954 §4: sasl-mech is 1*20 of upper-case letters, digits, '-' and '_'.
  out.well_formed =
      !mechanism.empty() && mechanism.size() <= 20 && rest.find(' ') == std::string_view::npos;
  for (char c : mechanism) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) out.well_formed = false;
  }
  return out;
}

}  // namespace mailscope
