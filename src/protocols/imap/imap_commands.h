// protocols/imap/imap_commands.h — the IMAP commands the decoder knows, as data.
//
// One row per command (RFC 3501 §6, RFC 9051 §6 and the extensions): the verb as it appears in
// the dialogue ("UID FETCH" for the UID prefix, RFC 3501 §6.4.8), the RFC section, and which
// arguments are mailbox names (decoded from modified UTF-7, RFC 3501 §5.1.3). The explanation
// key is "imap.cmd." + the verb with spaces as '_' ("imap.cmd.UID_FETCH").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace mailscope {

struct ImapCommandInfo {
  const char* verb;
  const char* rfc;       // where the command is defined, e.g. "RFC 3501 §6.3.1"
  uint8_t mailbox_args;  // bit i set: argument i is a mailbox name (or LIST pattern)
};

// The row for `verb` (upper case, "UID FETCH" style), or nullptr for an unknown command.
const ImapCommandInfo* find_imap_command(std::string_view verb);
// Every row, for tests and the inspector.
const ImapCommandInfo* imap_commands(size_t& count);
// "imap.cmd.UID_FETCH"; "imap.cmd.unknown" for nullptr.
std::string imap_command_key(const ImapCommandInfo* info);

}  // namespace mailscope
