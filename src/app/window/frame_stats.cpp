// app/window/frame_stats.cpp — percentiles, CPU time, draw data and memory figures.
#include "frame_stats.h"

#include <imgui.h>
#include <malloc.h>
#if MAILSCOPE_USES_MIMALLOC
#include <mimalloc.h>
#endif
#include <sys/resource.h>

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

// User + system time of every thread of the process so far.
double process_cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

template <typename T>
T percentile(std::vector<T> values, double q) {
  if (values.empty()) return T{};
  std::sort(values.begin(), values.end());
  size_t i = static_cast<size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(i, values.size() - 1)];
}

}  // namespace

void FrameStats::add(double milliseconds) {
  const auto now = std::chrono::steady_clock::now();
  const double cpu = process_cpu_ms();
  if (started_) {
    intervals_.push_back(std::chrono::duration<double, std::milli>(now - last_add_).count());
    cpu_.push_back(cpu - cpu_last_ms_);
  }
  started_ = true;
  last_add_ = now;
  cpu_last_ms_ = cpu;
  times_.push_back(milliseconds);
  if (const ImDrawData* draw = ImGui::GetDrawData()) {
    vertices_.push_back(draw->TotalVtxCount);
    indices_.push_back(draw->TotalIdxCount);
  }
}

void FrameStats::print(std::ostream& out, int frames) const {
  double cpu_total = 0;
  for (double ms : cpu_) cpu_total += ms;
  const double cpu_mean = cpu_.empty() ? 0.0 : cpu_total / static_cast<double>(cpu_.size());
  out << "frames: " << frames << "\n"
      << "frame time median: " << percentile(times_, 0.5) << " ms\n"
      << "frame time p99: " << percentile(times_, 0.99) << " ms\n"
      << "frame time max: " << percentile(times_, 1.0) << " ms\n"
      << "frame interval median (swap included): " << percentile(intervals_, 0.5) << " ms\n"
      << "frame interval p99: " << percentile(intervals_, 0.99) << " ms\n"
      << "cpu time per frame (all threads) mean: " << cpu_mean << " ms, median: " << percentile(cpu_, 0.5)
      << " ms, p99: " << percentile(cpu_, 0.99) << " ms\n"
      << "draw data median: " << percentile(vertices_, 0.5) << " vertices, " << percentile(indices_, 0.5) / 3
      << " triangles\n"
      << "memory resident:" << proc_status_field("VmRSS") << "\n"
      << "  of which anonymous:" << proc_status_field("RssAnon") << "\n"
      << "  of which file pages (mapped capture, libraries):" << proc_status_field("RssFile") << "\n"
      << "memory peak resident:" << proc_status_field("VmHWM") << "\n";
  // Which frames missed 16 ms (60 Hz): slow frames in a run of neighbours point at the machine
  // (another process took the CPU), slow frames at regular steps at the window's own work.
  size_t slow = 0;
  std::string where;
  for (size_t i = 0; i < times_.size(); ++i) {
    if (times_[i] < 16.0) continue;
    if (++slow <= 40) where += " " + std::to_string(i);
  }
  out << "frames over 16 ms: " << slow << (slow ? " (frame" + where + (slow > 40 ? " ..." : "") + ")" : "") << "\n";
#if MAILSCOPE_USES_MIMALLOC
  // The program's malloc is mimalloc (see CMakeLists.txt): glibc's mallinfo2 would report
  // nothing. mimalloc tells what it has committed from the system, now and at the peak.
  size_t elapsed = 0, user = 0, system = 0, rss = 0, peak_rss = 0, commit = 0, peak_commit = 0,
         faults = 0;
  mi_process_info(&elapsed, &user, &system, &rss, &peak_rss, &commit, &peak_commit, &faults);
  out << "heap held by mimalloc: " << commit / 1024 << " kB (peak " << peak_commit / 1024 << " kB)"
      << std::endl;
#else
  // What the heap holds in live blocks, against what malloc keeps from the system: a large
  // difference is freed memory not given back (fragmentation), not data.
  const struct mallinfo2 heap = mallinfo2();
  out << "heap in use: " << (heap.uordblks + heap.hblkhd) / 1024 << " kB of " << (heap.arena + heap.hblkhd) / 1024
      << " kB held by malloc" << std::endl;
#endif
}

}  // namespace mailscope
