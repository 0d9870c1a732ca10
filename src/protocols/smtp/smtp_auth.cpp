// protocols/smtp/smtp_auth.cpp — the steps of an SMTP AUTH exchange (see smtp_auth.h).
#include "protocols/smtp/smtp_auth.h"

#include <algorithm>

#include "protocols/common/text.h"

namespace mailscope {
namespace {

// A mechanism this decoder has no format for (SCRAM, NTLM, GSSAPI, ...): still show the
// base64 content when it is readable text (SCRAM's "n,,n=alice,r=..." is).
SaslDecoded decode_generic(std::string_view base64) {
  SaslDecoded out;
  std::string raw;
  if (base64.empty()) {
    out.ok = true;
    return out;
  }
  if (!base64_decode(base64, raw)) return out;
  out.ok = true;
  std::string shown = printable_text(raw);
  // Binary tokens (NTLM, GSSAPI) turn into walls of \xNN; say what they are instead.
  size_t escapes = 0;
  for (size_t i = 0; i + 1 < shown.size(); ++i) {
    if (shown[i] == '\\' && shown[i + 1] == 'x') ++escapes;
  }
  if (escapes * 4 > shown.size() / 2) {
    out.description = std::to_string(raw.size()) + " bytes of binary data";
  } else {
    out.description = shown.size() > 512 ? shown.substr(0, 512) + " …" : shown;
  }
  return out;
}

void add_secret(SaslDecoded& d, std::string_view s) {
  if (s.empty() || s == "=") return;
  if (std::find(d.secrets.begin(), d.secrets.end(), s) == d.secrets.end()) {
    d.secrets.emplace_back(s);
  }
}

bool mentions_password(std::string_view text) {
  std::string upper = to_upper_ascii(text);
  return upper.find("PASS") != std::string::npos;
}

}  // namespace

SaslDecoded SmtpAuthExchange::start(std::string_view mechanism, bool has_initial_response,
                                    std::string_view initial_response) {
  mechanism_ = to_upper_ascii(mechanism);
  active_ = true;
  cancelled_ = false;
  login_answers_ = 0;
  password_prompted_ = false;
  if (!has_initial_response) return SaslDecoded{};
  return decode_answer(initial_response);
}

SaslDecoded SmtpAuthExchange::challenge(std::string_view base64) {
  base64 = trim(base64);
  if (mechanism_ == "LOGIN") {
    SaslDecoded d = decode_sasl_login_prompt(base64);
    if (!d.ok) d = decode_generic(base64);
    password_prompted_ = mentions_password(d.description);
    return d;
  }
  if (mechanism_ == "CRAM-MD5") {
    SaslDecoded d = decode_cram_md5_challenge(base64);
    if (!d.ok) d = decode_generic(base64);
    return d;
  }
  // PLAIN's empty "334 " prompt, XOAUTH2's base64 JSON error, SCRAM's server-first-message.
  return decode_generic(base64);
}

SaslDecoded SmtpAuthExchange::response(std::string_view line) {
  line = trim(line);
  if (line == "*") {
    // RFC 4954 §4: "*" cancels the exchange; the server answers 501.
    cancelled_ = true;
    SaslDecoded d;
    d.ok = true;
    d.description = "cancelled";
    return d;
  }
  return decode_answer(line);
}

SaslDecoded SmtpAuthExchange::decode_answer(std::string_view base64) {
  SaslDecoded d;
  if (base64 == "=" || base64.empty()) {
    // RFC 4954 §4: "=" is an empty initial response; an empty line is an empty answer
    // (XOAUTH2 clients send one to acknowledge an error challenge).
    d.ok = true;
    d.description = "empty response";
    return d;
  }
  if (mechanism_ == "PLAIN") {
    d = decode_sasl_plain(base64);
  } else if (mechanism_ == "LOGIN") {
    // The LOGIN mechanism asks for the user name first, then the password; a client that
    // sent the user name as initial response gets only the password prompt.
    bool is_password = password_prompted_ || login_answers_ >= 1;
    ++login_answers_;
    d = decode_sasl_login_answer(base64, is_password);
  } else if (mechanism_ == "CRAM-MD5") {
    d = decode_cram_md5_response(base64);
  } else if (mechanism_ == "XOAUTH2") {
    d = decode_xoauth2(base64);
  } else {
    d = decode_generic(base64);
  }
  if (!d.ok && d.description.empty()) d.description = "not valid base64 for " + mechanism_;
  add_secret(d, base64);
  return d;
}

std::string SmtpAuthExchange::explain_key() const {
  if (cancelled_) return "sasl.cancelled";
  return sasl_explain_key(mechanism_);
}

}  // namespace mailscope
