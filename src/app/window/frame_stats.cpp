// app/window/frame_stats.cpp — percentiles and memory figures.
#include "frame_stats.h"

#include <algorithm>
#include <fstream>
#include <string>

namespace mailscope {

namespace {
std::string proc_status_field(const char* name) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(name, 0) == 0) return line.substr(line.find(':') + 1);
  return " unknown";
}
}  // namespace

void FrameStats::print(std::ostream& out, int frames) const {
  std::vector<double> sorted = times_;
  std::sort(sorted.begin(), sorted.end());
  auto at = [&](double q) {
    if (sorted.empty()) return 0.0;
    size_t i = static_cast<size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(i, sorted.size() - 1)];
  };
  out << "frames: " << frames << "\n"
      << "frame time median: " << at(0.5) << " ms\n"
      << "frame time p99: " << at(0.99) << " ms\n"
      << "frame time max: " << (sorted.empty() ? 0.0 : sorted.back()) << " ms\n"
      << "memory resident:" << proc_status_field("VmRSS") << "\n"
      << "memory peak resident:" << proc_status_field("VmHWM") << std::endl;
}

}  // namespace mailscope
