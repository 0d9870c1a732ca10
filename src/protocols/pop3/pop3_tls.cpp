// protocols/pop3/pop3_tls.cpp — after "+OK" to STLS: TLS records, or a decrypted export.
//
// RFC 2595 §4: once the server has answered STLS with "+OK", the client starts the TLS
// handshake and from then on both directions carry TLS records (RFC 8446 §5.1: a record opens
// with a content type 0x14-0x17 and a version whose first byte is 0x03). Captures exported
// after decryption carry plain POP3 instead; the first two bytes that arrive (normally the
// client's) decide which it is, and they are replayed into the chosen reader.
#include "protocols/pop3/pop3_decoder.h"

namespace mailscope {
namespace {

bool is_record_type(uint8_t b) { return b >= 0x14 && b <= 0x17; }

}  // namespace

bool Pop3Decoder::decide_wire(Direction direction, const uint8_t* bytes, size_t length,
                              const SegmentOrigin& origin) {
  HeldByte& held = held_[index_of(direction)];
  const uint8_t first = held.have ? held.byte : bytes[0];
  bool tls = false;
  if (!is_record_type(first)) {
    tls = false;
  } else if (held.have) {
    tls = bytes[0] == 0x03;
  } else if (length >= 2) {
    tls = bytes[1] == 0x03;
  } else {
    held.have = true;  // one byte cannot decide: keep it with where it came from
    held.byte = bytes[0];
    held.origin = origin;
    return false;
  }
  settle_wire(tls);
  return true;
}

void Pop3Decoder::settle_wire(bool tls) {
  if (tls) {
    wire_ = Wire::tls;
    tls_.emplace(out_);
    state_ = State::tls;
  } else {
    wire_ = Wire::text;
    // RFC 2595 §4: after the TLS negotiation the session is still in AUTHORIZATION.
    state_ = State::authorization;
    decrypted_after_stls_ = true;
  }
  for (Direction d : {Direction::client_to_server, Direction::server_to_client}) {
    HeldByte& held = held_[index_of(d)];
    if (!held.have) continue;
    HeldByte replay = held;
    held = HeldByte{};
    feed(d, &replay.byte, 1, replay.origin);
  }
}

void Pop3Decoder::feed_tls(Direction direction, const uint8_t* bytes, size_t length,
                           const SegmentOrigin& origin) {
  size_t first = out_.events.size();
  tls_->feed(direction, bytes, length, origin);
  stamp_new_events(first);
}

// TlsRecordSummary knows nothing of POP3 states: give its events ours.
void Pop3Decoder::stamp_new_events(size_t first) {
  for (size_t i = first; i < out_.events.size(); ++i) {
    DialogueEvent& e = out_.events[i];
    if (e.state_key.empty()) {
      e.state_key = TranslationKey::literal(state_key());
      e.state_detail = state_detail();
    }
  }
}

}  // namespace mailscope
