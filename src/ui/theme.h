// ui/theme.h — light and dark looks, and the colours the panels share (OSI layer tints,
// arrow colours for the current theme).
//
//   apply_theme(settings.dark_theme, content_scale);
//   ImU32 c = layer_colour(OsiLayer::transport, 0.35f);   // hex-view tint, stack box
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

}  // namespace mailscope
