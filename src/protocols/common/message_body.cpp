// protocols/common/message_body.cpp — a dot-stuffed message body up to the "." line.
//
// RFC 5321 §4.5.2 (and RFC 1939 §3 for POP3): the sender doubles a leading "."; the receiver
// removes the first "." of every line that starts with one; the line "." alone ends the data.
// Only the first max_text_bytes of the unstuffed text are kept; every byte is counted.
#include "protocols/common/message_body.h"

#include <cstring>

namespace mailscope {

DotStuffedBody::DotStuffedBody(size_t max_line_bytes, size_t max_text_bytes)
    : line_(max_line_bytes), max_line_(max_line_bytes), max_text_(max_text_bytes) {}

void DotStuffedBody::take_line() {
  uint64_t terminator = line_.complete() ? (line_.bare_lf() ? 1 : 2) : 0;
  add_line(line_.line(), line_.dropped_bytes(), terminator);
  line_.clear();
}

void DotStuffedBody::add_line(std::string_view line, uint64_t dropped, uint64_t terminator) {
  if (!line.empty() && line.front() == '.') {  // RFC 5321 §4.5.2: remove the stuffed dot
    line.remove_prefix(1);
    ++unstuffed_;
  }
  if (dropped > 0) ++truncated_lines_;
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
}

// The lines that end inside `bytes`, read where they lie: what LineAssembler would hand over
// line by line, without copying each line first. Stops before a partial line (LineAssembler
// collects that one) and after the "." line. Only called with no partial line pending.
size_t DotStuffedBody::take_whole_lines(const uint8_t* bytes, size_t length) {
  const char* p = reinterpret_cast<const char*>(bytes);
  size_t used = 0;
  while (used < length) {
    const void* lf = std::memchr(p + used, '\n', length - used);
    if (lf == nullptr) break;
    size_t end = static_cast<size_t>(static_cast<const char*>(lf) - p);
    std::string_view content(p + used, end - used);
    uint64_t terminator = 1;  // a bare LF ends a line too (and counts one byte)
    if (!content.empty() && content.back() == '\r') {
      content.remove_suffix(1);
      terminator = 2;
    }
    uint64_t dropped = content.size() > max_line_ ? content.size() - max_line_ : 0;
    content = content.substr(0, max_line_);
    used = end + 1;
    if (content == "." && dropped == 0) {  // the end-of-data line
      done_ = true;
      break;
    }
    add_line(content, dropped, terminator);
  }
  return used;
}

size_t DotStuffedBody::push(const uint8_t* bytes, size_t length, const SegmentOrigin& origin) {
  size_t used = 0;
  while (!done_ && used < length) {
    SegmentOrigin at = origin;
    at.stream_offset = origin.stream_offset + used;
    if (line_.empty()) {
      size_t n = take_whole_lines(bytes + used, length - used);
      if (n > 0) {
        span_.extend(at, at.stream_offset, n);
        used += n;
        continue;
      }
    }
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
