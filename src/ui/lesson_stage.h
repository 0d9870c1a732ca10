// ui/lesson_stage.h — a lesson step drives the stage and the inspector: the step's session on
// the stage, its range played (play_from → play_to, then a pause), its OSI layer opened.
//
//   if (capture_matches(state, lesson)) apply_lesson_step(state, lesson, step);
//   else open(lesson.capture_path);   // and apply once the load is done
#pragma once
#include "lessons/lesson.h"
#include "ui/view_state.h"

namespace mailscope {

// True when the capture open in the window is the lesson's capture file.
bool capture_matches(const ViewState& state, const Lesson& lesson);

// Resolves the step against the window's own dialogues (the window may have analysed the file
// with other port mappings), selects the session, plays the range and opens the layer.
// False when the step does not resolve in the open capture (the stage is then left alone).
bool apply_lesson_step(ViewState& state, const Lesson& lesson, const LessonStep& step);

}  // namespace mailscope
