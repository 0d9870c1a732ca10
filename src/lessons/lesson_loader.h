// lessons/lesson_loader.h — lesson files in, checked lessons with resolved steps out.
//
//   LessonDirectory dir = load_lesson_directory("lessons");   // captures from ../captures
//   for (const LessonError& e : dir.errors) report(e.to_string());   // the broken files
//   for (const Lesson& l : dir.lessons) list(l.id, l.level, l.title.in(language));
//
// Loading one file: parse it (lesson_parser.h), find its capture (captures_dir / capture),
// analyse the capture with MailAnalyzer (the lesson's port mappings added), resolve every
// step's selectors (step_resolver.h). A lesson with any error is left out and its errors
// reported; the other lessons of the directory still load. Captures shared by several
// lessons are analysed once (CaptureAnalysisCache).
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/lesson_error.h"
#include "protocols/mail_analyzer.h"

namespace mailscope {

struct LessonLoadOptions {
  // Where `capture = "..."` files are; empty: the directory "captures" beside the lesson
  // directory (lessons/x.toml -> captures/).
  std::filesystem::path captures_dir;
  bool resolve = true;  // false: check the file format only (no capture is opened)
};

// A capture analysed once for all lessons that use it.
struct AnalyzedCapture {
  std::string error;                       // could not open / read; empty when fine
  std::unique_ptr<MailAnalyzer> analyzer;  // owns the dialogues
  const std::vector<std::unique_ptr<Dialogue>>& dialogues() const;
};

class CaptureAnalysisCache {
 public:
  // Analyses `path` with these extra port mappings (once per path and mappings).
  const AnalyzedCapture& get(const std::filesystem::path& path,
                             const std::vector<std::string>& ports);

 private:
  std::map<std::string, AnalyzedCapture> entries_;
};

struct LoadedLesson {
  std::optional<Lesson> lesson;  // set only when errors is empty
  std::vector<LessonError> errors;
};

LoadedLesson load_lesson(const std::filesystem::path& file, const LessonLoadOptions& options = {},
                         CaptureAnalysisCache* cache = nullptr);

struct LessonDirectory {
  std::vector<Lesson> lessons;      // the good ones, sorted by (order, id)
  std::vector<LessonError> errors;  // of the bad ones, by file then line
  size_t files = 0;                 // *.toml files found
  size_t broken_files = 0;
};

// Every *.toml file of `dir` (not recursive; README.md and other files are ignored). A
// missing directory is one error. Two files with the same id: the second is an error.
LessonDirectory load_lesson_directory(const std::filesystem::path& dir,
                                      const LessonLoadOptions& options = {});

// The captures directory for lesson files in `lesson_dir`: lesson_dir/../captures.
std::filesystem::path default_captures_dir(const std::filesystem::path& lesson_dir);

}  // namespace mailscope
