// tests/protocols/pop3/rfc1939_session_test.cpp — the example session of RFC 1939 §10 (APOP,
// STAT, LIST, RETR, DELE, QUIT), checked event by event, fed every way.
#include <catch2/catch.hpp>

#include "md5_digest.h"
#include "pop3_transcript.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

const char* kMessage1 =
    "From: Marshall Rose <mrose@dbc.mtview.ca.us>\r\n"
    "To: Dewey <dewey@example.net>\r\n"
    "Subject: first\r\n"
    "\r\n"
    "Hello.\r\n";

Transcript rfc1939_example() {
  Transcript t;
  t.server("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n")
      .client("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n")
      .server("+OK mrose's maildrop has 2 messages (320 octets)\r\n")
      .client("STAT\r\n")
      .server("+OK 2 320\r\n")
      .client("LIST\r\n")
      .server("+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n")
      .client("RETR 1\r\n")
      .server(std::string("+OK 120 octets\r\n") + kMessage1 + ".\r\n")
      .client("DELE 1\r\n")
      .server("+OK message 1 deleted\r\n")
      .client("RETR 2\r\n")
      .server("+OK 200 octets\r\nSubject: second\r\n\r\n..a line that began with a dot\r\n.\r\n")
      .client("DELE 2\r\n")
      .server("+OK message 2 deleted\r\n")
      .client("QUIT\r\n")
      .server("+OK dewey POP3 server signing off (maildrop empty)\r\n");
  return t;
}

}  // namespace

TEST_CASE("RFC 1939's APOP digest is MD5 of the timestamp and the password") {
  // RFC 1939 §7: the shared secret "tanstaaf" and the greeting's timestamp give this digest.
  CHECK(md5_hex("<1896.697170952@dbc.mtview.ca.us>tanstaaf") == "c4c9334bac560ecc979e58001b3e22fb");
  CHECK(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");  // RFC 1321 test suite
  CHECK(md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
}

TEST_CASE("RFC 1939 example session, event by event") {
  Dialogue d = run_every_way(rfc1939_example());
  REQUIRE(d.events.size() == 19);
  const auto& ev = d.events;

  CHECK(ev[0].type == EventType::greeting);
  CHECK(ev[0].direction == Direction::server_to_client);
  CHECK(ev[0].status == "+OK");
  CHECK(ev[0].explain_key == "pop3.greeting.apop");
  CHECK(detail(ev[0], "APOP challenge") == "<1896.697170952@dbc.mtview.ca.us>");
  CHECK(ev[0].state_key == "pop3.state.authorization");
  CHECK(ev[0].span.begin == 0);
  CHECK(ev[0].span.end == 57);
  CHECK(ev[0].span.first_packet == 1);

  CHECK(ev[1].type == EventType::command);
  CHECK(ev[1].verb == "APOP");
  CHECK(ev[1].arguments == "mrose c4c9334bac560ecc979e58001b3e22fb");
  CHECK(ev[1].explain_key == "pop3.cmd.APOP");
  CHECK(ev[1].decoded ==
        "user \"mrose\", challenge <1896.697170952@dbc.mtview.ca.us> (from the greeting), answer "
        "c4c9334bac560ecc979e58001b3e22fb = MD5(challenge + password); the password itself is "
        "not sent");
  CHECK(detail(ev[1], "user") == "mrose");
  CHECK(detail(ev[1], "challenge") == "<1896.697170952@dbc.mtview.ca.us>");
  CHECK(detail(ev[1], "digest") == "c4c9334bac560ecc979e58001b3e22fb");
  CHECK(ev[1].secrets == std::vector<std::string>{"c4c9334bac560ecc979e58001b3e22fb"});
  CHECK_FALSE(ev[1].malformed);
  CHECK(ev[1].span.first_packet == 2);

  CHECK(ev[2].type == EventType::reply);
  CHECK(ev[2].answers == 1);
  CHECK(ev[2].status == "+OK");
  CHECK(ev[2].state_key == "pop3.state.transaction");
  CHECK(ev[2].state_detail == "user mrose");

  CHECK(ev[3].verb == "STAT");
  CHECK(ev[4].answers == 3);
  CHECK(detail(ev[4], "messages") == "2");
  CHECK(detail(ev[4], "size") == "320 octets");
  CHECK(ev[4].state_detail == "user mrose; 2 messages (320 octets)");

  CHECK(ev[5].verb == "LIST");
  CHECK(ev[6].type == EventType::reply);
  CHECK(ev[6].answers == 5);
  CHECK(ev[6].text == "+OK 2 messages (320 octets)\n1 120\n2 200\n.");
  CHECK(ev[6].details ==
        std::vector<std::pair<std::string, std::string>>{{"1", "120 octets"}, {"2", "200 octets"}});
  CHECK(ev[6].span.first_packet == 7);
  CHECK(ev[6].span.end - ev[6].span.begin == 46);

  CHECK(ev[7].verb == "RETR");
  CHECK(detail(ev[7], "message") == "1");
  CHECK(ev[8].type == EventType::reply);
  CHECK(ev[8].text == "+OK 120 octets");
  CHECK(detail(ev[8], "size") == "120 octets");
  CHECK(ev[8].answers == 7);
  CHECK(ev[9].type == EventType::data);
  CHECK(ev[9].direction == Direction::server_to_client);
  CHECK(ev[9].answers == 7);
  CHECK(ev[9].explain_key == "pop3.data.RETR");
  CHECK(ev[9].size_bytes == std::string(kMessage1).size());
  CHECK(ev[9].text ==
        "From: Marshall Rose <mrose@dbc.mtview.ca.us>\nTo: Dewey <dewey@example.net>\n"
        "Subject: first\n\nHello.");
  CHECK(detail(ev[9], "From") == "Marshall Rose <mrose@dbc.mtview.ca.us>");
  CHECK(detail(ev[9], "Subject") == "first");
  // The body span starts right after the "+OK" line and ends with the ".\r\n".
  CHECK(ev[9].span.begin == ev[8].span.end);
  CHECK(ev[9].span.end - ev[9].span.begin == std::string(kMessage1).size() + 3);

  CHECK(ev[10].verb == "DELE");
  CHECK(ev[11].state_detail == "user mrose; 2 messages (320 octets); marked deleted: 1");

  // Message 2: the ".." line is unstuffed.
  CHECK(ev[14].type == EventType::data);
  CHECK(ev[14].text == "Subject: second\n\n.a line that began with a dot");
  CHECK(ev[14].size_bytes ==
        std::string("Subject: second\r\n\r\n.a line that began with a dot\r\n").size());
  CHECK(ev[16].state_detail == "user mrose; 2 messages (320 octets); marked deleted: 1, 2");

  CHECK(ev[17].verb == "QUIT");
  CHECK(ev[17].state_key == "pop3.state.transaction");  // UPDATE once the server acts on it
  CHECK(ev[18].answers == 17);
  CHECK(ev[18].state_key == "pop3.state.update");
  CHECK(ev[18].state_detail == "user mrose; deleted: 1, 2");

  CHECK(d.summary.commands == 8);
  CHECK(d.summary.auth_seen);
  CHECK(d.summary.auth_succeeded);
  CHECK_FALSE(d.summary.cleartext_password_seen);
  CHECK(d.summary.auth_mechanism == "APOP");
  CHECK(d.summary.auth_user == "mrose");
  CHECK(d.summary.messages == 2);
  CHECK(d.summary.errors == 0);
  CHECK_FALSE(d.summary.tls);
}

TEST_CASE("APOP without a timestamp in the greeting, and a malformed digest") {
  Transcript t;
  t.server("+OK ready\r\n").client("APOP bob 1234\r\n").server("-ERR [AUTH] bad digest\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 3);
  CHECK(d.events[0].explain_key == "pop3.greeting");
  CHECK(d.events[1].malformed);
  CHECK(d.events[1].decoded ==
        "user \"bob\", answer 1234 = MD5(timestamp + password), but the greeting carried no "
        "timestamp");
  CHECK(detail(d.events[1], "challenge").empty());
  CHECK(d.events[2].status == "-ERR");
  CHECK(d.events[2].response_code == "AUTH");
  CHECK(d.events[2].explain_key == "pop3.code.AUTH");
  CHECK(d.events[2].state_key == "pop3.state.authorization");
  CHECK_FALSE(d.summary.auth_succeeded);
  CHECK(d.summary.errors == 1);
}
