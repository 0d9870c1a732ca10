// app/window/frame_stats.h — frame times for --benchmark-frames: median, 99th percentile and
// the memory the process holds (VmRSS / VmHWM from /proc/self/status).
#pragma once
#include <ostream>
#include <vector>

namespace mailscope {

class FrameStats {
 public:
  void add(double milliseconds) { times_.push_back(milliseconds); }
  void print(std::ostream& out, int frames) const;

 private:
  std::vector<double> times_;
};

}  // namespace mailscope
