// ui/model/timeline.h — where each step of the stage sits: its start time in the playback
// clock and its vertical position in the ladder diagram.
//
//   Timeline t;
//   t.build(step_times_ns, TimingMode::real);
//   float y = t.position(i);                         // pixels from the top, before zoom
//   auto [first, last] = t.visible(scroll_y, scroll_y + height);   // binary search
//   size_t step = t.step_at_time(clock_seconds);
//
// Real timing keeps the capture's rhythm but shortens waits (a minute of idle becomes a few
// seconds) and gives every step a minimum, so that an arrow is always seen travelling; even
// spacing gives every step the same time and room. All lookups are binary searches over
// sorted vectors: a frame costs O(log n), whatever the capture's size.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace mailscope {

enum class TimingMode : uint8_t { real, even };

struct TimelineLimits {
  double even_step_seconds = 1.0;   // playback time per step with even spacing
  double min_step_seconds = 0.35;   // real timing: shortest time given to a step
  double max_step_seconds = 3.0;    // real timing: longest wait shown
  float row_height = 34.0f;         // vertical room of one step (unscaled pixels)
  float max_rows_per_gap = 3.0f;    // real timing: a long wait adds up to this many rows
};

class Timeline {
 public:
  // `times_ns` must be sorted ascending (equal times allowed).
  void build(const std::vector<int64_t>& times_ns, TimingMode mode, const TimelineLimits& limits = {});

  size_t size() const { return start_.size(); }
  bool empty() const { return start_.empty(); }
  TimingMode mode() const { return mode_; }

  double start_seconds(size_t step) const { return start_[step]; }   // playback clock
  double duration_seconds() const { return duration_; }             // end of the last step
  float position(size_t step) const { return position_[step]; }     // y, unscaled pixels
  float length() const { return length_; }                          // total height

  // The step playing at `seconds` (the last step whose start is <= seconds; 0 before the first).
  size_t step_at_time(double seconds) const;
  // The step whose row contains `y` (nearest at or above).
  size_t step_at_position(float y) const;
  // Steps whose rows intersect [y_begin, y_end): [first, last).
  std::pair<size_t, size_t> visible(float y_begin, float y_end) const;
  // How long the step lasts on the playback clock.
  double step_duration(size_t step) const;

 private:
  TimingMode mode_ = TimingMode::even;
  std::vector<double> start_;
  std::vector<float> position_;
  double duration_ = 0;
  float length_ = 0;
  float row_height_ = 34.0f;
};

}  // namespace mailscope
