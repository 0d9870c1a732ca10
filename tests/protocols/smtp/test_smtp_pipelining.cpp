// tests/protocols/smtp/test_smtp_pipelining.cpp — RFC 2920 PIPELINING (commands batched before
// replies, replies paired in order, mixed accept/reject, DATA refused for lack of recipients)
// and RFC 3030 CHUNKING (BDAT chunks, pipelined BDAT, BDAT 0 LAST).
#include <catch2/catch.hpp>

#include "smtp_test_support.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

Transcript pipelining_start() {
  Transcript t;
  t.server("220 mx.example.net ESMTP Postfix (Debian/GNU)\r\n")
      .client("EHLO relay.example.org\r\n")
      .server(
          "250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"
          "250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n"
          "250 CHUNKING\r\n");
  return t;
}

}  // namespace

TEST_CASE("smtp pipelining: one batch, mixed accept and reject, replies in order") {
  Transcript t = pipelining_start();
  t.client(
       "MAIL FROM:<alice@example.org> SIZE=300\r\nRCPT TO:<bob@example.net>\r\n"
       "RCPT TO:<nobody@example.net>\r\nRCPT TO:<carol@example.net>\r\nDATA\r\n")
      .server(
          "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"
          "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in local "
          "recipient table\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n")
      .client("Subject: hi\r\n\r\nhello\r\n.\r\nQUIT\r\n")
      .server("250 2.0.0 Ok: queued as 9F3A1\r\n221 2.0.0 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 17);
  // Commands 3..7, then replies 8..12 answering them in order.
  for (int k = 0; k < 5; ++k) {
    CHECK(d.events[3 + k].type == EventType::command);
    CHECK(d.events[8 + k].answers == 3 + k);
  }
  CHECK(d.events[10].code == 550);
  CHECK(d.events[10].enhanced_code == "5.1.1");
  CHECK(detail(d.events[10], "rejected") == "<nobody@example.net>");
  CHECK(d.events[10].state_detail == "from <alice@example.org> to 1 recipient (1 rejected)");
  CHECK(d.events[11].state_detail == "from <alice@example.org> to 2 recipients (1 rejected)");
  CHECK(d.events[12].code == 354);
  CHECK(d.events[13].type == EventType::data);
  CHECK(d.events[13].answers == 7);
  CHECK(detail(d.events[13], "Subject") == "hi");
  CHECK(d.events[14].verb == "QUIT");  // pipelined right after the body's "."
  CHECK(d.events[15].answers == 7);    // the message's reply answers DATA
  CHECK(d.events[15].state_key == "smtp.state.ready");
  CHECK(d.events[16].answers == 14);
  CHECK(d.events[16].state_key == "smtp.state.quit");
  CHECK(d.summary.messages == 1);
  CHECK(d.summary.errors == 1);
}

TEST_CASE("smtp pipelining: DATA refused without valid recipients, commands go on") {
  Transcript t = pipelining_start();
  t.client("MAIL FROM:<a@example.org>\r\nRCPT TO:<x@example.net>\r\nDATA\r\n")
      .server(
          "250 2.1.0 Ok\r\n550 5.1.1 <x@example.net>: Recipient address rejected\r\n"
          "554 5.5.1 Error: no valid recipients\r\n")
      .client("RSET\r\n")
      .server("250 2.0.0 Ok\r\n")
      .client("QUIT\r\n")
      .server("221 2.0.0 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 13);
  CHECK(d.events[8].code == 554);
  CHECK(d.events[8].answers == 5);
  CHECK(d.events[8].state_key == "smtp.state.transaction");
  CHECK(d.events[9].type == EventType::command);
  CHECK(d.events[9].verb == "RSET");
  CHECK(d.events[10].state_key == "smtp.state.ehlo");
  CHECK(find_event(d, EventType::data) == -1);
  CHECK(d.summary.messages == 0);
  CHECK(d.summary.errors == 2);
}

TEST_CASE("smtp pipelining: the body fed before the 354 waits for it") {
  // A capture whose packets were saved out of order across directions: the client's body
  // comes before the server's 354. The body must still be read as the message.
  Transcript t = pipelining_start();
  t.client("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n")
      .client("Subject: early\r\n\r\nQUIT is not a command here\r\n.\r\n")
      .server("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 go ahead\r\n")
      .server("250 2.0.0 Ok: queued\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 11);
  CHECK(d.events[6].code == 250);
  CHECK(d.events[8].code == 354);
  CHECK(d.events[9].type == EventType::data);
  CHECK(d.events[9].text == "Subject: early\n\nQUIT is not a command here");
  CHECK(d.events[10].answers == 5);
  CHECK(d.summary.messages == 1);
  CHECK(d.summary.commands == 4);
}

TEST_CASE("smtp pipelining: a refused DATA turns held bytes back into commands") {
  Transcript t = pipelining_start();
  t.client("MAIL FROM:<a@example.org>\r\nDATA\r\nQUIT\r\n")
      .server("250 2.1.0 Ok\r\n503 5.5.1 Error: need RCPT command\r\n221 2.0.0 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[6].code == 503);
  CHECK(d.events[7].verb == "QUIT");
  CHECK(d.events[8].answers == 7);
}

TEST_CASE("smtp chunking: BDAT chunks, pipelined, with LAST") {
  std::string first = "From: a@example.org\r\nSubject: chunks\r\n\r\n";
  std::string second = "line one\r\n.starts with a dot\r\n";
  Transcript t = pipelining_start();
  t.client("MAIL FROM:<a@example.org> BODY=BINARYMIME\r\nRCPT TO:<b@example.net>\r\n")
      .server("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n")
      .client("BDAT " + std::to_string(first.size()) + "\r\n" + first + "BDAT " +
              std::to_string(second.size()) + " LAST\r\n" + second)
      .server("250 2.0.0 Ok: " + std::to_string(first.size()) + " bytes\r\n")
      .server("250 2.0.0 Ok: queued as 1A2B3\r\n")
      .client("QUIT\r\n")
      .server("221 2.0.0 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 15);
  const DialogueEvent& bdat1 = d.events[7];
  CHECK(bdat1.verb == "BDAT");
  CHECK(detail(bdat1, "chunk size") == "40 bytes");
  const DialogueEvent& chunk1 = d.events[8];
  CHECK(chunk1.type == EventType::data);
  CHECK(chunk1.answers == 7);
  CHECK(chunk1.size_bytes == first.size());
  CHECK(chunk1.explain_key == "smtp.data.bdat");
  CHECK(detail(chunk1, "chunk") == "1");
  CHECK(detail(chunk1, "Subject") == "chunks");
  CHECK(chunk1.span.end - chunk1.span.begin == first.size());
  const DialogueEvent& bdat2 = d.events[9];
  CHECK(bdat2.verb == "BDAT");
  CHECK(detail(bdat2, "last chunk") == "yes");
  const DialogueEvent& chunk2 = d.events[10];
  CHECK(chunk2.text == "line one\n.starts with a dot");  // no dot-stuffing in BDAT
  CHECK(detail(chunk2, "chunk") == "2 (LAST)");
  CHECK(detail(chunk2, "lines") == "2");
  CHECK(d.events[11].answers == 7);
  CHECK(d.events[11].state_key == "smtp.state.data");
  CHECK(d.events[12].answers == 9);
  CHECK(d.events[12].state_key == "smtp.state.ready");
  CHECK(d.events[12].state_detail == "1 message sent");
  CHECK(d.summary.messages == 1);
}

TEST_CASE("smtp chunking: BDAT 0 LAST ends a message with an empty chunk") {
  std::string body = "Subject: x\r\n\r\nbody\r\n";
  Transcript t = pipelining_start();
  t.client("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nBDAT " +
           std::to_string(body.size()) + "\r\n" + body + "BDAT 0 LAST\r\n")
      .server("250 Ok\r\n250 Ok\r\n250 Ok\r\n250 Ok: queued\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 13);
  CHECK(d.events[6].type == EventType::data);
  CHECK(d.events[7].verb == "BDAT");
  CHECK(d.events[8].type == EventType::data);
  CHECK(d.events[8].size_bytes == 0);
  CHECK(d.events[8].text.empty());
  CHECK(detail(d.events[8], "chunk") == "2 (LAST)");
  CHECK(d.events[8].span.begin == d.events[7].span.end);
  CHECK(d.events[11].answers == 5);
  CHECK(d.events[12].answers == 7);
  CHECK(d.events[12].state_key == "smtp.state.ready");
  CHECK(d.summary.messages == 1);
}

TEST_CASE("smtp chunking: a malformed BDAT carries no chunk") {
  Transcript t = pipelining_start();
  t.client("BDAT lots\r\nNOOP\r\n").server("501 5.5.4 Syntax: BDAT count [LAST]\r\n250 Ok\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[3].malformed);
  CHECK(d.events[4].verb == "NOOP");
  CHECK(d.events[5].answers == 3);
  CHECK(d.events[6].answers == 4);
}

TEST_CASE("smtp pipelining: the FIFO is capped") {
  DecoderLimits limits;
  limits.max_pending_commands = 2;
  Transcript t;
  t.server("220 a ESMTP\r\n")
      .client("NOOP\r\nNOOP\r\nNOOP\r\n")
      .server("250 one\r\n250 two\r\n250 three\r\n");
  Dialogue d = decode_every_way(t, limits);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[4].answers == 1);
  CHECK(d.events[5].answers == 2);
  CHECK(d.events[6].answers == -1);  // its command did not fit in the FIFO
}
