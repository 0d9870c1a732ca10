// ui/stage_panel.cpp — the ladder diagram.
#include "ui/stage_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "dialogue/explanations.h"
#include "ui/model/arrow_style.h"
#include "ui/model/step_label.h"
#include "ui/model/ui_strings.h"
#include "ui/theme.h"

namespace mailscope {

namespace {

struct StepLook {
  ArrowMeaning meaning = ArrowMeaning::info;
  std::string label;
  bool small = false;
};

StepLook look_of(const ViewState& s, const StageStep& step) {
  StepLook look;
  if (step.kind == StageStep::Kind::packet) {
    look.meaning = ArrowMeaning::tcp_control;
    look.label = tcp_flags_label(s.capture->packets(step.stream)[step.index].flags);
    look.small = true;
    return look;
  }
  const DialogueEvent& e = s.capture->dialogue(step.stream)->events[step.index];
  look.meaning = arrow_meaning(e);
  look.label = step_label(e, s.language, 60);
  return look;
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thick, LinePattern pattern) {
  if (pattern == LinePattern::solid) {
    dl->AddLine(a, b, col, thick);
    return;
  }
  const float dash = pattern == LinePattern::dashed ? 9.0f : 2.5f;
  const float space = pattern == LinePattern::dashed ? 5.0f : 4.0f;
  float len = std::hypot(b.x - a.x, b.y - a.y);
  if (len < 1) return;
  ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len);
  for (float t = 0; t < len; t += dash + space) {
    float e = std::min(t + dash, len);
    dl->AddLine(ImVec2(a.x + d.x * t, a.y + d.y * t), ImVec2(a.x + d.x * e, a.y + d.y * e), col, thick);
  }
}

// Arrowhead at `tip`, pointing in direction `dir` (+1 right, -1 left).
void arrow_head(ImDrawList* dl, ImVec2 tip, float dir, ImU32 col, ArrowHead head, float size) {
  ImVec2 back(tip.x - dir * size, tip.y);
  switch (head) {
    case ArrowHead::filled:
      dl->AddTriangleFilled(tip, ImVec2(back.x, tip.y - size * 0.55f), ImVec2(back.x, tip.y + size * 0.55f), col);
      break;
    case ArrowHead::open:
      dl->AddLine(tip, ImVec2(back.x, tip.y - size * 0.55f), col, 2.0f);
      dl->AddLine(tip, ImVec2(back.x, tip.y + size * 0.55f), col, 2.0f);
      break;
    case ArrowHead::circle: dl->AddCircleFilled(ImVec2(tip.x - dir * size * 0.45f, tip.y), size * 0.45f, col); break;
    case ArrowHead::cross: {
      ImVec2 c(tip.x - dir * size * 0.45f, tip.y);
      float r = size * 0.45f;
      dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), col, 2.5f);
      dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), col, 2.5f);
      break;
    }
    case ArrowHead::bar:
      dl->AddLine(ImVec2(tip.x, tip.y - size * 0.6f), ImVec2(tip.x, tip.y + size * 0.6f), col, 3.0f);
      dl->AddTriangleFilled(ImVec2(tip.x - dir * 3, tip.y), ImVec2(back.x, tip.y - size * 0.4f), ImVec2(back.x, tip.y + size * 0.4f), col);
      break;
    case ArrowHead::square: {
      float r = size * 0.38f;
      ImVec2 c(tip.x - dir * r, tip.y);
      dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), col);
      break;
    }
    case ArrowHead::diamond: {
      float r = size * 0.45f;
      ImVec2 c(tip.x - dir * r, tip.y);
      dl->AddQuadFilled(ImVec2(c.x - r, c.y), ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), col);
      break;
    }
    case ArrowHead::small:
      dl->AddTriangleFilled(tip, ImVec2(tip.x - dir * size * 0.6f, tip.y - size * 0.32f),
                            ImVec2(tip.x - dir * size * 0.6f, tip.y + size * 0.32f), col);
      break;
  }
}

void draw_envelope(ImDrawList* dl, ImVec2 c, float size, ImU32 edge) {
  ImVec2 a(c.x - size, c.y - size * 0.65f), b(c.x + size, c.y + size * 0.65f);
  dl->AddRectFilled(a, b, IM_COL32(255, 250, 225, 255), 2.0f);
  dl->AddRect(a, b, edge, 2.0f, 0, 1.5f);
  dl->AddLine(a, ImVec2(c.x, c.y + size * 0.1f), edge, 1.5f);
  dl->AddLine(ImVec2(b.x, a.y), ImVec2(c.x, c.y + size * 0.1f), edge, 1.5f);
}

std::string tooltip_of(const ViewState& s, const StageStep& step) {
  if (step.kind == StageStep::Kind::packet) {
    const PacketRef& p = s.capture->packets(step.stream)[step.index];
    std::string label = tcp_flags_label(p.flags);
    std::string key = "tcp." + label;
    return "#" + std::to_string(p.number) + "  " + label + "\n" + (has_ui_text(key) ? ui_text(key, s.language) : "");
  }
  const DialogueEvent& e = s.capture->dialogue(step.stream)->events[step.index];
  std::string text = truncate_utf8(e.text, 300);
  if (!e.explain_key.empty()) text += "\n\n" + std::string(explain(e.explain_key, s.language));
  if (!e.decoded.empty()) text += "\n" + std::string(ui_text("inspector.decoded", s.language)) + ": " + e.decoded;
  text += "\n\n" + std::string(ui_text(arrow_style(arrow_meaning(e)).legend_key, s.language));
  return text;
}

}  // namespace

void draw_stage_legend(const ViewState& s) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ArrowMeaning shown[] = {ArrowMeaning::command, ArrowMeaning::success, ArrowMeaning::intermediate,
                                ArrowMeaning::temp_failure, ArrowMeaning::perm_failure, ArrowMeaning::imap_bad,
                                ArrowMeaning::info, ArrowMeaning::data, ArrowMeaning::encrypted, ArrowMeaning::gap,
                                ArrowMeaning::tcp_control};
  const float h = ImGui::GetTextLineHeight();
  for (ArrowMeaning m : shown) {
    const ArrowStyle& st = arrow_style(m);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImU32 col = arrow_colour(m);
    dashed_line(dl, ImVec2(p.x, p.y + h * 0.5f), ImVec2(p.x + 26, p.y + h * 0.5f), col, 2.0f, st.pattern);
    arrow_head(dl, ImVec2(p.x + 30, p.y + h * 0.5f), 1.0f, col, st.head, 10.0f);
    ImGui::Dummy(ImVec2(34, h));
    ImGui::SameLine();
    ImGui::Text("%s %s", st.tag, ui_text(st.legend_key, s.language));
  }
}

void draw_stage_panel(ViewState& s) {
  const Language lang = s.language;
  if (!s.capture || !s.has_stream || s.script.steps.empty()) {
    ImGui::TextWrapped("%s", ui_text(s.capture ? "stage.empty" : "status.ready", lang));
    return;
  }
  const auto& lanes = s.script.layout.lanes;
  const float scale = s.scale;
  const float width = ImGui::GetContentRegionAvail().x;
  const float margin = 12.0f * scale;
  const float lane_w = (width - 2 * margin) / static_cast<float>(std::max<size_t>(1, lanes.size()));
  auto lane_x = [&](int lane, float origin) { return origin + margin + lane_w * (static_cast<float>(lane) + 0.5f); };

  // Lane titles (fixed above the scrolling diagram).
  {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();
    ImGui::PushFont(s.fonts.large);
    for (size_t i = 0; i < lanes.size(); ++i) {
      float cx = lane_x(static_cast<int>(i), origin.x);
      std::string title = ui_text(lane_role_key(lanes[i].role), lang);
      if (lanes[i].also_relays) title += " → MTA";
      std::string sub = lanes[i].address_text;
      ImVec2 ts = ImGui::CalcTextSize(title.c_str());
      float avail = lane_w - 6;
      ImVec4 clip(cx - avail / 2, origin.y, cx + avail / 2, origin.y + line * 3);
      float tx = std::max(cx - ts.x / 2, clip.x);
      dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(tx, origin.y), ImGui::GetColorU32(ImGuiCol_Text),
                  title.c_str(), nullptr, 0.0f, &clip);
      // The address in the text font, at its own size (fonts.h: no scaled text).
      ImFont* sub_font = s.fonts.text ? s.fonts.text : ImGui::GetFont();
      ImVec2 ss = sub_font->CalcTextSizeA(sub_font->FontSize, FLT_MAX, 0.0f, sub.c_str());
      dl->AddText(sub_font, sub_font->FontSize, ImVec2(std::max(cx - ss.x / 2, clip.x), origin.y + ts.y + 1),
                  faint_text_colour(), sub.c_str(), nullptr, 0.0f, &clip);
    }
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(width, line * 2.7f));
  }

  // No background of its own: the stage child around it has filled the same pixels (theme.h).
  ImGui::BeginChild("stage_scroll", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoBackground);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float total = s.timeline.length() * scale + 20 * scale;
  const float view_h = ImGui::GetWindowHeight();
  const float scroll = ImGui::GetScrollY();
  const size_t current = s.playback.current_step();
  const float fraction = s.playback.envelope_fraction();

  // Follow the playback: keep the current arrow in view while playing.
  if (s.playback.playing()) {
    float y = s.timeline.position(current) * scale;
    if (y < scroll + view_h * 0.15f || y > scroll + view_h * 0.75f) ImGui::SetScrollY(std::max(0.0f, y - view_h * 0.4f));
  }

  // Lane lines over the visible part only.
  const float top = origin.y + scroll, bottom = origin.y + scroll + view_h;
  for (size_t i = 0; i < lanes.size(); ++i) {
    float x = lane_x(static_cast<int>(i), origin.x);
    dl->AddLine(ImVec2(x, top), ImVec2(x, bottom), ImGui::GetColorU32(ImGuiCol_Border), 2.0f * scale);
  }

  auto [first, last] = s.timeline.visible(scroll / scale, (scroll + view_h) / scale);
  const ImVec2 mouse = ImGui::GetMousePos();
  const bool hovered_window = ImGui::IsWindowHovered();
  size_t hovered = ViewState::kNone;
  const float head = 11.0f * scale;
  for (size_t i = first; i < last; ++i) {
    const StageStep& step = s.script.steps[i];
    const StepLook look = look_of(s, step);
    const ArrowStyle& st = arrow_style(look.meaning);
    const float y = origin.y + s.timeline.position(i) * scale;
    float x0 = lane_x(step.from_lane, origin.x), x1 = lane_x(step.to_lane, origin.x);
    if (step.from_lane == step.to_lane) x1 = x0 + lane_w * 0.4f;  // a self-arrow (should not happen)
    const float dir = x1 >= x0 ? 1.0f : -1.0f;
    x0 += dir * 4 * scale;
    x1 -= dir * 4 * scale;
    const bool is_current = i == current;
    const bool played = i < current || (is_current && fraction >= 1.0f) || s.playback.at_end();
    float alpha = played || is_current ? 1.0f : 0.28f;
    const bool mouse_on = hovered_window && std::fabs(mouse.y - y) < 12 * scale && mouse.x > std::min(x0, x1) - 6 &&
                          mouse.x < std::max(x0, x1) + 6;
    if (mouse_on) hovered = i;
    if (i == s.shown_step || mouse_on)
      dl->AddRectFilled(ImVec2(origin.x, y - 14 * scale), ImVec2(origin.x + width, y + 12 * scale),
                        ImGui::GetColorU32(ImGuiCol_Header, mouse_on ? 0.6f : 0.35f));
    ImU32 col = arrow_colour(look.meaning, alpha);
    float thick = (look.small ? 1.2f : 2.0f) * scale * (is_current ? 1.6f : 1.0f);
    dashed_line(dl, ImVec2(x0, y), ImVec2(x1 - dir * head * 0.5f, y), col, thick, st.pattern);
    arrow_head(dl, ImVec2(x1, y), dir, col, st.head, look.small ? head * 0.75f : head);

    // Label above the arrow, clipped to the arrow's span; tag first (shape + tag + colour).
    std::string text = st.tag[0] && !look.small ? std::string("[") + st.tag + "] " + look.label : look.label;
    ImVec4 clip(std::min(x0, x1) + 2, y - 30 * scale, std::max(x0, x1) - 2, y);
    ImFont* font = look.small && s.fonts.small ? s.fonts.small : ImGui::GetFont();
    const float font_size = font == ImGui::GetFont() ? ImGui::GetFontSize() : font->FontSize;
    ImVec2 size = font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, text.c_str());
    float tx = std::max((x0 + x1) * 0.5f - size.x * 0.5f, clip.x);
    ImU32 text_col = look.small ? faint_text_colour() : ImGui::GetColorU32(ImGuiCol_Text, alpha < 1 ? 0.45f : 1.0f);
    dl->AddText(font, font_size, ImVec2(tx, y - font_size - 3 * scale), text_col, text.c_str(), nullptr, 0.0f, &clip);

    if (is_current && !s.playback.at_end()) {
      float ex = x0 + (x1 - x0) * fraction;
      draw_envelope(dl, ImVec2(ex, y), 9.0f * scale, arrow_colour(look.meaning));
    }
  }
  ImGui::Dummy(ImVec2(width - 20, total));

  if (hovered != ViewState::kNone) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    ImGui::TextUnformatted(tooltip_of(s, s.script.steps[hovered]).c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      s.playback.pause();
      s.playback.go_to_step(hovered);
      s.playback.scrub_to(s.timeline.start_seconds(hovered) + s.timeline.step_duration(hovered) * 0.999);
    }
  }
  ImGui::EndChild();
}

}  // namespace mailscope
