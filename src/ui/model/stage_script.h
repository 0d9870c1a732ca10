// ui/model/stage_script.h — what the stage plays: the steps (arrows) of one session, or of
// several sessions merged in time order, with the lanes each arrow joins.
//
//   StageScript script = build_stage_script(capture, {stream});   // or a chain of streams
//   timeline.build(script.times_ns(), TimingMode::real);
//   for (const StageStep& s : script.steps) draw_arrow(s.from_lane, s.to_lane, ...);
//
// A step is a dialogue event (command, reply, data, TLS, gap, ...) or one of the TCP control
// segments that open and close the connection (SYN, SYN/ACK, the handshake's ACK, FIN, RST),
// drawn smaller as L4 arrows. Events without a time (none should have one) take the time of
// the step before them, so the steps stay sorted.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ui/model/lane_layout.h"
#include "ui/model/loaded_capture.h"

namespace mailscope {

struct StageStep {
  enum class Kind : uint8_t { event, packet };
  Kind kind = Kind::event;
  uint32_t stream = 0;
  uint32_t index = 0;          // event index in the dialogue, or packet index in packets(stream)
  int64_t time_ns = 0;
  int from_lane = 0, to_lane = 0;
  bool is_exchange_start = false;  // a command (or greeting): "step to next exchange" stops here
};

struct StageScript {
  std::vector<uint32_t> streams;   // the sessions shown
  LaneLayout layout;
  std::vector<StageStep> steps;    // time ordered

  std::vector<int64_t> times_ns() const;
  // Index of the step showing event `event` of `stream`, or steps.size().
  size_t find_event(uint32_t stream, uint32_t event) const;
};

struct StageLimits {
  size_t max_steps = 200000;       // a huge session is cut here (and says so)
};

// "SYN", "SYN/ACK", "ACK", "FIN/ACK", "RST" — the label of an L4 arrow.
std::string tcp_flags_label(uint8_t flags);
// True for the segments the stage draws as L4 arrows.
bool is_control_segment(uint8_t flags);

StageScript build_stage_script(const LoadedCapture& capture, const std::vector<uint32_t>& streams,
                               const StageLimits& limits = {});

// Streams that form a chain with `stream`: sessions sharing a host with it (directly or
// through other sessions), up to `max_streams`, in time order. Used for the "whole journey"
// view, e.g. sender → MSA → MTA → IMAP server ← reader.
std::vector<uint32_t> chain_of(const LoadedCapture& capture, uint32_t stream, size_t max_streams = 16);

}  // namespace mailscope
