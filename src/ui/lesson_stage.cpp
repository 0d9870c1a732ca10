// ui/lesson_stage.cpp — from a resolved StepTarget to the stage's script, clock and inspector.
#include "ui/lesson_stage.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "lessons/step_resolver.h"

namespace mailscope {

bool capture_matches(const ViewState& s, const Lesson& lesson) {
  // A lesson's selectors read events anywhere in the capture: one opened as a large file
  // (events on demand) is loaded again for the lesson with all its events.
  if (!s.capture || s.capture->events_on_demand) return false;
  std::error_code ec;
  auto a = std::filesystem::weakly_canonical(s.capture->path, ec);
  if (ec) return false;
  auto b = std::filesystem::weakly_canonical(lesson.capture_path, ec);
  return !ec && a == b;
}

bool apply_lesson_step(ViewState& s, const Lesson& lesson, const LessonStep& step) {
  if (!s.capture || !s.capture->analyzer) return false;
  StepResolution r =
      resolve_step(step, s.capture->analyzer->dialogues(), lesson.capture_path.string());
  if (!r.target) return false;
  const StepTarget& t = *r.target;
  // A range across sessions needs the chain of sessions on the stage.
  const bool needs_chain =
      t.play_from.stream != t.play_to.stream || t.event.stream != t.play_from.stream;
  if (needs_chain) s.journey = true;
  select_session(s, t.event.stream);
  size_t from = s.script.find_event(t.play_from.stream, t.play_from.event);
  size_t to = s.script.find_event(t.play_to.stream, t.play_to.event);
  size_t at = s.script.find_event(t.event.stream, t.event.event);
  const size_t n = s.script.steps.size();
  if (n == 0) return false;
  if (at >= n) at = 0;
  if (from >= n) from = at;
  if (to >= n || to < from) to = std::max(from, at);
  s.playback.go_to_step(from);
  // Stop when the last arrow of the range has arrived, before the next step begins.
  const double travel =
      std::min(Playback::kTravelSeconds + 0.2, s.timeline.step_duration(to) * 0.95);
  s.playback.set_stop(s.timeline.start_seconds(to) + std::max(0.0, travel));
  s.playback.play();
  s.lesson_layer = std::clamp<int>(step.layer, 1, 7);
  s.scroll_to_layer = true;
  return true;
}

}  // namespace mailscope
