// ui/model/loaded_capture.h — a capture as the window holds it: the dialogues from the
// analyzer and, per session, a compact index of its packets (the packets themselves stay in
// the file and are read again with CaptureFile::read_at when the hex view needs them).
//
//   LoadedCapture c = ...;                        // from CaptureLoader (capture_loader.h)
//   const Dialogue* d = c.dialogue(stream);       // session, summary; events when present
//   for (const PacketRef& p : c.packets(stream)) ...
//   size_t first = c.first_packet_at_or_after(stream, event.span.first_packet);
//   c.restore_events({stream}, error);            // before the stage reads d->events
//
// A large capture (events_on_demand) keeps no events once a session has closed: each
// dialogue keeps its session facts and summary (what the sessions table shows), and the
// sessions put on the stage are decoded again from their frames (protocols/session_replay.h).
// Most of a mail capture is message text, so this is what keeps the window's memory far
// below the file's size.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "capture/capture_file.h"
#include "dialogue/dialogue.h"
#include "protocols/live_session.h"
#include "protocols/mail_analyzer.h"
#include "protocols/session_replay.h"
#include "tcp/packet_ref.h"   // 32 bytes per packet: L4 arrows, the packet list, read_at

namespace mailscope {

struct LoadedCapture {
  std::string path;
  std::string format;                      // "pcap", "pcapng", ...
  std::string warning;                     // truncated file etc., empty when clean
  uint64_t file_size = 0;
  bool events_on_demand = false;           // closed sessions' events released, see above
  std::unique_ptr<MailAnalyzer> analyzer;  // owns the dialogues of a file
  std::unique_ptr<DialogueStore> live;     // ...or of a live capture (live_controller.h)
  std::unique_ptr<CaptureFile> file;       // kept open for read_at
  std::vector<std::vector<PacketRef>> packets_by_stream;
  std::vector<uint32_t> streams;           // stream numbers of the kept dialogues, in order
  std::vector<uint8_t> released;           // by stream: 1 while its events are not in memory
  std::vector<uint32_t> restored;          // streams decoded again, whose events are back

  size_t session_count() const { return streams.size(); }
  bool is_live() const { return live != nullptr; }
  const Dialogue* dialogue(uint32_t stream) const;
  const std::vector<PacketRef>& packets(uint32_t stream) const;
  // Index into packets(stream) of the first packet numbered >= number (size() when none).
  size_t first_packet_at_or_after(uint32_t stream, uint64_t number) const;
  // Payload-carrying packets in `direction` numbered within [first, last].
  size_t count_payload_packets(uint32_t stream, Direction direction, uint64_t first, uint64_t last) const;

  // Makes the events of `streams` present (decoding released ones again from the file) and
  // releases those restored earlier that `streams` does not name, so memory stays flat
  // while the user browses. False, with `error` naming the file, when a session could not be
  // decoded again; its dialogue then has no events.
  bool restore_events(const std::vector<uint32_t>& streams, std::string& error);
  bool has_released_events(uint32_t stream) const {
    return stream < released.size() && released[stream] != 0;
  }
};

}  // namespace mailscope
