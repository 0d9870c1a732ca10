// protocols/pop3/pop3_commands.h — the POP3 command table: what each verb is and how it is
// answered.
//
// The decoder, the inspector and the lessons read the same rows (STYLE.md convention 4). The
// important column for decoding is `multi_line`: RFC 1939 §3 says which commands get a
// multi-line answer (lines ending with "." alone) after "+OK"; a "-ERR" is always one line.
//
//   const Pop3Command* c = find_pop3_command("LIST");
//   bool multi = c && pop3_reply_is_multi_line(*c, has_argument);   // LIST 1 -> single line
#pragma once
#include <cstdint>
#include <string_view>

namespace mailscope {

enum class Pop3Verb : uint8_t {
  user,
  pass,
  apop,
  stat,
  list,
  uidl,
  retr,
  top,
  dele,
  rset,
  noop,
  quit,
  last,
  capa,
  auth,
  stls,
  utf8,
  lang,
  unknown
};

// How the "+OK" reply to a command is shaped.
enum class Pop3ReplyShape : uint8_t {
  single_line,           // "+OK ..." alone
  multi_line,            // "+OK", then lines, then "." (CAPA, RETR, TOP)
  multi_line_if_no_arg,  // LIST / UIDL / LANG: a listing without argument, one line with one
  sasl_or_list,          // AUTH mech: SASL exchange; bare AUTH: multi-line mechanism list
};

struct Pop3Command {
  const char* verb;  // upper case, as on the wire
  Pop3Verb id;
  const char* rfc;  // where the command is defined, e.g. "RFC 1939 §5"
  const char* explain_key;
  Pop3ReplyShape shape;
  bool carries_message;        // the multi-line answer is a mail message (RETR, TOP): a data event
  uint8_t min_args, max_args;  // space-separated arguments (PASS: the rest of the line is one)
  bool numeric_args;           // every argument is a number (message numbers, line counts)
};

// The row for `verb` (case-insensitive), or nullptr for a verb this program does not know.
const Pop3Command* find_pop3_command(std::string_view verb);

// RFC 1939 §5 (LIST, UIDL), RFC 2449 §5 (CAPA), RFC 5034 §4 (AUTH): is a "+OK" to this command
// followed by more lines?
bool pop3_reply_is_multi_line(const Pop3Command& command, bool has_argument);

// Every row, for tests and the inspector.
const Pop3Command* pop3_commands_begin();
const Pop3Command* pop3_commands_end();

}  // namespace mailscope
