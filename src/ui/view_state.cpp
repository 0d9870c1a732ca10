// ui/view_state.cpp — selection changes: stage script, packet re-read, layer texts.
#include "ui/view_state.h"

#include <algorithm>

#include "ui/model/ui_strings.h"

namespace mailscope {

namespace {

void load_packet(ViewState& s, uint32_t stream, size_t index) {
  ShownPacket& p = s.packet;
  if (p.valid && p.stream == stream && p.index == index) return;
  p = ShownPacket{};
  p.stream = stream;
  p.index = index;
  if (!s.capture || !s.capture->file) return;
  const auto& list = s.capture->packets(stream);
  if (index >= list.size()) return;
  Frame frame;
  if (!s.capture->file->read_at(list[index].file_offset, list[index].number, frame)) return;
  // The reader's bytes are borrowed: copy them once, then decode our copy.
  p.bytes.assign(frame.data, frame.data + frame.captured_length);
  frame.data = p.bytes.data();
  decode_frame(frame, p.decoded);
  p.ranges = layer_ranges(p.decoded);
  p.valid = true;
}

// A large capture keeps events only for the sessions on the stage: decode the new ones again.
void restore_stage_events(ViewState& s, const std::vector<uint32_t>& streams) {
  std::string error;
  if (!s.capture->restore_events(streams, error)) {
    s.error = ui_format("error.replay", s.language, {error});
    s.error_title = "error.replay_title";
    s.error_new = true;
  }
}

}  // namespace

void select_session(ViewState& s, uint32_t stream) {
  if (!s.capture || !s.capture->dialogue(stream)) return;
  s.stream = stream;
  s.has_stream = true;
  std::vector<uint32_t> streams = s.journey ? chain_of(*s.capture, stream) : std::vector<uint32_t>{stream};
  restore_stage_events(s, streams);
  s.script = build_stage_script(*s.capture, streams);
  s.timeline.build(s.script.times_ns(), s.timing);
  s.playback.reset(&s.timeline);
  s.shown_step = ViewState::kNone;
  s.chosen_packet = ViewState::kNone;
  s.packet = ShownPacket{};
  ++s.script_generation;
}

void rebuild_timeline(ViewState& s) {
  size_t step = s.playback.current_step();
  bool playing = s.playback.playing();
  s.timeline.build(s.script.times_ns(), s.timing);
  s.playback.reset(&s.timeline);
  s.playback.go_to_step(step);
  if (playing) s.playback.play();
  ++s.script_generation;
}

void clear_stage(ViewState& s) {
  s.has_stream = false;
  s.script = StageScript{};
  s.timeline.build({}, s.timing);
  s.playback.reset(&s.timeline);
  s.shown_step = ViewState::kNone;
  s.chosen_packet = ViewState::kNone;
  s.packet = ShownPacket{};
  s.facts = LayerFacts{};
  ++s.script_generation;
}

void show_capture(ViewState& s, std::unique_ptr<LoadedCapture> capture) {
  s.capture = std::move(capture);
  ++s.capture_generation;
  clear_stage(s);
  uint64_t packets = 0;
  if (s.capture)
    for (const auto& list : s.capture->packets_by_stream) packets += list.size();
  s.total_packets = packets;
}

void refresh_session(ViewState& s, bool follow) {
  if (!s.has_stream) return;
  if (!s.capture || !s.capture->dialogue(s.stream)) {
    clear_stage(s);
    return;
  }
  const bool was_playing = s.playback.playing();
  const bool was_at_end = s.playback.at_end();
  const double clock = s.playback.clock();
  const StageStep before = s.shown_step < s.script.steps.size() ? s.script.steps[s.shown_step] : StageStep{};
  std::vector<uint32_t> streams = s.journey ? chain_of(*s.capture, s.stream) : std::vector<uint32_t>{s.stream};
  restore_stage_events(s, streams);
  s.script = build_stage_script(*s.capture, streams);
  s.timeline.build(s.script.times_ns(), s.timing);
  s.playback.reset(&s.timeline);
  s.playback.scrub_to(clock);
  if (was_playing || (follow && was_at_end)) s.playback.play();
  // Keep the inspector on its step when that step is still the same arrow.
  if (s.shown_step < s.script.steps.size()) {
    const StageStep& after = s.script.steps[s.shown_step];
    if (after.kind != before.kind || after.stream != before.stream || after.index != before.index)
      s.shown_step = ViewState::kNone;
    else
      refresh_facts(s);
  }
  ++s.script_generation;
}

const StageStep* shown_step(const ViewState& s) {
  return s.shown_step < s.script.steps.size() ? &s.script.steps[s.shown_step] : nullptr;
}

const Dialogue* shown_dialogue(const ViewState& s) {
  const StageStep* step = shown_step(s);
  if (!s.capture) return nullptr;
  if (step) return s.capture->dialogue(step->stream);
  return s.has_stream ? s.capture->dialogue(s.stream) : nullptr;
}

const DialogueEvent* shown_event(const ViewState& s) {
  const StageStep* step = shown_step(s);
  if (!step || step->kind != StageStep::Kind::event) return nullptr;
  const Dialogue* d = s.capture ? s.capture->dialogue(step->stream) : nullptr;
  return d && step->index < d->events.size() ? &d->events[step->index] : nullptr;
}

void refresh_facts(ViewState& s) {
  const Dialogue* d = shown_dialogue(s);
  if (!d) {
    s.facts = LayerFacts{};
    return;
  }
  const DialogueEvent* event = s.chosen_packet == ViewState::kNone ? shown_event(s) : nullptr;
  s.facts = describe_layers(*d, event, s.packet.valid ? &s.packet.decoded : nullptr, s.capture.get(), s.language);
}

void sync_selection(ViewState& s, double now) {
  if (s.script.steps.empty()) return;
  size_t step = s.playback.current_step();
  if (step == s.shown_step) return;
  s.shown_step = step;
  s.chosen_packet = ViewState::kNone;
  s.step_shown_at = now;
  const StageStep& st = s.script.steps[step];
  if (st.kind == StageStep::Kind::packet) {
    load_packet(s, st.stream, st.index);
  } else if (const DialogueEvent* e = shown_event(s); e && !e->span.empty()) {
    size_t index = s.capture->first_packet_at_or_after(st.stream, e->span.first_packet);
    load_packet(s, st.stream, index);
  } else {
    s.packet = ShownPacket{};
  }
  refresh_facts(s);
}

void choose_packet(ViewState& s, size_t index) {
  const Dialogue* d = shown_dialogue(s);
  if (!d) return;
  s.chosen_packet = index;
  load_packet(s, d->stream(), index);
  refresh_facts(s);
}

}  // namespace mailscope
