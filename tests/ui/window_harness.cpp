// tests/ui/window_harness.cpp — see window_harness.h.
#include "window_harness.h"

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <map>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>

namespace fs = std::filesystem;

namespace mailscope::test {

fs::path window_work_dir(const std::string& name) {
  fs::path dir = fs::path(MAILSCOPE_TEST_OUTPUT) / name;
  fs::create_directories(dir);
  return dir;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

WindowRun run_window(const std::string& args, const std::string& name, const std::string& prefix) {
  fs::path config = window_work_dir(name) / "config";
  fs::create_directories(config);
  std::string command = prefix + " env XDG_CONFIG_HOME=" + shell_quote(config.string()) +
                        " xvfb-run -a -s '-screen 0 1600x1000x24' " + shell_quote(MAILSCOPE_WINDOW_PROGRAM) + " " +
                        args + " 2>&1";
  WindowRun run;
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
  for (const auto& [rgb, c] : counts) most = std::max(most, c);
  facts.distinct_colours = counts.size();
  facts.non_background = total ? 1.0 - static_cast<double>(most) / static_cast<double>(total) : 0;
  return facts;
}

double differing_fraction(const fs::path& a, const fs::path& b) {
  int wa = 0, ha = 0, wb = 0, hb = 0, channels = 0;
  unsigned char* pa = stbi_load(a.c_str(), &wa, &ha, &channels, 3);
  unsigned char* pb = stbi_load(b.c_str(), &wb, &hb, &channels, 3);
  double fraction = 1.0;
  if (pa && pb && wa == wb && ha == hb && wa > 0 && ha > 0) {
    const size_t total = static_cast<size_t>(wa) * ha;
    size_t differing = 0;
    for (size_t i = 0; i < total; ++i) {
      if (std::memcmp(pa + i * 3, pb + i * 3, 3) != 0) ++differing;
    }
    fraction = static_cast<double>(differing) / static_cast<double>(total);
  }
  stbi_image_free(pa);
  stbi_image_free(pb);
  return fraction;
}

void check_not_blank(const fs::path& png) {
  INFO(png.string());
  REQUIRE(fs::is_regular_file(png));
  ImageFacts facts = inspect_png(png);
  CHECK(facts.width >= 800);
  CHECK(facts.height >= 600);
  // Text, lanes, arrows and layer colours: many colours and a good part of the window drawn on.
  CHECK(facts.distinct_colours > 50);
  CHECK(facts.non_background > 0.05);
}

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace mailscope::test
