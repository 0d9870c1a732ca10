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

namespace {

// copy_plain_lines as plain_lines.h describes it, one byte at a time.
PlainLines reference(std::string& out, size_t room, const std::string& in, size_t max_line,
                     size_t max_out) {
  PlainLines done;
  size_t i = 0;
  while (i < in.size() && in[i] != '.') {
    size_t end = i;
    while (end < in.size() && in[end] >= 0x20 && in[end] < 0x7F) ++end;
    size_t next;
    if (end < in.size() && in[end] == '\n') {
      next = end + 1;
    } else if (end + 1 < in.size() && in[end] == '\r' && in[end + 1] == '\n') {
      next = end + 2;
    } else {
      break;
    }
    size_t length = end - i;
    if (length > max_line || done.written + length >= max_out || done.written + length + 1 > room) {
      break;
    }
    out.append(in, i, length);
    out += '\n';
    done.written += length + 1;
    done.consumed = i = next;
    ++done.lines;
  }
  return done;
}

// Checks every scan of copy_plain_lines against the reference, for `in` and each of its
// prefixes (a body cut at every byte), and that nothing is written past the room.
void check_all(const std::string& in, size_t room, size_t max_line, size_t max_out) {
  for (size_t n = 0; n <= in.size(); ++n) {
    std::string prefix = in.substr(0, n);
    std::string want;
    PlainLines ref = reference(want, room, prefix, max_line, max_out);
    for (PlainLinesScan scan :
         {PlainLinesScan::best, PlainLinesScan::sse2, PlainLinesScan::per_line}) {
      std::string out(room + 40, '#');
      PlainLines got =
          copy_plain_lines(scan, out.data(), room, prefix.data(), prefix.size(), max_line, max_out);
      INFO("input \"" << prefix << "\" room " << room << " max_line " << max_line << " max_out "
                      << max_out << " scan " << static_cast<int>(scan));
      REQUIRE(got.consumed == ref.consumed);
      REQUIRE(got.written == ref.written);
      REQUIRE(got.lines == ref.lines);
      REQUIRE(out.substr(0, got.written) == want);
      REQUIRE(out.substr(room) == std::string(40, '#'));
    }
  }
}

}  // namespace

TEST_CASE("copy_plain_lines agrees with the byte-by-byte reference", "[plain_lines]") {
  // Lines of every length around the 16- and 32-byte blocks and the 96 bytes AVX2 tests at
  // once, then a line that needs a closer look right at a block boundary: a "." line, a lone
  // CR, a bare LF, TAB, UTF-8, DEL, NUL.
  const std::string nul_line = std::string(1, '\0') + "\r\n";
  const std::string odd[] = {".\r\n",        ".x\r\n",   "a\rb\r\n", "\n",     "c\td\r\n",
                             "\xC3\xA9\r\n", "\x7F\r\n", nul_line,   "\r\r\n", "e\r"};
  for (size_t length :
       {0, 1, 14, 15, 16, 17, 30, 31, 32, 33, 62, 63, 64, 65, 76, 94, 95, 96, 97, 127, 128, 200}) {
    std::string line = std::string(length, 'x');
    for (size_t i = 0; i < length; ++i) line[i] = static_cast<char>(' ' + (i * 7 + length) % 95);
    if (!line.empty() && line[0] == '.') line[0] = ',';
    for (const std::string& after : odd) {
      std::string in = line + "\r\n" + line + "\n" + after + "tail\r\n";
      check_all(in, in.size() + 8, SIZE_MAX, SIZE_MAX);
    }
  }
}

TEST_CASE("copy_plain_lines stops at each cap where the reference does", "[plain_lines]") {
  std::string in;
  for (size_t length : {3, 40, 16, 31, 0, 33, 64, 2, 95, 96, 97, 1}) {
    in += std::string(length, 'y') + "\r\n";
  }
  for (size_t cap : {0,  1,  2,  3,  4,  5,  16, 31, 32,  33,  40,  45, 46,
                     47, 64, 65, 94, 95, 96, 97, 98, 100, 200, 300, 400}) {
    check_all(in, cap, SIZE_MAX, SIZE_MAX);   // the room
    check_all(in, in.size(), cap, SIZE_MAX);  // the line cap
    check_all(in, in.size(), SIZE_MAX, cap);  // the text cap
    check_all(in, cap + 1, SIZE_MAX, cap);    // the room just past the text cap
  }
}

TEST_CASE("copy_plain_lines tells every byte value apart", "[plain_lines]") {
  // Each byte once in the middle of a long line: only 0x20..0x7E let the line through (and an
  // LF, which splits it in two).
  for (int b = 0; b < 256; ++b) {
    std::string line(70, 'z');
    line[37] = static_cast<char>(b);
    std::string in = "ok\r\n" + line + "\r\nnext\r\n";
    std::string out(in.size(), '#');
    PlainLines got =
        copy_plain_lines(out.data(), out.size(), in.data(), in.size(), SIZE_MAX, SIZE_MAX);
    INFO("byte " << b);
    CHECK(got.lines == (b == '\n' ? 4u : b >= 0x20 && b < 0x7F ? 3u : 1u));
  }
}
