// tests/protocols/smtp/test_smtp_robustness.cpp — bad traffic is data: gaps in a line, in a
// body and in a BDAT chunk; over-long lines; bytes that are not UTF-8; junk replies; the end
// of the capture in the middle of a line, a body or a chunk; held bytes beyond the cap.
#include <catch2/catch.hpp>

#include "smtp_test_support.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

Transcript greeted() {
  Transcript t;
  t.server("220 mx.example.net ESMTP\r\n")
      .client("EHLO c.example\r\n")
      .server("250 mx.example.net\r\n");
  return t;
}

}  // namespace

TEST_CASE("smtp robustness: a gap in the middle of a command line") {
  Transcript t = greeted();
  t.client("MAIL FROM:<a@exa")
      .gap(Direction::client_to_server, 10)
      .client("mple.org>\r\nRCPT TO:<b@example.net>\r\n")
      .server("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 7);
  const DialogueEvent& gap = d.events[3];
  CHECK(gap.type == EventType::gap);
  CHECK(gap.direction == Direction::client_to_server);
  CHECK(gap.size_bytes == 10);
  CHECK(gap.explain_key == "gap");
  CHECK(gap.span.begin == 32);
  CHECK(gap.span.end == 42);
  // The partial line before (16 bytes) and the rest up to the LF (11 bytes) are skipped.
  CHECK(detail(gap, "skipped to the next line") == "27 bytes");
  CHECK(d.events[4].verb == "RCPT");
  // The MAIL command was lost, so its reply pairs with the RCPT (what a reader can know).
  CHECK(d.events[5].answers == 4);
  CHECK(d.events[6].answers == -1);
}

TEST_CASE("smtp robustness: a gap in a multi-line reply keeps the reply, marked") {
  Transcript t;
  t.server("220 mx ESMTP\r\n")
      .client("EHLO c\r\n")
      .server("250-mx\r\n250-PIPEL")
      .gap(Direction::server_to_client, 100)
      .server("ING\r\n250-SIZE 1000\r\n250 8BITMIME\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 4);
  CHECK(d.events[2].type == EventType::gap);
  CHECK(d.events[3].type == EventType::reply);
  CHECK(d.events[3].malformed);
  CHECK(d.events[3].answers == 1);
  CHECK(d.events[3].text == "250-mx\n250-SIZE 1000\n250 8BITMIME");
  CHECK(d.events[3].state_detail == "c, 2 capabilities");
}

TEST_CASE("smtp robustness: a gap in a DATA body, the end still found") {
  Transcript t = greeted();
  t.client("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n")
      .server("250 Ok\r\n250 Ok\r\n354 go\r\n")
      .client("Subject: lost\r\n\r\nfirst part")
      .gap(Direction::client_to_server, 1000)
      .client("last line\r\n.\r\n")
      .server("250 2.0.0 Ok: queued\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 12);
  CHECK(d.events[9].type == EventType::gap);
  CHECK(d.events[9].size_bytes == 1000);
  const DialogueEvent& body = d.events[10];
  CHECK(body.type == EventType::data);
  CHECK(detail(body, "missing bytes") == "1000");
  CHECK(body.text == "Subject: lost\n\nfirst part\nlast line");
  CHECK_FALSE(body.malformed);
  CHECK(d.events[11].answers == 5);
  CHECK(d.summary.messages == 1);
}

TEST_CASE("smtp robustness: the body's end lost in a gap ends at the server's reply") {
  Transcript t = greeted();
  t.client("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n")
      .server("250 Ok\r\n250 Ok\r\n354 go\r\n")
      .client("Subject: cut\r\n\r\nbody")
      .gap(Direction::client_to_server, 50)
      .server("250 2.0.0 Ok: queued\r\n")
      .client("QUIT\r\n")
      .server("221 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 14);
  CHECK(d.events[9].type == EventType::gap);
  CHECK(d.events[10].type == EventType::data);
  CHECK(d.events[10].malformed);
  CHECK(detail(d.events[10], "end") == "the final \".\" line was not seen");
  CHECK(d.events[11].answers == 5);
  CHECK(d.events[12].verb == "QUIT");
  CHECK(d.events[13].answers == 12);
}

TEST_CASE("smtp robustness: a gap inside a BDAT chunk is subtracted") {
  Transcript t = greeted();
  t.client("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nBDAT 100 LAST\r\n")
      .client(std::string(30, 'x'))
      .gap(Direction::client_to_server, 50)
      .client(std::string(20, 'y') + "QUIT\r\n")
      .server("250 Ok\r\n250 Ok\r\n250 Ok: queued\r\n221 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 13);
  CHECK(d.events[6].type == EventType::gap);
  const DialogueEvent& chunk = d.events[7];
  CHECK(chunk.type == EventType::data);
  CHECK(chunk.size_bytes == 100);
  CHECK(detail(chunk, "missing bytes") == "50");
  CHECK(chunk.text == std::string(30, 'x') + std::string(20, 'y'));  // the loss is a count
  CHECK_FALSE(chunk.line_truncated);
  CHECK(chunk.span.end - chunk.span.begin == 100);
  CHECK(d.events[8].verb == "QUIT");
  CHECK(d.events[9].answers == 3);
  CHECK(d.events[11].answers == 5);
  CHECK(d.events[11].state_detail == "1 message sent");
  CHECK(d.events[12].answers == 8);
}

TEST_CASE("smtp robustness: a gap running past the end of a BDAT chunk") {
  Transcript t = greeted();
  t.client("BDAT 10\r\n12345")
      .gap(Direction::client_to_server, 20)
      .client("cut command\r\nNOOP\r\n")
      .server("250 Ok\r\n250 Ok\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[4].type == EventType::gap);
  CHECK(d.events[5].type == EventType::data);
  CHECK(d.events[5].size_bytes == 10);
  CHECK(detail(d.events[4], "skipped to the next line") == "13 bytes");
  CHECK(d.events[6].verb == "NOOP");
}

TEST_CASE("smtp robustness: an over-long line is cut and counted") {
  DecoderLimits limits;
  limits.max_line_bytes = 64;
  Transcript t = greeted();
  t.client("RCPT TO:<" + std::string(200, 'a') + "@example.net>\r\n")
      .server("501 5.1.3 Bad recipient address syntax\r\n");
  Dialogue d = decode_every_way(t, limits);
  REQUIRE(d.events.size() == 5);
  const DialogueEvent& rcpt = d.events[3];
  CHECK(rcpt.line_truncated);
  CHECK(rcpt.verb == "RCPT");
  CHECK(rcpt.text == "RCPT TO:<" + std::string(55, 'a') + " …[158 more bytes]");
  CHECK(d.events[4].answers == 3);
}

TEST_CASE("smtp robustness: a long body keeps max_text_bytes of text, counts the rest") {
  DecoderLimits limits;
  limits.max_text_bytes = 32;
  Transcript t = greeted();
  std::string body;
  for (int i = 0; i < 10; ++i) body += "line number " + std::to_string(i) + "\r\n";
  t.client("DATA\r\n").server("354 go\r\n").client(body + ".\r\n").server("250 Ok\r\n");
  Dialogue d = decode_every_way(t, limits);
  REQUIRE(d.events.size() == 7);
  const DialogueEvent& data = d.events[5];
  CHECK(data.size_bytes == body.size());
  CHECK(data.line_truncated);
  CHECK(data.text.find("line number 0\nline number 1\n") == 0);
  CHECK(data.text.find("more bytes]") != std::string::npos);
  CHECK(detail(data, "lines") == "10");
}

TEST_CASE("smtp robustness: bytes that are not UTF-8 are escaped") {
  Transcript t = greeted();
  t.client("MAIL FROM:<caf\xe9@example.org>\r\n")
      .server("553 5.6.7 \xff\xfe not accepted\r\n")
      .client("DATA\r\n")
      .server("354 go\r\n")
      .client("Subject: caf\xe9\r\n\r\n\x01\x02\r\n.\r\n")
      .server("250 Ok\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[3].text == "MAIL FROM:<caf\\xE9@example.org>");
  CHECK(detail(d.events[3], "from") == "<caf\\xE9@example.org>");
  CHECK(d.events[4].text == "553 5.6.7 \\xFF\\xFE not accepted");
  CHECK(d.events[7].text == "Subject: caf\\xE9\n\n\\x01\\x02");
}

TEST_CASE("smtp robustness: junk from the server is an unknown reply, not paired") {
  Transcript t;
  t.server("HTTP/1.1 400 Bad Request\r\n").client("EHLO c\r\n").server("hello there\r\n250 ok\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 4);
  CHECK(d.events[0].type == EventType::reply);
  CHECK(d.events[0].unknown);
  CHECK(d.events[0].explain_key == "smtp.reply.unknown");
  CHECK(d.events[2].unknown);
  CHECK(d.events[2].answers == -1);
  CHECK(d.events[3].answers == 1);
}

TEST_CASE("smtp robustness: bare LF line ends are accepted and shown") {
  Transcript t;
  t.server("220 mx ESMTP\n").client("HELO c\n").server("250 mx\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 3);
  CHECK(d.events[0].type == EventType::greeting);
  CHECK(detail(d.events[1], "line end") == "LF without CR");
  CHECK(detail(d.events[2], "line end") == "LF without CR");
  CHECK(d.events[2].answers == 1);
}

TEST_CASE("smtp robustness: the capture ends in a line, a body, a chunk, a reply") {
  Transcript line = greeted();
  line.client("QUI");
  Dialogue a = decode_every_way(line);
  REQUIRE(a.events.size() == 4);
  CHECK(a.events[3].verb == "QUI");
  CHECK(a.events[3].malformed);
  CHECK(a.events[3].unknown);

  Transcript body = greeted();
  body.client("DATA\r\n").server("354 go\r\n").client("Subject: x\r\n\r\nunfinished");
  Dialogue b = decode_every_way(body);
  REQUIRE(b.events.size() == 6);
  CHECK(b.events[5].type == EventType::data);
  CHECK(b.events[5].malformed);
  CHECK(b.events[5].text == "Subject: x\n\nunfinished");

  Transcript chunk = greeted();
  chunk.client("BDAT 100\r\nabc");
  Dialogue c = decode_every_way(chunk);
  REQUIRE(c.events.size() == 5);
  CHECK(c.events[4].size_bytes == 3);
  CHECK(detail(c.events[4], "end") == "97 bytes of the chunk not seen");

  Transcript reply = greeted();
  reply.client("EHLO x\r\n").server("250-mx\r\n250-PIPELINING");
  Dialogue r = decode_every_way(reply);
  REQUIRE(r.events.size() == 5);
  CHECK(r.events[4].malformed);
  CHECK(r.events[4].text == "250-mx\n250-PIPELINING");
  CHECK(r.events[4].answers == 3);
}

TEST_CASE("smtp robustness: no reply to DATA: held bytes become the body at the cap") {
  DecoderLimits limits;
  limits.max_line_bytes = 64;
  limits.max_text_bytes = 128;
  Transcript t = greeted();
  std::string body;
  for (int i = 0; i < 40; ++i) body += "this is body line " + std::to_string(i) + "\r\n";
  t.client("DATA\r\n" + body + ".\r\n");
  Dialogue d = decode_every_way(t, limits, false);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[4].type == EventType::data);
  CHECK(d.events[4].size_bytes == body.size());
  CHECK_FALSE(d.events[4].malformed);
}

TEST_CASE("smtp robustness: no reply to AUTH: held lines are read at the end") {
  Transcript t = greeted();
  t.client("AUTH LOGIN\r\nYWxpY2U=\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[4].type == EventType::auth_response);
  CHECK(d.events[4].decoded == "user \"alice\"");

  Transcript plain = greeted();
  plain.client("AUTH PLAIN AGEAYg==\r\nMAIL FROM:<a@b>\r\n");
  Dialogue e = decode_every_way(plain);
  REQUIRE(e.events.size() == 5);
  CHECK(e.events[4].type == EventType::command);
  CHECK(e.events[4].verb == "MAIL");
}
