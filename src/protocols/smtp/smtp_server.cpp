// protocols/smtp/smtp_server.cpp — the server's direction: replies (RFC 5321 §4.2), paired with
// the commands in order (RFC 2920 §3.2: replies come in the order of the commands), and the
// session state they move (RFC 5321 §3, §4.1.4; RFC 4954 §4; RFC 3207 §4.2; RFC 3030 §2).
#include "dialogue/explanations.h"
#include "protocols/common/text.h"
#include "protocols/smtp/smtp_decoder.h"

namespace mailscope {
namespace {

bool positive(int code) { return code >= 200 && code < 300; }
bool negative(int code) { return code >= 400 && code < 600; }

}  // namespace

size_t SmtpDecoder::server_step(const uint8_t* bytes, size_t length, const SegmentOrigin& origin) {
  switch (server_mode_) {
    case ServerMode::tls_wait:
      return 0;  // run() does not call a blocked direction
    case ServerMode::tls:
      tls_feed(Direction::server_to_client, bytes, length, origin);
      return length;
    case ServerMode::lines: {
      if (resync_[1]) return resync_step(Direction::server_to_client, bytes, length);
      LineAssembler& line = lines_[1];
      size_t used = line.push(bytes, length, origin);
      if (line.complete()) {
        bool done =
            replies_.add_line(line.line(), line.span(), line.dropped_bytes(), line.bare_lf());
        line.clear();
        if (done) on_reply(replies_.take());
      }
      return used;
    }
  }
  return length;
}

void SmtpDecoder::on_reply(SmtpReply reply) {
  DialogueEvent e;
  e.type = EventType::reply;
  e.direction = Direction::server_to_client;
  e.span = reply.span;
  // The reply is ours (taken by value): its texts move into the event. line_texts stay.
  e.text = std::move(reply.text);
  e.code = reply.code;
  e.enhanced_code = std::move(reply.enhanced_code);
  e.unknown = reply.unknown;
  e.malformed = reply.malformed;
  e.line_truncated = reply.line_truncated;
  if (reply.bare_lf) e.details.emplace_back("line end", "LF without CR");
  e.explain_key = reply.code != 0 ? smtp_reply_key(reply.code) : "smtp.reply.unknown";
  if (negative(reply.code)) ++out_.summary.errors;

  // RFC 5321 §3.1: the session opens with the server's 220 (or 554: no service here; 421:
  // not now). Before any command, other replies are not a greeting (a capture picked up late).
  bool greeting_code = reply.code == 220 || reply.code == 554 || reply.code == 421;
  if (!greeting_seen_ && greeting_code &&
      (pending_.empty() || pending_.front().verb != SmtpVerb::starttls)) {
    greeting_seen_ = true;
    e.type = EventType::greeting;
    e.explain_key = "smtp.greeting." + std::to_string(reply.code);
    if (!reply.line_texts.empty()) {
      facts_.server_name = std::string(split_word(trim(reply.line_texts[0])).first);
    }
    facts_.phase = reply.code == 220 ? SmtpPhase::greeted : SmtpPhase::refused;
    push_event(std::move(e));
    return;
  }
  greeting_seen_ = true;

  if (reply.code == 0 || pending_.empty()) {
    // Junk, or a reply to nothing we saw (RFC 5321 §3.8: a 421 may come at any time).
    if (reply.code == 421) facts_.phase = SmtpPhase::closing;
    push_event(std::move(e));
    return;
  }

  PendingCommand& head = pending_.front();
  e.answers = head.event;
  // A 250 means something different after EHLO, MAIL, RCPT and the message: say which.
  if (reply.code == 250) {
    // Whole literals: the key then costs the event no allocation (see TranslationKey).
    const char* key = head.verb == SmtpVerb::ehlo || head.verb == SmtpVerb::helo ? "smtp.reply.250.ehlo"
                      : head.verb == SmtpVerb::mail                               ? "smtp.reply.250.mail"
                      : head.verb == SmtpVerb::rcpt                               ? "smtp.reply.250.rcpt"
                      : head.verb == SmtpVerb::data || head.verb == SmtpVerb::bdat ? "smtp.reply.250.data"
                                                                                   : nullptr;
    if (key != nullptr) e.explain_key = TranslationKey::literal(key);
  }
  bool pop = true;
  apply_reply(head, reply, e, pop);
  if (reply.code == 421) {
    // RFC 5321 §3.8: the server is closing the channel.
    facts_.phase = SmtpPhase::closing;
    if (client_mode_ == ClientMode::wait_reply || client_mode_ == ClientMode::sasl) {
      client_mode_ = ClientMode::command;
    }
  }
  if (pop) pending_.pop_front();
  push_event(std::move(e));
}

void SmtpDecoder::apply_reply(PendingCommand& head, const SmtpReply& reply, DialogueEvent& e,
                              bool& pop) {
  int code = reply.code;
  bool client_waits = client_mode_ == ClientMode::wait_reply && pending_.size() == 1;
  switch (head.verb) {
    case SmtpVerb::ehlo:
    case SmtpVerb::helo:
      if (code == 250) {
        // RFC 5321 §4.1.4: EHLO/HELO also clears any transaction in progress.
        facts_.clear_transaction();
        facts_.helo_name = head.argument;
        facts_.esmtp = head.verb == SmtpVerb::ehlo;
        facts_.capabilities = 0;
        if (facts_.esmtp) {
          facts_.capabilities = parse_ehlo_capabilities(reply.line_texts, e.details).count;
        }
        facts_.phase = facts_.authenticated ? SmtpPhase::authenticated : SmtpPhase::ehlo;
      }
      break;
    case SmtpVerb::mail:
      if (positive(code)) {
        // RFC 5321 §4.1.1.2: MAIL starts a transaction with its reverse-path.
        facts_.clear_transaction();
        facts_.mail_from = head.argument;
        facts_.phase = SmtpPhase::transaction;
        chunk_number_ = 0;
      }
      break;
    case SmtpVerb::rcpt:
      // RFC 5321 §4.1.1.3: 250/251 accept the recipient; 4xx/5xx refuse it.
      if (positive(code)) {
        ++facts_.accepted;
        e.details.emplace_back("accepted", head.argument);
      } else if (negative(code)) {
        ++facts_.rejected;
        e.details.emplace_back("rejected", head.argument);
      }
      break;
    case SmtpVerb::data:
      if (!head.body_accepted) {
        if (code == 354) {
          // RFC 5321 §4.1.1.4: 354, then the body up to CRLF.CRLF, then the real reply.
          head.body_accepted = true;
          pop = false;
          facts_.phase = SmtpPhase::data;
          if (client_waits) start_body();
        } else if (client_waits) {
          client_mode_ = ClientMode::command;  // e.g. 554 no valid recipients: commands go on
        }
        break;
      }
      if (code == 354) {
        pop = false;  // a late 354 after the body was assumed: still the intermediate reply
        facts_.phase = SmtpPhase::data;
        break;
      }
      // The reply to the message itself. If the body's end was never read (lost in a gap), the
      // server speaking means it was there: the body ends here.
      if (client_mode_ == ClientMode::body) finish_body(false);
      if (positive(code)) {
        ++facts_.messages;
        ++out_.summary.messages;
      }
      // RFC 5321 §4.1.1.4: after the end of data, accepted or not, the transaction is over.
      facts_.clear_transaction();
      facts_.phase = facts_.idle_phase();
      break;
    case SmtpVerb::bdat:
      // RFC 3030 §2: one reply per chunk; the reply to BDAT LAST is the reply to the message.
      if (head.bdat_last) {
        if (positive(code)) {
          ++facts_.messages;
          ++out_.summary.messages;
        }
        facts_.clear_transaction();
        facts_.phase = facts_.idle_phase();
      } else if (positive(code)) {
        facts_.phase = SmtpPhase::data;
      }
      break;
    case SmtpVerb::rset:
      if (positive(code)) {
        facts_.clear_transaction();
        facts_.phase = facts_.idle_phase();
        chunk_number_ = 0;
      }
      break;
    case SmtpVerb::auth:
      if (code == 334 && auth_.active()) {
        // RFC 4954 §4: "334 SP base64" asks for the next SASL step.
        e.type = EventType::continuation;
        SaslDecoded d =
            auth_.challenge(reply.line_texts.empty() ? std::string_view() : reply.line_texts[0]);
        e.decoded = d.description;
        pop = false;
        if (client_waits) client_mode_ = ClientMode::sasl;
        break;
      }
      auth_.end();
      if (code == 235) {
        // RFC 4954 §6: 235 Authentication successful.
        facts_.authenticated = true;
        facts_.user = auth_user_seen_;
        out_.summary.auth_succeeded = true;
        facts_.phase = SmtpPhase::authenticated;
      }
      if (client_mode_ == ClientMode::sasl || client_waits) client_mode_ = ClientMode::command;
      break;
    case SmtpVerb::starttls:
      if (code == 220) {
        // RFC 3207 §4.2: TLS starts now; the client must forget what it learnt (EHLO again).
        out_.summary.tls = true;
        facts_.tls = true;
        facts_.helo_name.clear();
        facts_.esmtp = false;
        facts_.capabilities = 0;
        facts_.clear_transaction();
        facts_.phase = SmtpPhase::tls;
        if (client_waits || client_mode_ == ClientMode::command) {
          client_mode_ = ClientMode::tls_undecided;
          server_mode_ = ServerMode::tls_wait;
        }
      } else if (client_waits) {
        client_mode_ = ClientMode::command;  // 454 TLS not available: plain text goes on
      }
      break;
    case SmtpVerb::quit:
      // RFC 5321 §4.1.1.10: 221, then the server closes the connection.
      if (code == 221) facts_.phase = SmtpPhase::quit;
      break;
    default:
      break;
  }
}

}  // namespace mailscope
