// ui/theme.cpp — ImGui styles and shared colours.
#include "ui/theme.h"

#include <algorithm>

#include "ui/fonts.h"

namespace mailscope {

namespace {
bool g_dark = false;

// One hue per layer, from L1 to L7, chosen to stay apart under deuteranopia/protanopia
// (Okabe–Ito plus grey) and to be readable as a light tint behind black or white text.
const uint32_t kLayerRgb[7] = {0x9A9A9A, 0xE69F00, 0x56B4E9, 0x009E73, 0xCC79A7, 0xD5A000, 0x0072B2};
}  // namespace

void apply_theme(bool dark, float scale) {
  g_dark = dark;
  ImGuiStyle style;
  if (dark) ImGui::StyleColorsDark(&style);
  else ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.ChildRounding = 3.0f;
  style.TabRounding = 3.0f;
  style.ItemSpacing = ImVec2(7, 5);
  style.CellPadding = ImVec2(5, 3);
  style.WindowPadding = ImVec2(7, 7);
  if (!dark) {
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    style.Colors[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.035f);
  } else {
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.115f, 0.125f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0.085f, 0.09f, 0.10f, 1.0f);
  }
  // The program clears the framebuffer with WindowBg's colour (app/window/main.cpp): drawing it
  // again as the main window's background would cost a whole-window fill per frame (theme.h).
  style.Colors[ImGuiCol_WindowBg].w = 0.0f;
  // Anti-aliased lines from geometry, not from the font atlas's baked line texture: that one
  // needs bilinear sampling, and the atlas is sampled nearest (fonts.h).
  style.AntiAliasedLinesUseTex = false;
  style.ScaleAllSizes(std::max(1.0f, scale));
  ImGui::GetStyle() = style;
  // The first frame's apply_theme is the first point after the OpenGL backend made the atlas
  // texture (its NewFrame runs before ImGui's): from here on it is sampled nearest.
  use_nearest_font_sampling();
}

bool theme_is_dark() { return g_dark; }

ImU32 rgb_colour(uint32_t rgb, float alpha) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, static_cast<int>(std::clamp(alpha, 0.0f, 1.0f) * 255));
}

ImU32 layer_colour(OsiLayer layer, float alpha) {
  int i = std::clamp(static_cast<int>(layer), 1, 7) - 1;
  return rgb_colour(kLayerRgb[i], alpha);
}

ImU32 arrow_colour(ArrowMeaning meaning, float alpha) {
  const ArrowStyle& s = arrow_style(meaning);
  return rgb_colour(g_dark ? s.colour_dark : s.colour_light, alpha);
}

bool begin_nested_table(const char* id, int columns, ImGuiTableFlags flags) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));  // read when the table's child begins
  const bool open = ImGui::BeginTable(id, columns, flags);
  ImGui::PopStyleColor();
  return open;
}

ImU32 faint_text_colour() {
  return g_dark ? IM_COL32(160, 165, 175, 255) : IM_COL32(95, 100, 110, 255);
}

}  // namespace mailscope
