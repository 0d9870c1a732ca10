// protocols/smtp/smtp_client.cpp — the client's direction: command lines (RFC 5321 §4.1),
// SASL answers (RFC 4954 §4), the DATA body (RFC 5321 §4.5.2) and BDAT chunks (RFC 3030 §2).
#include <algorithm>

#include "protocols/common/text.h"
#include "protocols/smtp/smtp_decoder.h"

namespace mailscope {
namespace {

constexpr size_t kMaxVerbBytes = 64;

// A client line as an event: span, printable text, the marks for cut or odd line ends.
DialogueEvent line_event(EventType type, const LineAssembler& line, bool complete) {
  DialogueEvent e;
  e.type = type;
  e.direction = Direction::client_to_server;
  e.span = line.span();
  std::string_view raw = line.line();
  if (!complete && !raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  e.text = with_truncation_marker(printable_text(raw), line.dropped_bytes());
  e.line_truncated = line.dropped_bytes() > 0;
  // RFC 5321 §2.3.8: lines end with CRLF; a bare LF is tolerated here, and shown.
  if (line.bare_lf()) e.details.emplace_back("line end", "LF without CR");
  if (!complete) {
    e.malformed = true;
    e.details.emplace_back("line end", "missing (the capture ends here)");
  }
  return e;
}

// The message text for people: one line per line, CRLF shown as a line break, every line made
// printable; the cut (if any) marked with the number of bytes not shown.
std::string message_text(std::string_view raw, uint64_t missing_bytes) {
  std::string out;
  append_printable_lines(out, raw, false);
  return with_truncation_marker(std::move(out), missing_bytes);
}

// The names of the fields of the raw header block (up to its first empty line) that hold an
// RFC 2047 encoded word, in the field's line or its folded continuation lines. A field's name
// is what comes before the first ':' of the line that starts it. Nearly always none.
std::vector<std::string_view> fields_with_encoded_words(std::string_view raw) {
  std::vector<std::string_view> names;
  std::string_view field;  // the name of the field the current line belongs to, if any
  size_t start = 0;
  while (start < raw.size()) {
    size_t lf = raw.find('\n', start);
    size_t end = lf == std::string_view::npos ? raw.size() : lf;
    std::string_view line = raw.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // RFC 5322 §2.1: an empty line ends the header
    bool continuation = line[0] == ' ' || line[0] == '\t';
    if (!continuation) {
      size_t colon = line.find(':');
      field = colon == std::string_view::npos ? std::string_view{} : line.substr(0, colon);
    }
    if (!field.empty() && line.find("=?") != std::string_view::npos &&
        (names.empty() || names.back().data() != field.data())) {
      names.push_back(field);
    }
    if (lf == std::string_view::npos) break;
    start = lf + 1;
  }
  return names;
}

bool contains_name(const std::vector<std::string_view>& names, std::string_view name) {
  for (std::string_view n : names) {
    if (iequals(n, name)) return true;  // "SUBJECT" is the Subject field too
  }
  return false;
}

// Adds the shown header fields as details, and to `decoded` those that were RFC 2047 encoded.
void add_header_details(std::string_view raw,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        DialogueEvent& e) {
  // One pass over the raw header block, not one per field shown.
  const std::vector<std::string_view> encoded = fields_with_encoded_words(raw);
  for (const auto& [name, value] : headers) {
    if (!is_summary_header(name)) continue;
    e.details.emplace_back(name, value);
    if (contains_name(encoded, name)) {
      if (!e.decoded.empty()) e.decoded.push_back('\n');
      e.decoded += name + ": " + value;
    }
  }
}

uint64_t count_lf(const uint8_t* bytes, size_t length) {
  return static_cast<uint64_t>(std::count(bytes, bytes + length, static_cast<uint8_t>('\n')));
}

}  // namespace

size_t SmtpDecoder::client_step(const uint8_t* bytes, size_t length, const SegmentOrigin& origin) {
  switch (client_mode_) {
    case ClientMode::wait_reply:
      return 0;  // run() does not call a blocked direction
    case ClientMode::command:
    case ClientMode::sasl: {
      if (resync_[0]) return resync_step(Direction::client_to_server, bytes, length);
      size_t used = lines_[0].push(bytes, length, origin);
      if (lines_[0].complete()) {
        if (client_mode_ == ClientMode::sasl) {
          on_sasl_line(true);
        } else {
          on_command_line(true);
        }
        lines_[0].clear();
      }
      return used;
    }
    case ClientMode::body: {
      size_t used = body_->push(bytes, length, origin);
      if (body_->done()) finish_body(true);
      return used;
    }
    case ClientMode::bdat: {
      size_t take = static_cast<size_t>(std::min<uint64_t>(length, chunk_left_));
      chunk_span_.extend(origin, origin.stream_offset, take);
      size_t room = limits_.max_text_bytes > chunk_text_.size()
                        ? limits_.max_text_bytes - chunk_text_.size()
                        : 0;
      chunk_text_.append(reinterpret_cast<const char*>(bytes), std::min(room, take));
      chunk_lines_ += count_lf(bytes, take);
      chunk_left_ -= take;
      if (chunk_left_ == 0) finish_chunk(true);
      return take;
    }
    case ClientMode::tls_undecided: {
      // RFC 8446 §5.1: a record starts with its type (20-23) and the version's major byte 3.
      if (tls_probe_held_) {
        leave_tls_undecided(bytes[0] == 0x03);
        return 0;
      }
      if (bytes[0] < 0x14 || bytes[0] > 0x17) {
        leave_tls_undecided(false);
        return 0;
      }
      if (length >= 2) {
        leave_tls_undecided(bytes[1] == 0x03);
        return 0;
      }
      tls_probe_ = bytes[0];
      tls_probe_origin_ = origin;
      tls_probe_held_ = true;
      return 1;
    }
    case ClientMode::tls:
      tls_feed(Direction::client_to_server, bytes, length, origin);
      return length;
  }
  return length;
}

void SmtpDecoder::on_command_line(bool complete) {
  DialogueEvent e = line_event(EventType::command, lines_[0], complete);
  std::string_view raw = lines_[0].line();
  if (!complete && !raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  auto [verb, arguments] = split_word(raw);
  e.verb = to_upper_ascii(printable_text(verb.substr(0, kMaxVerbBytes)));
  e.arguments = printable_text(arguments);
  const SmtpCommandInfo* info = find_smtp_command(verb);
  PendingCommand pending;
  pending.verb = info != nullptr ? info->id : SmtpVerb::unknown;
  if (info == nullptr) {
    e.unknown = true;
    e.explain_key = "smtp.cmd.unknown";
  } else {
    e.explain_key = TranslationKey::literal(info->explain_key);
  }
  bool can_wait = pending_.size() < limits_.max_pending_commands;
  WaitFor wait = WaitFor::data;
  bool waits = false;
  bool starts_chunk = false;
  SmtpBdatArguments bdat;

  switch (pending.verb) {
    case SmtpVerb::helo:
    case SmtpVerb::ehlo:
      // RFC 5321 §4.1.1.1: "EHLO" SP ( Domain / address-literal ).
      pending.argument = printable_text(trim(arguments));
      if (pending.argument.empty()) e.malformed = true;
      break;
    case SmtpVerb::mail:
    case SmtpVerb::rcpt: {
      bool is_mail = pending.verb == SmtpVerb::mail;
      SmtpPath path = parse_smtp_path(arguments, is_mail ? "FROM:" : "TO:");
      e.details.reserve(e.details.size() + 1 + path.parameters.size());
      e.details.emplace_back(is_mail ? "from" : "to", path.address);
      for (auto& param : path.parameters) e.details.push_back(std::move(param));
      e.malformed = e.malformed || !path.well_formed;
      pending.argument = path.address;
      break;
    }
    case SmtpVerb::data:
      // RFC 5321 §4.1.1.4: "DATA" CRLF, then wait for 354 (RFC 2920 §3.1: last in a group).
      if (!trim(arguments).empty()) e.malformed = true;
      wait = WaitFor::data;
      waits = true;
      break;
    case SmtpVerb::bdat:
      bdat = parse_bdat_arguments(arguments);
      if (bdat.well_formed) {
        e.details.emplace_back("chunk size", std::to_string(bdat.size) + " bytes");
        if (bdat.last) e.details.emplace_back("last chunk", "yes");
        pending.bdat_last = bdat.last;
        starts_chunk = true;
      } else {
        e.malformed = true;
      }
      break;
    case SmtpVerb::auth: {
      SmtpAuthArguments args = parse_auth_arguments(arguments);
      e.malformed = e.malformed || !args.well_formed;
      e.details.emplace_back("mechanism", args.mechanism);
      out_.summary.auth_seen = true;
      out_.summary.auth_mechanism = args.mechanism;
      auth_user_seen_.clear();
      SaslDecoded d = auth_.start(args.mechanism, args.has_initial_response, args.initial_response);
      if (args.has_initial_response) apply_sasl(d, e);
      wait = WaitFor::auth;
      waits = true;
      break;
    }
    case SmtpVerb::starttls:
      // RFC 3207 §4: "STARTTLS" with no parameters, then wait for 220.
      if (!trim(arguments).empty()) e.malformed = true;
      wait = WaitFor::starttls;
      waits = true;
      break;
    default:
      break;
  }

  ++out_.summary.commands;
  int32_t index = push_event(std::move(e));
  pending.event = index;
  if (pending.verb == SmtpVerb::auth) auth_command_event_ = index;
  if (can_wait) pending_.push_back(std::move(pending));
  if (waits && can_wait) {
    client_mode_ = ClientMode::wait_reply;
    wait_for_ = wait;
    if (wait == WaitFor::data) data_command_event_ = index;
  }
  if (starts_chunk) {
    data_command_event_ = index;
    chunk_size_ = chunk_left_ = bdat.size;
    chunk_gap_bytes_ = chunk_lines_ = 0;
    chunk_text_.clear();
    chunk_last_ = bdat.last;
    chunk_span_ = StreamSpan{};
    client_mode_ = ClientMode::bdat;
    if (bdat.size == 0) {
      // "BDAT 0 LAST" ends a message without content: an empty chunk, placed after the line.
      const StreamSpan& line = lines_[0].span();
      chunk_span_ = {line.end,         line.end,          line.last_packet,
                     line.last_packet, line.last_time_ns, line.last_time_ns};
      finish_chunk(true);
    }
  }
}

void SmtpDecoder::on_sasl_line(bool complete) {
  DialogueEvent e = line_event(EventType::auth_response, lines_[0], complete);
  std::string_view raw = lines_[0].line();
  if (!complete && !raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  SaslDecoded d = auth_.response(raw);
  apply_sasl(d, e);
  e.explain_key = auth_.explain_key();
  e.answers = auth_command_event_;
  push_event(std::move(e));
  // RFC 4954 §4: after each answer the client waits for the next 334 or the final reply.
  bool auth_pending = !pending_.empty() && pending_.back().verb == SmtpVerb::auth;
  client_mode_ = auth_pending ? ClientMode::wait_reply : ClientMode::command;
  wait_for_ = WaitFor::auth;
}

void SmtpDecoder::apply_sasl(const SaslDecoded& d, DialogueEvent& e) {
  e.decoded = d.description;
  for (const std::string& s : d.secrets) {
    if (!s.empty() && std::find(e.secrets.begin(), e.secrets.end(), s) == e.secrets.end()) {
      e.secrets.push_back(s);
    }
  }
  if (!d.user.empty()) {
    auth_user_seen_ = d.user;
    out_.summary.auth_user = d.user;
  }
  if (d.cleartext_password) out_.summary.cleartext_password_seen = true;
}

bool SmtpDecoder::held_bytes_look_like_command() const {
  std::string word;
  for (const QueuedInput& item : queue_[0]) {
    if (item.gap_length > 0) break;
    for (char c : item.bytes) {
      bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!letter)
        return word.size() >= 4 && find_smtp_command(word) != nullptr &&
               (c == ' ' || c == '\r' || c == '\n');
      if (word.size() > 8) return false;
      word.push_back(c);
    }
  }
  return false;
}

void SmtpDecoder::start_body() {
  body_ = std::make_unique<DotStuffedBody>(limits_.max_line_bytes, limits_.max_text_bytes);
  body_gap_bytes_ = 0;
  client_mode_ = ClientMode::body;
}

void SmtpDecoder::finish_body(bool terminated) {
  if (!body_) return;
  // The line in progress ends here; DotStuffedBody's "gap" keeps it (a gap of 0 bytes).
  if (!terminated) body_->mark_gap(0);
  DialogueEvent e;
  e.type = EventType::data;
  e.direction = Direction::client_to_server;
  e.span = body_->span();
  e.size_bytes = body_->message_bytes();
  // DotStuffedBody keeps each line's CRLF as one "\n": count it back to compare with the
  // message size (its text_truncated() compares the two sizes as they are).
  const std::string& text = body_->text();
  uint64_t shown = text.size() + body_->text_breaks();
  bool cut = text.size() >= limits_.max_text_bytes || body_->truncated_lines() > 0;
  uint64_t missing = cut && body_->message_bytes() > shown ? body_->message_bytes() - shown : 0;
  e.line_truncated = cut;
  std::vector<std::pair<std::string, std::string>> headers = body_->headers();
  // lines, dot-stuffed lines, the summary headers, missing bytes, end: grown once.
  e.details.reserve(4 + static_cast<size_t>(std::count_if(
                            headers.begin(), headers.end(),
                            [](const auto& field) { return is_summary_header(field.first); })));
  e.details.emplace_back("lines", std::to_string(body_->lines()));
  // RFC 5321 §4.5.2: the sender doubled each leading "."; the receiver removes one.
  e.details.emplace_back("dot-stuffed lines", std::to_string(body_->unstuffed_dots()));
  add_header_details(body_->text(), headers, e);
  // message_text(text, missing), without copying a plain text once more.
  e.text = with_truncation_marker(body_->take_printable_lines(), missing);
  if (body_gap_bytes_ > 0) {
    e.details.emplace_back("missing bytes", std::to_string(body_gap_bytes_));
  }
  if (!terminated) {
    e.malformed = true;
    e.details.emplace_back("end", "the final \".\" line was not seen");
  }
  e.answers = data_command_event_;
  e.explain_key = "smtp.data";
  body_.reset();
  client_mode_ = ClientMode::command;
  push_event(std::move(e));
}

void SmtpDecoder::finish_chunk(bool complete) {
  DialogueEvent e;
  e.type = EventType::data;
  e.direction = Direction::client_to_server;
  e.span = chunk_span_;
  uint64_t carried = chunk_size_ - chunk_left_;
  e.size_bytes = carried;
  uint64_t received = carried - chunk_gap_bytes_;
  e.text = message_text(chunk_text_, received - chunk_text_.size());
  e.line_truncated = received > chunk_text_.size();
  ++chunk_number_;
  e.details.emplace_back("chunk", std::to_string(chunk_number_) + (chunk_last_ ? " (LAST)" : ""));
  e.details.emplace_back("lines", std::to_string(chunk_lines_));
  if (chunk_number_ == 1) add_header_details(chunk_text_, parse_message_headers(chunk_text_), e);
  if (chunk_gap_bytes_ > 0) {
    e.details.emplace_back("missing bytes", std::to_string(chunk_gap_bytes_));
  }
  if (!complete) {
    e.malformed = true;
    e.details.emplace_back("end", std::to_string(chunk_left_) + " bytes of the chunk not seen");
  }
  if (chunk_last_) chunk_number_ = 0;
  e.answers = data_command_event_;
  e.explain_key = "smtp.data.bdat";
  chunk_text_.clear();
  chunk_left_ = 0;
  client_mode_ = ClientMode::command;
  push_event(std::move(e));
}

}  // namespace mailscope
