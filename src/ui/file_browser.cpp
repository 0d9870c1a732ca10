// ui/file_browser.cpp — the in-window file chooser.
#include "ui/file_browser.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "ui/model/ui_strings.h"

namespace mailscope {

namespace fs = std::filesystem;

namespace {
bool is_capture_name(const std::string& name) {
  auto ends = [&](const char* ext) {
    size_t n = std::strlen(ext);
    return name.size() >= n && name.compare(name.size() - n, n, ext) == 0;
  };
  return ends(".pcap") || ends(".pcapng") || ends(".cap") || ends(".PCAP") || ends(".PCAPNG");
}
}  // namespace

void FileBrowser::open(const std::string& folder) {
  read_folder(folder);
  request_open_ = true;
}

void FileBrowser::read_folder(const std::string& folder) {
  std::error_code ec;
  fs::path path = fs::absolute(folder.empty() ? fs::path(".") : fs::path(folder), ec);
  folder_ = path.lexically_normal().string();
  if (folder_.size() > 1 && folder_.back() == '/') folder_.pop_back();
  entries_.clear();
  unreadable_ = truncated_ = false;
  fs::directory_iterator it(folder_, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    unreadable_ = true;
  } else {
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (entries_.size() >= kMaxEntries) {
        truncated_ = true;
        break;
      }
      std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::error_code type_ec;
      entries_.push_back({name, it->is_directory(type_ec)});
    }
  }
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    if (a.folder != b.folder) return a.folder;
    return a.name < b.name;
  });
  std::snprintf(path_input_, sizeof path_input_, "%s/", folder_.c_str());
}

std::optional<std::string> FileBrowser::draw(Language lang) {
  const char* title = ui_text("browser.title", lang);
  if (request_open_) {
    ImGui::OpenPopup("##browser");
    request_open_ = false;
  }
  std::optional<std::string> chosen;
  ImVec2 size = ImGui::GetMainViewport()->Size;
  ImGui::SetNextWindowSize(ImVec2(size.x * 0.6f, size.y * 0.7f), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("##browser", nullptr, ImGuiWindowFlags_NoSavedSettings)) return chosen;
  ImGui::TextUnformatted(title);
  if (ImGui::Button(ui_text("browser.up", lang))) read_folder(fs::path(folder_).parent_path().string());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 6);
  bool typed = ImGui::InputText("##path", path_input_, sizeof path_input_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  typed |= ImGui::Button(ui_text("browser.open", lang));
  if (typed) {
    std::error_code ec;
    std::string path = path_input_;
    if (fs::is_directory(path, ec)) read_folder(path);
    else chosen = path;
  }
  ImGui::Checkbox(ui_text("browser.only_captures", lang), &only_captures_);
  if (unreadable_) ImGui::TextUnformatted(ui_text("browser.unreadable", lang));
  if (truncated_) ImGui::TextUnformatted(ui_format("browser.too_many", lang, {std::to_string(kMaxEntries)}).c_str());
  ImGui::BeginChild("entries", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true);
  std::string open_folder;
  for (const Entry& e : entries_) {
    if (!e.folder && only_captures_ && !is_capture_name(e.name)) continue;
    std::string label = e.folder ? "[" + e.name + "]" : e.name;
    if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_AllowDoubleClick | ImGuiSelectableFlags_DontClosePopups)) {
      std::string full = folder_ == "/" ? "/" + e.name : folder_ + "/" + e.name;
      if (e.folder) open_folder = full;
      else if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) chosen = full;
      else std::snprintf(path_input_, sizeof path_input_, "%s", full.c_str());
    }
  }
  ImGui::EndChild();
  if (!open_folder.empty()) read_folder(open_folder);
  if (ImGui::Button(ui_text("browser.cancel", lang))) ImGui::CloseCurrentPopup();
  if (chosen) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return chosen;
}

}  // namespace mailscope
