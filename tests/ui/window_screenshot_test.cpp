// tests/ui/window_screenshot_test.cpp — the real `mailscope` window under Xvfb: it loads a
// capture, plays it, writes a screenshot that is not blank (English and Japanese), and shows
// an error for a corrupt file while it keeps running.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>

#include "synthetic_capture.h"

namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code = -1;
  std::string output;
};

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

fs::path work_dir() {
  fs::path dir = fs::path(MAILSCOPE_TEST_OUTPUT) / "window-test";
  fs::create_directories(dir);
  return dir;
}

// Runs the window under a fresh Xvfb with its own config folder, collecting stdout and stderr.
Run run_window(const std::string& args) {
  fs::path config = work_dir() / "config";
  fs::create_directories(config);
  std::string command = "XDG_CONFIG_HOME=" + quote(config.string()) +
                        " xvfb-run -a -s '-screen 0 1600x1000x24' " + quote(MAILSCOPE_WINDOW_PROGRAM) + " " + args +
                        " 2>&1";
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0 && run.output.size() < (1u << 20))
    run.output.append(buffer, n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

struct ImageFacts {
  int width = 0, height = 0;
  size_t distinct_colours = 0;
  double non_background = 0;  // fraction of pixels unlike the most common colour
};

ImageFacts inspect_png(const fs::path& path) {
  ImageFacts facts;
  int channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &facts.width, &facts.height, &channels, 3);
  REQUIRE(pixels);
  std::map<uint32_t, size_t> counts;
  const size_t total = static_cast<size_t>(facts.width) * facts.height;
  for (size_t i = 0; i < total; ++i) {
    uint32_t rgb = (pixels[i * 3] << 16) | (pixels[i * 3 + 1] << 8) | pixels[i * 3 + 2];
    if (counts.size() < 100000 || counts.count(rgb)) ++counts[rgb];
  }
  stbi_image_free(pixels);
  size_t most = 0;
  for (const auto& [rgb, count] : counts) most = std::max(most, count);
  facts.distinct_colours = counts.size();
  facts.non_background = total ? 1.0 - static_cast<double>(most) / static_cast<double>(total) : 0;
  return facts;
}

// A bundled capture when the recorder has made one, else one written here.
std::string some_capture() {
  fs::path captures = fs::path(MAILSCOPE_SOURCE_DIR) / "captures";
  for (const char* name : {"lesson-mail-journey.pcap", "lesson-journey.pcap", "smtp-plain.pcap"})
    if (fs::is_regular_file(captures / name)) return (captures / name).string();
  std::string path = (work_dir() / "journey.pcap").string(), error;
  REQUIRE(mailscope::test::write_mail_journey(path, error));
  return path;
}

void check_screenshot(const std::string& capture, const std::string& extra, const std::string& png_name) {
  fs::path png = work_dir() / png_name;
  fs::remove(png);
  Run run = run_window(quote(capture) + " --screenshot " + quote(png.string()) + " --play-seconds 2 " + extra);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  REQUIRE(fs::is_regular_file(png));
  // The status line names the loaded file (in either language) before the picture is taken.
  CHECK(run.output.find(fs::path(capture).filename().string() + ": ") != std::string::npos);
  CHECK(run.output.find("screenshot written") != std::string::npos);
  ImageFacts facts = inspect_png(png);
  CHECK(facts.width >= 800);
  CHECK(facts.height >= 600);
  // Text, lanes, arrows and layer colours: many colours and a good part of the window drawn on.
  CHECK(facts.distinct_colours > 50);
  CHECK(facts.non_background > 0.05);
}

}  // namespace

TEST_CASE("the window plays a capture and writes a non-blank screenshot") {
  check_screenshot(some_capture(), "--lang en", "screenshot-en.png");
}

TEST_CASE("the window in Japanese, with a CJK font, dark theme") {
  check_screenshot(some_capture(), "--lang ja --theme dark", "screenshot-ja.png");
  Run fonts = run_window(quote(some_capture()) + " --screenshot " + quote((work_dir() / "fonts.png").string()) +
                         " --play-seconds 0 --lang ja");
  INFO(fonts.output);
  CHECK(fonts.output.find("no CJK font") == std::string::npos);
}

TEST_CASE("a synthetic capture written by the project's writer plays too") {
  std::string path = (work_dir() / "synthetic.pcap").string(), error;
  REQUIRE(mailscope::test::write_mail_journey(path, error));
  check_screenshot(path, "--lang en", "screenshot-synthetic.png");
}

TEST_CASE("a corrupt file shows an error in the window, which keeps running") {
  fs::path corrupt = work_dir() / "corrupt.pcap";
  {
    std::ofstream out(corrupt, std::ios::binary);
    out << "\xd4\xc3\xb2\xa1 this header is cut and the rest is nonsense";
  }
  fs::path png = work_dir() / "screenshot-error.png";
  fs::remove(png);
  Run run = run_window(quote(corrupt.string()) + " --screenshot " + quote(png.string()) + " --play-seconds 1");
  INFO(run.output);
  // Exit 0 after the play time: the program went on drawing frames after the error.
  CHECK(run.exit_code == 0);
  CHECK(run.output.find("could not be opened as a capture") != std::string::npos);
  CHECK(run.output.find(corrupt.filename().string()) != std::string::npos);
  REQUIRE(fs::is_regular_file(png));
  ImageFacts facts = inspect_png(png);
  CHECK(facts.distinct_colours > 10);
  CHECK(facts.non_background > 0.01);
}

TEST_CASE("bad command lines are refused with a message") {
  Run run = run_window("--port nonsense");
  CHECK(run.exit_code != 0);
  CHECK_FALSE(run.output.empty());
}
