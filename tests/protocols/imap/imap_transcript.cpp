// tests/protocols/imap/imap_transcript.cpp — see imap_transcript.h.
#include "imap_transcript.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "dialogue/explanations.h"
#include "protocols/imap/imap_decoder.h"

namespace mailscope::test {

Dialogue run_imap(const ImapTranscript& t, FeedMode mode, size_t split, DecoderLimits limits) {
  Dialogue d;
  d.protocol = Protocol::imap;
  ImapDecoder decoder(d, limits);
  uint64_t offsets[2] = {0, 0};
  uint64_t packet = 0;
  for (const ImapStep& step : t.steps) {
    ++packet;
    SegmentOrigin origin;
    origin.packet_number = packet;
    origin.time_ns = static_cast<int64_t>(packet) * 1000;
    uint64_t& offset = offsets[index_of(step.direction)];
    origin.stream_offset = offset;
    if (step.gap > 0) {
      decoder.gap(step.direction, step.gap, origin);
      offset += step.gap;
      continue;
    }
    const auto* bytes = reinterpret_cast<const uint8_t*>(step.bytes.data());
    size_t n = step.bytes.size();
    auto feed = [&](size_t from, size_t length) {
      SegmentOrigin at = origin;
      at.stream_offset = offset + from;
      decoder.feed(step.direction, bytes + from, length, at);
    };
    if (mode == FeedMode::whole) {
      feed(0, n);
    } else if (mode == FeedMode::byte_by_byte) {
      for (size_t i = 0; i < n; ++i) feed(i, 1);
    } else {
      size_t cut = std::min(split, n);
      if (cut > 0) feed(0, cut);
      if (cut < n) feed(cut, n - cut);
    }
    offset += n;
  }
  decoder.finish();
  return d;
}

std::string dump(const DialogueEvent& e) {
  std::ostringstream out;
  out << event_type_name(e.type) << ' ' << direction_name(e.direction) << " [" << e.span.begin
      << ',' << e.span.end << ") p" << e.span.first_packet << '-' << e.span.last_packet << " t"
      << e.span.first_time_ns << '-' << e.span.last_time_ns << "\n  text=" << e.text
      << "\n  verb=" << e.verb << " args=" << e.arguments << " tag=" << e.tag
      << " status=" << e.status << " code=" << e.response_code << " decoded=" << e.decoded
      << " answers=" << e.answers << " size=" << e.size_bytes << " records=" << e.record_count
      << " key=" << e.explain_key << " state=" << e.state_key << " (" << e.state_detail << ")"
      << (e.unknown ? " unknown" : "") << (e.malformed ? " malformed" : "")
      << (e.line_truncated ? " truncated" : "") << '\n';
  for (const auto& [name, value] : e.details) out << "  detail " << name << '=' << value << '\n';
  for (const auto& secret : e.secrets) out << "  secret " << secret << '\n';
  return out.str();
}

std::string dump(const Dialogue& d) {
  std::ostringstream out;
  for (size_t i = 0; i < d.events.size(); ++i) out << '#' << i << ' ' << dump(d.events[i]);
  const DialogueSummary& s = d.summary;
  out << "summary commands=" << s.commands << " auth_seen=" << s.auth_seen
      << " auth_ok=" << s.auth_succeeded << " cleartext=" << s.cleartext_password_seen
      << " mech=" << s.auth_mechanism << " user=" << s.auth_user << " tls=" << s.tls
      << " messages=" << s.messages << " errors=" << s.errors << '\n';
  return out.str();
}

Dialogue run_every_way(const ImapTranscript& t, DecoderLimits limits) {
  Dialogue whole = run_imap(t, FeedMode::whole, 0, limits);
  std::string expected = dump(whole);
  for (const DialogueEvent& e : whole.events) {
    // Every key the decoder emits has its own row in the explanation table.
    INFO(e.explain_key << " / " << e.state_key);
    CHECK(has_explanation(e.explain_key));
    CHECK(has_explanation(e.state_key));
  }
  REQUIRE(dump(run_imap(t, FeedMode::byte_by_byte, 0, limits)) == expected);
  size_t longest = 0;
  for (const ImapStep& step : t.steps) longest = std::max(longest, step.bytes.size());
  for (size_t split = 1; split < longest; ++split) {
    std::string got = dump(run_imap(t, FeedMode::split_at, split, limits));
    if (got != expected) {
      INFO("split at " << split);
      REQUIRE(got == expected);
    }
  }
  return whole;
}

std::vector<std::string> details_named(const DialogueEvent& e, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : e.details) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::string detail(const DialogueEvent& e, const std::string& name) {
  for (const auto& [key, value] : e.details) {
    if (key == name) return value;
  }
  return "";
}

}  // namespace mailscope::test
