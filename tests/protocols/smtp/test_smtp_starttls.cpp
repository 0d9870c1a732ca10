// tests/protocols/smtp/test_smtp_starttls.cpp — RFC 3207 STARTTLS: after "220" both directions
// are TLS records (never text), the decrypted-export exception (plain SMTP goes on), a refused
// STARTTLS (454), and the ClientHello fed before the 220.
#include <catch2/catch.hpp>

#include "smtp_test_support.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

std::string record(uint8_t type, uint8_t minor, const std::string& body) {
  std::string r;
  r += static_cast<char>(type);
  r += '\x03';
  r += static_cast<char>(minor);
  r += static_cast<char>(body.size() >> 8);
  r += static_cast<char>(body.size() & 0xff);
  return r + body;
}

std::string handshake(uint8_t type, const std::string& body) {
  std::string h;
  h += static_cast<char>(type);
  h += '\0';
  h += static_cast<char>(body.size() >> 8);
  h += static_cast<char>(body.size() & 0xff);
  return h + body;
}

// A TLS 1.3-style ClientHello and ServerHello with one cipher suite and no extensions; then
// ChangeCipherSpec and encrypted records, as they look on the wire.
std::string client_hello() {
  std::string body =
      "\x03\x03" + std::string(32, '\x5a') + std::string("\x00\x00\x02\x13\x01\x01\x00\x00\x00", 9);
  return record(0x16, 0x01, handshake(0x01, body));
}
std::string server_hello() {
  std::string body =
      "\x03\x03" + std::string(32, '\xa5') + std::string("\x00\x13\x01\x00\x00\x00", 6);
  return record(0x16, 0x03, handshake(0x02, body));
}
std::string change_cipher_spec() { return record(0x14, 0x03, "\x01"); }
std::string app_data(size_t n, char fill) { return record(0x17, 0x03, std::string(n, fill)); }

Transcript until_starttls() {
  Transcript t;
  t.server("220 mx.example.net ESMTP\r\n")
      .client("EHLO relay.example.org\r\n")
      .server("250-mx.example.net\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
      .client("STARTTLS\r\n");
  return t;
}

}  // namespace

TEST_CASE("smtp starttls: after 220 everything is TLS records") {
  Transcript t = until_starttls();
  t.server("220 2.0.0 Ready to start TLS\r\n")
      .client(client_hello())
      .server(server_hello() + change_cipher_spec() + app_data(40, '\x11'))
      .client(change_cipher_spec() + app_data(30, '\x22'))
      .client(app_data(25, '\x33'))  // "EHLO ..." inside TLS: never shown as a command
      .server(app_data(50, '\x44'));
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() > 6);
  CHECK(d.events[4].code == 220);
  CHECK(d.events[4].answers == 3);
  CHECK(d.events[4].state_key == "smtp.state.tls");
  CHECK(d.events[4].explain_key == "smtp.reply.220");
  for (size_t k = 5; k < d.events.size(); ++k) {
    INFO("event " << k);
    CHECK(d.events[k].type == EventType::tls);
    CHECK(d.events[k].state_key == "smtp.state.tls");
  }
  CHECK(d.events[5].direction == Direction::client_to_server);
  CHECK(d.events[5].span.begin == 34);  // right after "STARTTLS\r\n"
  CHECK(d.events[6].direction == Direction::server_to_client);
  uint64_t tls_bytes[2] = {0, 0};
  for (size_t k = 5; k < d.events.size(); ++k) {
    tls_bytes[index_of(d.events[k].direction)] += d.events[k].span.end - d.events[k].span.begin;
  }
  CHECK(tls_bytes[0] == client_hello().size() + change_cipher_spec().size() + 35 + 30);
  CHECK(tls_bytes[1] == server_hello().size() + change_cipher_spec().size() + 45 + 55);
  CHECK(d.summary.tls);
  CHECK(d.summary.commands == 2);
}

TEST_CASE("smtp starttls: the ClientHello fed before the 220 waits for it") {
  Transcript t = until_starttls();
  t.client(client_hello()).server("220 2.0.0 Ready to start TLS\r\n").server(server_hello());
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[4].code == 220);
  CHECK(d.events[5].type == EventType::tls);
  CHECK(d.events[5].direction == Direction::client_to_server);
  CHECK(d.events[6].type == EventType::tls);
  CHECK(d.events[6].direction == Direction::server_to_client);
  CHECK(d.summary.commands == 2);
}

TEST_CASE("smtp starttls: a decrypted export goes on as plain SMTP") {
  Transcript t = until_starttls();
  t.server("220 2.0.0 Ready to start TLS\r\n")
      .client("EHLO relay.example.org\r\n")
      .server("250-mx.example.net\r\n250-PIPELINING\r\n250 AUTH PLAIN\r\n")
      .client("MAIL FROM:<a@example.org>\r\n")
      .server("250 2.1.0 Ok\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 9);
  CHECK(d.events[4].state_key == "smtp.state.tls");
  CHECK(d.events[5].type == EventType::command);
  CHECK(d.events[5].verb == "EHLO");
  CHECK(d.events[5].state_key == "smtp.state.tls");
  CHECK(d.events[6].state_key == "smtp.state.ehlo");
  CHECK(d.events[6].state_detail == "relay.example.org, 2 capabilities, TLS");
  CHECK(d.events[8].state_detail == "from <a@example.org>, TLS");
  CHECK(d.summary.tls);
}

TEST_CASE("smtp starttls: 454 keeps the session in plain text") {
  Transcript t = until_starttls();
  t.server("454 4.7.0 TLS not available due to local problem\r\n")
      .client("QUIT\r\n")
      .server("221 2.0.0 Bye\r\n");
  Dialogue d = decode_every_way(t);
  REQUIRE(d.events.size() == 7);
  CHECK(d.events[4].code == 454);
  CHECK(d.events[4].state_key == "smtp.state.ehlo");
  CHECK(d.events[5].verb == "QUIT");
  CHECK_FALSE(d.summary.tls);
  CHECK(d.summary.errors == 1);
}

TEST_CASE("smtp starttls: a gap inside TLS is reported once") {
  Transcript t = until_starttls();
  t.server("220 2.0.0 Ready to start TLS\r\n")
      .client(client_hello())
      .server(server_hello())
      .gap(Direction::server_to_client, 500)
      .server(app_data(20, '\x55'));
  Dialogue d = decode_every_way(t);
  int gaps = 0;
  REQUIRE(d.events.size() > 5);
  for (size_t k = 5; k < d.events.size(); ++k) {
    const DialogueEvent& e = d.events[k];
    if (e.type == EventType::gap) {
      ++gaps;
      CHECK(e.size_bytes == 500);
      CHECK(e.direction == Direction::server_to_client);
      CHECK(e.state_key == "smtp.state.tls");
    }
    CHECK((e.type == EventType::tls || e.type == EventType::gap));
  }
  CHECK(gaps == 1);
}
