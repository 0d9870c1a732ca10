// ui/main_view.h — the window's content: menus, the three columns of panels, the status line,
// the loader's progress and the error dialog. Owns the ViewState, the background loader,
// the settings and the file browser.
//
//   MainView view(settings, ports, /*persist=*/true);
//   view.set_fonts(load_fonts(16 * scale), scale);
//   view.open("captures/lesson-journey.pcap");        // loads on a background thread
//   while (running) { new_frame(); view.frame(dt); render(); }
//
// Panels (one file each): sessions_panel, stage_panel, playback_bar, inspector_panel,
// packets_panel (list + hex), file_browser, capture_toolbar (live capture).
#pragma once
#include <functional>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "lessons/progress_store.h"
#include "protocols/port_map.h"
#include "ui/capture_toolbar.h"
#include "ui/file_browser.h"
#include "ui/model/capture_loader.h"
#include "ui/model/lesson_directory_loader.h"
#include "ui/model/lesson_player.h"
#include "ui/model/live_controller.h"
#include "ui/model/settings.h"
#include "ui/view_state.h"

namespace mailscope {

class MainView {
 public:
  MainView(Settings settings, PortMap ports, bool persist_settings);
  ~MainView();

  void set_fonts(UiFonts fonts, float scale);
  // Files larger than this (bytes) load with their events decoded on demand (capture_loader.h).
  void set_events_on_demand_above(uint64_t bytes) { events_on_demand_above_ = bytes; }
  void open(const std::string& path);              // starts a background load
  void open_many(const std::vector<std::string>& paths);   // drag and drop: the first capture
  void frame(double dt);                           // between ImGui::NewFrame and ImGui::Render

  bool loading() const { return loader_.running(); }
  bool has_capture() const { return state_.capture != nullptr; }
  bool quit_requested() const { return quit_; }
  bool playing() const { return state_.playback.playing(); }
  const std::string& status() const { return state_.status; }
  Settings& settings() { return settings_; }
  void save_settings_now();

  // Lessons: loads `dir` in the background; `show` puts the lesson panel in the left column.
  void start_lessons(const std::string& dir, bool show);
  // Opens a lesson (by id) once the lessons are loaded; step is 0-based, none: where the
  // learner left it.
  void request_lesson(const std::string& id, std::optional<size_t> step);
  LessonPlayer& lesson_player() { return lessons_; }
  bool lessons_loading() const { return lesson_loader_.busy() || (!lessons_.loaded() && lessons_started_); }
  // True when the open lesson step is on the stage (its capture loaded, its range playing).
  bool lesson_step_shown() const;
  bool lesson_step_resolved() const { return step_resolved_; }

  // Live capture (Capture menu and toolbar, or --live): sniffs `interface` with `filter`
  // (empty: the mail ports). False when it cannot start; the error dialog then says why.
  bool start_live(const std::string& interface, const std::string& filter);
  void stop_live();                                  // the rest still arrives in later frames
  bool save_live(const std::string& path);           // false: the error dialog says why
  bool live_running() const { return live_.running(); }
  bool live_active() const { return live_.active(); }
  LiveController& live() { return live_; }

  // Called with every new status or error line (the program prints them to stdout).
  std::function<void(const std::string&)> on_status;
  // Where "Open the built-in example" points (empty: the menu item is hidden).
  std::string default_capture;

 private:
  void take_load_result();
  void set_status(const std::string& line);
  void draw_menu_bar();
  void draw_status_line();
  void draw_error_dialog();
  void set_language(Language language);
  void set_theme(bool dark);
  void take_lessons();
  void follow_lesson();
  void show_lesson_step();
  void pump_live();
  std::string end_live();  // the status line's note about a kept unsaved capture, or empty
  void draw_capture_menu();
  void show_error(const char* title_key, const std::string& text);

  ViewState state_;
  CaptureLoader loader_;
  Settings settings_;
  PortMap ports_;
  uint64_t events_on_demand_above_ = kEventsOnDemandAbove;
  bool persist_ = false;
  bool quit_ = false;
  bool theme_dirty_ = true;
  FileBrowser browser_;

  LessonDirectoryLoader lesson_loader_;
  LessonPlayer lessons_;
  ProgressStore progress_{ProgressStore::default_path()};
  bool lessons_started_ = false;
  bool show_lessons_ = false;
  std::optional<std::pair<std::string, std::optional<size_t>>> requested_lesson_;
  uint64_t lesson_generation_ = 0;  // the player's generation last applied to the stage
  bool step_pending_ = false;       // waiting for the lesson's capture to load
  bool step_resolved_ = false;

  LiveController live_;
  CaptureToolbar capture_bar_;
  bool show_capture_bar_ = false;
};

}  // namespace mailscope
