// tests/protocols/smtp/test_smtp_real_clients.cpp — transcripts as real software writes them:
// Postfix relaying to Postfix (PIPELINING, SMTPUTF8, a rejected recipient), swaks submitting
// with AUTH LOGIN and its generated headers, Python smtplib (lower-case verbs, AUTH PLAIN,
// two messages). Every key the decoder produced must have its own explanation row.
#include <catch2/catch.hpp>

#include "dialogue/explanations.h"
#include "protocols/common/text.h"
#include "smtp_test_support.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

void require_explanations(const Dialogue& d) {
  for (const DialogueEvent& e : d.events) {
    INFO("explain key " << e.explain_key << ", state key " << e.state_key);
    CHECK(has_explanation(e.explain_key));
    CHECK(has_explanation(e.state_key));
    CHECK(explain(e.explain_key, Language::japanese) != explain(e.explain_key, Language::english));
  }
}

}  // namespace

TEST_CASE("smtp real: Postfix relays to Postfix with PIPELINING") {
  Transcript t;
  t.server("220 mx.example.net ESMTP Postfix (Debian/GNU)\r\n")
      .client("EHLO out.example.org\r\n")
      .server(
          "250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"
          "250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n")
      .client(
          "MAIL FROM:<news@example.org> SIZE=1543 BODY=8BITMIME SMTPUTF8\r\n"
          "RCPT TO:<ann@example.net> ORCPT=rfc822;ann@example.net\r\n"
          "RCPT TO:<gone@example.net> ORCPT=rfc822;gone@example.net\r\nDATA\r\n")
      .server(
          "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"
          "550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in local "
          "recipient table\r\n354 End data with <CR><LF>.<CR><LF>\r\n")
      .client(
          "Received: by out.example.org (Postfix, from userid 1000)\r\n"
          "\tid 4Zk2Q70x3Wz9sT; Mon, 23 Nov 2026 09:12:01 +0900 (JST)\r\n"
          "To: ann@example.net, gone@example.net\r\n"
          "Subject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=\r\n"
          "Message-Id: <20261123001201.4Zk2Q70x3Wz9sT@out.example.org>\r\n"
          "Date: Mon, 23 Nov 2026 09:12:01 +0900 (JST)\r\n"
          "From: news@example.org\r\n\r\n"
          "..hidden dot line\r\n"
          "See you.\r\n.\r\n")
      .server("250 2.0.0 Ok: queued as 4Zk2Q80Y1Mz9sV\r\n")
      .client("QUIT\r\n")
      .server("221 2.0.0 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 15);
  CHECK(d.events[2].state_detail == "out.example.org, 9 capabilities");
  CHECK(detail(d.events[3], "SMTPUTF8") == "");
  CHECK(count_details(d.events[3], "SMTPUTF8") == 1);
  CHECK(detail(d.events[4], "ORCPT") == "rfc822;ann@example.net");
  CHECK(d.events[9].code == 550);
  CHECK(d.events[9].answers == 5);
  CHECK(d.events[10].code == 354);
  CHECK(d.events[10].state_detail == "from <news@example.org> to 1 recipient (1 rejected)");
  const DialogueEvent& body = d.events[11];
  CHECK(body.type == EventType::data);
  CHECK(detail(body, "Subject") == "こんにちは");
  CHECK(detail(body, "Message-Id") == "<20261123001201.4Zk2Q70x3Wz9sT@out.example.org>");
  CHECK(detail(body, "From") == "news@example.org");
  CHECK(detail(body, "To") == "ann@example.net, gone@example.net");
  CHECK(detail(body, "dot-stuffed lines") == "1");
  CHECK(body.decoded == "Subject: こんにちは");
  CHECK(d.events[12].answers == 6);
  CHECK(d.events[14].state_key == "smtp.state.quit");
  CHECK(d.summary.messages == 1);
  CHECK(d.summary.errors == 1);
  require_explanations(d);
}

TEST_CASE("smtp real: swaks submits with AUTH LOGIN") {
  Transcript t;
  t.server("220 submit.example.com ESMTP Exim 4.96 Mon, 23 Nov 2026 01:02:03 +0000\r\n")
      .client("EHLO workstation.example.com\r\n")
      .server(
          "250-submit.example.com Hello workstation.example.com [192.0.2.10]\r\n250-SIZE "
          "52428800\r\n"
          "250-8BITMIME\r\n250-PIPELINING\r\n250-AUTH=LOGIN PLAIN\r\n250-AUTH LOGIN PLAIN\r\n"
          "250-CHUNKING\r\n250 HELP\r\n")
      .client("AUTH LOGIN\r\n")
      .server("334 VXNlcm5hbWU6\r\n")
      .client("dXNlckBleGFtcGxlLmNvbQ==\r\n")
      .server("334 UGFzc3dvcmQ6\r\n")
      .client("czNjcjN0\r\n")
      .server("235 Authentication succeeded\r\n")
      .client("MAIL FROM:<user@example.com>\r\n")
      .server("250 OK\r\n")
      .client("RCPT TO:<friend@example.org>\r\n")
      .server("250 Accepted\r\n")
      .client("DATA\r\n")
      .server("354 Enter message, ending with \".\" on a line by itself\r\n")
      .client(
          "Date: Mon, 23 Nov 2026 01:02:04 +0000\r\nTo: friend@example.org\r\n"
          "From: user@example.com\r\nSubject: test Mon, 23 Nov 2026 01:02:04 +0000\r\n"
          "Message-Id: <20261123010204.012345@workstation.example.com>\r\n"
          "X-Mailer: swaks v20240103.0 jetmore.org/john/code/swaks/\r\n\r\n"
          "This is a test mailing\r\n\r\n\r\n.\r\n")
      .server("250 OK id=1tE8Zk-000123-4R\r\n")
      .client("QUIT\r\n")
      .server("221 submit.example.com closing connection\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 19);
  CHECK(count_details(d.events[2], "auth mechanism") == 4);  // both AUTH lines listed
  CHECK(detail(d.events[2], "size limit") == "52428800 bytes");
  CHECK(d.events[2].state_detail == "workstation.example.com, 7 capabilities");
  CHECK(d.events[5].decoded == "user \"user@example.com\"");
  CHECK(d.events[7].decoded == "password \"s3cr3t\"");
  CHECK(d.events[8].state_detail == "as user@example.com");
  const DialogueEvent& body = d.events[15];
  CHECK(detail(body, "lines") == "10");
  CHECK(detail(body, "Subject") == "test Mon, 23 Nov 2026 01:02:04 +0000");
  CHECK(body.decoded.empty());
  CHECK(d.events[16].state_key == "smtp.state.ready");
  CHECK(d.events[16].state_detail == "as user@example.com, 1 message sent");
  CHECK(d.summary.auth_user == "user@example.com");
  CHECK(d.summary.cleartext_password_seen);
  require_explanations(d);
}

TEST_CASE("smtp real: Python smtplib, lower-case verbs, AUTH PLAIN, two messages") {
  std::string blob = base64_encode(std::string("\0bob\0hunter2", 12));
  Transcript t;
  t.server("220 localhost ESMTP Postfix (Ubuntu)\r\n")
      .client("ehlo [127.0.1.1]\r\n")
      .server(
          "250-localhost\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN\r\n250 "
          "SMTPUTF8\r\n")
      .client("AUTH PLAIN " + blob + "\r\n")
      .server("235 2.7.0 Authentication successful\r\n");
  for (int m = 1; m <= 2; ++m) {
    t.client("mail FROM:<bob@localhost> size=64\r\n")
        .server("250 2.1.0 Ok\r\n")
        .client("rcpt TO:<alice@localhost>\r\n")
        .server("250 2.1.5 Ok\r\n")
        .client("data\r\n")
        .server("354 End data with <CR><LF>.<CR><LF>\r\n")
        .client("Subject: number " + std::to_string(m) + "\r\n\r\nhi from python\r\n.\r\n")
        .server("250 2.0.0 Ok: queued as ABC" + std::to_string(m) + "\r\n");
  }
  t.client("quit\r\n").server("221 2.0.0 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 23);
  CHECK(d.events[1].verb == "EHLO");
  CHECK(d.events[1].arguments == "[127.0.1.1]");
  CHECK(d.events[5].verb == "MAIL");
  CHECK(detail(d.events[5], "SIZE") == "64");
  CHECK(d.events[9].verb == "DATA");
  CHECK(d.events[12].state_detail == "as bob, 1 message sent");
  CHECK(d.events[20].state_detail == "as bob, 2 messages sent");
  CHECK(d.events[21].verb == "QUIT");
  CHECK(d.events[22].state_key == "smtp.state.quit");
  CHECK(d.summary.messages == 2);
  CHECK(d.summary.auth_user == "bob");
  CHECK(d.summary.commands == 9);
  require_explanations(d);
}
