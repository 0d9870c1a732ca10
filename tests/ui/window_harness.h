// tests/ui/window_harness.h — running the real `mailscope` window under Xvfb from a test, and
// looking at the screenshots it writes.
//
//   WindowRun run = run_window("capture.pcap --screenshot out.png --play-seconds 2", "my-test");
//   REQUIRE(run.exit_code == 0);
//   ImageFacts facts = inspect_png("out.png");     // not blank: many colours, much drawn on
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>

namespace mailscope::test {

struct WindowRun {
  int exit_code = -1;
  std::string output;   // stdout and stderr together (status lines, errors)
};

// The test's own folder under the build tree (created).
std::filesystem::path window_work_dir(const std::string& name);
// Single-quotes `text` for the shell.
std::string shell_quote(const std::string& text);
// Runs the window under a fresh Xvfb with its own config folder in window_work_dir(name);
// `prefix` goes before the command (e.g. a setpriv call).
WindowRun run_window(const std::string& args, const std::string& name, const std::string& prefix = {});

struct ImageFacts {
  int width = 0, height = 0;
  size_t distinct_colours = 0;
  double non_background = 0;  // fraction of pixels unlike the most common colour
};
ImageFacts inspect_png(const std::filesystem::path& path);
// The share of pixels that differ between two screenshots of the same size (1.0 when the
// sizes differ).
double differing_fraction(const std::filesystem::path& a, const std::filesystem::path& b);
// CHECKs that a window screenshot is not blank (size, colours, share drawn on).
void check_not_blank(const std::filesystem::path& png);

// How often `what` occurs in `text`.
size_t count_of(const std::string& text, const std::string& what);

}  // namespace mailscope::test
