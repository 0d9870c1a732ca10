// protocols/common/tls_handshake.h — what the readable parts of a TLS handshake say.
//
// Used by TlsRecordSummary on the body of a handshake record that is still in the clear:
// the names of the messages in it (RFC 8446 §4, RFC 5246 §7.4) and, for ClientHello and
// ServerHello, the facts a learner can see on the wire: the server name asked for (SNI,
// RFC 6066 §3), the versions offered or chosen (RFC 8446 §4.2.1), the cipher suite.
// Only reads the bytes it is given; every length is checked against them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailscope {

const char* tls_version_name(uint16_t version);   // 0x0303 -> "TLS 1.2"; else "unknown"
const char* tls_handshake_name(uint8_t type);     // 1 -> "ClientHello"; nullptr if unknown
const char* tls_handshake_key(uint8_t type);      // 1 -> "tls.client_hello"
const char* tls_alert_name(uint8_t description);  // 0 -> "close_notify"; nullptr if unknown

struct TlsHelloFacts {
  std::string server_name;             // SNI host name (ClientHello)
  uint16_t legacy_version = 0;         // the version field of the hello
  std::vector<uint16_t> versions;      // supported_versions: offered (client) or chosen (server)
  uint16_t cipher_suite = 0;           // chosen (ServerHello)
  uint16_t cipher_suites_offered = 0;  // how many (ClientHello)
};

// `body` is one handshake message without its 4-byte header. False if it does not parse.
bool parse_client_hello(std::string_view body, TlsHelloFacts& facts);
bool parse_server_hello(std::string_view body, TlsHelloFacts& facts);

}  // namespace mailscope
