// protocols/implicit_tls_decoder.h — sessions on 465, 993 and 995 are TLS from the first byte.
//
// RFC 8314 §3: on these ports the client starts the TLS handshake at once, so there is no mail
// dialogue to read, only TLS records. This decoder shows them as such (tls events with counts
// and bytes) and marks the session encrypted.
#pragma once
#include "protocols/common/protocol_decoder.h"
#include "protocols/common/tls_records.h"

namespace mailscope {

class ImplicitTlsDecoder final : public ProtocolDecoder {
 public:
  explicit ImplicitTlsDecoder(Dialogue& out, DecoderLimits limits = {});
  void feed(Direction direction, const uint8_t* bytes, size_t length,
            const SegmentOrigin& origin) override;
  void gap(Direction direction, uint64_t length, const SegmentOrigin& origin) override;
  void finish() override;

 private:
  TlsRecordSummary records_;
};

}  // namespace mailscope
