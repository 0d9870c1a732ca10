// protocols/pop3/pop3_commands.cpp — the POP3 command table (see pop3_commands.h).
#include "protocols/pop3/pop3_commands.h"

#include <iterator>

#include "protocols/common/text.h"

namespace mailscope {
namespace {

using S = Pop3ReplyShape;

constexpr Pop3Command kCommands[] = {
    // RFC 1939 §7: USER name / PASS string (PASS's argument is the rest of the line)
    {"USER", Pop3Verb::user, "RFC 1939 §7", "pop3.cmd.USER", S::single_line, false, 1, 1, false},
    {"PASS", Pop3Verb::pass, "RFC 1939 §7", "pop3.cmd.PASS", S::single_line, false, 0, 255, false},
    // RFC 1939 §7: APOP name digest
    {"APOP", Pop3Verb::apop, "RFC 1939 §7", "pop3.cmd.APOP", S::single_line, false, 2, 2, false},
    // RFC 1939 §5: the TRANSACTION state commands
    {"STAT", Pop3Verb::stat, "RFC 1939 §5", "pop3.cmd.STAT", S::single_line, false, 0, 0, true},
    {"LIST", Pop3Verb::list, "RFC 1939 §5", "pop3.cmd.LIST", S::multi_line_if_no_arg, false, 0, 1,
     true},
    {"UIDL", Pop3Verb::uidl, "RFC 1939 §7", "pop3.cmd.UIDL", S::multi_line_if_no_arg, false, 0, 1,
     true},
    {"RETR", Pop3Verb::retr, "RFC 1939 §5", "pop3.cmd.RETR", S::multi_line, true, 1, 1, true},
    {"TOP", Pop3Verb::top, "RFC 1939 §7", "pop3.cmd.TOP", S::multi_line, true, 2, 2, true},
    {"DELE", Pop3Verb::dele, "RFC 1939 §5", "pop3.cmd.DELE", S::single_line, false, 1, 1, true},
    {"RSET", Pop3Verb::rset, "RFC 1939 §5", "pop3.cmd.RSET", S::single_line, false, 0, 0, true},
    {"NOOP", Pop3Verb::noop, "RFC 1939 §5", "pop3.cmd.NOOP", S::single_line, false, 0, 0, true},
    {"QUIT", Pop3Verb::quit, "RFC 1939 §6", "pop3.cmd.QUIT", S::single_line, false, 0, 0, true},
    // RFC 1460 §5 (obsoleted by RFC 1725): the highest message number accessed
    {"LAST", Pop3Verb::last, "RFC 1460", "pop3.cmd.LAST", S::single_line, false, 0, 0, true},
    // RFC 2449 §5: the capability list
    {"CAPA", Pop3Verb::capa, "RFC 2449 §5", "pop3.cmd.CAPA", S::multi_line, false, 0, 0, false},
    // RFC 5034 §4: AUTH mechanism [initial-response]; bare AUTH lists mechanisms (RFC 1734 use)
    {"AUTH", Pop3Verb::auth, "RFC 5034 §4", "pop3.cmd.AUTH", S::sasl_or_list, false, 0, 2, false},
    // RFC 2595 §4: switch to TLS
    {"STLS", Pop3Verb::stls, "RFC 2595 §4", "pop3.cmd.STLS", S::single_line, false, 0, 0, false},
    // RFC 6856 §2, §3: UTF-8 mode and the language of replies
    {"UTF8", Pop3Verb::utf8, "RFC 6856 §2", "pop3.cmd.UTF8", S::single_line, false, 0, 0, false},
    {"LANG", Pop3Verb::lang, "RFC 6856 §3", "pop3.cmd.LANG", S::multi_line_if_no_arg, false, 0, 1,
     false},
};

}  // namespace

const Pop3Command* find_pop3_command(std::string_view verb) {
  for (const Pop3Command& c : kCommands) {
    if (iequals(verb, c.verb)) return &c;
  }
  return nullptr;
}

bool pop3_reply_is_multi_line(const Pop3Command& command, bool has_argument) {
  switch (command.shape) {
    case Pop3ReplyShape::single_line:
      return false;
    case Pop3ReplyShape::multi_line:
      return true;
    // RFC 1939 §5 LIST: "If an argument was given ... the POP3 server issues a positive
    // response with a line containing information for that message" (one line).
    case Pop3ReplyShape::multi_line_if_no_arg:
      return !has_argument;
    // RFC 5034 §4: AUTH with a mechanism is a SASL exchange, never a listing.
    case Pop3ReplyShape::sasl_or_list:
      return !has_argument;
  }
  return false;
}

const Pop3Command* pop3_commands_begin() { return std::begin(kCommands); }
const Pop3Command* pop3_commands_end() { return std::end(kCommands); }

}  // namespace mailscope
