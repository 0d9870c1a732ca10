// protocols/smtp/smtp_decoder.cpp — input scheduling (which direction may be read now), gaps,
// STARTTLS switching and event bookkeeping. The directions themselves are read in
// smtp_client.cpp and smtp_server.cpp.
//
// Why a queue: capture order normally puts the 354 before the body, the 334 before the SASL
// answer and the 220 before the ClientHello, but nothing forces a capture (or a test) to feed
// them so. A direction whose next bytes cannot be interpreted yet is "blocked" and its input
// waits in a queue; when the other direction unblocks it, the queued input is read before any
// input that arrived after it. Every piece of input carries an arrival number, and the drain
// loop always reads the oldest readable piece, so the result is the same for any split.
#include "protocols/smtp/smtp_decoder.h"

#include <algorithm>
#include <cstring>

namespace mailscope {

SmtpDecoder::SmtpDecoder(Dialogue& out, DecoderLimits limits)
    : ProtocolDecoder(out, limits),
      lines_{LineAssembler(limits.max_line_bytes), LineAssembler(limits.max_line_bytes)},
      replies_(limits.max_text_bytes),
      tls_(out) {}

SmtpDecoder::~SmtpDecoder() = default;

// [SECTION] scheduling

bool SmtpDecoder::blocked(Direction d) const {
  if (d == Direction::client_to_server) return client_mode_ == ClientMode::wait_reply;
  return server_mode_ == ServerMode::tls_wait;
}

void SmtpDecoder::enqueue(Direction d, const uint8_t* bytes, size_t length,
                          const SegmentOrigin& origin, uint64_t gap_length) {
  std::deque<QueuedInput>& q = queue_[index_of(d)];
  uint64_t arrival = next_seq_ - 1;  // the arrival number of the feed() or gap() in progress
  if (gap_length == 0 && !q.empty()) {
    QueuedInput& back = q.back();
    // Bytes of one packet fed in pieces become one piece again (bounded bookkeeping).
    if (back.gap_length == 0 && back.seq + 1 >= arrival &&
        back.origin.packet_number == origin.packet_number &&
        back.origin.time_ns == origin.time_ns &&
        back.origin.stream_offset + back.bytes.size() == origin.stream_offset) {
      back.bytes.append(reinterpret_cast<const char*>(bytes), length);
      back.seq = arrival;
      queued_bytes_[index_of(d)] += length;
      return;
    }
  }
  QueuedInput item;
  item.seq = arrival;
  item.origin = origin;
  item.gap_length = gap_length;
  if (gap_length == 0) {
    item.bytes.assign(reinterpret_cast<const char*>(bytes), length);
    queued_bytes_[index_of(d)] += length;
  }
  q.push_back(std::move(item));
}

size_t SmtpDecoder::run(Direction d, const uint8_t* bytes, size_t length,
                        const SegmentOrigin& origin) {
  Direction other = opposite(d);
  size_t used = 0;
  int stalls = 0;
  while (used < length && !blocked(d)) {
    bool other_was_blocked = blocked(other);
    SegmentOrigin at = origin;
    at.stream_offset += used;
    size_t n = d == Direction::client_to_server ? client_step(bytes + used, length - used, at)
                                                : server_step(bytes + used, length - used, at);
    used += n;
    // The other direction can be read again and has older input waiting: read that first.
    if (other_was_blocked && !blocked(other) && !queue_[index_of(other)].empty()) break;
    // Steps consume bytes or change the mode (at most twice in a row); never spin.
    stalls = n == 0 ? stalls + 1 : 0;
    if (stalls > 4) break;
  }
  return used;
}

void SmtpDecoder::drain() {
  if (draining_) return;
  draining_ = true;
  while (true) {
    int pick = -1;
    for (int i = 0; i < 2; ++i) {
      if (queue_[i].empty() || blocked(static_cast<Direction>(i))) continue;
      if (pick < 0 || queue_[i].front().seq < queue_[pick].front().seq) pick = i;
    }
    if (pick < 0) break;
    Direction d = static_cast<Direction>(pick);
    QueuedInput& item = queue_[pick].front();
    if (item.gap_length > 0) {
      uint64_t length = item.gap_length;
      SegmentOrigin origin = item.origin;
      queue_[pick].pop_front();
      apply_gap(d, length, origin);
      continue;
    }
    bool other_was_blocked = blocked(opposite(d));
    size_t used =
        run(d, reinterpret_cast<const uint8_t*>(item.bytes.data()), item.bytes.size(), item.origin);
    queued_bytes_[pick] -= used;
    if (used == item.bytes.size()) {
      queue_[pick].pop_front();
    } else {
      item.bytes.erase(0, used);
      item.origin.stream_offset += used;
      bool yielded = other_was_blocked && !blocked(opposite(d));
      if (used == 0 && !yielded && !blocked(d)) break;  // defensive: no progress possible
    }
  }
  draining_ = false;
}

void SmtpDecoder::feed(Direction direction, const uint8_t* bytes, size_t length,
                       const SegmentOrigin& origin) {
  if (length == 0 || bytes == nullptr) return;
  ++next_seq_;
  int i = index_of(direction);
  if (!queue_[i].empty() || blocked(direction)) {
    enqueue(direction, bytes, length, origin, 0);
  } else {
    size_t used = run(direction, bytes, length, origin);
    if (used < length) {
      SegmentOrigin rest = origin;
      rest.stream_offset += used;
      enqueue(direction, bytes + used, length - used, rest, 0);
    }
  }
  if (blocked(direction) && queued_bytes_[i] > hold_cap()) release_by_default(direction);
  drain();
}

void SmtpDecoder::gap(Direction direction, uint64_t length, const SegmentOrigin& origin) {
  if (length == 0) return;
  ++next_seq_;
  if (!queue_[index_of(direction)].empty() || blocked(direction)) {
    enqueue(direction, nullptr, 0, origin, length);
  } else {
    apply_gap(direction, length, origin);
  }
  drain();
}

// The reply that would unblock a direction never came (or too much waits for it): assume the
// usual one, as a server normally sends it, so nothing is held without bound.
void SmtpDecoder::release_by_default(Direction d) {
  if (d == Direction::client_to_server) {
    if (client_mode_ != ClientMode::wait_reply) return;
    switch (wait_for_) {
      case WaitFor::data:
        if (!pending_.empty() && pending_.back().verb == SmtpVerb::data) {
          pending_.back().body_accepted = true;
        }
        start_body();
        break;
      case WaitFor::auth:
        client_mode_ = held_bytes_look_like_command() ? ClientMode::command : ClientMode::sasl;
        break;
      case WaitFor::starttls:
        client_mode_ = ClientMode::tls_undecided;
        break;
    }
    return;
  }
  if (server_mode_ != ServerMode::tls_wait) return;
  // Decide from the server's own bytes: a TLS record header starts 0x14-0x17, 0x03.
  const std::string* first = nullptr;
  for (const QueuedInput& item : queue_[1]) {
    if (item.gap_length == 0 && !item.bytes.empty()) {
      first = &item.bytes;
      break;
    }
  }
  bool is_tls = true;
  if (first != nullptr) {
    uint8_t b0 = static_cast<uint8_t>((*first)[0]);
    is_tls = b0 >= 0x14 && b0 <= 0x17 &&
             (first->size() < 2 || static_cast<uint8_t>((*first)[1]) == 0x03);
  }
  leave_tls_undecided(is_tls);
}

// [SECTION] gaps and resynchronisation

void SmtpDecoder::apply_gap(Direction d, uint64_t length, const SegmentOrigin& origin) {
  int i = index_of(d);
  bool tls_side = d == Direction::client_to_server ? (client_mode_ == ClientMode::tls ||
                                                      client_mode_ == ClientMode::tls_undecided)
                                                   : server_mode_ == ServerMode::tls;
  if (tls_side) {
    if (d == Direction::client_to_server && client_mode_ == ClientMode::tls_undecided) {
      leave_tls_undecided(true);  // nothing readable to decide by; TLS is what STARTTLS announced
    }
    tls_gap(d, length, origin);
    return;
  }

  DialogueEvent e;
  e.type = EventType::gap;
  e.direction = d;
  e.span.extend(origin, origin.stream_offset, length);
  e.size_bytes = length;
  e.explain_key = "gap";

  if (d == Direction::client_to_server && client_mode_ == ClientMode::body) {
    // The guide's rule for dot-stuffed bodies: count the loss, keep looking for the ".".
    body_->mark_gap(length);
    body_gap_bytes_ += length;
    push_event(std::move(e));
    return;
  }
  if (d == Direction::client_to_server && client_mode_ == ClientMode::bdat) {
    // RFC 3030: the chunk length is known, so the loss is subtracted from what remains.
    uint64_t inside = std::min(length, chunk_left_);
    chunk_span_.extend(origin, origin.stream_offset, inside);
    chunk_left_ -= inside;
    chunk_gap_bytes_ += inside;
    int32_t index = push_event(std::move(e));
    if (chunk_left_ == 0) finish_chunk(true);
    if (inside == length) return;
    // The gap runs past the chunk: the next command line is cut, resync at its end.
    resync_[i] = true;
    resync_gap_event_[i] = index;
    resync_skipped_[i] = 0;
    return;
  }
  // Line modes: the partial line is lost; skip to the next LF.
  if (d == Direction::server_to_client) replies_.mark_gap();
  uint64_t partial = lines_[i].empty() ? 0 : lines_[i].span().end - lines_[i].span().begin;
  lines_[i].clear();
  int32_t index = push_event(std::move(e));
  resync_[i] = true;
  resync_gap_event_[i] = index;
  resync_skipped_[i] = partial;
}

size_t SmtpDecoder::resync_step(Direction d, const uint8_t* bytes, size_t length) {
  int i = index_of(d);
  const uint8_t* lf = static_cast<const uint8_t*>(std::memchr(bytes, '\n', length));
  size_t used = lf == nullptr ? length : static_cast<size_t>(lf - bytes) + 1;
  resync_skipped_[i] += used;
  if (lf != nullptr) {
    resync_[i] = false;
    int32_t index = resync_gap_event_[i];
    if (index >= 0 && static_cast<size_t>(index) < out_.events.size() && resync_skipped_[i] > 0) {
      out_.events[index].details.emplace_back("skipped to the next line",
                                              std::to_string(resync_skipped_[i]) + " bytes");
    }
    resync_gap_event_[i] = -1;
    resync_skipped_[i] = 0;
  }
  return used;
}

// [SECTION] STARTTLS (RFC 3207)

void SmtpDecoder::tls_feed(Direction d, const uint8_t* bytes, size_t length,
                           const SegmentOrigin& origin) {
  size_t first = out_.events.size();
  tls_.feed(d, bytes, length, origin);
  stamp_new_events(first);
}

void SmtpDecoder::tls_gap(Direction d, uint64_t length, const SegmentOrigin& origin) {
  size_t first = out_.events.size();
  tls_.gap(d, length, origin);
  bool reported = false;
  for (size_t k = first; k < out_.events.size(); ++k) {
    if (out_.events[k].type == EventType::gap) reported = true;
  }
  if (!reported) {
    DialogueEvent e;
    e.type = EventType::gap;
    e.direction = d;
    e.span.extend(origin, origin.stream_offset, length);
    e.size_bytes = length;
    e.explain_key = "gap";
    out_.events.push_back(std::move(e));
  }
  stamp_new_events(first);
}

// The client's first bytes after "220" to STARTTLS decided: TLS records, or (in a decrypted
// export) plain SMTP going on.
void SmtpDecoder::leave_tls_undecided(bool is_tls) {
  if (is_tls) {
    client_mode_ = ClientMode::tls;
    server_mode_ = ServerMode::tls;
    if (tls_probe_held_) {
      tls_probe_held_ = false;
      tls_feed(Direction::client_to_server, &tls_probe_, 1, tls_probe_origin_);
    }
    return;
  }
  client_mode_ = ClientMode::command;
  server_mode_ = ServerMode::lines;
  if (tls_probe_held_) {
    tls_probe_held_ = false;
    lines_[0].push(&tls_probe_, 1, tls_probe_origin_);  // 0x14-0x17: never ends a line
  }
}

// [SECTION] events

void SmtpDecoder::stamp_state(DialogueEvent& e) {
  e.state_key = TranslationKey::literal(facts_.state_key());
  detail_scratch_.clear();
  facts_.append_state_detail(detail_scratch_);
  e.state_detail = detail_scratch_;
}

int32_t SmtpDecoder::push_event(DialogueEvent&& e) {
  stamp_state(e);
  out_.events.push_back(std::move(e));
  return static_cast<int32_t>(out_.events.size() - 1);
}

void SmtpDecoder::stamp_new_events(size_t first) {
  for (size_t k = first; k < out_.events.size(); ++k) {
    DialogueEvent& e = out_.events[k];
    if (e.state_key.empty()) stamp_state(e);
  }
}

// [SECTION] end of the session

void SmtpDecoder::finish() {
  if (finished_) return;
  finished_ = true;
  release_by_default(Direction::client_to_server);
  release_by_default(Direction::server_to_client);
  drain();
  // Whatever is still queued could not be read (defensive; drain empties readable queues).
  for (int i = 0; i < 2; ++i) {
    Direction d = static_cast<Direction>(i);
    while (!queue_[i].empty()) {
      release_by_default(d);
      QueuedInput item = std::move(queue_[i].front());
      queue_[i].pop_front();
      if (item.gap_length > 0) {
        apply_gap(d, item.gap_length, item.origin);
      } else {
        run(d, reinterpret_cast<const uint8_t*>(item.bytes.data()), item.bytes.size(), item.origin);
      }
    }
    queued_bytes_[i] = 0;
  }

  // A partial line, body or chunk at the end still becomes an event.
  switch (client_mode_) {
    case ClientMode::command:
    case ClientMode::wait_reply:
      if (!lines_[0].empty() && !resync_[0]) on_command_line(false);
      break;
    case ClientMode::sasl:
      if (!lines_[0].empty() && !resync_[0]) on_sasl_line(false);
      break;
    case ClientMode::body:
      finish_body(false);
      break;
    case ClientMode::bdat:
      finish_chunk(false);
      break;
    case ClientMode::tls_undecided:
      leave_tls_undecided(true);
      break;
    case ClientMode::tls:
      break;
  }
  lines_[0].clear();
  if (server_mode_ == ServerMode::lines) {
    if (!lines_[1].empty() && !resync_[1]) {
      std::string_view line = lines_[1].line();
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      replies_.add_line(line, lines_[1].span(), lines_[1].dropped_bytes(), lines_[1].bare_lf());
      replies_.mark_gap();  // the reply's end was not seen
    }
    lines_[1].clear();
    if (replies_.collecting()) on_reply(replies_.take());
  }
  size_t first = out_.events.size();
  tls_.finish();
  stamp_new_events(first);
}

}  // namespace mailscope
