// tests/lessons/test_lesson_files.cpp — the real lessons in lessons/: every file loads, every
// text exists in English and Japanese, every step's selector resolves to exactly one event of
// its capture, and the IMAP read-state lesson shows what it claims.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "lessons/event_selector.h"
#include "lessons/lesson_loader.h"

using namespace mailscope;
namespace fs = std::filesystem;

namespace {

const fs::path lesson_dir = fs::path(MAILSCOPE_SOURCE_DIR) / "lessons";
const fs::path capture_dir = fs::path(MAILSCOPE_SOURCE_DIR) / "captures";

const LessonDirectory& real_lessons() {
  static const LessonDirectory dir = load_lesson_directory(lesson_dir);
  return dir;
}

void require_both(const LocalizedText& t, const std::string& what) {
  INFO(what);
  CHECK_FALSE(t.en.empty());
  CHECK_FALSE(t.ja.empty());
  CHECK(t.en != t.ja);
}

}  // namespace

TEST_CASE("every lesson file in lessons/ loads without errors", "[lessons]") {
  const LessonDirectory& dir = real_lessons();
  for (const LessonError& e : dir.errors) FAIL_CHECK(e.to_string());
  CHECK(dir.broken_files == 0);
  CHECK(dir.files >= 10);
  CHECK(dir.lessons.size() == dir.files);
  std::set<std::string> ids;
  int previous_order = -1;
  for (const Lesson& l : dir.lessons) {
    CHECK(ids.insert(l.id).second);
    CHECK(l.order >= previous_order);  // sorted
    previous_order = l.order;
  }
}

TEST_CASE("every lesson text exists in English and Japanese", "[lessons]") {
  for (const Lesson& l : real_lessons().lessons) {
    require_both(l.title, l.id + " title");
    require_both(l.summary, l.id + " summary");
    REQUIRE_FALSE(l.steps.empty());
    for (size_t i = 0; i < l.steps.size(); ++i) {
      const LessonStep& s = l.steps[i];
      std::string where = l.id + " step " + std::to_string(i + 1);
      require_both(s.text, where);
      if (!s.question) continue;
      require_both(s.question->prompt, where + " question");
      require_both(s.question->explanation, where + " explanation");
      REQUIRE(s.question->choices.size() >= 2);
      CHECK(s.question->answer < s.question->choices.size());
      for (const LocalizedText& c : s.question->choices) {
        CHECK_FALSE(c.en.empty());
        CHECK_FALSE(c.ja.empty());
      }
    }
  }
}

TEST_CASE("every step's selector picks exactly one event of its capture", "[lessons]") {
  CaptureAnalysisCache cache;
  size_t steps = 0, questions = 0;
  for (const Lesson& l : real_lessons().lessons) {
    const AnalyzedCapture& capture = cache.get(l.capture_path, l.ports);
    REQUIRE(capture.error.empty());
    const auto& dialogues = capture.dialogues();
    for (size_t i = 0; i < l.steps.size(); ++i) {
      const LessonStep& s = l.steps[i];
      INFO(l.id << " step " << i + 1 << " " << s.select.describe());
      REQUIRE(s.target.resolved);
      CHECK(s.layer >= 1);
      CHECK(s.layer <= 7);
      // Independently of the loader: the selector's matches, then nth.
      std::vector<EventRef> matches = find_matching_events(s.select, dialogues);
      if (s.select.nth == 0) {
        REQUIRE(matches.size() == 1);
        CHECK(matches[0] == s.target.event);
      } else {
        REQUIRE(matches.size() >= s.select.nth);
        CHECK(matches[s.select.nth - 1] == s.target.event);
      }
      const Dialogue& d = *dialogues.at(s.target.event.stream);
      REQUIRE(s.target.event.event < d.events.size());
      CHECK(s.select.matches(d, d.events[s.target.event.event]));
      // The range to play contains the event and runs forward in time.
      CHECK(s.target.play_from_ns <= s.target.play_to_ns);
      if (s.target.play_from.stream == s.target.event.stream) {
        CHECK(s.target.play_from.event <= s.target.event.event);
      }
      if (s.target.play_to.stream == s.target.event.stream) {
        CHECK(s.target.play_to.event >= s.target.event.event);
      }
      ++steps;
      questions += s.question.has_value();
    }
  }
  CHECK(steps >= 50);
  CHECK(questions >= 10);
}

TEST_CASE("the read-state lesson shows \\Seen set by one IMAP client and seen by the next",
          "[lessons]") {
  const Lesson* lesson = nullptr;
  for (const Lesson& l : real_lessons().lessons) {
    if (l.capture == "lesson-read-state.pcap") lesson = &l;
  }
  REQUIRE(lesson != nullptr);
  CaptureAnalysisCache cache;
  const auto& dialogues = cache.get(lesson->capture_path, lesson->ports).dialogues();
  // The second IMAP session's untagged FETCH of message 1 carries \Seen before it read anything.
  EventSelector second;
  second.stream = 1;
  second.type = EventType::untagged;
  second.contains = "1 FETCH";
  SelectedEvent seen = select_event(second, dialogues, "read-state");
  REQUIRE(seen.event);
  const DialogueEvent& e = dialogues[1]->events[seen.event->event];
  CHECK(e.text.find("\\Seen") != std::string::npos);
  CHECK(dialogues[1]->protocol == Protocol::imap);
  // No POP3 command in the capture reads or sets a flag: the POP3 session has no such verb.
  for (const DialogueEvent& p : dialogues[2]->events) {
    if (p.type == EventType::command) CHECK(p.text.find("Seen") == std::string::npos);
  }
  CHECK(dialogues[2]->protocol == Protocol::pop3);
  // The lesson teaches the server-side flag: its step on that event has a question.
  bool asked = false;
  for (const LessonStep& s : lesson->steps) {
    if (s.target.event == *seen.event) asked = s.question.has_value();
  }
  CHECK(asked);
}

TEST_CASE("the synthetic IMAP transcript capture holds the lesson sources' tags 0001-0015",
          "[lessons]") {
  CaptureAnalysisCache cache;
  const AnalyzedCapture& c = cache.get(capture_dir / "lesson-imap-transcript.pcap", {});
  REQUIRE(c.error.empty());
  REQUIRE(c.dialogues().size() == 1);
  const Dialogue& d = *c.dialogues()[0];
  CHECK(d.protocol == Protocol::imap);
  std::set<std::string> tags;
  for (const DialogueEvent& e : d.events) {
    if (e.type == EventType::command) tags.insert(e.tag);
  }
  for (const char* tag : {"0001", "0002", "0003", "0004", "0005", "0014", "0015"}) {
    CHECK(tags.count(tag) == 1);
  }
  CHECK(d.summary.auth_mechanism == "CRAM-MD5");
}
