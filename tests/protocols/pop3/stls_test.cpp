// tests/protocols/pop3/stls_test.cpp — STLS (RFC 2595): TLS records after "+OK", a decrypted
// export that goes on in plain text, a refused STLS, and a gap right after the switch.
#include <catch2/catch.hpp>

#include "pop3_transcript.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

std::string record(uint8_t type, const std::string& body) {
  std::string r;
  r.push_back(static_cast<char>(type));
  r.push_back('\x03');
  r.push_back('\x03');
  r.push_back(static_cast<char>(body.size() >> 8));
  r.push_back(static_cast<char>(body.size() & 0xFF));
  return r + body;
}

// A minimal ClientHello: TLS 1.2, one cipher suite, no extensions.
std::string client_hello() {
  std::string hello = std::string("\x03\x03", 2) + std::string(32, '\x11') +
                      std::string("\x00", 1) + std::string("\x00\x02\x13\x01", 4) +
                      std::string("\x01\x00", 2) + std::string("\x00\x00", 2);
  std::string handshake = std::string("\x01\x00", 2);
  handshake.push_back(static_cast<char>(hello.size() >> 8));
  handshake.push_back(static_cast<char>(hello.size() & 0xFF));
  return record(0x16, handshake + hello);
}

Transcript stls_start() {
  Transcript t;
  t.server("+OK Dovecot ready.\r\n").client("STLS\r\n");
  return t;
}

}  // namespace

TEST_CASE("STLS: after +OK both directions are TLS records, never text") {
  Transcript t = stls_start();
  t.server("+OK Begin TLS negotiation now.\r\n")
      .client(client_hello())
      .server(record(0x16, std::string("\x02\x00\x00\x02\x03\x03", 6)))
      .client(record(0x17, std::string(40, '\x42')))
      .server(record(0x17, "USER looks like text but is encrypted\r\n"));
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() >= 6);
  CHECK(d.events[2].status == "+OK");
  CHECK(d.events[2].answers == 1);
  CHECK(d.events[2].state_key == "pop3.state.tls");
  CHECK(d.events[2].state_detail == "encrypted after STLS");
  for (size_t i = 3; i < d.events.size(); ++i) {
    INFO("event " << i);
    CHECK(d.events[i].type == EventType::tls);
    CHECK(d.events[i].state_key == "pop3.state.tls");
  }
  CHECK(d.events[3].direction == Direction::client_to_server);
  CHECK(d.events[3].span.begin == 6);
  CHECK(d.summary.tls);
  CHECK(d.summary.commands == 1);
}

TEST_CASE("STLS in a decrypted export: plain POP3 goes on") {
  Transcript t = stls_start();
  t.server("+OK Begin TLS negotiation now.\r\n")
      .client("CAPA\r\n")
      .server("+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n")
      .client("USER alice\r\nPASS wonderland\r\n")
      .server("+OK\r\n+OK Logged in.\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[3].type == EventType::command);
  CHECK(d.events[3].verb == "CAPA");
  CHECK(d.events[3].state_key == "pop3.state.authorization");
  CHECK(d.events[3].state_detail == "after STLS (decrypted capture)");
  CHECK(d.events[4].details.size() == 2);
  CHECK(d.events[8].state_key == "pop3.state.transaction");
  CHECK(d.summary.tls);
  CHECK(d.summary.cleartext_password_seen);
}

TEST_CASE("STLS refused: the dialogue stays plain text") {
  Transcript t = stls_start();
  t.server("-ERR TLS not available\r\n").client("USER bob\r\n").server("+OK\r\n");
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 5);
  CHECK(d.events[2].status == "-ERR");
  CHECK(d.events[2].state_key == "pop3.state.authorization");
  CHECK(d.events[3].verb == "USER");
  CHECK_FALSE(d.summary.tls);
}

TEST_CASE("STLS: the server's bytes after +OK in the same segment are TLS") {
  Transcript t = stls_start();
  t.server("+OK go\r\n" + record(0x15, std::string("\x02\x28", 2)));
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() == 4);
  CHECK(d.events[3].type == EventType::tls);
  CHECK(d.events[3].direction == Direction::server_to_client);
  CHECK(d.events[3].span.begin == 20 + 8);
}

TEST_CASE("STLS: a gap right after +OK is taken as the TLS handshake") {
  Transcript t = stls_start();
  t.server("+OK go\r\n")
      .gap(Direction::client_to_server, 300)
      .client(record(0x17, std::string(10, '\x01')));
  Dialogue d = run_every_way(t);
  REQUIRE(d.events.size() >= 4);
  CHECK(d.events[3].type == EventType::gap);
  CHECK(d.events[3].size_bytes == 300);
  for (size_t i = 3; i < d.events.size(); ++i) CHECK(d.events[i].state_key == "pop3.state.tls");
  CHECK(d.summary.tls);
}

TEST_CASE("STLS: one byte at the very end decides by itself") {
  SECTION("a TLS content type") {
    Transcript t = stls_start();
    t.server("+OK go\r\n").client("\x16");
    Dialogue d = run_every_way(t);
    CHECK(d.events.back().state_key == "pop3.state.tls");
    CHECK(d.events.size() >= 3);
  }
  SECTION("a letter") {
    Transcript t = stls_start();
    t.server("+OK go\r\n").client("Q");
    Dialogue d = run_every_way(t);
    REQUIRE(d.events.size() == 4);
    CHECK(d.events[3].verb == "Q");
    CHECK(d.events[3].malformed);
  }
}
