// ui/capture_toolbar.h — the live capture's toolbar and its Save dialog: choose the interface,
// edit the capture filter, Start, Stop, Save, "follow live", and the counters of pcap_stats.
//
//   CaptureToolbar bar;                        // owned by MainView
//   bar.set(settings.live_interface, settings.live_filter);
//   switch (draw_capture_toolbar(state, bar, live, follow)) { case CaptureAction::start: ... }
//   if (auto path = draw_save_dialog(state, bar)) live.save(*path, error);
//
// The interface list is read from libpcap when the toolbar first shows and on Refresh, not
// every frame. The toolbar only reads the LiveController; MainView acts on what it returns.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "capture/live_capture.h"
#include "ui/model/live_controller.h"
#include "ui/view_state.h"

namespace mailscope {

enum class CaptureAction { none, start, stop, save };

struct CaptureToolbar {
  std::vector<InterfaceInfo> interfaces;
  std::string interfaces_error;
  bool listed = false;
  char interface[256] = "lo";
  char filter[1024] = "";
  char save_path[1024] = "";
  bool save_requested = false;

  void set(const std::string& interface_name, const std::string& filter_text);
  void refresh_interfaces();
  // "lo — loopback — 127.0.0.1, ::1": what the combo shows for an interface.
  static std::string describe(const InterfaceInfo& info, Language language);
  // Opens the Save dialog with a suggested file name in `folder`.
  void request_save(const std::string& folder);
};

// One row: interface, filter, Start/Stop/Save, Follow live, then the counters. `filter_hint`
// is the filter used when the field is empty (the mail ports).
CaptureAction draw_capture_toolbar(ViewState& state, CaptureToolbar& bar, const LiveController& live,
                                   const std::string& filter_hint, bool& follow_live);

// The Save dialog (a modal with a path field); returns the chosen path once.
std::optional<std::string> draw_save_dialog(ViewState& state, CaptureToolbar& bar);

}  // namespace mailscope
