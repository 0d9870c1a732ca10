// protocols/pop3/pop3_client.cpp — a client line becomes a command event and a pending command.
//
// RFC 1939 §3: "Commands in the POP3 consist of a case-insensitive keyword, possibly followed
// by one or more arguments ... separated by a single SPACE character." Unknown keywords are kept
// verbatim (unknown = true) and still wait for their reply, since the server answers them too.
#include <utility>

#include "protocols/common/text.h"
#include "protocols/pop3/pop3_decoder.h"

namespace mailscope {
namespace {

constexpr size_t kMaxKeptArgument = 256;  // what a pending command remembers of its argument

// Space-separated arguments, ignoring repeated spaces (lenient, as servers are).
std::vector<std::string_view> split_arguments(std::string_view s) {
  std::vector<std::string_view> words;
  while (!s.empty()) {
    size_t space = s.find(' ');
    std::string_view word = s.substr(0, space);
    if (!word.empty()) words.push_back(word);
    if (space == std::string_view::npos) break;
    s.remove_prefix(space + 1);
  }
  return words;
}

bool is_ascii_word(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
  }
  return true;
}

}  // namespace

void Pop3Decoder::on_client_line(const LineAssembler& assembled, bool unterminated) {
  std::string_view line = assembled.line();
  if (unterminated && !line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (is_auth_response(line)) {
    on_auth_response(assembled, unterminated);
    return;
  }

  DialogueEvent e;
  e.type = EventType::command;
  e.direction = Direction::client_to_server;
  e.span = assembled.span();
  e.text = capped_text(line, assembled.dropped_bytes(), e.line_truncated);
  e.malformed = unterminated;

  size_t space = line.find(' ');
  std::string_view verb = line.substr(0, space);
  std::string_view rest =
      space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
  e.verb = is_ascii_word(verb) ? to_upper_ascii(verb) : printable_text(verb);
  e.arguments = printable_text(rest);

  Pending p;
  p.command = is_ascii_word(verb) ? find_pop3_command(verb) : nullptr;
  p.has_argument = !trim(rest).empty();
  std::vector<std::string_view> args = split_arguments(rest);
  if (!args.empty()) p.argument.assign(args.front().substr(0, kMaxKeptArgument));

  if (p.command == nullptr) {
    e.unknown = true;
    e.explain_key = "pop3.cmd.unknown";
  } else {
    e.explain_key = TranslationKey::literal(p.command->explain_key);
    describe_command(e, *p.command, rest);
    if (p.command->id == Pop3Verb::pass) {
      // RFC 1939 §7: PASS has exactly one argument, which may contain spaces.
      if (space == std::string_view::npos) e.malformed = true;
    } else {
      bool count_ok = args.size() >= p.command->min_args && args.size() <= p.command->max_args;
      bool numbers_ok = true;
      uint64_t number = 0;
      if (p.command->numeric_args) {
        for (std::string_view a : args) numbers_ok = numbers_ok && parse_pop3_number(a, number);
      }
      if (!count_ok || !numbers_ok) e.malformed = true;
    }
  }

  ++out_.summary.commands;
  p.event = static_cast<int32_t>(out_.events.size());
  // PIPELINING (RFC 2449 §6.6): replies come back in order. A full FIFO forgets its oldest
  // command, whose reply will then pair with the next one — bounded memory comes first.
  if (pending_.size() >= limits_.max_pending_commands && !pending_.empty()) pending_.pop_front();
  if (limits_.max_pending_commands > 0) pending_.push_back(p);
  emit(std::move(e));
}

// Details that depend on the verb. State changes wait for the reply, in order: with pipelining a
// QUIT may be sent before the server has even accepted PASS.
void Pop3Decoder::describe_command(DialogueEvent& e, const Pop3Command& command,
                                   std::string_view argument_text) {
  std::vector<std::string_view> args = split_arguments(argument_text);
  switch (command.id) {
    case Pop3Verb::user:
      describe_user(e, args.empty() ? std::string_view{} : args.front());
      break;
    case Pop3Verb::pass:
      describe_pass(e, argument_text);
      break;
    case Pop3Verb::apop:
      describe_apop(e, argument_text);
      break;
    case Pop3Verb::auth:
      describe_auth(e, argument_text);
      break;
    case Pop3Verb::list:
    case Pop3Verb::uidl:
    case Pop3Verb::retr:
    case Pop3Verb::dele:
      if (!args.empty()) e.details.emplace_back("message", printable_text(args[0]));
      break;
    case Pop3Verb::top:
      if (!args.empty()) e.details.emplace_back("message", printable_text(args[0]));
      if (args.size() > 1) e.details.emplace_back("lines", printable_text(args[1]));
      break;
    case Pop3Verb::lang:
      if (!args.empty()) e.details.emplace_back("language", printable_text(args[0]));
      break;
    default:
      break;
  }
}

}  // namespace mailscope
