// protocols/common/tls_records.cpp — TLS records summarised as dialogue events.
//
// RFC 8446 §5.1 / RFC 5246 §6.2.1: a record is type(1) version(2) length(2) fragment.
// Types: 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data, 24 heartbeat
// (RFC 6520). A side's handshake records after its ChangeCipherSpec are encrypted (TLS 1.2
// Finished); TLS 1.3 hides the rest of its handshake inside application_data records.
#include "protocols/common/tls_records.h"

#include <algorithm>

#include "protocols/common/text.h"
#include "protocols/common/tls_handshake.h"

namespace mailscope {
namespace {

constexpr uint8_t kChangeCipherSpec = 20, kAlert = 21, kHandshake = 22, kApplicationData = 23,
                  kHeartbeat = 24;
constexpr size_t kJunkShown = 16;  // bytes of a non-TLS stream quoted in its event

void merge_span(StreamSpan& into, const StreamSpan& add) {
  if (add.empty()) return;
  if (into.empty()) {
    into = add;
    return;
  }
  into.begin = std::min(into.begin, add.begin);
  into.end = std::max(into.end, add.end);
  into.last_packet = std::max(into.last_packet, add.last_packet);
  into.last_time_ns = std::max(into.last_time_ns, add.last_time_ns);
}

std::string hex16(uint16_t v) {
  const char* digits = "0123456789ABCDEF";
  std::string s = "0x";
  for (int shift = 12; shift >= 0; shift -= 4) s += digits[(v >> shift) & 0xF];
  return s;
}

std::string plural(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void TlsRecordSummary::reset_record(Side& side) {
  side.header_have = 0;
  side.type = 0;
  side.version = 0;
  side.length = 0;
  side.body_have = 0;
  side.body_gap = false;
  side.body.clear();
  side.span = StreamSpan{};
}

bool TlsRecordSummary::extends_last_event(const Side& side, Direction direction,
                                          const char* key) const {
  if (side.open_event < 0 || static_cast<size_t>(side.open_event) + 1 != out_.events.size()) {
    return false;
  }
  const DialogueEvent& last = out_.events.back();
  return last.type == EventType::tls && last.direction == direction && last.explain_key == key;
}

DialogueEvent& TlsRecordSummary::append_event(Direction direction, const StreamSpan& span,
                                              const char* key) {
  DialogueEvent& e = out_.events.emplace_back();
  e.type = EventType::tls;
  e.direction = direction;
  e.span = span;
  e.explain_key = TranslationKey::literal(key);  // always a literal (see callers)
  return e;
}

void TlsRecordSummary::feed(Direction direction, const uint8_t* bytes, size_t length,
                            const SegmentOrigin& origin) {
  feed_side(direction, sides_[index_of(direction)], bytes, length, origin);
}

void TlsRecordSummary::feed_side(Direction direction, Side& side, const uint8_t* bytes,
                                 size_t length, const SegmentOrigin& origin) {
  size_t used = 0;
  while (used < length) {
    SegmentOrigin at = origin;
    at.stream_offset = origin.stream_offset + used;
    if (side.mode == Mode::count_only) {
      count_bytes(direction, side, bytes + used, length - used, at);
      return;
    }
    if (side.header_have < 5) {
      size_t n = std::min(5 - side.header_have, length - used);
      std::copy(bytes + used, bytes + used + n, side.header + side.header_have);
      side.header_have += n;
      side.span.extend(at, at.stream_offset, n);
      used += n;
      if (side.header_have == 5 && header_complete(direction, side) && side.length == 0) {
        record_complete(direction, side);
      }
      continue;
    }
    size_t n = static_cast<size_t>(std::min<uint64_t>(side.length - side.body_have, length - used));
    if (side.type != kApplicationData) {
      side.body.append(reinterpret_cast<const char*>(bytes + used), n);
    }
    side.span.extend(at, at.stream_offset, n);
    side.body_have += static_cast<uint32_t>(n);
    used += n;
    if (side.body_have == side.length) record_complete(direction, side);
  }
}

// Reads the 5-byte header. False when the bytes are not a TLS record: the side then counts.
bool TlsRecordSummary::header_complete(Direction direction, Side& side) {
  side.type = side.header[0];
  side.version = static_cast<uint16_t>((side.header[1] << 8) | side.header[2]);
  side.length = static_cast<uint32_t>((side.header[3] << 8) | side.header[4]);
  bool valid = side.type >= kChangeCipherSpec && side.type <= kHeartbeat && side.header[1] == 3 &&
               side.header[2] <= 4 && side.length <= kMaxRecordLength;
  if (side.mode == Mode::probe) {
    valid = valid && (side.last_version == 0 || side.version == side.last_version);
    if (valid) side.mode = Mode::records;
  }
  if (valid) return true;

  // Not TLS (or not where a record should start): one event, then only counting.
  side.count_malformed = side.mode != Mode::probe;
  side.mode = Mode::count_only;
  side.junk_start.assign(reinterpret_cast<const char*>(side.header), 5);
  DialogueEvent& e =
      append_event(direction, side.span, side.count_malformed ? "tls.malformed" : "tls.gap");
  e.malformed = side.count_malformed;
  e.size_bytes = 5;
  side.open_event = static_cast<int32_t>(out_.events.size() - 1);
  describe_count(side, e);
  reset_record(side);
  return false;
}

void TlsRecordSummary::describe_count(const Side& side, DialogueEvent& e) {
  e.text = side.count_malformed ? "not TLS: " + plural(e.size_bytes, "byte", "bytes") +
                                      " starting \"" + printable_text(side.junk_start) + "\""
                                : "TLS: " + plural(e.size_bytes, "byte", "bytes") +
                                      " after a gap (record boundaries lost)";
}

void TlsRecordSummary::count_bytes(Direction direction, Side& side, const uint8_t* bytes,
                                   size_t length, const SegmentOrigin& origin) {
  const char* key = side.count_malformed ? "tls.malformed" : "tls.gap";
  if (side.count_malformed && side.junk_start.size() < kJunkShown) {
    size_t n = std::min(kJunkShown - side.junk_start.size(), length);
    side.junk_start.append(reinterpret_cast<const char*>(bytes), n);
  }
  DialogueEvent* e = nullptr;
  if (extends_last_event(side, direction, key)) {
    e = &out_.events.back();
    e->span.extend(origin, origin.stream_offset, length);
  } else {
    StreamSpan span;
    span.extend(origin, origin.stream_offset, length);
    e = &append_event(direction, span, key);
    e->malformed = side.count_malformed;
    side.open_event = static_cast<int32_t>(out_.events.size() - 1);
  }
  e->size_bytes += length;
  describe_count(side, *e);
}

void TlsRecordSummary::record_complete(Direction direction, Side& side) {
  const uint64_t record_bytes = 5 + static_cast<uint64_t>(side.length);
  side.last_version = side.version;

  if (side.type == kApplicationData) {
    if (extends_last_event(side, direction, "tls.application_data")) {
      DialogueEvent& e = out_.events.back();
      merge_span(e.span, side.span);
      e.size_bytes += record_bytes;
      e.record_count += 1;
      e.text = "TLS application data: " + plural(e.record_count, "record", "records") + ", " +
               plural(e.size_bytes, "byte", "bytes");
    } else {
      DialogueEvent& e = append_event(direction, side.span, "tls.application_data");
      e.size_bytes = record_bytes;
      e.record_count = 1;
      e.text = "TLS application data: 1 record, " + plural(record_bytes, "byte", "bytes");
      side.open_event = static_cast<int32_t>(out_.events.size() - 1);
    }
    reset_record(side);
    return;
  }

  side.open_event = -1;
  const bool readable = !side.cipher_active && !side.body_gap;
  DialogueEvent* e = nullptr;
  switch (side.type) {
    case kChangeCipherSpec:
      e = &append_event(direction, side.span, "tls.change_cipher_spec");
      e->text = "TLS ChangeCipherSpec";
      side.cipher_active = true;  // RFC 5246 §7.1: this side's next records are protected
      break;
    case kAlert: {
      e = &append_event(direction, side.span, "tls.alert");
      const char* name =
          side.body.size() == 2 ? tls_alert_name(static_cast<uint8_t>(side.body[1])) : nullptr;
      if (readable && side.length == 2 && name != nullptr) {
        const char* level = side.body[0] == 1 ? "warning" : side.body[0] == 2 ? "fatal" : "level?";
        e->text = std::string("TLS alert: ") + level + " " + name;
        e->details.emplace_back("level", level);
        e->details.emplace_back("alert", name);
      } else {
        e->text = "TLS alert (encrypted)";
      }
      break;
    }
    case kHandshake:
      e = &append_event(direction, side.span, "tls.handshake");
      if (readable) {
        describe_handshake(side, *e);
      } else {
        e->explain_key = "tls.encrypted_handshake";
        e->text = side.body_gap ? "TLS handshake (bytes missing)" : "TLS handshake (encrypted)";
      }
      break;
    default:  // heartbeat
      e = &append_event(direction, side.span, "tls.heartbeat");
      e->text = "TLS heartbeat";
      break;
  }
  e->size_bytes = record_bytes;
  e->record_count = 1;
  e->details.emplace_back("version", tls_version_name(side.version));
  reset_record(side);
}

// The messages of one handshake record (RFC 8446 §4: msg_type(1) length(3) body). A message
// may continue in the next record; a record whose first type is unknown is encrypted.
void TlsRecordSummary::describe_handshake(Side& side, DialogueEvent& event) {
  std::string_view body(side.body);
  std::vector<std::string> names;
  const char* first_key = nullptr;
  if (side.message_left > 0) {
    size_t n = std::min<size_t>(side.message_left, body.size());
    names.push_back(std::string(side.message_name) + " (continued)");
    body.remove_prefix(n);
    side.message_left -= static_cast<uint32_t>(n);
  }
  while (body.size() >= 4 && side.message_left == 0) {
    uint8_t type = static_cast<uint8_t>(body[0]);
    const char* name = tls_handshake_name(type);
    if (name == nullptr) break;
    uint32_t length = (static_cast<uint8_t>(body[1]) << 16) | (static_cast<uint8_t>(body[2]) << 8) |
                      static_cast<uint8_t>(body[3]);
    body.remove_prefix(4);
    size_t have = std::min<size_t>(length, body.size());
    std::string_view message = body.substr(0, have);
    if (first_key == nullptr) first_key = tls_handshake_key(type);
    names.emplace_back(name);
    TlsHelloFacts facts;
    if (have == length && type == 1 && parse_client_hello(message, facts)) {
      if (!facts.server_name.empty()) {
        event.details.emplace_back("server_name", printable_text(facts.server_name));
      }
      std::string offers;
      for (uint16_t v : facts.versions) {
        if (std::string(tls_version_name(v)) == "GREASE") continue;
        if (!offers.empty()) offers += ", ";
        offers += tls_version_name(v);
      }
      if (!offers.empty()) event.details.emplace_back("offers", offers);
      event.details.emplace_back("cipher_suites", std::to_string(facts.cipher_suites_offered));
    } else if (have == length && type == 2 && parse_server_hello(message, facts)) {
      uint16_t chosen = facts.versions.empty() ? facts.legacy_version : facts.versions.front();
      event.details.emplace_back("chosen", tls_version_name(chosen));
      event.details.emplace_back("cipher_suite", hex16(facts.cipher_suite));
    }
    body.remove_prefix(have);
    if (have < length) {
      side.message_left = length - static_cast<uint32_t>(have);
      side.message_name = name;
    }
  }
  if (names.empty() || (!body.empty() && side.message_left == 0 && first_key == nullptr)) {
    event.explain_key = "tls.encrypted_handshake";
    event.text = "TLS handshake (encrypted)";
    return;
  }
  if (first_key != nullptr) event.explain_key = TranslationKey::literal(first_key);
  std::string text = "TLS handshake: ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += ", ";
    text += names[i];
  }
  event.text = std::move(text);
}

void TlsRecordSummary::gap(Direction direction, uint64_t length, const SegmentOrigin& origin) {
  DialogueEvent& g = out_.events.emplace_back();
  g.type = EventType::gap;
  g.direction = direction;
  g.span.extend(origin, origin.stream_offset, length);
  g.size_bytes = length;
  g.explain_key = "gap";
  Side& side = sides_[index_of(direction)];
  side.open_event = -1;
  if (side.mode == Mode::count_only) return;
  if (side.header_have == 5 && side.length - side.body_have >= length) {
    side.body_have += static_cast<uint32_t>(length);  // still in step with the records
    side.body_gap = true;
    if (side.body_have == side.length) record_complete(direction, side);
    return;
  }
  reset_record(side);
  side.message_left = 0;
  side.mode = Mode::probe;
}

void TlsRecordSummary::finish() {
  for (int i = 0; i < 2; ++i) {
    Side& side = sides_[i];
    if (side.mode == Mode::count_only || side.header_have == 0) continue;
    Direction direction = static_cast<Direction>(i);
    DialogueEvent& e = append_event(direction, side.span, "tls.incomplete");
    uint64_t have = side.header_have + static_cast<uint64_t>(side.body_have);
    e.size_bytes = have;
    e.text = side.header_have < 5
                 ? "TLS record cut short: " + plural(have, "byte", "bytes") + " of a header"
                 : "TLS record cut short: " + std::to_string(have) + " of " +
                       plural(5 + static_cast<uint64_t>(side.length), "byte", "bytes");
    reset_record(side);
    side.open_event = -1;
  }
}

}  // namespace mailscope
