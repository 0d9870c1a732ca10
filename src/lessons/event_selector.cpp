// lessons/event_selector.cpp — matching selectors against dialogue events; see event_selector.h.
#include "lessons/event_selector.h"

#include <algorithm>
#include <cctype>

namespace mailscope {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// The verb of the command `event` answers, or empty.
std::string_view answered_verb(const Dialogue& dialogue, const DialogueEvent& event) {
  if (event.answers < 0 || static_cast<size_t>(event.answers) >= dialogue.events.size()) return {};
  return dialogue.events[static_cast<size_t>(event.answers)].verb;
}

void append_field(std::string& out, const char* name, const std::string& value, bool quoted) {
  if (out.size() > 1) out += ", ";
  out += name;
  out += '=';
  if (quoted) out += '"';
  out += value;
  if (quoted) out += '"';
}

}  // namespace

bool parse_event_type(std::string_view name, EventType& out) {
  for (int i = 0; i <= static_cast<int>(EventType::connection_close); ++i) {
    auto t = static_cast<EventType>(i);
    if (name == event_type_name(t)) {
      out = t;
      return true;
    }
  }
  return false;
}

bool EventSelector::empty() const {
  return !stream && !protocol && !type && !direction && verb.empty() && answers.empty() && !code &&
         tag.empty() && status.empty() && contains.empty();
}

bool EventSelector::matches(const Dialogue& dialogue, const DialogueEvent& event) const {
  if (stream && dialogue.stream() != *stream) return false;
  if (protocol && dialogue.protocol != *protocol) return false;
  if (type && event.type != *type) return false;
  if (direction && event.direction != *direction) return false;
  if (!verb.empty() && !equal_ignoring_case(event.verb, verb)) return false;
  if (!answers.empty() && !equal_ignoring_case(answered_verb(dialogue, event), answers))
    return false;
  if (code && event.code != *code) return false;
  if (!tag.empty() && event.tag != tag) return false;
  if (!status.empty() && !equal_ignoring_case(event.status, status)) return false;
  if (!contains.empty() && event.text.find(contains) == std::string::npos) return false;
  return true;
}

std::string EventSelector::describe() const {
  std::string out = "{";
  if (stream) append_field(out, "stream", std::to_string(*stream), false);
  if (protocol) append_field(out, "protocol", std::string(protocol_name(*protocol)), true);
  if (type) append_field(out, "type", event_type_name(*type), true);
  if (direction) append_field(out, "direction", direction_name(*direction), true);
  if (!verb.empty()) append_field(out, "verb", verb, true);
  if (!answers.empty()) append_field(out, "answers", answers, true);
  if (code) append_field(out, "code", std::to_string(*code), false);
  if (!tag.empty()) append_field(out, "tag", tag, true);
  if (!status.empty()) append_field(out, "status", status, true);
  if (!contains.empty()) append_field(out, "contains", contains, true);
  if (nth) append_field(out, "nth", std::to_string(nth), false);
  out += '}';
  return out;
}

std::vector<EventRef> find_matching_events(const EventSelector& selector,
                                           const std::vector<std::unique_ptr<Dialogue>>& dialogues,
                                           size_t limit) {
  std::vector<EventRef> found;
  for (const auto& dialogue : dialogues) {
    if (!dialogue) continue;
    if (selector.stream && dialogue->stream() != *selector.stream) continue;
    if (selector.protocol && dialogue->protocol != *selector.protocol) continue;
    for (size_t i = 0; i < dialogue->events.size(); ++i) {
      if (!selector.matches(*dialogue, dialogue->events[i])) continue;
      found.push_back({dialogue->stream(), static_cast<uint32_t>(i)});
      if (found.size() >= limit) return found;
    }
  }
  // Dialogues are indexed by stream number already; sorting keeps the promise if that changes.
  std::stable_sort(found.begin(), found.end(), [](const EventRef& a, const EventRef& b) {
    return a.stream != b.stream ? a.stream < b.stream : a.event < b.event;
  });
  return found;
}

SelectedEvent select_event(const EventSelector& selector,
                           const std::vector<std::unique_ptr<Dialogue>>& dialogues,
                           const std::string& where) {
  SelectedEvent result;
  if (selector.empty()) {
    result.error = "selector " + selector.describe() +
                   " names no field; give at least one of stream, protocol, type, verb, code, tag, "
                   "status, contains";
    return result;
  }
  std::vector<EventRef> found = find_matching_events(selector, dialogues);
  if (found.empty()) {
    result.error = "selector " + selector.describe() + " matches no event in " + where;
    return result;
  }
  if (selector.nth == 0) {
    if (found.size() == 1) {
      result.event = found.front();
    } else {
      result.error = "selector " + selector.describe() + " matches " +
                     std::to_string(found.size()) + " events in " + where + "; add nth = 1.." +
                     std::to_string(found.size()) + " or narrow it (stream, type, contains)";
    }
    return result;
  }
  if (selector.nth > found.size()) {
    result.error = "selector " + selector.describe() + " asks for match " +
                   std::to_string(selector.nth) + " but only " + std::to_string(found.size()) +
                   (found.size() == 1 ? " event matches in " : " events match in ") + where;
    return result;
  }
  result.event = found[selector.nth - 1];
  return result;
}

}  // namespace mailscope
