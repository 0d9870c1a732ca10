// app/window/lesson_walk.cpp — the --walk-lessons state machine.
#include "lesson_walk.h"

#include <filesystem>
#include <iostream>

#include "screenshot.h"

namespace mailscope {

namespace {
constexpr double kMaxWaitSeconds =
    60.0;  // a step whose capture never loads is a failure, not a hang
}

LessonWalk::LessonWalk(std::string screenshot_dir, double play_seconds, std::string lang_tag)
    : dir_(std::move(screenshot_dir)), lang_(std::move(lang_tag)), play_seconds_(play_seconds) {}

bool LessonWalk::frame(MainView& view, double dt, int width, int height) {
  LessonPlayer& player = view.lesson_player();
  if (!started_) {
    if (view.lessons_loading() || !player.loaded()) return false;
    started_ = true;
    for (const LessonError& e : player.errors())
      std::cout << "walk: broken lesson " << e.to_string() << std::endl;
    if (player.lessons().empty()) return true;
    player.open(0, 0);
    return false;
  }
  if (!view.lesson_step_shown()) {
    waited_ += dt;
    if (waited_ < kMaxWaitSeconds) return false;
    std::cout << "walk: " << player.lesson()->id << " step " << player.step_index() + 1
              << ": the capture did not load" << std::endl;
    ++failed_;
    advance(player);
    return !player.is_open();
  }
  ++frames_;
  const size_t n = player.step_count(), i = player.step_index();
  const bool shot = !dir_.empty() && i == n / 2;
  if (shot) played_ += frames_ > 1 ? dt : 0.0;
  if (frames_ < 2 || (shot && played_ < play_seconds_)) return false;
  const Lesson& lesson = *player.lesson();
  const bool resolved = view.lesson_step_resolved();
  std::cout << "walk: " << lesson.id << " step " << i + 1 << "/" << n << " layer "
            << int(player.step()->layer) << (player.step()->question ? " question" : "")
            << (resolved ? ": shown" : ": NOT FOUND in the capture") << std::endl;
  ++steps_;
  if (!resolved) ++unresolved_;
  if (shot) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    std::string path = (std::filesystem::path(dir_) / (lesson.id + "-" + lang_ + ".png")).string(),
                error;
    if (write_screenshot(path, width, height, error)) {
      std::cout << "walk: screenshot written to " << path << std::endl;
      ++screenshots_;
    } else {
      std::cout << "walk: " << error << std::endl;
      ++failed_;
    }
  }
  advance(player);
  return !player.is_open();
}

void LessonWalk::advance(LessonPlayer& player) {
  frames_ = 0;
  played_ = 0;
  waited_ = 0;
  if (player.next()) return;
  ++lesson_;
  if (lesson_ < player.lessons().size())
    player.open(lesson_, 0);
  else
    player.close();
}

std::string LessonWalk::summary() const {
  return "walk: " + std::to_string(lesson_) + " lessons, " + std::to_string(steps_) + " steps, " +
         std::to_string(unresolved_) + " not found, " + std::to_string(screenshots_) +
         " screenshots, " + std::to_string(failed_) + " failures";
}

}  // namespace mailscope
