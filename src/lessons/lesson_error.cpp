// lessons/lesson_error.cpp — formatting of lesson errors; see lesson_error.h.
#include "lessons/lesson_error.h"

namespace mailscope {

std::string LessonError::to_string() const {
  // The compiler-style "file:line:" prefix lets editors jump to the mistake.
  std::string out = file.string();
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (step > 0) out += "step " + std::to_string(step) + ": ";
  out += message;
  return out;
}

}  // namespace mailscope
