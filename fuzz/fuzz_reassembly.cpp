// fuzz/fuzz_reassembly.cpp — libFuzzer target for TcpReassembler.
//
// The input is a sequence of 6-byte segment descriptions on four 4-tuples:
//   byte 0: bits 0-1 tuple, bit 2 sender (0 = first endpoint), bits 3-7 SYN/FIN/RST/ACK/time
//   byte 1-2: signed sequence delta from that side's running sequence number
//   byte 3: payload length sent; byte 4: bytes cut by the snap length; byte 5: content salt
// Tight limits make eviction, forced holes, lingering and port reuse common. The listener
// aborts when the contract in tcp/stream_listener.h breaks: offsets that do not tile, calls
// before on_open or after on_close, a second on_close, counters that disagree with what was
// delivered, or a session still open after finish().
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
//     fuzz/fuzz_reassembly.cpp src/tcp/*.cpp src/net/address.cpp -o fuzz_reassembly
#include <cstdint>
#include <cstdlib>
#include <map>
#include <vector>

#include "tcp/tcp_reassembler.h"

namespace {

using namespace mailscope;

struct Record {
  bool closed = false;
  uint64_t next[2] = {0, 0}, data[2] = {0, 0}, gaps[2] = {0, 0};
};

void check(bool ok) {
  if (!ok) std::abort();
}

class CheckingListener : public StreamListener {
 public:
  std::map<uint32_t, Record> sessions;

  void on_open(const TcpSession& s) override {
    check(!sessions.count(s.id));
    sessions[s.id];
  }
  void on_packet(const TcpSession& s, Direction, const DecodedPacket&) override { live(s); }
  void on_data(const TcpSession& s, Direction d, const uint8_t* bytes, size_t length,
               const SegmentOrigin& origin) override {
    Record& r = live(s);
    int i = index_of(d);
    check(length > 0 && bytes != nullptr && origin.stream_offset == r.next[i]);
    volatile uint8_t touch = bytes[0] ^ bytes[length - 1];  // ASan: the bytes must be readable
    (void)touch;
    r.next[i] += length;
    r.data[i] += length;
  }
  void on_gap(const TcpSession& s, Direction d, uint64_t length,
              const SegmentOrigin& origin) override {
    Record& r = live(s);
    int i = index_of(d);
    check(length > 0 && origin.stream_offset == r.next[i]);
    r.next[i] += length;
    r.gaps[i] += length;
  }
  void on_close(const TcpSession& s) override {
    Record& r = live(s);
    r.closed = true;
    check(s.end != EndReason::open);
    for (int i = 0; i < 2; ++i) {
      check(s.stats[i].delivered_bytes == r.data[i] && s.stats[i].gap_bytes == r.gaps[i]);
    }
  }

 private:
  Record& live(const TcpSession& s) {
    auto it = sessions.find(s.id);
    check(it != sessions.end() && !it->second.closed);
    return it->second;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CheckingListener listener;
  ReassemblyLimits limits;
  limits.max_buffered_bytes_per_direction = 600;
  limits.max_buffered_segments_per_direction = 8;
  limits.max_sessions = 3;
  limits.linger_ns = 40;
  limits.history_bytes_per_direction = 64;
  limits.max_closed_remembered = 2;
  TcpReassembler reassembler(listener, limits);

  static const uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
  uint32_t sequence[4][2] = {{100, 200}, {0xFFFFFF00u, 7}, {5, 0xFFFFFFF0u}, {1, 1}};
  std::vector<uint8_t> payload(512);
  int64_t time = 0;
  uint64_t number = 0;

  for (size_t at = 0; at + 6 <= size; at += 6) {
    const uint8_t* d = data + at;
    int tuple = d[0] & 3, side = (d[0] >> 2) & 1;
    uint8_t flags = 0;
    if (d[0] & 0x08) flags |= tcp_flag::syn;
    if (d[0] & 0x10) flags |= tcp_flag::fin;
    if ((d[0] & 0x60) == 0x60) flags |= tcp_flag::rst;
    if (d[0] & 0x40) flags |= tcp_flag::ack;
    if (d[0] & 0x80) time += 10;
    int16_t delta = static_cast<int16_t>(d[1] << 8 | d[2]);
    uint32_t wire = d[3];
    uint32_t captured = d[4] >= wire ? 0 : wire - d[4];
    uint32_t& seq = sequence[tuple][side];
    seq += static_cast<uint32_t>(delta);
    for (uint32_t i = 0; i < captured; ++i) payload[i] = static_cast<uint8_t>(seq + i + d[5]);

    DecodedPacket p;
    p.number = ++number;
    p.time_ns = time;
    p.status = DecodeStatus::tcp;
    p.ip.version = 4;
    p.ip.source = IpAddress::v4(side ? b : a);
    p.ip.destination = IpAddress::v4(side ? a : b);
    p.tcp.source_port = static_cast<uint16_t>(side ? 25 : 40000 + tuple);
    p.tcp.destination_port = static_cast<uint16_t>(side ? 40000 + tuple : 25);
    p.tcp.sequence = seq;
    p.tcp.acknowledgement = sequence[tuple][1 - side] + (d[5] & 3);
    p.tcp.flags = flags;
    p.tcp.payload_length_on_wire = wire;
    p.payload = payload.data();
    p.payload_length = captured;
    reassembler.add(p);
    seq += wire;
  }
  reassembler.finish();
  check(reassembler.open_sessions() == 0);
  for (auto& [id, record] : listener.sessions) check(record.closed);
  return 0;
}
