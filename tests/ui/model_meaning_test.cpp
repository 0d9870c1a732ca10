// tests/ui/model_meaning_test.cpp — arrow meanings and their colour-blind-safe styles.
#include <catch2/catch.hpp>

#include <set>
#include <tuple>

#include "ui/model/arrow_style.h"
#include "ui/model/step_label.h"
#include "ui/model/ui_strings.h"

using namespace mailscope;

namespace {
DialogueEvent reply(int code, std::string status = {}) {
  DialogueEvent e;
  e.type = EventType::reply;
  e.direction = Direction::server_to_client;
  e.code = code;
  e.status = std::move(status);
  return e;
}
}  // namespace

TEST_CASE("replies are classed by RFC 5321 first digit and by POP3/IMAP status") {
  CHECK(arrow_meaning(reply(250)) == ArrowMeaning::success);
  CHECK(arrow_meaning(reply(354)) == ArrowMeaning::intermediate);
  CHECK(arrow_meaning(reply(451)) == ArrowMeaning::temp_failure);
  CHECK(arrow_meaning(reply(550)) == ArrowMeaning::perm_failure);
  CHECK(arrow_meaning(reply(0, "+OK")) == ArrowMeaning::success);
  CHECK(arrow_meaning(reply(0, "-ERR")) == ArrowMeaning::pop_err);
  CHECK(arrow_meaning(reply(0, "NO")) == ArrowMeaning::imap_no);
  CHECK(arrow_meaning(reply(0, "BAD")) == ArrowMeaning::imap_bad);
  DialogueEvent e;
  e.type = EventType::command;
  CHECK(arrow_meaning(e) == ArrowMeaning::command);
  e.type = EventType::tls;
  CHECK(arrow_meaning(e) == ArrowMeaning::encrypted);
  e.type = EventType::gap;
  CHECK(arrow_meaning(e) == ArrowMeaning::gap);
  e.type = EventType::continuation;
  CHECK(arrow_meaning(e) == ArrowMeaning::intermediate);
  e.type = EventType::untagged;
  CHECK(arrow_meaning(e) == ArrowMeaning::info);
  e.status = "NO";
  CHECK(arrow_meaning(e) == ArrowMeaning::imap_no);
}

TEST_CASE("meanings differ by more than colour") {
  // Success, failures and encryption must be told apart by head shape, pattern or tag alone.
  std::set<std::tuple<ArrowHead, LinePattern, std::string>> seen;
  for (ArrowMeaning m : {ArrowMeaning::success, ArrowMeaning::intermediate, ArrowMeaning::temp_failure,
                         ArrowMeaning::perm_failure, ArrowMeaning::pop_err, ArrowMeaning::imap_no,
                         ArrowMeaning::imap_bad, ArrowMeaning::encrypted, ArrowMeaning::gap, ArrowMeaning::data}) {
    const ArrowStyle& s = arrow_style(m);
    CHECK(seen.insert({s.head, s.pattern, s.tag}).second);
    CHECK(has_ui_text(s.legend_key));
  }
  CHECK(arrow_style(ArrowMeaning::success).head != arrow_style(ArrowMeaning::perm_failure).head);
  CHECK(&arrow_style(static_cast<ArrowMeaning>(200)) == &arrow_style(ArrowMeaning::info));
}

TEST_CASE("arrow labels: first line, sizes for content, UTF-8 safe truncation") {
  DialogueEvent e;
  e.type = EventType::reply;
  e.text = "250-mail.example\n250-PIPELINING\n250 AUTH PLAIN";
  CHECK(step_label(e, Language::english) == "250-mail.example  (+2)");
  e.type = EventType::data;
  e.size_bytes = 1234;
  CHECK(step_label(e, Language::english) == "message content, 1234 bytes");
  CHECK(step_label(e, Language::japanese) == "メール本文 1234 バイト");
  e.type = EventType::gap;
  e.size_bytes = 77;
  CHECK(step_label(e, Language::english).find("77") != std::string::npos);
  CHECK(truncate_utf8("日本語のテキスト", 3) == "日本語…");
  CHECK(truncate_utf8("abc", 3) == "abc");
  CHECK(truncate_utf8("", 0).empty());
}
