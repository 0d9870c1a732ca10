// protocols/decoder_factory.cpp — which decoder reads which protocol (see protocol_decoder.h).
#include "protocols/common/protocol_decoder.h"
#include "protocols/imap/imap_decoder.h"
#include "protocols/implicit_tls_decoder.h"
#include "protocols/pop3/pop3_decoder.h"
#include "protocols/smtp/smtp_decoder.h"

namespace mailscope {

std::unique_ptr<ProtocolDecoder> make_decoder(Protocol protocol, Dialogue& out,
                                              DecoderLimits limits) {
  switch (protocol) {
    case Protocol::smtp:
    case Protocol::submission:
      return std::make_unique<SmtpDecoder>(out, limits);
    case Protocol::pop3:
      return std::make_unique<Pop3Decoder>(out, limits);
    case Protocol::imap:
      return std::make_unique<ImapDecoder>(out, limits);
    case Protocol::smtps:
    case Protocol::pop3s:
    case Protocol::imaps:
      return std::make_unique<ImplicitTlsDecoder>(out, limits);
    case Protocol::other:
      break;
  }
  return nullptr;
}

bool has_decoder(Protocol protocol) { return protocol != Protocol::other; }

}  // namespace mailscope
