// protocols/pop3/pop3_server.cpp — server lines: the greeting, replies paired with commands,
// multi-line listings and RETR/TOP messages.
//
// RFC 1939 §3: a reply is "+OK" or "-ERR" and text; some "+OK" replies go on over several lines,
// each dot-stuffed, ended by a line holding "." alone. Which ones is decided by the command the
// reply answers (the oldest pending one), never by the reply itself; "-ERR" is always one line.
#include <algorithm>
#include <utility>

#include "protocols/common/text.h"
#include "protocols/pop3/pop3_decoder.h"

namespace mailscope {
namespace {

constexpr size_t kMaxListingDetails = 1000;  // facts kept per listing; more are counted

std::string octets(std::string_view number) { return std::string(number) + " octets"; }

// "1 120" -> {"1", "120"}: the first two space-separated words of a scan or unique-id line.
std::pair<std::string_view, std::string_view> two_words(std::string_view s) {
  size_t space = s.find(' ');
  if (space == std::string_view::npos) return {s, {}};
  std::string_view first = s.substr(0, space);
  std::string_view rest = s.substr(space + 1);
  size_t end = rest.find(' ');
  return {first, rest.substr(0, end)};
}

// The message text as lines joined by '\n', each made printable; capped at `cap` bytes.
std::string printable_lines(std::string_view raw, size_t cap, uint64_t& dropped) {
  std::string out;
  // A line break only goes between lines once some text is out, so empty lines at the start
  // add nothing. The rest in one pass; line by line (below) only when the cap cuts it.
  std::string_view rest = raw;
  while (!rest.empty() && (rest.front() == '\n' || rest.substr(0, 2) == "\r\n")) {
    rest.remove_prefix(rest.front() == '\n' ? 1 : 2);
  }
  append_printable_lines(out, rest, false);
  if (out.size() <= cap) return out;
  out.clear();
  while (!raw.empty()) {
    size_t lf = raw.find('\n');
    std::string_view line = raw.substr(0, lf);
    raw = lf == std::string_view::npos ? std::string_view{} : raw.substr(lf + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string piece = printable_text(line);
    size_t need = piece.size() + (out.empty() ? 0 : 1);
    if (out.size() + need > cap) {
      dropped += need + raw.size();
      break;
    }
    if (!out.empty()) out.push_back('\n');
    out += piece;
  }
  return out;
}

}  // namespace

void Pop3Decoder::on_server_line(const LineAssembler& assembled, bool unterminated) {
  std::string_view line = assembled.line();
  if (unterminated && !line.empty() && line.back() == '\r') line.remove_suffix(1);
  Pop3StatusLine status = parse_pop3_status(line);

  DialogueEvent e;
  e.type = EventType::reply;
  e.direction = Direction::server_to_client;
  e.span = assembled.span();
  e.text = capped_text(line, assembled.dropped_bytes(), e.line_truncated);
  e.malformed = unterminated;

  switch (status.kind) {
    case Pop3LineKind::continuation:
      // RFC 5034 §4: "+ " only means something while AUTH waits for its final reply.
      if (sasl_.active && !pending_.empty() && pending_.front().event == sasl_.command_event) {
        on_continuation(std::move(e), status);
        return;
      }
      [[fallthrough]];
    case Pop3LineKind::other:
      // Not a reply: kept verbatim, and it does not use up a pending command (it may be a
      // listing line whose "+OK" was lost in a gap).
      e.unknown = true;
      e.explain_key = "pop3.reply.unknown";
      emit(std::move(e));
      return;
    case Pop3LineKind::ok:
    case Pop3LineKind::err:
      break;
  }
  if (!greeted_) {
    greeted_ = true;
    // RFC 1939 §4: the server speaks first. Only a session picked up in the middle whose client
    // already has commands waiting starts with a reply instead.
    if (pending_.empty() || !out_.session.midstream) {
      on_greeting(std::move(e), status);
      return;
    }
  }
  on_reply(std::move(e), status);
}

void Pop3Decoder::on_greeting(DialogueEvent&& e, const Pop3StatusLine& status) {
  e.type = EventType::greeting;
  const bool ok = status.kind == Pop3LineKind::ok;
  e.status = ok ? "+OK" : "-ERR";
  e.response_code = printable_text(status.response_code);
  std::string_view timestamp = find_apop_timestamp(status.text);
  if (ok && !timestamp.empty()) {
    // RFC 1939 §7: the timestamp is the APOP challenge; the client hashes it with its password.
    apop_challenge_ = std::string(timestamp);
    e.details.emplace_back("APOP challenge", printable_text(timestamp));
    e.explain_key = "pop3.greeting.apop";
  } else if (ok) {
    e.explain_key = "pop3.greeting";
  } else {
    greeting_refused_ = true;
    ++out_.summary.errors;
    e.explain_key = "pop3.greeting.err";
  }
  emit(std::move(e));
}

void Pop3Decoder::on_reply(DialogueEvent&& e, const Pop3StatusLine& status) {
  const bool ok = status.kind == Pop3LineKind::ok;
  e.status = ok ? "+OK" : "-ERR";
  e.response_code = printable_text(status.response_code);
  if (!status.response_code.empty() && is_known_pop3_response_code(status.response_code)) {
    e.explain_key = "pop3.code." + to_upper_ascii(status.response_code);
  } else {
    e.explain_key = TranslationKey::literal(ok ? "pop3.status.ok" : "pop3.status.err");
  }
  if (!ok) ++out_.summary.errors;

  Pending p;
  if (!pending_.empty()) {
    p = std::move(pending_.front());
    pending_.pop_front();
  }
  e.answers = p.event;
  if (sasl_.active && p.event == sasl_.command_event) {
    sasl_.active = false;  // RFC 5034 §4: "+OK" or "-ERR" ends the exchange
    sasl_.awaiting_client = false;
  }
  if (p.command == nullptr) {
    emit(std::move(e));
    return;
  }
  if (p.command->id == Pop3Verb::quit) {
    // RFC 1939 §6: QUIT from TRANSACTION enters UPDATE, where deletions are committed; "-ERR"
    // means some were not. RFC 1939 §4: QUIT in AUTHORIZATION ends the session without UPDATE.
    if (state_ == State::transaction || state_ == State::update) {
      state_ = State::update;
      quit_answered_ = true;
      quit_failed_ = !ok;
    } else if (state_ == State::authorization) {
      state_ = State::closed;
    }
  }
  if (!ok) {
    emit(std::move(e));
    return;
  }
  apply_ok(p, e, status);
  if (!pop3_reply_is_multi_line(*p.command, p.has_argument)) {
    emit(std::move(e));
    return;
  }
  if (p.command->carries_message) {
    emit(std::move(e));  // the "+OK" first, then the message as a data event
    start_message(p);
    return;
  }
  listing_ = std::move(e);  // emitted when the "." line arrives
  listing_command_ = std::move(p);
  listing_dropped_ = 0;
  listing_lines_ = 0;
  server_mode_ = ServerMode::listing;
}

// What a "+OK" means for each command (single-line replies are parsed here too).
void Pop3Decoder::apply_ok(const Pending& p, DialogueEvent& e, const Pop3StatusLine& status) {
  auto [first, second] = two_words(status.text);
  uint64_t a = 0, b = 0;
  switch (p.command->id) {
    case Pop3Verb::pass:
    case Pop3Verb::apop:
      state_ = State::transaction;  // RFC 1939 §4: the maildrop is locked and opened
      out_.summary.auth_succeeded = true;
      break;
    case Pop3Verb::auth:
      if (p.has_argument) {  // RFC 5034 §4: "+OK" completes the SASL exchange
        state_ = State::transaction;
        out_.summary.auth_succeeded = true;
      }
      break;
    case Pop3Verb::stat:
      // RFC 1939 §5: "+OK nn mm", the number of messages and the size in octets.
      if (parse_pop3_number(first, a) && parse_pop3_number(second, b)) {
        e.details.emplace_back("messages", std::string(first));
        e.details.emplace_back("size", octets(second));
        stat_known_ = true;
        stat_messages_ = a;
        stat_octets_ = b;
      } else {
        e.malformed = true;
      }
      break;
    case Pop3Verb::list:
    case Pop3Verb::uidl:
      if (p.has_argument) {  // RFC 1939 §5: a scan listing / §7: a unique-id listing
        if (parse_pop3_number(first, a) && !second.empty() &&
            (p.command->id == Pop3Verb::uidl || parse_pop3_number(second, b))) {
          e.details.emplace_back(std::string(first), p.command->id == Pop3Verb::list
                                                         ? octets(second)
                                                         : printable_text(second));
        } else {
          e.malformed = true;
        }
      }
      break;
    case Pop3Verb::retr:
    case Pop3Verb::top:
      if (parse_pop3_number(first, a)) e.details.emplace_back("size", octets(first));
      break;
    case Pop3Verb::dele:
      if (parse_pop3_number(p.argument, a)) mark_deleted(a);
      break;
    case Pop3Verb::rset:
      clear_deleted();  // RFC 1939 §5: messages marked as deleted are unmarked
      break;
    case Pop3Verb::last:
      if (parse_pop3_number(first, a)) e.details.emplace_back("last accessed", std::string(first));
      break;
    case Pop3Verb::stls:
      // RFC 2595 §4: the TLS negotiation starts right after the "+OK".
      out_.summary.tls = true;
      state_ = State::tls;
      wire_ = Wire::tls_pending;
      break;
    default:
      break;
  }
}

void Pop3Decoder::on_listing_line(const LineAssembler& assembled, bool unterminated) {
  std::string_view line = assembled.line();
  if (unterminated && !line.empty() && line.back() == '\r') line.remove_suffix(1);
  const StreamSpan& s = assembled.span();
  if (!s.empty()) {
    if (listing_.span.empty()) {
      listing_.span = s;
    } else {
      listing_.span.end = std::max(listing_.span.end, s.end);
      listing_.span.last_packet = s.last_packet;
      listing_.span.last_time_ns = s.last_time_ns;
    }
  }
  // The text shows the lines as sent (terminating "." included), capped.
  bool truncated = false;
  std::string piece = printable_text(line);
  if (assembled.dropped_bytes() > 0) {
    piece = with_truncation_marker(std::move(piece), assembled.dropped_bytes());
    truncated = true;
  }
  if (listing_dropped_ > 0 || listing_.text.size() + 1 + piece.size() > limits_.max_text_bytes) {
    listing_dropped_ += 1 + piece.size();
  } else {
    listing_.text.push_back('\n');
    listing_.text += piece;
  }
  listing_.line_truncated = listing_.line_truncated || truncated;
  if (line == "." && !unterminated) {
    finish_listing(true);
    return;
  }
  // RFC 1939 §3: a line starting with "." had one more "." added by the server.
  std::string_view content = !line.empty() && line.front() == '.' ? line.substr(1) : line;
  ++listing_lines_;
  if (listing_.details.size() >= kMaxListingDetails) return;
  auto [first, second] = two_words(content);
  uint64_t number = 0;
  switch (listing_command_.command->id) {
    case Pop3Verb::capa:
      listing_.details.emplace_back("capability", printable_text(content));
      break;
    case Pop3Verb::auth:
      listing_.details.emplace_back("mechanism", printable_text(content));
      break;
    case Pop3Verb::lang:
      listing_.details.emplace_back("language", printable_text(content));
      break;
    case Pop3Verb::list:
    case Pop3Verb::uidl: {
      const bool list = listing_command_.command->id == Pop3Verb::list;
      if (parse_pop3_number(first, number) && !second.empty() &&
          (!list || parse_pop3_number(second, number))) {
        listing_.details.emplace_back(std::string(first),
                                      list ? octets(second) : printable_text(second));
      } else {
        listing_.malformed = true;  // RFC 1939 §5: "msg-number SP size" per line
        listing_.details.emplace_back("line", printable_text(content));
      }
      break;
    }
    default:
      listing_.details.emplace_back("line", printable_text(content));
      break;
  }
}

void Pop3Decoder::finish_listing(bool complete) {
  if (!complete) listing_.malformed = true;  // the session ended before the "." line
  if (listing_dropped_ > 0) {
    listing_.text = with_truncation_marker(std::move(listing_.text), listing_dropped_);
    listing_.line_truncated = true;
  }
  if (listing_lines_ > listing_.details.size()) {
    listing_.details.emplace_back("more lines",
                                  std::to_string(listing_lines_ - listing_.details.size()));
  }
  server_mode_ = ServerMode::status;
  DialogueEvent e = std::move(listing_);
  listing_ = DialogueEvent{};
  listing_command_ = Pending{};
  emit(std::move(e));
}

void Pop3Decoder::start_message(const Pending& p) {
  message_.emplace(limits_.max_line_bytes, limits_.max_text_bytes);
  message_command_ = p;
  server_mode_ = ServerMode::message;
}

// RFC 1939 §5 RETR / §7 TOP: the message (or its header and first lines), dot-unstuffed.
void Pop3Decoder::finish_message(bool complete) {
  // Cut off: the line in progress still belongs to the message (mark_gap ends it).
  if (!complete) message_->mark_gap(0);
  DialogueEvent e;
  e.type = EventType::data;
  e.direction = Direction::server_to_client;
  e.span = message_->span();
  e.size_bytes = message_->message_bytes();
  // DotStuffedBody keeps lines joined by '\n' (one byte for each CRLF it counted as two), up to
  // max_text_bytes: only a full text was cut, and the bytes not shown are estimated from that.
  const std::string& kept = message_->text();
  uint64_t dropped = 0;
  if (kept.size() >= limits_.max_text_bytes) {
    uint64_t shown = kept.size() + message_->text_breaks();
    dropped = message_->message_bytes() > shown ? message_->message_bytes() - shown : 0;
  }
  e.details = message_->headers();  // names and values printable already (message_headers.cpp)
  if (message_->text_plain()) {
    // printable_lines() of plain text: nothing escaped, so it never passes the cap (the text
    // is within it); only the empty lines at the start go, as printable_lines drops them.
    e.text = message_->take_printable_lines();
    e.text.erase(0, std::min(e.text.find_first_not_of('\n'), e.text.size()));
  } else {
    e.text = printable_lines(kept, limits_.max_text_bytes, dropped);
  }
  if (dropped > 0) {
    e.text = with_truncation_marker(std::move(e.text), dropped);
    e.line_truncated = true;
  }
  e.answers = message_command_.event;
  const bool retr = message_command_.command->id == Pop3Verb::retr;
  e.explain_key = TranslationKey::literal(retr ? "pop3.data.RETR" : "pop3.data.TOP");
  e.malformed = !complete;  // the session ended inside the message
  if (retr && complete) ++out_.summary.messages;
  message_.reset();
  message_command_ = Pending{};
  server_mode_ = ServerMode::status;
  emit(std::move(e));
}

}  // namespace mailscope
