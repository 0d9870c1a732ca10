// protocols/pop3/pop3_decoder.h — POP3 (RFC 1939) as a push decoder: bytes in, dialogue events out.
//
// Data flow. Each direction's bytes go to a LineAssembler; a client line becomes a `command`
// (or, during AUTH, an `auth_response`) and joins a FIFO of pending commands, because clients
// may send several before the first reply (RFC 2449 §6.6 PIPELINING). A server line is the
// `greeting` (the first one), a `continuation` ("+ " during AUTH, RFC 5034), or a `reply` that
// answers the oldest pending command. Whether a "+OK" is followed by more lines depends on that
// command (RFC 1939 §3: LIST and UIDL without argument, RETR, TOP, CAPA, bare AUTH); "-ERR" is
// always one line. A listing (CAPA, LIST, ...) becomes one multi-line reply event; the message
// of RETR/TOP is read by DotStuffedBody and becomes a `data` event after its "+OK" reply.
// After "+OK" to STLS (RFC 2595) both directions are TLS records, summarised by
// TlsRecordSummary, unless the client's next bytes are plain text (a decrypted export).
//
//   Dialogue dialogue;
//   Pop3Decoder pop3(dialogue);
//   pop3.feed(Direction::server_to_client, bytes, n, origin);   // any split
//   pop3.finish();
//
// States (pop3.state.*): authorization → transaction (PASS, APOP or AUTH accepted) → update
// (QUIT, deletions committed); closed (QUIT before logging in); tls (unreadable after STLS).
// Limits: lines, texts and the command FIFO are capped by DecoderLimits; the list of deleted
// message numbers shown in the state is capped too.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/common/line_assembler.h"
#include "protocols/common/message_body.h"
#include "protocols/common/protocol_decoder.h"
#include "protocols/common/sasl.h"
#include "protocols/common/tls_records.h"
#include "protocols/pop3/pop3_commands.h"
#include "protocols/pop3/pop3_status.h"

namespace mailscope {

class Pop3Decoder final : public ProtocolDecoder {
 public:
  explicit Pop3Decoder(Dialogue& out, DecoderLimits limits = {});
  ~Pop3Decoder() override;

  void feed(Direction direction, const uint8_t* bytes, size_t length,
            const SegmentOrigin& origin) override;
  void gap(Direction direction, uint64_t length, const SegmentOrigin& origin) override;
  void finish() override;

 private:
  // RFC 1939 §3 states, plus two this program needs to say what it can see.
  enum class State : uint8_t { authorization, transaction, update, closed, tls };
  enum class Wire : uint8_t { text, tls_pending, tls };          // what the bytes are
  enum class ServerMode : uint8_t { status, listing, message };  // what the next server line is

  struct Pending {  // a command awaiting its reply
    int32_t event = -1;
    const Pop3Command* command = nullptr;  // nullptr: a verb this program does not know
    bool has_argument = false;
    std::string argument;  // first argument, capped (message number, name)
  };

  struct SaslExchange {  // RFC 5034 §4: one AUTH exchange at a time
    bool active = false;
    bool awaiting_client = false;  // a "+ " challenge was sent, the client's line answers it
    int32_t command_event = -1;
    std::string mechanism;             // upper case
    uint32_t responses = 0;            // client answers so far, the initial response included
    bool prompt_was_password = false;  // LOGIN: the last prompt decoded to "Password:"
    bool prompt_was_user = false;
  };

  struct HeldByte {  // after STLS: the first byte of a direction, until two bytes decide
    bool have = false;
    uint8_t byte = 0;
    SegmentOrigin origin;
  };

  // [pop3_decoder.cpp] routing bytes by wire mode and server mode
  size_t feed_text(Direction direction, const uint8_t* bytes, size_t length,
                   const SegmentOrigin& origin);
  size_t feed_lines(Direction direction, const uint8_t* bytes, size_t length,
                    const SegmentOrigin& origin);
  bool starts_cleanly(Direction direction, std::string_view line) const;
  void drop_tail_line(Direction direction);
  void flush_partial_lines();
  int32_t emit(DialogueEvent&& event);
  std::string capped_text(std::string_view raw, uint64_t dropped, bool& truncated) const;

  // [pop3_client.cpp] command lines
  void on_client_line(const LineAssembler& line, bool unterminated);
  void describe_command(DialogueEvent& event, const Pop3Command& command,
                        std::string_view argument_text);

  // [pop3_server.cpp] greeting, replies, listings, messages
  void on_server_line(const LineAssembler& line, bool unterminated);
  void on_greeting(DialogueEvent&& event, const Pop3StatusLine& status);
  void on_reply(DialogueEvent&& event, const Pop3StatusLine& status);
  void apply_ok(const Pending& pending, DialogueEvent& event, const Pop3StatusLine& status);
  void on_listing_line(const LineAssembler& line, bool unterminated);
  void finish_listing(bool complete);
  void start_message(const Pending& pending);
  void finish_message(bool complete);

  // [pop3_auth.cpp] USER/PASS, APOP, AUTH (SASL)
  void describe_user(DialogueEvent& event, std::string_view name);
  void describe_pass(DialogueEvent& event, std::string_view password);
  void describe_apop(DialogueEvent& event, std::string_view arguments);
  void describe_auth(DialogueEvent& event, std::string_view arguments);
  void on_continuation(DialogueEvent&& event, const Pop3StatusLine& status);
  void on_auth_response(const LineAssembler& line, bool unterminated);
  void apply_sasl(DialogueEvent& event, const SaslDecoded& decoded);
  SaslDecoded decode_client_sasl(std::string_view base64);
  bool is_auth_response(std::string_view line) const;

  // [pop3_state.cpp] state key and detail, deletion bookkeeping
  const char* state_key() const;
  std::string state_detail() const;
  void append_state_detail(std::string& out) const;  // state_detail() appended to out
  void mark_deleted(uint64_t message);
  void clear_deleted();

  // [pop3_tls.cpp] STLS: deciding between TLS records and a decrypted export
  bool decide_wire(Direction direction, const uint8_t* bytes, size_t length,
                   const SegmentOrigin& origin);
  void settle_wire(bool tls);
  void feed_tls(Direction direction, const uint8_t* bytes, size_t length,
                const SegmentOrigin& origin);
  void stamp_new_events(size_t first);

  LineAssembler lines_[2];           // indexed by index_of(Direction)
  bool resync_[2] = {false, false};  // after a gap: the next line may be a lost line's tail
  Wire wire_ = Wire::text;
  ServerMode server_mode_ = ServerMode::status;
  std::deque<Pending> pending_;

  DialogueEvent listing_;  // multi-line reply being collected
  Pending listing_command_;
  uint64_t listing_dropped_ = 0;  // text bytes beyond max_text_bytes
  size_t listing_lines_ = 0;

  std::optional<DotStuffedBody> message_;  // RETR / TOP body being read
  Pending message_command_;

  HeldByte held_[2];
  std::optional<TlsRecordSummary> tls_;

  State state_ = State::authorization;
  bool greeted_ = false;
  bool greeting_refused_ = false;
  bool finished_ = false;
  bool decrypted_after_stls_ = false;
  bool quit_answered_ = false;  // QUIT got its reply: deletions committed (or failed)
  bool quit_failed_ = false;    // RFC 1939 §6: -ERR, some deleted messages not removed
  std::string apop_challenge_;  // RFC 1939 §7 timestamp from the greeting
  std::string user_;            // USER / APOP name / SASL user
  bool stat_known_ = false;
  uint64_t stat_messages_ = 0, stat_octets_ = 0;
  std::vector<uint64_t> deleted_;  // first message numbers marked deleted (capped)
  uint64_t deleted_count_ = 0;
  SaslExchange sasl_;
  std::string detail_scratch_;  // emit() builds each event's state detail here
};

}  // namespace mailscope
