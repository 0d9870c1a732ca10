// tests/protocols/imap/test_imap_session.cpp — authentication, IDLE, pipelining, STARTTLS,
// states, gaps and bad input.
#include <catch2/catch.hpp>
#include <string>

#include "imap_transcript.h"
#include "protocols/common/text.h"

using namespace mailscope;
using namespace mailscope::test;

TEST_CASE("imap AUTHENTICATE PLAIN with SASL-IR (RFC 4959)", "[imap][auth]") {
  std::string blob = base64_encode(std::string("\0alice\0wonderland", 17));
  ImapTranscript t;
  t.server("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n")
      .client("A1 AUTHENTICATE PLAIN " + blob + "\r\n")
      .server("A1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n")
      .client("A2 NOOP\r\n")
      .server("A2 OK\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 5);
  CHECK(e[1].decoded == "user \"alice\", password \"wonderland\"");
  CHECK(std::find(e[1].secrets.begin(), e[1].secrets.end(), blob) != e[1].secrets.end());
  CHECK(std::find(e[1].secrets.begin(), e[1].secrets.end(), "wonderland") != e[1].secrets.end());
  CHECK(e[2].state_detail == "as alice");
  CHECK(details_named(e[2], "capability") == std::vector<std::string>{"IMAP4rev1", "IDLE"});
  CHECK(e[3].type == EventType::command);  // no challenge outstanding: a command again
  CHECK(d.summary.cleartext_password_seen);
  CHECK(d.summary.auth_mechanism == "PLAIN");
}

TEST_CASE("imap AUTHENTICATE PLAIN through an empty + and LOGIN through prompts", "[imap][auth]") {
  std::string plain = base64_encode(std::string("\0bob\0secret1", 12));
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A1 AUTHENTICATE PLAIN\r\n")
      .server("+ \r\n")
      .client(plain + "\r\n")
      .server("A1 NO [AUTHENTICATIONFAILED] Authentication failed\r\n")
      .client("A2 AUTHENTICATE LOGIN\r\n")
      .server("+ VXNlcm5hbWU6\r\n")
      .client(base64_encode("carol") + "\r\n")
      .server("+ UGFzc3dvcmQ6\r\n")
      .client(base64_encode("pa55") + "\r\n")
      .server("A2 OK Logged in\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 11);
  CHECK(e[2].explain_key == "imap.continuation.sasl");
  CHECK(e[2].answers == 1);
  CHECK(e[3].type == EventType::auth_response);
  CHECK(e[3].decoded == "user \"bob\", password \"secret1\"");
  CHECK(e[4].answers == 1);
  CHECK(e[4].state_key == "imap.state.not_authenticated");
  CHECK(e[6].decoded == "Username:");
  CHECK(e[7].type == EventType::auth_response);
  CHECK(e[7].decoded == "user \"carol\"");
  CHECK(e[8].decoded == "Password:");
  CHECK(e[9].decoded == "password \"pa55\"");
  CHECK(e[9].answers == 5);
  CHECK(e[10].state_detail == "as carol");
  CHECK(d.summary.auth_user == "carol");
  CHECK(d.summary.auth_mechanism == "LOGIN");
  CHECK(d.summary.errors == 1);
}

TEST_CASE("imap AUTHENTICATE XOAUTH2 failure: JSON challenge, empty answer, cancel",
          "[imap][auth]") {
  std::string token = base64_encode(
      "user=dan@example.com\x01"
      "auth=Bearer ya29.TOKEN\x01\x01");
  std::string error = base64_encode("{\"status\":\"401\",\"schemes\":\"bearer\"}");
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A1 AUTHENTICATE XOAUTH2 " + token + "\r\n")
      .server("+ " + error + "\r\n")
      .client("\r\n")
      .server("A1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n")
      .client("A2 AUTHENTICATE CRAM-MD5\r\n")
      .server("+ PDEyMzQ1QGhvc3Q+\r\n")
      .client("*\r\n")
      .server("A2 BAD Authentication cancelled\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 9);
  CHECK(e[1].decoded == "user \"dan@example.com\", OAuth 2.0 access token \"ya29.TOKEN\"");
  CHECK(std::find(e[1].secrets.begin(), e[1].secrets.end(), "ya29.TOKEN") != e[1].secrets.end());
  CHECK(e[2].decoded == "{\"status\":\"401\",\"schemes\":\"bearer\"}");
  CHECK(e[3].type == EventType::auth_response);
  CHECK(e[3].answers == 1);
  CHECK(e[6].decoded == "<12345@host>");
  CHECK(e[7].type == EventType::auth_response);
  CHECK(e[7].decoded == "cancel");
  CHECK(e[7].explain_key == "sasl.cancelled");
  CHECK(e[8].status == "BAD");
  CHECK(e[8].answers == 5);
  CHECK(d.summary.errors == 2);
}

TEST_CASE("imap IDLE: + idling, unsolicited updates attach to IDLE, DONE, tagged OK",
          "[imap][idle]") {
  ImapTranscript t;
  t.server("* PREAUTH [CAPABILITY IMAP4rev1 IDLE] logged in as erin\r\n")
      .client("A1 SELECT INBOX\r\n")
      .server("* 5 EXISTS\r\nA1 OK [READ-WRITE] done\r\n")
      .client("A2 IDLE\r\n")
      .server("+ idling\r\n")
      .server("* 6 EXISTS\r\n")
      .server("* 2 EXPUNGE\r\n* 3 FETCH (FLAGS (\\Seen) UID 99)\r\n")
      .client("DONE\r\n")
      .server("A2 OK IDLE terminated\r\n")
      .server("* 7 EXISTS\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 12);
  CHECK(e[0].type == EventType::greeting);
  CHECK(e[0].explain_key == "imap.greeting.PREAUTH");
  CHECK(e[0].state_key == "imap.state.authenticated");
  CHECK(e[3].state_detail == "INBOX (read-write)");
  CHECK(e[4].verb == "IDLE");
  CHECK(e[5].explain_key == "imap.continuation.idle");
  CHECK(e[5].answers == 4);
  CHECK(e[6].answers == 4);
  CHECK(detail(e[6], "count") == "6");
  CHECK(e[7].verb == "EXPUNGE");
  CHECK(e[7].answers == 4);
  CHECK(details_named(e[8], "flag") == std::vector<std::string>{"\\Seen"});
  CHECK(detail(e[8], "UID") == "99");
  CHECK(e[9].type == EventType::command);
  CHECK(e[9].verb == "DONE");
  CHECK(e[9].tag.empty());
  CHECK(e[9].answers == 4);
  CHECK(e[9].explain_key == "imap.cmd.DONE");
  CHECK(e[10].answers == 4);
  CHECK(e[11].answers == -1);  // unsolicited: no command in progress
  CHECK(d.summary.commands == 2);
}

TEST_CASE("imap pipelined commands with out-of-order tagged completions", "[imap][pairing]") {
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A1 FETCH 1 (FLAGS)\r\nA2 STORE 2 +FLAGS (\\Seen)\r\nA3 NOOP\r\n")
      .server("* 1 FETCH (FLAGS ())\r\nA3 OK NOOP\r\n* 2 FETCH (FLAGS (\\Seen))\r\n")
      .server("A1 OK FETCH\r\nA2 OK STORE\r\nA9 OK nobody asked\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 10);
  CHECK(e[2].verb == "STORE");
  CHECK(detail(e[2], "change") == "+FLAGS");
  CHECK(details_named(e[2], "flag") == std::vector<std::string>{"\\Seen"});
  CHECK(e[4].answers == 1);  // the oldest pending command
  CHECK(e[5].tag == "A3");
  CHECK(e[5].answers == 3);
  CHECK(e[6].answers == 1);
  CHECK(e[7].answers == 1);
  CHECK(e[8].answers == 2);
  CHECK(e[9].answers == -1);
}

TEST_CASE("imap STARTTLS: TLS records afterwards, never text", "[imap][tls]") {
  std::string client_hello("\x16\x03\x01\x00\x04\x01\x00\x00\x00", 9);
  std::string server_hello("\x16\x03\x03\x00\x04\x02\x00\x00\x00", 9);
  std::string app_data(
      "\x17\x03\x03\x00\x05"
      "A2 LO",
      10);
  ImapTranscript t;
  t.server("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n")
      .client("A1 STARTTLS\r\n")
      .server("A1 OK Begin TLS negotiation now\r\n")
      .client(client_hello)
      .server(server_hello)
      .client(app_data);
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() >= 4);
  CHECK(e[2].answers == 1);
  CHECK(d.summary.tls);
  for (size_t i = 3; i < e.size(); ++i) {
    CHECK(e[i].type == EventType::tls);
    CHECK(e[i].state_key == "imap.state.tls");
  }
}

TEST_CASE("imap STARTTLS in a decrypted export: plaintext goes on", "[imap][tls]") {
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A1 STARTTLS\r\n")
      .server("A1 OK Begin TLS\r\n")
      .client("A2 LOGIN frank secret\r\n")
      .server("A2 OK done\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 5);
  CHECK(e[3].verb == "LOGIN");
  CHECK(e[4].answers == 3);
  CHECK(e[4].state_detail == "as frank");
  CHECK(d.summary.tls);
}

TEST_CASE("imap states: EXAMINE read-only, CLOSE, failed SELECT, RENAME/COPY/MOVE names, LOGOUT",
          "[imap][state]") {
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("a LOGIN gina pw\r\n")
      .server("a OK\r\n")
      .client("b EXAMINE \"&Tgtm+DBN-\"\r\n")
      .server("b OK [READ-ONLY] done\r\n")
      .client("c CLOSE\r\n")
      .server("c OK\r\n")
      .client("d SELECT INBOX\r\n")
      .server("d OK [READ-ONLY] done\r\n")
      .client("e UID MOVE 4:5 \"&kAFP4W4IMH8wojCkMMYw4A-\"\r\n")
      .server("* OK [COPYUID 38505 4:5 7:8] moved\r\n* 4 EXPUNGE\r\n* 4 EXPUNGE\r\ne OK\r\n")
      .client("f RENAME \"&Tgtm+DBN-\" Drafts\r\n")
      .server("f NO [ALREADYEXISTS] exists\r\n")
      .client("g SELECT nothere\r\n")
      .server("g NO [NONEXISTENT] no such mailbox\r\n")
      .client("h LOGOUT\r\n")
      .server("* BYE logging out\r\nh OK\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 21);
  CHECK(e[3].decoded == "下書き");
  CHECK(e[4].state_detail == "下書き (read-only)");
  CHECK(e[6].state_key == "imap.state.authenticated");
  CHECK(e[8].state_detail == "INBOX (read-only)");
  CHECK(e[9].verb == "UID MOVE");
  CHECK(e[9].decoded == "送信済みアイテム");
  CHECK(e[10].explain_key == "imap.code.COPYUID");
  CHECK(detail(e[10], "destination UIDs") == "7:8");
  CHECK(e[13].answers == 9);
  CHECK(e[14].decoded == "下書き → Drafts");
  CHECK(detail(e[14], "new name") == "Drafts");
  CHECK(e[15].response_code == "ALREADYEXISTS");
  CHECK(e[17].state_key == "imap.state.authenticated");  // a failed SELECT deselects
  CHECK(e[19].explain_key == "imap.untagged.BYE");
  CHECK(e[19].state_key == "imap.state.logout");
  CHECK(e[20].answers == 18);
  CHECK(e[20].state_key == "imap.state.logout");
  CHECK(d.summary.errors == 2);
}

TEST_CASE("imap ENABLE, ID, ESEARCH, SEARCH, unknown command and data", "[imap]") {
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("1 ENABLE CONDSTORE UTF8=ACCEPT\r\n")
      .server("* ENABLED CONDSTORE\r\n1 OK\r\n")
      .client("2 ID (\"name\" \"Thunderbird\" \"version\" \"115\")\r\n")
      .server("* ID (\"name\" \"Dovecot\" \"vendor\" NIL)\r\n2 OK\r\n")
      .client("3 UID SEARCH RETURN (MIN COUNT) UNSEEN\r\n")
      .server("* ESEARCH (TAG \"3\") UID MIN 4 COUNT 2\r\n3 OK\r\n")
      .client("4 SEARCH UNSEEN\r\n")
      .server("* SEARCH\r\n4 OK\r\n")
      .client("5 XYZZY magic\r\n")
      .server("* XFROB 1 2\r\n5 BAD unknown command\r\n")
      .client("lonely\r\n")
      .server("6 OK who\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 18);
  CHECK(details_named(e[1], "capability") == std::vector<std::string>{"CONDSTORE", "UTF8=ACCEPT"});
  CHECK(details_named(e[2], "capability") == std::vector<std::string>{"CONDSTORE"});
  CHECK(detail(e[4], "name") == "Thunderbird");
  CHECK(detail(e[5], "name") == "Dovecot");
  CHECK(detail(e[5], "vendor") == "NIL");
  CHECK(e[7].verb == "UID SEARCH");
  CHECK(detail(e[8], "TAG") == "3");
  CHECK(detail(e[8], "MIN") == "4");
  CHECK(detail(e[8], "COUNT") == "2");
  CHECK(detail(e[11], "count") == "0");
  CHECK(e[13].unknown);
  CHECK(e[13].explain_key == "imap.cmd.unknown");
  CHECK(e[14].unknown);
  CHECK(e[14].explain_key == "imap.untagged.unknown");
  CHECK(e[15].answers == 13);
  CHECK(e[16].malformed);
  CHECK(e[16].explain_key == "imap.cmd.unknown");
  CHECK(e[17].answers == -1);
}

TEST_CASE("imap gap inside a line: the partial line is kept, decoding resumes after the next LF",
          "[imap][gap]") {
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client("A5 SELECT INB")
      .gap(Direction::client_to_server, 5)
      .client("OX\r\nA6 NOOP\r\n")
      .server("A6 OK\r\n");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 5);
  CHECK(e[1].text == "A5 SELECT INB");
  CHECK(e[1].malformed);
  CHECK(e[1].explain_key == "imap.partial");
  CHECK(e[2].type == EventType::gap);
  CHECK(e[2].size_bytes == 5);
  CHECK(detail(e[2], "skipped to resynchronise") == "4 bytes");
  CHECK(e[3].verb == "NOOP");
  CHECK(e[3].span.begin == 13 + 5 + 4);
  CHECK(e[4].answers == 3);
}

TEST_CASE("imap non-UTF-8, bare LF, and a partial line at the end", "[imap][robust]") {
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .client(std::string("A1 SELECT \"caf\xe9\"\n", 17))
      .server("A1 NO [NONEXISTENT] no\r\n")
      .client("A2 NOO");
  Dialogue d = run_every_way(t);
  const auto& e = d.events;
  REQUIRE(e.size() == 4);
  CHECK(e[1].text == "A1 SELECT \"caf\\xE9\"");
  CHECK(detail(e[1], "mailbox") == "caf\\xE9");
  CHECK(detail(e[1], "line end") == "bare LF (no CR)");
  CHECK(e[3].text == "A2 NOO");
  CHECK(e[3].malformed);
  CHECK(detail(e[3], "incomplete") == "end of the stream");
}

TEST_CASE("imap over-long lines are capped and marked", "[imap][limits]") {
  DecoderLimits limits;
  limits.max_line_bytes = 100;
  limits.max_text_bytes = 200;
  std::string flags;
  for (int i = 0; i < 100; ++i) flags += " $Label" + std::to_string(i);
  ImapTranscript t;
  t.server("* OK ready\r\n")
      .server("* FLAGS (" + flags.substr(1) + ")\r\n")
      .client("A1 NOOP\r\n")
      .server("A1 OK\r\n");
  Dialogue d = run_every_way(t, limits);
  const auto& e = d.events;
  REQUIRE(e.size() == 4);
  CHECK(e[1].line_truncated);
  uint64_t line_size = 9 + flags.size() - 1 + 1;
  CHECK(e[1].text.find(" …[" + std::to_string(line_size - 100) + " more bytes]") !=
        std::string::npos);
  CHECK(e[1].span.end - e[1].span.begin == line_size + 2);
  CHECK(e[3].answers == 2);
}

TEST_CASE("imap pending commands are capped", "[imap][limits]") {
  DecoderLimits limits;
  limits.max_pending_commands = 2;
  ImapTranscript t;
  t.server("* OK ready\r\n").client("a NOOP\r\nb NOOP\r\nc NOOP\r\n").server("a OK\r\nc OK\r\n");
  Dialogue d = run_every_way(t, limits);
  REQUIRE(d.events.size() == 6);
  CHECK(d.events[4].answers == -1);  // "a" was dropped from the full queue
  CHECK(d.events[5].answers == 3);
}

TEST_CASE("imap STARTTLS then a TLS record cut short by the end (fuzz regression)",
          "[imap][tls][fuzz]") {
  ImapTranscript t;
  t.server("* OK x\r\n")
      .client("a STARTTLS\r\n")
      .server("a OK\r\n")
      .client(std::string("\x16\x03\x01\x00\x04\x01\x00\x00\x00", 9))
      .server(std::string("\x16\x03\x03\x00", 4));
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() >= 5);
  for (size_t i = 3; i < d.events.size(); ++i) {
    CHECK(d.events[i].type == EventType::tls);
    CHECK(d.events[i].state_key == "imap.state.tls");
    CHECK_FALSE(d.events[i].explain_key.empty());
  }
}
