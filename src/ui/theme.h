// ui/theme.h — light and dark looks, and the colours the panels share (OSI layer tints,
// arrow colours for the current theme).
//
//   apply_theme(settings.dark_theme, content_scale);
//   ImU32 c = layer_colour(OsiLayer::transport, 0.35f);   // hex-view tint, stack box
//
// Fill costs: under a software renderer (Mesa llvmpipe) every pixel a frame covers costs CPU
// time, about 10 ms for one layer over the whole 1500x940 window. So nothing is filled twice:
// the main window's background is the OpenGL clear colour (WindowBg has alpha 0 and the
// program clears with its RGB), only the outer child of each panel fills ChildBg, and children
// or scrolling tables inside it draw no background (ImGuiWindowFlags_NoBackground,
// begin_nested_table). Windows of their own (popups, modals) use PopupBg and stay opaque.
#pragma once
#include <cstdint>

#include <imgui.h>

#include "ui/model/arrow_style.h"
#include "ui/model/osi_layers.h"

namespace mailscope {

void apply_theme(bool dark, float scale);
bool theme_is_dark();

// The layer's colour (same hue in both themes), with the given alpha.
ImU32 layer_colour(OsiLayer layer, float alpha = 1.0f);
// The arrow colour of a meaning for the current theme.
ImU32 arrow_colour(ArrowMeaning meaning, float alpha = 1.0f);
ImU32 rgb_colour(uint32_t rgb, float alpha = 1.0f);
// Text colour for faint notes (lanes' addresses, hints).
ImU32 faint_text_colour();

// ImGui::BeginTable for a table inside a panel's child: a scrolling table is a child window of
// its own, which would fill ChildBg again over the panel's filled background.
bool begin_nested_table(const char* id, int columns, ImGuiTableFlags flags);

}  // namespace mailscope
