// tests/ui/window_lessons_test.cpp — the lesson player in the real window under Xvfb: every
// step of every lesson is opened (--walk-lessons) in English and in Japanese, one screenshot
// per lesson is written and must not be blank; --lesson/--step opens a step directly; a new
// user without arguments lands on the lesson list with the journey capture loaded.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include <stb_image.h>

namespace fs = std::filesystem;

namespace {

struct WalkRun {
  int exit_code = -1;
  std::string output;
};

fs::path lesson_work_dir() {
  fs::path dir = fs::path(MAILSCOPE_TEST_OUTPUT) / "lesson-test";
  fs::create_directories(dir);
  return dir;
}

WalkRun run_mailscope(const std::string& args) {
  fs::path config = lesson_work_dir() / "config";
  fs::create_directories(config);
  std::string command = "XDG_CONFIG_HOME='" + config.string() + "' xvfb-run -a -s '-screen 0 1600x1000x24' '" +
                        std::string(MAILSCOPE_WINDOW_PROGRAM) + "' " + args + " 2>&1";
  WalkRun run;
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

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Not blank: many colours, and a good part of the window unlike its background.
void check_not_blank(const fs::path& png) {
  INFO(png.string());
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &w, &h, &channels, 3);
  REQUIRE(pixels);
  std::map<uint32_t, size_t> counts;
  const size_t total = static_cast<size_t>(w) * h;
  for (size_t i = 0; i < total; ++i) {
    uint32_t rgb = (pixels[i * 3] << 16) | (pixels[i * 3 + 1] << 8) | pixels[i * 3 + 2];
    if (counts.size() < 100000 || counts.count(rgb)) ++counts[rgb];
  }
  stbi_image_free(pixels);
  size_t most = 0;
  for (const auto& [rgb, c] : counts) most = std::max(most, c);
  CHECK(w >= 800);
  CHECK(h >= 600);
  CHECK(counts.size() > 50);
  CHECK(1.0 - static_cast<double>(most) / static_cast<double>(total) > 0.05);
}

void walk(const std::string& lang) {
  fs::path shots = lesson_work_dir() / ("walk-" + lang);
  fs::remove_all(shots);
  WalkRun run = run_mailscope("--walk-lessons --walk-screenshots '" + shots.string() + "' --play-seconds 0.5 --lang " + lang);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(run.output.find("NOT FOUND") == std::string::npos);
  CHECK(run.output.find("broken lesson") == std::string::npos);
  const size_t lessons = count(run.output, "step 1/");
  CHECK(lessons >= 10);
  CHECK(count(run.output, ": shown") >= 40);
  CHECK(count(run.output, "walk: screenshot written") == lessons);
  size_t pngs = 0;
  for (const auto& entry : fs::directory_iterator(shots)) {
    REQUIRE(entry.path().string().find("-" + lang + ".png") != std::string::npos);
    check_not_blank(entry.path());
    ++pngs;
  }
  CHECK(pngs == lessons);
}

}  // namespace

TEST_CASE("every step of every lesson opens in the window, in English") { walk("en"); }

TEST_CASE("every step of every lesson opens in the window, in Japanese") { walk("ja"); }

TEST_CASE("--lesson and --step open one step; an unknown lesson is reported") {
  fs::path png = lesson_work_dir() / "smtp-step5.png";
  fs::remove(png);
  WalkRun run = run_mailscope("--lesson smtp-dialogue --step 5 --screenshot '" + png.string() + "' --play-seconds 0.5");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(run.output.find("smtp-rejected.pcap: ") != std::string::npos);  // the lesson's capture was loaded
  check_not_blank(png);
  WalkRun unknown = run_mailscope("--lesson no-such-lesson --screenshot '" + png.string() + "' --play-seconds 0");
  INFO(unknown.output);
  CHECK(unknown.exit_code == 0);
  CHECK(unknown.output.find("no-such-lesson") != std::string::npos);
}

TEST_CASE("a new user lands on the lesson list with the journey capture playing") {
  fs::path png = lesson_work_dir() / "first-start.png";
  fs::remove(png);
  WalkRun run = run_mailscope("--screenshot '" + png.string() + "' --play-seconds 0.5");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(run.output.find("lesson-mail-journey.pcap: ") != std::string::npos);
  check_not_blank(png);
}
