// protocols/imap/imap_client.cpp — what the client sends: tagged commands, SASL answers, DONE.
//
// RFC 3501 §2.2.1: every command starts with a tag the client picks ("A001", "0014"); the
// server uses it on the reply that ends the command. During AUTHENTICATE the client answers
// each "+" challenge with one base64 line (§6.2.2), and IDLE ends with the line DONE (RFC 2177).
#include <algorithm>
#include <string>
#include <vector>

#include "protocols/common/message_body.h"
#include "protocols/common/sasl.h"
#include "protocols/common/text.h"
#include "protocols/imap/imap_commands.h"
#include "protocols/imap/imap_decoder.h"
#include "protocols/imap/imap_syntax.h"

namespace mailscope {
namespace {

void add_secret(DialogueEvent& event, const std::string& secret) {
  if (secret.empty()) return;
  if (std::find(event.secrets.begin(), event.secrets.end(), secret) != event.secrets.end()) return;
  event.secrets.push_back(secret);
}

// An astring's value as written (a literal has no readable raw form: its content is the secret).
void add_token_secret(DialogueEvent& event, const ImapToken& token) {
  add_secret(event, token.value);
  if (token.kind != ImapToken::Kind::literal) add_secret(event, token.raw);
}

// imap_command_key of a table row, built once per row: "imap.cmd.UID_FETCH" is longer than a
// string's inline buffer, so building it per command cost each command event an allocation.
TranslationKey command_key(const ImapCommandInfo* info) {
  size_t count = 0;
  const ImapCommandInfo* rows = imap_commands(count);
  static const std::vector<std::string> keys = [&] {
    std::vector<std::string> built;
    for (size_t i = 0; i < count; ++i) built.push_back(imap_command_key(&rows[i]));
    return built;
  }();
  if (info == nullptr) return "imap.cmd.unknown";
  return TranslationKey::literal(keys[static_cast<size_t>(info - rows)].c_str());
}

std::string quoted_for_people(const std::string& s) { return "\"" + printable_text(s) + "\""; }

void apply_sasl(DialogueEvent& event, const SaslDecoded& sasl, DialogueSummary& summary,
                std::string& user) {
  event.decoded = sasl.description;
  for (const std::string& secret : sasl.secrets) add_secret(event, secret);
  if (!sasl.user.empty()) {
    user = sasl.user;
    summary.auth_user = sasl.user;
  }
  if (sasl.cleartext_password) summary.cleartext_password_seen = true;
  if (!sasl.ok) event.malformed = true;
}

// RFC 4959 / RFC 3501 §6.2.2: one SASL message of `mechanism`, from the client.
SaslDecoded decode_client_sasl(const std::string& mechanism, std::string_view base64,
                               bool is_password) {
  if (mechanism == "PLAIN") return decode_sasl_plain(base64);
  if (mechanism == "LOGIN") return decode_sasl_login_answer(base64, is_password);
  if (mechanism == "CRAM-MD5") return decode_cram_md5_response(base64);
  if (mechanism == "XOAUTH2") return decode_xoauth2(base64);
  // A mechanism we do not take apart: show the decoded bytes, mask the whole answer.
  SaslDecoded other;
  std::string bytes;
  other.ok = base64_decode(base64, bytes);
  if (other.ok && !bytes.empty()) other.description = printable_text(bytes);
  other.secrets.emplace_back(base64);
  return other;
}

}  // namespace

void ImapDecoder::on_client_message() {
  // RFC 3501 §6.2.2: while a challenge is outstanding, the client's line is its answer.
  for (PendingCommand& command : pending_) {
    if (command.verb == "AUTHENTICATE" && command.challenge_outstanding) {
      on_auth_response(command);
      return;
    }
  }
  // RFC 2177 §3: "DONE" ends the IDLE in progress.
  if (iequals(trim(side(Direction::client_to_server).message.joined()), "DONE")) {
    for (PendingCommand& command : pending_) {
      if (command.verb == "IDLE" && !command.idle_done) {
        on_done(command);
        return;
      }
    }
  }
  on_command();
}

void ImapDecoder::resolve_awaiting(int32_t command_event) {
  for (int32_t index : awaiting_command_) {
    if (index >= 0 && static_cast<size_t>(index) < out_.events.size()) {
      out_.events[static_cast<size_t>(index)].answers = command_event;
    }
  }
  awaiting_command_.clear();
}

void ImapDecoder::on_command() {
  const ImapMessage& message = side(Direction::client_to_server).message;
  DialogueEvent event = base_event(EventType::command, Direction::client_to_server);
  ImapReader reader(message);
  ImapToken tag = reader.next();
  ImapToken verb_token = reader.next();
  out_.summary.commands++;
  if (tag.kind != ImapToken::Kind::atom || verb_token.kind != ImapToken::Kind::atom) {
    // RFC 3501 §9: command = tag SP (command-any / ...) CRLF; this line is not one.
    event.tag = tag.kind == ImapToken::Kind::atom ? tag.value : "";
    event.malformed = true;
    event.unknown = true;
    event.explain_key = "imap.cmd.unknown";
    resolve_awaiting(emit(std::move(event)));
    return;
  }
  std::string verb = to_upper_ascii(verb_token.value);
  if (verb == "UID") {  // RFC 3501 §6.4.8: UID FETCH, UID STORE, UID COPY, UID SEARCH ...
    ImapToken sub = reader.peek();
    if (sub.kind == ImapToken::Kind::atom) {
      reader.next();
      verb += " " + to_upper_ascii(sub.value);
    }
  }
  const ImapCommandInfo* info = find_imap_command(verb);
  event.tag = tag.value;
  event.verb = verb;
  event.arguments = message.render_trimmed(reader.position(), limits_.max_text_bytes);
  event.explain_key = command_key(info);
  event.unknown = info == nullptr;

  PendingCommand pending;
  pending.tag = tag.value;
  pending.verb = verb;
  read_command_arguments(verb, reader, event, pending, info ? info->mailbox_args : 0);

  int32_t index = emit(std::move(event));
  resolve_awaiting(index);
  pending.event = index;
  // Pipelined commands (RFC 3501 §5.5) wait for their tagged replies; the oldest goes first
  // when too many pile up (its reply will then answer nothing).
  if (limits_.max_pending_commands > 0 && pending_.size() >= limits_.max_pending_commands) {
    pending_.pop_front();
  }
  pending_.push_back(std::move(pending));
}

void ImapDecoder::read_command_arguments(const std::string& verb, ImapReader& reader,
                                         DialogueEvent& event, PendingCommand& pending,
                                         uint8_t mailbox_args) {
  if (verb == "LOGIN") {
    // RFC 3501 §6.2.3: LOGIN userid password — both astrings, the password in the clear.
    ImapToken user = reader.next();
    ImapToken password = reader.next();
    out_.summary.auth_seen = true;
    out_.summary.auth_mechanism = "IMAP LOGIN";
    if (!user.is_string() || !password.is_string()) {
      event.malformed = true;
      if (password.is_string()) add_token_secret(event, password);
      return;
    }
    event.decoded =
        "user " + quoted_for_people(user.value) + ", password " + quoted_for_people(password.value);
    add_token_secret(event, password);
    add_secret(event, printable_text(password.value));
    pending.user = user.value;
    out_.summary.auth_user = user.value;
    out_.summary.cleartext_password_seen = true;
    return;
  }
  if (verb == "AUTHENTICATE") {
    // RFC 3501 §6.2.2 AUTHENTICATE mechanism [initial-response] (RFC 4959 SASL-IR).
    ImapToken mechanism = reader.next();
    pending.mechanism = to_upper_ascii(mechanism.value);
    out_.summary.auth_seen = true;
    out_.summary.auth_mechanism = pending.mechanism;
    event.details.emplace_back("mechanism", pending.mechanism);
    ImapToken initial = reader.next();
    if (initial.is_string()) {
      std::string_view base64 = initial.value == "=" ? std::string_view() : initial.value;
      SaslDecoded sasl = decode_client_sasl(pending.mechanism, base64, false);
      apply_sasl(event, sasl, out_.summary, pending.user);
      add_secret(event, initial.value);
      pending.sasl_answers = 1;
    }
    return;
  }
  if (verb == "STORE" || verb == "UID STORE") {
    // RFC 3501 §6.4.6: STORE sequence-set (+|-)FLAGS[.SILENT] (flags)
    event.details.emplace_back("messages", reader.next().value);
    event.details.emplace_back("change", reader.next().value);
    for (const std::string& flag : split_list_words(reader.skip_value())) {
      event.details.emplace_back("flag", flag);
    }
    return;
  }
  if (verb == "FETCH" || verb == "UID FETCH") {
    event.details.emplace_back("messages", reader.next().value);
    event.details.emplace_back("items", reader.skip_value());
    return;
  }
  if (verb == "ENABLE") {  // RFC 5161 §3.1: ENABLE capability...
    while (!reader.at_end()) event.details.emplace_back("capability", reader.next().value);
    return;
  }
  if (verb == "ID") {  // RFC 2971 §3.1: ID ("name" "value" ...) or ID NIL
    ImapToken open = reader.next();
    while (open.kind == ImapToken::Kind::list_open) {
      ImapToken key = reader.next();
      if (!key.is_string()) break;
      ImapToken value = reader.next();
      event.details.emplace_back(printable_text(key.value),
                                 value.is_nil() ? "NIL" : printable_text(value.value));
    }
    return;
  }
  // Mailbox arguments (RFC 3501 §5.1.3: modified UTF-7 for names outside ASCII).
  std::vector<std::string> decoded_names;
  bool any_encoded = false;
  for (int i = 0; i < 2 && (mailbox_args >> i) != 0; ++i) {
    if ((mailbox_args & (1u << i)) == 0) {
      reader.skip_value();
      continue;
    }
    ImapToken name = reader.next();
    if (!name.is_string()) break;
    std::string decoded;
    if (name.value.find('&') != std::string::npos && decode_modified_utf7(name.value, decoded)) {
      any_encoded = true;
    } else {
      decoded = name.value;
    }
    decoded = printable_text(decoded);
    bool listing = verb == "LIST" || verb == "LSUB" || verb == "XLIST";
    const char* label = listing ? (i == 0 ? "reference" : "pattern")
                                : (verb == "RENAME" && i == 1 ? "new name" : "mailbox");
    event.details.emplace_back(label, decoded);
    decoded_names.push_back(decoded);
    if (pending.mailbox.empty()) pending.mailbox = decoded;
  }
  if (any_encoded) {
    std::string joined;
    for (const std::string& name : decoded_names) {
      if (!joined.empty()) joined += verb == "RENAME" ? " → " : " ";
      joined += name;
    }
    event.decoded = joined;
  }
  if (verb == "APPEND") {
    // RFC 3501 §6.3.11: APPEND mailbox [(flags)] [date-time] literal
    ImapToken next = reader.next();
    if (next.kind == ImapToken::Kind::list_open) {
      while (true) {
        ImapToken flag = reader.next();
        if (flag.kind != ImapToken::Kind::atom) break;
        event.details.emplace_back("flag", flag.value);
      }
      next = reader.next();
    }
    if (next.kind == ImapToken::Kind::string) {
      event.details.emplace_back("date", next.value);
      next = reader.next();
    }
    if (next.kind == ImapToken::Kind::literal) {
      const ImapLiteral& literal =
          side(Direction::client_to_server).message.literals()[static_cast<size_t>(next.literal)];
      event.details.emplace_back("size", std::to_string(literal.size) + " bytes");
      for (auto& header : parse_message_headers(literal.content)) {
        event.details.emplace_back(printable_text(header.first), printable_text(header.second));
      }
    }
  }
}

void ImapDecoder::on_auth_response(PendingCommand& command) {
  const ImapMessage& message = side(Direction::client_to_server).message;
  DialogueEvent event = base_event(EventType::auth_response, Direction::client_to_server);
  event.answers = command.event;
  event.explain_key = "imap.auth_response";
  std::string line(trim(message.joined()));
  command.challenge_outstanding = false;
  if (line == "*") {
    // RFC 3501 §6.2.2: "*" cancels; the server answers with a tagged BAD.
    event.decoded = "cancel";
    event.explain_key = "sasl.cancelled";
  } else {
    bool is_password =
        command.next_is_password || (command.mechanism == "LOGIN" && command.sasl_answers >= 1);
    SaslDecoded sasl = decode_client_sasl(command.mechanism, line, is_password);
    apply_sasl(event, sasl, out_.summary, command.user);
    add_secret(event, line);
  }
  command.sasl_answers++;
  command.next_is_password = false;
  emit(std::move(event));
}

void ImapDecoder::on_done(PendingCommand& idle) {
  DialogueEvent event = base_event(EventType::command, Direction::client_to_server);
  event.verb = "DONE";
  event.answers = idle.event;
  event.explain_key = "imap.cmd.DONE";
  idle.idle_done = true;
  emit(std::move(event));
}

}  // namespace mailscope
