// tests/lessons/test_lesson_text.cpp — prose reflow: Latin lines joined with a space, Japanese
// lines joined without one, paragraphs and list/command lines kept.
#include <catch2/catch.hpp>

#include "lessons/lesson_text.h"

using namespace mailscope;

TEST_CASE("reflow joins lines and keeps paragraphs", "[lessons][text]") {
  CHECK(reflow_text("SMTP is a\n  text protocol.\n\nNext.") == "SMTP is a text protocol.\n\nNext.");
  CHECK(reflow_text("送信サーバーに\n届きます。") == "送信サーバーに届きます。");
  CHECK(reflow_text("ポート番号\n587 を使います。") == "ポート番号587 を使います。");
  CHECK(reflow_text("\n\nlead\n\n\n\ntrail\n\n") == "lead\n\ntrail");
  CHECK(reflow_text("Run:\n$ ss -ltnp\n$ lsof -i -P") == "Run:\n$ ss -ltnp\n$ lsof -i -P");
  CHECK(reflow_text("- one\n- two") == "- one\n- two");
  CHECK(reflow_text("") == "");
  CHECK(reflow_text("a\r\nb") == "a b");
}
