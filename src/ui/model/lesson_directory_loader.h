// ui/model/lesson_directory_loader.h — reads the lesson directory on a background thread.
//
// Loading the lessons analyses every lesson's capture to resolve the steps' selectors; that
// takes a moment, so it runs beside the frame loop like CaptureLoader (STYLE.md convention 6).
//
//   LessonDirectoryLoader loader;
//   loader.start("lessons");
//   // every frame: if (auto dir = loader.take_result()) player.set_directory(std::move(*dir));
#pragma once
#include <atomic>
#include <filesystem>
#include <optional>
#include <thread>

#include "lessons/lesson_loader.h"

namespace mailscope {

class LessonDirectoryLoader {
 public:
  LessonDirectoryLoader() = default;
  ~LessonDirectoryLoader();
  LessonDirectoryLoader(const LessonDirectoryLoader&) = delete;
  LessonDirectoryLoader& operator=(const LessonDirectoryLoader&) = delete;

  void start(const std::filesystem::path& dir);  // waits for a load already running first
  bool busy() const { return thread_.joinable() && !done_.load(std::memory_order_acquire); }
  std::optional<LessonDirectory> take_result();  // once, when finished

 private:
  std::thread thread_;
  std::atomic<bool> done_{false};
  LessonDirectory result_;  // written by the worker before done_, read after
};

// Where the lessons are: `lessons/` in the source tree, the share directory or the working
// directory (the first of `roots` that has one); empty when none has.
std::filesystem::path find_lesson_directory(const std::vector<std::string>& roots);

}  // namespace mailscope
