// app/cli/lessons_command.h — `mailscope-cli lessons`: list, check and read the lessons.
//
//   mailscope-cli lessons [DIR] [--lang en|ja]            the lessons: id, level, steps, title
//   mailscope-cli lessons --check [DIR]                   every file, every selector; exit 1 if
//   broken mailscope-cli lessons show ID [--lang ja] [DIR]       a lesson's steps with the line
//   each shows
#pragma once
#include <string>

#include "dialogue/explanations.h"

namespace mailscope::cli {

struct LessonsOptions {
  std::string directory = "lessons";
  std::string captures_directory;  // empty: DIR/../captures
  bool check = false;
  std::string show_id;  // non-empty: `show ID`
  Language language = Language::english;
};

int run_lessons(const LessonsOptions& options);

}  // namespace mailscope::cli
