// ui/fonts.h — the window's fonts, found through fontconfig.
//
//   UiFonts fonts = load_fonts(16.0f * content_scale);   // before the first frame
//   ImGui::PushFont(fonts.mono); ... ImGui::PopFont();
//
// The text font is a Latin font (DejaVu Sans) with a CJK font (Noto Sans CJK JP) merged in
// for the Japanese ranges only: the Latin font comes first, so its backslash wins (an IPA
// font would draw IMAP's \Seen as ¥Seen; see PLATFORM.md). When fontconfig finds nothing,
// ImGui's built-in font is used and `report` says so.
#pragma once
#include <string>

struct ImFont;

namespace mailscope {

struct UiFonts {
  ImFont* text = nullptr;
  ImFont* mono = nullptr;     // hex dump, packet list
  ImFont* large = nullptr;    // lane titles
  std::string report;         // which files were used, or what was missing
  bool has_japanese = false;
};

// Finds the file of the best match for a fontconfig pattern ("DejaVu Sans", ":lang=ja").
// Returns false when fontconfig has no match that is a file. `index` is the face in a .ttc.
bool find_font_file(const std::string& pattern, std::string& path, int& index);

UiFonts load_fonts(float size_pixels);

}  // namespace mailscope
