// protocols/imap/imap_decoder.h — IMAP4 (RFC 3501, RFC 9051) as a push decoder.
//
// Data flow, per direction:
//   bytes ──LineAssembler──> line fragments ─┐
//         ──literal mode ({n} bytes)────────┴─> ImapMessage ──(line without a literal marker)──>
//   client: command / auth_response / DONE      server: greeting / untagged / continuation / reply
//
// One ImapMessage is one protocol line however many literals it carries (RFC 3501 §4.3,
// RFC 7888 LITERAL+), so "A001 LOGIN {5}CRLF alice {10}CRLF wonderland CRLF" is ONE command
// event. Literals are summarised inside the event that carries them: the text shows the "{n}"
// marker and then the literal's lines (capped by max_text_bytes), `size_bytes` counts the
// literal bytes exactly, and a message literal (APPEND, FETCH BODY[]) has its header fields in
// `details`. There are no separate data events.
//
// Pairing (RFC 3501 §2.2.2): a tagged reply answers the command with that tag; untagged "*"
// and "+" belong to the command in progress, which is the oldest pending command (answers -1
// when none). A "+" that lets a synchronising literal through (RFC 3501 §7.5) arrives before
// its command is complete; it is appended with answers -1 and patched to point at the command
// event once that command's last byte arrives (the one forward reference in the dialogue).
// IDLE's "DONE" (RFC 2177) is a `command` event with verb "DONE", no tag, answering the IDLE.
//
// States (RFC 3501 §3): not_authenticated → authenticated (LOGIN/AUTHENTICATE OK, or a PREAUTH
// greeting) → selected (SELECT/EXAMINE OK; read-only from [READ-ONLY] or EXAMINE) → logout.
// After STARTTLS's tagged OK both directions go to a TlsRecordSummary, unless the next bytes
// are not a TLS record (a decrypted export): then decoding goes on as text.
//
// Limits: every line capped by max_line_bytes, event text and kept literal bytes by
// max_text_bytes, pending commands by max_pending_commands. Nothing recurses on input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "protocols/common/line_assembler.h"
#include "protocols/common/protocol_decoder.h"
#include "protocols/common/tls_records.h"
#include "protocols/imap/imap_message.h"

namespace mailscope {

class ImapReader;

class ImapDecoder final : public ProtocolDecoder {
 public:
  explicit ImapDecoder(Dialogue& out, DecoderLimits limits = {});

  void feed(Direction direction, const uint8_t* bytes, size_t length,
            const SegmentOrigin& origin) override;
  void gap(Direction direction, uint64_t length, const SegmentOrigin& origin) override;
  void finish() override;

 private:
  enum class Mode : uint8_t { line, literal, resync, tls_probe, tls };
  enum class State : uint8_t { not_authenticated, authenticated, selected, logout };

  struct Side {
    Side(size_t max_line, size_t max_text) : line(max_line), message(max_text) {}
    LineAssembler line;
    std::string tail;     // the last bytes of the line being assembled: its {n} marker
    ImapMessage message;  // the protocol line being assembled
    StreamSpan span;      // of `message`
    Mode mode = Mode::line;
    uint64_t literal_left = 0;
    bool bare_lf = false;    // a fragment ended with LF alone
    int32_t gap_event = -1;  // while resynchronising: the gap event that caused it
    uint64_t skipped = 0;    // bytes dropped while resynchronising
    uint8_t probe_byte = 0;  // after STARTTLS: a first byte still undecided
    bool probe_have = false;
    SegmentOrigin probe_origin;
  };

  struct PendingCommand {
    std::string tag;
    int32_t event = -1;
    std::string verb;
    std::string mailbox;                 // SELECT / EXAMINE: the name (decoded)
    std::string mechanism;               // AUTHENTICATE
    std::string user;                    // LOGIN / AUTHENTICATE: who, when readable
    bool challenge_outstanding = false;  // a "+" awaits the client's SASL answer
    bool next_is_password = false;       // SASL LOGIN: the prompt asked for the password
    int sasl_answers = 0;
    bool idle_done = false;
  };

  // Framing (imap_decoder.cpp).
  void feed_side(Direction direction, const uint8_t* bytes, size_t length,
                 const SegmentOrigin& origin);
  void line_complete(Direction direction);
  void message_complete(Direction direction);
  void flush_partial(Direction direction, const char* why);
  void end_resync(Side& side);
  size_t probe_tls(Direction direction, const uint8_t* bytes, size_t length,
                   const SegmentOrigin& origin);
  void decide_tls(bool tls);
  void feed_tls(Direction direction, const uint8_t* bytes, size_t length,
                const SegmentOrigin& origin);
  void stamp_new_events(size_t from);
  Side& side(Direction d) { return sides_[index_of(d)]; }

  // Events (imap_decoder.cpp).
  DialogueEvent base_event(EventType type, Direction direction, bool with_text = true) const;
  int32_t emit(DialogueEvent&& event);
  void apply_state(DialogueEvent& event) const;
  PendingCommand* oldest_pending();
  PendingCommand* pending_with_verb(const char* verb);

  // Client (imap_client.cpp).
  void on_client_message();
  void on_command();
  void on_auth_response(PendingCommand& command);
  void on_done(PendingCommand& idle);
  void read_command_arguments(const std::string& verb, ImapReader& reader, DialogueEvent& event,
                              PendingCommand& pending, uint8_t mailbox_args);
  void resolve_awaiting(int32_t command_event);

  // Server (imap_server.cpp, imap_fetch.cpp).
  void on_server_message();
  void on_continuation();
  void on_untagged();
  void on_tagged();
  void on_status_untagged(const std::string& status, ImapReader& reader, DialogueEvent& event);
  void read_untagged_data(const std::string& name, ImapReader& reader, DialogueEvent& event);
  void read_fetch(ImapReader& reader, DialogueEvent& event);
  void complete_command(const PendingCommand& command, const std::string& status,
                        const std::string& response_code);
  bool cancel_refused_literal(const std::string& tag);

  Side sides_[2];
  TlsRecordSummary tls_;
  std::deque<PendingCommand> pending_;
  std::vector<int32_t> awaiting_command_;  // "+" events waiting for their command event
  bool client_awaits_go_ahead_ = false;    // the client sent {n} and waits for "+"
  bool greeting_seen_ = false;
  bool tls_probing_ = false;
  State state_ = State::not_authenticated;
  std::string user_;
  std::string mailbox_;
  bool read_only_ = false;
};

}  // namespace mailscope
