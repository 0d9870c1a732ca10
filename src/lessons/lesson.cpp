// lessons/lesson.cpp — names of lesson levels and play modes; see lesson.h.
#include "lessons/lesson.h"

namespace mailscope {

const char* lesson_level_name(LessonLevel level) {
  switch (level) {
    case LessonLevel::beginner:
      return "beginner";
    case LessonLevel::intermediate:
      return "intermediate";
    case LessonLevel::advanced:
      return "advanced";
  }
  return "beginner";
}

const char* lesson_level_label(LessonLevel level, Language language) {
  bool ja = language == Language::japanese;
  switch (level) {
    case LessonLevel::beginner:
      return ja ? "初級" : "Beginner";
    case LessonLevel::intermediate:
      return ja ? "中級" : "Intermediate";
    case LessonLevel::advanced:
      return ja ? "上級" : "Advanced";
  }
  return ja ? "初級" : "Beginner";
}

const char* play_mode_name(PlayMode mode) {
  switch (mode) {
    case PlayMode::event:
      return "event";
    case PlayMode::exchange:
      return "exchange";
    case PlayMode::session:
      return "session";
    case PlayMode::from_start:
      return "from_start";
    case PlayMode::until:
      return "until";
  }
  return "exchange";
}

bool parse_play_mode(std::string_view name, PlayMode& out) {
  for (PlayMode mode : {PlayMode::event, PlayMode::exchange, PlayMode::session,
                        PlayMode::from_start, PlayMode::until}) {
    if (name == play_mode_name(mode)) {
      out = mode;
      return true;
    }
  }
  return false;
}

}  // namespace mailscope
