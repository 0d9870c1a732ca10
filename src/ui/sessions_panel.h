// ui/sessions_panel.h — the table of sessions: protocol badge, client → server, start,
// duration, commands, bytes and badges (AUTH, cleartext password, TLS, gaps, retransmissions).
// Sortable by any column, filtered by text and protocol; selecting a row puts the session on
// the stage. The filtered, sorted order is cached and rebuilt only when the capture, filter
// or sort changes; drawing clips to the visible rows (ImGuiListClipper).
#pragma once
#include "ui/view_state.h"

namespace mailscope {

void draw_sessions_panel(ViewState& state);

}  // namespace mailscope
