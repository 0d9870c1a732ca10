// protocols/common/tls_handshake.cpp — names and hello facts from readable TLS handshakes.
//
// ClientHello (RFC 8446 §4.1.2): legacy_version(2) random(32) session_id<0..32>
//   cipher_suites<2..2^16-2> compression_methods<1..2^8-1> extensions<0..2^16-1>
// ServerHello (§4.1.3): legacy_version(2) random(32) session_id<0..32> cipher_suite(2)
//   compression_method(1) extensions<...>
// Extensions (§4.2): type(2) length(2) data. server_name = 0 (RFC 6066 §3),
// supported_versions = 43 (RFC 8446 §4.2.1).
#include "protocols/common/tls_handshake.h"

namespace mailscope {
namespace {

// Reads big-endian fields from a byte range; any read past the end sets failed.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  uint32_t number(size_t width) {
    if (failed_ || bytes_.size() - pos_ < width) {
      failed_ = true;
      return 0;
    }
    uint32_t n = 0;
    for (size_t i = 0; i < width; ++i) n = (n << 8) | static_cast<uint8_t>(bytes_[pos_ + i]);
    pos_ += width;
    return n;
  }
  std::string_view bytes(size_t n) {
    if (failed_ || bytes_.size() - pos_ < n) {
      failed_ = true;
      return {};
    }
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  std::string_view vector(size_t length_width) { return bytes(number(length_width)); }
  bool failed() const { return failed_; }
  bool at_end() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  bool failed_ = false;
};

constexpr uint16_t kServerName = 0;
constexpr uint16_t kSupportedVersions = 43;

bool parse_extensions(Reader& r, bool client, TlsHelloFacts& facts) {
  if (r.at_end()) return true;  // extensions are optional before TLS 1.3
  Reader list(r.vector(2));
  while (!list.failed() && !list.at_end()) {
    uint16_t type = static_cast<uint16_t>(list.number(2));
    Reader data(list.vector(2));
    if (type == kServerName && client) {
      Reader names(data.vector(2));
      while (!names.failed() && !names.at_end()) {
        uint32_t name_type = names.number(1);
        std::string_view name = names.vector(2);
        if (!names.failed() && name_type == 0 && facts.server_name.empty()) {
          facts.server_name.assign(name);
        }
      }
    } else if (type == kSupportedVersions) {
      if (client) {
        Reader versions(data.vector(1));
        while (!versions.failed() && !versions.at_end()) {
          facts.versions.push_back(static_cast<uint16_t>(versions.number(2)));
        }
        if (versions.failed()) return false;
      } else {
        facts.versions.push_back(static_cast<uint16_t>(data.number(2)));
        if (data.failed()) return false;
      }
    }
  }
  return !list.failed() && !r.failed();
}

}  // namespace

const char* tls_version_name(uint16_t version) {
  switch (version) {
    case 0x0300:
      return "SSL 3.0";
    case 0x0301:
      return "TLS 1.0";
    case 0x0302:
      return "TLS 1.1";
    case 0x0303:
      return "TLS 1.2";
    case 0x0304:
      return "TLS 1.3";
  }
  if ((version & 0x0F0F) == 0x0A0A) return "GREASE";  // RFC 8701 reserved values
  return "unknown";
}

namespace {
struct HandshakeType {
  uint8_t type;
  const char* name;
  const char* key;
};
// RFC 8446 §4 and RFC 5246 §7.4 message types.
constexpr HandshakeType kHandshakeTypes[] = {
    {0, "HelloRequest", "tls.hello_request"},
    {1, "ClientHello", "tls.client_hello"},
    {2, "ServerHello", "tls.server_hello"},
    {4, "NewSessionTicket", "tls.new_session_ticket"},
    {5, "EndOfEarlyData", "tls.handshake"},
    {8, "EncryptedExtensions", "tls.encrypted_extensions"},
    {11, "Certificate", "tls.certificate"},
    {12, "ServerKeyExchange", "tls.server_key_exchange"},
    {13, "CertificateRequest", "tls.certificate_request"},
    {14, "ServerHelloDone", "tls.server_hello_done"},
    {15, "CertificateVerify", "tls.certificate_verify"},
    {16, "ClientKeyExchange", "tls.client_key_exchange"},
    {20, "Finished", "tls.finished"},
    {22, "CertificateStatus", "tls.handshake"},
    {24, "KeyUpdate", "tls.handshake"},
};
}  // namespace

const char* tls_handshake_name(uint8_t type) {
  for (const HandshakeType& t : kHandshakeTypes) {
    if (t.type == type) return t.name;
  }
  return nullptr;
}

const char* tls_handshake_key(uint8_t type) {
  for (const HandshakeType& t : kHandshakeTypes) {
    if (t.type == type) return t.key;
  }
  return "tls.handshake";
}

const char* tls_alert_name(uint8_t description) {
  switch (description) {  // RFC 8446 §6, RFC 5246 §7.2
    case 0:
      return "close_notify";
    case 10:
      return "unexpected_message";
    case 20:
      return "bad_record_mac";
    case 21:
      return "decryption_failed";
    case 22:
      return "record_overflow";
    case 40:
      return "handshake_failure";
    case 42:
      return "bad_certificate";
    case 43:
      return "unsupported_certificate";
    case 44:
      return "certificate_revoked";
    case 45:
      return "certificate_expired";
    case 46:
      return "certificate_unknown";
    case 47:
      return "illegal_parameter";
    case 48:
      return "unknown_ca";
    case 49:
      return "access_denied";
    case 50:
      return "decode_error";
    case 51:
      return "decrypt_error";
    case 70:
      return "protocol_version";
    case 71:
      return "insufficient_security";
    case 80:
      return "internal_error";
    case 86:
      return "inappropriate_fallback";
    case 90:
      return "user_canceled";
    case 100:
      return "no_renegotiation";
    case 109:
      return "missing_extension";
    case 110:
      return "unsupported_extension";
    case 112:
      return "unrecognized_name";
    case 113:
      return "bad_certificate_status_response";
    case 115:
      return "unknown_psk_identity";
    case 116:
      return "certificate_required";
    case 120:
      return "no_application_protocol";
  }
  return nullptr;
}

bool parse_client_hello(std::string_view body, TlsHelloFacts& facts) {
  Reader r(body);
  facts.legacy_version = static_cast<uint16_t>(r.number(2));
  r.bytes(32);  // random
  r.vector(1);  // session id
  std::string_view suites = r.vector(2);
  facts.cipher_suites_offered = static_cast<uint16_t>(suites.size() / 2);
  r.vector(1);  // compression methods
  if (r.failed()) return false;
  return parse_extensions(r, true, facts);
}

bool parse_server_hello(std::string_view body, TlsHelloFacts& facts) {
  Reader r(body);
  facts.legacy_version = static_cast<uint16_t>(r.number(2));
  r.bytes(32);
  r.vector(1);
  facts.cipher_suite = static_cast<uint16_t>(r.number(2));
  r.number(1);  // compression method
  if (r.failed()) return false;
  return parse_extensions(r, false, facts);
}

}  // namespace mailscope
