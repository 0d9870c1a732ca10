// protocols/common/line_assembler.h — collect one CRLF-terminated line from pushed bytes.
//
//   LineAssembler lines(limits.max_line_bytes);
//   while (n > 0) {
//     size_t used = lines.push(p, n, origin_of(p));   // consumes up to and including LF
//     p += used; n -= used;
//     if (lines.complete()) { handle(lines.line(), lines.span()); lines.clear(); }
//   }
//
// RFC 5321 §2.3.8 / RFC 1939 §3 / RFC 3501 §2.2: lines end with CRLF. A bare LF also ends a
// line (real clients send them) and is flagged. Bytes past the cap are counted, not kept.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dialogue/event.h"

namespace mailscope {

class LineAssembler {
 public:
  explicit LineAssembler(size_t max_line_bytes = 8192) : max_(max_line_bytes) {}

  // Consumes bytes up to and including the first LF (or all of them). Returns how many;
  // 0 while a complete line waits for clear(). `origin` describes bytes[0].
  size_t push(const uint8_t* bytes, size_t length, const SegmentOrigin& origin);

  bool complete() const { return complete_; }
  bool empty() const { return span_.empty(); }         // nothing pushed since clear()
  std::string_view line() const { return line_; }      // without the CR LF; at most the cap
  uint64_t dropped_bytes() const { return dropped_; }  // bytes beyond the cap
  bool bare_lf() const { return bare_lf_; }            // ended by LF without CR
  const StreamSpan& span() const { return span_; }     // includes the CR LF
  void clear();

 private:
  size_t max_;
  std::string line_;
  StreamSpan span_;
  uint64_t dropped_ = 0;
  bool complete_ = false;
  bool bare_lf_ = false;
  bool pending_cr_ = false;  // a CR was the last byte: end of line if LF follows, else content
};

}  // namespace mailscope
