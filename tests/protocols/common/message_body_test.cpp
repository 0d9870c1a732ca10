// tests/protocols/common/message_body_test.cpp — dot-stuffed bodies and RFC 5322 headers.
#include "protocols/common/message_body.h"

#include <catch2/catch.hpp>

#include "feed_steps.h"

using namespace mailscope;

namespace {

// Feeds the input until the body is done; dumps what the reader saw and what was left over.
std::string run_body(const std::string& input, size_t line_cap, size_t text_cap, size_t split) {
  DotStuffedBody body(line_cap, text_cap);
  std::string rest;
  test::feed_steps({{Direction::client_to_server, input}}, split,
                   [&](Direction, const uint8_t* p, size_t n, const SegmentOrigin& origin) {
                     size_t used = body.done() ? 0 : body.push(p, n, origin);
                     rest.append(reinterpret_cast<const char*>(p) + used, n - used);
                   });
  std::string dump = body.text() + "|bytes=" + std::to_string(body.message_bytes()) +
                     " lines=" + std::to_string(body.lines()) +
                     " unstuffed=" + std::to_string(body.unstuffed_dots()) +
                     " truncated=" + (body.text_truncated() ? "yes" : "no") +
                     " long_lines=" + std::to_string(body.truncated_lines()) +
                     " done=" + (body.done() ? "yes" : "no") +
                     " span=" + std::to_string(body.span().begin) + "-" +
                     std::to_string(body.span().end) + " rest=" + rest;
  return dump;
}

std::string body_at_every_split(const std::string& input, size_t line_cap = 1000,
                                size_t text_cap = 65536) {
  std::vector<std::string> mismatches;
  std::string whole = test::same_for_every_split(
      {{Direction::client_to_server, input}},
      [&](size_t split) { return run_body(input, line_cap, text_cap, split); }, &mismatches);
  INFO(whole);
  for (const std::string& m : mismatches) INFO(m);
  CHECK(mismatches.empty());
  return whole;
}

}  // namespace

TEST_CASE("DotStuffedBody: unstuffing, the end line, what follows is left alone") {
  std::string input = "Subject: hi\r\n\r\n..leading dot\r\n...\r\n.x\r\nlast\r\n.\r\nQUIT\r\n";
  CHECK(body_at_every_split(input) ==
        "Subject: hi\n\n.leading dot\n..\nx\nlast\n"
        "|bytes=42 lines=6 unstuffed=3 truncated=no long_lines=0 done=yes span=0-48 "
        "rest=QUIT\r\n");
}

TEST_CASE("DotStuffedBody: empty body, bare LF, a dot line that is not the end") {
  CHECK(body_at_every_split(".\r\n") ==
        "|bytes=0 lines=0 unstuffed=0 truncated=no long_lines=0 done=yes span=0-3 rest=");
  CHECK(body_at_every_split("a\n.\n") ==
        "a\n|bytes=2 lines=1 unstuffed=0 truncated=no long_lines=0 done=yes span=0-4 rest=");
  CHECK(body_at_every_split(". \r\n.\r\n") ==
        " \n|bytes=3 lines=1 unstuffed=1 truncated=no long_lines=0 done=yes span=0-7 rest=");
  CHECK(body_at_every_split("no end\r\n.") ==
        "no end\n|bytes=8 lines=1 unstuffed=0 truncated=no long_lines=0 done=no span=0-9 rest=");
}

TEST_CASE("DotStuffedBody: the text cap and the line cap count what they do not keep") {
  CHECK(body_at_every_split("0123456789\r\nabc\r\n.\r\n", 1000, 5) ==
        "01234|bytes=17 lines=2 unstuffed=0 truncated=yes long_lines=0 done=yes span=0-20 rest=");
  CHECK(body_at_every_split("0123456789\r\nabc\r\n.\r\n", 4, 1000) ==
        "0123\nabc\n|bytes=17 lines=2 unstuffed=0 truncated=yes long_lines=1 done=yes span=0-20 "
        "rest=");
  // A "." line longer than the cap is not the end line.
  CHECK(body_at_every_split(".......\r\n.\r\n", 3, 1000) ==
        "..\n|bytes=8 lines=1 unstuffed=1 truncated=yes long_lines=1 done=yes span=0-12 rest=");
}

// Lines read in place (whole lines inside one push) and lines collected across pushes must give
// the same text, counts and printable text, whatever the mix of bytes and wherever the caps fall.
TEST_CASE("DotStuffedBody: lines read in place and across pushes agree, at every cap") {
  std::string input =
      "plain line\r\n\tTab\r\n..dot\r\nUTF-8 \xC3\xA9t\xC3\xA9\r\nbad \xFF\r\n"
      "cr\rinside\r\nbare lf\n\r\n\n"
      "a much longer line that goes past the smaller line caps\r\nend\r\r\n.\r\nQUIT\r\n";
  for (size_t line_cap : {4, 12, 1000}) {
    for (size_t text_cap : {1, 7, 30, 70, 1000}) {
      std::vector<std::string> mismatches;
      std::string whole = test::same_for_every_split(
          {{Direction::client_to_server, input}},
          [&](size_t split) {
            DotStuffedBody body(line_cap, text_cap);
            test::feed_steps({{Direction::client_to_server, input}}, split,
                             [&](Direction, const uint8_t* p, size_t n, const SegmentOrigin& o) {
                               if (!body.done()) body.push(p, n, o);
                             });
            std::string dump = body.text() + "|breaks=" + std::to_string(body.text_breaks()) +
                               " bytes=" + std::to_string(body.message_bytes()) +
                               " lines=" + std::to_string(body.lines()) +
                               " truncated=" + (body.text_truncated() ? "yes" : "no") +
                               " long_lines=" + std::to_string(body.truncated_lines());
            return dump + "|" + body.take_printable_lines();
          },
          &mismatches);
      INFO("line cap " << line_cap << ", text cap " << text_cap << ": " << whole);
      for (const std::string& m : mismatches) INFO(m);
      CHECK(mismatches.empty());
    }
  }
}

TEST_CASE("DotStuffedBody: a gap ends the line in progress; the end is still found") {
  DotStuffedBody body(1000, 1000);
  std::string before = "line one\r\npart";
  std::string after = ".\r\nnext";
  CHECK(body.push(reinterpret_cast<const uint8_t*>(before.data()), before.size(),
                  SegmentOrigin{0, 1, 0}) == before.size());
  body.mark_gap(100);
  CHECK(body.gap_bytes() == 100);
  CHECK(body.push(reinterpret_cast<const uint8_t*>(after.data()), after.size(),
                  SegmentOrigin{before.size() + 100, 3, 0}) == 3);
  CHECK(body.done());
  CHECK(body.text() == "line one\npart\n");
  CHECK(body.lines() == 2);
  CHECK(body.span().begin == 0);
  CHECK(body.span().end == before.size() + 103);
  CHECK(body.span().last_packet == 3);
}

// A plain line cut by a segment's end waits at the end of the text (not in LineAssembler):
// its end, a byte that is not plain, a cap or a gap decide what becomes of it.
TEST_CASE("DotStuffedBody: a line begun in one push and ended in a later one") {
  const auto push = [](DotStuffedBody& body, const std::string& bytes, uint64_t offset) {
    return body.push(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(),
                     SegmentOrigin{offset, 1, 0});
  };
  DotStuffedBody split_crlf(1000, 1000);  // CR at the end of one push, LF in the next
  push(split_crlf, "ab", 0);
  push(split_crlf, "c\r", 2);
  push(split_crlf, "\nd\r\n.\r\n", 4);
  CHECK(split_crlf.done());
  CHECK(split_crlf.text() == "abc\nd\n");
  CHECK(split_crlf.message_bytes() == 8);
  CHECK(split_crlf.lines() == 2);

  DotStuffedBody at_cap(1000, 6);  // the line begun reaches the text cap in a later push
  push(at_cap, "ab", 0);
  push(at_cap, "cd", 2);
  push(at_cap, "efgh\r\n.\r\n", 4);
  CHECK(at_cap.text() == "abcdef");
  CHECK(at_cap.text_truncated());
  CHECK(at_cap.message_bytes() == 10);

  DotStuffedBody gap(1000, 1000);  // a gap ends the line begun, which stays plain text
  push(gap, "x\r\nab", 0);
  push(gap, "cd", 5);
  gap.mark_gap(10);
  push(gap, "e\r\n.\r\n", 17);
  CHECK(gap.done());
  CHECK(gap.text() == "x\nabcd\ne\n");
  CHECK(gap.text_plain());
  CHECK(gap.lines() == 3);
  CHECK(gap.message_bytes() == 3 + 4 + 3);
}

TEST_CASE("DotStuffedBody: headers of the message, RFC 2047 decoded") {
  std::string input =
      "From: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>\r\n"
      "To: alice@example.org,\r\n"
      "  bob@example.org\r\n"
      "Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\n"
      "\r\n"
      "Subject: not a header\r\n"
      ".\r\n";
  DotStuffedBody body(1000, 65536);
  body.push(reinterpret_cast<const uint8_t*>(input.data()), input.size(), SegmentOrigin{0, 1, 0});
  REQUIRE(body.done());
  auto headers = body.headers();
  REQUIRE(headers.size() == 3);
  CHECK(headers[0] == std::pair<std::string, std::string>{"From", "山田 <yamada@example.jp>"});
  CHECK(headers[1] ==
        std::pair<std::string, std::string>{"To", "alice@example.org,  bob@example.org"});
  CHECK(headers[2] == std::pair<std::string, std::string>{"Subject", "テスト"});
}

TEST_CASE("parse_message_headers: folding, odd lines, caps") {
  using Fields = std::vector<std::pair<std::string, std::string>>;
  CHECK(parse_message_headers("Subject: a\n\tb\nX-Y:z\n") ==
        Fields{{"Subject", "a\tb"}, {"X-Y", "z"}});
  CHECK(parse_message_headers("Subject : old style\r\n") == Fields{{"Subject", "old style"}});
  CHECK(parse_message_headers("no colon here\r\nFrom: a\r\n").empty());  // a body, no header
  CHECK(parse_message_headers(" folded first\r\nFrom: a\r\n") == Fields{{"From", "a"}});
  CHECK(parse_message_headers("From: a\r\nnot a field\r\nTo: b\r\n") == Fields{{"From", "a"}});
  CHECK(parse_message_headers("Bad Name: x\r\n").empty());
  CHECK(parse_message_headers("X: \x1b[2J\r\n") == Fields{{"X", "\\x1B[2J"}});
  CHECK(parse_message_headers("").empty());

  std::string many;
  for (int i = 0; i < 1000; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  CHECK(parse_message_headers(many).size() == kMaxHeaderFields);

  std::string long_value = "Subject: " + std::string(kMaxHeaderValue + 10, 'a') + "\r\n";
  auto fields = parse_message_headers(long_value);
  REQUIRE(fields.size() == 1);
  CHECK(fields[0].second == std::string(kMaxHeaderValue, 'a') + " \u2026[10 more bytes]");
}

TEST_CASE("is_summary_header") {
  CHECK(is_summary_header("From"));
  CHECK(is_summary_header("message-id"));
  CHECK(is_summary_header("SUBJECT"));
  CHECK_FALSE(is_summary_header("Received"));
}
