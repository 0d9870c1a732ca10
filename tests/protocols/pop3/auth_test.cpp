// tests/protocols/pop3/auth_test.cpp — USER/PASS, AUTH with SASL (RFC 5034): PLAIN with and
// without initial response, LOGIN, CRAM-MD5, XOAUTH2, cancel, bare AUTH; failures with codes.
#include <catch2/catch.hpp>

#include "pop3_transcript.h"

using namespace mailscope;
using namespace mailscope::test;

TEST_CASE("USER and PASS: the password is readable and marked secret") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("USER alice\r\n")
      .server("+OK\r\n")
      .client("PASS wrong\r\n")
      .server("-ERR [AUTH] Authentication failed.\r\n")
      .client("USER alice\r\n")
      .server("+OK\r\n")
      .client("PASS correct horse battery\r\n")
      .server("+OK Logged in.\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 9);
  const auto& ev = d.events;
  CHECK(ev[1].verb == "USER");
  CHECK(ev[1].decoded == "user \"alice\"");
  CHECK(detail(ev[1], "user") == "alice");
  CHECK(ev[1].secrets.empty());
  CHECK(ev[2].state_key == "pop3.state.authorization");
  CHECK(ev[2].state_detail == "user alice");
  CHECK(ev[3].verb == "PASS");
  CHECK(ev[3].decoded == "user \"alice\", password \"wrong\"");
  CHECK(ev[3].secrets == std::vector<std::string>{"wrong"});
  CHECK(ev[4].status == "-ERR");
  CHECK(ev[4].response_code == "AUTH");
  CHECK(ev[4].explain_key == "pop3.code.AUTH");
  CHECK(ev[4].state_key == "pop3.state.authorization");
  // RFC 1939 §7: the argument of PASS is the rest of the line, spaces included.
  CHECK(ev[7].decoded == "user \"alice\", password \"correct horse battery\"");
  CHECK(ev[7].secrets == std::vector<std::string>{"correct horse battery"});
  CHECK_FALSE(ev[7].malformed);
  CHECK(ev[8].state_key == "pop3.state.transaction");
  CHECK(d.summary.auth_mechanism == "USER/PASS");
  CHECK(d.summary.auth_user == "alice");
  CHECK(d.summary.cleartext_password_seen);
  CHECK(d.summary.auth_succeeded);
  CHECK(d.summary.errors == 1);
  CHECK(d.summary.commands == 4);
}

TEST_CASE("AUTH PLAIN with an initial response") {
  Transcript t;
  t.server("+OK Dovecot ready.\r\n")
      .client("AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n")
      .server("+OK Logged in.\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 3);
  CHECK(d.events[1].verb == "AUTH");
  CHECK(d.events[1].explain_key == "pop3.cmd.AUTH");
  CHECK(detail(d.events[1], "mechanism") == "PLAIN");
  CHECK(d.events[1].decoded == "user \"alice\", password \"wonderland\"");
  CHECK(d.events[1].secrets == std::vector<std::string>{"AGFsaWNlAHdvbmRlcmxhbmQ=", "wonderland"});
  CHECK(d.events[2].answers == 1);
  CHECK(d.events[2].state_key == "pop3.state.transaction");
  CHECK(d.events[2].state_detail == "user alice");
  CHECK(d.summary.auth_mechanism == "PLAIN");
  CHECK(d.summary.auth_user == "alice");
  CHECK(d.summary.cleartext_password_seen);
  CHECK(d.summary.auth_succeeded);
}

TEST_CASE("AUTH PLAIN without an initial response: empty challenge, then the answer") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("AUTH PLAIN\r\n")
      .server("+ \r\n")
      .client("AGFsaWNlAHdvbmRlcmxhbmQ=\r\n")
      .server("+OK\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[2].type == EventType::continuation);
  CHECK(d.events[2].answers == 1);
  CHECK(d.events[2].explain_key == "pop3.continuation");
  CHECK(d.events[2].decoded == "empty challenge: the client may send its response");
  CHECK(d.events[3].type == EventType::auth_response);
  CHECK(d.events[3].answers == 1);
  CHECK(d.events[3].explain_key == "sasl.plain");
  CHECK(d.events[3].decoded == "user \"alice\", password \"wonderland\"");
  CHECK(d.events[3].secrets.front() == "AGFsaWNlAHdvbmRlcmxhbmQ=");
  CHECK(d.events[4].type == EventType::reply);
  CHECK(d.events[4].answers == 1);
  CHECK(d.events[4].state_key == "pop3.state.transaction");
  CHECK(d.summary.commands == 1);  // an auth_response is not a command
}

TEST_CASE("AUTH LOGIN: base64 prompts and answers") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("AUTH LOGIN\r\n")
      .server("+ VXNlcm5hbWU6\r\n")
      .client("YWxpY2U=\r\n")
      .server("+ UGFzc3dvcmQ6\r\n")
      .client("d29uZGVybGFuZA==\r\n")
      .server("+OK Logged in.\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[2].decoded == "Username:");
  CHECK(d.events[3].decoded == "user \"alice\"");
  CHECK(d.events[3].secrets.empty());
  CHECK(d.events[4].decoded == "Password:");
  CHECK(d.events[5].decoded == "password \"wonderland\"");
  CHECK(d.events[5].secrets == std::vector<std::string>{"d29uZGVybGFuZA==", "wonderland"});
  CHECK(d.events[5].explain_key == "sasl.login");
  CHECK(d.events[6].state_key == "pop3.state.transaction");
  CHECK(d.summary.auth_user == "alice");
  CHECK(d.summary.cleartext_password_seen);
}

TEST_CASE("AUTH CRAM-MD5 (RFC 2195 example): the password is not sent") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("AUTH CRAM-MD5\r\n")
      .server("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n")
      .client("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n")
      .server("+OK CRAM authentication successful\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[2].decoded == "<1896.697170952@postoffice.reston.mci.net>");
  CHECK(d.events[3].decoded ==
        "user \"tim\", HMAC-MD5 digest b913a602c7eda7a495b4e6e7334d3890 (the password itself "
        "is not sent)");
  CHECK(d.events[3].explain_key == "sasl.cram-md5");
  CHECK(d.summary.auth_mechanism == "CRAM-MD5");
  CHECK(d.summary.auth_user == "tim");
  CHECK_FALSE(d.summary.cleartext_password_seen);
  CHECK(d.summary.auth_succeeded);
}

TEST_CASE("AUTH XOAUTH2 refused: JSON error challenge, empty answer, -ERR") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("AUTH XOAUTH2 dXNlcj1hbGljZUBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnRva2VuAQE=\r\n")
      .server("+ eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIn0=\r\n")
      .client("\r\n")
      .server("-ERR [AUTH] Invalid credentials\r\n")
      .client("QUIT\r\n")
      .server("+OK bye\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[1].decoded == "user \"alice@example.com\", OAuth 2.0 access token \"ya29.token\"");
  CHECK(std::find(d.events[1].secrets.begin(), d.events[1].secrets.end(), "ya29.token") !=
        d.events[1].secrets.end());
  CHECK(d.events[2].type == EventType::continuation);
  CHECK(d.events[2].decoded == "server error details {\"status\":\"401\",\"schemes\":\"bearer\"}");
  CHECK(d.events[3].type == EventType::auth_response);
  CHECK(d.events[3].decoded == "empty response");
  CHECK(d.events[4].answers == 1);
  CHECK(d.events[4].explain_key == "pop3.code.AUTH");
  // After the exchange ended, client lines are commands again.
  CHECK(d.events[5].type == EventType::command);
  CHECK(d.events[5].verb == "QUIT");
  CHECK(d.events[6].state_key == "pop3.state.closed");
  CHECK(d.events[6].state_detail == "signed off without logging in");
  CHECK_FALSE(d.summary.auth_succeeded);
}

TEST_CASE("AUTH cancelled by the client with *") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("AUTH PLAIN\r\n")
      .server("+ \r\n")
      .client("*\r\n")
      .server("-ERR Authentication aborted\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[3].type == EventType::auth_response);
  CHECK(d.events[3].decoded == "the client cancels the authentication");
  CHECK(d.events[3].explain_key == "sasl.cancelled");
  CHECK(d.events[3].secrets.empty());
  CHECK(d.events[4].status == "-ERR");
  CHECK(d.events[4].answers == 1);
}

TEST_CASE("Bare AUTH lists the mechanisms as a multi-line reply") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("AUTH\r\n")
      .server("+OK\r\nPLAIN\r\nLOGIN\r\nCRAM-MD5\r\n.\r\n")
      .client("AUTH SCRAM-SHA-1 biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM\r\n")
      .server("-ERR Unsupported authentication mechanism.\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[1].verb == "AUTH");
  CHECK(d.events[1].details.empty());
  CHECK(d.events[2].text == "+OK\nPLAIN\nLOGIN\nCRAM-MD5\n.");
  CHECK(d.events[2].details ==
        std::vector<std::pair<std::string, std::string>>{
            {"mechanism", "PLAIN"}, {"mechanism", "LOGIN"}, {"mechanism", "CRAM-MD5"}});
  // A mechanism without its own decoder: the base64 is shown decoded and kept secret.
  CHECK(d.events[3].decoded == "\"n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL\"");
  CHECK(d.events[3].secrets.size() == 2);
  CHECK(d.events[4].answers == 3);
  CHECK(d.summary.errors == 1);
}

TEST_CASE("A SASL answer whose challenge was lost in a gap is still an answer") {
  Transcript t;
  t.server("+OK ready\r\n")
      .client("AUTH PLAIN\r\n")
      .gap(Direction::server_to_client, 4)
      .client("AGFsaWNlAHdvbmRlcmxhbmQ=\r\n")
      .server("+OK\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[2].type == EventType::gap);
  CHECK(d.events[3].type == EventType::auth_response);
  CHECK(d.events[3].decoded == "user \"alice\", password \"wonderland\"");
  // The gap's resynchronisation ate the rest of the lost line: "+OK" is read after the next LF.
  CHECK(d.events[4].type == EventType::reply);
}
