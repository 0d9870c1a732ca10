// tests/protocols/pop3/dovecot_session_test.cpp — a session as Dovecot answers it: CAPA,
// AUTH PLAIN, STAT, UIDL, LIST n, UIDL n, TOP, RETR, DELE, RSET, NOOP, DELE, QUIT.
#include <catch2/catch.hpp>

#include "pop3_transcript.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

using Details = std::vector<std::pair<std::string, std::string>>;

Transcript dovecot_session() {
  Transcript t;
  t.server("+OK Dovecot (Debian) ready.\r\n")
      .client("CAPA\r\n")
      .server(
          "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\n"
          "USER\r\nSASL PLAIN LOGIN\r\n.\r\n")
      .client("AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n")
      .server("+OK Logged in.\r\n")
      .client("STAT\r\n")
      .server("+OK 2 1032\r\n")
      .client("UIDL\r\n")
      .server("+OK\r\n1 00000001570ffb5d\r\n2 00000002570ffb5d\r\n.\r\n")
      .client("LIST 1\r\n")
      .server("+OK 1 517\r\n")
      .client("UIDL 2\r\n")
      .server("+OK 2 00000002570ffb5d\r\n")
      .client("TOP 1 0\r\n")
      .server("+OK\r\nFrom: bob@example.org\r\nSubject: =?UTF-8?B?5pel5pys?=\r\n\r\n.\r\n")
      .client("RETR 1\r\n")
      .server(
          "+OK 517 octets\r\nFrom: bob@example.org\r\nSubject: =?UTF-8?B?5pel5pys?=\r\n\r\n"
          "Hi Alice.\r\n...\r\n.\r\n")
      .client("DELE 1\r\n")
      .server("+OK Marked to be deleted.\r\n")
      .client("RSET\r\n")
      .server("+OK\r\n")
      .client("NOOP\r\n")
      .server("+OK\r\n")
      .client("DELE 2\r\n")
      .server("+OK Marked to be deleted.\r\n")
      .client("QUIT\r\n")
      .server("+OK Logging out, messages deleted.\r\n");
  return t;
}

}  // namespace

TEST_CASE("Dovecot-like session") {
  Dialogue d = run_every_way(dovecot_session());
  REQUIRE(d.events.size() == 29);
  const auto& ev = d.events;
  CHECK(ev[0].type == EventType::greeting);
  CHECK(ev[0].explain_key == "pop3.greeting");
  CHECK(ev[0].details.empty());

  CHECK(ev[1].verb == "CAPA");
  CHECK(ev[2].type == EventType::reply);
  CHECK(ev[2].answers == 1);
  CHECK(ev[2].details == Details{{"capability", "CAPA"},
                                 {"capability", "TOP"},
                                 {"capability", "UIDL"},
                                 {"capability", "RESP-CODES"},
                                 {"capability", "PIPELINING"},
                                 {"capability", "AUTH-RESP-CODE"},
                                 {"capability", "STLS"},
                                 {"capability", "USER"},
                                 {"capability", "SASL PLAIN LOGIN"}});
  CHECK(ev[2].text.rfind("+OK\nCAPA\nTOP\n", 0) == 0);

  CHECK(ev[4].state_key == "pop3.state.transaction");
  CHECK(ev[6].state_detail == "user alice; 2 messages (1032 octets)");

  CHECK(ev[7].verb == "UIDL");
  CHECK(ev[8].details == Details{{"1", "00000001570ffb5d"}, {"2", "00000002570ffb5d"}});
  // RFC 1939 §5: with an argument the answer is one line; the next line is the next reply.
  CHECK(ev[9].verb == "LIST");
  CHECK(ev[10].text == "+OK 1 517");
  CHECK(ev[10].details == Details{{"1", "517 octets"}});
  CHECK(ev[10].answers == 9);
  CHECK(ev[12].details == Details{{"2", "00000002570ffb5d"}});
  CHECK(ev[12].answers == 11);

  CHECK(ev[13].verb == "TOP");
  CHECK(ev[13].details == Details{{"message", "1"}, {"lines", "0"}});
  CHECK(ev[14].type == EventType::reply);
  CHECK(ev[15].type == EventType::data);
  CHECK(ev[15].explain_key == "pop3.data.TOP");
  CHECK(ev[15].answers == 13);
  CHECK(detail(ev[15], "Subject") == "日本");

  CHECK(ev[17].text == "+OK 517 octets");
  CHECK(ev[18].type == EventType::data);
  CHECK(ev[18].text == "From: bob@example.org\nSubject: =?UTF-8?B?5pel5pys?=\n\nHi Alice.\n..");
  CHECK(ev[18].explain_key == "pop3.data.RETR");

  CHECK(ev[20].state_detail == "user alice; 2 messages (1032 octets); marked deleted: 1");
  CHECK(ev[22].state_detail == "user alice; 2 messages (1032 octets)");  // RSET unmarked it
  CHECK(ev[23].verb == "NOOP");
  CHECK(ev[24].status == "+OK");
  CHECK(ev[26].state_detail == "user alice; 2 messages (1032 octets); marked deleted: 2");
  CHECK(ev[28].state_key == "pop3.state.update");
  CHECK(ev[28].state_detail == "user alice; deleted: 2");

  CHECK(d.summary.commands == 13);
  CHECK(d.summary.messages == 1);  // TOP is a preview, not a retrieval
  CHECK(d.summary.auth_mechanism == "PLAIN");
  CHECK(d.summary.errors == 0);
}

TEST_CASE("-ERR to RETR is one line: the next line is the next reply") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("USER a\r\nPASS b\r\n")
      .server("+OK\r\n+OK\r\n")
      .client("RETR 9\r\n")
      .server("-ERR There's no message 9.\r\n")
      .client("LIST 9\r\n")
      .server("-ERR There's no message 9.\r\n")
      .client("LIST\r\n")
      .server("+OK 0 messages:\r\n.\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 11);
  CHECK(d.events[6].status == "-ERR");
  CHECK(d.events[6].answers == 5);
  CHECK(d.events[6].explain_key == "pop3.status.err");
  CHECK(find_event(d, EventType::data) == -1);
  CHECK(d.events[8].answers == 7);
  CHECK(d.events[10].answers == 9);
  CHECK(d.events[10].text == "+OK 0 messages:\n.");
  CHECK(d.events[10].details.empty());
  CHECK(d.summary.errors == 2);
  CHECK(d.summary.messages == 0);
}

TEST_CASE("Pipelined commands are answered in order") {
  // RFC 2449 §6.6: with PIPELINING the client sends several commands in one segment.
  Transcript t;
  t.server("+OK ready\r\n")
      .client("USER alice\r\nPASS secret\r\nSTAT\r\nLIST\r\nRETR 1\r\nDELE 1\r\nQUIT\r\n")
      .server("+OK\r\n+OK Logged in.\r\n+OK 1 20\r\n+OK\r\n1 20\r\n.\r\n+OK 20 octets\r\n")
      .server("Subject: x\r\n\r\nbody\r\n.\r\n+OK Deleted.\r\n+OK Bye.\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 16);
  for (int i = 1; i <= 7; ++i) CHECK(d.events[i].type == EventType::command);
  CHECK(d.events[7].state_key == "pop3.state.authorization");  // QUIT sent before any reply
  CHECK(d.events[8].answers == 1);
  CHECK(d.events[9].answers == 2);
  CHECK(d.events[9].state_key == "pop3.state.transaction");
  CHECK(d.events[10].answers == 3);
  CHECK(d.events[11].answers == 4);
  CHECK(d.events[11].details == Details{{"1", "20 octets"}});
  CHECK(d.events[12].answers == 5);
  CHECK(d.events[13].type == EventType::data);
  CHECK(d.events[13].text == "Subject: x\n\nbody");
  CHECK(d.events[14].answers == 6);
  CHECK(d.events[15].answers == 7);
  CHECK(d.events[15].state_key == "pop3.state.update");
  CHECK(d.events[15].state_detail == "user alice; deleted: 1");
}

TEST_CASE("Extended response codes (RFC 2449 §8, RFC 3206)") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("USER a\r\n")
      .server("+OK\r\n")
      .client("PASS b\r\n")
      .server("-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n")
      .client("PASS b\r\n")
      .server("-ERR [LOGIN-DELAY] Wait 900 seconds\r\n")
      .client("PASS b\r\n")
      .server("-ERR [SYS/TEMP] Temporary authentication failure.\r\n")
      .client("PASS b\r\n")
      .server("-ERR [SYS/PERM] Mailbox is gone\r\n")
      .client("PASS b\r\n")
      .server("-ERR [X-VENDOR/THING] Something\r\n")
      .client("PASS b\r\n")
      .server("-ERR [not a code] text\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 15);
  CHECK(d.events[4].response_code == "IN-USE");
  CHECK(d.events[4].explain_key == "pop3.code.IN-USE");
  CHECK(d.events[6].response_code == "LOGIN-DELAY");
  CHECK(d.events[6].explain_key == "pop3.code.LOGIN-DELAY");
  CHECK(d.events[8].response_code == "SYS/TEMP");
  CHECK(d.events[8].explain_key == "pop3.code.SYS/TEMP");
  CHECK(d.events[10].explain_key == "pop3.code.SYS/PERM");
  CHECK(d.events[12].response_code == "X-VENDOR/THING");
  CHECK(d.events[12].explain_key == "pop3.status.err");
  CHECK(d.events[14].response_code.empty());
  CHECK(d.summary.errors == 6);
}

TEST_CASE("LAST (obsolete), LANG and UTF8, and an unknown command") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("LAST\r\n")
      .server("+OK 3\r\n")
      .client("LANG\r\n")
      .server("+OK Language listing follows:\r\nen English\r\nja 日本語\r\n.\r\n")
      .client("LANG ja\r\n")
      .server("+OK ja 了解\r\n")
      .client("UTF8\r\n")
      .server("+OK I understand\r\n")
      .client("XTND XMIT\r\n")
      .server("-ERR unknown command\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 11);
  CHECK(d.events[1].explain_key == "pop3.cmd.LAST");
  CHECK(detail(d.events[2], "last accessed") == "3");
  CHECK(d.events[4].details == Details{{"language", "en English"}, {"language", "ja 日本語"}});
  CHECK(d.events[6].text == "+OK ja 了解");
  CHECK(d.events[7].explain_key == "pop3.cmd.UTF8");
  CHECK(d.events[9].verb == "XTND");
  CHECK(d.events[9].arguments == "XMIT");
  CHECK(d.events[9].unknown);
  CHECK(d.events[9].explain_key == "pop3.cmd.unknown");
  CHECK(d.events[10].answers == 9);
}

TEST_CASE("Command syntax is checked against the table") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("RETR\r\n")
      .server("-ERR Invalid number of parameters\r\n")
      .client("DELE one\r\n")
      .server("-ERR Invalid message number\r\n")
      .client("TOP 1\r\n")
      .server("-ERR Invalid number of parameters\r\n")
      .client("stat\r\n")
      .server("+OK 0 0\r\n")
      .client("PASS\r\n")
      .server("-ERR No password\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 11);
  CHECK(d.events[1].malformed);
  CHECK(d.events[3].malformed);
  CHECK(d.events[5].malformed);
  CHECK(d.events[7].verb == "STAT");  // case-insensitive keywords (RFC 1939 §3)
  CHECK_FALSE(d.events[7].malformed);
  CHECK(d.events[9].malformed);
  CHECK(d.events[9].secrets.empty());
}
