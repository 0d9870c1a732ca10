// protocols/session_replay.h — decode one session again from its frames in the file.
//
// A view of a large capture keeps each session's summary and packet index, not its events
// (most of a mail capture's memory is message text). When a session is needed again, its
// frames are read back with CaptureFile::read_at and run through a fresh MailAnalyzer with
// the same options, which gives the same events the first pass gave:
//
//   std::vector<FrameLocation> frames = ...;            // the session's frames, in file order
//   std::vector<DialogueEvent> events;
//   std::string error;
//   if (!replay_session(file, frames, options, events, error)) show(error);
//
// The same events, that is, when the session stood alone in the first pass too: a session
// whose segments came in IP fragments, or that ended because another one took its 4-tuple or
// its table slot, depends on packets outside its own list. can_replay() says which sessions
// are safe to release; the others keep their events.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "capture/capture_file.h"
#include "dialogue/event.h"
#include "protocols/mail_analyzer.h"

namespace mailscope {

struct FrameLocation {
  uint64_t file_offset = 0;  // Frame::file_offset
  uint64_t number = 0;       // Frame::number
};

// True when replaying `session`'s own frames reproduces its events: it ended by FIN, RST or
// the end of the capture, and none of its segments was rebuilt from IP fragments.
bool can_replay(const TcpSession& session);

// Reads `frames` again from `file` and decodes them as one session. On success `events` holds
// the dialogue's events; on failure (the file changed or went away) `error` says so, naming
// the file.
bool replay_session(CaptureFile& file, const std::vector<FrameLocation>& frames,
                    const AnalyzerOptions& options, std::vector<DialogueEvent>& events,
                    std::string& error);

}  // namespace mailscope
