// tests/protocols/common/plain_lines_test.cpp — copy_plain_lines: which lines it takes, where
// it stops (the caller reads the rest its usual way).
#include "protocols/common/plain_lines.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

using namespace mailscope;

namespace {

// The text of the lines taken, then "|consumed written lines".
std::string run(const std::string& input, size_t room, size_t max_line = SIZE_MAX,
                size_t max_out = SIZE_MAX) {
  std::string out(room, '#');
  PlainLines done = copy_plain_lines(out.data(), room, input.data(), input.size(), max_line, max_out);
  return out.substr(0, done.written) + "|" + std::to_string(done.consumed) + " " +
         std::to_string(done.written) + " " + std::to_string(done.lines);
}

}  // namespace

TEST_CASE("copy_plain_lines takes whole CRLF and LF lines", "[plain_lines]") {
  CHECK(run("Subject: hi\r\n\r\nbody\nend\r\n", 64) == "Subject: hi\n\nbody\nend\n|25 22 4");
  // Long lines cross several 16-byte blocks.
  std::string line(100, 'x');
  CHECK(run(line + "\r\n" + line + "\r\n", 256) == line + "\n" + line + "\n|204 202 2");
}

TEST_CASE("copy_plain_lines stops where a line needs a closer look", "[plain_lines]") {
  CHECK(run("a\r\n.stuffed\r\n", 64) == "a\n|3 2 1");          // dot-stuffing / end of data
  CHECK(run("a\r\nb\tc\r\n", 64) == "a\n|3 2 1");               // TAB
  CHECK(run("a\r\n\xC3\xA9\r\n", 64) == "a\n|3 2 1");           // UTF-8
  CHECK(run("a\r\nb\rc\r\n", 64) == "a\n|3 2 1");               // a CR inside the line
  CHECK(run("a\r\npartial", 64) == "a\n|3 2 1");                // no line end yet
  CHECK(run("a\r\nb\r", 64) == "a\n|3 2 1");                    // CR LF split after the CR
  CHECK(run("abc\r\ntoo long\r\n", 64, 5) == "abc\n|5 4 1");    // longer than max_line
  CHECK(run("abc\r\nfits\r\n", 64, SIZE_MAX, 8) == "abc\n|5 4 1");  // its text would reach max_out
  CHECK(run("abc\r\nfits\r\n", 6) == "abc\n|5 4 1");            // its "\n" would pass the room
  CHECK(run("", 16) == "|0 0 0");
}
