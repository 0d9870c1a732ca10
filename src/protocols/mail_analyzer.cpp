// protocols/mail_analyzer.cpp — see mail_analyzer.h for the pipeline.
#include "protocols/mail_analyzer.h"

#include <string>

namespace mailscope {
namespace {

bool is_mail_port(uint16_t port, const void* context) {
  return static_cast<const PortMap*>(context)->is_service_port(port);
}

// The event that opens every dialogue: the handshake, or the first packet seen when the
// capture started after it.
DialogueEvent open_event(const TcpSession& session) {
  DialogueEvent event;
  event.type = EventType::connection_open;
  event.direction = Direction::client_to_server;
  event.span.first_packet = event.span.last_packet = session.first_packet;
  event.span.first_time_ns = event.span.last_time_ns = session.first_time_ns;
  event.text = session.client.to_string() + " → " + session.server.to_string();
  event.explain_key = TranslationKey::literal(session.midstream ? "session.midstream" : "event.connection_open");
  return event;
}

DialogueEvent close_event(const TcpSession& session) {
  DialogueEvent event;
  event.type = EventType::connection_close;
  // The side whose RST or FIN ended it is not tracked separately; FIN/RST from the client
  // is the usual case after QUIT/LOGOUT, so the arrow is drawn from the client unless only
  // the server sent one.
  const DirectionStats& from_client = session.from(Direction::client_to_server);
  const DirectionStats& from_server = session.from(Direction::server_to_client);
  bool server_ended = (from_server.rst && !from_client.rst) || (from_server.fin && !from_client.fin);
  event.direction = server_ended ? Direction::server_to_client : Direction::client_to_server;
  event.span.first_packet = event.span.last_packet = session.last_packet;
  event.span.first_time_ns = event.span.last_time_ns = session.last_time_ns;
  event.text = end_reason_name(session.end);
  std::string key = std::string("end.") + end_reason_name(session.end);
  for (char& c : key) {
    if (c == ' ') c = '_';
  }
  event.explain_key = std::move(key);
  return event;
}

}  // namespace

MailAnalyzer::MailAnalyzer(AnalyzerOptions options)
    : options_(std::move(options)), defrag_(options_.defrag) {
  reassembler_ = std::make_unique<TcpReassembler>(static_cast<StreamListener&>(*this),
                                                  options_.reassembly, &is_mail_port,
                                                  &options_.ports);
}

MailAnalyzer::~MailAnalyzer() = default;

void MailAnalyzer::add_frame(const Frame& frame) {
  if (stats_.frames++ == 0) stats_.first_time_ns = frame.time_ns;
  stats_.last_time_ns = frame.time_ns;
  stats_.frame_bytes += frame.captured_length;
  switch (decode_frame(frame, packet_)) {
    case DecodeStatus::tcp:
      break;
    case DecodeStatus::ip_fragment:
      ++stats_.fragments;
      if (!defrag_.add(frame, packet_)) return;
      break;
    case DecodeStatus::not_tcp:
      ++stats_.not_tcp;
      return;
    case DecodeStatus::malformed:
      ++stats_.malformed;
      return;
    case DecodeStatus::unknown_link:
      ++stats_.unknown_link;
      return;
  }
  ++stats_.tcp_packets;
  reassembler_->add(packet_);
}

void MailAnalyzer::finish() { reassembler_->finish(); }

void MailAnalyzer::on_open(const TcpSession& session) {
  if (dialogues_.size() <= session.id) {
    dialogues_.resize(session.id + 1);
    decoders_.resize(session.id + 1);
  }
  auto dialogue = std::make_unique<Dialogue>();
  dialogue->session = session;
  dialogue->protocol = options_.ports.protocol_of(session.server.port);
  if (options_.decode) {
    // A mail session has a dozen or two events (21 on average in the benchmark corpus);
    // growing from one by doubling moved each (large) event about twice, and from 16 still
    // moved the first 16 of most sessions once. 32 events are 17 KB per open session; a kept
    // dialogue gives back what it did not use when it closes.
    dialogue->events.reserve(32);
    dialogue->events.push_back(open_event(session));
    decoders_[session.id] = make_decoder(dialogue->protocol, *dialogue, options_.decoder);
  }
  dialogues_[session.id] = std::move(dialogue);
}

void MailAnalyzer::on_packet(const TcpSession& session, Direction direction,
                             const DecodedPacket& packet) {
  Dialogue& dialogue = *dialogues_[session.id];
  dialogue.session = session;
  if (on_session_packet) on_session_packet(session, direction, packet);
}

void MailAnalyzer::on_data(const TcpSession& session, Direction direction, const uint8_t* bytes,
                           size_t length, const SegmentOrigin& origin) {
  if (on_session_data) on_session_data(session, direction, bytes, length, origin);
  if (ProtocolDecoder* decoder = decoders_[session.id].get()) {
    decoder->feed(direction, bytes, length, origin);
  }
}

void MailAnalyzer::on_gap(const TcpSession& session, Direction direction, uint64_t length,
                          const SegmentOrigin& origin) {
  if (on_session_gap) on_session_gap(session, direction, length, origin);
  if (ProtocolDecoder* decoder = decoders_[session.id].get()) {
    decoder->gap(direction, length, origin);
  }
}

void MailAnalyzer::on_close(const TcpSession& session) {
  Dialogue& dialogue = *dialogues_[session.id];
  dialogue.session = session;
  if (ProtocolDecoder* decoder = decoders_[session.id].get()) {
    decoder->finish();
    decoders_[session.id].reset();
  }
  if (options_.decode) dialogue.events.push_back(close_event(session));
  dialogue.closed = true;
  if (on_dialogue_closed) on_dialogue_closed(dialogue);
  if (!options_.keep_closed) {
    dialogues_[session.id].reset();
  } else {
    // A kept dialogue is complete: give back the room its vector grew into (up to half of it)
    // and its texts' spare capacity, since a large capture keeps many thousands of them.
    dialogue.events.shrink_to_fit();
    for (DialogueEvent& e : dialogue.events) e.text.shrink_to_fit();
  }
}

}  // namespace mailscope
