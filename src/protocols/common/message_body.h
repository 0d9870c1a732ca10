// protocols/common/message_body.h — a mail message sent as dot-stuffed lines, up to CRLF.CRLF.
//
// Shared by SMTP DATA (RFC 5321 §4.5.2) and POP3 multi-line replies (RFC 1939 §3): a line that
// begins with "." had one more "." added by the sender; the line "." alone ends the body.
// The reader unstuffs, counts the message's bytes, and parses the header fields a learner
// wants (From, To, Cc, Subject, Date, Message-ID; RFC 2047 words decoded), keeping at most
// `max_text_bytes` of the text itself.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "dialogue/event.h"
#include "protocols/common/line_assembler.h"

namespace mailscope {

// The header fields of an RFC 5322 message, unfolded, in order; encoded words decoded.
std::vector<std::pair<std::string, std::string>> parse_message_headers(std::string_view message);

class DotStuffedBody {
 public:
  DotStuffedBody(size_t max_line_bytes, size_t max_text_bytes);
  // Consumes bytes of the body; returns how many. When the terminating "." line has been
  // consumed, done() is true and the remaining bytes belong to what follows.
  size_t push(const uint8_t* bytes, size_t length, const SegmentOrigin& origin);
  bool done() const { return done_; }
  void mark_gap(uint64_t length);   // bytes of the body were lost

  const std::string& text() const { return text_; }        // unstuffed, capped
  uint64_t message_bytes() const { return message_bytes_; } // unstuffed size, CRLFs included
  uint64_t lines() const { return lines_; }
  uint64_t unstuffed_dots() const { return unstuffed_; }
  bool text_truncated() const { return message_bytes_ > text_.size(); }
  const StreamSpan& span() const { return span_; }          // includes the final ".\r\n"
  std::vector<std::pair<std::string, std::string>> headers() const;  // from text()

 private:
  LineAssembler line_;
  size_t max_text_;
  std::string text_;
  StreamSpan span_;
  uint64_t message_bytes_ = 0, lines_ = 0, unstuffed_ = 0, gap_bytes_ = 0;
  bool done_ = false;
};

}  // namespace mailscope
