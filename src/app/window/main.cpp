// app/window/main.cpp — the `mailscope` window: command line, GLFW + OpenGL 3.3 core context,
// Dear ImGui, the frame loop, --screenshot and --benchmark-frames.
//
//   mailscope [FILE] [--screenshot PNG] [--play-seconds S] [--lang en|ja] [--theme light|dark]
//             [--port P=proto]... [--benchmark-frames N]
//             [--lesson ID [--step N]] [--walk-lessons [--walk-screenshots DIR]]
//             [--live IFACE [--capture-filter BPF] [--save-live FILE]]
//
// With no FILE the lesson list is shown, the first lesson's capture playing beside it.
// --lesson opens a lesson at step N (1-based; default: where the learner left it).
// --walk-lessons opens every step of every lesson in turn, prints each one, writes one
// screenshot per lesson into DIR (its middle step, after --play-seconds) and exits: 0 when
// every step was found in its capture, 1 otherwise (lesson_walk.h).
//
// --live starts capturing on IFACE at once (the Capture menu does the same). With --screenshot
// the capture runs for --play-seconds, then stops, is saved to --save-live FILE when given,
// and the picture is taken of the stopped capture.
//
// --screenshot loads the capture, plays it for S seconds, writes the window as a PNG and exits
// 0 (also when the capture could not be opened: the picture then shows the error). Status and
// error lines are printed to stdout too, so scripts and tests can read them.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "default_capture.h"
#include "frame_stats.h"
#include "lesson_walk.h"
#include "screenshot.h"
#include "ui/fonts.h"
#include "ui/main_view.h"
#include "ui/model/settings.h"
#include "ui/model/ui_strings.h"

namespace {

std::vector<std::string> g_dropped;  // filled by the drop callback, taken by the loop

void on_drop(GLFWwindow*, int count, const char** paths) {
  for (int i = 0; i < count && i < 64; ++i) g_dropped.emplace_back(paths[i]);
}

void on_glfw_error(int code, const char* text) { std::fprintf(stderr, "mailscope: GLFW error %d: %s\n", code, text); }

}  // namespace

int main(int argc, char** argv) {
  using namespace mailscope;
  CLI::App app{"mailscope: watch e-mail travel over a network, layer by layer"};
  std::string file, screenshot, lang, theme;
  double play_seconds = 2.0;
  int benchmark_frames = 0;
  std::vector<std::string> port_specs;
  app.add_option("file", file, "capture to open (pcap or pcapng); default: the built-in example");
  app.add_option("--screenshot", screenshot, "load, play for --play-seconds, write the window to this PNG, exit");
  app.add_option("--play-seconds", play_seconds, "playing time before the screenshot (seconds)")->check(CLI::Range(0.0, 600.0));
  app.add_option("--lang", lang, "interface language")->check(CLI::IsMember({"en", "ja"}));
  app.add_option("--theme", theme, "light or dark")->check(CLI::IsMember({"light", "dark"}));
  app.add_option("--port", port_specs, "decode a port as a protocol, e.g. 2525=smtp (repeatable)");
  app.add_option("--benchmark-frames", benchmark_frames, "draw N frames after loading, print frame times, exit")
      ->check(CLI::Range(1, 1000000));
  double on_demand_mb = static_cast<double>(kEventsOnDemandAbove) / (1 << 20);
  app.add_option("--decode-on-demand-above", on_demand_mb,
                 "captures larger than this (MB) keep session summaries only and decode a session "
                 "again from the file when it is shown (saves memory; 0: always)")
      ->check(CLI::Range(0.0, 1e9));
  std::string lesson_id, walk_dir;
  int lesson_step = 0;
  bool walk = false;
  app.add_option("--lesson", lesson_id, "open this lesson (its id, e.g. smtp-dialogue)");
  app.add_option("--step", lesson_step, "with --lesson: the step to open (1-based)")->check(CLI::Range(1, 10000));
  app.add_flag("--walk-lessons", walk, "open every step of every lesson, print them, exit");
  app.add_option("--walk-screenshots", walk_dir, "with --walk-lessons: write one PNG per lesson here");
  std::string live_interface, live_filter, live_save;
  app.add_option("--live", live_interface, "start capturing on this interface (e.g. lo)");
  app.add_option("--capture-filter", live_filter, "with --live: BPF capture filter (default: the mail ports)");
  app.add_option("--save-live", live_save, "with --live and --screenshot: save the capture here before the picture");
  CLI11_PARSE(app, argc, argv);

  PortMap ports;
  for (const std::string& spec : port_specs) {
    std::string error;
    if (!ports.add_mapping(spec, error)) {
      std::cerr << "mailscope: " << error << "\n";
      return 2;
    }
  }
  const bool unattended = !screenshot.empty() || benchmark_frames > 0 || walk;
  Settings settings;
  if (!unattended) load_settings(settings_path(), settings);
  if (lang == "ja") settings.language = Language::japanese;
  if (lang == "en") settings.language = Language::english;
  if (!theme.empty()) settings.dark_theme = theme == "dark";

  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    std::cerr << "mailscope: no display could be opened (is DISPLAY set? under ssh, use xvfb-run).\n";
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(settings.window_width, settings.window_height, "mailscope", nullptr, nullptr);
  if (!window) {
    std::cerr << "mailscope: could not create an OpenGL 3.3 window (check the graphics driver or Mesa).\n";
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(unattended ? 0 : 1);
  glfwSetDropCallback(window, on_drop);
  float scale_x = 1.0f, scale_y = 1.0f;
  glfwGetWindowContentScale(window, &scale_x, &scale_y);
  const float scale = std::max(1.0f, std::max(scale_x, scale_y));

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  static std::string ini_path;  // ImGui keeps the pointer
  if (unattended || settings_directory().empty()) {
    io.IniFilename = nullptr;
  } else {
    ini_path = settings_directory() + "/imgui.ini";
    io.IniFilename = ini_path.c_str();
  }
  // Unattended runs ignore the mouse: wherever Xvfb puts the pointer, no tooltip covers the picture.
  if (unattended) io.ConfigFlags |= ImGuiConfigFlags_NoMouse;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  UiFonts fonts = load_fonts(15.0f * scale);
  std::cout << "mailscope: " << fonts.report << std::endl;
  MainView view(settings, ports, !unattended);
  view.set_events_on_demand_above(static_cast<uint64_t>(on_demand_mb * (1 << 20)));
  view.set_fonts(fonts, scale);
  view.on_status = [](const std::string& line) { std::cout << "mailscope: " << line << std::endl; };
  view.default_capture = find_default_capture(default_capture_roots());
  // A new user (no file) lands on the lesson list with the journey capture playing beside it.
  view.start_lessons(find_lesson_directory(default_capture_roots()).string(), file.empty() && live_interface.empty());
  if (!lesson_id.empty())
    view.request_lesson(lesson_id, lesson_step > 0 ? std::optional<size_t>(lesson_step - 1) : std::nullopt);
  LessonWalk walker(walk_dir, play_seconds, settings.language == Language::japanese ? "ja" : "en");
  if (!live_interface.empty()) view.start_live(live_interface, live_filter);
  else if (!file.empty()) view.open(file);
  else if (!view.default_capture.empty()) view.open(view.default_capture);
  else view.on_status(ui_text("error.no_default", settings.language));

  FrameStats stats;
  auto last = std::chrono::steady_clock::now();
  double played = 0;           // seconds of playing after the load (screenshot mode)
  int ready_frames = 0;        // frames drawn since the load finished
  int benchmark_left = benchmark_frames;
  const auto started = last;
  double loaded_after = -1;    // seconds from the first frame until the capture was loaded
  bool done = false;
  bool live_stop_sent = false, live_saved = false, live_failed = false;
  while (!glfwWindowShouldClose(window) && !view.quit_requested() && !done) {
    // While a capture loads, 30 frames a second are enough for the progress bar; drawing more
    // (software rendering, or no vsync under Xvfb) takes the cores the loading and decoding
    // threads need. Input still wakes the loop at once.
    if (view.loading()) {
      glfwWaitEventsTimeout(1.0 / 30);
    } else {
      glfwPollEvents();
    }
    if (!g_dropped.empty()) {
      view.open_many(g_dropped);
      g_dropped.clear();
    }
    auto now = std::chrono::steady_clock::now();
    double dt = std::chrono::duration<double>(now - last).count();
    last = now;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    view.frame(dt);
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    const bool ready = !view.loading() && !view.lessons_loading() &&
                       (!view.lesson_player().is_open() || view.lesson_step_shown());
    if (walk && walker.frame(view, dt, width, height)) {
      done = true;
      glfwSwapBuffers(window);
      break;
    }
    if (ready && (!screenshot.empty() || benchmark_frames > 0)) played += dt;
    ready_frames = ready ? ready_frames + 1 : 0;
    // ImGui sizes a table's columns over the first frames it is drawn in; a picture taken at
    // once (--play-seconds 0) showed them one character wide.
    const bool settled = ready && ready_frames >= 3;
    const double waited = std::chrono::duration<double>(now - started).count();
    if (ready && loaded_after < 0) loaded_after = waited;
    // A live capture: stop when the time is up, wait for the last packets to be decoded,
    // save, then take the picture of the stopped capture.
    if (!screenshot.empty() && view.live_active() && ready && played >= play_seconds && waited <= 300.0) {
      if (view.live_running()) {
        if (!live_stop_sent) view.stop_live();
        live_stop_sent = true;
        glfwSwapBuffers(window);
        continue;
      }
      if (!live_save.empty() && !live_saved) {
        live_saved = true;
        if (!view.save_live(live_save)) live_failed = true;
        glfwSwapBuffers(window);
        continue;   // one more frame, so the picture shows the status after saving
      }
    }
    if (!screenshot.empty() && ((settled && played >= play_seconds) || waited > 300.0)) {
      std::string error;
      if (!write_screenshot(screenshot, width, height, error)) {
        std::cerr << "mailscope: " << error << "\n";
        return 1;
      }
      std::cout << "mailscope: screenshot written to " << screenshot << std::endl;
      done = true;
    }
    if (benchmark_frames > 0 && ready && played > 0.5) {
      glFinish();
      auto end = std::chrono::steady_clock::now();
      stats.add(std::chrono::duration<double, std::milli>(end - now).count());
      if (--benchmark_left <= 0) {
        std::cout << "capture loaded in: " << loaded_after << " s (from the first frame)\n";
        stats.print(std::cout, benchmark_frames);
        done = true;
      }
    }
    glfwSwapBuffers(window);
  }
  if (walk) std::cout << walker.summary() << std::endl;
  if (!unattended) {
    glfwGetWindowSize(window, &view.settings().window_width, &view.settings().window_height);
    view.save_settings_now();
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  if (walk && !walker.all_resolved()) return 1;
  return live_failed ? 1 : 0;
}
