// ui/model/settings.h — what the window remembers between runs: language, theme, recent
// files, window size. Stored as a small INI file in $XDG_CONFIG_HOME/mailscope/settings.ini
// (or ~/.config/mailscope/settings.ini), next to ImGui's own layout file imgui.ini.
//
//   Settings s;
//   load_settings(settings_path(), s);        // missing or bad file: defaults stay
//   add_recent_file(s, "/tmp/a.pcap");
//   save_settings(settings_path(), s, error);
//
// The parser takes any text: unknown keys and bad values are skipped, lines and the number of
// recent files are capped.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "dialogue/explanations.h"

namespace mailscope {

struct Settings {
  static constexpr size_t kMaxRecentFiles = 10;
  Language language = Language::english;
  bool dark_theme = false;
  std::vector<std::string> recent_files;  // most recent first
  int window_width = 1500, window_height = 940;
  double speed = 1.0;
  bool even_timing = false;
  // Capture ▸ live capture: the interface and filter last used (empty filter: the mail ports),
  // and whether the stage follows new sessions as they arrive.
  std::string live_interface = "lo";
  std::string live_filter;
  bool follow_live = true;
  // Bounds of a live capture in the window: sessions kept, and megabytes of their events;
  // beyond either, the oldest finished sessions are released (and counted).
  int live_max_sessions = 100'000;
  int live_max_event_mb = 256;
};

std::string settings_directory();   // "" when neither XDG_CONFIG_HOME nor HOME is set
std::string settings_path();        // settings_directory() + "/settings.ini"

Settings parse_settings(std::string_view text);
std::string format_settings(const Settings& settings);
bool load_settings(const std::string& path, Settings& settings);   // false when missing/unreadable
bool save_settings(const std::string& path, const Settings& settings, std::string& error);

void add_recent_file(Settings& settings, const std::string& path);

}  // namespace mailscope
