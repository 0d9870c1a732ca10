// tests/protocols/session_replay_test.cpp — a session decoded again from its own frames gives
// the events the whole-file pass gave, on every real capture of the project and on the peer
// captures when they are there.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "protocols/session_replay.h"

using namespace mailscope;
namespace fs = std::filesystem;

namespace {

// Every field of an event, as one line, so a difference reads in the failure message.
std::string describe(const DialogueEvent& e) {
  std::ostringstream out;
  out << event_type_name(e.type) << " dir=" << static_cast<int>(e.direction) << " bytes=[" << e.span.begin
      << "," << e.span.end << ") packets=" << e.span.first_packet << ".." << e.span.last_packet
      << " t=" << e.span.first_time_ns << ".." << e.span.last_time_ns << " text=" << e.text
      << " verb=" << e.verb << " args=" << e.arguments << " tag=" << e.tag << " code=" << e.code
      << " enh=" << e.enhanced_code << " status=" << e.status << " rc=" << e.response_code
      << " decoded=" << e.decoded << " answers=" << e.answers << " size=" << e.size_bytes
      << " records=" << e.record_count << " explain=" << e.explain_key << " state=" << e.state_key
      << " detail=" << e.state_detail << " flags=" << e.unknown << e.malformed << e.line_truncated;
  for (const auto& [k, v] : e.details) out << " [" << k << "=" << v << "]";
  for (const auto& s : e.secrets) out << " secret=" << s;
  return out.str();
}

struct ReplayCheck {
  size_t sessions = 0, replayed = 0, kept = 0, events = 0;
};

// Runs the whole file once, recording each session's frames, then replays every session that
// can_replay() allows and compares its events with the first pass's.
ReplayCheck check_file(const fs::path& path) {
  ReplayCheck result;
  CaptureFile::Opened opened = CaptureFile::open(path.string());
  REQUIRE(opened.ok());
  MailAnalyzer analyzer;
  std::map<uint32_t, std::vector<FrameLocation>> frames;
  std::map<uint32_t, bool> fragmented;
  analyzer.on_session_packet = [&](const TcpSession& s, Direction, const DecodedPacket& p) {
    frames[s.id].push_back({p.file_offset, p.number});
    if (p.reassembled_from_fragments) fragmented[s.id] = true;
  };
  Frame frame;
  while (opened.file->next(frame)) analyzer.add_frame(frame);
  analyzer.finish();

  for (const auto& d : analyzer.dialogues()) {
    if (!d) continue;
    ++result.sessions;
    CHECK(d->session.ip_fragments == fragmented[d->stream()]);  // as the packets showed it
    if (!can_replay(d->session)) {
      ++result.kept;
      continue;
    }
    std::vector<DialogueEvent> events;
    std::string error;
    REQUIRE(replay_session(*opened.file, frames[d->stream()], analyzer.options(), events, error));
    INFO(path.filename().string() << " stream " << d->stream());
    REQUIRE(events.size() == d->events.size());
    for (size_t i = 0; i < events.size(); ++i) {
      INFO("event " << i);
      REQUIRE(describe(events[i]) == describe(d->events[i]));
    }
    ++result.replayed;
    result.events += events.size();
  }
  return result;
}

std::vector<fs::path> captures_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".pcap" || ext == ".pcapng" || ext == ".cap") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a session replayed from its frames gives the first pass's events (project captures)") {
  const auto files = captures_in(fs::path(MAILSCOPE_SOURCE_DIR) / "captures");
  REQUIRE(files.size() >= 20);
  ReplayCheck total;
  for (const fs::path& file : files) {
    ReplayCheck r = check_file(file);
    total.sessions += r.sessions;
    total.replayed += r.replayed;
    total.events += r.events;
  }
  WARN("replayed " << total.replayed << " of " << total.sessions << " sessions, " << total.events << " events");
  CHECK(total.replayed * 10 >= total.sessions * 9);  // nearly all real sessions end by FIN/RST/EOF
}

TEST_CASE("a session replayed from its frames gives the first pass's events (peer captures)") {
  const auto files = captures_in(fs::path(MAILSCOPE_SOURCE_DIR) / ".." / "shared" / "peer-captures");
  if (files.empty()) {
    WARN("../shared/peer-captures is not here: skipped");
    return;
  }
  for (const fs::path& file : files) {
    CaptureFile::Opened probe = CaptureFile::open(file.string());
    if (!probe.ok()) continue;  // the peers test covers the files that are not captures
    check_file(file);
  }
}

TEST_CASE("replay says which file failed when a frame cannot be read again") {
  const fs::path file = fs::path(MAILSCOPE_SOURCE_DIR) / "captures" / "lesson-mail-journey.pcap";
  CaptureFile::Opened opened = CaptureFile::open(file.string());
  REQUIRE(opened.ok());
  std::vector<DialogueEvent> events;
  std::string error;
  CHECK_FALSE(replay_session(*opened.file, {{opened.file->size_bytes() + 10, 1}}, AnalyzerOptions{}, events, error));
  CHECK(error.find("lesson-mail-journey.pcap") != std::string::npos);
  CHECK(error.find("frame 1") != std::string::npos);
}

TEST_CASE("sessions that depend on other packets are not replayed") {
  TcpSession s;
  s.end = EndReason::fin;
  CHECK(can_replay(s));
  s.ip_fragments = true;
  CHECK_FALSE(can_replay(s));
  s.ip_fragments = false;
  s.end = EndReason::port_reused;
  CHECK_FALSE(can_replay(s));
  s.end = EndReason::evicted;
  CHECK_FALSE(can_replay(s));
  s.end = EndReason::end_of_capture;
  CHECK(can_replay(s));
}
