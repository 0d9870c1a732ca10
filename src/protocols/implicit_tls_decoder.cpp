// protocols/implicit_tls_decoder.cpp — see implicit_tls_decoder.h.
#include "protocols/implicit_tls_decoder.h"

namespace mailscope {

ImplicitTlsDecoder::ImplicitTlsDecoder(Dialogue& out, DecoderLimits limits)
    : ProtocolDecoder(out, limits), records_(out) {
  out_.summary.tls = true;
}

void ImplicitTlsDecoder::feed(Direction direction, const uint8_t* bytes, size_t length,
                              const SegmentOrigin& origin) {
  records_.feed(direction, bytes, length, origin);
}

void ImplicitTlsDecoder::gap(Direction direction, uint64_t length, const SegmentOrigin& origin) {
  records_.gap(direction, length, origin);
}

void ImplicitTlsDecoder::finish() { records_.finish(); }

}  // namespace mailscope
