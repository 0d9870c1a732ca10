// protocols/common/sasl.h — decode SASL exchanges, shared by SMTP AUTH, POP3 AUTH, IMAP
// AUTHENTICATE.
//
// Each function takes the base64 text as sent and says what it hid, for the learner: this is
// exactly why PLAIN and LOGIN over an unencrypted connection give the password away.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mailscope {

struct SaslDecoded {
  bool ok = false;                   // the base64 and the mechanism's format were valid
  std::string description;           // for people: user "alice", password "secret"
  std::string user;                  // when the mechanism carries one
  std::vector<std::string> secrets;  // what --redact masks: the base64 itself, the password, digest
  bool cleartext_password = false;
};

// RFC 4616: base64(authzid NUL authcid NUL passwd).
SaslDecoded decode_sasl_plain(std::string_view base64);
// The LOGIN mechanism (draft-murchison-sasl-login): the server prompts "VXNlcm5hbWU6" (Username:)
// and "UGFzc3dvcmQ6" (Password:); the client answers each with one base64 line.
SaslDecoded decode_sasl_login_prompt(std::string_view base64);  // -> "Username:"
SaslDecoded decode_sasl_login_answer(std::string_view base64, bool is_password);
// RFC 2195 CRAM-MD5: the challenge is base64 of "<id@host>", the answer base64 of "user hexdigest".
SaslDecoded decode_cram_md5_challenge(std::string_view base64);
SaslDecoded decode_cram_md5_response(std::string_view base64);
// XOAUTH2 (Google/Microsoft): base64("user=" user ^A "auth=Bearer " token ^A ^A).
// The server's failure challenge, base64 of a JSON object ({"status":"401",...}), is also
// recognised and described. A token is not a password: cleartext_password stays false.
SaslDecoded decode_xoauth2(std::string_view base64);

// Every client answer may be "*" (RFC 4954 §4, RFC 5034 §4, RFC 3501 §6.2.2): the client
// cancels. The decoders above describe it as such, with ok = false.
bool is_sasl_cancel(std::string_view answer);

// The explanation key for a mechanism: "sasl.plain", "sasl.cram-md5" (lower case). The key keeps
// the mechanism's name even without a row of its own: explain() then reads "sasl.unknown".
std::string sasl_explain_key(std::string_view mechanism);

}  // namespace mailscope
