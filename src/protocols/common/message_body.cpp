// protocols/common/message_body.cpp — a dot-stuffed message body up to the "." line.
//
// RFC 5321 §4.5.2 (and RFC 1939 §3 for POP3): the sender doubles a leading "."; the receiver
// removes the first "." of every line that starts with one; the line "." alone ends the data.
// Only the first max_text_bytes of the unstuffed text are kept; every byte is counted.
#include "protocols/common/message_body.h"

#include <algorithm>
#include <cstring>

#include "protocols/common/plain_lines.h"
#include "protocols/common/text.h"

namespace mailscope {
namespace {
constexpr size_t kMarkerRoom = 64;
}  // namespace

DotStuffedBody::DotStuffedBody(size_t max_line_bytes, size_t max_text_bytes)
    : line_(max_line_bytes), max_line_(max_line_bytes), max_text_(max_text_bytes) {
  // Messages are rarely smaller (the median is several KB): skip the first small regrowths.
  // The extra bytes make the doubled sizes end a little past the cap, so that a text cut there
  // still has room for its " …[N more bytes]" marker without one more copy.
  text_.reserve(std::min<size_t>(max_text_bytes, 4096) + kMarkerRoom);
}

void DotStuffedBody::take_line() {
  uint64_t terminator = line_.complete() ? (line_.bare_lf() ? 1 : 2) : 0;
  std::string_view line = line_.line();
  add_line(line, line_.dropped_bytes(), terminator, plain_run(line.data(), line.size()) == line.size());
  line_.clear();
}

void DotStuffedBody::add_line(std::string_view line, uint64_t dropped, uint64_t terminator,
                              bool plain) {
  if (!line.empty() && line.front() == '.') {  // RFC 5321 §4.5.2: remove the stuffed dot
    line.remove_prefix(1);
    ++unstuffed_;
  }
  if (dropped > 0) ++truncated_lines_;
  message_bytes_ += line.size() + dropped + terminator;
  ++lines_;
  size_t room = text_.size() < max_text_ ? max_text_ - text_.size() : 0;
  if (room > 0 && !plain) text_plain_ = false;
  text_.append(line.substr(0, room));
  if (line.size() < room) {
    text_ += '\n';
    ++text_breaks_;
  } else {
    text_cut_ = true;
  }
  if (dropped > 0) text_cut_ = true;
}

// The lines that end inside `bytes`, read where they lie: what LineAssembler would hand over
// line by line, without copying each line first. Stops after the "." line, and at a partial
// line: an ordinary one is kept in place (pending_, see continue_line), any other one is left
// for LineAssembler. Only called with no partial line pending in either.
//
// While the text has room, copy_plain_lines (plain_lines.h) copies the ordinary lines straight
// into place: text_ is first grown by `length` bytes, up to the cap (a line never comes out
// longer than it went in), and w is where the text really ends. Every line it leaves (stuffed
// dot, too long, at the cap, not plain, or not ended yet) goes through add_line() like a line
// from LineAssembler, as does every line once the text is full.
size_t DotStuffedBody::take_whole_lines(const uint8_t* bytes, size_t length) {
  const char* p = reinterpret_cast<const char*>(bytes);
  size_t used = 0;
  size_t w = text_.size();
  bool direct = w < max_text_;
  // Never past the cap: a line that would reach it is not copied whole anyway.
  const auto grow = [&] { text_.resize(std::min(w + (length - used), max_text_)); };
  if (direct) grow();
  while (used < length) {
    if (direct) {
      PlainLines plain = copy_plain_lines(text_.data() + w, text_.size() - w, p + used,
                                          length - used, max_line_, max_text_ - w);
      used += plain.consumed;
      w += plain.written;
      message_bytes_ += plain.consumed;  // no dot was removed: the bytes as they came
      lines_ += plain.lines;
      text_breaks_ += plain.lines;
      if (used == length) break;
    }
    // In mail the first byte that is not printable ASCII is nearly always the CR of the CRLF.
    size_t stop = used + plain_run(p + used, length - used);
    size_t end = stop;  // of the content, before CR LF or LF
    size_t next = 0;    // just after the LF
    bool plain = true;
    uint64_t terminator = 1;  // a bare LF ends a line too (and counts one byte)
    if (stop < length && p[stop] == '\n') {
      next = stop + 1;
    } else if (stop + 1 < length && p[stop] == '\r' && p[stop + 1] == '\n') {
      next = stop + 2;
      terminator = 2;
    } else {
      const void* lf = std::memchr(p + stop, '\n', length - stop);
      if (lf == nullptr) {
        // Nearly always an ordinary line cut by the segment's end: keep what came of it in
        // place (continue_line reads the rest); any other line waits in LineAssembler.
        size_t begun = length - used;
        if (direct && stop == length && p[used] != '.' && begun <= max_line_ &&
            w + begun < max_text_) {
          std::memcpy(text_.data() + w, p + used, begun);  // text_ has room: see grow()
          w += begun;
          pending_ = begun;
          used = length;
        }
        break;
      }
      end = static_cast<size_t>(static_cast<const char*>(lf) - p);
      next = end + 1;
      plain = false;
      if (end > used && p[end - 1] == '\r') {
        --end;
        terminator = 2;
      }
    }
    std::string_view content(p + used, end - used);
    uint64_t dropped = content.size() > max_line_ ? content.size() - max_line_ : 0;
    content = content.substr(0, max_line_);
    used = next;
    if (content == "." && dropped == 0) {  // the end-of-data line
      done_ = true;
      break;
    }
    if (direct) text_.resize(w);
    add_line(content, dropped, terminator, plain);
    w = text_.size();
    direct = w < max_text_;
    if (direct) grow();
  }
  if (direct) text_.resize(w);
  return used;
}

// The rest of the line begun in text_ (pending_ bytes), when it stays an ordinary line: plain,
// within the line cap, and its text and "\n" before the text cap, as take_whole_lines would
// have taken it whole. Returns the bytes used. Otherwise the line begun moves to LineAssembler,
// as if it had collected it from the start, and nothing is used: push() reads on as usual.
size_t DotStuffedBody::continue_line(const uint8_t* bytes, size_t length,
                                     const SegmentOrigin& origin) {
  const char* p = reinterpret_cast<const char*>(bytes);
  size_t run = plain_run(p, length);
  size_t next = 0;  // just after the LF; 0 while the line goes on past `bytes`
  uint64_t terminator = 1;
  if (run < length && p[run] == '\n') {
    next = run + 1;
  } else if (run + 1 < length && p[run] == '\r' && p[run + 1] == '\n') {
    next = run + 2;
    terminator = 2;
  }
  bool fits = pending_ + run <= max_line_ && text_.size() + run < max_text_;
  if (fits && next > 0) {  // add_line() for this line, the dot rule aside (there is none)
    text_.append(p, run);
    text_ += '\n';
    message_bytes_ += pending_ + run + terminator;
    ++lines_;
    ++text_breaks_;
    pending_ = 0;
    return next;
  }
  if (fits && run == length) {
    text_.append(p, run);
    pending_ += run;
    return length;
  }
  std::string begun = text_.substr(text_.size() - pending_);
  text_.resize(text_.size() - pending_);
  pending_ = 0;
  // LineAssembler's span only has to be non-empty (a line begun): the body keeps its own
  // (span_), which counted these bytes already.
  line_.push(reinterpret_cast<const uint8_t*>(begun.data()), begun.size(), origin);
  return 0;
}

size_t DotStuffedBody::push(const uint8_t* bytes, size_t length, const SegmentOrigin& origin) {
  size_t used = 0;
  while (!done_ && used < length) {
    SegmentOrigin at = origin;
    at.stream_offset = origin.stream_offset + used;
    if (pending_ > 0) {
      size_t n = continue_line(bytes + used, length - used, at);
      if (n > 0) {
        span_.extend(at, at.stream_offset, n);
        used += n;
      }
      continue;
    }
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
  // The line in progress ends at the gap.
  if (pending_ > 0) {  // what take_line() would do with it: a line without a line end
    text_ += '\n';
    message_bytes_ += pending_;
    ++lines_;
    ++text_breaks_;
    pending_ = 0;
  } else if (!line_.empty()) {
    take_line();
  }
}

std::string DotStuffedBody::take_printable_lines() {
  std::string out;
  if (text_plain_) {  // nothing to escape: the text is already what people see
    out = std::move(text_);
    if (!out.empty() && out.back() == '\n') out.pop_back();
    // The event keeps this string: give back the room reserved for a longer message.
    if (out.capacity() > 2 * out.size() + 64) out.shrink_to_fit();
  } else {
    append_printable_lines(out, text_, false);
  }
  text_.clear();
  return out;
}

std::vector<std::pair<std::string, std::string>> DotStuffedBody::headers() const {
  return parse_message_headers(text_);
}

}  // namespace mailscope
