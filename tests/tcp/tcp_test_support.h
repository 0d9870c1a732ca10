// tests/tcp/tcp_test_support.h — hand-built TCP segments and a listener that records streams.
//
// TestFlow builds DecodedPackets for one 4-tuple (sequence numbers relative to each side's
// ISN, so tests read like "client sends 'EHLO' at offset 0"). RecordingListener concatenates
// each direction's bytes, writing a gap of N bytes as "[N]", and checks the listener contract
// on the way: offsets tile the stream, on_open first, on_close once, nothing after it, and the
// DirectionStats byte counters match what was delivered.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "net/packet.h"
#include "tcp/stream_listener.h"
#include "tcp/tcp_reassembler.h"

namespace mailscope::test {

inline Endpoint endpoint(uint8_t last_octet, uint16_t port) {
  const uint8_t bytes[4] = {192, 0, 2, last_octet};
  return Endpoint{IpAddress::v4(bytes), port};
}

// One segment with its own copy of the payload (DecodedPacket only borrows bytes).
struct Segment {
  DecodedPacket packet;
  std::string bytes;
  const DecodedPacket& get() {
    packet.payload = reinterpret_cast<const uint8_t*>(bytes.data());
    return packet;
  }
};

inline constexpr uint8_t kAck = tcp_flag::ack, kPsh = tcp_flag::psh | tcp_flag::ack,
                         kSyn = tcp_flag::syn, kSynAck = tcp_flag::syn | tcp_flag::ack,
                         kFin = tcp_flag::fin | tcp_flag::ack, kRst = tcp_flag::rst;

class TestFlow {
 public:
  TestFlow(Endpoint client, Endpoint server, uint32_t client_isn, uint32_t server_isn)
      : client_(client), server_(server), client_isn_(client_isn), server_isn_(server_isn) {}

  // A raw segment. `wire` is the length sent (defaults to the payload); a shorter capture
  // (snap length) is made by passing a payload shorter than `wire`.
  Segment raw(bool from_client, uint8_t flags, uint32_t sequence, uint32_t ack,
              std::string data = "", int64_t wire = -1) {
    Segment s;
    s.bytes = std::move(data);
    DecodedPacket& p = s.packet;
    p.number = ++frame_number_;
    p.time_ns = static_cast<int64_t>(p.number) * 1'000'000;  // 1 ms apart
    p.status = DecodeStatus::tcp;
    const Endpoint& from = from_client ? client_ : server_;
    const Endpoint& to = from_client ? server_ : client_;
    p.ip.version = 4;
    p.ip.source = from.address;
    p.ip.destination = to.address;
    p.ip.protocol = 6;
    p.tcp.source_port = from.port;
    p.tcp.destination_port = to.port;
    p.tcp.sequence = sequence;
    p.tcp.acknowledgement = ack;
    p.tcp.flags = flags;
    p.tcp.window = 65535;
    p.tcp.header_length = 20;
    p.payload_length = static_cast<uint32_t>(s.bytes.size());
    p.tcp.payload_length_on_wire = wire < 0 ? p.payload_length : static_cast<uint32_t>(wire);
    return s;
  }
  // Data at `offset` of the client's (server's) stream, acknowledging `ack_offset` of the other.
  Segment client(uint64_t offset, std::string data, uint8_t flags = kPsh, uint64_t ack_offset = 0,
                 int64_t wire = -1) {
    return raw(true, flags, client_isn_ + 1 + static_cast<uint32_t>(offset),
               server_isn_ + 1 + static_cast<uint32_t>(ack_offset), std::move(data), wire);
  }
  Segment server(uint64_t offset, std::string data, uint8_t flags = kPsh, uint64_t ack_offset = 0,
                 int64_t wire = -1) {
    return raw(false, flags, server_isn_ + 1 + static_cast<uint32_t>(offset),
               client_isn_ + 1 + static_cast<uint32_t>(ack_offset), std::move(data), wire);
  }
  Segment syn(std::string data = "") { return raw(true, kSyn, client_isn_, 0, std::move(data)); }
  Segment syn_ack() { return raw(false, kSynAck, server_isn_, client_isn_ + 1); }
  Segment handshake_ack() { return raw(true, kAck, client_isn_ + 1, server_isn_ + 1); }

  void set_client_isn(uint32_t isn) { client_isn_ = isn; }
  uint64_t* frame_counter() { return &frame_number_; }

 private:
  Endpoint client_, server_;
  uint32_t client_isn_, server_isn_;
  uint64_t frame_number_ = 0;
};

struct RecordedSession {
  TcpSession at_open, at_close;
  bool closed = false;
  int close_calls = 0;
  std::string text[2];  // bytes and "[N]" gap markers, per Direction
  uint64_t next_offset[2] = {0, 0};
  uint64_t data_bytes[2] = {0, 0}, gap_bytes[2] = {0, 0};
  std::vector<uint64_t> packets;  // frame numbers given to on_packet, in order
};

class RecordingListener : public StreamListener {
 public:
  std::map<uint32_t, RecordedSession> sessions;
  std::vector<uint32_t> open_order, close_order;
  std::vector<std::string> errors;  // contract violations; tests require it empty

  void on_open(const TcpSession& s) override {
    if (sessions.count(s.id)) errors.push_back("on_open twice for " + std::to_string(s.id));
    sessions[s.id].at_open = s;
    open_order.push_back(s.id);
  }
  void on_packet(const TcpSession& s, Direction, const DecodedPacket& p) override {
    RecordedSession& r = check(s, "on_packet");
    r.packets.push_back(p.number);
  }
  void on_data(const TcpSession& s, Direction d, const uint8_t* bytes, size_t length,
               const SegmentOrigin& origin) override {
    RecordedSession& r = check(s, "on_data");
    int i = index_of(d);
    if (origin.stream_offset != r.next_offset[i]) errors.push_back("data offset not tiling");
    if (length == 0) errors.push_back("empty on_data");
    r.text[i].append(reinterpret_cast<const char*>(bytes), length);
    r.next_offset[i] += length;
    r.data_bytes[i] += length;
  }
  void on_gap(const TcpSession& s, Direction d, uint64_t length,
              const SegmentOrigin& origin) override {
    RecordedSession& r = check(s, "on_gap");
    int i = index_of(d);
    if (origin.stream_offset != r.next_offset[i]) errors.push_back("gap offset not tiling");
    if (length == 0) errors.push_back("empty on_gap");
    r.text[i] += "[" + std::to_string(length) + "]";
    r.next_offset[i] += length;
    r.gap_bytes[i] += length;
  }
  void on_close(const TcpSession& s) override {
    RecordedSession& r = check(s, "on_close");
    r.closed = true;
    ++r.close_calls;
    r.at_close = s;
    close_order.push_back(s.id);
    for (int i = 0; i < 2; ++i) {
      if (s.stats[i].delivered_bytes != r.data_bytes[i]) errors.push_back("delivered_bytes");
      if (s.stats[i].gap_bytes != r.gap_bytes[i]) errors.push_back("gap_bytes");
    }
  }

  const std::string& client_text(uint32_t id = 0) { return sessions[id].text[0]; }
  const std::string& server_text(uint32_t id = 0) { return sessions[id].text[1]; }

 private:
  RecordedSession& check(const TcpSession& s, const char* call) {
    auto it = sessions.find(s.id);
    if (it == sessions.end()) {
      errors.push_back(std::string(call) + " before on_open");
      return sessions[s.id];
    }
    if (it->second.closed) errors.push_back(std::string(call) + " after on_close");
    return it->second;
  }
};

}  // namespace mailscope::test
