// dialogue/protocol.h — the mail protocols mailscope knows, and their well-known ports.
#pragma once
#include <cstdint>
#include <string_view>

namespace mailscope {

enum class Protocol : uint8_t {
  other,        // a TCP session on no mail port: listed, followed, not decoded
  smtp,         // 25    RFC 5321 relay between MTAs
  submission,   // 587   RFC 6409 message submission (SMTP + AUTH)
  pop3,         // 110   RFC 1939
  imap,         // 143   RFC 3501 / 9051
  smtps,        // 465   RFC 8314 submission over implicit TLS
  pop3s,        // 995   POP3 over implicit TLS
  imaps,        // 993   IMAP over implicit TLS
};

std::string_view protocol_name(Protocol p);        // "smtp", "submission", "pop3", "imap", "smtps", ...
bool parse_protocol_name(std::string_view name, Protocol& out);  // accepts the names above
bool is_implicit_tls(Protocol p);                  // smtps, pop3s, imaps: shown encrypted
bool speaks_smtp(Protocol p);                      // smtp or submission (same decoder)
Protocol protocol_for_well_known_port(uint16_t port);  // 25, 587, 110, 143, 465, 993, 995; else other

}  // namespace mailscope
