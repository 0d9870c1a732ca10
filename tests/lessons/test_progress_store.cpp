// tests/lessons/test_progress_store.cpp — progress survives a round trip; a corrupt file does
// not crash and keeps what is readable.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "lessons/progress_store.h"
#include "support/scratch_dir.h"

using namespace mailscope;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  static mailscope::testing::ScratchDir dir("mailscope-progress");
  fs::create_directories(dir.path());  // a test may have removed it
  return dir.path() / name;
}

}  // namespace

TEST_CASE("progress round trip", "[lessons][progress]") {
  fs::path path = scratch("sub/dir/progress.ini");  // save creates the directories
  fs::remove_all(path.parent_path());
  {
    ProgressStore store(path);
    CHECK_FALSE(store.load());  // no file yet: a fresh start
    store.set_step("smtp-dialogue", 3);
    store.set_done("mail-journey", true);
    store.set_step("mail-journey", 5);
    store.set("Bad Id", {true, 1});  // cannot be a section name: ignored
    std::string error;
    REQUIRE(store.save(error));
    CHECK(error.empty());
  }
  ProgressStore again(path);
  REQUIRE(again.load());
  CHECK(again.skipped_lines() == 0);
  CHECK(again.all().size() == 2);
  CHECK(again.get("smtp-dialogue").last_step == 3);
  CHECK_FALSE(again.get("smtp-dialogue").done);
  CHECK(again.get("mail-journey").done);
  CHECK(again.get("mail-journey").last_step == 5);
  CHECK_FALSE(again.get("unknown").done);
  again.forget("mail-journey");
  CHECK(again.all().size() == 1);
  fs::remove_all(fs::temp_directory_path() / ("mailscope-progress-" + std::to_string(::getpid())));
}

TEST_CASE("a corrupt progress file keeps what it can", "[lessons][progress]") {
  fs::path path = scratch("corrupt.ini");
  std::string garbage("\x00\xff\xfe garbage\n", 12);
  std::ofstream(path, std::ios::binary)
      << garbage << "[ok-lesson]\ndone = true\nstep = 2\n"
      << "step = -4\nstep = 99999999999999\nnonsense line\n[not closed\n"
      << "done = true\n"  // belongs to no valid section
      << "[other]\r\ndone = maybe\r\nstep = 7\r\n";
  ProgressStore store(path);
  REQUIRE(store.load());
  CHECK(store.get("ok-lesson").done);
  CHECK(store.get("ok-lesson").last_step == 2);
  CHECK(store.get("other").last_step == 7);
  CHECK_FALSE(store.get("other").done);
  CHECK(store.skipped_lines() >= 6);
  // Saving writes a clean file.
  std::string error;
  REQUIRE(store.save(error));
  ProgressStore clean(path);
  REQUIRE(clean.load());
  CHECK(clean.skipped_lines() == 0);
  CHECK(clean.all().size() == 2);
  fs::remove(path);
}

TEST_CASE("the default progress path follows XDG_CONFIG_HOME, then HOME", "[lessons][progress]") {
  const char* old_xdg = std::getenv("XDG_CONFIG_HOME");
  std::string saved = old_xdg ? old_xdg : "";
  ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
  CHECK(ProgressStore::default_path() == fs::path("/tmp/xdg-test/mailscope/progress.ini"));
  ::unsetenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  if (home && *home) {
    CHECK(ProgressStore::default_path() ==
          fs::path(home) / ".config" / "mailscope" / "progress.ini");
  }
  if (old_xdg) ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
}
