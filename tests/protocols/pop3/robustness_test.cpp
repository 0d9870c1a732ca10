// tests/protocols/pop3/robustness_test.cpp — gaps, caps, bad bytes, cut-off sessions, strange
// servers: every case is data, fed whole, byte by byte and at every split.
#include <catch2/catch.hpp>

#include "pop3_transcript.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {
using Details = std::vector<std::pair<std::string, std::string>>;
constexpr Direction kClient = Direction::client_to_server;
constexpr Direction kServer = Direction::server_to_client;
}  // namespace

TEST_CASE("A gap inside a RETR body: the body goes on to its final dot") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("RETR 1\r\n")
      .server("+OK 60 octets\r\nSubject: a\r\n\r\nline one\r\n")
      .gap(kServer, 20)
      .server("line three\r\n.\r\n")
      .client("QUIT\r\n")
      .server("+OK\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[2].type == EventType::reply);
  CHECK(d.events[3].type == EventType::gap);
  CHECK(d.events[3].direction == kServer);
  CHECK(d.events[3].size_bytes == 20);
  CHECK(d.events[3].span.begin == 50);
  CHECK(d.events[3].span.end == 70);
  CHECK(d.events[3].explain_key == "gap");
  CHECK(d.events[4].type == EventType::data);
  CHECK(d.events[4].text == "Subject: a\n\nline one\nline three");
  CHECK(d.events[4].span.begin == 26);
  CHECK(d.events[4].span.end == 85);
  CHECK(d.events[6].answers == 5);
}

TEST_CASE("A gap in the middle of a body line") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("RETR 1\r\n")
      .server("+OK\r\nSubject: a\r\n\r\npart")
      .gap(kServer, 10)
      .server("ial end\r\n.\r\n+OK 1 2\r\n")
      .client("STAT\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[3].type == EventType::gap);
  CHECK(d.events[4].type == EventType::data);
  CHECK(d.events[4].text == "Subject: a\n\npart\nial end");
  CHECK(d.events[5].type == EventType::reply);  // no pending command: unpaired
  CHECK(d.events[5].answers == -1);
  CHECK(d.events[6].verb == "STAT");
}

TEST_CASE("A gap inside a command line: the tail is dropped, the reply still counts") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("USER al")
      .gap(kClient, 5)
      .client("ice\r\nSTAT\r\n")
      .server("+OK\r\n")
      .server("+OK 0 0\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[1].type == EventType::gap);
  CHECK(d.events[1].direction == kClient);
  CHECK(d.events[1].span.begin == 7);
  CHECK(d.events[2].verb == "STAT");
  CHECK(d.events[3].answers == -1);  // the reply to the lost USER line
  CHECK(d.events[4].answers == 2);
  CHECK(detail(d.events[4], "messages") == "0");
}

TEST_CASE("A gap at a line boundary keeps the next line") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("NOOP\r\n")
      .gap(kServer, 5)  // "+OK\r\n" lost
      .client("STAT\r\n")
      .server("+OK 3 300\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[2].type == EventType::gap);
  CHECK(d.events[4].type == EventType::reply);
  CHECK(d.events[4].answers == 1);  // pairs with NOOP: the lost reply cannot be known
}

TEST_CASE("A gap inside a listing: the listing ends at its dot") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("LIST\r\n")
      .server("+OK\r\n1 12")
      .gap(kServer, 4)
      .server("0\r\n2 200\r\n.\r\n")
      .client("NOOP\r\n")
      .server("+OK\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 6);
  CHECK(d.events[2].type == EventType::gap);
  CHECK(d.events[3].type == EventType::reply);
  CHECK(d.events[3].answers == 1);
  // "1 12" was cut by the gap and "0" is its tail: neither is taken for a listing line.
  CHECK(d.events[3].details == Details{{"2", "200 octets"}});
  CHECK(d.events[3].text == "+OK\n2 200\n.");
  CHECK(d.events[5].answers == 4);
}

TEST_CASE("Over-long lines are cut and marked") {
  DecoderLimits limits;
  limits.max_line_bytes = 16;
  Transcript t;
  t.server("+OK ready\r\n")
      .client("USER " + std::string(40, 'a') + "\r\n")
      .server("+OK " + std::string(30, 'b') + "\r\n")
      .client("CAPA\r\n")
      .server("+OK\r\nTOP\r\nIMPLEMENTATION " + std::string(20, 'c') + "\r\n.\r\n")
      .client("RETR 1\r\n")
      .server("+OK\r\nSubject: " + std::string(20, 'd') + "\r\n\r\nx\r\n.\r\n");
  Dialogue d = run_every_way(t, limits);
  REQUIRE(d.events.size() == 8);
  CHECK(d.events[1].line_truncated);
  CHECK(d.events[1].text == "USER aaaaaaaaaaa \u2026[29 more bytes]");
  CHECK(d.events[1].verb == "USER");
  CHECK(d.events[2].line_truncated);
  CHECK(d.events[2].text == "+OK bbbbbbbbbbbb \u2026[18 more bytes]");
  CHECK(d.events[4].line_truncated);
  CHECK(d.events[4].text == "+OK\nTOP\nIMPLEMENTATION c \u2026[19 more bytes]\n.");
  CHECK(d.events[7].type == EventType::data);
  CHECK(d.events[7].size_bytes == 36);
}

TEST_CASE("Texts are capped at max_text_bytes") {
  DecoderLimits limits;
  limits.max_text_bytes = 40;
  std::string body;
  for (int i = 0; i < 20; ++i) body += "line " + std::to_string(i) + "\r\n";
  Transcript t;
  t.server("+OK ready\r\n")
      .client("UIDL\r\n")
      .server("+OK\r\n1 aaaaaaaaaa\r\n2 bbbbbbbbbb\r\n3 cccccccccc\r\n4 dddddddddd\r\n.\r\n")
      .client("RETR 1\r\n")
      .server("+OK\r\n" + body + ".\r\n");
  Dialogue d = run_every_way(t, limits);
  REQUIRE(d.events.size() == 6);
  CHECK(d.events[2].text == "+OK\n1 aaaaaaaaaa\n2 bbbbbbbbbb \u2026[28 more bytes]");
  CHECK(d.events[2].line_truncated);
  CHECK(d.events[2].details.size() == 4);  // every fact is still parsed
  CHECK(d.events[5].type == EventType::data);
  CHECK(d.events[5].size_bytes == body.size());
  CHECK(d.events[5].line_truncated);
  CHECK(d.events[5].text.rfind("line 0\nline 1\n", 0) == 0);
  CHECK(d.events[5].text.find("more bytes]") != std::string::npos);
}

TEST_CASE("Bytes that are not UTF-8 are escaped") {
  Transcript t;
  t.server("+OK Willkommen \xe4\r\n")
      .client("USER m\xfcller\r\n")
      .server("+OK\r\n")
      .client("PASS p\xe4ss\x01\r\n")
      .server("+OK\r\n")
      .client("\xff\xfe\r\n")
      .server("-ERR ?\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[0].text == "+OK Willkommen \\xE4");
  CHECK(d.events[1].text == "USER m\\xFCller");
  CHECK(d.events[1].decoded == "user \"m\\xFCller\"");
  CHECK(d.events[3].secrets == std::vector<std::string>{"p\\xE4ss\\x01"});
  CHECK(d.events[5].verb == "\\xFF\\xFE");
  CHECK(d.events[5].unknown);
  CHECK(d.events[6].answers == 5);
}

TEST_CASE("Bare LF, empty lines, and lines that are not replies") {
  Transcript t;
  t.server("+OK ready\n")
      .client("NOOP\n")
      .server("+OK\n")
      .client("\r\n")
      .server("-ERR Unknown command: \r\n")
      .server("* OK not POP3\r\n")
      .server("+ stray\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[0].type == EventType::greeting);
  CHECK(d.events[2].answers == 1);
  CHECK(d.events[3].verb.empty());
  CHECK(d.events[3].unknown);
  CHECK(d.events[4].answers == 3);
  CHECK(d.events[5].unknown);
  CHECK(d.events[5].explain_key == "pop3.reply.unknown");
  CHECK(d.events[5].answers == -1);
  CHECK(d.events[6].unknown);  // "+ " outside AUTH
}

TEST_CASE("A session cut off mid-line, mid-listing or mid-message") {
  SECTION("partial command and reply") {
    Transcript t;
    t.server("+OK ready\r\n").client("QUI").server("+OK b");
    Dialogue d = run_every_way(t);
    REQUIRE(d.events.size() == 3);
    CHECK(d.events[1].verb == "QUI");
    CHECK(d.events[1].malformed);
    CHECK(d.events[2].text == "+OK b");
    CHECK(d.events[2].malformed);
    CHECK(d.events[2].answers == 1);
  }
  SECTION("listing") {
    Transcript t;
    t.server("+OK ready\r\n").client("LIST\r\n").server("+OK\r\n1 100\r\n2 2");
    Dialogue d = run_every_way(t);
    REQUIRE(d.events.size() == 3);
    CHECK(d.events[2].malformed);
    CHECK(d.events[2].text == "+OK\n1 100\n2 2");
  }
  SECTION("message") {
    Transcript t;
    t.server("+OK ready\r\n").client("RETR 1\r\n").server("+OK\r\nSubject: cut\r\n\r\nhal");
    Dialogue d = run_every_way(t);
    REQUIRE(d.events.size() == 4);
    CHECK(d.events[3].type == EventType::data);
    CHECK(d.events[3].malformed);
    CHECK(d.events[3].text == "Subject: cut\n\nhal");
    CHECK(d.summary.messages == 0);
  }
}

TEST_CASE("The pending-command FIFO is capped") {
  DecoderLimits limits;
  limits.max_pending_commands = 2;
  Transcript t;
  t.server("+OK ready\r\n")
      .client("NOOP\r\nNOOP\r\nSTAT\r\nRSET\r\n")
      .server("+OK 1\r\n+OK 2\r\n+OK 3\r\n+OK 4\r\n");
  Dialogue d = run_every_way(t, limits);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[5].answers == 3);  // the two oldest were forgotten
  CHECK(d.events[6].answers == 4);
  CHECK(d.events[7].answers == -1);
  CHECK(d.events[8].answers == -1);
}

TEST_CASE("A -ERR greeting, and a session picked up midstream") {
  SECTION("refused") {
    Transcript t;
    t.server("-ERR [SYS/TEMP] too many connections\r\n");
    Dialogue d = run_every_way(t);
    REQUIRE(d.events.size() == 1);
    CHECK(d.events[0].type == EventType::greeting);
    CHECK(d.events[0].status == "-ERR");
    CHECK(d.events[0].response_code == "SYS/TEMP");
    CHECK(d.events[0].explain_key == "pop3.greeting.err");
    CHECK(d.events[0].state_detail == "the server refused the session");
    CHECK(d.summary.errors == 1);
  }
  SECTION("midstream: the first server line answers a command") {
    Transcript t;
    t.client("STAT\r\n").server("+OK 5 500\r\n");
    Dialogue d = run_every_way(t, {}, true);
    REQUIRE(d.events.size() == 2);
    CHECK(d.events[1].type == EventType::reply);
    CHECK(d.events[1].answers == 0);
    CHECK(detail(d.events[1], "messages") == "5");
  }
  SECTION("not midstream: a client that spoke first still gets a greeting") {
    Transcript t;
    t.client("CAPA\r\n").server("+OK hi\r\n+OK\r\nTOP\r\n.\r\n");
    Dialogue d = run_every_way(t);
    REQUIRE(d.events.size() == 3);
    CHECK(d.events[1].type == EventType::greeting);
    CHECK(d.events[2].answers == 0);
  }
}
