// protocols/imap/imap_syntax.h — reading IMAP values out of an ImapMessage.
//
// RFC 3501 §4 / RFC 9051 §4: the data formats are atoms, numbers, quoted strings, literals,
// NIL and parenthesized lists. ImapReader walks the message's joined fragments and hands a
// literal's content out when it meets the "{n}" marker that announced it, so callers never
// care whether a string came quoted or as a literal.
//
//   ImapReader reader(message);
//   ImapToken tag = reader.next();            // "A001"
//   ImapToken verb = reader.next();           // "LOGIN"
//   ImapToken user = reader.next();           // alice (atom, quoted or literal)
//
// Fetch attributes such as BODY[HEADER.FIELDS (FROM TO)]<0> are one atom: text inside the
// brackets may hold spaces and parentheses. Nothing recurses; lists are skipped by counting.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocols/imap/imap_message.h"

namespace mailscope {

struct ImapToken {
  enum class Kind { end, atom, string, literal, list_open, list_close };
  Kind kind = Kind::end;
  std::string value;  // atom as written, string unescaped, literal content (capped)
  std::string raw;    // as written on the wire (a literal: its "{n}" marker)
  int literal = -1;   // index into message.literals() for a literal
  size_t begin = 0;   // offset in message.joined()

  bool is_string() const {
    return kind == Kind::atom || kind == Kind::string || kind == Kind::literal;
  }
  bool is_nil() const;  // the atom NIL
};

class ImapReader {
 public:
  explicit ImapReader(const ImapMessage& message, size_t start = 0)
      : message_(message), text_(message.joined()), pos_(start) {}

  // With literal_content false a literal's value is left empty (read it from the message's
  // literals() by token.literal): no copy of what may be a whole mail.
  ImapToken next(bool literal_content = true);
  ImapToken peek();
  bool at_end();
  // Skips one value; a list is skipped to its matching ")". Returns its raw text (capped).
  std::string skip_value();
  // The unread rest of the joined fragments, leading spaces removed.
  std::string_view rest();
  size_t position() const { return pos_; }

 private:
  void skip_spaces();
  const ImapMessage& message_;
  std::string_view text_;
  size_t pos_;
};

// A bracketed response code at the start of `text` (RFC 3501 §7.1): "[UIDNEXT 6] Predicted"
// gives code "UIDNEXT 6" and rest "Predicted". False when `text` does not start with "[".
bool split_response_code(std::string_view text, std::string& code, std::string_view& rest);

// Splits "(\Seen \Answered)" or "\Seen \Answered" into its words.
std::vector<std::string> split_list_words(std::string_view list);

// An IMAP quoted string's content with \" and \\ undone (no quotes: returned as is).
std::string unquote(std::string_view s);

}  // namespace mailscope
