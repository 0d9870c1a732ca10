// protocols/common/plain_lines.h — copy a run of ordinary text lines, CRLF becoming "\n".
//
// Message bodies (SMTP DATA, POP3 RETR/TOP) are nearly all short lines of printable ASCII,
// each ended by CRLF (RFC 5321 §2.3.8, RFC 5322 §2.1). For those lines the text an event keeps
// is the line itself and one "\n"; copy_plain_lines() does exactly that for as many whole lines
// as it can, in one loop over the bytes (sixteen at a time with SSE2), and stops at the first
// line that needs a closer look, which the caller reads its usual way:
//
//   PlainLines done = copy_plain_lines(dst, room, src, n, max_line, max_out);
//   // src[0, done.consumed) were done.lines whole lines; dst[0, done.written) is their text.
//   // src[done.consumed] starts a line the caller reads itself (or is the end of src).
//
// It stops before a line that starts with "." (dot-stuffing, RFC 5321 §4.5.2, or the end of
// the data), holds any byte that is not printable ASCII (TAB, UTF-8, a lone CR, ...), is longer
// than `max_line`, does not end inside `src`, or would not fit: a line's text and its "\n" must
// end at most at dst[room - 1] and its text before dst[max_out]. Bytes of dst past `written`
// (up to dst[room - 1]) may have been written too: they are to be overwritten.
#pragma once
#include <cstddef>
#include <cstdint>

namespace mailscope {

struct PlainLines {
  size_t consumed = 0;  // input bytes: the lines and their line ends
  size_t written = 0;   // output bytes: the lines, each followed by '\n'
  uint64_t lines = 0;
};

PlainLines copy_plain_lines(char* dst, size_t room, const char* src, size_t n, size_t max_line,
                            size_t max_out);

// The ways copy_plain_lines can scan, so that tests can run each one on any processor: the
// fastest this processor has (what copy_plain_lines uses), SSE2 blocks, or copy_plain_run
// per line. Those the build or the processor lacks fall back to the next one.
enum class PlainLinesScan { best, sse2, per_line };
PlainLines copy_plain_lines(PlainLinesScan scan, char* dst, size_t room, const char* src, size_t n,
                            size_t max_line, size_t max_out);

}  // namespace mailscope
