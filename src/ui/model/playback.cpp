// ui/model/playback.cpp — clock, steps and speed of the stage's playback.
#include "ui/model/playback.h"

#include <algorithm>
#include <cmath>

namespace mailscope {

void Playback::reset(const Timeline* timeline) {
  timeline_ = timeline;
  clock_ = 0;
  playing_ = false;
}

void Playback::play() {
  if (at_end()) clock_ = 0;  // play after the end starts over
  if (has_stop_ && clock_ >= stop_) has_stop_ = false;
  playing_ = timeline_ && !timeline_->empty();
}

void Playback::toggle() {
  if (playing_) pause(); else play();
}

bool Playback::advance(double seconds) {
  if (!playing_ || !timeline_ || seconds <= 0) return false;
  clock_ = std::min(clock_ + seconds * speed_, timeline_->duration_seconds());
  if (has_stop_ && clock_ >= stop_) {
    clock_ = std::max(0.0, std::min(stop_, timeline_->duration_seconds()));
    playing_ = false;
  }
  if (at_end()) playing_ = false;
  return true;
}

void Playback::step_next() {
  if (!timeline_ || timeline_->empty()) return;
  size_t step = current_step();
  if (step + 1 < timeline_->size()) clock_ = timeline_->start_seconds(step + 1);
  else clock_ = timeline_->duration_seconds();
}

void Playback::step_prev() {
  if (!timeline_ || timeline_->empty()) return;
  size_t step = current_step();
  // Just after a step started, "previous" means the step before (as in media players).
  if (clock_ - timeline_->start_seconds(step) > 0.05 && !at_end()) clock_ = timeline_->start_seconds(step);
  else if (at_end()) clock_ = timeline_->start_seconds(step);
  else if (step > 0) clock_ = timeline_->start_seconds(step - 1);
  else clock_ = 0;
}

void Playback::go_home() { clock_ = 0; }

void Playback::go_end() {
  if (timeline_) clock_ = timeline_->duration_seconds();
  playing_ = false;
}

void Playback::go_to_step(size_t step) {
  if (!timeline_ || timeline_->empty()) return;
  clock_ = timeline_->start_seconds(std::min(step, timeline_->size() - 1));
}

void Playback::scrub_to(double seconds) {
  double end = timeline_ ? timeline_->duration_seconds() : 0.0;
  clock_ = std::clamp(seconds, 0.0, end);
}

void Playback::set_speed(double speed) {
  if (!std::isfinite(speed)) speed = 1.0;
  speed_ = std::clamp(speed, kMinSpeed, kMaxSpeed);
}

void Playback::faster() { set_speed(speed_ * 2.0); }
void Playback::slower() { set_speed(speed_ / 2.0); }

size_t Playback::current_step() const {
  if (!timeline_ || timeline_->empty()) return 0;
  return timeline_->step_at_time(clock_);
}

float Playback::envelope_fraction() const {
  if (!timeline_ || timeline_->empty()) return 0.0f;
  if (at_end()) return 1.0f;
  size_t step = current_step();
  double travel = std::min(kTravelSeconds, timeline_->step_duration(step));
  if (travel <= 0) return 1.0f;
  double f = (clock_ - timeline_->start_seconds(step)) / travel;
  return static_cast<float>(std::clamp(f, 0.0, 1.0));
}

bool Playback::at_end() const {
  return timeline_ && !timeline_->empty() && clock_ >= timeline_->duration_seconds();
}

}  // namespace mailscope
