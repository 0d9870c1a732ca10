// protocols/dialogue_builder.h — the sessions' dialogues, built from their reassembled streams.
//
// MailAnalyzer's decoding half: it keeps one Dialogue and one ProtocolDecoder per session and
// turns the reassembler's calls (open, bytes, gaps, close) into events. MailAnalyzer calls it
// directly, or through a DecodeThread that replays the same calls, in the same order, on a
// second thread; either way the dialogues come out the same.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "dialogue/dialogue.h"
#include "protocols/common/protocol_decoder.h"
#include "protocols/port_map.h"

namespace mailscope {

// Aligned to a cache line of its own: with a DecodeThread it is the decoding thread's, while
// the members around it in MailAnalyzer change with every frame on the reading thread. Sharing
// a line with them made each call here wait for that line to come back (a third of the
// decoding thread's time on the 1 GB corpus).
class alignas(64) DialogueBuilder {
 public:
  DialogueBuilder(const PortMap& ports, DecoderLimits limits, bool decode, bool keep_closed);
  ~DialogueBuilder();
  DialogueBuilder(const DialogueBuilder&) = delete;
  DialogueBuilder& operator=(const DialogueBuilder&) = delete;

  void open(const TcpSession& session);
  void update(const TcpSession& session);  // the session's counters after one more packet
  void data(uint32_t stream, Direction direction, const uint8_t* bytes, size_t length,
            const SegmentOrigin& origin);
  void gap(uint32_t stream, Direction direction, uint64_t length, const SegmentOrigin& origin);
  void close(const TcpSession& session);  // finishes the dialogue and calls on_closed

  // For a dialogue built by another builder (MailAnalyzer's reading thread decodes some
  // sessions itself, see mail_analyzer.h): release() finishes it like close() but hands it
  // over instead of calling on_closed; adopt() takes it and goes on as close() does.
  std::unique_ptr<Dialogue> release(const TcpSession& session);
  void adopt(std::unique_ptr<Dialogue> dialogue);

  std::function<void(Dialogue&)> on_closed;
  const std::vector<std::unique_ptr<Dialogue>>& dialogues() const { return dialogues_; }
  // True while this builder has the session's dialogue (opened here, not released or let go).
  bool holds(uint32_t stream) const { return stream < dialogues_.size() && dialogues_[stream]; }

 private:
  void make_room(uint32_t stream);
  void end_dialogue(Dialogue& dialogue, const TcpSession& session);  // the decoder's last events
  void deliver(uint32_t stream);  // on_closed, then keep or let go

  const PortMap& ports_;
  DecoderLimits limits_;
  bool decode_;
  bool keep_closed_;
  std::vector<std::unique_ptr<Dialogue>> dialogues_;        // by stream number
  std::vector<std::unique_ptr<ProtocolDecoder>> decoders_;  // by stream number, null when closed
};

}  // namespace mailscope
