// lessons/step_resolver.cpp — selectors to events and play ranges; see step_resolver.h.
#include "lessons/step_resolver.h"

#include <algorithm>

namespace mailscope {

namespace {

const Dialogue* dialogue_of(const std::vector<std::unique_ptr<Dialogue>>& dialogues,
                            uint32_t stream) {
  for (const auto& d : dialogues) {
    if (d && d->stream() == stream) return d.get();
  }
  return nullptr;
}

int64_t start_time(const Dialogue& d, uint32_t index) {
  const DialogueEvent& e = d.events[index];
  return e.span.empty() ? d.session.first_time_ns : e.span.first_time_ns;
}

int64_t end_time(const Dialogue& d, uint32_t index) {
  const DialogueEvent& e = d.events[index];
  return e.span.empty() ? start_time(d, index) : e.span.last_time_ns;
}

// The command an event belongs to (itself for a command), or -1.
int64_t command_of(const Dialogue& d, uint32_t index) {
  const DialogueEvent& e = d.events[index];
  if (e.type == EventType::command) return index;
  if (e.answers >= 0 && static_cast<size_t>(e.answers) < d.events.size()) return e.answers;
  return -1;
}

}  // namespace

StepResolution resolve_step(const LessonStep& step,
                            const std::vector<std::unique_ptr<Dialogue>>& dialogues,
                            const std::string& where) {
  StepResolution result;
  if (step.select.empty()) return result;  // the parser already reported the selector
  SelectedEvent selected = select_event(step.select, dialogues, where);
  if (!selected.event) {
    result.problems.push_back({step.select.line, step.select.column, selected.error});
    return result;
  }
  const EventRef at = *selected.event;
  const Dialogue& d = *dialogue_of(dialogues, at.stream);
  StepTarget target;
  target.event = at;
  target.play_from = target.play_to = at;
  switch (step.play) {
    case PlayMode::event:
      break;
    case PlayMode::exchange: {
      // RFC 5321 §4.2 / RFC 1939 §3 / RFC 3501 §2.2.2: replies answer a command; play the
      // command and every event that answers it (continuations, data, the final reply).
      int64_t command = command_of(d, at.event);
      if (command < 0) break;
      uint32_t last = at.event;
      for (size_t i = static_cast<size_t>(command) + 1; i < d.events.size(); ++i) {
        if (d.events[i].answers == command) last = std::max(last, static_cast<uint32_t>(i));
      }
      target.play_from.event = static_cast<uint32_t>(command);
      target.play_to.event = last;
      break;
    }
    case PlayMode::session:
      target.play_from.event = 0;
      target.play_to.event = static_cast<uint32_t>(d.events.size() - 1);
      break;
    case PlayMode::from_start:
      target.play_from.event = 0;
      break;
    case PlayMode::until: {
      if (!step.play_to) break;
      SelectedEvent until = select_event(*step.play_to, dialogues, where);
      if (!until.event) {
        result.problems.push_back(
            {step.play_to->line, step.play_to->column, "play_to: " + until.error});
        return result;
      }
      const Dialogue& to_dialogue = *dialogue_of(dialogues, until.event->stream);
      bool same = until.event->stream == at.stream;
      bool before = same ? until.event->event < at.event
                         : end_time(to_dialogue, until.event->event) < start_time(d, at.event);
      if (before) {
        result.problems.push_back({step.play_to->line, step.play_to->column,
                                   "play_to " + step.play_to->describe() +
                                       " comes before the step's event " + step.select.describe() +
                                       "; play runs forward, pick a later event"});
        return result;
      }
      target.play_to = *until.event;
      break;
    }
  }
  const Dialogue& to = *dialogue_of(dialogues, target.play_to.stream);
  target.play_from_ns = start_time(d, target.play_from.event);
  target.play_to_ns = end_time(to, target.play_to.event);
  target.resolved = true;
  result.target = target;
  return result;
}

std::vector<LessonError> resolve_lesson(Lesson& lesson,
                                        const std::vector<std::unique_ptr<Dialogue>>& dialogues,
                                        const std::string& where) {
  std::vector<LessonError> errors;
  for (size_t i = 0; i < lesson.steps.size(); ++i) {
    LessonStep& step = lesson.steps[i];
    StepResolution r = resolve_step(step, dialogues, where);
    if (r.target) step.target = *r.target;
    for (ResolveProblem& p : r.problems) {
      errors.push_back(
          {lesson.file, p.line, p.column, static_cast<int>(i + 1), std::move(p.message)});
    }
  }
  return errors;
}

}  // namespace mailscope
