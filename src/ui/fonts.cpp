// ui/fonts.cpp — fontconfig lookup and the ImGui font atlas.
#include "ui/fonts.h"

#include <GL/gl.h>
#include <fontconfig/fontconfig.h>
#include <imgui.h>

#include <cstdint>

namespace mailscope {

namespace {

// Latin, Latin-1, general punctuation (… – “ ”), arrows (→ ◀ ▶ ▸), box and geometric shapes.
const ImWchar kLatinRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x2190, 0x21FF,
                                0x2500, 0x25FF, 0x2700, 0x27BF, 0};

ImFont* add_font(const std::string& path, int index, float size, bool merge, const ImWchar* ranges) {
  ImFontConfig config;
  config.FontNo = index;
  config.MergeMode = merge;
  // One texel per pixel, glyphs on whole pixels: drawn exactly with nearest sampling (fonts.h).
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size, &config, ranges);
}

}  // namespace

bool find_font_file(const std::string& pattern_text, std::string& path, int& index) {
  if (!FcInit()) return false;
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(pattern_text.c_str()));
  if (!pattern) return false;
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  bool found = false;
  if (match) {
    FcChar8* file = nullptr;
    int face = 0;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch && file) {
      path = reinterpret_cast<const char*>(file);
      if (FcPatternGetInteger(match, FC_INDEX, 0, &face) != FcResultMatch) face = 0;
      index = face;
      // Only TrueType/OpenType outlines can be read by stb_truetype.
      found = path.size() > 4 && (path.ends_with(".ttf") || path.ends_with(".otf") || path.ends_with(".ttc") ||
                                  path.ends_with(".TTF") || path.ends_with(".OTF") || path.ends_with(".TTC"));
    }
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pattern);
  return found;
}

UiFonts load_fonts(float size) {
  UiFonts fonts;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  std::string latin, cjk, mono;
  int latin_index = 0, cjk_index = 0, mono_index = 0;
  bool have_latin = find_font_file("DejaVu Sans", latin, latin_index);
  bool have_cjk = find_font_file("Noto Sans CJK JP:lang=ja", cjk, cjk_index);
  bool have_mono = find_font_file("DejaVu Sans Mono", mono, mono_index);

  auto add_text_font = [&](float px) -> ImFont* {
    ImFont* font = nullptr;
    if (have_latin) font = add_font(latin, latin_index, px, false, kLatinRanges);
    if (!font) {
      ImFontConfig config;
      config.SizePixels = px;
      font = io.Fonts->AddFontDefault(&config);
    }
    if (have_cjk && add_font(cjk, cjk_index, px, true, io.Fonts->GetGlyphRangesJapanese()))
      fonts.has_japanese = true;
    return font;
  };
  fonts.text = add_text_font(size);
  fonts.large = add_text_font(size * 1.15f);
  fonts.small = add_text_font(size * 0.85f);
  if (have_mono) fonts.mono = add_font(mono, mono_index, size * 0.95f, false, kLatinRanges);
  if (!fonts.mono) fonts.mono = fonts.text;
  if (!fonts.small) fonts.small = fonts.text;
  io.FontDefault = fonts.text;

  fonts.report = "fonts: " + (have_latin ? latin : std::string("ImGui default")) + ", " +
                 (have_cjk ? cjk : std::string("no CJK font (install fonts-noto-cjk)")) + ", " +
                 (have_mono ? mono : std::string("no monospace font"));
  return fonts;
}

bool use_nearest_font_sampling() {
  const ImTextureID id = ImGui::GetIO().Fonts->TexID;
  if (!id) return false;
  GLint bound = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(id)));
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound));
  return true;
}

}  // namespace mailscope
