// ui/wrapped_text.cpp — greedy line breaking over UTF-8 with CJK break opportunities.
#include "ui/wrapped_text.h"

#include <imgui.h>

#include <algorithm>
#include <cstdint>

namespace mailscope {

namespace {

bool is_cjk(uint32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF00 && cp <= 0xFFEF);
}

// Characters a Japanese line must not start with.
bool no_break_before(uint32_t cp) {
  switch (cp) {
    case 0x3001:
    case 0x3002:
    case 0xFF0C:
    case 0xFF0E:
    case 0x300D:
    case 0x300F:
    case 0xFF09:
    case 0x30FC:
    case 0xFF01:
    case 0xFF1F:
    case 0xFF1A:
    case 0x3063:
    case 0x30C3:
    case 0x3083:
    case 0x30E3:
    case ')':
    case ',':
    case '.':
    case ':':
    case ';':
    case '!':
    case '?':
      return true;
    default:
      return false;
  }
}

// Decodes one UTF-8 sequence at text[i]; returns its length (1 for a broken byte).
size_t decode(std::string_view text, size_t i, uint32_t& cp) {
  const auto b = static_cast<unsigned char>(text[i]);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (i + len > text.size()) len = 1;
  cp = len == 1 ? b : b & (0x7F >> len);
  for (size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  return len;
}

void draw_line(std::string_view line) {
  ImGui::TextUnformatted(line.data(), line.data() + line.size());
}

}  // namespace

void draw_wrapped_text(std::string_view text) {
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4);
  size_t line_start = 0, last_break = std::string_view::npos;
  float line_w = 0, w_at_break = 0;
  uint32_t prev = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    const size_t len = decode(text, i, cp);
    if (cp == '\n') {
      draw_line(text.substr(line_start, i - line_start));
      i += len;
      line_start = i;
      last_break = std::string_view::npos;
      line_w = 0;
      prev = 0;
      continue;
    }
    // A break is allowed before this character after a space, or next to a CJK character.
    if (i > line_start && !no_break_before(cp) && (prev == ' ' || is_cjk(cp) || is_cjk(prev))) {
      last_break = i;
      w_at_break = line_w;
    }
    const float advance =
        font->GetCharAdvance(static_cast<ImWchar>(cp > 0xFFFF ? '?' : cp)) * scale;
    if (line_w + advance > width && i > line_start) {
      size_t cut = last_break != std::string_view::npos ? last_break : i;
      std::string_view line = text.substr(line_start, cut - line_start);
      while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
      draw_line(line);
      line_start = cut;
      while (line_start < text.size() && text[line_start] == ' ') ++line_start;
      line_w = last_break != std::string_view::npos && cut == last_break ? line_w - w_at_break : 0;
      if (cut == i) line_w = 0;
      // Leading spaces skipped above are not part of the new line's width.
      last_break = std::string_view::npos;
      if (i < line_start) {
        i = line_start;
        line_w = 0;
        prev = 0;
        continue;
      }
    }
    line_w += advance;
    prev = cp;
    i += len;
  }
  if (line_start < text.size()) draw_line(text.substr(line_start));
}

}  // namespace mailscope
