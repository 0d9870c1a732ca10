// tests/protocols/pop3/pop3_transcript.cpp — see pop3_transcript.h.
#include "pop3_transcript.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "dialogue/explanations.h"
#include "protocols/pop3/pop3_decoder.h"

namespace mailscope::test {

size_t Transcript::total_bytes() const {
  size_t n = 0;
  for (const TranscriptStep& s : steps_) n += s.bytes.size();
  return n;
}

Dialogue run_transcript(const Transcript& t, FeedMode mode, size_t split, DecoderLimits limits,
                        bool midstream) {
  Dialogue d;
  d.protocol = Protocol::pop3;
  d.session.midstream = midstream;
  {
    Pop3Decoder decoder(d, limits);
    uint64_t offsets[2] = {0, 0};
    uint64_t packet = 0;
    size_t position = 0;  // global byte position, for split_at
    for (const TranscriptStep& step : t.steps()) {
      ++packet;
      SegmentOrigin origin;
      origin.packet_number = packet;
      origin.time_ns = static_cast<int64_t>(packet) * 1000;
      origin.stream_offset = offsets[index_of(step.direction)];
      if (step.gap > 0) {
        decoder.gap(step.direction, step.gap, origin);
        offsets[index_of(step.direction)] += step.gap;
        continue;
      }
      const auto* bytes = reinterpret_cast<const uint8_t*>(step.bytes.data());
      const size_t n = step.bytes.size();
      auto feed = [&](size_t from, size_t length) {
        SegmentOrigin o = origin;
        o.stream_offset += from;
        decoder.feed(step.direction, bytes + from, length, o);
      };
      if (mode == FeedMode::byte_by_byte) {
        for (size_t i = 0; i < n; ++i) feed(i, 1);
      } else if (mode == FeedMode::split_at && split > position && split < position + n) {
        feed(0, split - position);
        feed(split - position, n - (split - position));
      } else {
        feed(0, n);
      }
      position += n;
      offsets[index_of(step.direction)] += n;
    }
    decoder.finish();
  }
  return d;
}

std::string dump(const Dialogue& d) {
  std::ostringstream out;
  for (size_t i = 0; i < d.events.size(); ++i) {
    const DialogueEvent& e = d.events[i];
    out << i << ' ' << event_type_name(e.type) << ' ' << direction_name(e.direction) << " ["
        << e.span.begin << ',' << e.span.end << ") p" << e.span.first_packet << '-'
        << e.span.last_packet << " t" << e.span.first_time_ns << '-' << e.span.last_time_ns
        << " text=" << e.text << " verb=" << e.verb << " args=" << e.arguments
        << " status=" << e.status << " code=" << e.response_code << " decoded=" << e.decoded
        << " answers=" << e.answers << " size=" << e.size_bytes << " records=" << e.record_count
        << " key=" << e.explain_key << " state=" << e.state_key << " (" << e.state_detail << ")"
        << " flags=" << e.unknown << e.malformed << e.line_truncated;
    for (const auto& [name, value] : e.details) out << " {" << name << '=' << value << '}';
    for (const std::string& s : e.secrets) out << " <" << s << '>';
    out << '\n';
  }
  const DialogueSummary& s = d.summary;
  out << "summary commands=" << s.commands << " auth=" << s.auth_seen << s.auth_succeeded
      << s.cleartext_password_seen << " mech=" << s.auth_mechanism << " user=" << s.auth_user
      << " tls=" << s.tls << " messages=" << s.messages << " errors=" << s.errors << '\n';
  return out.str();
}

Dialogue run_every_way(const Transcript& t, DecoderLimits limits, bool midstream) {
  Dialogue whole = run_transcript(t, FeedMode::whole, 0, limits, midstream);
  const std::string expected = dump(whole);
  // Every event says what it is and where the session stands, with a row in the tables.
  for (const DialogueEvent& e : whole.events) {
    INFO("event " << event_type_name(e.type) << " " << e.text);
    CHECK(has_explanation(e.explain_key));
    CHECK(has_explanation(e.state_key));
  }
  {
    INFO("byte by byte");
    REQUIRE(dump(run_transcript(t, FeedMode::byte_by_byte, 0, limits, midstream)) == expected);
  }
  const size_t total = t.total_bytes();
  for (size_t split = 1; split < total; ++split) {
    std::string got = dump(run_transcript(t, FeedMode::split_at, split, limits, midstream));
    if (got != expected) {
      INFO("split at byte " << split);
      REQUIRE(got == expected);
    }
  }
  return whole;
}

int find_event(const Dialogue& d, EventType type, size_t from) {
  for (size_t i = from; i < d.events.size(); ++i) {
    if (d.events[i].type == type) return static_cast<int>(i);
  }
  return -1;
}

std::string detail(const DialogueEvent& e, const std::string& name) {
  for (const auto& [n, v] : e.details) {
    if (n == name) return v;
  }
  return {};
}

}  // namespace mailscope::test
