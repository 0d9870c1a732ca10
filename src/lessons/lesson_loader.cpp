// lessons/lesson_loader.cpp — parse, find the capture, analyse it, resolve; see lesson_loader.h.
#include "lessons/lesson_loader.h"

#include <algorithm>
#include <system_error>

#include "capture/capture_file.h"
#include "lessons/lesson_parser.h"
#include "lessons/step_resolver.h"

namespace mailscope {

namespace fs = std::filesystem;

namespace {

const std::vector<std::unique_ptr<Dialogue>> no_dialogues;

void sort_errors(std::vector<LessonError>& errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const LessonError& a, const LessonError& b) {
    if (a.file != b.file) return a.file < b.file;
    return a.line < b.line;
  });
}

}  // namespace

const std::vector<std::unique_ptr<Dialogue>>& AnalyzedCapture::dialogues() const {
  return analyzer ? analyzer->dialogues() : no_dialogues;
}

const AnalyzedCapture& CaptureAnalysisCache::get(const fs::path& path,
                                                 const std::vector<std::string>& ports) {
  std::string key = path.string();
  for (const std::string& p : ports) key += "\n" + p;
  auto found = entries_.find(key);
  if (found != entries_.end()) return found->second;
  AnalyzedCapture& entry = entries_[key];
  CaptureFile::Opened opened = CaptureFile::open(path.string());
  if (!opened.ok()) {
    entry.error = opened.error;
    return entry;
  }
  AnalyzerOptions options;
  for (const std::string& mapping : ports) {
    std::string error;
    options.ports.add_mapping(mapping, error);  // checked by the parser already
  }
  entry.analyzer = std::make_unique<MailAnalyzer>(std::move(options));
  Frame frame;
  while (opened.file->next(frame)) entry.analyzer->add_frame(frame);
  entry.analyzer->finish();
  return entry;
}

fs::path default_captures_dir(const fs::path& lesson_dir) {
  fs::path dir = lesson_dir.empty() ? fs::path(".") : lesson_dir;
  return (dir / ".." / "captures").lexically_normal();
}

LoadedLesson load_lesson(const fs::path& file, const LessonLoadOptions& options,
                         CaptureAnalysisCache* cache) {
  LoadedLesson result;
  ParsedLesson parsed = parse_lesson_file(file);
  result.errors = std::move(parsed.errors);
  Lesson& lesson = parsed.lesson;

  if (options.resolve && !lesson.capture.empty()) {
    fs::path captures = options.captures_dir.empty() ? default_captures_dir(file.parent_path())
                                                     : options.captures_dir;
    lesson.capture_path = captures / lesson.capture;
    std::error_code ec;
    if (!fs::is_regular_file(lesson.capture_path, ec)) {
      result.errors.push_back(
          {file, lesson.capture_line, 0, 0,
           "capture file " + lesson.capture_path.string() +
               " not found; record it (captures/record.sh) or fix capture = \"" + lesson.capture +
               "\""});
    } else {
      CaptureAnalysisCache local;
      const AnalyzedCapture& analyzed =
          (cache ? *cache : local).get(lesson.capture_path, lesson.ports);
      if (!analyzed.error.empty()) {
        result.errors.push_back({file, lesson.capture_line, 0, 0, analyzed.error});
      } else {
        for (LessonError& e :
             resolve_lesson(lesson, analyzed.dialogues(), lesson.capture_path.string())) {
          result.errors.push_back(std::move(e));
        }
      }
    }
  }
  sort_errors(result.errors);
  if (result.errors.empty()) result.lesson = std::move(lesson);
  return result;
}

LessonDirectory load_lesson_directory(const fs::path& dir, const LessonLoadOptions& options) {
  LessonDirectory result;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    result.errors.push_back({dir, 0, 0, 0,
                             "no lesson directory here; pass the directory that "
                             "holds the *.toml lesson files"});
    return result;
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".toml" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  result.files = files.size();
  CaptureAnalysisCache cache;
  std::map<std::string, fs::path> ids;
  for (const fs::path& file : files) {
    LoadedLesson loaded = load_lesson(file, options, &cache);
    if (loaded.lesson) {
      auto [at, fresh] = ids.emplace(loaded.lesson->id, file);
      if (!fresh) {
        loaded.errors.push_back({file, 1, 0, 0,
                                 "id \"" + loaded.lesson->id + "\" is already used by " +
                                     at->second.string() + "; give every lesson its own id"});
        loaded.lesson.reset();
      }
    }
    if (loaded.lesson) {
      result.lessons.push_back(std::move(*loaded.lesson));
    } else {
      ++result.broken_files;
      for (LessonError& e : loaded.errors) result.errors.push_back(std::move(e));
    }
  }
  std::stable_sort(result.lessons.begin(), result.lessons.end(),
                   [](const Lesson& a, const Lesson& b) {
                     return a.order != b.order ? a.order < b.order : a.id < b.id;
                   });
  return result;
}

}  // namespace mailscope
