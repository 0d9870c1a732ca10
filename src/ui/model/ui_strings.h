// ui/model/ui_strings.h — every user-visible string of the window, in English and Japanese,
// in one table keyed by meaning (STYLE.md convention 7). Explanations of protocol events
// come from dialogue/explanations.h; this table holds the interface's own words.
//
//   ImGui::MenuItem(ui_text("menu.file.open", lang));
//   std::string s = ui_format("status.loaded", lang, {file, "12"});   // "{0}" "{1}" filled in
//
// A key missing from the table returns the key itself (visible, never a crash); the unit
// tests check that every row has both languages and that the keys the panels use exist.
#pragma once
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "dialogue/explanations.h"

namespace mailscope {

struct UiStringEntry {
  const char* key;
  const char* english;
  const char* japanese;
};

// Null-terminated, static: safe to pass to ImGui as a label.
const char* ui_text(std::string_view key, Language language);
bool has_ui_text(std::string_view key);
// ui_text with "{0}", "{1}", ... replaced by the arguments.
std::string ui_format(std::string_view key, Language language, std::initializer_list<std::string_view> args);

const UiStringEntry* ui_strings_table(size_t& count);

}  // namespace mailscope
