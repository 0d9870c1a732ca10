// protocols/common/line_assembler.cpp — one CRLF-terminated line from pushed bytes.
//
// RFC 5321 §2.3.8, RFC 1939 §3, RFC 3501 §2.2: a line ends with CRLF. A bare LF also ends a line
// (and is flagged). A CR is held back until the next byte shows whether it starts the CRLF or
// is part of the line, so a CR LF split across two pushes is still one terminator.
// Content past the cap is counted in dropped_bytes(), never stored.
#include "protocols/common/line_assembler.h"

#include <cstring>

namespace mailscope {

namespace {
// Appends `n` bytes to `line` within `cap`; counts the rest in `dropped`.
void append_capped(std::string& line, size_t cap, uint64_t& dropped, const char* p, size_t n) {
  size_t room = line.size() < cap ? cap - line.size() : 0;
  size_t keep = n < room ? n : room;
  line.append(p, keep);
  dropped += n - keep;
}
}  // namespace

size_t LineAssembler::push(const uint8_t* bytes, size_t length, const SegmentOrigin& origin) {
  if (complete_ || length == 0) return 0;
  const void* lf = std::memchr(bytes, '\n', length);
  size_t used = lf ? static_cast<size_t>(static_cast<const uint8_t*>(lf) - bytes) + 1 : length;
  size_t content = lf ? used - 1 : used;  // bytes before the LF
  const char* p = reinterpret_cast<const char*>(bytes);

  if (content > 0) {
    if (pending_cr_) {  // the held CR was inside the line after all
      append_capped(line_, max_, dropped_, "\r", 1);
      pending_cr_ = false;
    }
    bool ends_with_cr = p[content - 1] == '\r';
    append_capped(line_, max_, dropped_, p, ends_with_cr ? content - 1 : content);
    pending_cr_ = ends_with_cr;
  }
  if (lf) {
    bare_lf_ = !pending_cr_;
    pending_cr_ = false;
    complete_ = true;
  }
  span_.extend(origin, origin.stream_offset, used);
  return used;
}

void LineAssembler::clear() {
  line_.clear();
  span_ = StreamSpan{};
  dropped_ = 0;
  complete_ = false;
  bare_lf_ = false;
  pending_cr_ = false;
}

}  // namespace mailscope
