// protocols/common/tls_records.h — summarise a TLS byte stream as records, never as text.
//
// After STARTTLS/STLS (RFC 3207, 2595) or on an implicit-TLS port the bytes are TLS records
// (RFC 8446 §5.1: type, version, 16-bit length, fragment). This push parser reads the 5-byte
// headers across any split and appends `tls` events to the dialogue: one per handshake record
// while the handshake is in the clear (naming ClientHello, ServerHello, ... where readable),
// then one event per run of application-data records in one direction, with counts and bytes.
#pragma once
#include <cstddef>
#include <cstdint>

#include "dialogue/dialogue.h"
#include "tcp/stream_listener.h"

namespace mailscope {

class TlsRecordSummary {
 public:
  explicit TlsRecordSummary(Dialogue& out) : out_(out) {}
  void feed(Direction direction, const uint8_t* bytes, size_t length, const SegmentOrigin& origin);
  void gap(Direction direction, uint64_t length, const SegmentOrigin& origin);  // resyncs
  void finish() {}

 private:
  struct Side {
    uint8_t header[5];
    size_t header_have = 0;
    uint64_t body_left = 0;
    uint8_t first_body_byte_pending = 0;  // the handshake type is the body's first byte
    bool lost_sync = false;
    int32_t open_event = -1;              // application-data event being extended
  };
  Dialogue& out_;
  Side sides_[2];
};

}  // namespace mailscope
