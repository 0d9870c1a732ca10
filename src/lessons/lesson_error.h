// lessons/lesson_error.h — one mistake in a lesson file, with where it is and what to do.
//
// Printed by `mailscope-cli lessons --check` and shown in the window's lesson list:
//   lessons/03-submission-auth.toml:12: step 4: selector {verb="AUTH"} matches no event in
//   captures/…
#pragma once
#include <filesystem>
#include <string>

namespace mailscope {

struct LessonError {
  std::filesystem::path file;
  int line = 0;         // 1-based; 0 when the mistake has no line (a missing file)
  int column = 0;       // 1-based; 0 when unknown
  int step = 0;         // 1-based step number; 0 when not inside a step
  std::string message;  // what is wrong and, where it helps, what to write instead

  // "file:line: step N: message" (parts without a value are left out).
  std::string to_string() const;
};

}  // namespace mailscope
