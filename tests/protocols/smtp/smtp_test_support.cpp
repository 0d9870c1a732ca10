// tests/protocols/smtp/smtp_test_support.cpp — see smtp_test_support.h.
#include "smtp_test_support.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "protocols/smtp/smtp_decoder.h"

namespace mailscope::test {

Transcript& Transcript::client(std::string bytes) {
  steps_.push_back({Direction::client_to_server, std::move(bytes), 0});
  return *this;
}

Transcript& Transcript::server(std::string bytes) {
  steps_.push_back({Direction::server_to_client, std::move(bytes), 0});
  return *this;
}

Transcript& Transcript::gap(Direction direction, uint64_t length) {
  steps_.push_back({direction, "", length});
  return *this;
}

size_t Transcript::total_bytes() const {
  size_t n = 0;
  for (const TranscriptStep& s : steps_) n += s.bytes.size();
  return n;
}

Dialogue decode(const Transcript& t, size_t split_at, DecoderLimits limits) {
  Dialogue d;
  d.protocol = Protocol::smtp;
  SmtpDecoder decoder(d, limits);
  uint64_t offsets[2] = {0, 0};
  uint64_t packet = 0;
  size_t position = 0;  // overall byte position of the step's first byte
  for (const TranscriptStep& step : t.steps()) {
    ++packet;
    int i = index_of(step.direction);
    SegmentOrigin origin{offsets[i], packet, static_cast<int64_t>(packet) * 1000};
    if (step.gap_length > 0) {
      decoder.gap(step.direction, step.gap_length, origin);
      offsets[i] += step.gap_length;
      continue;
    }
    const auto* bytes = reinterpret_cast<const uint8_t*>(step.bytes.data());
    size_t n = step.bytes.size();
    if (split_at == kByteByByte) {
      for (size_t k = 0; k < n; ++k) {
        SegmentOrigin at = origin;
        at.stream_offset += k;
        decoder.feed(step.direction, bytes + k, 1, at);
      }
    } else if (split_at != kWhole && split_at > position && split_at < position + n) {
      size_t cut = split_at - position;
      decoder.feed(step.direction, bytes, cut, origin);
      SegmentOrigin at = origin;
      at.stream_offset += cut;
      decoder.feed(step.direction, bytes + cut, n - cut, at);
    } else {
      decoder.feed(step.direction, bytes, n, origin);
    }
    offsets[i] += n;
    position += n;
  }
  decoder.finish();
  return d;
}

std::string dump(const Dialogue& d) {
  std::ostringstream out;
  for (size_t k = 0; k < d.events.size(); ++k) {
    const DialogueEvent& e = d.events[k];
    out << k << " " << event_type_name(e.type) << " " << direction_name(e.direction) << " ["
        << e.span.begin << "," << e.span.end << ") p" << e.span.first_packet << "-"
        << e.span.last_packet << " t" << e.span.first_time_ns << "-" << e.span.last_time_ns
        << "\n  text=" << e.text << "\n  verb=" << e.verb << " args=" << e.arguments
        << " code=" << e.code << " enh=" << e.enhanced_code << " answers=" << e.answers
        << " size=" << e.size_bytes << " records=" << e.record_count << " key=" << e.explain_key
        << " state=" << e.state_key << " (" << e.state_detail << ")"
        << " flags=" << e.unknown << e.malformed << e.line_truncated << "\n  decoded=" << e.decoded
        << "\n";
    for (const auto& [name, value] : e.details) out << "  detail " << name << "=" << value << "\n";
    for (const std::string& s : e.secrets) out << "  secret " << s << "\n";
  }
  const DialogueSummary& s = d.summary;
  out << "summary commands=" << s.commands << " auth_seen=" << s.auth_seen
      << " auth_ok=" << s.auth_succeeded << " cleartext=" << s.cleartext_password_seen
      << " mech=" << s.auth_mechanism << " user=" << s.auth_user << " tls=" << s.tls
      << " messages=" << s.messages << " errors=" << s.errors << "\n";
  return out.str();
}

Dialogue decode_every_way(const Transcript& t, DecoderLimits limits, bool every_split) {
  Dialogue whole = decode(t, kWhole, limits);
  std::string expected = dump(whole);
  {
    INFO("byte by byte");
    REQUIRE(dump(decode(t, kByteByByte, limits)) == expected);
  }
  if (every_split) {
    size_t n = t.total_bytes();
    for (size_t p = 1; p < n; ++p) {
      std::string got = dump(decode(t, p, limits));
      if (got != expected) {
        INFO("split at byte " << p);
        REQUIRE(got == expected);
      }
    }
  }
  return whole;
}

int find_event(const Dialogue& d, EventType type, const std::string& verb, size_t from) {
  for (size_t k = from; k < d.events.size(); ++k) {
    if (d.events[k].type == type && (verb.empty() || d.events[k].verb == verb)) {
      return static_cast<int>(k);
    }
  }
  return -1;
}

std::string detail(const DialogueEvent& e, const std::string& name) {
  for (const auto& [n, v] : e.details) {
    if (n == name) return v;
  }
  return "";
}

size_t count_details(const DialogueEvent& e, const std::string& name) {
  size_t n = 0;
  for (const auto& kv : e.details) n += kv.first == name ? 1 : 0;
  return n;
}

}  // namespace mailscope::test
