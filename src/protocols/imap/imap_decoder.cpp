// protocols/imap/imap_decoder.cpp — framing: lines, literals, gaps, STARTTLS; events and state.
//
// Each direction is in one of five modes: reading a line, reading the n bytes of a literal,
// skipping to the next LF after a gap, probing the first bytes after STARTTLS, or handing
// everything to the TLS record summary. See imap_decoder.h for the whole picture.
#include "protocols/imap/imap_decoder.h"

#include <algorithm>
#include <cstring>

#include "protocols/common/text.h"

namespace mailscope {
namespace {

constexpr size_t kTailBytes = 48;  // enough for "{18446744073709551615+}\r\n"

}  // namespace

ImapDecoder::ImapDecoder(Dialogue& out, DecoderLimits limits)
    : ProtocolDecoder(out, limits),
      sides_{Side(limits.max_line_bytes, limits.max_text_bytes),
             Side(limits.max_line_bytes, limits.max_text_bytes)},
      tls_(out) {}

// [SECTION] feeding bytes

void ImapDecoder::feed(Direction direction, const uint8_t* bytes, size_t length,
                       const SegmentOrigin& origin) {
  if (bytes == nullptr || length == 0) return;
  feed_side(direction, bytes, length, origin);
}

void ImapDecoder::feed_side(Direction direction, const uint8_t* bytes, size_t length,
                            const SegmentOrigin& origin) {
  Side& s = side(direction);
  size_t i = 0;
  while (i < length) {
    SegmentOrigin at = origin;
    at.stream_offset = origin.stream_offset + i;
    const uint8_t* p = bytes + i;
    size_t n = length - i;
    switch (s.mode) {
      case Mode::tls:
        feed_tls(direction, p, n, at);
        return;
      case Mode::tls_probe:
        i += probe_tls(direction, p, n, at);
        break;
      case Mode::resync: {
        // Gap in line mode: the partial line is lost; start again after the next LF.
        const uint8_t* lf = static_cast<const uint8_t*>(std::memchr(p, '\n', n));
        size_t used = lf == nullptr ? n : static_cast<size_t>(lf - p) + 1;
        s.skipped += used;
        i += used;
        if (lf != nullptr) {
          end_resync(s);
          s.mode = Mode::line;
        }
        break;
      }
      case Mode::literal: {
        // RFC 3501 §4.3: exactly n bytes, whatever they are (CRLF included).
        size_t take = static_cast<size_t>(std::min<uint64_t>(s.literal_left, n));
        s.message.add_literal_bytes(p, take);
        s.span.extend(at, at.stream_offset, take);
        s.literal_left -= take;
        i += take;
        if (s.literal_left == 0) s.mode = Mode::line;
        break;
      }
      case Mode::line: {
        size_t used = s.line.push(p, n, at);
        if (used == 0) return;  // cannot happen with n > 0; never spin
        s.span.extend(at, at.stream_offset, used);
        size_t keep = std::min(used, kTailBytes);
        s.tail.append(reinterpret_cast<const char*>(p + used - keep), keep);
        if (s.tail.size() > kTailBytes) s.tail.erase(0, s.tail.size() - kTailBytes);
        i += used;
        if (s.line.complete()) line_complete(direction);
        break;
      }
    }
  }
}

void ImapDecoder::line_complete(Direction direction) {
  Side& s = side(direction);
  std::string_view tail = s.tail;
  if (!tail.empty() && tail.back() == '\n') tail.remove_suffix(1);
  if (!tail.empty() && tail.back() == '\r') tail.remove_suffix(1);
  uint64_t size = 0;
  bool non_sync = false;
  bool literal = parse_literal_marker(tail, size, non_sync);
  const StreamSpan& line_span = s.line.span();
  if (s.line.bare_lf()) s.bare_lf = true;
  s.message.add_fragment(s.line.line(), s.line.dropped_bytes(), line_span.end - line_span.begin);
  s.line.clear();
  s.tail.clear();
  if (literal) {
    s.message.begin_literal(size, non_sync);
    // RFC 3501 §7.5: after a synchronising literal marker the client waits for "+".
    if (direction == Direction::client_to_server && !non_sync) client_awaits_go_ahead_ = true;
    if (size > 0) {
      s.mode = Mode::literal;
      s.literal_left = size;
    }
    return;
  }
  message_complete(direction);
}

void ImapDecoder::message_complete(Direction direction) {
  if (direction == Direction::client_to_server) {
    client_awaits_go_ahead_ = false;
    on_client_message();
  } else {
    on_server_message();
    greeting_seen_ = true;
  }
  Side& s = side(direction);
  s.message.clear();
  s.span = StreamSpan{};
  s.bare_lf = false;
}

// A line (and its literals) cut short by a gap or by the end of the capture: kept verbatim.
void ImapDecoder::flush_partial(Direction direction, const char* why) {
  Side& s = side(direction);
  if (!s.line.empty()) {
    const StreamSpan& line_span = s.line.span();
    s.message.add_fragment(s.line.line(), s.line.dropped_bytes(), line_span.end - line_span.begin);
  }
  s.line.clear();
  s.tail.clear();
  s.literal_left = 0;
  if (!s.message.empty()) {
    bool client = direction == Direction::client_to_server;
    DialogueEvent event = base_event(client ? EventType::command : EventType::reply, direction);
    event.malformed = true;
    event.explain_key = "imap.partial";
    event.details.emplace_back("incomplete", why);
    int32_t index = emit(std::move(event));
    if (client) {
      client_awaits_go_ahead_ = false;
      resolve_awaiting(index);
    }
  }
  s.message.clear();
  s.span = StreamSpan{};
  s.bare_lf = false;
  if (s.mode == Mode::literal) s.mode = Mode::line;
}

// [SECTION] gaps

void ImapDecoder::end_resync(Side& s) {
  if (s.gap_event >= 0 && s.skipped > 0 && static_cast<size_t>(s.gap_event) < out_.events.size()) {
    out_.events[static_cast<size_t>(s.gap_event)].details.emplace_back(
        "skipped to resynchronise", std::to_string(s.skipped) + " bytes");
  }
  s.gap_event = -1;
  s.skipped = 0;
}

void ImapDecoder::gap(Direction direction, uint64_t length, const SegmentOrigin& origin) {
  if (length == 0) return;
  Side& s = side(direction);
  if (s.mode == Mode::tls_probe) decide_tls(true);  // lost bytes right after STARTTLS: TLS
  if (s.mode == Mode::tls) {
    size_t before = out_.events.size();
    tls_.gap(direction, length, origin);
    stamp_new_events(before);
    return;
  }
  DialogueEvent event;
  event.type = EventType::gap;
  event.direction = direction;
  event.span.extend(origin, origin.stream_offset, length);
  event.size_bytes = length;
  event.explain_key = "gap";
  if (s.mode == Mode::literal) {
    // Inside a literal of known size the gap only shortens what remains (RFC 3501 §4.3).
    uint64_t inside = std::min(length, s.literal_left);
    s.message.literal_gap(inside);
    s.literal_left -= inside;
    if (inside == length) {
      event.details.emplace_back("inside", "a literal; decoding goes on after it");
      emit(std::move(event));
      if (s.literal_left == 0) s.mode = Mode::line;
      return;
    }
    flush_partial(direction, "bytes missing after its literal");
  } else if (s.mode == Mode::resync) {
    end_resync(s);
  } else if (!s.line.empty() || !s.message.empty()) {
    flush_partial(direction, "bytes missing");
  }
  s.mode = Mode::resync;
  s.gap_event = emit(std::move(event));
  s.skipped = 0;
}

void ImapDecoder::finish() {
  if (tls_probing_) decide_tls(sides_[0].probe_have || sides_[1].probe_have);
  for (Direction d : {Direction::client_to_server, Direction::server_to_client}) {
    Side& s = side(d);
    if (s.mode == Mode::resync) end_resync(s);
    if (s.mode == Mode::line || s.mode == Mode::literal) flush_partial(d, "end of the stream");
  }
  size_t before = out_.events.size();
  tls_.finish();  // may report a record cut short
  stamp_new_events(before);
}

// [SECTION] STARTTLS

// RFC 8446 §5.1: a TLS record starts with a content type 20..23 and protocol version 3.x.
size_t ImapDecoder::probe_tls(Direction direction, const uint8_t* bytes, size_t length,
                              const SegmentOrigin& origin) {
  Side& s = side(direction);
  if (s.probe_have) {
    decide_tls(bytes[0] == 0x03);
    return 0;
  }
  if (bytes[0] < 0x14 || bytes[0] > 0x17) {
    decide_tls(false);  // plaintext goes on: a capture exported with TLS already decrypted
    return 0;
  }
  if (length == 1) {
    s.probe_byte = bytes[0];
    s.probe_have = true;
    s.probe_origin = origin;
    return 1;
  }
  decide_tls(bytes[1] == 0x03);
  return 0;
}

void ImapDecoder::decide_tls(bool tls) {
  tls_probing_ = false;
  for (Side& s : sides_) {
    if (s.mode == Mode::tls_probe) s.mode = tls ? Mode::tls : Mode::line;
  }
  for (Direction d : {Direction::client_to_server, Direction::server_to_client}) {
    Side& s = side(d);
    if (!s.probe_have) continue;
    s.probe_have = false;
    uint8_t byte = s.probe_byte;
    feed_side(d, &byte, 1, s.probe_origin);
  }
}

void ImapDecoder::feed_tls(Direction direction, const uint8_t* bytes, size_t length,
                           const SegmentOrigin& origin) {
  size_t before = out_.events.size();
  tls_.feed(direction, bytes, length, origin);
  stamp_new_events(before);
}

// TLS events come from the shared summariser; they still need this session's state.
void ImapDecoder::stamp_new_events(size_t from) {
  for (size_t i = from; i < out_.events.size(); ++i) {
    DialogueEvent& e = out_.events[i];
    if (e.state_key.empty()) {
      e.state_key = "imap.state.tls";
      e.state_detail = "encrypted";
    }
  }
}

// [SECTION] events and state

DialogueEvent ImapDecoder::base_event(EventType type, Direction direction, bool with_text) const {
  const Side& s = sides_[index_of(direction)];
  DialogueEvent event;
  event.type = type;
  event.direction = direction;
  event.span = s.span;
  if (with_text) event.text = s.message.render(0, limits_.max_text_bytes);
  event.line_truncated = s.message.truncated();
  event.size_bytes = s.message.literal_bytes();
  if (uint64_t missing = s.message.missing_bytes(); missing > 0) {
    event.details.emplace_back("missing", std::to_string(missing) + " bytes lost in the capture");
  }
  if (s.bare_lf) event.details.emplace_back("line end", "bare LF (no CR)");
  return event;
}

void ImapDecoder::apply_state(DialogueEvent& event) const {
  switch (state_) {
    case State::not_authenticated:
      event.state_key = "imap.state.not_authenticated";
      event.state_detail = out_.summary.tls ? "over TLS" : "";
      break;
    case State::authenticated:
      event.state_key = "imap.state.authenticated";
      event.state_detail = user_.empty() ? "" : "as " + user_;
      break;
    case State::selected:
      event.state_key = "imap.state.selected";
      event.state_detail = mailbox_ + (read_only_ ? " (read-only)" : " (read-write)");
      break;
    case State::logout:
      event.state_key = "imap.state.logout";
      event.state_detail.clear();
      break;
  }
}

int32_t ImapDecoder::emit(DialogueEvent&& event) {
  apply_state(event);
  out_.events.push_back(std::move(event));
  return static_cast<int32_t>(out_.events.size() - 1);
}

ImapDecoder::PendingCommand* ImapDecoder::oldest_pending() {
  return pending_.empty() ? nullptr : &pending_.front();
}

ImapDecoder::PendingCommand* ImapDecoder::pending_with_verb(const char* verb) {
  for (PendingCommand& command : pending_) {
    if (command.verb == verb) return &command;
  }
  return nullptr;
}

}  // namespace mailscope
