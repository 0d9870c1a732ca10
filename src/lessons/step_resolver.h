// lessons/step_resolver.h — where a step's selectors land in a capture: the event, the range to
// play.
//
//   const auto& dialogues = analyzer.dialogues();            // MailAnalyzer over
//   lesson.capture_path StepResolution r = resolve_step(lesson.steps[i], dialogues,
//   "captures/smtp-plain.pcap"); if (r.target) { select(r.target->event); play(r.target->play_from,
//   r.target->play_to); }
//
// The loader calls this for every step (lesson_loader.h); the window may call it again against
// the dialogues it analysed itself, which are the same for the same file and port mappings.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dialogue/dialogue.h"
#include "lessons/lesson.h"
#include "lessons/lesson_error.h"

namespace mailscope {

struct ResolveProblem {
  int line = 0, column = 0;  // the selector's place in the lesson file
  std::string message;
};

struct StepResolution {
  std::optional<StepTarget> target;  // set when every selector of the step resolved
  std::vector<ResolveProblem> problems;
};

StepResolution resolve_step(const LessonStep& step,
                            const std::vector<std::unique_ptr<Dialogue>>& dialogues,
                            const std::string& where);

// Resolves every step, storing the targets in the lesson; returns the problems as errors of
// the lesson's file.
std::vector<LessonError> resolve_lesson(Lesson& lesson,
                                        const std::vector<std::unique_ptr<Dialogue>>& dialogues,
                                        const std::string& where);

}  // namespace mailscope
