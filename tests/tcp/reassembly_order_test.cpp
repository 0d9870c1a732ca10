// tests/tcp/reassembly_order_test.cpp — one direction's bytes: order, holes, overlaps, limits.
#include <catch2/catch.hpp>

#include "tcp/tcp_reassembler.h"
#include "tcp_test_support.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

// A connection whose handshake has been fed; tests add data segments and call finish().
struct Fixture {
  RecordingListener listener;
  TcpReassembler reassembler;
  TestFlow flow;

  explicit Fixture(ReassemblyLimits limits = {}, uint32_t client_isn = 1000,
                   uint32_t server_isn = 5000)
      : reassembler(listener, limits),
        flow(endpoint(1, 40000), endpoint(2, 25), client_isn, server_isn) {
    feed(flow.syn());
    feed(flow.syn_ack());
    feed(flow.handshake_ack());
  }
  void feed(Segment s) { reassembler.add(s.get()); }
  const DirectionStats& client_stats() {
    return listener.sessions[0].at_close.from(Direction::client_to_server);
  }
};

}  // namespace

TEST_CASE("segments in order are delivered as one stream per direction") {
  Fixture f;
  f.feed(f.flow.server(0, "220 ready\r\n"));
  f.feed(f.flow.client(0, "EHLO a\r\n", kPsh, 11));
  f.feed(f.flow.server(11, "250 ok\r\n", kPsh, 8));
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "EHLO a\r\n");
  CHECK(f.listener.server_text() == "220 ready\r\n250 ok\r\n");
  const TcpSession& s = f.listener.sessions[0].at_close;
  CHECK(s.handshake_complete);
  CHECK_FALSE(s.midstream);
  CHECK(s.end == EndReason::end_of_capture);
  CHECK(s.from(Direction::server_to_client).delivered_bytes == 19);
  CHECK(s.from(Direction::server_to_client).payload_packets == 2);
  CHECK(s.from(Direction::client_to_server).packets == 3);  // SYN, ACK, data
  CHECK(s.from(Direction::client_to_server).initial_sequence == 1000);
}

TEST_CASE("out-of-order segments wait for the hole and are released in order") {
  Fixture f;
  f.feed(f.flow.client(0, "abc"));
  f.feed(f.flow.client(6, "ghi"));
  f.feed(f.flow.client(3, "def"));
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "abcdefghi");
  CHECK(f.client_stats().out_of_order == 1);
  CHECK(f.client_stats().gaps == 0);
}

TEST_CASE("segments in reverse order give the original stream") {
  Fixture f;
  const char* parts[] = {"one ", "two ", "three ", "four"};
  uint64_t offsets[] = {0, 4, 8, 14};
  for (int i = 3; i >= 0; --i) f.feed(f.flow.client(offsets[i], parts[i]));
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "one two three four");
  CHECK(f.client_stats().out_of_order == 3);
}

TEST_CASE("a retransmission is delivered once and counted") {
  Fixture f;
  f.feed(f.flow.client(0, "hello "));
  f.feed(f.flow.client(0, "hello "));  // duplicate of delivered data
  f.feed(f.flow.client(12, "third"));  // ahead of a hole
  f.feed(f.flow.client(12, "third"));  // duplicate of buffered data
  f.feed(f.flow.client(6, "world "));
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "hello world third");
  CHECK(f.client_stats().retransmissions == 2);
  CHECK(f.client_stats().retransmitted_bytes == 11);
  CHECK(f.client_stats().overlaps_conflicting == 0);
}

TEST_CASE("overlapping segments with different bytes: first data wins, conflict counted") {
  Fixture f;
  SECTION("overlap with delivered bytes") {
    f.feed(f.flow.client(0, "abcdef"));
    f.feed(f.flow.client(3, "XYZghi"));  // "def" vs "XYZ" differ, "ghi" is new
  }
  SECTION("overlap with buffered bytes") {
    f.feed(f.flow.client(3, "def"));
    f.feed(f.flow.client(3, "XYZghi"));
    f.feed(f.flow.client(0, "abc"));
  }
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "abcdefghi");
  CHECK(f.client_stats().overlaps_conflicting == 1);
  CHECK(f.client_stats().retransmissions == 1);
  CHECK(f.client_stats().retransmitted_bytes == 0);  // the 3 bytes seen again all differ
}

TEST_CASE("a segment covering several buffered pieces fills only the holes between them") {
  Fixture f;
  f.feed(f.flow.client(2, "cd"));
  f.feed(f.flow.client(6, "gh"));
  f.feed(f.flow.client(0, "abcdefghij"));
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "abcdefghij");
  CHECK(f.client_stats().retransmitted_bytes == 4);
}

TEST_CASE("a lost segment becomes a gap of its length, then later data follows") {
  Fixture f;
  f.feed(f.flow.client(0, "MAIL "));
  f.feed(f.flow.client(9, "tail"));  // bytes 5..8 never captured
  SECTION("given up at the sender's FIN") {
    f.feed(f.flow.client(13, "", kFin));
    CHECK(f.listener.client_text() == "MAIL [4]tail");
  }
  SECTION("given up at the sender's RST") {
    f.feed(f.flow.raw(true, kRst, 1000 + 1 + 13, 0));
    CHECK(f.listener.client_text() == "MAIL [4]tail");
  }
  SECTION("given up at a RST from the other side") {
    f.feed(f.flow.server(0, "", kRst));
    CHECK(f.listener.client_text() == "MAIL [4]tail");
  }
  SECTION("given up at finish()") {
    CHECK(f.listener.client_text() == "MAIL ");  // still waiting
    f.reassembler.finish();
    CHECK(f.listener.client_text() == "MAIL [4]tail");
  }
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.client_stats().gaps == 1);
  CHECK(f.client_stats().gap_bytes == 4);
  CHECK(f.client_stats().delivered_bytes == 9);
  CHECK(f.reassembler.stats().holes_forced == 0);
}

TEST_CASE("bytes missing right before a FIN are a gap, and the FIN takes one sequence number") {
  Fixture f;
  f.feed(f.flow.client(0, "QUIT\r\n"));
  f.feed(f.flow.client(10, "", kFin));     // 4 bytes lost, FIN at offset 10
  f.feed(f.flow.server(0, "", kFin, 11));  // acks FIN + 1
  f.feed(f.flow.client(11, "", kAck, 1));  // acks the server's FIN: closes
  REQUIRE(f.listener.errors.empty());
  REQUIRE(f.listener.sessions[0].closed);
  CHECK(f.listener.client_text() == "QUIT\r\n[4]");
  CHECK(f.listener.sessions[0].at_close.end == EndReason::fin);
  CHECK(f.reassembler.open_sessions() == 0);
}

TEST_CASE("the out-of-order buffer bound gives up the first hole") {
  ReassemblyLimits limits;
  limits.max_buffered_bytes_per_direction = 8;
  Fixture f(limits);
  f.feed(f.flow.client(0, "ab"));
  f.feed(f.flow.client(4, "efgh"));
  CHECK(f.listener.client_text() == "ab");
  f.feed(f.flow.client(10, "klmno"));  // 9 bytes buffered > 8: the hole at 2 is given up
  CHECK(f.listener.client_text() == "ab[2]efgh");
  CHECK(f.reassembler.stats().holes_forced == 1);
  f.feed(f.flow.client(8, "ij"));
  CHECK(f.listener.client_text() == "ab[2]efghijklmno");
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
}

TEST_CASE("the buffered segment bound gives up holes too") {
  ReassemblyLimits limits;
  limits.max_buffered_segments_per_direction = 2;
  Fixture f(limits);
  f.feed(f.flow.client(1, "b"));
  f.feed(f.flow.client(3, "d"));
  f.feed(f.flow.client(5, "f"));
  CHECK(f.listener.client_text() == "[1]b");
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "[1]b[1]d[1]f");
  CHECK(f.reassembler.stats().holes_forced == 1);
}

TEST_CASE("sequence numbers wrap across 2^32 with data spanning the wrap") {
  Fixture f({}, 0xFFFFFFF0u, 0xFFFFFFFEu);
  // Client data starts at 0xFFFFFFF1 and runs past 0; the server's starts at 0xFFFFFFFF.
  f.feed(f.flow.client(10, "KLMNOPQRST"));  // sequence 0xFFFFFFFB .. 0x00000004
  f.feed(f.flow.client(0, "ABCDEFGHIJ"));
  f.feed(f.flow.client(20, "after"));  // sequence 5: past the wrap
  f.feed(f.flow.server(0, "xy"));      // sequence 0xFFFFFFFF, 0
  f.feed(f.flow.server(2, "z"));
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "ABCDEFGHIJKLMNOPQRSTafter");
  CHECK(f.listener.server_text() == "xyz");
}

TEST_CASE("a segment cut by the snap length delivers what was captured and a gap") {
  Fixture f;
  f.feed(f.flow.client(0, "DATA", kPsh, 0, 10));  // 10 bytes sent, 4 captured
  f.feed(f.flow.client(10, "next"));
  f.feed(f.flow.client(20, "late", kPsh, 0, 6));  // out of order and cut
  f.feed(f.flow.client(14, "filler"));
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "DATA[6]nextfillerlate[2]");
  CHECK(f.client_stats().truncated_segments == 2);
  CHECK(f.client_stats().gap_bytes == 8);
}

TEST_CASE("keep-alives, zero-window probes and pure ACKs deliver nothing and open no gap") {
  Fixture f;
  f.feed(f.flow.client(0, "abc"));
  f.feed(f.flow.client(2, std::string(1, '\0'), kAck));  // keep-alive: 1 garbage byte at next - 1
  f.feed(f.flow.client(2, "", kAck));                    // keep-alive without data
  f.feed(f.flow.server(0, "", kAck, 3));                 // pure ACKs
  f.feed(f.flow.server(0, "", kAck, 3));
  f.feed(f.flow.client(3, "d"));  // zero-window probe: the next byte...
  f.feed(f.flow.client(3, "d"));  // ...sent again until the window opens
  f.feed(f.flow.client(3, "defg"));
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "abcdefg");
  CHECK(f.listener.server_text().empty());
  CHECK(f.client_stats().keep_alives == 2);
  CHECK(f.client_stats().retransmissions == 2);  // the repeated probe, and "d" inside "defg"
  CHECK(f.client_stats().overlaps_conflicting == 0);
  CHECK(f.client_stats().gaps == 0);
  CHECK(f.listener.sessions[0].at_close.from(Direction::server_to_client).packets == 3);
}

TEST_CASE("data carried by the SYN (TCP Fast Open) is delivered at offset 0") {
  RecordingListener listener;
  TcpReassembler reassembler(listener);
  TestFlow flow(endpoint(1, 40000), endpoint(2, 587), 7, 9);
  Segment syn = flow.syn("EHLO");
  reassembler.add(syn.get());
  reassembler.add(flow.syn_ack().get());
  reassembler.add(flow.client(4, " x\r\n").get());
  reassembler.finish();
  REQUIRE(listener.errors.empty());
  CHECK(listener.client_text() == "EHLO x\r\n");
}

TEST_CASE("data after a RST is ignored but its packets are still reported") {
  Fixture f;
  f.feed(f.flow.client(0, "abc"));
  f.feed(f.flow.server(0, "", kRst));
  f.feed(f.flow.client(3, "def"));
  f.feed(f.flow.server(0, "late"));
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "abc");
  CHECK(f.listener.server_text().empty());
  const TcpSession& s = f.listener.sessions[0].at_close;
  CHECK(s.end == EndReason::rst);
  CHECK(s.from(Direction::server_to_client).rst);
  CHECK(f.listener.sessions[0].packets.size() == 7);
  CHECK(s.from(Direction::client_to_server).out_of_window == 1);
}

TEST_CASE("retransmissions older than the history window are counted without comparison") {
  ReassemblyLimits limits;
  limits.history_bytes_per_direction = 4;
  Fixture f(limits);
  f.feed(f.flow.client(0, "abcdefgh"));
  f.feed(f.flow.client(0, "XXcdefgh"));  // "XX" is older than the 4 remembered bytes
  f.feed(f.flow.client(4, "efgX"));      // remembered: the last byte differs
  f.reassembler.finish();
  REQUIRE(f.listener.errors.empty());
  CHECK(f.listener.client_text() == "abcdefgh");
  CHECK(f.client_stats().overlaps_conflicting == 1);
  CHECK(f.client_stats().retransmitted_bytes == 8 + 3);
}
