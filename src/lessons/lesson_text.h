// lessons/lesson_text.h — lesson prose as teachers type it, turned into paragraphs a view wraps.
//
// In a lesson file a text is usually a TOML multi-line string, broken where the teacher's
// editor broke it. Like Markdown, a single line break joins two lines and a blank line starts
// a new paragraph. Lines are joined with a space between Latin words, and with nothing when
// either side is Japanese (a space inside a Japanese sentence would show as a gap). A line
// that starts with "- ", "・" or "$ " (a list item, a shell command) keeps its line break.
//
//   reflow_text("SMTP is a\n  text protocol.\n\nNext.")  == "SMTP is a text protocol.\n\nNext."
//   reflow_text("送信サーバーに\n届きます。")             == "送信サーバーに届きます。"
#pragma once
#include <string>
#include <string_view>

namespace mailscope {

std::string reflow_text(std::string_view text);

}  // namespace mailscope
