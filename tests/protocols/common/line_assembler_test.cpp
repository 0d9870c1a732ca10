// tests/protocols/common/line_assembler_test.cpp — lines from pushed bytes, at every split.
#include "protocols/common/line_assembler.h"

#include <catch2/catch.hpp>

#include "feed_steps.h"

using namespace mailscope;
using mailscope::test::Step;

namespace {

// Every line as "text|dropped|bare|begin-end", plus the unfinished rest.
std::string run_lines(const std::string& input, size_t cap, size_t split) {
  LineAssembler lines(cap);
  std::string dump;
  test::feed_steps(
      {{Direction::client_to_server, input}}, split,
      [&](Direction, const uint8_t* p, size_t n, const SegmentOrigin& origin) {
        SegmentOrigin at = origin;
        while (n > 0) {
          size_t used = lines.push(p, n, at);
          p += used;
          n -= used;
          at.stream_offset += used;
          if (lines.complete()) {
            dump += std::string(lines.line()) + "|" + std::to_string(lines.dropped_bytes()) + "|" +
                    (lines.bare_lf() ? "lf" : "crlf") + "|" + std::to_string(lines.span().begin) +
                    "-" + std::to_string(lines.span().end) + "\n";
            lines.clear();
          }
        }
      });
  if (!lines.empty()) {
    dump += "partial:" + std::string(lines.line()) + "|" + std::to_string(lines.dropped_bytes());
  }
  return dump;
}

std::string lines_at_every_split(const std::string& input, size_t cap) {
  std::vector<std::string> mismatches;
  std::string whole = test::same_for_every_split(
      {{Direction::client_to_server, input}},
      [&](size_t split) { return run_lines(input, cap, split); }, &mismatches);
  INFO(whole);
  for (const std::string& m : mismatches) INFO(m);
  CHECK(mismatches.empty());
  return whole;
}

}  // namespace

TEST_CASE("LineAssembler: CRLF lines, bare LF, CR inside a line") {
  std::string input = "EHLO a\r\nMAIL FROM:<x>\nRCPT\rTO\r\n\r\nend";
  CHECK(lines_at_every_split(input, 8192) ==
        "EHLO a|0|crlf|0-8\n"
        "MAIL FROM:<x>|0|lf|8-22\n"
        "RCPT\rTO|0|crlf|22-31\n"
        "|0|crlf|31-33\n"
        "partial:end|0");
}

TEST_CASE("LineAssembler: the cap keeps the start and counts the rest") {
  std::string input = "0123456789\r\nabc\r\n0123\r\n01234\r\n";
  CHECK(lines_at_every_split(input, 4) ==
        "0123|6|crlf|0-12\n"
        "abc|0|crlf|12-17\n"
        "0123|0|crlf|17-23\n"
        "0123|1|crlf|23-30\n");
  // A CR beyond the cap is still part of the terminator, not a dropped byte.
  CHECK(lines_at_every_split("abcdef\r\n", 5) == "abcde|1|crlf|0-8\n");
  CHECK(lines_at_every_split("ab\rcd\r\n", 2) == "ab|3|crlf|0-7\n");
  CHECK(lines_at_every_split("abc\n", 0) == "|3|lf|0-4\n");
}

TEST_CASE("LineAssembler: a lone CR at the end is held back, not part of the line") {
  CHECK(lines_at_every_split("abc\r", 100) == "partial:abc|0");
  CHECK(lines_at_every_split("\r\r\n", 100) == "\r|0|crlf|0-3\n");
}

TEST_CASE("LineAssembler: push returns 0 until clear(), and spans name packets and times") {
  LineAssembler lines;
  const uint8_t first[] = {'N', 'O'};
  const uint8_t second[] = {'O', 'P', '\r', '\n', 'X'};
  CHECK(lines.empty());
  CHECK(lines.push(first, 2, SegmentOrigin{100, 7, 7000}) == 2);
  CHECK_FALSE(lines.complete());
  CHECK_FALSE(lines.empty());
  CHECK(lines.push(second, 5, SegmentOrigin{102, 9, 9000}) == 4);
  REQUIRE(lines.complete());
  CHECK(lines.line() == "NOOP");
  CHECK(lines.push(second + 4, 1, SegmentOrigin{106, 9, 9000}) == 0);
  const StreamSpan& span = lines.span();
  CHECK(span.begin == 100);
  CHECK(span.end == 106);
  CHECK(span.first_packet == 7);
  CHECK(span.last_packet == 9);
  CHECK(span.first_time_ns == 7000);
  CHECK(span.last_time_ns == 9000);
  lines.clear();
  CHECK(lines.empty());
  CHECK_FALSE(lines.complete());
  CHECK(lines.line().empty());
  CHECK(lines.push(second + 4, 1, SegmentOrigin{106, 10, 10000}) == 1);
  CHECK(lines.line() == "X");
  CHECK(lines.span().begin == 106);
}

TEST_CASE("LineAssembler: a huge line costs only the cap") {
  LineAssembler lines(16);
  std::string big(1 << 20, 'a');
  big += "\r\n";
  size_t used =
      lines.push(reinterpret_cast<const uint8_t*>(big.data()), big.size(), SegmentOrigin{0, 1, 0});
  CHECK(used == big.size());
  CHECK(lines.complete());
  CHECK(lines.line().size() == 16);
  CHECK(lines.dropped_bytes() == (1u << 20) - 16);
}
