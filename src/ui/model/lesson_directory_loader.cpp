// ui/model/lesson_directory_loader.cpp — the lesson directory, loaded off the UI thread.
#include "ui/model/lesson_directory_loader.h"

#include <system_error>

namespace mailscope {

LessonDirectoryLoader::~LessonDirectoryLoader() {
  if (thread_.joinable()) thread_.join();
}

void LessonDirectoryLoader::start(const std::filesystem::path& dir) {
  if (thread_.joinable()) thread_.join();
  done_.store(false);
  thread_ = std::thread([this, dir] {
    result_ = load_lesson_directory(dir);
    done_.store(true, std::memory_order_release);
  });
}

std::optional<LessonDirectory> LessonDirectoryLoader::take_result() {
  if (!thread_.joinable() || !done_.load(std::memory_order_acquire)) return std::nullopt;
  thread_.join();
  return std::move(result_);
}

std::filesystem::path find_lesson_directory(const std::vector<std::string>& roots) {
  std::error_code ec;
  for (const std::string& root : roots) {
    std::filesystem::path dir = std::filesystem::path(root) / "lessons";
    if (std::filesystem::is_directory(dir, ec)) return dir;
  }
  return {};
}

}  // namespace mailscope
