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

// Starts a part of the detail: "; " after the parts before it.
std::string& next_part(std::string& detail) {
  if (!detail.empty()) detail += "; ";
  return detail;
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
  append_state_detail(detail);
  return detail;
}

// Every event carries the detail, so it is written straight into one string, parts joined by
// "; ", with no temporary strings (emit() reuses one scratch string for it).
void Pop3Decoder::append_state_detail(std::string& detail) const {
  const auto add_user = [&] {
    if (!user_.empty()) append_printable(next_part(detail) += "user ", user_);
  };
  const auto add_numbers = [&](const char* label) {
    next_part(detail) += label;
    for (size_t i = 0; i < deleted_.size() && i < kMaxDeletedShown; ++i) {
      if (i > 0) detail += ", ";
      append_decimal(detail, deleted_[i]);
    }
    if (deleted_count_ > kMaxDeletedShown) {
      detail += " and ";
      append_decimal(detail, deleted_count_ - kMaxDeletedShown);
      detail += " more";
    }
  };
  switch (state_) {
    case State::authorization:
      if (greeting_refused_) next_part(detail) += "the server refused the session";
      if (decrypted_after_stls_) next_part(detail) += "after STLS (decrypted capture)";
      add_user();
      break;
    case State::transaction:
      add_user();
      if (stat_known_) {
        append_decimal(next_part(detail), stat_messages_);
        detail += " messages (";
        append_decimal(detail, stat_octets_);
        detail += " octets)";
      }
      if (deleted_count_ > 0) add_numbers("marked deleted: ");
      break;
    case State::update:
      add_user();
      if (quit_failed_) {
        next_part(detail) += "the server could not remove every deleted message";
      } else if (deleted_count_ > 0) {
        add_numbers(quit_answered_ ? "deleted: " : "deleting: ");
      } else {
        next_part(detail) += "no message deleted";
      }
      break;
    case State::closed:
      next_part(detail) += "signed off without logging in";
      break;
    case State::tls:
      next_part(detail) += "encrypted after STLS";
      break;
  }
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
