// lessons/progress_store.h — which lessons a learner finished and where they stopped.
//
//   ProgressStore store(ProgressStore::default_path());   // ~/.config/mailscope/progress.ini
//   store.load();                                          // a missing or corrupt file is fine
//   store.set_step("smtp-dialogue", 3);                    // the learner is on step 4 (0-based 3)
//   store.set_done("smtp-dialogue", true);
//   std::string error;
//   if (!store.save(error)) show(error);
//
// The file is a small INI file a person can read and edit:
//   [smtp-dialogue]
//   done = true
//   step = 3
// Lines that make no sense are skipped (counted in skipped_lines()), never fatal: losing a
// learner's progress to a bad byte would be worse than ignoring that byte. Writes go to a
// temporary file renamed over the old one, so a crash mid-save leaves the old file intact.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace mailscope {

struct LessonProgress {
  bool done = false;
  uint32_t last_step = 0;  // 0-based index of the step the learner saw last
};

class ProgressStore {
 public:
  static constexpr size_t max_file_bytes = 1024 * 1024;
  static constexpr size_t max_lessons = 10'000;

  // $XDG_CONFIG_HOME/mailscope/progress.ini, else $HOME/.config/mailscope/progress.ini, else
  // ./mailscope-progress.ini when neither variable is set.
  static std::filesystem::path default_path();

  explicit ProgressStore(std::filesystem::path path);

  // Reads the file, replacing what is in memory. False when there is no file (a fresh start)
  // or it cannot be read; corrupt lines are skipped either way.
  bool load();
  // Writes the file (creating its directory). False with a message naming the file.
  bool save(std::string& error) const;

  LessonProgress get(std::string_view lesson_id) const;  // zero progress when unknown
  void set(const std::string& lesson_id, LessonProgress progress);
  void set_step(const std::string& lesson_id, uint32_t step);
  void set_done(const std::string& lesson_id, bool done);
  void forget(const std::string& lesson_id);

  const std::map<std::string, LessonProgress, std::less<>>& all() const { return lessons_; }
  const std::filesystem::path& path() const { return path_; }
  size_t skipped_lines() const { return skipped_lines_; }

 private:
  std::filesystem::path path_;
  std::map<std::string, LessonProgress, std::less<>> lessons_;
  size_t skipped_lines_ = 0;
};

}  // namespace mailscope
