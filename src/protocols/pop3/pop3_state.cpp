// protocols/pop3/pop3_state.cpp — where the session stands, in words: the state key and its facts.
//
// RFC 1939 §3: AUTHORIZATION (after the greeting) → TRANSACTION (after a successful login, the
// maildrop is locked) → UPDATE (after QUIT: messages marked deleted are removed). POP3 keeps no
// other per-message state on the server: a deletion mark is all, and RSET clears it.
#include <string>

#include "protocols/common/text.h"
#include "protocols/pop3/pop3_decoder.h"

namespace mailscope {
namespace {

constexpr size_t kMaxDeletedKept = 64;   // message numbers remembered
constexpr size_t kMaxDeletedShown = 10;  // ... and shown in the state detail

void add_part(std::string& detail, std::string_view part) {
  if (part.empty()) return;
  if (!detail.empty()) detail += "; ";
  detail += part;
}

}  // namespace

const char* Pop3Decoder::state_key() const {
  switch (state_) {
    case State::authorization:
      return "pop3.state.authorization";
    case State::transaction:
      return "pop3.state.transaction";
    case State::update:
      return "pop3.state.update";
    case State::closed:
      return "pop3.state.closed";
    case State::tls:
      return "pop3.state.tls";
  }
  return "pop3.state.authorization";
}

std::string Pop3Decoder::state_detail() const {
  std::string detail;
  std::string numbers;
  for (size_t i = 0; i < deleted_.size() && i < kMaxDeletedShown; ++i) {
    if (i > 0) numbers += ", ";
    numbers += std::to_string(deleted_[i]);
  }
  if (deleted_count_ > kMaxDeletedShown) {
    numbers += " and " + std::to_string(deleted_count_ - kMaxDeletedShown) + " more";
  }
  std::string user = user_.empty() ? std::string() : "user " + printable_text(user_);
  switch (state_) {
    case State::authorization:
      if (greeting_refused_) add_part(detail, "the server refused the session");
      if (decrypted_after_stls_) add_part(detail, "after STLS (decrypted capture)");
      add_part(detail, user);
      break;
    case State::transaction:
      add_part(detail, user);
      if (stat_known_) {
        add_part(detail, std::to_string(stat_messages_) + " messages (" +
                             std::to_string(stat_octets_) + " octets)");
      }
      if (deleted_count_ > 0) add_part(detail, "marked deleted: " + numbers);
      break;
    case State::update:
      add_part(detail, user);
      if (quit_failed_) {
        add_part(detail, "the server could not remove every deleted message");
      } else if (deleted_count_ > 0) {
        add_part(detail, (quit_answered_ ? "deleted: " : "deleting: ") + numbers);
      } else {
        add_part(detail, "no message deleted");
      }
      break;
    case State::closed:
      add_part(detail, "signed off without logging in");
      break;
    case State::tls:
      add_part(detail, "encrypted after STLS");
      break;
  }
  return detail;
}

void Pop3Decoder::mark_deleted(uint64_t message) {
  if (deleted_.size() < kMaxDeletedKept) deleted_.push_back(message);
  ++deleted_count_;
}

void Pop3Decoder::clear_deleted() {
  deleted_.clear();
  deleted_count_ = 0;
}

}  // namespace mailscope
