// ui/lesson_panel.h — the lessons column: the list (title, level, done / not yet, the
// mistakes of broken lesson files with file and line), then the open lesson: the step's text,
// Back / Next, "step i of n", the question with its choices, Check and the feedback.
//
// The panel only changes the LessonPlayer; MainView sees the player's generation change and
// drives the stage and the inspector (lesson_stage.h).
#pragma once
#include "ui/model/lesson_player.h"
#include "ui/view_state.h"

namespace mailscope {

struct LessonPanelResult {
  bool replay = false;  // "Play this step again"
};

LessonPanelResult draw_lesson_panel(ViewState& state, LessonPlayer& player, bool lessons_loading);

}  // namespace mailscope
