// ui/inspector_panel.cpp — encapsulation animation and the layer stack.
#include "ui/inspector_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/model/ui_strings.h"
#include "ui/theme.h"
#include "ui/wrapped_text.h"

namespace mailscope {

namespace {

constexpr double kAnimationSeconds = 3.2;  // down the stack, across the wire, up again

// The PDU at each layer while going down: L7 data, then the headers of L4, L3, L2 added in
// front (and the L2 trailer), then L1 bits. Drawn as coloured segments of a bar.
void draw_pdu(ImDrawList* dl, ImVec2 at, float unit, int layer, bool bits) {
  // Segments from outermost to innermost: L2, L3, L4, data(L7).
  struct Seg { OsiLayer layer; float width; };
  const Seg segs[] = {{OsiLayer::data_link, 1.0f}, {OsiLayer::network, 1.0f}, {OsiLayer::transport, 1.0f},
                      {OsiLayer::application, 2.4f}};
  float x = at.x;
  for (const Seg& sg : segs) {
    int n = layer_number(sg.layer);
    bool present = sg.layer == OsiLayer::application || layer <= n;
    if (!present) continue;
    float w = sg.width * unit;
    ImU32 col = bits ? layer_colour(OsiLayer::physical) : layer_colour(sg.layer);
    dl->AddRectFilled(ImVec2(x, at.y), ImVec2(x + w, at.y + unit * 0.7f), col, 2.0f);
    x += w + 1;
  }
}

void draw_encapsulation(const ViewState& s) {
  const Language lang = s.language;
  const float width = ImGui::GetContentRegionAvail().x;
  const float row = ImGui::GetTextLineHeight() * 1.05f;
  const float height = row * 7 + ImGui::GetTextLineHeight() * 1.6f;
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float box_w = std::min(width * 0.3f, ImGui::GetFontSize() * 9.5f);
  const float top = p.y + ImGui::GetTextLineHeight() * 1.3f;
  const float left_x = p.x, right_x = p.x + width - box_w;
  dl->AddText(ImVec2(left_x, p.y), ImGui::GetColorU32(ImGuiCol_Text), ui_text("inspector.sender", lang));
  const char* receiver = ui_text("inspector.receiver", lang);
  dl->AddText(ImVec2(right_x + box_w - ImGui::CalcTextSize(receiver).x, p.y), ImGui::GetColorU32(ImGuiCol_Text), receiver);
  ImFont* small = s.fonts.small ? s.fonts.small : ImGui::GetFont();  // its own size (fonts.h)
  for (int i = 0; i < 7; ++i) {
    OsiLayer layer = static_cast<OsiLayer>(7 - i);
    float y = top + i * row;
    std::string title(osi_layer_title(layer, lang));
    for (float x : {left_x, right_x}) {
      // Square corners: a rounded fill is dozens of anti-aliased triangles, a square one two.
      dl->AddRectFilled(ImVec2(x, y), ImVec2(x + box_w, y + row - 2), layer_colour(layer, 0.22f));
      dl->AddRectFilled(ImVec2(x, y), ImVec2(x + 4, y + row - 2), layer_colour(layer), 0.0f);
      ImVec4 clip(x, y, x + box_w - 2, y + row);
      dl->AddText(small, small == ImGui::GetFont() ? ImGui::GetFontSize() : small->FontSize, ImVec2(x + 7, y + 1),
                  ImGui::GetColorU32(ImGuiCol_Text), title.c_str(), nullptr, 0.0f, &clip);
    }
  }
  // The wire between the two L1 boxes.
  const float wire_y = top + 6 * row + row * 0.5f;
  dl->AddLine(ImVec2(left_x + box_w, wire_y), ImVec2(right_x, wire_y), layer_colour(OsiLayer::physical), 3.0f);
  const char* wire = ui_text("inspector.wire", lang);
  ImVec2 ws = ImGui::CalcTextSize(wire);
  dl->AddText(ImVec2((left_x + box_w + right_x - ws.x) * 0.5f, wire_y + 3), faint_text_colour(), wire);

  // Phase 0..1: 0–0.4 down the sender (L7→L1), 0.4–0.6 across, 0.6–1 up the receiver (L1→L7).
  double t = std::fmod(std::max(0.0, ImGui::GetTime() - s.step_shown_at), kAnimationSeconds + 0.8) / kAnimationSeconds;
  t = std::min(t, 1.0);
  const float unit = row * 0.9f;
  const float gap_x = left_x + box_w + 8;
  const float lane_w = right_x - 8 - gap_x - unit * 5.6f;
  ImVec2 at;
  int layer = 7;
  if (t < 0.4) {
    float f = static_cast<float>(t / 0.4);
    layer = 7 - static_cast<int>(f * 6.999f);
    at = ImVec2(gap_x, top + (7 - layer) * row + row * 0.15f);
  } else if (t < 0.6) {
    float f = static_cast<float>((t - 0.4) / 0.2);
    layer = 1;
    at = ImVec2(gap_x + std::max(lane_w, 0.0f) * f, top + 6 * row + row * 0.15f);
  } else {
    float f = static_cast<float>((t - 0.6) / 0.4);
    layer = 1 + static_cast<int>(f * 6.999f);
    at = ImVec2(gap_x + std::max(lane_w, 0.0f), top + (7 - layer) * row + row * 0.15f);
  }
  if (lane_w > 0) draw_pdu(dl, at, unit, std::max(layer, 2), layer == 1);
}

}  // namespace

void draw_inspector_panel(ViewState& s) {
  const Language lang = s.language;
  if (!shown_dialogue(s)) {
    ImGui::TextWrapped("%s", ui_text("inspector.none", lang));
    return;
  }
  ImGui::TextDisabled("%s", ui_text("inspector.encapsulation", lang));
  draw_encapsulation(s);
  ImGui::Separator();

  ImGui::BeginChild("layers", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);  // theme.h: nested
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const LayerFact& fact : s.facts.layers) {
    ImGui::PushID(layer_number(fact.layer));
    const bool focused = s.lesson_layer == layer_number(fact.layer);
    if (focused && s.scroll_to_layer) {
      ImGui::SetScrollHereY(0.0f);
      s.scroll_to_layer = false;
    }
    ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::Indent(10.0f * s.scale);
    ImGui::BeginGroup();
    ImGui::PushFont(s.fonts.large);
    ImGui::TextUnformatted(std::string(osi_layer_title(fact.layer, lang)).c_str());
    ImGui::PopFont();
    for (const std::string& line : fact.lines) draw_wrapped_text(line);
    ImGui::PushStyleColor(ImGuiCol_Text, faint_text_colour());
    draw_wrapped_text(osi_layer_explanation(fact.layer, lang));
    ImGui::PopStyleColor();
    ImGui::EndGroup();
    ImGui::Unindent(10.0f * s.scale);
    ImVec2 end = ImGui::GetItemRectMax();
    dl->AddRectFilled(start, ImVec2(start.x + 5.0f * s.scale, end.y), layer_colour(fact.layer));
    // The layer a lesson step is about: framed in its colour, so the eye goes there first.
    if (focused)
      dl->AddRect(start, ImVec2(ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x, end.y + 2.0f),
                  layer_colour(fact.layer), 3.0f, 0, 2.0f * s.scale);
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace mailscope
