// ui/playback_bar.h — play/pause, step, speed, timing mode and the scrubber with markers for
// commands, errors and gaps. The markers are bucketed per pixel column once per script and
// width (never per step per frame), so a session of 200,000 steps draws as fast as one of 20.
// Keyboard (when no text field has focus): Space, ←/→, Home/End — see handle_playback_keys.
#pragma once
#include "ui/view_state.h"

namespace mailscope {

void draw_playback_bar(ViewState& state);
void handle_playback_keys(ViewState& state);

}  // namespace mailscope
