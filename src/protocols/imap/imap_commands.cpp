// protocols/imap/imap_commands.cpp — the command table (see imap_commands.h).
#include "protocols/imap/imap_commands.h"

#include <iterator>

namespace mailscope {
namespace {

constexpr uint8_t kFirst = 1, kSecond = 2, kBoth = 3, kNone = 0;

const ImapCommandInfo kCommands[] = {
    // Any state (RFC 3501 §6.1)
    {"CAPABILITY", "RFC 3501 §6.1.1", kNone},
    {"NOOP", "RFC 3501 §6.1.2", kNone},
    {"LOGOUT", "RFC 3501 §6.1.3", kNone},
    {"ID", "RFC 2971 §3.1", kNone},
    {"ENABLE", "RFC 5161 §3.1", kNone},
    // Not authenticated (§6.2)
    {"STARTTLS", "RFC 3501 §6.2.1", kNone},
    {"AUTHENTICATE", "RFC 3501 §6.2.2", kNone},
    {"LOGIN", "RFC 3501 §6.2.3", kNone},
    // Authenticated (§6.3)
    {"SELECT", "RFC 3501 §6.3.1", kFirst},
    {"EXAMINE", "RFC 3501 §6.3.2", kFirst},
    {"CREATE", "RFC 3501 §6.3.3", kFirst},
    {"DELETE", "RFC 3501 §6.3.4", kFirst},
    {"RENAME", "RFC 3501 §6.3.5", kBoth},
    {"SUBSCRIBE", "RFC 3501 §6.3.6", kFirst},
    {"UNSUBSCRIBE", "RFC 3501 §6.3.7", kFirst},
    {"LIST", "RFC 3501 §6.3.8", kBoth},
    {"LSUB", "RFC 3501 §6.3.9", kBoth},
    {"XLIST", "Gmail XLIST (pre RFC 6154)", kBoth},
    {"STATUS", "RFC 3501 §6.3.10", kFirst},
    {"APPEND", "RFC 3501 §6.3.11", kFirst},
    {"NAMESPACE", "RFC 2342 §5", kNone},
    {"IDLE", "RFC 2177 §3", kNone},
    {"GETQUOTA", "RFC 9208 §4.2", kNone},
    {"GETQUOTAROOT", "RFC 9208 §4.3", kFirst},
    {"COMPRESS", "RFC 4978 §3", kNone},
    // Selected (§6.4)
    {"CHECK", "RFC 3501 §6.4.1", kNone},
    {"CLOSE", "RFC 3501 §6.4.2", kNone},
    {"UNSELECT", "RFC 3691 §2", kNone},
    {"EXPUNGE", "RFC 3501 §6.4.3", kNone},
    {"SEARCH", "RFC 3501 §6.4.4", kNone},
    {"FETCH", "RFC 3501 §6.4.5", kNone},
    {"STORE", "RFC 3501 §6.4.6", kNone},
    {"COPY", "RFC 3501 §6.4.7", kSecond},
    {"MOVE", "RFC 6851 §3.1", kSecond},
    {"SORT", "RFC 5256 §3", kNone},
    {"THREAD", "RFC 5256 §3", kNone},
    {"UID FETCH", "RFC 3501 §6.4.8", kNone},
    {"UID STORE", "RFC 3501 §6.4.8", kNone},
    {"UID SEARCH", "RFC 3501 §6.4.8", kNone},
    {"UID COPY", "RFC 3501 §6.4.8", kSecond},
    {"UID MOVE", "RFC 6851 §3.2", kSecond},
    {"UID EXPUNGE", "RFC 4315 §2.1", kNone},
    {"UID SORT", "RFC 5256 §3", kNone},
    {"UID THREAD", "RFC 5256 §3", kNone},
    // Not a tagged command: the line that ends IDLE (RFC 2177 §3).
    {"DONE", "RFC 2177 §3", kNone},
};

}  // namespace

const ImapCommandInfo* find_imap_command(std::string_view verb) {
  for (const ImapCommandInfo& row : kCommands) {
    if (verb == row.verb) return &row;
  }
  return nullptr;
}

const ImapCommandInfo* imap_commands(size_t& count) {
  count = std::size(kCommands);
  return kCommands;
}

std::string imap_command_key(const ImapCommandInfo* info) {
  if (info == nullptr) return "imap.cmd.unknown";
  std::string key = "imap.cmd.";
  for (const char* p = info->verb; *p != '\0'; ++p) key.push_back(*p == ' ' ? '_' : *p);
  return key;
}

}  // namespace mailscope
