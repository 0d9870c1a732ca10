// dialogue/redaction.cpp — replacing secrets with a fixed-length mask.
//
// One left-to-right pass: at each position the longest secret that starts there is replaced,
// so a masked part is never searched again (the mask cannot create a new match) and the
// result does not depend on the order of `secrets`.
#include "dialogue/redaction.h"

#include <algorithm>

namespace mailscope {
namespace {

std::vector<std::string_view> longest_first(const std::vector<std::string>& secrets) {
  std::vector<std::string_view> sorted;
  for (const std::string& s : secrets) {
    if (!s.empty()) sorted.emplace_back(s);
  }
  std::sort(sorted.begin(), sorted.end(), [](std::string_view a, std::string_view b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return sorted;
}

std::string mask(std::string_view text, const std::vector<std::string_view>& sorted) {
  if (sorted.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    for (std::string_view secret : sorted) {
      if (text.compare(i, secret.size(), secret) == 0) {
        out += kRedactionMask;
        i += secret.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

void mask_event(DialogueEvent& event, const std::vector<std::string_view>& sorted) {
  if (sorted.empty()) return;
  event.text = mask(event.text, sorted);
  event.arguments = mask(event.arguments, sorted);
  event.decoded = mask(event.decoded, sorted);
  for (auto& [name, value] : event.details) value = mask(value, sorted);
}

}  // namespace

std::string redact_text(std::string_view text, const std::vector<std::string>& secrets) {
  return mask(text, longest_first(secrets));
}

void redact(DialogueEvent& event) {
  mask_event(event, longest_first(event.secrets));
  event.secrets.clear();
}

void redact_all(std::vector<DialogueEvent>& events) {
  std::vector<std::string> all;
  for (const DialogueEvent& e : events) all.insert(all.end(), e.secrets.begin(), e.secrets.end());
  std::vector<std::string_view> sorted = longest_first(all);
  for (DialogueEvent& e : events) {
    mask_event(e, sorted);
    e.secrets.clear();
  }
}

}  // namespace mailscope
