// protocols/dialogue_builder.cpp — see dialogue_builder.h.
#include "protocols/dialogue_builder.h"

#include <string>

namespace mailscope {
namespace {

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

DialogueBuilder::DialogueBuilder(const PortMap& ports, DecoderLimits limits, bool decode,
                                 bool keep_closed)
    : ports_(ports), limits_(limits), decode_(decode), keep_closed_(keep_closed) {}

DialogueBuilder::~DialogueBuilder() = default;

void DialogueBuilder::make_room(uint32_t stream) {
  if (dialogues_.size() <= stream) {
    dialogues_.resize(stream + 1);
    decoders_.resize(stream + 1);
  }
}

void DialogueBuilder::open(const TcpSession& session) {
  make_room(session.id);
  auto dialogue = std::make_unique<Dialogue>();
  dialogue->session = session;
  dialogue->protocol = ports_.protocol_of(session.server.port);
  if (decode_) {
    // A mail session has a dozen or two events (21 on average in the benchmark corpus);
    // growing from one by doubling moved each (large) event about twice, and from 16 still
    // moved the first 16 of most sessions once. 32 events are 17 KB per open session; a kept
    // dialogue gives back what it did not use when it closes.
    dialogue->events.reserve(32);
    dialogue->events.push_back(open_event(session));
    decoders_[session.id] = make_decoder(dialogue->protocol, *dialogue, limits_);
  }
  dialogues_[session.id] = std::move(dialogue);
}

void DialogueBuilder::update(const TcpSession& session) { dialogues_[session.id]->session = session; }

void DialogueBuilder::data(uint32_t stream, Direction direction, const uint8_t* bytes,
                           size_t length, const SegmentOrigin& origin) {
  if (ProtocolDecoder* decoder = decoders_[stream].get()) decoder->feed(direction, bytes, length, origin);
}

void DialogueBuilder::gap(uint32_t stream, Direction direction, uint64_t length,
                          const SegmentOrigin& origin) {
  if (ProtocolDecoder* decoder = decoders_[stream].get()) decoder->gap(direction, length, origin);
}

void DialogueBuilder::end_dialogue(Dialogue& dialogue, const TcpSession& session) {
  dialogue.session = session;
  if (ProtocolDecoder* decoder = decoders_[session.id].get()) {
    decoder->finish();
    decoders_[session.id].reset();
  }
  if (decode_) dialogue.events.push_back(close_event(session));
  dialogue.closed = true;
}

void DialogueBuilder::deliver(uint32_t stream) {
  Dialogue& dialogue = *dialogues_[stream];
  if (on_closed) on_closed(dialogue);
  if (!keep_closed_) {
    dialogues_[stream].reset();
  } else {
    // A kept dialogue is complete: give back the room its vector grew into (up to half of it)
    // and its texts' spare capacity, since a large capture keeps many thousands of them.
    dialogue.events.shrink_to_fit();
    for (DialogueEvent& e : dialogue.events) e.text.shrink_to_fit();
  }
}

void DialogueBuilder::close(const TcpSession& session) {
  end_dialogue(*dialogues_[session.id], session);
  deliver(session.id);
}

std::unique_ptr<Dialogue> DialogueBuilder::release(const TcpSession& session) {
  end_dialogue(*dialogues_[session.id], session);
  return std::move(dialogues_[session.id]);
}

void DialogueBuilder::adopt(std::unique_ptr<Dialogue> dialogue) {
  uint32_t stream = dialogue->stream();
  make_room(stream);
  dialogues_[stream] = std::move(dialogue);
  deliver(stream);
}

}  // namespace mailscope
