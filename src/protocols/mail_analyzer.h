// protocols/mail_analyzer.h — the whole pipeline: frames in, dialogues out.
//
//   frames ──decode_frame──> DecodedPacket ──IpDefragmenter──> TcpReassembler
//          ──StreamListener──> DialogueBuilder: one ProtocolDecoder per session ──> Dialogue events
//                              (directly, or through a DecodeThread with decode_on_thread)
//
//   MailAnalyzer analyzer(options);
//   analyzer.on_dialogue_closed = [](Dialogue&& d) { print(d); };   // optional
//   for each Frame f: analyzer.add_frame(f);
//   analyzer.finish();
//
// Sessions whose server port maps to no mail protocol are reassembled and numbered (so stream
// numbers match Wireshark's tcp.stream) but decoded only as plain lines when decode_other is set.
// With options.decode = false only the TCP sessions are followed (the fast `streams` pass).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "capture/frame.h"
#include "dialogue/dialogue.h"
#include "net/ip_defragmenter.h"
#include "protocols/common/protocol_decoder.h"
#include "protocols/decode_thread.h"
#include "protocols/dialogue_builder.h"
#include "protocols/port_map.h"
#include "tcp/tcp_reassembler.h"

namespace mailscope {

struct AnalyzerOptions {
  PortMap ports;
  ReassemblyLimits reassembly;
  DefragLimits defrag;
  DecoderLimits decoder;
  bool decode = true;            // run the protocol decoders
  bool keep_closed = true;       // keep closed dialogues in dialogues(); false: hand them to
                                 // on_dialogue_closed only and release them (bounded memory)
  // Decode on a second thread (DecodeThread) while this one reads and reassembles: a file is
  // read in about two thirds of the time on two cores. on_dialogue_closed is then called on that
  // thread, dialogues() may be read only after finish(), and open dialogues keep the session
  // counters of their first packet until they close. For reading a whole file (the command
  // line, the window's loader, the benchmark); live views, which show sessions while they
  // are open, leave it off. When the reading thread has had to wait for room in the queue, it
  // decodes a share of the sessions that open from then on itself (DecodeThread::
  // reader_should_decode) and hands each of those dialogues to the decoding thread when it
  // closes: callbacks stay on that thread and in close order, and the dialogues are the same.
  bool decode_on_thread = false;
  size_t decode_batch_bytes = DecodeThread::kBatchBytes;  // see DecodeThread
};

struct AnalyzerStats {
  uint64_t frames = 0, frame_bytes = 0;
  int64_t first_time_ns = 0, last_time_ns = 0;   // of the first and the latest frame
  uint64_t tcp_packets = 0, not_tcp = 0, malformed = 0, unknown_link = 0, fragments = 0;
  uint64_t sessions_decoded_here = 0;  // with decode_on_thread: decoded on the reading thread
};

class MailAnalyzer : private StreamListener {
 public:
  explicit MailAnalyzer(AnalyzerOptions options = {});
  ~MailAnalyzer() override;

  void add_frame(const Frame& frame);
  void finish();                                   // end of input: flush and close everything

  // Called when a session closes (in close order, not stream order), before it is kept.
  // With decode_on_thread it runs on the decoding thread, one call at a time.
  std::function<void(Dialogue&)> on_dialogue_closed;
  // Called for every decoded TCP packet that belongs to a session (for packet indexes).
  std::function<void(const TcpSession&, Direction, const DecodedPacket&)> on_session_packet;

  // Every reassembled chunk and gap of every session, in delivery order (for `follow`).
  std::function<void(const TcpSession&, Direction, const uint8_t*, size_t, const SegmentOrigin&)>
      on_session_data;
  std::function<void(const TcpSession&, Direction, uint64_t, const SegmentOrigin&)> on_session_gap;

  // Every dialogue kept so far, open ones included, indexed by stream number (entries of
  // released sessions are null when keep_closed is false).
  const std::vector<std::unique_ptr<Dialogue>>& dialogues() const { return builder_.dialogues(); }
  const AnalyzerStats& stats() const { return stats_; }
  const TcpReassembler& reassembler() const { return *reassembler_; }
  const IpDefragmenter& defragmenter() const { return defrag_; }
  const AnalyzerOptions& options() const { return options_; }

 private:
  void on_open(const TcpSession& session) override;
  void on_packet(const TcpSession& session, Direction direction, const DecodedPacket& packet) override;
  void on_data(const TcpSession& session, Direction direction, const uint8_t* bytes, size_t length,
               const SegmentOrigin& origin) override;
  void on_gap(const TcpSession& session, Direction direction, uint64_t length,
              const SegmentOrigin& origin) override;
  void on_close(const TcpSession& session) override;

  AnalyzerOptions options_;
  AnalyzerStats stats_;
  IpDefragmenter defrag_;
  std::unique_ptr<TcpReassembler> reassembler_;
  DialogueBuilder builder_;
  std::unique_ptr<DecodeThread> thread_;  // with decode_on_thread: feeds builder_
  // With the thread: the open sessions this (reading) thread decodes itself.
  DialogueBuilder builder_here_;
  DecodedPacket packet_;
};

}  // namespace mailscope
