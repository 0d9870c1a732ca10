// protocols/session_replay.cpp — see session_replay.h.
#include "protocols/session_replay.h"

#include <utility>

namespace mailscope {

bool can_replay(const TcpSession& session) {
  if (session.ip_fragments) return false;  // the packet index holds only the last fragment's frame
  switch (session.end) {
    case EndReason::fin:
    case EndReason::rst:
    case EndReason::end_of_capture:
      return true;
    default:  // ended by another session (port reuse, a full table) or by a clock it cannot see
      return false;
  }
}

bool replay_session(CaptureFile& file, const std::vector<FrameLocation>& frames,
                    const AnalyzerOptions& options, std::vector<DialogueEvent>& events,
                    std::string& error) {
  AnalyzerOptions alone = options;
  alone.keep_closed = true;
  MailAnalyzer analyzer(alone);
  Frame frame;
  for (const FrameLocation& at : frames) {
    if (!file.read_at(at.file_offset, at.number, frame)) {
      error = file.path() + ": frame " + std::to_string(at.number) +
              " could not be read again (was the file changed or moved since it was opened?)";
      return false;
    }
    analyzer.add_frame(frame);
  }
  analyzer.finish();
  // The session's own frames make one session; it took number 0 in this analyzer.
  const auto& dialogues = analyzer.dialogues();
  if (dialogues.empty() || !dialogues[0]) {
    error = file.path() + ": the session's frames no longer form a TCP session";
    return false;
  }
  events = std::move(dialogues[0]->events);
  return true;
}

}  // namespace mailscope
