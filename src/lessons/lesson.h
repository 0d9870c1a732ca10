// lessons/lesson.h — a lesson: a walk through one capture, step by step, in English and Japanese.
//
// Lessons are data (lessons/*.toml, see lessons/README.md); lesson_loader.h reads them into
// these structs and resolves every step's selector against the capture's dialogues, so a
// player only has to follow StepTarget:
//
//   LessonDirectory dir = load_lesson_directory("lessons");       // lesson_loader.h
//   for (const LessonError& e : dir.errors) show(e.to_string());    // bad files, with line numbers
//   const Lesson& lesson = dir.lessons[0];
//   open_capture(lesson.capture_path);                              // the same file the loader
//   read const LessonStep& step = lesson.steps[i]; select(step.target.event.stream,
//   step.target.event.event);      // the stage and the inspector open_layer(step.layer);
//   play(step.target.play_from, step.target.play_to); show(step.text.in(language));
//
// A step points at its event with a selector (event_selector.h), never with a packet number,
// so a capture recorded again (other ports, other timings, other packet counts) keeps working.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dialogue/explanations.h"
#include "lessons/event_selector.h"

namespace mailscope {

// A text in both languages; a loaded lesson always has both, reflowed into paragraphs
// separated by "\n\n" (lesson_text.h), ready for a view that wraps lines itself.
struct LocalizedText {
  std::string en, ja;
  const std::string& in(Language language) const {
    return language == Language::japanese ? ja : en;
  }
};

enum class LessonLevel : uint8_t { beginner = 1, intermediate = 2, advanced = 3 };
const char* lesson_level_name(LessonLevel level);                      // "beginner", ...
const char* lesson_level_label(LessonLevel level, Language language);  // "Beginner" / "初級"

// What a step plays on the stage, around its event.
enum class PlayMode : uint8_t {
  event,       // only the selected event
  exchange,    // the command the event belongs to and every reply to it (the default)
  session,     // the whole session of the event
  from_start,  // from the session's first event up to the selected one
  until,       // from the selected event to the event of `play_to` (any session)
};
const char* play_mode_name(PlayMode mode);                   // the names used in files
bool parse_play_mode(std::string_view name, PlayMode& out);  // accepts those names

struct StepQuestion {
  LocalizedText prompt;
  std::vector<LocalizedText> choices;  // 2..8 choices
  size_t answer = 0;                   // index into choices (files count from 1)
  LocalizedText explanation;           // shown after answering, right or wrong
};

// Where a step's selectors landed in the capture (filled in by the loader or resolve_step()).
struct StepTarget {
  bool resolved = false;
  EventRef event;                            // the selected event
  EventRef play_from, play_to;               // the range to play, both inclusive
  int64_t play_from_ns = 0, play_to_ns = 0;  // capture times of that range
};

struct LessonStep {
  LocalizedText text;
  EventSelector select;  // exactly one event
  uint8_t layer = 7;     // the OSI layer to open in the inspector, 1..7
  PlayMode play = PlayMode::exchange;
  std::optional<EventSelector> play_to;  // with PlayMode::until
  std::optional<StepQuestion> question;
  int line = 0;  // where the step starts in the file
  StepTarget target;
};

struct Lesson {
  std::string id;    // stable: the progress store's key ("smtp-dialogue")
  int order = 1000;  // lists sort by (order, id)
  LessonLevel level = LessonLevel::beginner;
  LocalizedText title, summary;
  std::string capture;                 // as written in the file, relative to the captures dir
  std::filesystem::path capture_path;  // where the loader found it
  int capture_line = 0;                // the line of `capture = ...` (for messages)
  std::vector<std::string> ports;      // extra port mappings, "2525=smtp"
  std::vector<LessonStep> steps;
  std::filesystem::path file;  // the lesson file
};

}  // namespace mailscope
