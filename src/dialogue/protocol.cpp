// dialogue/protocol.cpp — names and well-known ports of the mail protocols.
//
// Ports: RFC 5321 (25), RFC 6409 (587), RFC 1939 (110), RFC 3501 (143), RFC 8314 (465, 993, 995).
#include "dialogue/protocol.h"

#include <array>

namespace mailscope {
namespace {

struct ProtocolRow {
  Protocol protocol;
  std::string_view name;
  uint16_t port;  // 0: none
};

constexpr std::array<ProtocolRow, 8> kProtocols{{
    {Protocol::other, "other", 0},
    {Protocol::smtp, "smtp", 25},
    {Protocol::submission, "submission", 587},
    {Protocol::pop3, "pop3", 110},
    {Protocol::imap, "imap", 143},
    {Protocol::smtps, "smtps", 465},
    {Protocol::pop3s, "pop3s", 995},
    {Protocol::imaps, "imaps", 993},
}};

}  // namespace

std::string_view protocol_name(Protocol p) {
  for (const ProtocolRow& row : kProtocols) {
    if (row.protocol == p) return row.name;
  }
  return "other";
}

bool parse_protocol_name(std::string_view name, Protocol& out) {
  for (const ProtocolRow& row : kProtocols) {
    if (row.port == 0 || row.name.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      char c = name[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      same = c == row.name[i];
    }
    if (same) {
      out = row.protocol;
      return true;
    }
  }
  return false;
}

bool is_implicit_tls(Protocol p) {
  // RFC 8314 §3.3: TLS starts with the connection, before any protocol line.
  return p == Protocol::smtps || p == Protocol::pop3s || p == Protocol::imaps;
}

bool speaks_smtp(Protocol p) {
  // RFC 6409 §3.1: submission is SMTP on another port, with the same commands.
  return p == Protocol::smtp || p == Protocol::submission;
}

Protocol protocol_for_well_known_port(uint16_t port) {
  for (const ProtocolRow& row : kProtocols) {
    if (row.port != 0 && row.port == port) return row.protocol;
  }
  return Protocol::other;
}

}  // namespace mailscope
