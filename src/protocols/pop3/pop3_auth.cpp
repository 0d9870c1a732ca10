// protocols/pop3/pop3_auth.cpp — logging in: USER/PASS, APOP and AUTH (SASL), told for learners.
//
// RFC 1939 §7 USER/PASS sends the password as it is; APOP sends MD5(timestamp + password), so
// the password never crosses the wire (the digest can still be attacked offline); RFC 5034 AUTH
// runs a SASL exchange: the server's "+ " lines carry base64 challenges, each client line answers
// one, "*" cancels, and "+OK"/"-ERR" ends it. What each piece hides goes to `decoded`; what
// --redact must mask goes to `secrets`.
#include <utility>

#include "protocols/common/text.h"
#include "protocols/pop3/pop3_decoder.h"

namespace mailscope {
namespace {

constexpr size_t kMaxKeptUser = 256;

std::string quoted(std::string_view s) { return "\"" + printable_text(s) + "\""; }

bool is_hex32(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

// A mechanism this program has no decoder for: show what the base64 holds, and mask it all.
SaslDecoded decode_generic(std::string_view base64, bool secret) {
  SaslDecoded d;
  std::string raw;
  if (!base64_decode(base64, raw)) {
    d.description = "not valid base64";
    return d;
  }
  d.ok = true;
  std::string shown = printable_text(raw);
  if (raw.empty()) {
    d.description = "empty";
  } else if (shown == raw) {
    d.description = "\"" + shown + "\"";
  } else {
    d.description = std::to_string(raw.size()) + " bytes of binary data";
  }
  if (secret) {
    d.secrets.emplace_back(base64);
    if (shown == raw && !raw.empty()) d.secrets.push_back(shown);
  }
  return d;
}

}  // namespace

void Pop3Decoder::describe_user(DialogueEvent& e, std::string_view name) {
  user_.assign(name.substr(0, kMaxKeptUser));
  e.details.emplace_back("user", printable_text(name));
  e.decoded = "user " + quoted(name);
  out_.summary.auth_seen = true;
  out_.summary.auth_mechanism = "USER/PASS";
  out_.summary.auth_user = printable_text(user_);
}

void Pop3Decoder::describe_pass(DialogueEvent& e, std::string_view password) {
  // RFC 1939 §7 / §13: the password travels in the clear; only TLS (STLS) protects it.
  e.decoded = user_.empty() ? "password " + quoted(password)
                            : "user " + quoted(user_) + ", password " + quoted(password);
  if (!password.empty()) e.secrets.push_back(printable_text(password));
  out_.summary.auth_seen = true;
  out_.summary.auth_mechanism = "USER/PASS";
  out_.summary.cleartext_password_seen = true;
}

void Pop3Decoder::describe_apop(DialogueEvent& e, std::string_view arguments) {
  size_t space = arguments.find(' ');
  std::string_view name = arguments.substr(0, space);
  std::string_view digest =
      space == std::string_view::npos ? std::string_view{} : trim(arguments.substr(space + 1));
  // RFC 1939 §7: "APOP name digest", digest = 32 lower-case hex digits of
  // MD5(timestamp from the greeting + shared secret).
  if (!is_hex32(digest)) e.malformed = true;
  user_.assign(name.substr(0, kMaxKeptUser));
  e.details.emplace_back("user", printable_text(name));
  if (!apop_challenge_.empty())
    e.details.emplace_back("challenge", printable_text(apop_challenge_));
  e.details.emplace_back("digest", printable_text(digest));
  std::string text = "user " + quoted(name);
  if (!apop_challenge_.empty()) {
    text += ", challenge " + printable_text(apop_challenge_) + " (from the greeting), answer " +
            printable_text(digest) +
            " = MD5(challenge + password); the password itself is not sent";
  } else {
    text += ", answer " + printable_text(digest) +
            " = MD5(timestamp + password), but the greeting carried no timestamp";
  }
  e.decoded = std::move(text);
  if (!digest.empty()) e.secrets.push_back(printable_text(digest));
  out_.summary.auth_seen = true;
  out_.summary.auth_mechanism = "APOP";
  out_.summary.auth_user = printable_text(user_);
}

void Pop3Decoder::describe_auth(DialogueEvent& e, std::string_view arguments) {
  std::string_view args = trim(arguments);
  if (args.empty()) return;  // bare AUTH: the server lists its mechanisms (multi-line)
  size_t space = args.find(' ');
  std::string mechanism = to_upper_ascii(args.substr(0, space));
  std::string_view initial =
      space == std::string_view::npos ? std::string_view{} : trim(args.substr(space + 1));
  e.details.emplace_back("mechanism", printable_text(mechanism));
  sasl_ = SaslExchange{};
  sasl_.active = true;
  sasl_.command_event = static_cast<int32_t>(out_.events.size());  // this event's index
  sasl_.mechanism = mechanism.substr(0, 64);
  out_.summary.auth_seen = true;
  out_.summary.auth_mechanism = printable_text(sasl_.mechanism);
  if (space == std::string_view::npos) return;
  if (initial == "=") {
    e.decoded = "empty initial response";  // RFC 5034 §4: "=" stands for an empty response
  } else {
    apply_sasl(e, decode_client_sasl(initial));
  }
  ++sasl_.responses;
}

void Pop3Decoder::on_continuation(DialogueEvent&& e, const Pop3StatusLine& status) {
  e.type = EventType::continuation;
  e.answers = sasl_.command_event;
  e.explain_key = "pop3.continuation";
  sasl_.awaiting_client = true;
  std::string_view challenge = trim(status.text);
  if (challenge.empty()) {
    e.decoded = "empty challenge: the client may send its response";
  } else {
    SaslDecoded d;
    if (sasl_.mechanism == "LOGIN") {
      d = decode_sasl_login_prompt(challenge);
      std::string raw;
      std::string prompt = base64_decode(challenge, raw) ? to_upper_ascii(raw) : std::string();
      sasl_.prompt_was_password = prompt.find("PASS") != std::string::npos;
      sasl_.prompt_was_user = prompt.find("USER") != std::string::npos;
    } else if (sasl_.mechanism == "CRAM-MD5") {
      d = decode_cram_md5_challenge(challenge);
    } else if (sasl_.mechanism == "XOAUTH2") {
      d = decode_xoauth2(challenge);  // the server's JSON error details
    } else {
      d = decode_generic(challenge, false);
    }
    e.decoded = printable_text(d.description);
    if (!d.ok) e.malformed = true;
  }
  emit(std::move(e));
}

// A client line is a SASL answer while AUTH waits: after a "+ " challenge, or when it is not a
// POP3 command at all (the challenge may have been lost in a gap).
bool Pop3Decoder::is_auth_response(std::string_view line) const {
  if (!sasl_.active) return false;
  if (sasl_.awaiting_client) return true;
  return find_pop3_command(line.substr(0, line.find(' '))) == nullptr;
}

void Pop3Decoder::on_auth_response(const LineAssembler& assembled, bool unterminated) {
  std::string_view line = assembled.line();
  if (unterminated && !line.empty() && line.back() == '\r') line.remove_suffix(1);
  DialogueEvent e;
  e.type = EventType::auth_response;
  e.direction = Direction::client_to_server;
  e.span = assembled.span();
  e.text = capped_text(line, assembled.dropped_bytes(), e.line_truncated);
  e.malformed = unterminated;
  e.answers = sasl_.command_event;
  e.explain_key = sasl_explain_key(sasl_.mechanism);  // the mechanism's own row
  sasl_.awaiting_client = false;
  if (line == "*") {
    e.decoded = "the client cancels the authentication";  // RFC 5034 §4
    e.explain_key = "sasl.cancelled";
  } else if (trim(line).empty()) {
    e.decoded = "empty response";
  } else {
    apply_sasl(e, decode_client_sasl(trim(line)));
  }
  ++sasl_.responses;
  emit(std::move(e));
}

SaslDecoded Pop3Decoder::decode_client_sasl(std::string_view base64) {
  const std::string& m = sasl_.mechanism;
  if (m == "PLAIN") return decode_sasl_plain(base64);
  if (m == "LOGIN") {
    // The prompt says which one is asked for; without a readable prompt, the first answer is
    // the user name and the next the password.
    bool password = sasl_.prompt_was_password || (!sasl_.prompt_was_user && sasl_.responses > 0);
    return decode_sasl_login_answer(base64, password);
  }
  if (m == "CRAM-MD5") return decode_cram_md5_response(base64);
  if (m == "XOAUTH2") return decode_xoauth2(base64);
  return decode_generic(base64, true);
}

void Pop3Decoder::apply_sasl(DialogueEvent& e, const SaslDecoded& d) {
  e.decoded = d.description.empty() && !d.ok ? "not valid base64" : printable_text(d.description);
  if (!d.ok) e.malformed = true;
  for (const std::string& s : d.secrets) {
    if (!s.empty()) e.secrets.push_back(printable_text(s));
  }
  if (!d.user.empty()) {
    user_.assign(std::string_view(d.user).substr(0, kMaxKeptUser));
    out_.summary.auth_user = printable_text(user_);
  }
  if (d.cleartext_password) out_.summary.cleartext_password_seen = true;
}

}  // namespace mailscope
