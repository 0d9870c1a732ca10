// lessons/lesson_parser.h — one lesson file's TOML text into a Lesson, every mistake reported.
//
//   ParsedLesson parsed = parse_lesson_text(text, "lessons/02-smtp-dialogue.toml");
//   for (const LessonError& e : parsed.errors) std::cerr << e.to_string() << "\n";
//
// This is the file-format half of loading: syntax (toml++ gives line and column), unknown keys
// (reported with a "did you mean" so typos do not silently drop a text), missing keys, missing
// languages, value ranges, an answer index outside the choices. It does not open the capture;
// lesson_loader.h does that and resolves the selectors. The format is described, with an
// example, in lessons/README.md.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/lesson_error.h"

namespace mailscope {

// Caps: a lesson file is prose written by hand; anything bigger is a mistake, not a lesson.
inline constexpr size_t max_lesson_file_bytes = 512 * 1024;
inline constexpr size_t max_lesson_steps = 200;
inline constexpr size_t max_question_choices = 8;
inline constexpr size_t max_lesson_id_length = 64;

struct ParsedLesson {
  Lesson lesson;                    // filled as far as the file allowed
  std::vector<LessonError> errors;  // sorted by line; empty when the file is well-formed
  bool ok() const { return errors.empty(); }
};

ParsedLesson parse_lesson_text(std::string_view text, const std::filesystem::path& file);

// Reads the file (at most max_lesson_file_bytes) and parses it.
ParsedLesson parse_lesson_file(const std::filesystem::path& file);

// True for ids made of a-z, 0-9, '-', '_' and '.', 1..max_lesson_id_length long (they name
// sections of the progress file).
bool is_valid_lesson_id(std::string_view id);

}  // namespace mailscope
