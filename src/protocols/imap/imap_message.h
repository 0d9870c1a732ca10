// protocols/imap/imap_message.h — one IMAP command or response as the protocol frames it: a
// CRLF line that may carry literals and go on after each of them.
//
// RFC 3501 §4.3 / RFC 9051 §4.3: a literal is "{n}" at the very end of a line, then exactly n
// bytes (any bytes, CRLF included), then the line continues. RFC 7888 LITERAL+ writes "{n+}":
// the client does not wait for the server's "+" before sending the bytes. So
//
//   A003 APPEND Drafts {310}CRLF <310 bytes> CRLF
//
// is ONE command made of two line fragments ("A003 APPEND Drafts {310}" and "") and one literal.
// ImapDecoder pushes fragments and literal bytes into an ImapMessage as they arrive; when a
// fragment ends without a literal marker the message is complete and gets parsed.
//
// Limits: fragments and literal contents are kept up to `max_kept` bytes in total (plus one
// line); the rest is counted, never stored. At most kMaxLiterals literals are kept per message.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailscope {

struct ImapLiteral {
  uint64_t size = 0;               // n as announced in {n}
  uint64_t received = 0;           // bytes that arrived
  uint64_t missing = 0;            // bytes lost in a capture gap
  bool non_synchronizing = false;  // {n+} (RFC 7888)
  std::string content;             // the first bytes, capped
};

// The literal marker at the end of a line: "{310}" or "{310+}". False when there is none or
// the number does not fit (then the line is an ordinary line).
bool parse_literal_marker(std::string_view line, uint64_t& size, bool& non_synchronizing);

class ImapMessage {
 public:
  static constexpr size_t kMaxLiterals = 256;

  explicit ImapMessage(size_t max_kept = 64 * 1024) : max_kept_(max_kept) {}

  // A line fragment (without CRLF); `dropped` bytes of it were cut by the line cap.
  void add_fragment(std::string_view line, uint64_t dropped, uint64_t wire_bytes);
  void begin_literal(uint64_t size, bool non_synchronizing);
  void add_literal_bytes(const uint8_t* bytes, size_t length);
  void literal_gap(uint64_t length);
  void clear();

  bool empty() const { return wire_bytes_ == 0 && fragments_.empty(); }
  const std::vector<std::string>& fragments() const { return fragments_; }
  const std::vector<ImapLiteral>& literals() const { return literals_; }
  // Where literal k sits in joined(): the offset just after its "{n}" marker.
  const std::vector<size_t>& literal_offsets() const { return offsets_; }
  // The kept fragments concatenated (literal contents excluded): what the parser reads.
  const std::string& joined() const { return joined_; }
  uint64_t literal_bytes() const { return literal_bytes_; }
  uint64_t missing_bytes() const;                  // lost in gaps inside literals
  bool truncated() const { return dropped_ > 0; }  // something was not kept

  // The message for people: fragments made printable, each literal on its own line(s) after
  // its marker, starting `skip` bytes into the first fragment; capped at `cap` bytes with the
  // " …[N more bytes]" marker.
  std::string render(size_t skip, size_t cap) const;
  // std::string(trim(render(skip, cap))), without rendering the blanks or copying the result.
  std::string render_trimmed(size_t skip, size_t cap) const;
  // text = render(0, cap) and arguments = render_trimmed(skip, cap), rendering the literals once.
  void render_with_arguments(size_t skip, size_t cap, std::string& text,
                             std::string& arguments) const;

 private:
  size_t max_kept_;
  std::vector<std::string> fragments_;
  std::vector<uint64_t> fragment_dropped_;
  std::vector<ImapLiteral> literals_;
  std::vector<size_t> offsets_;
  std::string joined_;
  size_t kept_ = 0;
  uint64_t dropped_ = 0;  // bytes counted but not kept
  uint64_t wire_bytes_ = 0;
  uint64_t literal_bytes_ = 0;  // announced sizes of all literals
  bool sealed_ = false;         // a cap was hit: later pieces are only counted
  bool in_uncounted_literal_ = false;
  // Appends the whole message from `skip`, uncut; false when that is longer than `cap`.
  bool render_whole(size_t skip, size_t cap, std::string& out) const;
};

}  // namespace mailscope
