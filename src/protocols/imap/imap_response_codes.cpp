// protocols/imap/imap_response_codes.cpp — names and facts of bracketed response codes.
#include "protocols/imap/imap_response_codes.h"

#include <algorithm>

#include "protocols/common/text.h"
#include "protocols/imap/imap_syntax.h"

namespace mailscope {

const std::vector<std::string_view>& known_response_codes() {
  static const std::vector<std::string_view> codes = {
      // RFC 3501 §7.1
      "ALERT", "BADCHARSET", "CAPABILITY", "PARSE", "PERMANENTFLAGS", "READ-ONLY", "READ-WRITE",
      "TRYCREATE", "UIDNEXT", "UIDVALIDITY", "UNSEEN",
      // RFC 4315 UIDPLUS
      "APPENDUID", "COPYUID", "UIDNOTSTICKY",
      // RFC 5530 / RFC 9051 §7.1
      "UNAVAILABLE", "AUTHENTICATIONFAILED", "AUTHORIZATIONFAILED", "EXPIRED", "PRIVACYREQUIRED",
      "CONTACTADMIN", "NOPERM", "INUSE", "EXPUNGEISSUED", "CORRUPTION", "SERVERBUG", "CLIENTBUG",
      "CANNOT", "LIMIT", "OVERQUOTA", "ALREADYEXISTS", "NONEXISTENT", "HASCHILDREN", "CLOSED",
      "UNKNOWN-CTE",
      // RFC 7162 CONDSTORE, RFC 2221 referrals, RFC 4978 COMPRESS
      "HIGHESTMODSEQ", "NOMODSEQ", "MODIFIED", "REFERRAL", "COMPRESSIONACTIVE"};
  return codes;
}

std::string response_code_name(std::string_view code) {
  size_t end = code.find(' ');
  return to_upper_ascii(code.substr(0, end));
}

bool is_known_response_code(std::string_view name) {
  const auto& codes = known_response_codes();
  return std::find(codes.begin(), codes.end(), name) != codes.end();
}

void add_response_code_details(std::string_view code,
                               std::vector<std::pair<std::string, std::string>>& details) {
  std::string name = response_code_name(code);
  std::string_view rest = code.size() > name.size() ? trim(code.substr(name.size())) : "";
  std::vector<std::string> words = split_list_words(rest);
  if (name == "CAPABILITY") {
    for (const std::string& word : words) details.emplace_back("capability", printable_text(word));
  } else if (name == "PERMANENTFLAGS") {
    for (const std::string& word : words) details.emplace_back("flag", printable_text(word));
  } else if (name == "UIDVALIDITY" || name == "UIDNEXT" || name == "UNSEEN" ||
             name == "HIGHESTMODSEQ") {
    if (!words.empty()) details.emplace_back(name, printable_text(words[0]));
  } else if (name == "APPENDUID" && words.size() >= 2) {
    // RFC 4315 §3: APPENDUID uidvalidity uid-set
    details.emplace_back("UIDVALIDITY", printable_text(words[0]));
    details.emplace_back("UID", printable_text(words[1]));
  } else if (name == "COPYUID" && words.size() >= 3) {
    // RFC 4315 §3: COPYUID uidvalidity source-uid-set destination-uid-set
    details.emplace_back("UIDVALIDITY", printable_text(words[0]));
    details.emplace_back("source UIDs", printable_text(words[1]));
    details.emplace_back("destination UIDs", printable_text(words[2]));
  }
}

}  // namespace mailscope
