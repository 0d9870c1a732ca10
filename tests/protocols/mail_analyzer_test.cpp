// tests/protocols/mail_analyzer_test.cpp — the whole pipeline, frames in, dialogues out.
#include <catch2/catch.hpp>

#include "net/tcp_conversation.h"
#include "protocols/mail_analyzer.h"

using namespace mailscope;

namespace {

Endpoint v4(uint8_t last, uint16_t port) {
  uint8_t bytes[4] = {192, 0, 2, last};
  return {IpAddress::v4(bytes), port};
}

void feed(MailAnalyzer& analyzer, const TcpConversation& talk, uint64_t& number) {
  for (const BuiltFrame& f : talk.frames()) analyzer.add_frame(f.as_frame(++number));
}

TcpConversation smtp_session(uint16_t client_port, uint16_t server_port) {
  TcpConversation talk(v4(10, client_port), v4(25, server_port));
  talk.open();
  talk.send(TcpConversation::server, "220 mx.example.org ESMTP\r\n");
  talk.send(TcpConversation::client, "EHLO pc.example.org\r\n");
  talk.send(TcpConversation::server, "250-mx.example.org\r\n250 PIPELINING\r\n");
  talk.send(TcpConversation::client, "QUIT\r\n");
  talk.send(TcpConversation::server, "221 2.0.0 Bye\r\n");
  talk.close();
  return talk;
}

std::vector<EventType> types_of(const Dialogue& d) {
  std::vector<EventType> types;
  for (const DialogueEvent& e : d.events) types.push_back(e.type);
  return types;
}

}  // namespace

TEST_CASE("an SMTP session on port 25 becomes one dialogue, framed by open and close events") {
  MailAnalyzer analyzer;
  uint64_t number = 0;
  feed(analyzer, smtp_session(40000, 25), number);
  analyzer.finish();

  REQUIRE(analyzer.dialogues().size() == 1);
  const Dialogue& d = *analyzer.dialogues()[0];
  CHECK(d.protocol == Protocol::smtp);
  CHECK(d.closed);
  CHECK(d.session.end == EndReason::fin);
  CHECK(types_of(d) == std::vector<EventType>{EventType::connection_open, EventType::greeting,
                                              EventType::command, EventType::reply,
                                              EventType::command, EventType::reply,
                                              EventType::connection_close});
  CHECK(d.events[1].code == 220);
  CHECK(d.events[2].verb == "EHLO");
  CHECK(d.events[3].answers == 2);
  CHECK(d.events[5].enhanced_code == "2.0.0");
  CHECK(d.events.back().explain_key == "end.fin");
  CHECK(d.events.front().explain_key == "event.connection_open");
  CHECK(d.summary.commands == 2);
}

TEST_CASE("a port the user maps is decoded as that protocol; other ports are only numbered") {
  AnalyzerOptions options;
  std::string error;
  REQUIRE(options.ports.add_mapping("2525=smtp", error));
  MailAnalyzer analyzer(std::move(options));
  uint64_t number = 0;
  feed(analyzer, smtp_session(40001, 2525), number);
  feed(analyzer, smtp_session(40002, 8080), number);
  analyzer.finish();

  REQUIRE(analyzer.dialogues().size() == 2);
  CHECK(analyzer.dialogues()[0]->protocol == Protocol::smtp);
  CHECK(analyzer.dialogues()[0]->events.size() == 7);
  CHECK(analyzer.dialogues()[1]->protocol == Protocol::other);
  // Not decoded: only the open and close events.
  CHECK(types_of(*analyzer.dialogues()[1]) ==
        std::vector<EventType>{EventType::connection_open, EventType::connection_close});
}

TEST_CASE("sessions are numbered in order of their first packet, like tcp.stream") {
  TcpConversation first = smtp_session(40010, 25);
  TcpConversation second = smtp_session(40011, 25);
  // Interleave: second's SYN comes first, then first's packets, then the rest of second.
  MailAnalyzer analyzer;
  uint64_t number = 0;
  analyzer.add_frame(second.frames()[0].as_frame(++number));
  for (const BuiltFrame& f : first.frames()) analyzer.add_frame(f.as_frame(++number));
  for (size_t i = 1; i < second.frames().size(); ++i)
    analyzer.add_frame(second.frames()[i].as_frame(++number));
  analyzer.finish();
  REQUIRE(analyzer.dialogues().size() == 2);
  CHECK(analyzer.dialogues()[0]->session.client.port == 40011);
  CHECK(analyzer.dialogues()[1]->session.client.port == 40010);
}

TEST_CASE("implicit-TLS ports are shown as TLS records, never as text") {
  TcpConversation talk(v4(10, 40020), v4(25, 465));
  talk.open();
  // A TLS 1.2 record header (handshake, 0x0303) with a 4-byte ClientHello-like body.
  talk.send(TcpConversation::client, std::string("\x16\x03\x01\x00\x04\x01\x00\x00\x00", 9));
  talk.send(TcpConversation::server, std::string("\x17\x03\x03\x00\x03" "abc", 8));
  talk.close();
  MailAnalyzer analyzer;
  uint64_t number = 0;
  feed(analyzer, talk, number);
  analyzer.finish();
  const Dialogue& d = *analyzer.dialogues()[0];
  CHECK(d.protocol == Protocol::smtps);
  CHECK(d.summary.tls);
  size_t tls_events = 0;
  for (const DialogueEvent& e : d.events) {
    CHECK(e.type != EventType::command);
    CHECK(e.type != EventType::reply);
    if (e.type == EventType::tls) ++tls_events;
  }
  CHECK(tls_events >= 2);
}

TEST_CASE("with keep_closed off, closed dialogues are handed over and released") {
  AnalyzerOptions options;
  options.keep_closed = false;
  MailAnalyzer analyzer(std::move(options));
  std::vector<uint32_t> closed;
  analyzer.on_dialogue_closed = [&](Dialogue& d) { closed.push_back(d.stream()); };
  uint64_t number = 0;
  feed(analyzer, smtp_session(40030, 25), number);
  feed(analyzer, smtp_session(40031, 25), number);
  analyzer.finish();
  CHECK(closed == std::vector<uint32_t>{0, 1});
  REQUIRE(analyzer.dialogues().size() == 2);
  CHECK(analyzer.dialogues()[0] == nullptr);
  CHECK(analyzer.dialogues()[1] == nullptr);
}

TEST_CASE("frames that are not TCP are counted, not decoded") {
  MailAnalyzer analyzer;
  std::vector<uint8_t> garbage = {0x01, 0x02, 0x03};
  Frame frame;
  frame.number = 1;
  frame.link_type = 1;
  frame.captured_length = frame.original_length = 3;
  frame.data = garbage.data();
  analyzer.add_frame(frame);
  analyzer.finish();
  CHECK(analyzer.stats().frames == 1);
  CHECK(analyzer.stats().malformed == 1);
  CHECK(analyzer.dialogues().empty());
}
