// protocols/smtp/smtp_auth.h — one SMTP AUTH exchange (RFC 4954), decoded step by step.
//
//   C: AUTH LOGIN                 -> command        (start("LOGIN", ...))
//   S: 334 VXNlcm5hbWU6           -> continuation   (challenge(): decoded "Username:")
//   C: YWxpY2U=                   -> auth_response  (response(): user "alice")
//   S: 334 UGFzc3dvcmQ6           -> continuation   ("Password:")
//   C: d29uZGVybGFuZA==           -> auth_response  (password "wonderland")
//   S: 235 2.7.0 Authentication successful
//
// The SASL formats themselves are decoded by protocols/common/sasl.h; this class knows which
// step of which mechanism a line is (LOGIN: user name first, then password; a "*" line cancels,
// RFC 4954 §4) and names the explanation key for it.
#pragma once
#include <string>
#include <string_view>

#include "protocols/common/sasl.h"

namespace mailscope {

class SmtpAuthExchange {
 public:
  // AUTH <mechanism> [initial-response]. Returns what the initial response hid (ok=false and
  // empty when there was none).
  SaslDecoded start(std::string_view mechanism, bool has_initial_response,
                    std::string_view initial_response);
  // The text of a 334 reply (base64, RFC 4954 §4).
  SaslDecoded challenge(std::string_view base64);
  // One client line answering a 334.
  SaslDecoded response(std::string_view line);
  void end() { active_ = false; }

  bool active() const { return active_; }
  const std::string& mechanism() const { return mechanism_; }
  // "sasl.plain", "sasl.login", ... ("sasl.cancelled" after "*"): rows of the general table.
  std::string explain_key() const;
  bool cancelled() const { return cancelled_; }

 private:
  SaslDecoded decode_answer(std::string_view base64);

  std::string mechanism_;
  bool active_ = false;
  bool cancelled_ = false;
  int login_answers_ = 0;           // LOGIN: answers given so far (user name, then password)
  bool password_prompted_ = false;  // LOGIN: the last prompt asked for the password
};

}  // namespace mailscope
