// ui/model/loaded_capture.h — a capture as the window holds it: the dialogues from the
// analyzer and, per session, a compact index of its packets (the packets themselves stay in
// the file and are read again with CaptureFile::read_at when the hex view needs them).
//
//   LoadedCapture c = ...;                        // from CaptureLoader (capture_loader.h)
//   const Dialogue* d = c.dialogue(stream);
//   for (const PacketRef& p : c.packets(stream)) ...
//   size_t first = c.first_packet_at_or_after(stream, event.span.first_packet);
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

namespace mailscope {

// 32 bytes per packet: what the stage (L4 arrows), the packet list and read_at need.
struct PacketRef {
  uint64_t number = 0;        // frame number
  uint64_t file_offset = 0;   // for CaptureFile::read_at
  int64_t time_ns = 0;
  uint32_t payload_length = 0;
  uint8_t flags = 0;          // TCP flags
  Direction direction = Direction::client_to_server;
  uint16_t window = 0;
};

struct LoadedCapture {
  std::string path;
  std::string format;                      // "pcap", "pcapng", ...
  std::string warning;                     // truncated file etc., empty when clean
  uint64_t file_size = 0;
  size_t text_cap_bytes = 0;               // > 0: a large capture, event texts capped to save memory
  std::unique_ptr<MailAnalyzer> analyzer;  // owns the dialogues of a file
  std::unique_ptr<DialogueStore> live;     // ...or of a live capture (live_controller.h)
  std::unique_ptr<CaptureFile> file;       // kept open for read_at
  std::vector<std::vector<PacketRef>> packets_by_stream;
  std::vector<uint32_t> streams;           // stream numbers of the kept dialogues, in order

  size_t session_count() const { return streams.size(); }
  bool is_live() const { return live != nullptr; }
  const Dialogue* dialogue(uint32_t stream) const;
  const std::vector<PacketRef>& packets(uint32_t stream) const;
  // Index into packets(stream) of the first packet numbered >= number (size() when none).
  size_t first_packet_at_or_after(uint32_t stream, uint64_t number) const;
  // Payload-carrying packets in `direction` numbered within [first, last].
  size_t count_payload_packets(uint32_t stream, Direction direction, uint64_t first, uint64_t last) const;
};

}  // namespace mailscope
