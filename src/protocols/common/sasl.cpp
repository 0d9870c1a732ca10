// protocols/common/sasl.cpp — what a SASL exchange hid under base64, in words a learner reads.
//
// Every answer the client sends is a secret for --redact (its base64 form, as on the wire);
// so is the password, digest or token once decoded. Texts quoted in descriptions are made
// printable first: the bytes come from the network.
#include "protocols/common/sasl.h"

#include "protocols/common/text.h"

namespace mailscope {
namespace {

std::string quoted(std::string_view s) { return "\"" + printable_text(s) + "\""; }

// Common start of every client answer: cancel, empty, invalid base64.
bool decode_answer(std::string_view base64, SaslDecoded& result, std::string& bytes) {
  std::string_view wire = trim(base64);
  if (is_sasl_cancel(wire)) {
    result.description = "cancelled by the client (\"*\")";
    return false;
  }
  if (!wire.empty() && wire != "=") result.secrets.emplace_back(wire);
  if (!base64_decode(wire, bytes)) {
    result.description = "not valid base64";
    return false;
  }
  return true;
}

void add_secret(SaslDecoded& result, std::string_view secret) {
  if (secret.empty()) return;
  result.secrets.emplace_back(secret);
  std::string shown = printable_text(secret);  // as it appears in descriptions
  if (shown != secret) result.secrets.push_back(std::move(shown));
}

bool is_hex_digest(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

}  // namespace

bool is_sasl_cancel(std::string_view answer) { return trim(answer) == "*"; }

std::string sasl_explain_key(std::string_view mechanism) {
  return "sasl." + to_lower_ascii(trim(mechanism));
}

// RFC 4616 §2: message = [authzid] UTF8NUL authcid UTF8NUL passwd
SaslDecoded decode_sasl_plain(std::string_view base64) {
  SaslDecoded result;
  std::string bytes;
  if (!decode_answer(base64, result, bytes)) return result;
  size_t first = bytes.find('\0');
  size_t second = first == std::string::npos ? first : bytes.find('\0', first + 1);
  if (second == std::string::npos || bytes.find('\0', second + 1) != std::string::npos) {
    result.description = "not a PLAIN message (expected authzid NUL user NUL password)";
    return result;
  }
  std::string_view all(bytes);
  std::string_view authzid = all.substr(0, first);
  std::string_view user = all.substr(first + 1, second - first - 1);
  std::string_view password = all.substr(second + 1);
  result.ok = true;
  result.user = printable_text(user);
  result.cleartext_password = true;
  result.description = "user " + quoted(user) + ", password " + quoted(password);
  if (!authzid.empty() && authzid != user) {
    result.description += ", acting as " + quoted(authzid);
  }
  add_secret(result, password);
  return result;
}

// The LOGIN mechanism's prompts are base64 of "Username:" and "Password:" (a server may send
// other words; they are shown as they are).
SaslDecoded decode_sasl_login_prompt(std::string_view base64) {
  SaslDecoded result;
  std::string bytes;
  if (!base64_decode(trim(base64), bytes)) {
    result.description = "not valid base64";
    return result;
  }
  result.ok = true;
  result.description = printable_text(bytes);
  return result;
}

SaslDecoded decode_sasl_login_answer(std::string_view base64, bool is_password) {
  SaslDecoded result;
  std::string bytes;
  if (!decode_answer(base64, result, bytes)) return result;
  result.ok = true;
  if (is_password) {
    result.cleartext_password = true;
    result.description = "password " + quoted(bytes);
    add_secret(result, bytes);
  } else {
    // The user name is not a secret: only the password answer is masked.
    result.secrets.clear();
    result.user = printable_text(bytes);
    result.description = "user " + quoted(bytes);
  }
  return result;
}

// RFC 2195 §2: the challenge is a msg-id, "<" unique "@" host ">".
SaslDecoded decode_cram_md5_challenge(std::string_view base64) {
  SaslDecoded result;
  std::string bytes;
  if (!base64_decode(trim(base64), bytes)) {
    result.description = "not valid base64";
    return result;
  }
  result.ok = bytes.size() >= 2 && bytes.front() == '<' && bytes.back() == '>';
  result.description = printable_text(bytes);
  return result;
}

// RFC 2195 §2: the response is user SP digest, the digest HMAC-MD5(password, challenge) in
// 32 lower-case hex digits. The user name may itself contain spaces: split at the last one.
SaslDecoded decode_cram_md5_response(std::string_view base64) {
  SaslDecoded result;
  std::string bytes;
  if (!decode_answer(base64, result, bytes)) return result;
  size_t space = bytes.rfind(' ');
  std::string_view all(bytes);
  if (space == std::string::npos || space == 0 || !is_hex_digest(all.substr(space + 1))) {
    result.description = "not a CRAM-MD5 response (expected user, space, 32 hex digits)";
    return result;
  }
  std::string_view user = all.substr(0, space);
  std::string_view digest = all.substr(space + 1);
  result.ok = true;
  result.user = printable_text(user);
  result.description = "user " + quoted(user) + ", HMAC-MD5 digest " + std::string(digest) +
                       " (the password itself is not sent)";
  add_secret(result, digest);
  return result;
}

// XOAUTH2: "user=" user ^A "auth=Bearer " token ^A ^A; fields in any order.
SaslDecoded decode_xoauth2(std::string_view base64) {
  SaslDecoded result;
  std::string bytes;
  if (!decode_answer(base64, result, bytes)) return result;
  std::string_view all(bytes);
  if (!all.empty() && all.front() == '{') {  // the server's error details, JSON
    result.secrets.clear();
    result.ok = true;
    result.description = "server error details " + printable_text(all);
    return result;
  }
  std::string_view user, token;
  bool have_user = false, have_token = false;
  while (!all.empty()) {
    size_t end = all.find('\x01');
    std::string_view field = all.substr(0, end);
    if (istarts_with(field, "user=")) {
      user = field.substr(5);
      have_user = true;
    } else if (istarts_with(field, "auth=")) {
      std::string_view auth = field.substr(5);
      if (istarts_with(auth, "Bearer ")) {
        token = trim(auth.substr(7));
        have_token = true;
      }
    }
    if (end == std::string_view::npos) break;
    all.remove_prefix(end + 1);
  }
  if (!have_user || !have_token) {
    result.description = "not an XOAUTH2 message (expected user=... and auth=Bearer ...)";
    return result;
  }
  result.ok = true;
  result.user = printable_text(user);
  result.description = "user " + quoted(user) + ", OAuth 2.0 access token " + quoted(token);
  add_secret(result, token);
  return result;
}

}  // namespace mailscope
