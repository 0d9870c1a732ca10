// app/window/frame_stats.h — figures for --benchmark-frames: frame times (median, 99th
// percentile, max), the interval between frames (swap included), the CPU time a frame costs
// over all threads (Mesa's llvmpipe rasterises on its own threads), the size of the draw
// data, and the memory the process holds (VmRSS / VmHWM from /proc/self/status).
//
//   FrameStats stats;
//   ... render, glFinish() ...
//   stats.add(milliseconds_from_frame_start);   // also reads ImGui's draw data and the clocks
//   stats.print(std::cout, frames);
//
// CPU time per frame is the steadier figure on a busy machine: wall time grows when other
// processes take the cores, CPU time only when the frame costs more.
#pragma once
#include <chrono>
#include <ostream>
#include <vector>

namespace mailscope {

class FrameStats {
 public:
  // One frame: `milliseconds` from its start to the end of rendering (after glFinish).
  // Call between ImGui::Render() and the next ImGui::NewFrame().
  void add(double milliseconds);
  void print(std::ostream& out, int frames) const;

 private:
  std::vector<double> times_;
  std::vector<double> intervals_;       // from one add() to the next
  std::vector<double> cpu_;             // process CPU time from one add() to the next
  std::vector<int> vertices_, indices_;
  std::chrono::steady_clock::time_point last_add_{};
  bool started_ = false;
  double cpu_last_ms_ = 0;              // process CPU time at the last add()
};

}  // namespace mailscope
