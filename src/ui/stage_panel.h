// ui/stage_panel.h — the stage: an animated ladder diagram of the session(s) on stage.
//
// Lanes are vertical lines (one per host role, labelled at the top); each step is a
// horizontal arrow at its timeline row, coloured, shaped and tagged by meaning. Steps already
// played are solid, the current one is thick with an envelope travelling along it, the steps
// to come are faint. Only the rows in view are drawn (Timeline::visible, a binary search).
// Hover shows the explanation; click moves the playback to the step and pauses.
#pragma once
#include "ui/view_state.h"

namespace mailscope {

void draw_stage_panel(ViewState& state);
// The legend: every meaning with its line, head, tag and name (for the Help menu / a popup).
void draw_stage_legend(const ViewState& state);

}  // namespace mailscope
