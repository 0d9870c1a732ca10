// ui/wrapped_text.h — wrapped text that also breaks inside Japanese.
//
// ImGui's TextWrapped breaks only at spaces, so a Japanese sentence (no spaces) is moved as one
// block to the next line after a short Latin word ("LIST" alone on a line, then the sentence).
// This wrapper may break between any two CJK characters (as Japanese typesetting does), at
// spaces between Latin words, and never before closing punctuation such as 。、」) (kinsoku).
//
//   draw_wrapped_text("LIST でメッセージごとの番号とサイズがわかります。");
#pragma once
#include <string_view>

namespace mailscope {

// Draws `text` wrapped to the content region's width; "\n" starts a new line.
void draw_wrapped_text(std::string_view text);

}  // namespace mailscope
