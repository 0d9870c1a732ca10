// ui/model/settings.cpp — the settings file: a few `key = value` lines.
#include "ui/model/settings.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mailscope {

namespace {

constexpr size_t kMaxFileBytes = 64 * 1024;
constexpr size_t kMaxLineBytes = 4096;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool parse_int(std::string_view v, int lo, int hi, int& out) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || ptr != v.data() + v.size() || value < lo || value > hi) return false;
  out = value;
  return true;
}

}  // namespace

std::string settings_directory() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg == '/') return std::string(xdg) + "/mailscope";  // XDG: relative paths are ignored
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.config/mailscope";
  return {};
}

std::string settings_path() {
  std::string dir = settings_directory();
  return dir.empty() ? std::string() : dir + "/settings.ini";
}

Settings parse_settings(std::string_view text) {
  Settings s;
  if (text.size() > kMaxFileBytes) text = text.substr(0, kMaxFileBytes);
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.size() > kMaxLineBytes) continue;
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';' || line[0] == '[') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    int n = 0;
    if (key == "language") {
      if (value == "ja") s.language = Language::japanese;
      else if (value == "en") s.language = Language::english;
    } else if (key == "theme") {
      if (value == "dark") s.dark_theme = true;
      else if (value == "light") s.dark_theme = false;
    } else if (key == "recent") {
      if (!value.empty() && s.recent_files.size() < Settings::kMaxRecentFiles &&
          std::find(s.recent_files.begin(), s.recent_files.end(), value) == s.recent_files.end())
        s.recent_files.emplace_back(value);
    } else if (key == "window_width") {
      if (parse_int(value, 320, 16384, n)) s.window_width = n;
    } else if (key == "window_height") {
      if (parse_int(value, 240, 16384, n)) s.window_height = n;
    } else if (key == "speed_percent") {
      if (parse_int(value, 25, 1600, n)) s.speed = n / 100.0;
    } else if (key == "timing") {
      s.even_timing = value == "even";
    } else if (key == "live_interface") {
      if (value.size() <= 256) s.live_interface = std::string(value);
    } else if (key == "live_filter") {
      if (value.size() <= 1024) s.live_filter = std::string(value);
    } else if (key == "follow_live") {
      s.follow_live = value != "no";
    } else if (key == "live_max_sessions") {
      if (parse_int(value, 10, 10'000'000, n)) s.live_max_sessions = n;
    } else if (key == "live_max_event_mb") {
      if (parse_int(value, 1, 65'536, n)) s.live_max_event_mb = n;
    }
  }
  return s;
}

std::string format_settings(const Settings& s) {
  std::ostringstream out;
  out << "# mailscope settings (written by the window; safe to delete)\n";
  out << "language = " << (s.language == Language::japanese ? "ja" : "en") << "\n";
  out << "theme = " << (s.dark_theme ? "dark" : "light") << "\n";
  out << "window_width = " << s.window_width << "\n";
  out << "window_height = " << s.window_height << "\n";
  out << "speed_percent = " << static_cast<int>(s.speed * 100.0 + 0.5) << "\n";
  out << "timing = " << (s.even_timing ? "even" : "real") << "\n";
  if (s.live_interface.find('\n') == std::string::npos) out << "live_interface = " << s.live_interface << "\n";
  if (s.live_filter.find('\n') == std::string::npos) out << "live_filter = " << s.live_filter << "\n";
  out << "follow_live = " << (s.follow_live ? "yes" : "no") << "\n";
  out << "live_max_sessions = " << s.live_max_sessions << "\n";
  out << "live_max_event_mb = " << s.live_max_event_mb << "\n";
  for (const std::string& f : s.recent_files) {
    if (f.find('\n') == std::string::npos) out << "recent = " << f << "\n";
  }
  return out.str();
}

bool load_settings(const std::string& path, Settings& settings) {
  if (path.empty()) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string text(kMaxFileBytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  settings = parse_settings(text);
  return true;
}

bool save_settings(const std::string& path, const Settings& settings, std::string& error) {
  if (path.empty()) {
    error = "No place for the settings: set HOME or XDG_CONFIG_HOME.";
    return false;
  }
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  // Write a temporary file and rename it, so a crash never leaves half a settings file.
  std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "Could not write " + temp + ": check that the folder is writable.";
      return false;
    }
    out << format_settings(settings);
    if (!out) {
      error = "Could not write " + temp + ": the disk may be full.";
      return false;
    }
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    error = "Could not replace " + path + ": " + ec.message() + ".";
    return false;
  }
  return true;
}

void add_recent_file(Settings& settings, const std::string& path) {
  auto& list = settings.recent_files;
  list.erase(std::remove(list.begin(), list.end(), path), list.end());
  list.insert(list.begin(), path);
  if (list.size() > Settings::kMaxRecentFiles) list.resize(Settings::kMaxRecentFiles);
}

}  // namespace mailscope
