// tests/protocols/smtp/test_smtp_session.cpp — a complete SMTP session: greeting, EHLO and its
// capability list, MAIL/RCPT/DATA with the body, the final reply, several messages, the
// simple commands, HELO, refusal greetings and unknown verbs. Every transcript is decoded
// whole, byte by byte and split at every position (decode_every_way).
#include <algorithm>
#include <catch2/catch.hpp>

#include "smtp_test_support.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

const char* kEhloReply =
    "250-mail.example.org\r\n"
    "250-PIPELINING\r\n"
    "250-SIZE 10240000\r\n"
    "250-AUTH PLAIN LOGIN\r\n"
    "250 8BITMIME\r\n";

Transcript one_message() {
  Transcript t;
  t.server("220 mail.example.org ESMTP Postfix\r\n")
      .client("EHLO client.example\r\n")
      .server(kEhloReply)
      .client("MAIL FROM:<alice@example.org> SIZE=120 BODY=8BITMIME\r\n")
      .server("250 2.1.0 Ok\r\n")
      .client("RCPT TO:<bob@example.net>\r\n")
      .server("250 2.1.5 Ok\r\n")
      .client("DATA\r\n")
      .server("354 End data with <CR><LF>.<CR><LF>\r\n")
      .client(
          "From: Alice <alice@example.org>\r\nSubject: =?UTF-8?B?5pel5pys?=\r\n\r\nHello\r\n"
          "..dot\r\n.\r\n")
      .server("250 2.0.0 Ok: queued as 4B1C2\r\n")
      .client("QUIT\r\n")
      .server("221 2.0.0 Bye\r\n");
  return t;
}

}  // namespace

TEST_CASE("smtp: one message, every event exact") {
  Dialogue d = decode_every_way(one_message());
  REQUIRE(d.events.size() == 13);

  const DialogueEvent& greeting = d.events[0];
  CHECK(greeting.type == EventType::greeting);
  CHECK(greeting.direction == Direction::server_to_client);
  CHECK(greeting.text == "220 mail.example.org ESMTP Postfix");
  CHECK(greeting.code == 220);
  CHECK(greeting.answers == -1);
  CHECK(greeting.explain_key == "smtp.greeting.220");
  CHECK(greeting.state_key == "smtp.state.greeted");
  CHECK(greeting.state_detail == "mail.example.org");
  CHECK(greeting.span.begin == 0);
  CHECK(greeting.span.end == 36);
  CHECK(greeting.span.first_packet == 1);

  const DialogueEvent& ehlo = d.events[1];
  CHECK(ehlo.type == EventType::command);
  CHECK(ehlo.verb == "EHLO");
  CHECK(ehlo.arguments == "client.example");
  CHECK(ehlo.explain_key == "smtp.cmd.EHLO");
  CHECK(ehlo.state_key == "smtp.state.greeted");  // a command changes nothing before its reply
  CHECK(ehlo.span.begin == 0);
  CHECK(ehlo.span.end == 21);

  const DialogueEvent& caps = d.events[2];
  CHECK(caps.type == EventType::reply);
  CHECK(caps.answers == 1);
  CHECK(caps.code == 250);
  CHECK(caps.text ==
        "250-mail.example.org\n250-PIPELINING\n250-SIZE 10240000\n250-AUTH PLAIN LOGIN\n"
        "250 8BITMIME");
  CHECK(caps.span.begin == 36);
  CHECK(caps.span.end == 129);
  using Details = std::vector<std::pair<std::string, std::string>>;
  CHECK(caps.details == Details{{"capability", "PIPELINING"},
                                {"capability", "SIZE 10240000"},
                                {"size limit", "10240000 bytes"},
                                {"capability", "AUTH PLAIN LOGIN"},
                                {"auth mechanism", "PLAIN"},
                                {"auth mechanism", "LOGIN"},
                                {"capability", "8BITMIME"}});
  CHECK(caps.state_key == "smtp.state.ehlo");
  CHECK(caps.state_detail == "client.example, 4 capabilities");

  const DialogueEvent& mail = d.events[3];
  CHECK(mail.verb == "MAIL");
  CHECK(mail.arguments == "FROM:<alice@example.org> SIZE=120 BODY=8BITMIME");
  CHECK(mail.details ==
        Details{{"from", "<alice@example.org>"}, {"SIZE", "120"}, {"BODY", "8BITMIME"}});
  CHECK_FALSE(mail.malformed);

  const DialogueEvent& mail_ok = d.events[4];
  CHECK(mail_ok.answers == 3);
  CHECK(mail_ok.enhanced_code == "2.1.0");
  CHECK(mail_ok.state_key == "smtp.state.transaction");
  CHECK(mail_ok.state_detail == "from <alice@example.org>");

  CHECK(d.events[5].details == Details{{"to", "<bob@example.net>"}});
  const DialogueEvent& rcpt_ok = d.events[6];
  CHECK(rcpt_ok.answers == 5);
  CHECK(rcpt_ok.enhanced_code == "2.1.5");
  CHECK(rcpt_ok.details == Details{{"accepted", "<bob@example.net>"}});
  CHECK(rcpt_ok.state_detail == "from <alice@example.org> to 1 recipient");

  CHECK(d.events[7].verb == "DATA");
  const DialogueEvent& go_ahead = d.events[8];
  CHECK(go_ahead.code == 354);
  CHECK(go_ahead.answers == 7);
  CHECK(go_ahead.explain_key == "smtp.reply.354");
  CHECK(go_ahead.state_key == "smtp.state.data");

  const DialogueEvent& body = d.events[9];
  CHECK(body.type == EventType::data);
  CHECK(body.direction == Direction::client_to_server);
  CHECK(body.answers == 7);
  CHECK(body.explain_key == "smtp.data");
  CHECK(body.size_bytes == 79);  // unstuffed, CRLFs counted, final "." line not
  CHECK(body.span.begin == 108);
  CHECK(body.span.end == 191);  // includes "..dot" as sent and the ".\r\n"
  CHECK(body.text ==
        "From: Alice <alice@example.org>\nSubject: =?UTF-8?B?5pel5pys?=\n\nHello\n.dot");
  CHECK(body.decoded == "Subject: 日本");
  CHECK(body.details == Details{{"lines", "5"},
                                {"dot-stuffed lines", "1"},
                                {"From", "Alice <alice@example.org>"},
                                {"Subject", "日本"}});
  CHECK(body.state_key == "smtp.state.data");

  const DialogueEvent& queued = d.events[10];
  CHECK(queued.answers == 7);
  CHECK(queued.code == 250);
  CHECK(queued.enhanced_code == "2.0.0");
  CHECK(queued.state_key == "smtp.state.ready");
  CHECK(queued.state_detail == "1 message sent");

  CHECK(d.events[11].verb == "QUIT");
  CHECK(d.events[12].answers == 11);
  CHECK(d.events[12].code == 221);
  CHECK(d.events[12].state_key == "smtp.state.quit");

  CHECK(d.summary.commands == 5);
  CHECK(d.summary.messages == 1);
  CHECK(d.summary.errors == 0);
  CHECK_FALSE(d.summary.auth_seen);
  CHECK_FALSE(d.summary.tls);
}

TEST_CASE("smtp: several messages, RSET and the simple commands") {
  Transcript t;
  t.server("220 mx.example.net ESMTP\r\n")
      .client("EHLO a.example\r\n")
      .server("250-mx.example.net\r\n250 HELP\r\n")
      .client("NOOP\r\n")
      .server("250 2.0.0 Ok\r\n")
      .client("VRFY bob\r\n")
      .server("252 2.0.0 Cannot VRFY user; try RCPT to attempt delivery\r\n")
      .client("EXPN staff\r\n")
      .server("502 5.5.1 EXPN not implemented\r\n")
      .client("HELP\r\n")
      .server(
          "214-Commands supported:\r\n214-  HELO EHLO MAIL RCPT DATA\r\n214 End of HELP info\r\n")
      .client("MAIL FROM:<a@a.example>\r\n")
      .server("250 Ok\r\n")
      .client("RSET\r\n")
      .server("250 Ok\r\n");
  for (int m = 0; m < 2; ++m) {
    t.client("MAIL FROM:<a@a.example>\r\n")
        .server("250 Ok\r\n")
        .client("RCPT TO:<b@mx.example.net>\r\n")
        .server("250 Ok\r\n")
        .client("DATA\r\n")
        .server("354 go ahead\r\n")
        .client("Subject: m" + std::to_string(m) + "\r\n\r\nbody\r\n.\r\n")
        .server("250 Ok: queued\r\n");
  }
  t.client("QUIT\r\n").server("221 Bye\r\n");
  Dialogue d = decode_every_way(t);

  int help = find_event(d, EventType::command, "HELP");
  REQUIRE(help > 0);
  CHECK(d.events[help + 1].text ==
        "214-Commands supported:\n214-  HELO EHLO MAIL RCPT DATA\n214 End of HELP info");
  CHECK(d.events[help + 1].answers == help);
  int vrfy = find_event(d, EventType::command, "VRFY");
  CHECK(d.events[vrfy].arguments == "bob");
  CHECK(d.events[vrfy + 1].code == 252);
  CHECK(d.events[vrfy + 1].explain_key == "smtp.reply.252");
  int expn = find_event(d, EventType::command, "EXPN");
  CHECK(d.events[expn + 1].code == 502);
  CHECK(d.events[expn + 1].enhanced_code == "5.5.1");

  int rset = find_event(d, EventType::command, "RSET");
  CHECK(d.events[rset - 1].state_key == "smtp.state.transaction");
  CHECK(d.events[rset + 1].state_key == "smtp.state.ehlo");  // no message sent yet
  CHECK(d.events[rset + 1].state_detail == "a.example, 1 capability");

  int first_data = find_event(d, EventType::data);
  int second_data = find_event(d, EventType::data, "", first_data + 1);
  REQUIRE(second_data > first_data);
  CHECK(detail(d.events[first_data], "Subject") == "m0");
  CHECK(detail(d.events[second_data], "Subject") == "m1");
  CHECK(d.events[first_data + 1].state_key == "smtp.state.ready");
  CHECK(d.events[first_data + 1].state_detail == "1 message sent");
  CHECK(d.events[second_data + 1].state_detail == "2 messages sent");
  // The second transaction starts from "ready" and shows its own facts.
  CHECK(d.events[first_data + 3].state_key == "smtp.state.transaction");
  CHECK(d.events[first_data + 3].state_detail == "from <a@a.example>");
  CHECK(d.events.back().state_key == "smtp.state.quit");
  CHECK(d.events.back().state_detail == "2 messages sent");
  CHECK(d.summary.messages == 2);
  CHECK(d.summary.errors == 1);  // the 502 to EXPN
  CHECK(d.summary.commands == 14);
}

TEST_CASE("smtp: HELO gets no capability list") {
  Transcript t;
  t.server("220 old.example SMTP\r\n")
      .client("HELO client.example\r\n")
      .server("250 old.example\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 3);
  CHECK(d.events[2].details.empty());
  CHECK(d.events[2].state_key == "smtp.state.ehlo");
  CHECK(d.events[2].state_detail == "client.example");
}

TEST_CASE("smtp: a 554 greeting refuses the session") {
  Transcript t;
  t.server("554 5.7.1 blocked.example: Client host rejected\r\n")
      .client("QUIT\r\n")
      .server("221 2.0.0 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 3);
  CHECK(d.events[0].type == EventType::greeting);
  CHECK(d.events[0].code == 554);
  CHECK(d.events[0].enhanced_code == "5.7.1");
  CHECK(d.events[0].explain_key == "smtp.greeting.554");
  CHECK(d.events[0].state_key == "smtp.state.refused");
  CHECK(d.events[2].state_key == "smtp.state.quit");
  CHECK(d.summary.errors == 1);
}

TEST_CASE("smtp: a 421 greeting and a 421 in the middle close the session") {
  Transcript t;
  t.server("421 4.3.2 Service not available, closing\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].type == EventType::greeting);
  CHECK(d.events[0].explain_key == "smtp.greeting.421");
  CHECK(d.events[0].state_key == "smtp.state.refused");

  Transcript later;
  later.server("220 a.example ESMTP\r\n")
      .client("EHLO b\r\n")
      .server("421 4.4.2 a.example Error: timeout exceeded\r\n");
  Dialogue e = decode_every_way(later);
  REQUIRE(e.events.size() == 3);
  CHECK(e.events[2].answers == 1);
  CHECK(e.events[2].state_key == "smtp.state.closing");
  CHECK(e.events[2].enhanced_code == "4.4.2");
}

TEST_CASE("smtp: unknown verbs and obsolete ones are kept") {
  Transcript t;
  t.server("220 a.example ESMTP\r\n")
      .client("XYZZY magic words\r\n")
      .server("502 5.5.2 Error: command not recognized\r\n")
      .client("turn\r\n")
      .server("502 5.5.1 TURN not implemented\r\n")
      .client("\r\n")
      .server("500 5.5.2 Error: bad syntax\r\n")
      .client("etrn example.org\r\n")
      .server("250 Queuing started\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[1].verb == "XYZZY");
  CHECK(d.events[1].arguments == "magic words");
  CHECK(d.events[1].unknown);
  CHECK(d.events[1].explain_key == "smtp.cmd.unknown");
  CHECK(d.events[2].answers == 1);
  CHECK(d.events[3].verb == "TURN");  // upper-cased, known (obsolete)
  CHECK_FALSE(d.events[3].unknown);
  CHECK(d.events[3].explain_key == "smtp.cmd.TURN");
  CHECK(d.events[5].text.empty());
  CHECK(d.events[5].unknown);
  CHECK(d.events[6].answers == 5);
  CHECK(d.events[7].verb == "ETRN");
  CHECK(d.events[8].answers == 7);
  CHECK(d.summary.errors == 3);
  CHECK(d.summary.commands == 4);
}

TEST_CASE("smtp: malformed MAIL and RCPT paths are marked, parameters kept") {
  Transcript t;
  t.server("220 a.example ESMTP\r\n")
      .client("MAIL FROM: <a@x.example>\r\n")
      .server("250 Ok\r\n")
      .client("RCPT TO:b@y.example NOTIFY=SUCCESS,FAILURE\r\n")
      .server("250 Ok\r\n")
      .client("RCPT <c@y.example>\r\n")
      .server("501 5.5.4 Syntax: RCPT TO:<address>\r\n")
      .client("MAIL FROM:<>  SMTPUTF8\r\n")
      .server("503 5.5.1 Error: nested MAIL command\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[1].malformed);  // a space after the colon: tolerated, marked
  CHECK(detail(d.events[1], "from") == "<a@x.example>");
  CHECK(d.events[3].malformed);
  CHECK(detail(d.events[3], "to") == "b@y.example");
  CHECK(detail(d.events[3], "NOTIFY") == "SUCCESS,FAILURE");
  CHECK(d.events[5].malformed);
  CHECK(detail(d.events[5], "to") == "<c@y.example>");
  CHECK(detail(d.events[6], "rejected") == "<c@y.example>");
  CHECK_FALSE(d.events[7].malformed);
  CHECK(detail(d.events[7], "from") == "<>");
  CHECK(count_details(d.events[7], "SMTPUTF8") == 1);
  CHECK(d.events[8].state_detail == "from <a@x.example> to 1 recipient (1 rejected)");
}

TEST_CASE("smtp: the fields shown decoded are those with an encoded word in their raw lines") {
  Transcript t;
  t.server("220 mail.example.org ESMTP\r\n")
      .client("MAIL FROM:<alice@example.org>\r\n")
      .server("250 Ok\r\n")
      .client("RCPT TO:<bob@example.net>\r\n")
      .server("250 Ok\r\n")
      .client("DATA\r\n")
      .server("354 Go ahead\r\n")
      .client(
          "To: =?UTF-8?B?5pel?= <bob@example.net>\r\n"  // encoded
          "Cc: carol@example.net\r\n"
          "From: Alice\r\n =?UTF-8?B?5pys?= <alice@example.org>\r\n"  // in the folded line
          "X-Note: =?UTF-8?B?5pel?=\r\n"                              // not a field shown
          "Subject : =?UTF-8?B?5pel?=\r\n"  // obsolete "name :": shown, not as decoded
          "\r\n"
          "To: =?UTF-8?B?5pel?=\r\n"  // the body: not a header field
          ".\r\n")
      .server("250 Ok\r\n");
  Dialogue d = decode_every_way(t);
  auto data = std::find_if(d.events.begin(), d.events.end(),
                           [](const DialogueEvent& e) { return e.type == EventType::data; });
  REQUIRE(data != d.events.end());
  CHECK(data->decoded ==
        "To: \xE6\x97\xA5 <bob@example.net>\nFrom: Alice \xE6\x9C\xAC <alice@example.org>");
}
