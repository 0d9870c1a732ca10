// ui/capture_toolbar.cpp — see capture_toolbar.h.
#include "ui/capture_toolbar.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "ui/model/ui_strings.h"

namespace mailscope {

namespace {

void copy_into(char* buffer, size_t size, const std::string& text) {
  std::snprintf(buffer, size, "%s", text.c_str());
}

}  // namespace

void CaptureToolbar::set(const std::string& interface_name, const std::string& filter_text) {
  copy_into(interface, sizeof interface, interface_name.empty() ? "lo" : interface_name);
  copy_into(filter, sizeof filter, filter_text);
}

void CaptureToolbar::refresh_interfaces() {
  interfaces_error.clear();
  interfaces = list_interfaces(interfaces_error);
  // Loopback first: it is where a learner's own client and server talk.
  std::stable_sort(interfaces.begin(), interfaces.end(),
                   [](const InterfaceInfo& a, const InterfaceInfo& b) { return a.loopback && !b.loopback; });
  listed = true;
}

std::string CaptureToolbar::describe(const InterfaceInfo& info, Language language) {
  std::string text = info.name;
  if (info.loopback) text += std::string(" — ") + ui_text("capture.loopback", language);
  else if (!info.description.empty()) text += " — " + info.description;
  for (size_t i = 0; i < info.addresses.size() && i < 3; ++i) text += (i == 0 ? " — " : ", ") + info.addresses[i];
  return text;
}

void CaptureToolbar::request_save(const std::string& folder) {
  char name[64];
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::strftime(name, sizeof name, "mailscope-%Y%m%d-%H%M%S.pcapng", &local);
  copy_into(save_path, sizeof save_path, (std::filesystem::path(folder) / name).string());
  save_requested = true;
}

CaptureAction draw_capture_toolbar(ViewState& s, CaptureToolbar& bar, const LiveController& live,
                                   const std::string& filter_hint, bool& follow_live) {
  const Language lang = s.language;
  if (!bar.listed) bar.refresh_interfaces();
  CaptureAction action = CaptureAction::none;
  const bool running = live.running();
  const float em = ImGui::GetFontSize();

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui_text("capture.interface", lang));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 14);
  ImGui::BeginDisabled(running);
  if (ImGui::BeginCombo("##interface", bar.interface)) {
    if (bar.interfaces.empty())
      ImGui::TextDisabled("%s", bar.interfaces_error.empty() ? ui_text("capture.none", lang) : bar.interfaces_error.c_str());
    for (const InterfaceInfo& info : bar.interfaces) {
      const std::string label = CaptureToolbar::describe(info, lang);
      if (ImGui::Selectable(label.c_str(), info.name == bar.interface)) copy_into(bar.interface, sizeof bar.interface, info.name);
    }
    ImGui::Separator();
    if (ImGui::Selectable(ui_text("menu.capture.refresh", lang))) bar.refresh_interfaces();
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(ui_text("capture.filter", lang));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 18);
  // The hint shows the filter an empty field means: the mail ports and the ports mapped.
  ImGui::InputTextWithHint("##filter", filter_hint.c_str(), bar.filter, sizeof bar.filter);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui_text("capture.filter_hint", lang));
  ImGui::EndDisabled();

  ImGui::SameLine();
  ImGui::BeginDisabled(running);
  if (ImGui::Button(ui_text("menu.capture.start", lang))) action = CaptureAction::start;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button(ui_text("menu.capture.stop", lang))) action = CaptureAction::stop;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!live.active());
  if (ImGui::Button(ui_text("menu.capture.save", lang))) action = CaptureAction::save;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::Checkbox(ui_text("capture.follow", lang), &follow_live);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui_text("menu.capture.follow", lang));

  // Second line: what is happening, with the counters.
  if (!live.active()) {
    ImGui::TextDisabled("%s", ui_text("capture.idle", lang));
    return action;
  }
  const LiveStats stats = live.stats();
  const size_t sessions = s.capture && s.capture->is_live() ? s.capture->session_count() : 0;
  const std::string state = running ? ui_format("capture.running", lang, {live.interface_name()})
                                    : ui_format("capture.stopped", lang, {live.interface_name()});
  if (running) ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.2f, 1.0f), "%s", state.c_str());
  else ImGui::TextUnformatted(state.c_str());
  ImGui::SameLine();
  ImGui::TextUnformatted(ui_format("capture.stats", lang,
                                   {std::to_string(stats.received), std::to_string(stats.dropped_by_kernel),
                                    std::to_string(stats.dropped_by_interface), std::to_string(sessions),
                                    std::to_string(live.released())})
                             .c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(em * 30);
    ImGui::TextUnformatted(ui_text("capture.stats_tip", lang));
    ImGui::TextUnformatted(ui_format("capture.file", lang, {live.file_path()}).c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  return action;
}

std::optional<std::string> draw_save_dialog(ViewState& s, CaptureToolbar& bar) {
  const Language lang = s.language;
  std::optional<std::string> chosen;
  if (bar.save_requested) {
    ImGui::OpenPopup("##save_live");
    bar.save_requested = false;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("##save_live", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PushFont(s.fonts.large);
    ImGui::TextUnformatted(ui_text("capture.save_title", lang));
    ImGui::PopFont();
    ImGui::TextUnformatted(ui_text("capture.save_path", lang));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 32);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("##save_path", bar.save_path, sizeof bar.save_path,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    if ((ImGui::Button(ui_text("capture.save", lang)) || entered) && bar.save_path[0] != '\0') {
      chosen = std::string(bar.save_path);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(ui_text("capture.cancel", lang))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  return chosen;
}

}  // namespace mailscope
