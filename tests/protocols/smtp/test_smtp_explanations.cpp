// tests/protocols/smtp/test_smtp_explanations.cpp — the SMTP explanation table covers every verb
// of the command table, every reply code of RFC 5321/4954/3030/3207, every state, and has a
// Japanese text of its own for each row.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "dialogue/explanations.h"
#include "protocols/smtp/smtp_commands.h"
#include "protocols/smtp/smtp_state.h"

using namespace mailscope;

TEST_CASE("smtp explanations: every command verb has a row") {
  size_t count = 0;
  const SmtpCommandInfo* table = smtp_command_table(count);
  REQUIRE(count >= 20);
  for (size_t i = 0; i < count; ++i) {
    INFO(table[i].verb);
    CHECK(std::string(table[i].explain_key) == std::string("smtp.cmd.") + table[i].verb);
    CHECK(has_explanation(table[i].explain_key));
    CHECK(find_smtp_command(table[i].verb) == &table[i]);
  }
  CHECK(has_explanation("smtp.cmd.unknown"));
  CHECK(find_smtp_command("starttls") != nullptr);
  CHECK(find_smtp_command("XCLIENT") == nullptr);
}

TEST_CASE("smtp explanations: every reply code and family fallback") {
  const int codes[] = {211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432,
                       450, 451, 452, 454, 455, 500, 501, 502, 503, 504, 521, 523,
                       530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556};
  for (int code : codes) {
    INFO(code);
    CHECK(has_explanation(smtp_reply_key(code)));
  }
  for (const char* key : {"smtp.reply.2xx", "smtp.reply.3xx", "smtp.reply.4xx", "smtp.reply.5xx",
                          "smtp.reply.unknown", "smtp.greeting.220", "smtp.greeting.421",
                          "smtp.greeting.554", "smtp.data", "smtp.data.bdat"}) {
    INFO(key);
    CHECK(has_explanation(key));
  }
  // An unlisted code falls back to its class.
  CHECK(explain("smtp.reply.299") == explain("smtp.reply.2xx"));
  CHECK(explain("smtp.reply.599", Language::japanese) ==
        explain("smtp.reply.5xx", Language::japanese));
  CHECK(explain("smtp.enhanced.5.7.99") == explain("smtp.enhanced.5.unknown"));
}

TEST_CASE("smtp explanations: every state key, English and Japanese differ") {
  std::set<std::string> seen;
  for (int p = 0; p <= static_cast<int>(SmtpPhase::closing); ++p) {
    SmtpSessionFacts facts;
    facts.phase = static_cast<SmtpPhase>(p);
    std::string key = facts.state_key();
    INFO(key);
    CHECK(has_explanation(key));
    CHECK(explain(key, Language::japanese) != explain(key, Language::english));
    seen.insert(key);
  }
  CHECK(seen.size() == 11);
}

TEST_CASE("smtp explanations: state details say the facts") {
  SmtpSessionFacts facts;
  facts.phase = SmtpPhase::transaction;
  facts.mail_from = "<a@x.example>";
  facts.accepted = 2;
  facts.rejected = 1;
  CHECK(facts.state_detail() == "from <a@x.example> to 2 recipients (1 rejected)");
  facts.authenticated = true;
  facts.user = "alice";
  facts.tls = true;
  CHECK(facts.state_detail() == "as alice, from <a@x.example> to 2 recipients (1 rejected), TLS");
  facts.clear_transaction();
  CHECK(facts.idle_phase() == SmtpPhase::authenticated);
  facts.messages = 3;
  facts.phase = facts.idle_phase();
  CHECK(facts.state_key() == std::string("smtp.state.ready"));
  CHECK(facts.state_detail() == "as alice, 3 messages sent, TLS");
}
