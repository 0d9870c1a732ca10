// ui/fonts.h — the window's fonts, found through fontconfig.
//
//   UiFonts fonts = load_fonts(16.0f * content_scale);   // before the first frame
//   ImGui::PushFont(fonts.mono); ... ImGui::PopFont();
//
// The text font is a Latin font (DejaVu Sans) with a CJK font (Noto Sans CJK JP) merged in
// for the Japanese ranges only: the Latin font comes first, so its backslash wins (an IPA
// font would draw IMAP's \Seen as ¥Seen; see PLATFORM.md). When fontconfig finds nothing,
// ImGui's built-in font is used and `report` says so.
//
// Every size that is drawn is baked into the atlas at that size (text, large, small, mono) and
// snapped to whole pixels, so each glyph is drawn texel for texel. That lets the atlas be
// sampled nearest instead of bilinear (use_nearest_font_sampling), which saves about a
// quarter of a frame's cost under a software renderer (Mesa llvmpipe) with identical text.
// Do not draw text at a size other than a font's own (AddText with a scaled size): nearest
// sampling would drop columns of its glyphs.
#pragma once
#include <string>

struct ImFont;

namespace mailscope {

struct UiFonts {
  ImFont* text = nullptr;
  ImFont* mono = nullptr;     // hex dump, packet list
  ImFont* large = nullptr;    // lane titles
  ImFont* small = nullptr;    // 0.85 of text: TCP control arrows, the encapsulation boxes
  std::string report;         // which files were used, or what was missing
  bool has_japanese = false;
};

// Finds the file of the best match for a fontconfig pattern ("DejaVu Sans", ":lang=ja").
// Returns false when fontconfig has no match that is a file. `index` is the face in a .ttc.
bool find_font_file(const std::string& pattern, std::string& path, int& index);

UiFonts load_fonts(float size_pixels);

// Makes the font atlas texture sample nearest (see above). Call once the renderer backend has
// made the texture (after the first ImGui_ImplOpenGL3_NewFrame) with the GL context current;
// does nothing before. Returns true when it applied.
bool use_nearest_font_sampling();

}  // namespace mailscope
