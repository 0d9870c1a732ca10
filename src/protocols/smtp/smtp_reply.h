// protocols/smtp/smtp_reply.h — SMTP replies: one reply from its lines, codes, enhanced codes
// and the EHLO capability list.
//
// RFC 5321 §4.2: a reply is a 3-digit code, then SP and text; §4.2.1: a multi-line reply
// repeats the code on every line with "-" after it, and the last line has SP (or nothing):
//
//   250-mail.example.org Hello client.example
//   250-PIPELINING
//   250 SIZE 10240000
//
//   SmtpReplyAssembler replies(limits.max_text_bytes);
//   if (replies.add_line(line, span, dropped_bytes, bare_lf)) { SmtpReply r = replies.take(); }
//
// Limits: the joined text is capped at max_text_bytes and the per-line texts (kept for the EHLO
// capabilities) at kMaxReplyLines; what is cut is counted and marked.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dialogue/event.h"

namespace mailscope {

// One reply line split into its parts. `well_formed` when it starts with 3 digits followed by
// SP, "-" or the end of the line; the first digit must be 2-5 (RFC 5321 §4.2.1).
struct SmtpReplyLine {
  int code = 0;
  bool continued = false;  // "250-": more lines follow
  bool well_formed = false;
  std::string_view text;  // after the separator
};
SmtpReplyLine parse_smtp_reply_line(std::string_view line);

// RFC 3463 §2 / RFC 2034: "class.subject.detail" at the start of the text, class 2, 4 or 5,
// subject and detail 1-3 digits. Returns "" when the text does not start with one.
std::string parse_enhanced_status_code(std::string_view text);

constexpr size_t kMaxReplyLines = 256;

struct SmtpReply {
  int code = 0;                         // the first line's code; 0 when the line had none
  std::string enhanced_code;            // from the first line that has one
  std::string text;                     // the lines as sent (printable), joined with '\n', capped
  std::vector<std::string> line_texts;  // each line's text after the code (printable), capped
  StreamSpan span;
  bool unknown = false;         // not a reply line at all, or a code outside 2xx-5xx
  bool malformed = false;       // codes differ between lines, junk lines, a gap inside
  bool line_truncated = false;  // a line or the joined text was cut
  bool bare_lf = false;         // some line ended with LF alone
};

class SmtpReplyAssembler {
 public:
  explicit SmtpReplyAssembler(size_t max_text_bytes) : max_text_(max_text_bytes) {}
  // Adds one line (without CRLF). Returns true when the line completes a reply.
  bool add_line(std::string_view line, const StreamSpan& span, uint64_t dropped_bytes,
                bool bare_lf);
  // Bytes of the reply were lost: the reply being collected is marked malformed.
  void mark_gap() {
    if (collecting_) current_.malformed = true;
  }
  bool collecting() const { return collecting_; }
  // The completed reply (or, at the end of the session, the partial one).
  SmtpReply take();

 private:
  void append_text(std::string&& line);

  size_t max_text_;
  SmtpReply current_;
  uint64_t text_dropped_ = 0;
  size_t lines_ = 0;
  bool collecting_ = false;
};

// RFC 5321 §4.1.1.1: the lines after the first of a 250 reply to EHLO are the extensions the
// server offers: "keyword [params]". Appends ("capability", line) per line, plus
// ("size limit", n) for SIZE (RFC 1870) and ("auth mechanism", m) per AUTH mechanism (RFC 4954).
struct SmtpCapabilities {
  size_t count = 0;
  bool pipelining = false, chunking = false, starttls = false;
  std::vector<std::string> auth_mechanisms;
};
SmtpCapabilities parse_ehlo_capabilities(const std::vector<std::string>& line_texts,
                                         std::vector<std::pair<std::string, std::string>>& details);

}  // namespace mailscope
