// protocols/imap/imap_server.cpp — what the server sends: the greeting, "+" continuations,
// untagged "*" responses and tagged replies, and the state changes they cause.
//
// RFC 3501 §7: status responses (OK, NO, BAD, PREAUTH, BYE) may carry a bracketed response
// code; server data (CAPABILITY, LIST, STATUS, n EXISTS, n FETCH, ...) is always untagged; a
// tagged reply ends the command with that tag (§2.2.2).
#include "protocols/common/sasl.h"
#include "protocols/common/text.h"
#include "protocols/imap/imap_decoder.h"
#include "protocols/imap/imap_response_codes.h"
#include "protocols/imap/imap_syntax.h"

namespace mailscope {
namespace {

bool is_status(const std::string& word) {
  return word == "OK" || word == "NO" || word == "BAD" || word == "PREAUTH" || word == "BYE";
}

bool is_number(std::string_view s) {
  if (s.empty() || s.size() > 20) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Status text after the status word: "[code] human text" (RFC 3501 §7.1 resp-text).
void read_resp_text(ImapReader& reader, DialogueEvent& event) {
  std::string_view rest = reader.rest();
  std::string code;
  std::string_view text;
  if (split_response_code(rest, code, text)) {
    event.response_code = printable_text(code);
    add_response_code_details(code, event.details);
  }
}

}  // namespace

void ImapDecoder::on_server_message() {
  std::string_view line = side(Direction::server_to_client).message.joined();
  if (!line.empty() && line.front() == '+') {
    on_continuation();
  } else if (!line.empty() && line.front() == '*') {
    on_untagged();
  } else {
    on_tagged();
  }
}

// RFC 3501 §7.5: "+" asks for more: a literal's bytes, a SASL answer, or (IDLE) says "idling".
void ImapDecoder::on_continuation() {
  const ImapMessage& message = side(Direction::server_to_client).message;
  DialogueEvent event = base_event(EventType::continuation, Direction::server_to_client);
  std::string payload(trim(std::string_view(message.joined()).substr(1)));
  event.arguments = printable_text(payload);
  if (client_awaits_go_ahead_) {
    // The go-ahead for a synchronising literal: its command is not complete yet.
    client_awaits_go_ahead_ = false;
    event.explain_key = "imap.continuation.literal";
    int32_t index = emit(std::move(event));
    // Bounded: a line with endless {0} literals must not grow this list without end.
    if (awaiting_command_.size() < limits_.max_pending_commands) awaiting_command_.push_back(index);
    return;
  }
  PendingCommand* auth = pending_with_verb("AUTHENTICATE");
  if (auth != nullptr) {
    event.answers = auth->event;
    event.explain_key = "imap.continuation.sasl";
    auth->challenge_outstanding = true;
    if (!payload.empty()) {
      SaslDecoded sasl;
      if (auth->mechanism == "CRAM-MD5") {
        sasl = decode_cram_md5_challenge(payload);
      } else if (auth->mechanism == "LOGIN") {
        sasl = decode_sasl_login_prompt(payload);
        auth->next_is_password = sasl.description.find("assword") != std::string::npos;
      } else {
        // XOAUTH2 errors (a JSON status) and other mechanisms: show the bytes.
        std::string bytes;
        sasl.ok = base64_decode(payload, bytes);
        sasl.description = printable_text(bytes);
      }
      event.decoded = sasl.description;
    }
    emit(std::move(event));
    return;
  }
  PendingCommand* idle = pending_with_verb("IDLE");
  if (idle != nullptr && !idle->idle_done) {
    event.answers = idle->event;
    event.explain_key = "imap.continuation.idle";
  } else {
    PendingCommand* current = oldest_pending();
    event.answers = current ? current->event : -1;
    event.explain_key = "imap.continuation.other";
  }
  emit(std::move(event));
}

void ImapDecoder::on_untagged() {
  const ImapMessage& message = side(Direction::server_to_client).message;
  // The text is rendered below, together with the arguments when they repeat it.
  DialogueEvent event = base_event(EventType::untagged, Direction::server_to_client, false);
  ImapReader reader(message, 1);
  ImapToken first = reader.next();
  PendingCommand* current = oldest_pending();
  event.answers = current ? current->event : -1;
  if (is_number(first.value)) {
    // RFC 3501 §7.3 / §7.4: "* 5 EXISTS", "* 3 EXPUNGE", "* 12 FETCH (...)".
    std::string name = to_upper_ascii(reader.next().value);
    event.verb = name;
    message.render_with_arguments(reader.position(), limits_.max_text_bytes, event.text,
                                  event.arguments);
    if (name == "EXISTS" || name == "RECENT") {
      event.details.emplace_back("count", first.value);
    } else if (name == "EXPUNGE" || name == "FETCH") {
      event.details.emplace_back("message", first.value);
    }
    // Whole literals: the key then costs the event no allocation (see TranslationKey).
    const char* key = name == "EXISTS"    ? "imap.untagged.EXISTS"
                      : name == "RECENT"  ? "imap.untagged.RECENT"
                      : name == "EXPUNGE" ? "imap.untagged.EXPUNGE"
                      : name == "FETCH"   ? "imap.untagged.FETCH"
                                          : nullptr;
    bool known = key != nullptr;
    event.explain_key = TranslationKey::literal(known ? key : "imap.untagged.unknown");
    event.unknown = !known;
    if (name == "FETCH") read_fetch(reader, event);
    emit(std::move(event));
    return;
  }
  event.text = message.render(0, limits_.max_text_bytes);
  std::string name = to_upper_ascii(first.value);
  event.verb = name;
  event.arguments = std::string(reader.rest().substr(0, limits_.max_text_bytes));
  make_printable(event.arguments);
  if (is_status(name)) {
    on_status_untagged(name, reader, event);
    return;
  }
  read_untagged_data(name, reader, event);
  emit(std::move(event));
}

void ImapDecoder::on_status_untagged(const std::string& status, ImapReader& reader,
                                     DialogueEvent& event) {
  event.status = status;
  event.verb.clear();
  read_resp_text(reader, event);
  std::string code_name = response_code_name(event.response_code);
  if (!greeting_seen_ && (status == "OK" || status == "PREAUTH" || status == "BYE")) {
    // RFC 3501 §7.1: the greeting is OK (log in first), PREAUTH (already authenticated,
    // §3.2) or BYE (rejected).
    event.type = EventType::greeting;
    event.answers = -1;
    event.explain_key = "imap.greeting." + status;
    if (status == "PREAUTH") state_ = State::authenticated;
  } else {
    event.explain_key =
        is_known_response_code(code_name) ? "imap.code." + code_name : "imap.untagged." + status;
    if (status == "BAD") out_.summary.errors++;  // an untagged NO is only a warning
  }
  if (status == "BYE") state_ = State::logout;  // RFC 3501 §7.1.5: the server closes
  emit(std::move(event));
}

void ImapDecoder::on_tagged() {
  const ImapMessage& message = side(Direction::server_to_client).message;
  ImapReader reader(message);
  ImapToken tag = reader.next();
  std::string status = to_upper_ascii(reader.next().value);
  // A synchronising literal the server refused (RFC 3501 §7.5): the client never sends it.
  cancel_refused_literal(tag.value);

  DialogueEvent event = base_event(EventType::reply, Direction::server_to_client);
  event.tag = tag.value;
  auto match = pending_.end();
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->tag == tag.value) {
      match = it;
      break;
    }
  }
  if (match != pending_.end()) event.answers = match->event;
  if (!is_status(status) || status == "PREAUTH" || status == "BYE") {
    // RFC 3501 §7.1: a tagged reply is OK, NO or BAD; anything else is kept as it came.
    event.malformed = true;
    event.unknown = !is_status(status);
    event.status = is_status(status) ? status : "";
    event.explain_key = "imap.status.unknown";
    emit(std::move(event));
    return;
  }
  event.status = status;
  event.explain_key = "imap.status." + status;
  read_resp_text(reader, event);
  if (status != "OK") out_.summary.errors++;
  if (match != pending_.end()) {
    PendingCommand command = std::move(*match);
    pending_.erase(match);
    complete_command(command, status, event.response_code);
  }
  emit(std::move(event));
}

// The state transitions of RFC 3501 §3 (figure in §3.4), taken when a command ends.
void ImapDecoder::complete_command(const PendingCommand& command, const std::string& status,
                                   const std::string& response_code) {
  const std::string& verb = command.verb;
  std::string code = response_code_name(response_code);
  if (status != "OK") {
    // §6.3.1: a failed SELECT or EXAMINE leaves no mailbox selected.
    if ((verb == "SELECT" || verb == "EXAMINE") && state_ == State::selected) {
      state_ = State::authenticated;
    }
    return;
  }
  if (verb == "LOGIN" || verb == "AUTHENTICATE") {
    state_ = State::authenticated;
    user_ = command.user;
    out_.summary.auth_succeeded = true;
    if (!command.user.empty()) out_.summary.auth_user = command.user;
  } else if (verb == "SELECT" || verb == "EXAMINE") {
    state_ = State::selected;
    mailbox_ = command.mailbox;
    // §6.3.1 / §6.3.2: [READ-ONLY] / [READ-WRITE] in the tagged OK; EXAMINE is read-only.
    read_only_ = code == "READ-ONLY" || (verb == "EXAMINE" && code != "READ-WRITE");
  } else if (verb == "CLOSE" || verb == "UNSELECT") {
    state_ = State::authenticated;
    mailbox_.clear();
  } else if (verb == "LOGOUT") {
    state_ = State::logout;
  } else if (verb == "STARTTLS") {
    // RFC 3501 §6.2.1: the TLS negotiation begins right after this line, in both directions.
    out_.summary.tls = true;
    tls_probing_ = true;
    for (Side& s : sides_) {
      if (s.mode == Mode::line && s.line.empty() && s.message.empty()) s.mode = Mode::tls_probe;
    }
    // The server side is still inside this reply's line: it switches once the line is done.
    Side& server = side(Direction::server_to_client);
    if (server.mode == Mode::line) server.mode = Mode::tls_probe;
  }
}

bool ImapDecoder::cancel_refused_literal(const std::string& tag) {
  Side& client = side(Direction::client_to_server);
  if (!client_awaits_go_ahead_ || client.mode != Mode::literal) return false;
  const std::vector<ImapLiteral>& literals = client.message.literals();
  if (literals.empty() || literals.back().received != 0) return false;
  ImapReader reader(client.message);
  if (reader.next().value != tag) return false;
  client.mode = Mode::line;
  client.literal_left = 0;
  size_t before = out_.events.size();
  message_complete(Direction::client_to_server);
  if (out_.events.size() > before) {
    out_.events.back().details.emplace_back("literal", "not sent: the server refused it");
  }
  return true;
}

}  // namespace mailscope
