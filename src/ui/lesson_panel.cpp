// ui/lesson_panel.cpp — the lesson list and the lesson view.
#include "ui/lesson_panel.h"

#include <imgui.h>

#include <string>

#include "ui/model/osi_layers.h"
#include "ui/model/ui_strings.h"
#include "ui/theme.h"
#include "ui/wrapped_text.h"

namespace mailscope {

namespace {

const ImVec4 kRight(0.18f, 0.62f, 0.30f, 1.0f);
const ImVec4 kWrong(0.85f, 0.30f, 0.25f, 1.0f);

// Lesson texts are paragraphs separated by "\n\n" (lesson_text.h); list items keep their "\n".
void draw_paragraphs(const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find("\n\n", start);
    std::string para =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!para.empty()) {
      draw_wrapped_text(para);
      ImGui::Spacing();
    }
    if (end == std::string::npos) break;
    start = end + 2;
  }
}

void draw_errors(const LessonPlayer& player, Language lang) {
  if (player.errors().empty()) return;
  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text, kWrong);
  ImGui::TextWrapped("%s", ui_text("lessons.broken", lang));
  ImGui::PopStyleColor();
  for (const LessonError& e : player.errors()) {
    const std::string file = e.file.filename().string();
    std::string line =
        e.line > 0 ? ui_format("lessons.error_at", lang, {file, std::to_string(e.line), e.message})
                   : ui_format("lessons.error_file", lang, {file, e.message});
    ImGui::Bullet();
    ImGui::TextWrapped("%s", line.c_str());
  }
}

void draw_list(ViewState& s, LessonPlayer& player) {
  const Language lang = s.language;
  ImGui::TextWrapped("%s", ui_text("lessons.intro", lang));
  ImGui::Spacing();
  for (size_t i = 0; i < player.lessons().size(); ++i) {
    const Lesson& l = player.lessons()[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::Separator();
    ImGui::PushFont(s.fonts.large);
    const std::string title = std::to_string(i + 1) + ". " + l.title.in(lang);
    if (ImGui::Selectable(title.c_str(), false, ImGuiSelectableFlags_None)) player.open(i);
    ImGui::PopFont();
    const bool done = player.done(i);
    ImGui::TextDisabled("%s · %s", lesson_level_label(l.level, lang),
                        ui_format("lessons.steps", lang, {std::to_string(l.steps.size())}).c_str());
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text,
                          done ? kRight : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(done ? ui_text("lessons.done", lang)
                                : ui_text("lessons.not_done", lang));
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Text, faint_text_colour());
    draw_wrapped_text(l.summary.in(lang));
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  draw_errors(player, lang);
}

void draw_question(LessonPlayer& player, const StepQuestion& q, Language lang) {
  ImGui::Separator();
  ImGui::TextUnformatted(ui_text("lessons.question", lang));
  draw_wrapped_text(q.prompt.in(lang));
  const auto chosen = player.chosen();
  // A frame border: the light theme's radio circles are otherwise nearly invisible.
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
  for (size_t c = 0; c < q.choices.size(); ++c) {
    ImGui::PushID(static_cast<int>(c));
    if (ImGui::RadioButton("##choice", chosen && *chosen == c)) player.choose(c);
    ImGui::SameLine();
    ImGui::BeginGroup();  // a choice of several lines stays beside its button
    draw_wrapped_text(q.choices[c].in(lang));
    ImGui::EndGroup();
    ImGui::PopID();
  }
  if (!chosen) ImGui::BeginDisabled();
  if (ImGui::Button(ui_text("lessons.check", lang))) player.check();
  if (!chosen) ImGui::EndDisabled();
  ImGui::PopStyleVar();
  if (player.answer() == AnswerState::unanswered) return;
  const bool right = player.answer() == AnswerState::right;
  ImGui::PushStyleColor(ImGuiCol_Text, right ? kRight : kWrong);
  if (right)
    ImGui::TextWrapped("%s", ui_text("lessons.right", lang));
  else
    ImGui::TextWrapped("%s",
                       ui_format("lessons.wrong", lang, {q.choices[q.answer].in(lang)}).c_str());
  ImGui::PopStyleColor();
  ImGui::TextWrapped("%s", q.explanation.in(lang).c_str());
}

LessonPanelResult draw_lesson(ViewState& s, LessonPlayer& player, const Lesson& l,
                              const LessonStep& step) {
  LessonPanelResult result;
  const Language lang = s.language;
  if (ImGui::SmallButton(ui_text("lessons.all", lang))) {
    player.close();
    return result;
  }
  ImGui::PushFont(s.fonts.large);
  draw_wrapped_text(l.title.in(lang));
  ImGui::PopFont();
  const size_t n = player.step_count(), i = player.step_index();
  ImGui::ProgressBar(
      static_cast<float>(i + 1) / static_cast<float>(n), ImVec2(-1, 0),
      ui_format("lessons.step_of", lang, {std::to_string(i + 1), std::to_string(n)}).c_str());
  // Back / Next stay at the top: their place does not move with the length of the text.
  if (!player.can_back()) ImGui::BeginDisabled();
  if (ImGui::Button(ui_text("lessons.back", lang), ImVec2(ImGui::GetFontSize() * 5, 0)))
    player.back();
  if (!player.can_back()) ImGui::EndDisabled();
  ImGui::SameLine();
  if (!player.can_next()) ImGui::BeginDisabled();
  if (ImGui::Button(ui_text("lessons.next", lang), ImVec2(ImGui::GetFontSize() * 5, 0)))
    player.next();
  if (!player.can_next()) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(ui_text("lessons.replay", lang))) result.replay = true;
  const OsiLayer layer = static_cast<OsiLayer>(step.layer);
  ImGui::TextDisabled(
      "%s", ui_format("lessons.layer", lang,
                      {std::to_string(step.layer), std::string(osi_layer_title(layer, lang))})
                .c_str());
  ImGui::Separator();
  ImGui::BeginChild("step_text", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);  // theme.h: nested
  draw_paragraphs(step.text.in(lang));
  if (step.question) draw_question(player, *step.question, lang);
  if (!player.can_next()) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, kRight);
    ImGui::TextWrapped("%s", ui_text("lessons.finished", lang));
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();
  return result;
}

}  // namespace

LessonPanelResult draw_lesson_panel(ViewState& s, LessonPlayer& player, bool lessons_loading) {
  const Language lang = s.language;
  if (lessons_loading || !player.loaded()) {
    ImGui::TextUnformatted(ui_text("lessons.loading", lang));
    return {};
  }
  const Lesson* l = player.lesson();
  const LessonStep* step = player.step();
  if (l && step) return draw_lesson(s, player, *l, *step);
  if (player.lessons().empty()) ImGui::TextWrapped("%s", ui_text("lessons.none", lang));
  draw_list(s, player);
  return {};
}

}  // namespace mailscope
