// ui/model/timeline.cpp — playback times and positions of the stage's steps.
#include "ui/model/timeline.h"

#include <algorithm>
#include <cmath>

namespace mailscope {

void Timeline::build(const std::vector<int64_t>& times_ns, TimingMode mode, const TimelineLimits& limits) {
  mode_ = mode;
  row_height_ = limits.row_height;
  const size_t n = times_ns.size();
  start_.assign(n, 0.0);
  position_.assign(n, 0.0f);
  double clock = 0;
  float y = limits.row_height * 0.5f;
  for (size_t i = 0; i < n; ++i) {
    start_[i] = clock;
    position_[i] = y;
    double step = limits.even_step_seconds;
    float rows = 1.0f;
    if (mode == TimingMode::real) {
      double gap = i + 1 < n ? static_cast<double>(times_ns[i + 1] - times_ns[i]) / 1e9 : 0.0;
      if (gap < 0) gap = 0;  // unsorted input: never run the clock backwards
      step = std::clamp(gap, limits.min_step_seconds, limits.max_step_seconds);
      // A wait longer than the minimum opens the diagram up, logarithmically (1 ms .. 100 s).
      double extra = gap > limits.min_step_seconds ? std::log10(gap / limits.min_step_seconds + 1.0) : 0.0;
      rows += std::min(static_cast<float>(extra), limits.max_rows_per_gap);
    }
    clock += step;
    y += limits.row_height * rows;
  }
  duration_ = clock;
  length_ = n ? y : 0.0f;
}

size_t Timeline::step_at_time(double seconds) const {
  if (start_.empty()) return 0;
  auto it = std::upper_bound(start_.begin(), start_.end(), seconds);
  if (it == start_.begin()) return 0;
  return static_cast<size_t>(it - start_.begin()) - 1;
}

size_t Timeline::step_at_position(float y) const {
  if (position_.empty()) return 0;
  // Each row is centred on its position: the boundary lies half a row above.
  auto it = std::upper_bound(position_.begin(), position_.end(), y + row_height_ * 0.5f);
  if (it == position_.begin()) return 0;
  return static_cast<size_t>(it - position_.begin()) - 1;
}

std::pair<size_t, size_t> Timeline::visible(float y_begin, float y_end) const {
  const float half = row_height_ * 0.5f;
  auto first = std::lower_bound(position_.begin(), position_.end(), y_begin - half);
  auto last = std::lower_bound(first, position_.end(), y_end + half);
  return {static_cast<size_t>(first - position_.begin()), static_cast<size_t>(last - position_.begin())};
}

double Timeline::step_duration(size_t step) const {
  if (step >= start_.size()) return 0;
  double end = step + 1 < start_.size() ? start_[step + 1] : duration_;
  return end - start_[step];
}

}  // namespace mailscope
