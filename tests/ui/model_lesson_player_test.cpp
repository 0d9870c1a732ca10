// tests/ui/model_lesson_player_test.cpp — LessonPlayer: navigation bounds, answers, progress
// (remembered in a ProgressStore, done at the last step), the real lesson directory, and the
// playback stop a lesson step uses.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "ui/model/lesson_directory_loader.h"
#include "ui/model/lesson_player.h"
#include "ui/model/playback.h"

using namespace mailscope;
namespace fs = std::filesystem;

namespace {

Lesson make_lesson(const std::string& id, size_t steps, bool question_on_second) {
  Lesson l;
  l.id = id;
  l.title = {id + " title", id + " の題"};
  for (size_t i = 0; i < steps; ++i) {
    LessonStep s;
    s.text = {"step " + std::to_string(i), "ステップ " + std::to_string(i)};
    s.layer = static_cast<uint8_t>(7 - i % 7);
    if (question_on_second && i == 1) {
      StepQuestion q;
      q.prompt = {"Which port?", "どのポート?"};
      q.choices = {{"25", "25"}, {"110", "110"}, {"143", "143"}};
      q.answer = 1;
      q.explanation = {"POP3 listens on 110.", "POP3 は 110 番です。"};
      s.question = q;
    }
    l.steps.push_back(s);
  }
  return l;
}

LessonDirectory make_directory() {
  LessonDirectory d;
  d.lessons.push_back(make_lesson("journey", 3, true));
  d.lessons.push_back(make_lesson("pop3", 2, false));
  d.lessons.push_back(make_lesson("empty", 0, false));
  return d;
}

fs::path temp_store(const char* name) {
  fs::path p =
      fs::temp_directory_path() / ("mailscope-player-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(p.parent_path());
  return p;
}

}  // namespace

TEST_CASE("the lesson player moves between steps within bounds") {
  LessonPlayer p;
  CHECK_FALSE(p.loaded());
  p.set_directory(make_directory());
  CHECK(p.loaded());
  CHECK_FALSE(p.is_open());
  CHECK(p.find("pop3") == 1);
  CHECK(p.find("nothing") == LessonPlayer::kNone);
  CHECK_FALSE(p.open(2));  // no steps
  CHECK_FALSE(p.open(7));  // no such lesson
  REQUIRE(p.open(0));
  CHECK(p.step_index() == 0);
  CHECK(p.step_count() == 3);
  CHECK_FALSE(p.can_back());
  CHECK_FALSE(p.back());
  const uint64_t g = p.generation();
  CHECK(p.next());
  CHECK(p.generation() > g);
  CHECK(p.step()->text.en == "step 1");
  CHECK(p.next());
  CHECK_FALSE(p.can_next());
  CHECK_FALSE(p.next());
  CHECK(p.step_index() == 2);
  CHECK(p.back());
  CHECK(p.step_index() == 1);
  CHECK_FALSE(p.go_to(3));
  REQUIRE(p.open(1, 99));  // clamped to the last step
  CHECK(p.step_index() == 1);
  p.close();
  CHECK_FALSE(p.is_open());
  CHECK(p.step() == nullptr);
}

TEST_CASE("a question is checked against its answer and reset on a new step") {
  LessonPlayer p;
  p.set_directory(make_directory());
  REQUIRE(p.open(0, 1));
  CHECK(p.check() == AnswerState::unanswered);  // nothing chosen yet
  p.choose(5);                                  // not a choice
  CHECK_FALSE(p.chosen());
  p.choose(0);
  CHECK(p.check() == AnswerState::wrong);
  p.choose(1);
  CHECK(p.answer() == AnswerState::unanswered);  // a new choice is checked again
  CHECK(p.check() == AnswerState::right);
  p.next();
  CHECK_FALSE(p.chosen());
  CHECK(p.answer() == AnswerState::unanswered);
  p.choose(0);  // this step has no question
  CHECK_FALSE(p.chosen());
  CHECK(p.check() == AnswerState::unanswered);
}

TEST_CASE("progress: the last step seen is remembered, the lesson is done at its last step") {
  const fs::path path = temp_store("progress.ini");
  {
    ProgressStore store(path);
    LessonPlayer p;
    p.set_store(&store);
    p.set_directory(make_directory());
    REQUIRE(p.open(0));
    CHECK_FALSE(p.done(0));
    p.next();
    CHECK(p.take_dirty());
    CHECK_FALSE(p.take_dirty());
    CHECK(store.get("journey").last_step == 1);
    CHECK_FALSE(store.get("journey").done);
    p.next();
    CHECK(p.done(0));
    p.back();  // going back keeps the lesson done
    CHECK(p.done(0));
    CHECK(store.get("journey").last_step == 1);
    std::string error;
    REQUIRE(store.save(error));
  }
  ProgressStore again(path);
  REQUIRE(again.load());
  LessonPlayer p;
  p.set_store(&again);
  p.set_directory(make_directory());
  CHECK(p.done(0));
  CHECK_FALSE(p.done(1));
  REQUIRE(p.open(0));  // where the learner left it
  CHECK(p.step_index() == 1);
  REQUIRE(p.open(0, 0));  // an explicit step wins
  CHECK(p.step_index() == 0);
  fs::remove_all(path.parent_path());
}

TEST_CASE("the real lessons load through the player, every step with text in both languages") {
  fs::path dir = find_lesson_directory({MAILSCOPE_SOURCE_DIR});
  REQUIRE(dir == fs::path(MAILSCOPE_SOURCE_DIR) / "lessons");
  LessonDirectoryLoader loader;
  loader.start(dir);
  std::optional<LessonDirectory> result;
  for (int i = 0; i < 6000 && !result; ++i) {
    result = loader.take_result();
    if (!result) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(result);
  LessonPlayer p;
  p.set_directory(std::move(*result));
  INFO((p.errors().empty() ? std::string() : p.errors().front().to_string()));
  CHECK(p.errors().empty());
  REQUIRE(p.lessons().size() >= 10);
  CHECK(p.lessons().front().capture_path.filename() == "lesson-mail-journey.pcap");
  size_t steps = 0;
  for (size_t i = 0; i < p.lessons().size(); ++i) {
    REQUIRE(p.open(i, 0));
    do {
      ++steps;
      CHECK(p.step()->target.resolved);
      CHECK_FALSE(p.step()->text.en.empty());
      CHECK_FALSE(p.step()->text.ja.empty());
    } while (p.next());
    CHECK(p.step_index() + 1 == p.step_count());
  }
  CHECK(steps >= 30);
}

TEST_CASE("the playback pauses at a lesson step's stop, and playing on clears it") {
  Timeline t;
  t.build({0, 1'000'000'000, 2'000'000'000, 3'000'000'000}, TimingMode::even);
  Playback play;
  play.reset(&t);
  play.go_to_step(1);
  play.set_stop(t.start_seconds(2) + 0.5);
  play.play();
  for (int i = 0; i < 100; ++i) play.advance(0.1);
  CHECK_FALSE(play.playing());
  CHECK(play.current_step() == 2);
  CHECK(play.clock() == Approx(t.start_seconds(2) + 0.5));
  play.play();  // the learner goes on watching
  CHECK_FALSE(play.has_stop());
  for (int i = 0; i < 100; ++i) play.advance(0.1);
  CHECK(play.at_end());
}
