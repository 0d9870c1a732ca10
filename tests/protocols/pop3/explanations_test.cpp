// tests/protocols/pop3/explanations_test.cpp — the POP3 rows: complete, in both languages.
// (run_every_way() also checks that every key any test session produces has a row.)
#include "dialogue/explanations.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "protocols/pop3/pop3_commands.h"
#include "protocols/pop3/pop3_status.h"

using namespace mailscope;

TEST_CASE("Every POP3 row has English and Japanese text and a unique key") {
  ExplanationTable table = explanations_pop3();
  REQUIRE(table.count > 30);
  std::set<std::string> keys;
  for (size_t i = 0; i < table.count; ++i) {
    const ExplanationEntry& e = table.entries[i];
    INFO(e.key);
    CHECK(std::string(e.key).rfind("pop3.", 0) == 0);
    CHECK(keys.insert(e.key).second);
    REQUIRE(e.english != nullptr);
    REQUIRE(e.japanese != nullptr);
    CHECK(std::string(e.english).size() > 20);
    std::string ja = e.japanese;
    bool has_japanese = false;
    for (unsigned char c : ja) has_japanese = has_japanese || c >= 0xE3;  // kana/kanji lead bytes
    CHECK(has_japanese);
    CHECK(explain(e.key, Language::japanese) == ja);
  }
}

TEST_CASE("Every command, code, state and reply kind has its row") {
  for (const Pop3Command* c = pop3_commands_begin(); c != pop3_commands_end(); ++c) {
    INFO(c->verb);
    CHECK(has_explanation(c->explain_key));
    CHECK(std::string(c->explain_key) == std::string("pop3.cmd.") + c->verb);
  }
  for (const char* code : {"IN-USE", "LOGIN-DELAY", "SYS/TEMP", "SYS/PERM", "AUTH", "UTF8"}) {
    INFO(code);
    CHECK(is_known_pop3_response_code(code));
    CHECK(has_explanation(std::string("pop3.code.") + code));
  }
  for (const char* key :
       {"pop3.greeting", "pop3.greeting.apop", "pop3.greeting.err", "pop3.status.ok",
        "pop3.status.err", "pop3.continuation", "pop3.reply.unknown", "pop3.data.RETR",
        "pop3.data.TOP", "pop3.cmd.unknown", "pop3.code.unknown", "pop3.state.authorization",
        "pop3.state.transaction", "pop3.state.update", "pop3.state.closed", "pop3.state.tls",
        "pop3.overview"}) {
    INFO(key);
    CHECK(has_explanation(key));
  }
  // Fallbacks for keys without a row of their own.
  CHECK(explain("pop3.cmd.XTND") == explain("pop3.cmd.unknown"));
  CHECK(explain("pop3.code.X-VENDOR") == explain("pop3.code.unknown"));
}

TEST_CASE("Status lines and numbers are read exactly") {
  Pop3StatusLine s = parse_pop3_status("-ERR [SYS/TEMP] try later");
  CHECK(s.kind == Pop3LineKind::err);
  CHECK(s.response_code == "SYS/TEMP");
  CHECK(s.text == "[SYS/TEMP] try later");
  CHECK(parse_pop3_status("+OK").kind == Pop3LineKind::ok);
  CHECK(parse_pop3_status("+ok fine").kind == Pop3LineKind::ok);
  CHECK(parse_pop3_status("+OKAY").kind == Pop3LineKind::other);
  CHECK(parse_pop3_status("-ERRATIC").kind == Pop3LineKind::other);
  CHECK(parse_pop3_status("+ abc").kind == Pop3LineKind::continuation);
  CHECK(parse_pop3_status("+ abc").text == "abc");
  CHECK(parse_pop3_status("+").kind == Pop3LineKind::continuation);
  CHECK(parse_pop3_status("-ERR [a//b] x").response_code.empty());
  CHECK(parse_pop3_status("-ERR [open x").response_code.empty());
  uint64_t n = 0;
  CHECK(parse_pop3_number("18446744073709551", n));
  CHECK(n == 18446744073709551ull);
  CHECK_FALSE(parse_pop3_number("99999999999999999999", n));
  CHECK_FALSE(parse_pop3_number("-1", n));
  CHECK_FALSE(parse_pop3_number("", n));
  CHECK(find_apop_timestamp("POP3 ready <1896.697170952@dbc.mtview.ca.us>") ==
        "<1896.697170952@dbc.mtview.ca.us>");
  CHECK(find_apop_timestamp("<no at sign> then <a@b>") == "<a@b>");
  CHECK(find_apop_timestamp("ready <broken").empty());
}

TEST_CASE("Which replies are multi-line (RFC 1939 §5, RFC 2449, RFC 5034)") {
  auto multi = [](const char* verb, bool arg) {
    const Pop3Command* c = find_pop3_command(verb);
    REQUIRE(c != nullptr);
    return pop3_reply_is_multi_line(*c, arg);
  };
  CHECK(multi("LIST", false));
  CHECK_FALSE(multi("LIST", true));
  CHECK(multi("UIDL", false));
  CHECK_FALSE(multi("UIDL", true));
  CHECK(multi("RETR", true));
  CHECK(multi("TOP", true));
  CHECK(multi("CAPA", false));
  CHECK(multi("AUTH", false));
  CHECK_FALSE(multi("AUTH", true));
  CHECK_FALSE(multi("STAT", false));
  CHECK_FALSE(multi("QUIT", false));
  CHECK(find_pop3_command("retr") == find_pop3_command("RETR"));
  CHECK(find_pop3_command("XTND") == nullptr);
}
