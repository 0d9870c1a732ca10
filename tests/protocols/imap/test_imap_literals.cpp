// tests/protocols/imap/test_imap_literals.cpp — literals in both directions (RFC 3501 §4.3,
// §7.5; RFC 7888 LITERAL+): one event per protocol line, exact byte counts, any split.
#include <catch2/catch.hpp>
#include <string>

#include "imap_transcript.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

const std::string kMessage =
    "From: Alice <alice@example.org>\r\n"
    "To: Bob <bob@example.net>\r\n"
    "Subject: =?UTF-8?B?5pel5pys?= lunch\r\n"
    "\r\n"
    "See you at noon.\r\n";

}  // namespace

TEST_CASE("imap LOGIN with synchronising literals: + go-aheads, then one command event",
          "[imap][literal]") {
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A001 LOGIN {5}\r\n")
      .server("+ Ready for literal\r\n")
      .client("alice {10}\r\n")
      .server("+ go on\r\n")
      .client("wonderland\r\n")
      .server("A001 OK LOGIN completed\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 5);
  // The go-aheads come first (their last byte arrived first) and point forward at the command.
  CHECK(e[1].type == EventType::continuation);
  CHECK(e[1].explain_key == "imap.continuation.literal");
  CHECK(e[1].answers == 3);
  CHECK(e[2].explain_key == "imap.continuation.literal");
  CHECK(e[2].answers == 3);
  CHECK(e[3].type == EventType::command);
  CHECK(e[3].verb == "LOGIN");
  CHECK(e[3].text == "A001 LOGIN {5}\nalice {10}\nwonderland");
  CHECK(e[3].decoded == "user \"alice\", password \"wonderland\"");
  CHECK(e[3].secrets == std::vector<std::string>{"wonderland"});
  CHECK(e[3].size_bytes == 15);
  CHECK(e[3].span.begin == 0);
  CHECK(e[3].span.end == 16 + 12 + 12);
  CHECK(e[3].span.first_packet == 2);
  CHECK(e[3].span.last_packet == 6);
  CHECK(e[4].answers == 3);
  CHECK(e[4].state_key == "imap.state.authenticated");
  CHECK(e[4].state_detail == "as alice");
  CHECK(d.summary.cleartext_password_seen);
  CHECK(d.summary.auth_user == "alice");
  CHECK(d.summary.auth_mechanism == "IMAP LOGIN");
  CHECK(d.summary.auth_succeeded);
  CHECK(d.summary.commands == 1);
}

TEST_CASE("imap LOGIN with quoted strings: escapes undone, password is a secret", "[imap]") {
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("a1 LOGIN \"alice\" \"won\\\"der\\\\land\"\r\n")
      .server("a1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 3);
  CHECK(d.events[1].decoded == "user \"alice\", password \"won\"der\\land\"");
  CHECK(d.events[1].secrets ==
        std::vector<std::string>{"won\"der\\land", "\"won\\\"der\\\\land\""});
  CHECK(d.events[2].status == "NO");
  CHECK(d.events[2].response_code == "AUTHENTICATIONFAILED");
  CHECK(d.events[2].state_key == "imap.state.not_authenticated");
  CHECK_FALSE(d.summary.auth_succeeded);
  CHECK(d.summary.errors == 1);
}

TEST_CASE("imap LITERAL+: {n+} needs no go-ahead and stays one command", "[imap][literal]") {
  ImapTranscript t;
  t.server("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n")
      .client("A002 LOGIN {5+}\r\nalice {10+}\r\nwonderland\r\n")
      .server("A002 OK done\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 3);
  CHECK(details_named(d.events[0], "capability") ==
        std::vector<std::string>{"IMAP4rev1", "LITERAL+"});
  CHECK(d.events[1].text == "A002 LOGIN {5+}\nalice {10+}\nwonderland");
  CHECK(d.events[1].decoded == "user \"alice\", password \"wonderland\"");
  CHECK(d.events[2].answers == 1);
}

TEST_CASE("imap APPEND: a message literal split over many segments, headers as details",
          "[imap][literal]") {
  std::string size = std::to_string(kMessage.size());
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A003 APPEND \"&Tgtm+DBN-\" (\\Seen \\Draft) {" + size + "}\r\n")
      .server("+ Ready for literal data\r\n");
  for (size_t i = 0; i < kMessage.size(); i += 17) t.client(kMessage.substr(i, 17));
  t.client("\r\n").server("A003 OK [APPENDUID 38505 3955] APPEND completed\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 4);
  CHECK(e[1].answers == 2);
  const DialogueEvent& append = e[2];
  CHECK(append.verb == "APPEND");
  CHECK(append.decoded == "下書き");
  CHECK(detail(append, "mailbox") == "下書き");
  CHECK(details_named(append, "flag") == std::vector<std::string>{"\\Seen", "\\Draft"});
  CHECK(detail(append, "size") == size + " bytes");
  CHECK(detail(append, "From") == "Alice <alice@example.org>");
  CHECK(detail(append, "Subject") == "日本 lunch");
  CHECK(append.size_bytes == kMessage.size());
  uint64_t first_line = 44 + size.size();  // A003 APPEND "&Tgtm+DBN-" (\\Seen \\Draft) {n}CRLF
  CHECK(append.span.end - append.span.begin == first_line + kMessage.size() + 2);
  CHECK(append.span.first_packet == 2);
  CHECK(append.span.last_packet == t.steps.size() - 1);
  CHECK(append.text.find("\nFrom: Alice <alice@example.org>\nTo:") != std::string::npos);
  CHECK(e[3].answers == 2);
  CHECK(detail(e[3], "UIDVALIDITY") == "38505");
  CHECK(detail(e[3], "UID") == "3955");
}

TEST_CASE("imap sync literal refused by a tagged NO: the client never sends it",
          "[imap][literal]") {
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A003 APPEND INBOX {99999999}\r\n")
      .server("A003 NO [OVERQUOTA] Mailbox is full\r\n")
      .client("A004 NOOP\r\n")
      .server("A004 OK NOOP completed\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 5);
  CHECK(e[1].verb == "APPEND");
  CHECK(detail(e[1], "literal") == "not sent: the server refused it");
  CHECK(e[2].answers == 1);
  CHECK(e[2].response_code == "OVERQUOTA");
  CHECK(e[3].verb == "NOOP");
  CHECK(e[4].answers == 3);
}

TEST_CASE("imap FETCH with two literals: header fields, sizes, flags", "[imap][literal][fetch]") {
  std::string header = "From: Alice <alice@example.org>\r\nSubject: Hello\r\n\r\n";
  std::string body = "Line one\r\nLine two\r\n";
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A5 UID FETCH 7 (FLAGS BODY.PEEK[HEADER] BODY.PEEK[TEXT])\r\n")
      .server("* 1 FETCH (UID 7 FLAGS (\\Seen \\Answered) BODY[HEADER] {" +
              std::to_string(header.size()) + "}\r\n" + header + " BODY[TEXT] {" +
              std::to_string(body.size()) + "}\r\n" + body + ")\r\nA5 OK UID FETCH completed\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 4);
  CHECK(e[1].verb == "UID FETCH");
  CHECK(e[1].explain_key == "imap.cmd.UID_FETCH");
  CHECK(detail(e[1], "messages") == "7");
  const DialogueEvent& fetch = e[2];
  CHECK(fetch.verb == "FETCH");
  CHECK(fetch.answers == 1);
  CHECK(detail(fetch, "message") == "1");
  CHECK(detail(fetch, "UID") == "7");
  CHECK(details_named(fetch, "flag") == std::vector<std::string>{"\\Seen", "\\Answered"});
  CHECK(details_named(fetch, "section") == std::vector<std::string>{"BODY[HEADER]", "BODY[TEXT]"});
  CHECK(details_named(fetch, "size") ==
        std::vector<std::string>{std::to_string(header.size()) + " bytes",
                                 std::to_string(body.size()) + " bytes"});
  CHECK(detail(fetch, "Subject") == "Hello");
  CHECK(fetch.size_bytes == header.size() + body.size());
  CHECK(fetch.text.find("BODY[TEXT] {20}\nLine one\nLine two\n)") != std::string::npos);
  CHECK(e[3].answers == 1);
  CHECK(d.summary.messages == 0);  // parts, not a whole message
}

TEST_CASE("imap FETCH BODY[] counts a retrieved message; gap inside the literal resyncs after it",
          "[imap][literal][gap]") {
  std::string message =
      "From: a@example.org\r\nSubject: Gap\r\n\r\n" + std::string(61, 'x') + "\r\n";
  REQUIRE(message.size() == 100);
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A6 FETCH 1 BODY[]\r\n")
      .server("* 1 FETCH (BODY[] {100}\r\n" + message.substr(0, 40))
      .gap(Direction::server_to_client, 20)
      .server(message.substr(60) + ")\r\nA6 OK FETCH completed\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 5);
  CHECK(e[2].type == EventType::gap);
  CHECK(e[2].size_bytes == 20);
  CHECK(e[2].explain_key == "gap");
  CHECK(e[3].verb == "FETCH");
  CHECK(detail(e[3], "missing") == "20 bytes lost in the capture");
  CHECK(detail(e[3], "Subject") == "Gap");
  CHECK(e[3].size_bytes == 100);
  CHECK(e[4].type == EventType::reply);
  CHECK(e[4].answers == 1);
  CHECK(d.summary.messages == 1);
}

TEST_CASE("imap 2 MB FETCH literal in 64 KB chunks: exact size, bounded text", "[imap][literal]") {
  std::string message = "From: big@example.org\r\nSubject: Big\r\n\r\n";
  while (message.size() < 2 * 1024 * 1024) message += std::string(998, 'y') + "\r\n";
  ImapTranscript t;
  t.server("* OK ready\r\n").client("A7 FETCH 1 RFC822\r\n");
  std::string response = "* 1 FETCH (RFC822 {" + std::to_string(message.size()) + "}\r\n" +
                         message + ")\r\nA7 OK done\r\n";
  for (size_t i = 0; i < response.size(); i += 64 * 1024) t.server(response.substr(i, 64 * 1024));
  DecoderLimits limits;
  Dialogue whole = run_imap(t, FeedMode::whole, 0, limits);
  Dialogue split = run_imap(t, FeedMode::split_at, 1000, limits);
  CHECK(dump(split) == dump(whole));
  REQUIRE(whole.events.size() == 4);
  const DialogueEvent& fetch = whole.events[2];
  CHECK(fetch.size_bytes == message.size());
  CHECK(fetch.line_truncated);
  CHECK(fetch.text.size() < limits.max_text_bytes + 100);
  CHECK(fetch.text.find(" more bytes]") != std::string::npos);
  CHECK(detail(fetch, "Subject") == "Big");
  CHECK(fetch.span.end - fetch.span.begin == response.size() - 12);  // all but "A7 OK done\r\n"
  CHECK(whole.events[3].answers == 1);
  CHECK(whole.summary.messages == 1);
}

TEST_CASE("imap literal marker at the end of an over-long line still frames the literal",
          "[imap][literal][limits]") {
  DecoderLimits limits;
  limits.max_line_bytes = 64;
  std::string long_criteria(200, 'k');
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A8 SEARCH TEXT " + long_criteria + " SUBJECT {4+}\r\nabcd\r\nA9 NOOP\r\n")
      .server("* SEARCH 2 5\r\nA8 OK\r\nA9 OK\r\n");
  Dialogue d = run_every_way(t, limits);
  const auto& e = d.events;
  REQUIRE(e.size() == 6);
  CHECK(e[1].verb == "SEARCH");
  CHECK(e[1].line_truncated);
  CHECK(e[1].size_bytes == 4);
  CHECK(e[1].text.rfind(" …[", std::string::npos) != std::string::npos);
  CHECK(e[2].verb == "NOOP");
  CHECK(e[3].answers == 1);
  CHECK(detail(e[3], "count") == "2");
  CHECK(e[4].answers == 1);
  CHECK(e[5].answers == 2);
}
