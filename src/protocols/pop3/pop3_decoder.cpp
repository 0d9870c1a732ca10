// protocols/pop3/pop3_decoder.cpp — routing bytes: lines, listings, messages, TLS; gaps; finish.
//
// The other parts of Pop3Decoder live in pop3_client.cpp (commands), pop3_server.cpp
// (replies), pop3_auth.cpp (USER/PASS, APOP, SASL), pop3_state.cpp and pop3_tls.cpp.
#include "protocols/pop3/pop3_decoder.h"

#include <algorithm>
#include <utility>

#include "protocols/common/text.h"

namespace mailscope {

Pop3Decoder::Pop3Decoder(Dialogue& out, DecoderLimits limits)
    : ProtocolDecoder(out, limits),
      lines_{LineAssembler(limits.max_line_bytes), LineAssembler(limits.max_line_bytes)} {}

Pop3Decoder::~Pop3Decoder() = default;

void Pop3Decoder::feed(Direction direction, const uint8_t* bytes, size_t length,
                       const SegmentOrigin& origin) {
  if (finished_ || bytes == nullptr) return;
  SegmentOrigin at = origin;
  while (length > 0) {
    if (wire_ == Wire::tls) {
      feed_tls(direction, bytes, length, at);
      return;
    }
    if (wire_ == Wire::tls_pending) {
      // RFC 2595 §4: after "+OK" to STLS the next bytes are a TLS handshake, unless this is a
      // decrypted export. decide_wire() holds the first byte until a second one decides.
      if (!decide_wire(direction, bytes, length, at)) return;
      continue;  // decided (held bytes replayed): go on with these bytes in the new mode
    }
    size_t used = feed_text(direction, bytes, length, at);
    bytes += used;
    length -= used;
    at.stream_offset += used;
  }
}

// Consumes at least one byte: up to the end of one line, or into the message body.
size_t Pop3Decoder::feed_text(Direction direction, const uint8_t* bytes, size_t length,
                              const SegmentOrigin& origin) {
  if (direction == Direction::server_to_client && server_mode_ == ServerMode::message) {
    size_t used = message_->push(bytes, length, origin);
    if (message_->done()) finish_message(true);
    // A body that accepts nothing would stall the loop; treat that as the end of it.
    if (used == 0 && server_mode_ == ServerMode::message) finish_message(false);
    return used;
  }
  return feed_lines(direction, bytes, length, origin);
}

size_t Pop3Decoder::feed_lines(Direction direction, const uint8_t* bytes, size_t length,
                               const SegmentOrigin& origin) {
  const int side = index_of(direction);
  LineAssembler& line = lines_[side];
  size_t used = line.push(bytes, length, origin);
  if (line.complete()) {
    bool keep = true;
    if (resync_[side]) {
      resync_[side] = false;
      keep = starts_cleanly(direction, line.line());
    }
    if (!keep) {
      // The tail of a line whose start was lost: dropped, as part of what the gap took. It
      // still was a whole line to its receiver, so the pairing of replies keeps count.
      drop_tail_line(direction);
    } else if (direction == Direction::client_to_server) {
      on_client_line(line, false);
    } else if (server_mode_ == ServerMode::listing) {
      on_listing_line(line, false);
    } else {
      on_server_line(line, false);
    }
    line.clear();
  }
  return used == 0 ? length : used;  // never stall on a misbehaving assembler
}

void Pop3Decoder::gap(Direction direction, uint64_t length, const SegmentOrigin& origin) {
  if (finished_) return;
  if (wire_ == Wire::tls_pending) {
    // Bytes lost right after STLS: most likely the TLS handshake. Treat both sides as TLS.
    settle_wire(true);
  }
  if (wire_ == Wire::tls) {
    size_t first = out_.events.size();
    tls_->gap(direction, length, origin);
    stamp_new_events(first);
    return;
  }
  DialogueEvent e;
  e.type = EventType::gap;
  e.direction = direction;
  e.span.extend(origin, origin.stream_offset, length);
  e.size_bytes = length;
  e.explain_key = "gap";
  emit(std::move(e));

  const int side = index_of(direction);
  if (direction == Direction::server_to_client && server_mode_ == ServerMode::message) {
    // Inside a dot-stuffed body: the body goes on; keep looking for the terminating ".".
    message_->mark_gap(length);
    return;
  }
  // Line mode (and listings): the partial line is lost. The next line may be the tail of a
  // lost one; starts_cleanly() decides whether it is kept.
  lines_[side].clear();
  resync_[side] = true;
}

// The first line after a gap: the guide's rule is to drop it (it is usually the rest of a line
// cut by the gap), but TCP segments often end at line ends, so a line that begins like a POP3
// line (a known verb, a status indicator) is kept rather than losing, say, the "+OK" that
// follows a lost segment. Inside a listing only the final "." is taken: any other tail would
// pass for a listing line.
bool Pop3Decoder::starts_cleanly(Direction direction, std::string_view line) const {
  if (direction == Direction::client_to_server) {
    return is_auth_response(line) || find_pop3_command(line.substr(0, line.find(' '))) != nullptr;
  }
  if (server_mode_ == ServerMode::listing) return line == ".";  // the end is what matters
  return parse_pop3_status(line).kind != Pop3LineKind::other;
}

void Pop3Decoder::finish() {
  if (finished_) return;
  if (wire_ == Wire::tls_pending) {
    // The session ended before two bytes could decide: one held byte that starts a TLS record
    // is taken as TLS, anything else as text.
    bool tls = false;
    for (const HeldByte& h : held_) {
      if (h.have && h.byte >= 0x14 && h.byte <= 0x17) tls = true;
    }
    settle_wire(tls);
  }
  if (wire_ == Wire::tls) {
    size_t first = out_.events.size();
    tls_->finish();  // a record cut off by the end of the session
    stamp_new_events(first);
  } else {
    flush_partial_lines();
  }
  finished_ = true;
}

// RFC 1939 §3 lines end with CRLF; at the end of a session a line without one is still shown.
// A lost client command still gets its reply: a placeholder waits for it (answers = -1). A
// lost server reply still answered the oldest pending command.
void Pop3Decoder::drop_tail_line(Direction direction) {
  if (direction == Direction::client_to_server) {
    if (limits_.max_pending_commands == 0) return;
    if (pending_.size() >= limits_.max_pending_commands) pending_.pop_front();
    pending_.push_back(Pending{});
  } else if (server_mode_ == ServerMode::status && !pending_.empty()) {
    if (sasl_.active && pending_.front().event == sasl_.command_event) return;  // maybe a "+ "
    pending_.pop_front();
  }
}

void Pop3Decoder::flush_partial_lines() {
  auto keep = [this](Direction d) {
    const LineAssembler& line = lines_[index_of(d)];
    return !line.empty() && (!resync_[index_of(d)] || starts_cleanly(d, line.line()));
  };
  if (keep(Direction::client_to_server)) {
    on_client_line(lines_[index_of(Direction::client_to_server)], true);
  }
  LineAssembler& server = lines_[index_of(Direction::server_to_client)];
  if (server_mode_ == ServerMode::message) {
    finish_message(false);
  } else if (server_mode_ == ServerMode::listing) {
    if (keep(Direction::server_to_client)) on_listing_line(server, true);
    if (server_mode_ == ServerMode::listing) finish_listing(false);
  } else if (keep(Direction::server_to_client)) {
    on_server_line(server, true);
  }
  lines_[0].clear();
  lines_[1].clear();
}

int32_t Pop3Decoder::emit(DialogueEvent&& event) {
  event.state_key = TranslationKey::literal(state_key());
  detail_scratch_.clear();
  append_state_detail(detail_scratch_);
  event.state_detail = detail_scratch_;
  out_.events.push_back(std::move(event));
  return static_cast<int32_t>(out_.events.size() - 1);
}

// Printable, capped at max_text_bytes (cut at a UTF-8 boundary), with the truncation marker.
std::string Pop3Decoder::capped_text(std::string_view raw, uint64_t dropped,
                                     bool& truncated) const {
  std::string text = printable_text(raw);
  if (text.size() > limits_.max_text_bytes) {
    size_t cut = limits_.max_text_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    dropped += text.size() - cut;
    text.resize(cut);
  }
  truncated = truncated || dropped > 0;
  return with_truncation_marker(std::move(text), dropped);
}

}  // namespace mailscope
