// protocols/smtp/smtp_decoder.h — SMTP and Submission (RFC 5321, 6409) as dialogue events.
//
// What it does: reads the two directions of one SMTP session and appends greeting, command,
// reply, continuation (334), auth_response, data (DATA body / BDAT chunk), tls and gap events,
// each with its explanation key and the session state after it (smtp_state.h).
//
// How data flows:
//   client bytes ─> command lines (LineAssembler) ─> command events, pushed on a FIFO
//               └─> after 354: DotStuffedBody up to CRLF.CRLF ─> one data event
//               └─> after "BDAT n": exactly n raw bytes ─> one data event per chunk (RFC 3030)
//               └─> after 334: one SASL line ─> auth_response event (RFC 4954)
//   server bytes ─> reply lines ─> SmtpReplyAssembler (multi-line, RFC 5321 §4.2.1) ─> replies,
//                   paired with the FIFO head in order (RFC 2920 PIPELINING)
//   after 220 to STARTTLS (RFC 3207) ─> both directions to TlsRecordSummary, unless the client's
//   next bytes are not a TLS record (a decrypted export): then text goes on.
//
// The two directions are parsed independently. Where the meaning of client bytes depends on a
// reply (after DATA: body or commands? after AUTH: SASL answer or command? after STARTTLS: TLS
// or text?) the client cannot go on before that reply (RFC 2920 §3.1: DATA, AUTH, STARTTLS end
// a pipelined group), so the decoder holds the client's bytes until the reply has been read —
// normally the reply was fed first and nothing is held. Held bytes and the rest of the input
// are then processed in arrival order, so the events do not depend on how the input was split.
//
//   Dialogue dialogue;
//   SmtpDecoder smtp(dialogue);
//   smtp.feed(Direction::server_to_client, bytes, n, origin);
//   smtp.finish();
//
// Limits (DecoderLimits): lines are cut at max_line_bytes, texts of replies and bodies at
// max_text_bytes, the FIFO at max_pending_commands; held bytes at max_line_bytes +
// max_text_bytes, after which the decoder assumes the usual answer (354, 334, 220) came.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "protocols/common/line_assembler.h"
#include "protocols/common/message_body.h"
#include "protocols/common/protocol_decoder.h"
#include "protocols/common/tls_records.h"
#include "protocols/smtp/smtp_auth.h"
#include "protocols/smtp/smtp_commands.h"
#include "protocols/smtp/smtp_reply.h"
#include "protocols/smtp/smtp_state.h"

namespace mailscope {

class SmtpDecoder final : public ProtocolDecoder {
 public:
  explicit SmtpDecoder(Dialogue& out, DecoderLimits limits = {});
  ~SmtpDecoder() override;
  void feed(Direction direction, const uint8_t* bytes, size_t length,
            const SegmentOrigin& origin) override;
  void gap(Direction direction, uint64_t length, const SegmentOrigin& origin) override;
  void finish() override;

 private:
  enum class ClientMode : uint8_t { command, wait_reply, sasl, body, bdat, tls_undecided, tls };
  enum class ServerMode : uint8_t { lines, tls_wait, tls };
  enum class WaitFor : uint8_t { data, auth, starttls };

  // A command awaiting its reply (RFC 2920: replies come in the order of the commands).
  struct PendingCommand {
    int32_t event = -1;
    SmtpVerb verb = SmtpVerb::unknown;
    std::string argument;        // EHLO/HELO domain, MAIL/RCPT address
    bool body_accepted = false;  // DATA: 354 came, the next reply ends the message
    bool bdat_last = false;
  };
  // Input that cannot be read yet (its direction waits for a reply), in arrival order.
  struct QueuedInput {
    uint64_t seq = 0;
    SegmentOrigin origin;
    std::string bytes;
    uint64_t gap_length = 0;  // a gap instead of bytes when > 0
  };

  // [smtp_decoder.cpp] input scheduling, gaps, events
  bool blocked(Direction d) const;
  void enqueue(Direction d, const uint8_t* bytes, size_t length, const SegmentOrigin& origin,
               uint64_t gap_length);
  void drain();
  size_t run(Direction d, const uint8_t* bytes, size_t length, const SegmentOrigin& origin);
  void apply_gap(Direction d, uint64_t length, const SegmentOrigin& origin);
  void release_by_default(Direction d);
  size_t hold_cap() const { return limits_.max_line_bytes + limits_.max_text_bytes; }
  int32_t push_event(DialogueEvent&& e);
  void stamp_new_events(size_t first);
  void stamp_state(DialogueEvent& e);  // the state key and detail after the event
  size_t resync_step(Direction d, const uint8_t* bytes, size_t length);
  void tls_feed(Direction d, const uint8_t* bytes, size_t length, const SegmentOrigin& origin);
  void tls_gap(Direction d, uint64_t length, const SegmentOrigin& origin);
  void enter_tls();
  void leave_tls_undecided(bool is_tls);

  // [smtp_client.cpp] the client's direction
  size_t client_step(const uint8_t* bytes, size_t length, const SegmentOrigin& origin);
  void on_command_line(bool complete);
  void on_sasl_line(bool complete);
  void start_body();
  void finish_body(bool terminated);
  void finish_chunk(bool complete);
  void apply_sasl(const SaslDecoded& d, DialogueEvent& e);
  bool held_bytes_look_like_command() const;

  // [smtp_server.cpp] the server's direction and the pairing of replies
  size_t server_step(const uint8_t* bytes, size_t length, const SegmentOrigin& origin);
  void on_reply(SmtpReply reply);
  void apply_reply(PendingCommand& head, const SmtpReply& reply, DialogueEvent& e, bool& pop);

  SmtpSessionFacts facts_;
  std::string detail_scratch_;  // state details are built here, then copied at their size
  SmtpAuthExchange auth_;
  std::deque<PendingCommand> pending_;
  bool greeting_seen_ = false;
  bool finished_ = false;

  ClientMode client_mode_ = ClientMode::command;
  WaitFor wait_for_ = WaitFor::data;
  ServerMode server_mode_ = ServerMode::lines;
  LineAssembler lines_[2];
  SmtpReplyAssembler replies_;
  TlsRecordSummary tls_;

  // Resynchronisation after a gap in a line mode: skip to the next LF.
  bool resync_[2] = {false, false};
  int32_t resync_gap_event_[2] = {-1, -1};
  uint64_t resync_skipped_[2] = {0, 0};

  // DATA body (RFC 5321 §4.5.2) and BDAT chunk (RFC 3030 §2) in progress.
  std::unique_ptr<DotStuffedBody> body_;
  int32_t data_command_event_ = -1;
  uint64_t body_gap_bytes_ = 0;
  uint64_t chunk_size_ = 0, chunk_left_ = 0, chunk_gap_bytes_ = 0, chunk_lines_ = 0;
  std::string chunk_text_;
  StreamSpan chunk_span_;
  bool chunk_last_ = false;
  uint32_t chunk_number_ = 0;  // chunks of the current BDAT message so far
  int32_t auth_command_event_ = -1;
  std::string auth_user_seen_;  // the user named in the AUTH exchange in progress

  // STARTTLS: the client's first byte(s) after the 220 decide TLS or text.
  uint8_t tls_probe_ = 0;
  SegmentOrigin tls_probe_origin_;
  bool tls_probe_held_ = false;

  std::deque<QueuedInput> queue_[2];
  uint64_t queued_bytes_[2] = {0, 0};
  uint64_t next_seq_ = 0;
  bool draining_ = false;
};

}  // namespace mailscope
