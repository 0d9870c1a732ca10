// protocols/common/tls_records.h — summarise a TLS byte stream as records, never as text.
//
// After STARTTLS/STLS (RFC 3207, 2595) or on an implicit-TLS port the bytes are TLS records
// (RFC 8446 §5.1: type, version, 16-bit length, fragment). This push parser reads the 5-byte
// headers across any split and appends `tls` events to the dialogue: one per handshake record
// while the handshake is in the clear (naming ClientHello, ServerHello, ... where readable),
// then one event per run of application-data records in one direction, with counts and bytes.
// A run ends when any other event is appended, so events stay in the order their last byte
// arrived. Bytes that are not TLS (first byte not 20..24, major version not 3, or a length
// above 2^14+2048) give one event marked malformed; the rest of that direction is counted.
// Memory: one record body (at most 18 KiB) per direction, for handshake and alert records.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "dialogue/dialogue.h"
#include "tcp/stream_listener.h"

namespace mailscope {

class TlsRecordSummary {
 public:
  explicit TlsRecordSummary(Dialogue& out) : out_(out) {}
  void feed(Direction direction, const uint8_t* bytes, size_t length, const SegmentOrigin& origin);
  // Appends a gap event. Inside a record's body the records stay in step; otherwise the next
  // 5 bytes must look like a record header of the same version, else the rest is only counted.
  void gap(Direction direction, uint64_t length, const SegmentOrigin& origin);
  // The end of the session: a record cut short becomes an event (tls.incomplete).
  void finish();

  static constexpr uint32_t kMaxRecordLength = 16384 + 2048;  // RFC 5246 §6.2.3 TLSCiphertext

 private:
  enum class Mode : uint8_t {
    records,     // in step with the record boundaries
    probe,       // after a gap: the next header decides
    count_only,  // not TLS, or lost after a gap: bytes are counted, nothing else
  };
  struct Side {
    Mode mode = Mode::records;
    uint8_t header[5] = {};
    size_t header_have = 0;
    uint8_t type = 0;
    uint16_t version = 0;        // of the record being read
    uint16_t last_version = 0;   // of the last whole record
    uint32_t length = 0;         // its body length
    uint32_t body_have = 0;      // body bytes seen or lost in a gap
    bool body_gap = false;       // part of the body was lost
    std::string body;            // kept for handshake, alert and heartbeat records (capped)
    StreamSpan span;             // the record being read
    bool cipher_active = false;  // this side sent ChangeCipherSpec: its handshakes are encrypted
    uint32_t message_left = 0;   // bytes of a handshake message that go on in the next record
    const char* message_name = nullptr;
    bool count_malformed = false;  // count_only because the bytes are not TLS (else: a gap)
    std::string junk_start;        // the first bytes of a stream that is not TLS
    int32_t open_event = -1;       // the application-data run or byte count being extended
  };

  void feed_side(Direction direction, Side& side, const uint8_t* bytes, size_t length,
                 const SegmentOrigin& origin);
  bool header_complete(Direction direction, Side& side);
  void record_complete(Direction direction, Side& side);
  void describe_handshake(Side& side, DialogueEvent& event);
  void count_bytes(Direction direction, Side& side, const uint8_t* bytes, size_t length,
                   const SegmentOrigin& origin);
  static void describe_count(const Side& side, DialogueEvent& event);
  DialogueEvent& append_event(Direction direction, const StreamSpan& span, const char* key);
  bool extends_last_event(const Side& side, Direction direction, const char* key) const;
  static void reset_record(Side& side);

  Dialogue& out_;
  Side sides_[2];
};

}  // namespace mailscope
