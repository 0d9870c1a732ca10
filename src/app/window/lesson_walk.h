// app/window/lesson_walk.h — `mailscope --walk-lessons`: every step of every lesson, opened in
// the real window one after the other, for tests and for checking a new lesson file by eye.
//
//   LessonWalk walk("shots", 0.5, "en");
//   while (running) { ...draw a frame...; if (walk.frame(view, dt, w, h)) break; }
//   std::cout << walk.summary();            // exit code: walk.all_resolved() ? 0 : 1
//
// A step counts as visited once it has been on the stage for two frames; the middle step of
// each lesson is also played for `play_seconds` and written as DIR/<id>-<lang>.png.
#pragma once
#include <cstddef>
#include <string>

#include "ui/main_view.h"

namespace mailscope {

class LessonWalk {
 public:
  LessonWalk(std::string screenshot_dir, double play_seconds, std::string lang_tag);

  // Called after each frame is rendered (before the swap); true when the walk is over.
  bool frame(MainView& view, double dt, int width, int height);

  bool all_resolved() const { return started_ && unresolved_ == 0 && failed_ == 0 && steps_ > 0; }
  std::string summary() const;

 private:
  void advance(LessonPlayer& player);

  std::string dir_, lang_;
  double play_seconds_ = 0.5;
  bool started_ = false;
  size_t lesson_ = 0;
  int frames_ = 0;     // frames drawn with the current step on the stage
  double played_ = 0;  // seconds played on the screenshot step
  double waited_ = 0;  // seconds waited for the current step (capped)
  size_t steps_ = 0, unresolved_ = 0, failed_ = 0, screenshots_ = 0;
};

}  // namespace mailscope
