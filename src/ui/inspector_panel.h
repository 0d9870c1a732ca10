// ui/inspector_panel.h — the OSI inspector: the encapsulation animation (the message going
// down the sender's stack as each header is added, across the wire, up the receiver's stack)
// and the seven layers as a stack, each with what this event/packet carries there and the
// layer's job. The texts are composed once per selection (ViewState::facts).
#pragma once
#include "ui/view_state.h"

namespace mailscope {

void draw_inspector_panel(ViewState& state);

}  // namespace mailscope
