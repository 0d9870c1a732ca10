// ui/model/step_label.h — the short text written on a stage arrow.
//
//   std::string label = step_label(event, Language::english);   // "EHLO client.example"
//
// Commands and replies show their first line (the stage has room for one line); message
// content, TLS records and gaps show what and how much, since their bytes are not text.
#pragma once
#include <cstddef>
#include <string>

#include "dialogue/event.h"
#include "dialogue/explanations.h"

namespace mailscope {

std::string step_label(const DialogueEvent& event, Language language, size_t max_chars = 80);

// Cuts `text` to at most `max_chars` UTF-8 characters (never inside a character), adding "…".
std::string truncate_utf8(const std::string& text, size_t max_chars);

}  // namespace mailscope
