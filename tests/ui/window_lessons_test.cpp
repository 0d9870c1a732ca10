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

#include "window_harness.h"

namespace fs = std::filesystem;

namespace {

using mailscope::test::check_not_blank;
using WalkRun = mailscope::test::WindowRun;

fs::path lesson_work_dir() { return mailscope::test::window_work_dir("lesson-test"); }
WalkRun run_mailscope(const std::string& args) { return mailscope::test::run_window(args, "lesson-test"); }
size_t count(const std::string& text, const std::string& what) { return mailscope::test::count_of(text, what); }

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
