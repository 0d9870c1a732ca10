// ui/playback_bar.cpp — playback controls and the scrubber.
#include "ui/playback_bar.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "ui/model/arrow_style.h"
#include "ui/model/ui_strings.h"
#include "ui/theme.h"

namespace mailscope {

namespace {

// Per pixel column of the scrubber: the most important thing that happens there.
enum Marker : uint8_t { kNone, kCommand, kGap, kError };

struct MarkerCache {
  uint64_t generation = ~0ull;
  int width = 0;
  std::vector<uint8_t> columns;
};

Marker marker_of(const ViewState& s, const StageStep& step) {
  if (step.kind != StageStep::Kind::event) return kNone;
  const DialogueEvent& e = s.capture->dialogue(step.stream)->events[step.index];
  switch (arrow_meaning(e)) {
    case ArrowMeaning::command: return e.type == EventType::command ? kCommand : kNone;
    case ArrowMeaning::temp_failure:
    case ArrowMeaning::perm_failure:
    case ArrowMeaning::pop_err:
    case ArrowMeaning::imap_no:
    case ArrowMeaning::imap_bad: return kError;
    case ArrowMeaning::gap: return kGap;
    default: return kNone;
  }
}

void rebuild_markers(MarkerCache& c, const ViewState& s, int width) {
  c.generation = s.script_generation;
  c.width = width;
  c.columns.assign(static_cast<size_t>(std::max(width, 1)), kNone);
  const double duration = std::max(s.timeline.duration_seconds(), 1e-9);
  for (size_t i = 0; i < s.script.steps.size(); ++i) {
    int col = static_cast<int>(s.timeline.start_seconds(i) / duration * (width - 1));
    col = std::clamp(col, 0, width - 1);
    c.columns[col] = std::max(c.columns[col], static_cast<uint8_t>(marker_of(s, s.script.steps[i])));
  }
}

const double kSpeeds[] = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0};

}  // namespace

void handle_playback_keys(ViewState& s) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || s.script.steps.empty()) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) s.playback.toggle();
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) { s.playback.pause(); s.playback.step_next(); }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) { s.playback.pause(); s.playback.step_prev(); }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) s.playback.go_home();
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) s.playback.go_end();
}

void draw_playback_bar(ViewState& s) {
  static MarkerCache markers;
  const Language lang = s.language;
  const bool enabled = !s.script.steps.empty();
  if (!enabled) ImGui::BeginDisabled();

  if (ImGui::Button(ui_text("play.home", lang))) s.playback.go_home();
  ImGui::SameLine();
  if (ImGui::Button(ui_text("play.prev", lang))) { s.playback.pause(); s.playback.step_prev(); }
  ImGui::SameLine();
  const char* play_label = s.playback.playing() ? ui_text("play.pause", lang) : ui_text("play.play", lang);
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  if (ImGui::Button(play_label, ImVec2(ImGui::GetFontSize() * 5.5f, 0))) s.playback.toggle();
  ImGui::PopStyleColor();
  ImGui::SameLine();
  if (ImGui::Button(ui_text("play.next", lang))) { s.playback.pause(); s.playback.step_next(); }
  ImGui::SameLine();
  if (ImGui::Button(ui_text("play.end", lang))) s.playback.go_end();
  ImGui::SameLine();
  ImGui::TextUnformatted(ui_text("play.speed", lang));
  ImGui::SameLine();
  char speed_label[16];
  std::snprintf(speed_label, sizeof speed_label, "%g×", s.playback.speed());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
  if (ImGui::BeginCombo("##speed", speed_label)) {
    for (double v : kSpeeds) {
      char label[16];
      std::snprintf(label, sizeof label, "%g×", v);
      if (ImGui::Selectable(label, v == s.playback.speed())) s.playback.set_speed(v);
    }
    ImGui::EndCombo();
  }
  int timing = s.timing == TimingMode::real ? 0 : 1;
  bool changed = ImGui::RadioButton(ui_text("play.timing_real", lang), &timing, 0);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui_text("play.timing_tip", lang));
  ImGui::SameLine();
  changed |= ImGui::RadioButton(ui_text("play.timing_even", lang), &timing, 1);
  if (changed) {
    s.timing = timing == 0 ? TimingMode::real : TimingMode::even;
    rebuild_timeline(s);
  }
  if (enabled) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", ui_format("play.step_of", lang, {std::to_string(s.playback.current_step() + 1),
                                                              std::to_string(s.script.steps.size())}).c_str());
  }

  // Scrubber: a bar with marker ticks; click or drag to move the clock.
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetFrameHeight();
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##scrubber", ImVec2(std::max(width, 10.0f), height));
  const bool active = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + height), ImGui::GetColorU32(ImGuiCol_FrameBg), 3.0f);
  const double duration = s.timeline.duration_seconds();
  if (enabled && duration > 0) {
    const int w = static_cast<int>(width);
    if (markers.generation != s.script_generation || markers.width != w) rebuild_markers(markers, s, w);
    for (int x = 0; x < w; ++x) {
      uint8_t m = markers.columns[x];
      if (m == kNone) continue;
      ImU32 col = m == kError ? arrow_colour(ArrowMeaning::perm_failure)
                  : m == kGap ? arrow_colour(ArrowMeaning::gap)
                              : arrow_colour(ArrowMeaning::command, 0.7f);
      float top = m == kCommand ? p.y + height * 0.55f : p.y + 2;  // errors and gaps are taller
      dl->AddRectFilled(ImVec2(p.x + x, top), ImVec2(p.x + x + (m == kCommand ? 1.0f : 2.0f), p.y + height - 2), col);
    }
    float cx = p.x + static_cast<float>(s.playback.clock() / duration) * width;
    dl->AddRectFilled(ImVec2(p.x, p.y + height - 4), ImVec2(cx, p.y + height), ImGui::GetColorU32(ImGuiCol_SliderGrabActive));
    dl->AddTriangleFilled(ImVec2(cx - 6, p.y), ImVec2(cx + 6, p.y), ImVec2(cx, p.y + 8), ImGui::GetColorU32(ImGuiCol_Text));
    dl->AddLine(ImVec2(cx, p.y), ImVec2(cx, p.y + height), ImGui::GetColorU32(ImGuiCol_Text), 2.0f);
    if (active) {
      float f = std::clamp((ImGui::GetIO().MousePos.x - p.x) / width, 0.0f, 1.0f);
      s.playback.pause();
      s.playback.scrub_to(f * duration);
    }
  }
  if (!enabled) ImGui::EndDisabled();
}

}  // namespace mailscope
