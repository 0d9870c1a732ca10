// ui/model/playback.h — the playback state of the stage: a clock over a Timeline.
//
//   Playback play;
//   play.reset(&timeline);
//   play.toggle();                       // Space
//   play.advance(frame_seconds);         // every frame; false when nothing moved
//   size_t step = play.current_step();
//   float f = play.envelope_fraction();  // 0..1 along the current arrow
//
// Steps and scrubbing move the clock; the envelope travels during the first part of a step
// (at most `travel_seconds`), then rests at the arrow's head until the next step begins.
#pragma once
#include <cstddef>

#include "ui/model/timeline.h"

namespace mailscope {

class Playback {
 public:
  static constexpr double kMinSpeed = 0.25, kMaxSpeed = 16.0;
  static constexpr double kTravelSeconds = 0.6;

  void reset(const Timeline* timeline);   // clock to 0, paused
  void play();
  void pause() { playing_ = false; }
  void toggle();
  bool playing() const { return playing_; }

  // Moves the clock by `seconds` of real time times the speed. Stops at the end.
  bool advance(double seconds);

  void step_next();       // start of the next step
  void step_prev();       // start of the current step, or the previous one if already there
  void go_home();         // first step
  void go_end();          // end of the last step, envelope arrived
  void go_to_step(size_t step);
  void scrub_to(double seconds);  // clamped to [0, duration]

  // A lesson step plays a range and stops at its end: advance() pauses at `seconds`. Playing
  // again from there clears the stop, so the learner can go on watching.
  void set_stop(double seconds) { stop_ = seconds; has_stop_ = true; }
  void clear_stop() { has_stop_ = false; }
  bool has_stop() const { return has_stop_; }

  void set_speed(double speed);   // clamped to [0.25, 16]
  double speed() const { return speed_; }
  void faster();                  // next of 0.25, 0.5, 1, 2, 4, 8, 16
  void slower();

  double clock() const { return clock_; }
  size_t current_step() const;
  float envelope_fraction() const;
  bool at_end() const;

 private:
  const Timeline* timeline_ = nullptr;
  double clock_ = 0;
  double speed_ = 1.0;
  bool playing_ = false;
  double stop_ = 0;
  bool has_stop_ = false;
};

}  // namespace mailscope
