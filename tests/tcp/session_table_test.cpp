// tests/tcp/session_table_test.cpp — sessions: roles, numbering, port reuse, closing, limits.
#include <catch2/catch.hpp>

#include "tcp/tcp_reassembler.h"
#include "tcp_test_support.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

bool is_port_143(uint16_t port, const void*) { return port == 143; }

void feed(TcpReassembler& r, Segment s) { r.add(s.get()); }

}  // namespace

TEST_CASE("a session picked up midstream is flagged and both directions decode") {
  RecordingListener listener;
  SECTION("the service port callback picks the server") {
    TcpReassembler r(listener, {}, &is_port_143);
    // The client's port (100) is lower than the server's, so only the callback gets it right.
    TestFlow flow(endpoint(1, 100), endpoint(2, 143), 300, 700);
    feed(r, flow.server(50, "* OK\r\n"));  // the server speaks first in the capture
    feed(r, flow.client(20, "a1 LOGOUT\r\n"));
    feed(r, flow.server(56, "* BYE\r\n"));
    r.finish();
    const TcpSession& s = listener.sessions[0].at_close;
    CHECK(s.server.port == 143);
    CHECK(s.client.port == 100);
  }
  SECTION("without a callback the lower port is the server") {
    TcpReassembler r(listener);
    TestFlow flow(endpoint(1, 51000), endpoint(2, 143), 300, 700);
    feed(r, flow.client(20, "a1 LOGOUT\r\n"));
    feed(r, flow.server(50, "* OK\r\n"));
    feed(r, flow.server(56, "* BYE\r\n"));
    r.finish();
    CHECK(listener.sessions[0].at_close.server.port == 143);
  }
  REQUIRE(listener.errors.empty());
  const TcpSession& s = listener.sessions[0].at_close;
  CHECK(s.midstream);
  CHECK_FALSE(s.handshake_complete);
  CHECK(listener.client_text() == "a1 LOGOUT\r\n");
  CHECK(listener.server_text() == "* OK\r\n* BYE\r\n");
  CHECK(s.from(Direction::server_to_client).initial_sequence == 700 + 1 + 50);
}

TEST_CASE("a capture that starts with the SYN/ACK makes its sender the server") {
  RecordingListener listener;
  TcpReassembler r(listener);
  TestFlow flow(endpoint(1, 25), endpoint(2, 60000), 10, 20);  // client port is the lower one
  feed(r, flow.syn_ack());
  feed(r, flow.handshake_ack());
  feed(r, flow.client(0, "HELO"));
  feed(r, flow.server(0, "250"));
  r.finish();
  REQUIRE(listener.errors.empty());
  const TcpSession& s = listener.sessions[0].at_close;
  CHECK(s.server.port == 60000);
  CHECK(s.client.port == 25);
  CHECK_FALSE(s.midstream);
  CHECK(s.from(Direction::client_to_server).initial_sequence == 10);
  CHECK(listener.client_text() == "HELO");
  CHECK(listener.server_text() == "250");
}

TEST_CASE("a full close: FIN both ways acknowledged closes the session at once") {
  RecordingListener listener;
  TcpReassembler r(listener);
  TestFlow flow(endpoint(1, 40000), endpoint(2, 110), 1, 2);
  feed(r, flow.syn());
  feed(r, flow.syn_ack());
  feed(r, flow.handshake_ack());
  feed(r, flow.client(0, "QUIT\r\n"));
  feed(r, flow.server(0, "+OK\r\n", kFin, 6));  // data + FIN
  feed(r, flow.client(6, "", kFin, 6));         // acks the server's FIN
  CHECK(r.open_sessions() == 1);                // the client's FIN is not acknowledged yet
  feed(r, flow.server(6, "", kAck, 7));
  REQUIRE(listener.errors.empty());
  CHECK(r.open_sessions() == 0);
  CHECK(listener.sessions[0].closed);
  CHECK(listener.sessions[0].at_close.end == EndReason::fin);
  CHECK(listener.sessions[0].packets.size() == 7);
  // A late duplicate ACK is a stray packet of the closed session, not a new session.
  feed(r, flow.server(6, "", kAck, 7));
  r.finish();
  CHECK(r.stats().stray_packets == 1);
  CHECK(r.stats().sessions == 1);
  CHECK(listener.sessions[0].close_calls == 1);
}

TEST_CASE("an ended session lingers for trailing packets, then closes with its reason") {
  RecordingListener listener;
  ReassemblyLimits limits;
  limits.linger_ns = 5'000'000;  // 5 packets of the test flow (1 ms apart)
  TcpReassembler r(listener, limits);
  TestFlow flow(endpoint(1, 40000), endpoint(2, 25), 1, 2);
  feed(r, flow.syn());
  feed(r, flow.server(0, "", kRst | kAck, 0));
  feed(r, flow.server(0, "", kRst | kAck, 0));  // trailing: still the same session
  CHECK(listener.sessions[0].packets.size() == 3);
  CHECK_FALSE(listener.sessions[0].closed);
  TestFlow other(endpoint(3, 40000), endpoint(2, 25), 1, 2);
  uint64_t* frames = other.frame_counter();
  *frames = 20;  // 17 ms later
  feed(r, other.syn());
  REQUIRE(listener.sessions[0].closed);
  CHECK(listener.sessions[0].at_close.end == EndReason::rst);
  r.finish();
  REQUIRE(listener.errors.empty());
}

TEST_CASE("port reuse: a new SYN after the old connection ends starts session 1") {
  RecordingListener listener;
  TcpReassembler r(listener);
  TestFlow flow(endpoint(1, 40000), endpoint(2, 25), 1000, 2000);
  feed(r, flow.syn());
  feed(r, flow.syn_ack());
  feed(r, flow.client(0, "first"));
  SECTION("after FIN both ways") {
    feed(r, flow.client(5, "", kFin));
    feed(r, flow.server(0, "", kFin, 6));
    // No final ACK captured: the session lingers until the next SYN.
    flow.set_client_isn(90000);
    feed(r, flow.syn());
    CHECK(listener.sessions[0].at_close.end == EndReason::fin);
  }
  SECTION("after a RST") {
    feed(r, flow.client(5, "", kRst));
    flow.set_client_isn(90000);
    feed(r, flow.syn());
    CHECK(listener.sessions[0].at_close.end == EndReason::rst);
  }
  SECTION("while still open") {
    flow.set_client_isn(90000);
    feed(r, flow.syn());
    CHECK(listener.sessions[0].at_close.end == EndReason::port_reused);
  }
  feed(r, flow.syn_ack());
  feed(r, flow.client(0, "second"));
  r.finish();
  REQUIRE(listener.errors.empty());
  REQUIRE(listener.sessions.size() == 2);
  CHECK(listener.open_order == std::vector<uint32_t>{0, 1});
  CHECK(listener.client_text(0) == "first");
  CHECK(listener.client_text(1) == "second");
  CHECK(listener.sessions[1].at_open.client.port == 40000);
  CHECK(r.stats().port_reuses == 1);
}

TEST_CASE("a retransmitted SYN (same ISN) stays in its session") {
  RecordingListener listener;
  TcpReassembler r(listener);
  TestFlow flow(endpoint(1, 40000), endpoint(2, 25), 1000, 2000);
  feed(r, flow.syn());
  feed(r, flow.syn());
  feed(r, flow.syn_ack());
  feed(r, flow.syn_ack());
  r.finish();
  REQUIRE(listener.errors.empty());
  CHECK(listener.sessions.size() == 1);
  CHECK(listener.sessions[0].packets.size() == 4);
}

TEST_CASE("sessions are numbered in order of their first packet, interleaved or not") {
  RecordingListener listener;
  TcpReassembler r(listener);
  TestFlow a(endpoint(1, 40001), endpoint(9, 25), 1, 2);
  TestFlow b(endpoint(2, 40002), endpoint(9, 110), 1, 2);
  TestFlow c(endpoint(3, 40003), endpoint(9, 143), 1, 2);
  feed(r, b.syn());
  feed(r, a.client(0, "a-mid"));  // midstream
  feed(r, b.syn_ack());
  feed(r, c.syn_ack());
  feed(r, a.server(0, "a-srv"));
  feed(r, c.client(0, "c1"));
  feed(r, b.client(0, "b1"));
  r.finish();
  REQUIRE(listener.errors.empty());
  REQUIRE(listener.sessions.size() == 3);
  CHECK(listener.sessions[0].at_open.server.port == 110);
  CHECK(listener.sessions[1].at_open.server.port == 25);
  CHECK(listener.sessions[2].at_open.server.port == 143);
  CHECK(listener.client_text(0) == "b1");
  CHECK(listener.client_text(1) == "a-mid");
  CHECK(listener.server_text(1) == "a-srv");
  CHECK(listener.client_text(2) == "c1");
  CHECK(listener.close_order == std::vector<uint32_t>{0, 1, 2});  // finish() closes by number
}

TEST_CASE("a full table evicts the session idle the longest") {
  RecordingListener listener;
  ReassemblyLimits limits;
  limits.max_sessions = 2;
  TcpReassembler r(listener, limits);
  TestFlow a(endpoint(1, 40001), endpoint(9, 25), 1, 2);
  TestFlow b(endpoint(2, 40002), endpoint(9, 25), 1, 2);
  TestFlow c(endpoint(3, 40003), endpoint(9, 25), 1, 2);
  feed(r, a.syn());
  feed(r, b.syn());
  feed(r, a.syn_ack());  // a is now more recent than b
  feed(r, a.client(0, "x"));
  feed(r, a.client(2, "z"));  // a hole in a, given up if a is evicted
  feed(r, c.syn());
  CHECK(r.open_sessions() == 2);
  REQUIRE(listener.sessions[1].closed);
  CHECK(listener.sessions[1].at_close.end == EndReason::evicted);
  feed(r, b.syn_ack());  // b is gone: this starts session 3
  CHECK(r.stats().sessions_evicted == 2);
  CHECK(listener.sessions[0].at_close.end == EndReason::evicted);
  CHECK(listener.client_text(0) == "x[1]z");
  r.finish();
  REQUIRE(listener.errors.empty());
  CHECK(r.stats().sessions == 4);
  CHECK(r.open_sessions() == 0);
  for (auto& [id, rec] : listener.sessions) CHECK(rec.close_calls == 1);
}

TEST_CASE("the idle timeout closes quiet sessions") {
  RecordingListener listener;
  ReassemblyLimits limits;
  limits.idle_timeout_ns = 3'000'000;
  TcpReassembler r(listener, limits);
  TestFlow a(endpoint(1, 40001), endpoint(9, 25), 1, 2);
  feed(r, a.syn());
  feed(r, a.syn_ack());
  *a.frame_counter() += 10;      // 10 ms of silence
  feed(r, a.handshake_ack());    // no payload after its session closed: stray
  feed(r, a.client(0, "late"));  // data opens a new, midstream session
  r.finish();
  REQUIRE(listener.errors.empty());
  CHECK(listener.sessions[0].at_close.end == EndReason::idle_timeout);
  CHECK(r.stats().sessions_timed_out == 1);
  CHECK(r.stats().stray_packets == 1);
  CHECK(listener.sessions.size() == 2);
  CHECK(listener.client_text(1) == "late");
  CHECK(listener.sessions[1].at_open.midstream);
}

TEST_CASE("packets that are not TCP are ignored") {
  RecordingListener listener;
  TcpReassembler r(listener);
  DecodedPacket p;
  p.status = DecodeStatus::not_tcp;
  r.add(p);
  r.finish();
  CHECK(r.stats().packets == 0);
  CHECK(listener.sessions.empty());
}

TEST_CASE("names of directions and end reasons") {
  CHECK(std::string(direction_name(Direction::client_to_server)) == "client");
  CHECK(std::string(direction_name(Direction::server_to_client)) == "server");
  CHECK(std::string(end_reason_name(EndReason::end_of_capture)) == "end of capture");
  CHECK(std::string(end_reason_name(EndReason::port_reused)) == "port reused");
  CHECK(std::string(end_reason_name(EndReason::rst)) == "rst");
}
