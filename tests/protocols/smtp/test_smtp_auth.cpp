// tests/protocols/smtp/test_smtp_auth.cpp — SMTP AUTH (RFC 4954): PLAIN with an initial response
// and after an empty 334, LOGIN with its Username:/Password: prompts (and with the user name as
// initial response, as Python's smtplib sends it), CRAM-MD5, XOAUTH2 and its error challenge,
// "*" cancel, and failures.
#include <catch2/catch.hpp>

#include "protocols/common/text.h"
#include "smtp_test_support.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

Transcript submission_start() {
  Transcript t;
  t.server("220 smtp.example.com ESMTP ready\r\n")
      .client("EHLO laptop.example\r\n")
      .server("250-smtp.example.com\r\n250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2\r\n250 8BITMIME\r\n");
  return t;
}

const std::string kPlainBlob = base64_encode(std::string("\0alice\0wonderland", 17));

}  // namespace

TEST_CASE("smtp auth: PLAIN with an initial response") {
  Transcript t = submission_start();
  t.client("AUTH PLAIN " + kPlainBlob + "\r\n")
      .server("235 2.7.0 Authentication successful\r\n")
      .client("MAIL FROM:<alice@example.com>\r\n")
      .server("250 2.1.0 Ok\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 7);
  const DialogueEvent& auth = d.events[3];
  CHECK(auth.type == EventType::command);
  CHECK(auth.verb == "AUTH");
  CHECK(auth.arguments == "PLAIN " + kPlainBlob);
  CHECK(auth.decoded == "user \"alice\", password \"wonderland\"");
  CHECK(detail(auth, "mechanism") == "PLAIN");
  REQUIRE(!auth.secrets.empty());
  CHECK(std::find(auth.secrets.begin(), auth.secrets.end(), kPlainBlob) != auth.secrets.end());
  CHECK(std::find(auth.secrets.begin(), auth.secrets.end(), "wonderland") != auth.secrets.end());
  const DialogueEvent& ok = d.events[4];
  CHECK(ok.code == 235);
  CHECK(ok.answers == 3);
  CHECK(ok.enhanced_code == "2.7.0");
  CHECK(ok.state_key == "smtp.state.authenticated");
  CHECK(ok.state_detail == "as alice");
  CHECK(d.events[6].state_detail == "as alice, from <alice@example.com>");
  CHECK(d.summary.auth_seen);
  CHECK(d.summary.auth_succeeded);
  CHECK(d.summary.auth_mechanism == "PLAIN");
  CHECK(d.summary.auth_user == "alice");
  CHECK(d.summary.cleartext_password_seen);
}

TEST_CASE("smtp auth: PLAIN after an empty 334 challenge") {
  Transcript t = submission_start();
  t.client("AUTH PLAIN\r\n")
      .server("334 \r\n")
      .client(kPlainBlob + "\r\n")
      .server("235 2.7.0 Authentication successful\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[3].decoded.empty());
  CHECK(d.events[4].type == EventType::continuation);
  CHECK(d.events[4].code == 334);
  CHECK(d.events[4].answers == 3);
  CHECK(d.events[4].decoded.empty());
  CHECK(d.events[4].explain_key == "smtp.reply.334");
  const DialogueEvent& answer = d.events[5];
  CHECK(answer.type == EventType::auth_response);
  CHECK(answer.text == kPlainBlob);
  CHECK(answer.answers == 3);
  CHECK(answer.decoded == "user \"alice\", password \"wonderland\"");
  CHECK(answer.explain_key == "sasl.plain");
  CHECK(d.events[6].state_detail == "as alice");
  CHECK(d.summary.commands == 2);  // the SASL answer is not a command
  CHECK(d.summary.cleartext_password_seen);
}

TEST_CASE("smtp auth: LOGIN prompts and answers") {
  Transcript t = submission_start();
  t.client("AUTH LOGIN\r\n")
      .server("334 VXNlcm5hbWU6\r\n")
      .client("YWxpY2U=\r\n")
      .server("334 UGFzc3dvcmQ6\r\n")
      .client("d29uZGVybGFuZA==\r\n")
      .server("235 2.7.0 Authentication successful\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[4].type == EventType::continuation);
  CHECK(d.events[4].decoded == "Username:");
  CHECK(d.events[5].type == EventType::auth_response);
  CHECK(d.events[5].decoded == "user \"alice\"");
  CHECK(d.events[5].explain_key == "sasl.login");
  CHECK(d.events[5].secrets == std::vector<std::string>{"YWxpY2U="});
  CHECK(d.events[5].state_key == "smtp.state.ehlo");
  CHECK(d.events[6].decoded == "Password:");
  CHECK(d.events[6].answers == 3);
  CHECK(d.events[7].decoded == "password \"wonderland\"");
  CHECK(d.events[7].secrets == std::vector<std::string>{"d29uZGVybGFuZA==", "wonderland"});
  CHECK(d.events[8].state_key == "smtp.state.authenticated");
  CHECK(d.events[8].state_detail == "as alice");
  CHECK(d.summary.auth_mechanism == "LOGIN");
  CHECK(d.summary.auth_user == "alice");
  CHECK(d.summary.cleartext_password_seen);
  CHECK(d.summary.auth_succeeded);
}

TEST_CASE("smtp auth: LOGIN with the user name as initial response (Python smtplib)") {
  Transcript t = submission_start();
  t.client("AUTH LOGIN YWxpY2U=\r\n")
      .server("334 UGFzc3dvcmQ6\r\n")
      .client("d29uZGVybGFuZA==\r\n")
      .server("535 5.7.8 Error: authentication failed: authentication failure\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[3].decoded == "user \"alice\"");
  CHECK(d.events[4].decoded == "Password:");
  CHECK(d.events[5].decoded == "password \"wonderland\"");
  CHECK(d.events[6].code == 535);
  CHECK(d.events[6].enhanced_code == "5.7.8");
  CHECK(d.events[6].answers == 3);
  CHECK(d.events[6].state_key == "smtp.state.ehlo");
  CHECK(d.summary.auth_seen);
  CHECK_FALSE(d.summary.auth_succeeded);
  CHECK(d.summary.cleartext_password_seen);
  CHECK(d.summary.errors == 1);
}

TEST_CASE("smtp auth: CRAM-MD5 shows the challenge and splits the answer") {
  // RFC 2195 §2's example exchange.
  Transcript t = submission_start();
  t.client("AUTH CRAM-MD5\r\n")
      .server("334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n")
      .client("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n")
      .server("235 2.7.0 Authentication successful\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[4].decoded == "<1896.697170952@postoffice.reston.mci.net>");
  const DialogueEvent& answer = d.events[5];
  CHECK(answer.explain_key == "sasl.cram-md5");
  CHECK(answer.decoded.find("user \"tim\"") == 0);
  CHECK(answer.decoded.find("b913a602c7eda7a495b4e6e7334d3890") != std::string::npos);
  CHECK(d.summary.auth_user == "tim");
  CHECK(d.summary.auth_mechanism == "CRAM-MD5");
  CHECK(d.summary.auth_succeeded);
  CHECK_FALSE(d.summary.cleartext_password_seen);
}

TEST_CASE("smtp auth: XOAUTH2 success and the error challenge") {
  std::string token_blob = base64_encode(
      "user=alice@example.com\x01"
      "auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01");
  Transcript good = submission_start();
  good.client("AUTH XOAUTH2 " + token_blob + "\r\n").server("235 2.7.0 Accepted\r\n");
  Dialogue d = decode_every_way(good);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[3].decoded.find("user \"alice@example.com\"") == 0);
  CHECK(std::find(d.events[3].secrets.begin(), d.events[3].secrets.end(), token_blob) !=
        d.events[3].secrets.end());
  CHECK(d.summary.auth_user == "alice@example.com");
  CHECK(d.summary.auth_succeeded);
  CHECK_FALSE(d.summary.cleartext_password_seen);

  std::string error_json =
      R"({"status":"401","schemes":"bearer","scope":"https://mail.google.com/"})";
  Transcript bad = submission_start();
  bad.client("AUTH XOAUTH2 " + token_blob + "\r\n")
      .server("334 " + base64_encode(error_json) + "\r\n")
      .client("\r\n")
      .server("535-5.7.8 Username and Password not accepted.\r\n535 5.7.8 Learn more\r\n");
  Dialogue e = decode_every_way(bad);
  REQUIRE(e.events.size() == 7);
  CHECK(e.events[4].type == EventType::continuation);
  CHECK(e.events[4].decoded == error_json);
  CHECK(e.events[5].type == EventType::auth_response);
  CHECK(e.events[5].decoded == "empty response");
  CHECK(e.events[6].code == 535);
  CHECK(e.events[6].text == "535-5.7.8 Username and Password not accepted.\n535 5.7.8 Learn more");
  CHECK_FALSE(e.summary.auth_succeeded);
}

TEST_CASE("smtp auth: the client cancels with *") {
  Transcript t = submission_start();
  t.client("AUTH LOGIN\r\n")
      .server("334 VXNlcm5hbWU6\r\n")
      .client("*\r\n")
      .server("501 5.7.0 Authentication aborted\r\n")
      .client("QUIT\r\n")
      .server("221 2.0.0 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[5].type == EventType::auth_response);
  CHECK(d.events[5].decoded == "cancelled");
  CHECK(d.events[5].explain_key == "sasl.cancelled");
  CHECK(d.events[5].secrets.empty());
  CHECK(d.events[6].code == 501);
  CHECK(d.events[7].type == EventType::command);  // back to commands after the final reply
  CHECK(d.events[7].verb == "QUIT");
  CHECK_FALSE(d.summary.auth_succeeded);
  CHECK_FALSE(d.summary.cleartext_password_seen);
}

TEST_CASE("smtp auth: a mechanism without a decoder still shows readable steps") {
  std::string client_first = base64_encode("n,,n=alice,r=rOprNGfwEbeRWgbNEkqO");
  Transcript t = submission_start();
  t.client("AUTH SCRAM-SHA-256 " + client_first + "\r\n")
      .server("334 " +
              base64_encode("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s="
                            "W22ZaJ0SNY7soEsUEjb6gQ==,i=4096") +
              "\r\n")
      .client("*\r\n")
      .server("501 5.7.0 Authentication aborted\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[3].decoded == "n,,n=alice,r=rOprNGfwEbeRWgbNEkqO");
  CHECK(d.events[3].secrets == std::vector<std::string>{client_first});
  CHECK(d.events[4].decoded.find("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0") == 0);
  CHECK(d.summary.auth_mechanism == "SCRAM-SHA-256");
}

TEST_CASE("smtp auth: 503 and 504 end the exchange") {
  Transcript t = submission_start();
  t.client("AUTH NTLM\r\n")
      .server("504 5.5.4 Unrecognized authentication type\r\n")
      .client("AUTH PLAIN " + kPlainBlob + "\r\n")
      .server("235 2.7.0 Authentication successful\r\n")
      .client("AUTH PLAIN " + kPlainBlob + "\r\n")
      .server("503 5.5.1 Error: already authenticated\r\n")
      .client("NOOP\r\n")
      .server("250 2.0.0 Ok\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 11);
  CHECK(d.events[4].code == 504);
  CHECK(d.events[5].type == EventType::command);
  CHECK(d.events[7].type == EventType::command);
  CHECK(d.events[8].code == 503);
  CHECK(d.events[8].state_key == "smtp.state.authenticated");
  CHECK(d.events[9].verb == "NOOP");
  CHECK(d.summary.auth_succeeded);
  CHECK(d.summary.errors == 2);
}
