// protocols/pop3/pop3_status.h — reading one server line: "+OK", "-ERR", "+ " or something else.
//
// RFC 1939 §3: every reply starts with a status indicator, "+OK" or "-ERR", in upper case (read
// here case-insensitively, as servers are lenient too), then optional text. RFC 2449 §8 puts an
// extended response code in brackets right after it: "-ERR [IN-USE] mailbox locked". RFC 5034
// §4: during AUTH the server sends "+ " and a base64 challenge.
//
//   Pop3StatusLine s = parse_pop3_status("-ERR [SYS/TEMP] try later");
//   // s.kind == Pop3LineKind::err, s.response_code == "SYS/TEMP", s.text == "[SYS/TEMP] try later"
#pragma once
#include <cstdint>
#include <string_view>

namespace mailscope {

enum class Pop3LineKind : uint8_t { ok, err, continuation, other };

struct Pop3StatusLine {
  Pop3LineKind kind = Pop3LineKind::other;
  std::string_view text;           // what follows the indicator and its space
  std::string_view response_code;  // RFC 2449 §8 code without brackets, "" if none
};

Pop3StatusLine parse_pop3_status(std::string_view line);

// RFC 2449 §8.1 / RFC 3206 §4-5 / RFC 6856: the codes this program explains.
bool is_known_pop3_response_code(std::string_view code);

// A decimal number made of digits only (RFC 1939 message numbers, octet counts), no overflow.
bool parse_pop3_number(std::string_view s, uint64_t& out);

// RFC 1939 §7: an APOP-capable server puts a timestamp "<process-ID.clock@hostname>" in its
// greeting. Returns it with the brackets, or "" when there is none.
std::string_view find_apop_timestamp(std::string_view greeting_text);

}  // namespace mailscope
