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

// The header fields of an RFC 5322 message, unfolded, in order; encoded words decoded; values
// made printable. The header ends at the first empty line, or at a line that is not a field.
// At most kMaxHeaderFields fields; a value longer than kMaxHeaderValue bytes is cut and marked.
constexpr size_t kMaxHeaderFields = 256;
constexpr size_t kMaxHeaderValue = 2048;
std::vector<std::pair<std::string, std::string>> parse_message_headers(std::string_view message);
// True for the fields a learner looks at first: From, To, Cc, Subject, Date, Message-ID.
bool is_summary_header(std::string_view name);

class DotStuffedBody {
 public:
  DotStuffedBody(size_t max_line_bytes, size_t max_text_bytes);
  // Consumes bytes of the body; returns how many. When the terminating "." line has been
  // consumed, done() is true and the remaining bytes belong to what follows.
  size_t push(const uint8_t* bytes, size_t length, const SegmentOrigin& origin);
  bool done() const { return done_; }
  // Bytes of the body were lost. The line in progress ends there; the bytes after the gap
  // are read as a new line, so a "." line right after the gap still ends the body.
  void mark_gap(uint64_t length);

  // Unstuffed, capped; lines end with "\n" (the CR of each CRLF is counted, not kept).
  const std::string& text() const { return text_; }
  uint64_t text_breaks() const { return text_breaks_; }  // the "\n"s in text()
  // True when text() holds printable ASCII and line ends only (printable_text keeps it as is).
  bool text_plain() const { return text_plain_; }
  // text() as append_printable_lines(out, text(), false) shows it: lines joined by '\n', no
  // break after the last. Leaves text() empty, so take the headers first. Cheap when plain.
  std::string take_printable_lines();
  uint64_t message_bytes() const { return message_bytes_; }  // unstuffed size, CRLFs included
  uint64_t lines() const { return lines_; }
  uint64_t unstuffed_dots() const { return unstuffed_; }
  uint64_t gap_bytes() const { return gap_bytes_; }              // reported by mark_gap
  uint64_t truncated_lines() const { return truncated_lines_; }  // longer than the line cap
  bool text_truncated() const { return text_cut_; }              // text() lacks some of the message
  const StreamSpan& span() const { return span_; }               // includes the final ".\r\n"
  std::vector<std::pair<std::string, std::string>> headers() const;  // from text()

 private:
  LineAssembler line_;
  size_t max_line_;
  size_t max_text_;
  std::string text_;
  StreamSpan span_;
  uint64_t message_bytes_ = 0, lines_ = 0, unstuffed_ = 0, gap_bytes_ = 0, truncated_lines_ = 0;
  uint64_t text_breaks_ = 0;
  // The start of a line (plain, no leading ".", within both caps), already at the end of
  // text_, whose end is in a later push: the line that spans two TCP segments, read without
  // LineAssembler. 0 when there is none; only continue_line() and mark_gap() look at it.
  size_t pending_ = 0;
  size_t continue_line(const uint8_t* bytes, size_t length, const SegmentOrigin& origin);
  void take_line();  // moves the assembled line into the message
  void add_line(std::string_view line, uint64_t dropped, uint64_t terminator, bool plain);
  size_t take_whole_lines(const uint8_t* bytes, size_t length);
  bool done_ = false;
  bool text_cut_ = false;
  bool text_plain_ = true;
};

}  // namespace mailscope
