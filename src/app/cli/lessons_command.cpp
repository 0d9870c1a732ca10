// app/cli/lessons_command.cpp — list, check and print lessons; see lessons_command.h.
//
// `--check` is what a teacher runs after editing a lesson: every file is parsed and every
// selector resolved against its capture, and each mistake printed as "file:line: step N: why"
// (the lesson_loader.h errors), so an editor can jump to it.
#include "app/cli/lessons_command.h"

#include <iostream>

#include "app/cli/cli_common.h"
#include "lessons/lesson_loader.h"

namespace mailscope::cli {
namespace {

constexpr size_t kEventLineWidth = 90;  // code points of an event's line shown under a step

struct Labels {
  const char* lesson;
  const char* step;
  const char* plays;
  const char* question;
  const char* answer;
  const char* steps;
};

const Labels& labels(Language language) {
  static const Labels en{"Lesson", "Step", "plays", "Question", "Answer", "steps"};
  static const Labels ja{"レッスン", "ステップ", "再生", "問題", "答え", "ステップ"};
  return language == Language::japanese ? ja : en;
}

std::string layer_label(int layer, Language language) {
  if (language == Language::japanese) return "OSI 第" + std::to_string(layer) + "層";
  return "OSI layer " + std::to_string(layer);
}

std::string shorten(std::string_view text, size_t width) {
  size_t newline = text.find('\n');
  size_t extra_lines = 0;
  if (newline != std::string_view::npos) {
    for (char c : text.substr(newline)) extra_lines += c == '\n';
    text = text.substr(0, newline);
  }
  std::string out;
  size_t code_points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++code_points > width) {
      out += "…";
      break;
    }
    out += text[i];
  }
  if (extra_lines) out += "  (+" + std::to_string(extra_lines) + " lines)";
  return out;
}

std::string event_line(const Dialogue& d, const DialogueEvent& e) {
  std::string who = e.direction == Direction::client_to_server ? "C: " : "S: ";
  std::string what;
  switch (e.type) {
    case EventType::connection_open:
      what = "[TCP connection opened: " + e.text + "]";
      break;
    case EventType::connection_close:
      what = "[TCP connection closed: " + e.text + "]";
      break;
    case EventType::data:
      what = "[message content: " + std::to_string(e.size_bytes) + " bytes]";
      break;
    case EventType::gap:
      what = "[" + std::to_string(e.size_bytes) + " bytes missing]";
      break;
    case EventType::tls:
      what = "[" + e.text + "]";
      break;
    default:
      what = e.text;
  }
  return "stream " + std::to_string(d.stream()) + " (" + std::string(protocol_name(d.protocol)) +
         ") " + who + shorten(what, kEventLineWidth);
}

// Prints `text` with `indent` before every line (the first line too unless `first` is false).
void print_text(const std::string& text, const char* indent, bool first = true) {
  if (first) std::cout << indent;
  for (char c : text) {
    std::cout << c;
    if (c == '\n') std::cout << indent;
  }
  std::cout << "\n";
}

LessonLoadOptions load_options(const LessonsOptions& options) {
  LessonLoadOptions load;
  load.captures_dir = options.captures_directory;
  return load;
}

size_t count_questions(const Lesson& lesson) {
  size_t n = 0;
  for (const LessonStep& s : lesson.steps) n += s.question.has_value();
  return n;
}

int run_check(const LessonsOptions& options) {
  LessonDirectory dir = load_lesson_directory(options.directory, load_options(options));
  for (const LessonError& e : dir.errors) std::cout << e.to_string() << "\n";
  if (!dir.errors.empty()) {
    if (dir.files == 0) return exit_input_error;  // no directory: its one error says so
    std::cout << dir.broken_files << " of " << dir.files << " lesson files in " << options.directory
              << " have mistakes (" << dir.errors.size() << " in all); the others load.\n";
    return exit_input_error;
  }
  if (dir.files == 0) {
    std::cout << "no *.toml lesson file in " << options.directory << "; nothing to check.\n";
    return exit_input_error;
  }
  size_t steps = 0, questions = 0;
  for (const Lesson& l : dir.lessons) steps += l.steps.size(), questions += count_questions(l);
  std::cout << dir.lessons.size() << " lessons in " << options.directory << ", " << steps
            << " steps, " << questions
            << " questions: every selector resolves to exactly one event.\n";
  return exit_ok;
}

int run_list(const LessonsOptions& options) {
  LessonDirectory dir = load_lesson_directory(options.directory, load_options(options));
  for (const Lesson& l : dir.lessons) {
    std::string level = lesson_level_label(l.level, options.language);
    std::cout << l.id << std::string(l.id.size() < 22 ? 22 - l.id.size() : 1, ' ') << level
              << std::string(level.size() < 14 ? 14 - level.size() : 1, ' ') << l.steps.size()
              << " " << labels(options.language).steps << "  " << l.title.in(options.language)
              << "\n";
  }
  for (const LessonError& e : dir.errors) std::cerr << e.to_string() << "\n";
  if (dir.lessons.empty() && !dir.errors.empty()) return exit_input_error;
  return exit_ok;
}

int run_show(const LessonsOptions& options) {
  LessonDirectory dir = load_lesson_directory(options.directory, load_options(options));
  const Lesson* lesson = nullptr;
  for (const Lesson& l : dir.lessons) {
    if (l.id == options.show_id) lesson = &l;
  }
  if (!lesson) {
    for (const LessonError& e : dir.errors) std::cerr << e.to_string() << "\n";
    print_error("no lesson with id \"" + options.show_id + "\" in " + options.directory +
                "; `mailscope-cli lessons` lists the ids");
    return exit_usage_error;
  }
  const Language lang = options.language;
  const Labels& text = labels(lang);
  CaptureAnalysisCache cache;
  const AnalyzedCapture& capture = cache.get(lesson->capture_path, lesson->ports);

  std::cout << text.lesson << " " << lesson->order << " · " << lesson->id << " · "
            << lesson_level_label(lesson->level, lang) << " · " << lesson->capture_path.string()
            << "\n\n"
            << lesson->title.in(lang) << "\n";
  print_text(lesson->summary.in(lang), "");
  for (size_t i = 0; i < lesson->steps.size(); ++i) {
    const LessonStep& step = lesson->steps[i];
    std::cout << "\n── " << text.step << " " << i + 1 << "/" << lesson->steps.size() << " · "
              << layer_label(step.layer, lang) << " · " << text.plays << ": "
              << play_mode_name(step.play) << " ──\n";
    print_text(step.text.in(lang), "");
    const auto& dialogues = capture.dialogues();
    const StepTarget& t = step.target;
    if (t.event.stream < dialogues.size() && dialogues[t.event.stream]) {
      const Dialogue& d = *dialogues[t.event.stream];
      std::cout << "\n  ▶ " << event_line(d, d.events[t.event.event]) << "\n";
      std::cout << "    " << text.plays << ": stream " << t.play_from.stream << " #"
                << t.play_from.event << " → stream " << t.play_to.stream << " #" << t.play_to.event
                << " (" << format_seconds(t.play_to_ns - t.play_from_ns) << " s)\n";
    }
    if (step.question) {
      const StepQuestion& q = *step.question;
      std::cout << "\n  " << text.question << ": ";
      print_text(q.prompt.in(lang), "    ", false);
      for (size_t c = 0; c < q.choices.size(); ++c) {
        std::cout << "    " << c + 1 << ") " << q.choices[c].in(lang) << "\n";
      }
      std::cout << "  " << text.answer << ": " << q.answer + 1 << "\n";
      print_text(q.explanation.in(lang), "    ");
    }
  }
  return exit_ok;
}

}  // namespace

int run_lessons(const LessonsOptions& options) {
  if (options.check) return run_check(options);
  if (!options.show_id.empty()) return run_show(options);
  return run_list(options);
}

}  // namespace mailscope::cli
