// tcp/tcp_reassembler.cpp — the session table and each connection's life; see tcp_reassembler.h.
//
// [SECTION] Session state
// [SECTION] Table: lookup, creation, port reuse, eviction, expiry
// [SECTION] One segment of a session
// [SECTION] Closing
#include "tcp/tcp_reassembler.h"

#include <algorithm>
#include <deque>
#include <list>

#include "tcp/flow_key.h"
#include "tcp/sequence_space.h"
#include "tcp/stream_direction.h"

namespace mailscope {

// [SECTION] Session state

namespace {

struct Session {
  explicit Session(DirectionLimits limits)
      : streams{StreamDirection(limits), StreamDirection(limits)} {}

  TcpSession info;
  FlowKey key;
  StreamDirection streams[2];
  bool isn_known[2] = {false, false};  // stats[d].initial_sequence is the real ISN
  bool ended = false;                  // FIN both ways or RST: only trailing packets now
  bool fin_acked[2] = {false, false};
  uint32_t fin_sequence[2] = {0, 0};
  int64_t last_seen = 0, ended_at = 0;  // on the reassembler's clock
  std::list<Session*>::iterator lru_position, ended_position;
};

}  // namespace

struct TcpReassembler::Impl {
  Impl(StreamListener& l, ReassemblyLimits lim, IsServicePort service, const void* ctx,
       ReassemblyStats& s)
      : listener(l), limits(lim), is_service_port(service), context(ctx), stats(s) {}

  StreamListener& listener;
  ReassemblyLimits limits;
  IsServicePort is_service_port;
  const void* context;
  ReassemblyStats& stats;

  std::unordered_map<FlowKey, std::unique_ptr<Session>, FlowKeyHash> table;
  std::list<Session*> lru;                                    // least recently active first
  std::list<Session*> ended;                                  // ended sessions, earliest end first
  std::unordered_map<FlowKey, uint64_t, FlowKeyHash> closed;  // 4-tuple -> serial in closed_order
  std::deque<std::pair<FlowKey, uint64_t>> closed_order;
  uint64_t closed_serial = 0;
  uint32_t next_id = 0;
  int64_t now = 0;  // the latest packet time seen: a clock that never runs backwards
  bool clock_started = false;

  void add(const DecodedPacket& packet);
  void expire();
  bool starts_new_connection(const Session& s, Direction d, uint32_t sequence) const;
  Session* create(const FlowKey& key, const DecodedPacket& packet);
  void process(Session& s, const DecodedPacket& packet);
  void mark_ended(Session& s, EndReason reason);
  void close(Session& s, EndReason reason);
  void finish();

  StreamSink sink_for(Session& s, Direction d) {
    return StreamSink{&listener, &s.info, d, &s.info.stats[index_of(d)], &stats.holes_forced};
  }
  Direction direction_of(const Session& s, const DecodedPacket& packet) const {
    return packet.source() == s.info.client ? Direction::client_to_server
                                            : Direction::server_to_client;
  }
};

// [SECTION] Table: lookup, creation, port reuse, eviction, expiry

void TcpReassembler::Impl::add(const DecodedPacket& packet) {
  if (!packet.is_tcp()) return;
  ++stats.packets;
  if (!clock_started || packet.time_ns > now) now = packet.time_ns;
  clock_started = true;
  expire();

  FlowKey key = make_flow_key(packet.source(), packet.destination());
  uint8_t flags = packet.tcp.flags;
  bool bare_syn = (flags & (tcp_flag::syn | tcp_flag::ack)) == tcp_flag::syn;
  Session* session = nullptr;
  if (auto it = table.find(key); it != table.end()) {
    session = it->second.get();
    if (bare_syn &&
        starts_new_connection(*session, direction_of(*session, packet), packet.tcp.sequence)) {
      ++stats.port_reuses;
      close(*session, EndReason::port_reused);
      session = nullptr;
    }
  }
  if (!session) {
    bool nothing_to_open = !(flags & tcp_flag::syn) && packet.tcp.payload_length_on_wire == 0;
    if (nothing_to_open && closed.count(key)) {
      ++stats.stray_packets;  // the last ACK or a RST after its session closed
      return;
    }
    session = create(key, packet);
  }
  process(*session, packet);
}

// Wireshark (packet-tcp.c, dissect_tcp): a SYN whose sequence number differs from the base
// sequence already recorded for its side starts a new conversation; the same one is a
// retransmission. A side with no packets yet has no base, so its SYN joins the session.
bool TcpReassembler::Impl::starts_new_connection(const Session& s, Direction d,
                                                 uint32_t sequence) const {
  const DirectionStats& from = s.info.from(d);
  if (s.isn_known[index_of(d)]) return sequence != from.initial_sequence;
  return from.packets > 0 || s.ended;
}

void TcpReassembler::Impl::expire() {
  while (!ended.empty() && now - ended.front()->ended_at > limits.linger_ns) {
    close(*ended.front(), ended.front()->info.end);
  }
  if (limits.idle_timeout_ns <= 0) return;
  while (!lru.empty() && now - lru.front()->last_seen > limits.idle_timeout_ns) {
    ++stats.sessions_timed_out;
    close(*lru.front(), EndReason::idle_timeout);
  }
}

Session* TcpReassembler::Impl::create(const FlowKey& key, const DecodedPacket& packet) {
  while (!lru.empty() && table.size() >= limits.max_sessions) {
    ++stats.sessions_evicted;
    close(*lru.front(), EndReason::evicted);
  }
  DirectionLimits direction_limits{limits.max_buffered_bytes_per_direction,
                                   limits.max_buffered_segments_per_direction,
                                   limits.history_bytes_per_direction};
  auto owned = std::make_unique<Session>(direction_limits);
  Session& s = *owned;
  s.key = key;
  s.info.id = next_id++;
  ++stats.sessions;

  Endpoint source = packet.source(), destination = packet.destination();
  uint8_t flags = packet.tcp.flags;
  bool server_is_source;
  if (flags & tcp_flag::syn) {
    server_is_source = (flags & tcp_flag::ack) != 0;  // SYN/ACK first: its sender serves
  } else {
    // Picked up after the handshake: the service port decides, else the lower port.
    s.info.midstream = true;
    auto service = [&](uint16_t port) { return is_service_port && is_service_port(port, context); };
    if (service(destination.port)) {
      server_is_source = false;
    } else if (service(source.port)) {
      server_is_source = true;
    } else {
      server_is_source = source.port < destination.port;
    }
  }
  s.info.client = server_is_source ? destination : source;
  s.info.server = server_is_source ? source : destination;
  s.info.first_time_ns = packet.time_ns;
  s.info.first_packet = packet.number;

  lru.push_back(&s);
  s.lru_position = std::prev(lru.end());
  closed.erase(key);
  table.emplace(key, std::move(owned));
  listener.on_open(s.info);
  return &s;
}

// [SECTION] One segment of a session

void TcpReassembler::Impl::process(Session& s, const DecodedPacket& packet) {
  Direction d = direction_of(s, packet);
  int i = index_of(d), o = index_of(opposite(d));
  DirectionStats& stats_d = s.info.stats[i];
  StreamDirection& stream = s.streams[i];
  const TcpInfo& tcp = packet.tcp;
  uint8_t flags = tcp.flags;
  uint32_t wire = tcp.payload_length_on_wire;

  ++stats_d.packets;
  if (wire > 0) ++stats_d.payload_packets;
  if (packet.reassembled_from_fragments) s.info.ip_fragments = true;
  s.info.last_time_ns = packet.time_ns;
  s.info.last_packet = packet.number;
  s.last_seen = now;
  lru.splice(lru.end(), lru, s.lru_position);
  listener.on_packet(s.info, d, packet);

  PacketStamp ref{packet.number, packet.time_ns};
  StreamSink sink = sink_for(s, d);

  if (flags & tcp_flag::rst) {
    // RFC 9293 §3.10.7.4: a RST ends the connection; nothing after it is data. Its payload,
    // if any, is diagnostic text (§3.5.3), not stream bytes.
    stats_d.rst = true;
    s.streams[i].stop(sink, ref);
    s.streams[o].stop(sink_for(s, opposite(d)), ref);
    if (!s.ended) mark_ended(s, EndReason::rst);
    return;
  }

  uint32_t data_sequence = tcp.sequence;
  if (flags & tcp_flag::syn) {
    // RFC 9293 §3.4: the SYN occupies the ISN; data (TCP Fast Open, RFC 7413) follows it.
    stats_d.syn = true;
    data_sequence = tcp.sequence + 1;
    if (!stream.started()) {
      stream.start(data_sequence);
      stats_d.initial_sequence = tcp.sequence;
      s.isn_known[i] = true;
    }
    DirectionStats& stats_o = s.info.stats[o];
    if ((flags & tcp_flag::ack) && !s.streams[o].started()) {
      // A SYN/ACK acknowledges ISN + 1 of the other side, which is where its data starts.
      s.streams[o].start(tcp.acknowledgement);
      stats_o.initial_sequence = tcp.acknowledgement - 1;
      s.isn_known[o] = true;
    }
  } else if (!stream.started() && (wire > 0 || (flags & tcp_flag::fin))) {
    stream.start(tcp.sequence);  // midstream: the first byte seen is offset 0
    stats_d.initial_sequence = tcp.sequence;
  }

  bool control = flags & (tcp_flag::syn | tcp_flag::fin);
  if (!control && stream.is_keep_alive(tcp.sequence, packet.payload, packet.payload_length, wire)) {
    ++stats_d.keep_alives;  // RFC 9293 §3.8.4: a byte already acknowledged, not new data
  } else if (wire > 0) {
    stream.add(sink, data_sequence, packet.payload, packet.payload_length, wire, ref);
  }

  if ((flags & tcp_flag::fin) && !stats_d.fin) {
    stats_d.fin = true;
    s.fin_sequence[i] = data_sequence + wire;
    stream.finish_at(sink, s.fin_sequence[i], ref);
  }

  if (flags & tcp_flag::ack) {
    // RFC 9293 §3.6: a FIN is acknowledged by ACK = its sequence number + 1.
    if (s.info.stats[o].fin && sequence_at_or_after(tcp.acknowledgement, s.fin_sequence[o] + 1)) {
      s.fin_acked[o] = true;
    }
    // RFC 9293 §3.5: the third segment of the handshake acknowledges the server's ISN + 1.
    const DirectionStats& server = s.info.from(Direction::server_to_client);
    if (d == Direction::client_to_server && !(flags & tcp_flag::syn) && stats_d.syn && server.syn &&
        tcp.acknowledgement == server.initial_sequence + 1) {
      s.info.handshake_complete = true;
    }
  }

  if (s.info.stats[0].fin && s.info.stats[1].fin) {
    if (!s.ended) mark_ended(s, EndReason::fin);
    if (s.fin_acked[0] && s.fin_acked[1]) close(s, EndReason::fin);  // nothing more to expect
  }
}

// [SECTION] Closing

void TcpReassembler::Impl::mark_ended(Session& s, EndReason reason) {
  s.ended = true;
  s.ended_at = now;
  if (s.info.end == EndReason::open) s.info.end = reason;
  ended.push_back(&s);
  s.ended_position = std::prev(ended.end());
}

void TcpReassembler::Impl::close(Session& s, EndReason reason) {
  if (s.info.end == EndReason::open) s.info.end = reason;
  PacketStamp ref{s.info.last_packet, s.info.last_time_ns};
  s.streams[0].give_up_holes(sink_for(s, Direction::client_to_server), ref);
  s.streams[1].give_up_holes(sink_for(s, Direction::server_to_client), ref);
  listener.on_close(s.info);

  lru.erase(s.lru_position);
  if (s.ended) ended.erase(s.ended_position);
  if (limits.max_closed_remembered > 0) {
    closed[s.key] = ++closed_serial;
    closed_order.emplace_back(s.key, closed_serial);
    while (closed_order.size() > limits.max_closed_remembered) {
      auto [key, serial] = closed_order.front();
      closed_order.pop_front();
      if (auto it = closed.find(key); it != closed.end() && it->second == serial) closed.erase(it);
    }
  }
  FlowKey key = s.key;  // erasing destroys s
  table.erase(key);
}

void TcpReassembler::Impl::finish() {
  std::vector<Session*> open;
  open.reserve(table.size());
  for (auto& [key, session] : table) open.push_back(session.get());
  std::sort(open.begin(), open.end(),
            [](const Session* a, const Session* b) { return a->info.id < b->info.id; });
  for (Session* s : open) {
    bool any_fin = s->info.stats[0].fin || s->info.stats[1].fin;
    close(*s, any_fin ? EndReason::fin : EndReason::end_of_capture);
  }
  closed.clear();
  closed_order.clear();
}

TcpReassembler::TcpReassembler(StreamListener& listener, ReassemblyLimits limits,
                               IsServicePort is_service_port, const void* context)
    : impl_(std::make_unique<Impl>(listener, limits, is_service_port, context, stats_)) {}

TcpReassembler::~TcpReassembler() = default;

void TcpReassembler::add(const DecodedPacket& packet) { impl_->add(packet); }
void TcpReassembler::finish() { impl_->finish(); }
size_t TcpReassembler::open_sessions() const { return impl_->table.size(); }

}  // namespace mailscope
