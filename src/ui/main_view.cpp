// ui/main_view.cpp — layout, menus, loading and errors.
#include "ui/main_view.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "capture/live_capture.h"
#include "ui/inspector_panel.h"
#include "ui/lesson_panel.h"
#include "ui/lesson_stage.h"
#include "ui/model/ui_strings.h"
#include "ui/packets_panel.h"
#include "ui/playback_bar.h"
#include "ui/sessions_panel.h"
#include "ui/stage_panel.h"
#include "ui/theme.h"

namespace mailscope {

MainView::MainView(Settings settings, PortMap ports, bool persist)
    : settings_(std::move(settings)), ports_(std::move(ports)), persist_(persist) {
  state_.language = settings_.language;
  state_.dark = settings_.dark_theme;
  state_.timing = settings_.even_timing ? TimingMode::even : TimingMode::real;
  state_.playback.set_speed(settings_.speed);
  state_.status = ui_text("status.ready", state_.language);
  capture_bar_.set(settings_.live_interface, settings_.live_filter);
}

MainView::~MainView() { end_live(); }

void MainView::start_lessons(const std::string& dir, bool show) {
  show_lessons_ = show;
  if (dir.empty()) return;
  if (persist_) progress_.load();
  lessons_.set_store(&progress_);
  lesson_loader_.start(dir);
  lessons_started_ = true;
}

void MainView::request_lesson(const std::string& id, std::optional<size_t> step) {
  requested_lesson_ = std::make_pair(id, step);
  show_lessons_ = true;
}

bool MainView::lesson_step_shown() const {
  return lessons_.is_open() && lesson_generation_ == lessons_.generation() && !step_pending_ && !loader_.running();
}

void MainView::take_lessons() {
  std::optional<LessonDirectory> dir = lesson_loader_.take_result();
  if (!dir) return;
  lessons_.set_directory(std::move(*dir));
  for (const LessonError& e : lessons_.errors()) set_status(e.to_string());
  if (!requested_lesson_) return;
  const auto [id, step] = *requested_lesson_;
  requested_lesson_.reset();
  size_t index = lessons_.find(id);
  if (index == LessonPlayer::kNone || !lessons_.open(index, step)) set_status(ui_format("lessons.unknown", state_.language, {id}));
}

// The player moved (a lesson opened, Back, Next): bring the stage to the step, loading the
// lesson's capture first when another one is open.
void MainView::follow_lesson() {
  if (lessons_.take_dirty() && persist_) {
    std::string error;
    if (!progress_.save(error)) set_status(ui_format("error.settings", state_.language, {error}));
  }
  if (lesson_generation_ == lessons_.generation()) return;
  lesson_generation_ = lessons_.generation();
  step_pending_ = false;
  const Lesson* lesson = lessons_.lesson();
  if (!lesson || !lessons_.step()) {
    state_.lesson_layer = 0;
    state_.playback.clear_stop();
    return;
  }
  if (capture_matches(state_, *lesson)) {
    show_lesson_step();
    return;
  }
  step_pending_ = true;
  if (loader_.running() && loader_.path() == lesson->capture_path.string()) return;  // already coming
  PortMap ports = ports_;
  for (const std::string& spec : lesson->ports) {
    std::string error;
    ports.add_mapping(spec, error);  // the lesson loader checked these already
  }
  loader_.start(lesson->capture_path.string(), ports, kKeepAllEvents);  // selectors read any event
  set_status(ui_format("load.progress", state_.language, {lesson->capture_path.filename().string()}));
}

void MainView::show_lesson_step() {
  step_pending_ = false;
  const Lesson* lesson = lessons_.lesson();
  const LessonStep* step = lessons_.step();
  step_resolved_ = lesson && step && apply_lesson_step(state_, *lesson, *step);
  if (!step_resolved_ && lesson) set_status(ui_text("lessons.unresolved", state_.language));
}

void MainView::show_error(const char* title_key, const std::string& text) {
  state_.error = text;
  state_.error_title = title_key;
  state_.error_new = true;
  std::string line = text;   // the status line has one line
  std::replace(line.begin(), line.end(), '\n', ' ');
  set_status(line);
}

bool MainView::start_live(const std::string& interface, const std::string& filter) {
  const Language lang = state_.language;
  if (loader_.running()) loader_.cancel();
  const std::string kept = end_live();
  LiveRequest request;
  request.interface = interface;
  request.filter = filter;
  request.max_sessions = static_cast<size_t>(settings_.live_max_sessions);
  request.max_event_bytes = static_cast<uint64_t>(settings_.live_max_event_mb) << 20;
  std::string error;
  std::unique_ptr<LoadedCapture> capture = live_.start(request, ports_, error);
  if (!capture) {
    // The capture shown before stays: only the message changes.
    if (live_.last_error_kind() == LiveError::permission) {
      std::error_code ec;
      std::string program = std::filesystem::read_symlink("/proc/self/exe", ec).string();
      if (program.empty()) program = "mailscope";
      show_error("error.live_title", ui_format("error.live_permission", lang,
                                               {error, "sudo setcap cap_net_raw,cap_net_admin=eip " + program}));
    } else {
      show_error("error.live_title", ui_format("error.live", lang, {error}));
    }
    return false;
  }
  show_capture(state_, std::move(capture));
  show_lessons_ = false;   // the sessions table shows what arrives
  show_capture_bar_ = true;
  capture_bar_.set(interface, filter);
  settings_.live_interface = interface;
  settings_.live_filter = filter;
  save_settings_now();
  set_status(ui_format("status.live_started", lang, {interface, live_.filter()}));
  if (!kept.empty()) set_status(state_.status + "  " + kept);
  return true;
}

void MainView::stop_live() { live_.stop(); }

bool MainView::save_live(const std::string& path) {
  std::string error;
  if (!live_.save(path, error)) {
    show_error("error.save_title", error);
    return false;
  }
  set_status(ui_format("status.live_saved", state_.language, {path}));
  return true;
}

// Ends the live capture (another file was opened, a new capture starts, or the program ends).
// An unsaved capture stays in its temporary file; the returned line says where, for the
// caller to keep in the status line after its own message.
std::string MainView::end_live() {
  if (!live_.active()) return {};
  const bool unsaved = live_.file_is_temporary() && !live_.saved();
  const std::string path = live_.file_path();
  live_.reset();
  if (!unsaved) return {};
  std::string kept = ui_format("status.live_kept", state_.language, {path});
  set_status(kept);
  return kept;
}

// Takes what the capture thread published (a swap, no wait) and keeps the stage on it.
void MainView::pump_live() {
  if (!live_.active() || !state_.capture || !state_.capture->is_live()) return;
  const bool was_running = live_.running();
  LiveChanges changes = live_.pump(*state_.capture);
  LoadedCapture& c = *state_.capture;
  if (changes.sessions || !changes.streams.empty()) {
    ++state_.capture_generation;   // the sessions table re-sorts; its cache keys on this
    state_.total_packets += changes.packets_added - changes.packets_released;
  }
  const bool follow = settings_.follow_live;
  if (!state_.has_stream) {
    if (!c.streams.empty() && (follow || changes.sessions)) {
      select_session(state_, c.streams.front());
      state_.playback.play();
    }
  } else {
    bool shown_changed = !c.dialogue(state_.stream);
    for (uint32_t stream : changes.streams) {
      if (std::find(state_.script.streams.begin(), state_.script.streams.end(), stream) != state_.script.streams.end())
        shown_changed = true;
    }
    if (shown_changed) refresh_session(state_, follow);
    // Following: when the session on the stage has played to its end, go on with the next one.
    if (follow && state_.has_stream && state_.playback.at_end() && !state_.playback.playing()) {
      auto next = std::upper_bound(c.streams.begin(), c.streams.end(), state_.stream);
      if (next != c.streams.end()) {
        select_session(state_, *next);
        state_.playback.play();
      }
    }
  }
  if (was_running && changes.finished) {
    if (!changes.error.empty()) show_error("error.live_title", ui_format("error.live_stopped", state_.language, {changes.error}));
    set_status(ui_format("status.live_stopped", state_.language,
                         {live_.interface_name(), std::to_string(live_.stats().received), std::to_string(c.session_count())}));
  }
}

void MainView::set_fonts(UiFonts fonts, float scale) {
  state_.fonts = fonts;
  state_.scale = scale;
  theme_dirty_ = true;
}

void MainView::set_status(const std::string& line) {
  state_.status = line;
  if (on_status) on_status(line);
}

void MainView::open(const std::string& path) {
  loader_.start(path, ports_, events_on_demand_above_);
  set_status(ui_format("load.progress", state_.language, {path}));
}

void MainView::open_many(const std::vector<std::string>& paths) {
  if (!paths.empty()) open(paths.front());
}

void MainView::save_settings_now() {
  if (!persist_) return;
  settings_.language = state_.language;
  settings_.dark_theme = state_.dark;
  settings_.speed = state_.playback.speed();
  settings_.even_timing = state_.timing == TimingMode::even;
  std::string error;
  if (!save_settings(settings_path(), settings_, error)) set_status(ui_format("error.settings", state_.language, {error}));
}

void MainView::take_load_result() {
  std::optional<LoadResult> result = loader_.take_result();
  if (!result) return;
  const Language lang = state_.language;
  if (!result->capture) step_pending_ = false;  // the lesson's text stays; the stage keeps its capture
  if (result->cancelled) {
    set_status(ui_format("status.cancelled", lang, {result->path}));
    return;
  }
  if (!result->capture) {
    // The previous capture stays: only the message changes.
    show_error("error.title", ui_format("error.open", lang, {result->error}));
    return;
  }
  const std::string kept = end_live();   // a file replaces the live capture (its file stays)
  show_capture(state_, std::move(result->capture));
  const uint64_t packets = state_.total_packets;
  // Start on the first mail session, playing: a new user sees a dialogue move at once.
  const LoadedCapture& c = *state_.capture;
  for (uint32_t stream : c.streams) {
    if (c.dialogue(stream)->protocol != Protocol::other) {
      select_session(state_, stream);
      break;
    }
  }
  if (!state_.has_stream && !c.streams.empty()) select_session(state_, c.streams.front());
  state_.playback.play();
  set_status(ui_format("status.loaded", lang, {std::filesystem::path(c.path).filename().string(),
                                               std::to_string(c.session_count()), std::to_string(packets)}));
  if (!c.warning.empty()) set_status(state_.status + "  " + ui_format("status.warning", lang, {c.warning}));
  if (c.events_on_demand) set_status(state_.status + "  " + ui_text("status.on_demand", lang));
  if (!kept.empty()) set_status(state_.status + "  " + kept);
  add_recent_file(settings_, std::filesystem::absolute(c.path).string());
  save_settings_now();
  if (step_pending_ && lessons_.lesson() && capture_matches(state_, *lessons_.lesson())) show_lesson_step();
}

void MainView::set_language(Language language) {
  state_.language = language;
  refresh_facts(state_);
  save_settings_now();
}

void MainView::set_theme(bool dark) {
  state_.dark = dark;
  theme_dirty_ = true;
  save_settings_now();
}

void MainView::draw_menu_bar() {
  const Language lang = state_.language;
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu(ui_text("menu.file", lang))) {
    if (ImGui::MenuItem(ui_text("menu.file.open", lang), "Ctrl+O")) {
      std::string folder = state_.capture ? std::filesystem::path(state_.capture->path).parent_path().string() : ".";
      browser_.open(folder);
    }
    if (ImGui::BeginMenu(ui_text("menu.file.recent", lang))) {
      if (settings_.recent_files.empty()) ImGui::TextDisabled("%s", ui_text("menu.file.recent_none", lang));
      std::string chosen;
      for (const std::string& f : settings_.recent_files)
        if (ImGui::MenuItem(f.c_str())) chosen = f;
      if (!chosen.empty()) open(chosen);
      ImGui::EndMenu();
    }
    if (!default_capture.empty() && ImGui::MenuItem(ui_text("menu.file.default", lang))) open(default_capture);
    ImGui::Separator();
    if (ImGui::MenuItem(ui_text("menu.file.quit", lang), "Ctrl+Q")) quit_ = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(ui_text("menu.view", lang))) {
    if (ImGui::MenuItem(ui_text("menu.view.theme_light", lang), nullptr, !state_.dark)) set_theme(false);
    if (ImGui::MenuItem(ui_text("menu.view.theme_dark", lang), nullptr, state_.dark)) set_theme(true);
    ImGui::Separator();
    if (ImGui::MenuItem(ui_text("menu.view.journey", lang), nullptr, state_.journey)) {
      state_.journey = !state_.journey;
      if (state_.has_stream) {
        select_session(state_, state_.stream);
        state_.playback.play();
      }
    }
    ImGui::EndMenu();
  }
  draw_capture_menu();
  if (ImGui::BeginMenu(ui_text("menu.lessons", lang))) {
    if (ImGui::MenuItem(ui_text("menu.lessons.show", lang), nullptr, show_lessons_)) show_lessons_ = !show_lessons_;
    if (ImGui::MenuItem(ui_text("menu.lessons.list", lang))) {
      show_lessons_ = true;
      lessons_.close();
    }
    ImGui::EndMenu();
  }
  // The language switch sits on the bar itself, so that it can be found in either language.
  if (ImGui::BeginMenu(ui_text("menu.view.language", lang))) {
    if (ImGui::MenuItem(ui_text("lang.en", lang), nullptr, lang == Language::english)) set_language(Language::english);
    if (ImGui::MenuItem(ui_text("lang.ja", lang), nullptr, lang == Language::japanese)) set_language(Language::japanese);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(ui_text("menu.help", lang))) {
    ImGui::TextUnformatted(ui_text("menu.help.keys", lang));
    ImGui::Separator();
    ImGui::TextUnformatted(ui_text("stage.legend", lang));
    draw_stage_legend(state_);
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
}

void MainView::draw_capture_menu() {
  const Language lang = state_.language;
  if (!ImGui::BeginMenu(ui_text("menu.capture", lang))) return;
  const bool running = live_.running();
  if (ImGui::BeginMenu(ui_text("menu.capture.interface", lang), !running)) {
    if (!capture_bar_.listed) capture_bar_.refresh_interfaces();
    if (capture_bar_.interfaces.empty())
      ImGui::TextDisabled("%s", capture_bar_.interfaces_error.empty() ? ui_text("capture.none", lang)
                                                                      : capture_bar_.interfaces_error.c_str());
    for (const InterfaceInfo& info : capture_bar_.interfaces) {
      if (ImGui::MenuItem(CaptureToolbar::describe(info, lang).c_str(), nullptr, info.name == capture_bar_.interface))
        std::snprintf(capture_bar_.interface, sizeof capture_bar_.interface, "%s", info.name.c_str());
    }
    ImGui::Separator();
    if (ImGui::MenuItem(ui_text("menu.capture.refresh", lang))) capture_bar_.refresh_interfaces();
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem(ui_text("menu.capture.start", lang), nullptr, false, !running))
    start_live(capture_bar_.interface, capture_bar_.filter);
  if (ImGui::MenuItem(ui_text("menu.capture.stop", lang), nullptr, false, running)) stop_live();
  if (ImGui::MenuItem(ui_text("menu.capture.save", lang), nullptr, false, live_.active())) {
    const char* home = std::getenv("HOME");
    capture_bar_.request_save(home && *home ? home : ".");
  }
  ImGui::Separator();
  if (ImGui::MenuItem(ui_text("menu.capture.follow", lang), nullptr, settings_.follow_live)) {
    settings_.follow_live = !settings_.follow_live;
    save_settings_now();
  }
  if (ImGui::MenuItem(ui_text("menu.capture.toolbar", lang), nullptr, show_capture_bar_ || live_.active(), !live_.active()))
    show_capture_bar_ = !show_capture_bar_;
  ImGui::EndMenu();
}

void MainView::draw_status_line() {
  const Language lang = state_.language;
  if (loader_.busy()) {
    ImGui::TextUnformatted(ui_format("load.progress", lang, {std::filesystem::path(loader_.path()).filename().string()}).c_str());
    ImGui::SameLine();
    ImGui::ProgressBar(loader_.progress(), ImVec2(ImGui::GetFontSize() * 16, 0));
    ImGui::SameLine();
    if (ImGui::Button(ui_text("load.cancel", lang))) loader_.cancel();
    return;
  }
  ImGui::TextUnformatted(state_.status.c_str());
}

void MainView::draw_error_dialog() {
  const Language lang = state_.language;
  if (state_.error_new) {
    ImGui::OpenPopup("##error");
    state_.error_new = false;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal("##error", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PushFont(state_.fonts.large);
    ImGui::TextUnformatted(ui_text(state_.error_title, lang));
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextWrapped("%s", state_.error.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button(ui_text("error.dismiss", lang), ImVec2(ImGui::GetFontSize() * 6, 0))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void MainView::frame(double dt) {
  if (theme_dirty_) {
    apply_theme(state_.dark, state_.scale);
    theme_dirty_ = false;
  }
  pump_live();
  take_load_result();
  take_lessons();
  follow_lesson();
  ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
    handle_playback_keys(state_);
    // The GLFW backend of ImGui 1.86 indexes keys by GLFW key code, which is ASCII for letters.
    if (io.KeyCtrl && ImGui::IsKeyPressed('O', false)) browser_.open(".");
    if (io.KeyCtrl && ImGui::IsKeyPressed('Q', false)) quit_ = true;
  }
  state_.playback.advance(dt);
  sync_selection(state_, ImGui::GetTime());

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_MenuBar |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar;
  ImGui::Begin("mailscope", nullptr, flags);
  draw_menu_bar();
  const Language lang = state_.language;
  if (show_capture_bar_ || live_.active()) {
    const bool follow_before = settings_.follow_live;
    switch (draw_capture_toolbar(state_, capture_bar_, live_, ports_.capture_filter(), settings_.follow_live)) {
      case CaptureAction::start: start_live(capture_bar_.interface, capture_bar_.filter); break;
      case CaptureAction::stop: stop_live(); break;
      case CaptureAction::save: {
        const char* home = std::getenv("HOME");
        capture_bar_.request_save(home && *home ? home : ".");
        break;
      }
      case CaptureAction::none: break;
    }
    if (follow_before != settings_.follow_live) save_settings_now();
    ImGui::Separator();
  }
  const float status_h = ImGui::GetFrameHeightWithSpacing() + 4;
  const float body_h = ImGui::GetContentRegionAvail().y - status_h;
  const ImGuiTableFlags table_flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV;
  if (ImGui::BeginTable("layout", 3, table_flags, ImVec2(0, body_h))) {
    ImGui::TableSetupColumn("left", ImGuiTableColumnFlags_WidthStretch, 0.31f);
    ImGui::TableSetupColumn("stage", ImGuiTableColumnFlags_WidthStretch, 0.40f);
    ImGui::TableSetupColumn("inspector", ImGuiTableColumnFlags_WidthStretch, 0.29f);
    ImGui::TableNextRow(0, body_h);

    // Children sized 0 would fill the window, not the cell: give each the rest of the cell.
    float cell_top = 0;
    auto rest_of_cell = [&] { return std::max(20.0f, body_h - (ImGui::GetCursorPosY() - cell_top) - 4); };

    ImGui::TableSetColumnIndex(0);
    cell_top = ImGui::GetCursorPosY();
    if (show_lessons_) {
      // The lesson column replaces sessions, packets and bytes: the step's text beside the stage.
      ImGui::PushFont(state_.fonts.large);
      ImGui::TextUnformatted(ui_text("lessons.title", lang));
      ImGui::PopFont();
      ImGui::BeginChild("lessons", ImVec2(0, rest_of_cell()));
      if (draw_lesson_panel(state_, lessons_, lessons_loading()).replay && lessons_.is_open()) lesson_generation_ = 0;
      ImGui::EndChild();
    } else {
    ImGui::PushFont(state_.fonts.large);
    ImGui::TextUnformatted(ui_text("sessions.title", lang));
    ImGui::PopFont();
    ImGui::BeginChild("sessions", ImVec2(0, body_h * 0.40f));
    draw_sessions_panel(state_);
    ImGui::EndChild();
    ImGui::PushFont(state_.fonts.large);
    ImGui::TextUnformatted(ui_text("packets.title", lang));
    ImGui::PopFont();
    ImGui::BeginChild("packets", ImVec2(0, body_h * 0.22f));
    draw_packets_panel(state_);
    ImGui::EndChild();
    ImGui::PushFont(state_.fonts.large);
    ImGui::TextUnformatted(ui_text("hex.title", lang));
    ImGui::PopFont();
    ImGui::BeginChild("hex_view", ImVec2(0, rest_of_cell()));
    draw_hex_panel(state_);
    ImGui::EndChild();
    }

    ImGui::TableSetColumnIndex(1);
    cell_top = ImGui::GetCursorPosY();
    ImGui::PushFont(state_.fonts.large);
    ImGui::TextUnformatted(ui_text("stage.title", lang));
    ImGui::PopFont();
    const float bar_h = ImGui::GetFrameHeightWithSpacing() * 3 + ImGui::GetStyle().WindowPadding.y * 2;
    ImGui::BeginChild("stage", ImVec2(0, rest_of_cell() - bar_h), true);
    draw_stage_panel(state_);
    ImGui::EndChild();
    ImGui::BeginChild("playback", ImVec2(0, rest_of_cell()), true, ImGuiWindowFlags_NoScrollbar);
    draw_playback_bar(state_);
    ImGui::EndChild();

    ImGui::TableSetColumnIndex(2);
    cell_top = ImGui::GetCursorPosY();
    ImGui::PushFont(state_.fonts.large);
    ImGui::TextUnformatted(ui_text("inspector.title", lang));
    ImGui::PopFont();
    ImGui::BeginChild("inspector", ImVec2(0, rest_of_cell()));
    draw_inspector_panel(state_);
    ImGui::EndChild();
    ImGui::EndTable();
  }
  ImGui::Separator();
  draw_status_line();

  if (auto chosen = browser_.draw(lang)) open(*chosen);
  if (auto target = draw_save_dialog(state_, capture_bar_)) save_live(*target);
  draw_error_dialog();
  ImGui::End();
}

}  // namespace mailscope
