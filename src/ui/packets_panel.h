// ui/packets_panel.h — the packets of the session on stage (clipped list) and a hex/ASCII dump
// of the selected packet, each byte tinted in the colour of its OSI layer.
#pragma once
#include "ui/view_state.h"

namespace mailscope {

void draw_packets_panel(ViewState& state);
void draw_hex_panel(ViewState& state);

}  // namespace mailscope
