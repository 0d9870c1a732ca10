// protocols/common/protocol_decoder.h — the interface every mail decoder implements.
//
// A decoder is a push parser over the two reassembled directions of one session:
//
//   Dialogue dialogue;
//   auto decoder = make_decoder(Protocol::smtp, dialogue, DecoderLimits{});
//   decoder->feed(Direction::server_to_client, bytes, n, origin);   // any split, any size
//   decoder->gap(Direction::client_to_server, 1460, origin);         // lost bytes
//   decoder->finish();                                               // end of the session
//   // dialogue.events now holds greeting, commands, replies, ...
//
// It never assumes a line, a literal or a body arrives in one call: bytes may be split at any
// offset (tests feed every input whole, byte by byte and at every prefix). Bad traffic is data:
// an unknown or malformed line becomes an event marked so. A gap becomes a gap event and the
// decoder resynchronises at the next line (inside a literal or body: after it).
// Memory is bounded by DecoderLimits whatever the input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

#include "dialogue/dialogue.h"
#include "tcp/stream_listener.h"

namespace mailscope {

struct DecoderLimits {
  size_t max_line_bytes = 8192;        // a longer line is cut, marked line_truncated
  size_t max_text_bytes = 64 * 1024;   // text kept per event (bodies, multi-line replies)
  size_t max_pending_commands = 1024;  // pipelined commands awaiting replies
};

class ProtocolDecoder {
 public:
  explicit ProtocolDecoder(Dialogue& out, DecoderLimits limits = {}) : out_(out), limits_(limits) {}
  virtual ~ProtocolDecoder() = default;
  ProtocolDecoder(const ProtocolDecoder&) = delete;
  ProtocolDecoder& operator=(const ProtocolDecoder&) = delete;

  // `origin.stream_offset` is the offset of bytes[0] in this direction's stream.
  virtual void feed(Direction direction, const uint8_t* bytes, size_t length,
                    const SegmentOrigin& origin) = 0;
  virtual void gap(Direction direction, uint64_t length, const SegmentOrigin& origin) = 0;
  // Both directions ended: emit what is pending (a partial line becomes an event).
  virtual void finish() = 0;

 protected:
  Dialogue& out_;
  DecoderLimits limits_;
};

// The decoder for `protocol`: SMTP (smtp, submission), POP3, IMAP, or a TLS-record summariser
// for the implicit-TLS protocols (smtps, pop3s, imaps). Null for `other`: such sessions are
// listed and followed but not decoded. Defined in protocols/decoder_factory.cpp.
std::unique_ptr<ProtocolDecoder> make_decoder(Protocol protocol, Dialogue& out,
                                              DecoderLimits limits = {});
// True when make_decoder(protocol, ...) gives a decoder.
bool has_decoder(Protocol protocol);

}  // namespace mailscope
