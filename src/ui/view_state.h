// ui/view_state.h — what the panels share: the loaded capture, the session on the stage, the
// playback, the selection and the packet the inspector and hex view show.
//
// Panels read and change a ViewState; main_view.cpp owns it. Everything that costs more than
// a lookup (building the stage script, reading a packet from the file, composing the layer
// texts) happens once when the selection changes, never per frame.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "net/packet.h"
#include "ui/fonts.h"
#include "ui/model/layer_facts.h"
#include "ui/model/loaded_capture.h"
#include "ui/model/playback.h"
#include "ui/model/stage_script.h"
#include "ui/model/timeline.h"

namespace mailscope {

// One packet read again from the file, with its bytes kept (the decode points into them).
struct ShownPacket {
  bool valid = false;
  uint32_t stream = 0;
  size_t index = 0;                // in capture->packets(stream)
  std::vector<uint8_t> bytes;
  DecodedPacket decoded;
  std::vector<LayerRange> ranges;
};

struct ViewState {
  static constexpr size_t kNone = static_cast<size_t>(-1);

  Language language = Language::english;
  bool dark = false;
  float scale = 1.0f;
  UiFonts fonts;

  std::unique_ptr<LoadedCapture> capture;
  uint64_t capture_generation = 0;  // bumps when a capture is replaced (panels drop caches)
  uint64_t total_packets = 0;

  uint32_t stream = 0;              // the session on the stage (valid when has_stream)
  bool has_stream = false;
  bool journey = false;             // show the chain of sessions around `stream`
  StageScript script;
  Timeline timeline;
  TimingMode timing = TimingMode::real;
  Playback playback;
  uint64_t script_generation = 0;

  size_t shown_step = kNone;        // the step the inspector shows (follows the playback)
  size_t chosen_packet = kNone;     // a packet picked in the packet list, until the step changes
  ShownPacket packet;
  LayerFacts facts;
  double step_shown_at = 0;         // ImGui time when shown_step changed (encapsulation animation)

  int lesson_layer = 0;             // 1..7: the layer a lesson step opens (0: none)
  bool scroll_to_layer = false;     // the inspector scrolls to lesson_layer once

  std::string status;               // one line at the bottom
  std::string error;                // shown in a modal until dismissed
  const char* error_title = "error.title";   // ui_strings key of the modal's title
  bool error_new = false;
};

// Shows another capture (a file, or a live capture starting empty): nothing on the stage yet.
void show_capture(ViewState& state, std::unique_ptr<LoadedCapture> capture);
// Takes the session off the stage (the stage, inspector and hex view go empty).
void clear_stage(ViewState& state);
// Puts `stream` on the stage (alone, or with its chain when state.journey).
void select_session(ViewState& state, uint32_t stream);
// Rebuilds the timeline after a timing change, keeping the current step.
void rebuild_timeline(ViewState& state);
// A live capture added events or packets to the sessions on the stage: rebuilds the script,
// keeping the clock where it was. With `follow`, playback that was running or had reached
// the end goes on into the new steps. A session released meanwhile leaves the stage empty.
void refresh_session(ViewState& state, bool follow);
// Follows the playback: when the current step changed, reloads the packet and the layer texts.
void sync_selection(ViewState& state, double now);
// The packet list's choice.
void choose_packet(ViewState& state, size_t index);
// Recomputes the layer texts (after a language switch).
void refresh_facts(ViewState& state);

const StageStep* shown_step(const ViewState& state);
const DialogueEvent* shown_event(const ViewState& state);
const Dialogue* shown_dialogue(const ViewState& state);

}  // namespace mailscope
