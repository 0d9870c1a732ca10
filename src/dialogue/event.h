// dialogue/event.h — one step of a mail dialogue: a command, a reply, a body, a gap, ...
//
// Decoders (protocols/) append DialogueEvents to a Dialogue; the command-line tool prints them,
// the window animates them, lessons select them. An event knows where it came from (direction,
// the packets and stream bytes that carried it, times), what was sent (text, verbatim but made
// printable), what it means (parsed fields and an explanation key) and where the session stood
// afterwards (state).
#pragma once
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tcp/stream_listener.h"
#include "tcp/tcp_session.h"

namespace mailscope {

enum class EventType : uint8_t {
  connection_open,   // the TCP handshake (or the first packet of a session picked up midstream)
  greeting,          // the server's first reply: SMTP 220, POP3 +OK, IMAP * OK / PREAUTH / BYE
  command,           // a client command line (SMTP verb, POP3 verb, IMAP tagged command)
  reply,             // a server reply that ends a command: SMTP code, POP3 +OK/-ERR, IMAP tagged
  untagged,          // IMAP "* ..." data sent while a command is in progress (or unsolicited)
  continuation,      // a request for more: IMAP "+ ...", SMTP 334 and POP3 "+ " SASL challenges
  auth_response,     // a client's SASL line answering a challenge (not a command)
  data,              // message content: SMTP DATA body / BDAT chunk, POP3 RETR/TOP body,
                     // IMAP literal ({n} bytes) sent by the client
  tls,               // TLS records after STARTTLS / STLS, or on an implicit-TLS port
  gap,               // bytes lost in the capture
  connection_close,  // FIN, RST or end of capture
};
const char* event_type_name(EventType t);  // "command", "reply", ... (the JSON `type`)

// A translation key ("smtp.reply.354", "smtp.state.transaction"). Nearly every key is a literal,
// and most are longer than std::string's inline buffer, so a std::string field cost each event
// a heap allocation per key (846K events on a 1 GB capture). A TranslationKey points at static
// storage instead and copies for free; only a key built at run time ("smtp.greeting." + code,
// "sasl." + a mechanism seen on the wire) owns its text.
//
//   e.explain_key = "smtp.data";                        // a literal: stored as a pointer
//   e.explain_key = TranslationKey::literal(info->key); // a pointer into a static table
//   e.explain_key = "imap.status." + status;            // built: owns a std::string
//   explain(e.explain_key, lang);                       // reads as a std::string_view
class TranslationKey {
 public:
  TranslationKey() = default;
  // Only arrays bind here, i.e. string literals: a plain `const char*` must say
  // TranslationKey::literal, so a pointer into a temporary cannot slip in unnoticed.
  template <size_t N>
  TranslationKey(const char (&literal)[N]) : literal_(literal), size_(N - 1) {}  // NOLINT
  TranslationKey(std::string built) : owned_(std::move(built)), is_owned_(true) {}  // NOLINT
  // `text` must outlive every copy: a literal or a static table's entry.
  static TranslationKey literal(const char* text) {
    TranslationKey k;
    k.literal_ = text;
    k.size_ = std::char_traits<char>::length(text);
    return k;
  }

  std::string_view view() const { return is_owned_ ? std::string_view(owned_) : std::string_view(literal_, size_); }
  operator std::string_view() const { return view(); }  // NOLINT: reads like the string it was
  std::string str() const { return std::string(view()); }
  bool empty() const { return view().empty(); }
  size_t size() const { return view().size(); }
  void clear() { *this = TranslationKey(); }

  friend bool operator==(const TranslationKey& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const TranslationKey& a, const TranslationKey& b) { return a.view() == b.view(); }
  // Exact matches for literals and strings, which could otherwise become either side's type.
  friend bool operator==(const TranslationKey& a, const char* b) { return a.view() == b; }
  friend bool operator==(const TranslationKey& a, const std::string& b) { return a.view() == b; }
  // Concatenates like the std::string it replaces.
  friend std::string operator+(std::string a, const TranslationKey& b) { return a.append(b.view()); }
  friend std::string operator+(const TranslationKey& a, std::string_view b) { return a.str().append(b); }

 private:
  const char* literal_ = "";
  size_t size_ = 0;
  std::string owned_;
  bool is_owned_ = false;
};
std::ostream& operator<<(std::ostream& out, const TranslationKey& key);

// A range of one direction's stream and the packets that carried it.
struct StreamSpan {
  uint64_t begin = 0, end = 0;               // stream offsets [begin, end)
  uint64_t first_packet = 0, last_packet = 0;
  int64_t first_time_ns = 0, last_time_ns = 0;
  bool empty() const { return first_packet == 0; }
  // Grows the span by `length` bytes at `stream_offset` carried by origin's packet.
  void extend(const SegmentOrigin& origin, uint64_t stream_offset, uint64_t length);
};

struct DialogueEvent {
  EventType type = EventType::command;
  Direction direction = Direction::client_to_server;
  StreamSpan span;

  // What was sent, as text: the line without CRLF; lines of a multi-line reply joined by '\n';
  // bytes that are not UTF-8 escaped as \xNN; capped (line_truncated tells).
  std::string text;

  // Parsed fields; empty / 0 where they do not apply.
  std::string verb;           // upper case: "EHLO", "RETR", "UID FETCH"
  std::string arguments;      // the rest of the command line
  std::string tag;            // IMAP tag
  int code = 0;               // SMTP reply code (250, 354, ...)
  std::string enhanced_code;  // SMTP enhanced status code "5.7.8" (RFC 3463)
  std::string status;         // "+OK" "-ERR" / "OK" "NO" "BAD" "PREAUTH" "BYE"
  std::string response_code;  // IMAP bracketed code without brackets: "UIDVALIDITY 3857529045"
  std::string decoded;        // what an encoding hid, for people: user "alice", password "…";
                              // a mailbox name decoded from modified UTF-7; an RFC 2047 subject
  std::vector<std::pair<std::string, std::string>> details;  // more parsed facts, in order:
                              // ("From", "alice@example.org"), ("capability", "PIPELINING"), ...
  std::vector<std::string> secrets;  // substrings of text/decoded/details that --redact masks

  int32_t answers = -1;       // replies, untagged, continuations: index of the command event
  uint64_t size_bytes = 0;    // data/tls/gap: bytes carried or missing
  uint32_t record_count = 0;  // tls: records summarised by this event

  TranslationKey explain_key; // key into the explanation table: "smtp.reply.354", "imap.cmd.SELECT"

  // The session's state after this event: a key ("smtp.state.transaction") for translation
  // and the facts that fill it ("from a@x.example, 2 recipients").
  TranslationKey state_key;
  std::string state_detail;

  bool unknown = false;        // a command or reply the decoder does not recognise (kept verbatim)
  bool malformed = false;      // recognised but not well-formed
  bool line_truncated = false; // longer than the line cap; text ends with " …[N more bytes]"
};

}  // namespace mailscope
