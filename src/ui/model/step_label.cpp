// ui/model/step_label.cpp — arrow labels.
#include "ui/model/step_label.h"

#include "ui/model/ui_strings.h"

namespace mailscope {

std::string truncate_utf8(const std::string& text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max_chars) return text.substr(0, i) + "…";
    ++chars;
  }
  return text;
}

std::string step_label(const DialogueEvent& event, Language language, size_t max_chars) {
  std::string label;
  switch (event.type) {
    case EventType::data:
      label = ui_format("label.data", language, {std::to_string(event.size_bytes)});
      break;
    case EventType::tls:
      label = ui_format("label.tls", language, {std::to_string(event.record_count), std::to_string(event.size_bytes)});
      break;
    case EventType::gap:
      label = ui_format("label.gap", language, {std::to_string(event.size_bytes)});
      break;
    default: {
      label = event.text.substr(0, event.text.find('\n'));
      if (label.empty()) label = event_type_name(event.type);
      size_t more = 0;
      for (char c : event.text) more += c == '\n';
      if (more) label += "  (+" + std::to_string(more) + ")";
    }
  }
  return truncate_utf8(label, max_chars);
}

}  // namespace mailscope
