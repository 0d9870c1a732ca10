// protocols/common/message_body.cpp — a dot-stuffed message body up to the "." line.
//
// RFC 5321 §4.5.2 (and RFC 1939 §3 for POP3): the sender doubles a leading "."; the receiver
// removes the first "." of every line that starts with one; the line "." alone ends the data.
// Only the first max_text_bytes of the unstuffed text are kept; every byte is counted.
#include "protocols/common/message_body.h"

namespace mailscope {

DotStuffedBody::DotStuffedBody(size_t max_line_bytes, size_t max_text_bytes)
    : line_(max_line_bytes), max_text_(max_text_bytes) {}

void DotStuffedBody::take_line() {
  std::string_view line = line_.line();
  uint64_t dropped = line_.dropped_bytes();
  if (!line.empty() && line.front() == '.') {  // RFC 5321 §4.5.2: remove the stuffed dot
    line.remove_prefix(1);
    ++unstuffed_;
  }
  if (dropped > 0) ++truncated_lines_;
  uint64_t terminator = line_.complete() ? (line_.bare_lf() ? 1 : 2) : 0;
  message_bytes_ += line.size() + dropped + terminator;
  ++lines_;
  size_t room = text_.size() < max_text_ ? max_text_ - text_.size() : 0;
  text_.append(line.substr(0, room));
  if (line.size() < room) {
    text_ += '\n';
  } else {
    text_cut_ = true;
  }
  if (dropped > 0) text_cut_ = true;
  line_.clear();
}

size_t DotStuffedBody::push(const uint8_t* bytes, size_t length, const SegmentOrigin& origin) {
  size_t used = 0;
  while (!done_ && used < length) {
    SegmentOrigin at = origin;
    at.stream_offset = origin.stream_offset + used;
    size_t n = line_.push(bytes + used, length - used, at);
    span_.extend(at, at.stream_offset, n);
    used += n;
    if (!line_.complete()) break;
    if (line_.line() == "." && line_.dropped_bytes() == 0) {  // the end-of-data line
      done_ = true;
      line_.clear();
      break;
    }
    take_line();
  }
  return used;
}

void DotStuffedBody::mark_gap(uint64_t length) {
  gap_bytes_ += length;
  if (!line_.empty()) take_line();  // the line in progress ends at the gap
}

std::vector<std::pair<std::string, std::string>> DotStuffedBody::headers() const {
  return parse_message_headers(text_);
}

}  // namespace mailscope
