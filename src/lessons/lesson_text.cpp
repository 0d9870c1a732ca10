// lessons/lesson_text.cpp — paragraph reflow of lesson prose; see lesson_text.h.
#include "lessons/lesson_text.h"

#include <vector>

namespace mailscope {

namespace {

std::string_view trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool ascii(unsigned char c) { return c < 0x80; }

// A list item or a shell command keeps its own line: "- item", "・項目", "$ ss -ltnp".
bool starts_own_line(std::string_view line) {
  return line.substr(0, 2) == "- " || line.substr(0, 2) == "$ " || line.substr(0, 3) == "・";
}

}  // namespace

std::string reflow_text(std::string_view text) {
  std::string out;
  bool paragraph_open = false;  // the current paragraph has text
  bool blank_seen = false;      // a blank line since the last text line
  while (true) {
    size_t newline = text.find('\n');
    std::string_view line = trim(text.substr(0, newline));
    if (line.empty()) {
      blank_seen = paragraph_open;
    } else {
      if (blank_seen) {
        out += "\n\n";
      } else if (paragraph_open && starts_own_line(line)) {
        out += '\n';
      } else if (paragraph_open && ascii(static_cast<unsigned char>(out.back())) &&
                 ascii(static_cast<unsigned char>(line.front()))) {
        out += ' ';
      }
      out += line;
      paragraph_open = true;
      blank_seen = false;
    }
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return out;
}

}  // namespace mailscope
