// tests/support/stream_collector.h — run a capture file through the analyzer and keep, per
// session and direction, the reassembled bytes (gaps left out) and the gap byte count.
// Shared by the tests that compare mailscope with tshark's `follow,tcp,raw`.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "capture/capture_file.h"
#include "protocols/mail_analyzer.h"

namespace mailscope::testing {

struct CollectedStream {
  TcpSession session;
  Protocol protocol = Protocol::other;
  std::string bytes[2];       // by index_of(Direction)
  uint64_t gap_bytes[2] = {0, 0};
};

struct CollectedCapture {
  std::string error;          // open error, empty when the file opened
  std::string warning;        // e.g. truncated
  std::vector<CollectedStream> streams;   // by stream number
  std::vector<std::unique_ptr<Dialogue>> dialogues;
};

inline CollectedCapture collect_capture(const std::string& path, bool decode = true) {
  CollectedCapture result;
  CaptureFile::Opened opened = CaptureFile::open(path);
  if (!opened.ok()) {
    result.error = opened.error;
    return result;
  }
  AnalyzerOptions options;
  options.decode = decode;
  MailAnalyzer analyzer(std::move(options));
  auto stream = [&result](uint32_t id) -> CollectedStream& {
    if (result.streams.size() <= id) result.streams.resize(id + 1);
    return result.streams[id];
  };
  analyzer.on_session_data = [&](const TcpSession& s, Direction d, const uint8_t* bytes,
                                 size_t length, const SegmentOrigin&) {
    stream(s.id).bytes[index_of(d)].append(reinterpret_cast<const char*>(bytes), length);
  };
  analyzer.on_session_gap = [&](const TcpSession& s, Direction d, uint64_t length,
                                const SegmentOrigin&) { stream(s.id).gap_bytes[index_of(d)] += length; };
  analyzer.on_dialogue_closed = [&](Dialogue& d) {
    CollectedStream& s = stream(d.stream());
    s.session = d.session;
    s.protocol = d.protocol;
  };
  Frame frame;
  while (opened.file->next(frame)) analyzer.add_frame(frame);
  analyzer.finish();
  result.warning = opened.file->warning();
  for (const auto& d : analyzer.dialogues()) {
    result.dialogues.push_back(d ? std::make_unique<Dialogue>(*d) : nullptr);
  }
  return result;
}

}  // namespace mailscope::testing
