// lessons/event_selector.h — pick one dialogue event by what it is, not by its packet number.
//
//   select = { stream = 0, type = "reply", code = 354 }            the reply 354 of session 0
//   select = { protocol = "submission", verb = "AUTH" }             the AUTH command
//   select = { tag = "0014", type = "reply" }                       IMAP's tagged reply to 0014
//   select = { type = "untagged", contains = "EXISTS", nth = 2 }    the second "* n EXISTS"
//   select = { type = "reply", answers = "RETR" }                   the +OK that answers RETR
//
// Every given field must hold; absent fields match anything. Matches are counted in capture
// order: by stream number, then by event order within the session. Without `nth` a selector
// must match exactly one event (so a capture recorded again that grows a second match is
// caught by `mailscope-cli lessons --check` instead of silently showing the wrong line);
// `nth = k` takes the k-th match (1-based).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dialogue/dialogue.h"

namespace mailscope {

// One event of one session.
struct EventRef {
  uint32_t stream = 0;
  uint32_t event = 0;  // index into Dialogue::events
  bool operator==(const EventRef&) const = default;
};

struct EventSelector {
  std::optional<uint32_t> stream;      // the session's stream number (Wireshark's tcp.stream)
  std::optional<Protocol> protocol;    // "smtp", "submission", "pop3", "imap", ...
  std::optional<EventType> type;       // event_type_name(): "command", "reply", "untagged", ...
  std::optional<Direction> direction;  // "client" or "server" (who sent it)
  std::string verb;                    // command verb, case-insensitive ("AUTH", "UID FETCH")
  std::string answers;                 // a reply/untagged/continuation/data event answering a
                        // command with this verb: { type = "reply", answers = "RETR" }
  std::optional<int> code;   // SMTP reply code
  std::string tag;           // IMAP tag (exact)
  std::string status;        // "+OK", "-ERR", "OK", "NO", "BAD", "BYE" (case-insensitive)
  std::string contains;      // a substring of the event's text (case-sensitive)
  uint32_t nth = 0;          // 0: must be unique; k: the k-th match
  int line = 0, column = 0;  // where the selector is written

  bool empty() const;  // no field given: would match everything
  bool matches(const Dialogue& dialogue, const DialogueEvent& event) const;
  // How the file spelled it, for messages: {stream=0, type="reply", code=354}.
  std::string describe() const;
};

// Every event the selector's fields match (nth ignored), in capture order. Null dialogues
// (released sessions) are skipped. Stops after `limit` matches.
std::vector<EventRef> find_matching_events(const EventSelector& selector,
                                           const std::vector<std::unique_ptr<Dialogue>>& dialogues,
                                           size_t limit = 1000);

// The one event the selector picks, or an error sentence ("matches no event", "matches 3
// events; add nth = 1..3 or narrow it"). `where` names the capture in the message.
struct SelectedEvent {
  std::optional<EventRef> event;
  std::string error;
};
SelectedEvent select_event(const EventSelector& selector,
                           const std::vector<std::unique_ptr<Dialogue>>& dialogues,
                           const std::string& where);

// event_type_name() backwards: "reply" -> EventType::reply.
bool parse_event_type(std::string_view name, EventType& out);

}  // namespace mailscope
