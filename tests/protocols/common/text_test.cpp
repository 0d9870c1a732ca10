// tests/protocols/common/text_test.cpp — printable text, ASCII helpers, truncation marker.
#include "protocols/common/text.h"

#include <catch2/catch.hpp>

using namespace mailscope;

TEST_CASE("printable_text keeps valid UTF-8 and tabs") {
  CHECK(printable_text("EHLO client.example") == "EHLO client.example");
  CHECK(printable_text("a\tb") == "a\tb");
  CHECK(printable_text("件名 テスト") == "件名 テスト");
  CHECK(printable_text("\xF0\x9F\x93\xA7") == "\xF0\x9F\x93\xA7");  // U+1F4E7 e-mail symbol
  CHECK(printable_text("") == "");
}

TEST_CASE("printable_text escapes control characters and invalid UTF-8") {
  CHECK(printable_text(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(printable_text("\r\n") == "\\x0D\\x0A");
  CHECK(printable_text("\x1B[31m") == "\\x1B[31m");
  CHECK(printable_text("\x7F") == "\\x7F");
  CHECK(printable_text("\xC2\x85") == "\\xC2\\x85");  // C1 control NEL
  CHECK(printable_text("\xC2\xA0") == "\xC2\xA0");    // NBSP is not a control
  CHECK(printable_text("\xFF\xFE") == "\\xFF\\xFE");
  CHECK(printable_text("\xC0\xAF") == "\\xC0\\xAF");                    // overlong "/"
  CHECK(printable_text("\xE0\x80\xAF") == "\\xE0\\x80\\xAF");           // overlong, 3 bytes
  CHECK(printable_text("\xED\xA0\x80") == "\\xED\\xA0\\x80");           // surrogate U+D800
  CHECK(printable_text("\xF4\x90\x80\x80") == "\\xF4\\x90\\x80\\x80");  // above U+10FFFF
  CHECK(printable_text("\xE3\x81") == "\\xE3\\x81");                    // cut sequence at the end
  CHECK(printable_text("\xE3\x81x") == "\\xE3\\x81x");
  CHECK(printable_text("ISO-8859-1 caf\xE9") == "ISO-8859-1 caf\\xE9");
}

TEST_CASE("with_truncation_marker appends the count only when bytes were dropped") {
  CHECK(with_truncation_marker("abc", 0) == "abc");
  CHECK(with_truncation_marker("abc", 1) == "abc \u2026[1 more byte]");
  CHECK(with_truncation_marker("abc", 12345) == "abc \u2026[12345 more bytes]");
}

TEST_CASE("ASCII case helpers") {
  CHECK(to_upper_ascii("mail From:<a@B.example>") == "MAIL FROM:<A@B.EXAMPLE>");
  CHECK(to_upper_ascii("ä") == "ä");  // non-ASCII untouched
  CHECK(to_lower_ascii("UID FETCH") == "uid fetch");
  CHECK(iequals("ehlo", "EHLO"));
  CHECK_FALSE(iequals("ehlo", "EHL"));
  CHECK_FALSE(iequals("helo", "ehlo"));
  CHECK(iequals("", ""));
  CHECK(istarts_with("STARTTLS", "start"));
  CHECK(istarts_with("abc", ""));
  CHECK_FALSE(istarts_with("ST", "START"));
  CHECK_FALSE(istarts_with("STOP", "STAR"));
}

TEST_CASE("trim removes spaces, tabs, CR and LF at both ends") {
  CHECK(trim("  a b \t\r\n") == "a b");
  CHECK(trim("") == "");
  CHECK(trim(" \t ") == "");
  CHECK(trim("x") == "x");
}

TEST_CASE("split_word splits off the first word") {
  auto [w1, r1] = split_word("MAIL FROM:<a@example.org>");
  CHECK(w1 == "MAIL");
  CHECK(r1 == "FROM:<a@example.org>");
  auto [w2, r2] = split_word("QUIT");
  CHECK(w2 == "QUIT");
  CHECK(r2.empty());
  auto [w3, r3] = split_word("  a1   LOGIN  alice ");
  CHECK(w3 == "a1");
  CHECK(r3 == "LOGIN  alice ");
  auto [w4, r4] = split_word("");
  CHECK(w4.empty());
  CHECK(r4.empty());
  auto [w5, r5] = split_word("NOOP\tx");
  CHECK(w5 == "NOOP");
  CHECK(r5 == "x");
}

TEST_CASE("append_utf8 encodes every length and replaces invalid code points") {
  std::string s;
  append_utf8(s, U'A');
  append_utf8(s, U'\u00E9');
  append_utf8(s, U'\u3042');
  append_utf8(s, U'\U0001F4E7');
  CHECK(s == "A\u00E9\u3042\U0001F4E7");
  std::string bad;
  append_utf8(bad, 0xD800);
  append_utf8(bad, 0x110000);
  CHECK(bad == "\uFFFD\uFFFD");
}
