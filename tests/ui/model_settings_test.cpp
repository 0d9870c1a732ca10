// tests/ui/model_settings_test.cpp — the settings file: round trip, bad input, caps, XDG path.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <string>

#include "ui/model/settings.h"

using namespace mailscope;

TEST_CASE("settings survive a round trip") {
  Settings s;
  s.language = Language::japanese;
  s.dark_theme = true;
  s.window_width = 1234;
  s.window_height = 777;
  s.speed = 4.0;
  s.even_timing = true;
  s.live_interface = "eth0";
  s.live_filter = "tcp port 2525";
  s.follow_live = false;
  s.live_max_sessions = 500;
  s.live_max_event_mb = 64;
  add_recent_file(s, "/tmp/a.pcap");
  add_recent_file(s, "/tmp/b.pcapng");
  Settings back = parse_settings(format_settings(s));
  CHECK(back.language == Language::japanese);
  CHECK(back.dark_theme);
  CHECK(back.window_width == 1234);
  CHECK(back.window_height == 777);
  CHECK(back.speed == 4.0);
  CHECK(back.even_timing);
  CHECK(back.live_interface == "eth0");
  CHECK(back.live_filter == "tcp port 2525");
  CHECK_FALSE(back.follow_live);
  CHECK(back.live_max_sessions == 500);
  CHECK(back.live_max_event_mb == 64);
  REQUIRE(back.recent_files.size() == 2);
  CHECK(back.recent_files[0] == "/tmp/b.pcapng");
}

TEST_CASE("bad settings text keeps the defaults") {
  Settings d;
  Settings s = parse_settings("language = klingon\nwindow_width = -5\nwindow_height = 99999999999\n"
                              "theme\n= dark\nspeed_percent = 3\nlive_max_sessions = 0\n\x01\x02garbage\nrecent =\n");
  CHECK(s.language == d.language);
  CHECK(s.window_width == d.window_width);
  CHECK(s.window_height == d.window_height);
  CHECK(s.live_max_sessions == d.live_max_sessions);
  CHECK(s.dark_theme == d.dark_theme);
  CHECK(s.speed == d.speed);
  CHECK(s.recent_files.empty());
  std::string huge(1 << 20, 'x');
  CHECK(parse_settings(huge).recent_files.empty());
}

TEST_CASE("recent files: most recent first, no duplicates, capped") {
  Settings s;
  for (int i = 0; i < 25; ++i) add_recent_file(s, "/f" + std::to_string(i));
  add_recent_file(s, "/f20");
  CHECK(s.recent_files.size() == Settings::kMaxRecentFiles);
  CHECK(s.recent_files[0] == "/f20");
  CHECK(s.recent_files[1] == "/f24");
  std::string text;
  for (int i = 0; i < 50; ++i) text += "recent = /r" + std::to_string(i) + "\n";
  CHECK(parse_settings(text).recent_files.size() == Settings::kMaxRecentFiles);
}

TEST_CASE("settings are saved under XDG_CONFIG_HOME and read back") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("mailscope-settings-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ::setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  CHECK(settings_path() == (dir / "mailscope" / "settings.ini").string());
  Settings s;
  s.language = Language::japanese;
  std::string error;
  REQUIRE(save_settings(settings_path(), s, error));
  Settings back;
  REQUIRE(load_settings(settings_path(), back));
  CHECK(back.language == Language::japanese);
  ::setenv("XDG_CONFIG_HOME", "relative/ignored", 1);  // XDG: a relative path is invalid
  CHECK(settings_path().find("relative") == std::string::npos);
  ::unsetenv("XDG_CONFIG_HOME");
  fs::remove_all(dir);
  Settings missing;
  CHECK_FALSE(load_settings((dir / "none.ini").string(), missing));
}
