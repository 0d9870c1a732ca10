// protocols/imap/imap_response_codes.h — the bracketed response codes of status responses.
//
// RFC 3501 §7.1 ("[UIDVALIDITY 3857529045]", "[READ-WRITE]", "[ALERT]" ...), RFC 5530 (the
// error codes such as AUTHENTICATIONFAILED), RFC 4315 UIDPLUS (APPENDUID, COPYUID), RFC 9051
// §7.1. The explanation key of a code is "imap.code." + its name.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailscope {

// "UIDNEXT 6" -> "UIDNEXT" (upper case); "" for an empty code.
std::string response_code_name(std::string_view code);
bool is_known_response_code(std::string_view name);
// Facts a code carries: ("capability", "IMAP4rev1") each, ("flag", "\Seen") each,
// ("UIDVALIDITY", "3857529045"), ("UID", "4") ...
void add_response_code_details(std::string_view code,
                               std::vector<std::pair<std::string, std::string>>& details);
// Every known code name, for tests and the explanation table.
const std::vector<std::string_view>& known_response_codes();

}  // namespace mailscope
