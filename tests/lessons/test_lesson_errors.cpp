// tests/lessons/test_lesson_errors.cpp — broken lesson files are reported with file, line and
// reason, and the other lessons of the directory still load.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "lessons/lesson_loader.h"
#include "lessons/lesson_parser.h"

using namespace mailscope;
namespace fs = std::filesystem;

namespace {

// A temporary lessons/ + captures/ pair; captures/ links to the project's smtp-plain.pcap.
class LessonSandbox {
 public:
  LessonSandbox() {
    root_ = fs::temp_directory_path() /
            ("mailscope-lessons-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(root_);
    fs::create_directories(root_ / "lessons");
    fs::create_directories(root_ / "captures");
    fs::copy_file(fs::path(MAILSCOPE_SOURCE_DIR) / "captures" / "smtp-plain.pcap",
                  root_ / "captures" / "smtp-plain.pcap");
  }
  ~LessonSandbox() { fs::remove_all(root_); }
  fs::path write(const std::string& name, const std::string& text) {
    fs::path p = root_ / "lessons" / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  fs::path lessons() const { return root_ / "lessons"; }

 private:
  fs::path root_;
  static inline int counter_ = 0;
};

// A well-formed lesson on smtp-plain.pcap; `extra_step` is appended as a second step.
std::string good_lesson(const std::string& id, const std::string& extra_step = "") {
  return "id = \"" + id +
         "\"\n"
         "level = 1\n"
         "capture = \"smtp-plain.pcap\"\n"
         "title.en = \"Title\"\n"
         "title.ja = \"題名\"\n"
         "summary.en = \"Summary\"\n"
         "summary.ja = \"概要\"\n"
         "\n"
         "[[steps]]\n"
         "select = { type = \"reply\", code = 354 }\n"
         "text.en = \"\"\"\n"
         "The server waits\n"
         "for the message.\n"
         "\"\"\"\n"
         "text.ja = \"サーバーは\\n本文を待ちます。\"\n" +
         extra_step;
}

const LessonError* find_error(const std::vector<LessonError>& errors, const std::string& part) {
  for (const LessonError& e : errors) {
    if (e.message.find(part) != std::string::npos) return &e;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a good lesson loads, resolves and reflows its prose", "[lessons][errors]") {
  LessonSandbox box;
  fs::path file = box.write("a.toml", good_lesson("good"));
  LoadedLesson loaded = load_lesson(file);
  for (const LessonError& e : loaded.errors) FAIL_CHECK(e.to_string());
  REQUIRE(loaded.lesson);
  const Lesson& l = *loaded.lesson;
  CHECK(l.id == "good");
  CHECK(l.level == LessonLevel::beginner);
  REQUIRE(l.steps.size() == 1);
  CHECK(l.steps[0].line == 9);
  CHECK(l.steps[0].text.en == "The server waits for the message.");
  CHECK(l.steps[0].text.ja == "サーバーは本文を待ちます。");  // no space inside Japanese
  CHECK(l.steps[0].layer == 7);
  CHECK(l.steps[0].play == PlayMode::exchange);
  REQUIRE(l.steps[0].target.resolved);
  // exchange: from the DATA command to the final reply after the content.
  CHECK(l.steps[0].target.play_from.event < l.steps[0].target.event.event);
  CHECK(l.steps[0].target.play_to.event > l.steps[0].target.event.event);
}

TEST_CASE("bad TOML syntax is reported with its line", "[lessons][errors]") {
  LessonSandbox box;
  fs::path file = box.write("bad.toml", "id = \"x\"\nlevel = 1\ncapture = \"smtp-plain.pcap\n");
  LoadedLesson loaded = load_lesson(file);
  CHECK_FALSE(loaded.lesson);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0].line == 3);
  CHECK(loaded.errors[0].message.rfind("TOML syntax:", 0) == 0);
  CHECK(loaded.errors[0].to_string().rfind(file.string() + ":3: TOML syntax:", 0) == 0);
}

TEST_CASE("an unknown key is reported with a suggestion", "[lessons][errors]") {
  LessonSandbox box;
  std::string text = good_lesson("typo");
  text.replace(text.find("text.en"), 7, "txet.en");
  fs::path file = box.write("typo.toml", text);
  LoadedLesson loaded = load_lesson(file);
  CHECK_FALSE(loaded.lesson);
  const LessonError* e = find_error(loaded.errors, "unknown key 'txet'");
  REQUIRE(e);
  CHECK(e->message.find("did you mean 'text'?") != std::string::npos);
  CHECK(e->line == 11);
  CHECK(e->step == 1);
  // And because text.en is gone, the English text is reported missing.
  CHECK(find_error(loaded.errors, "text has no English text") != nullptr);
}

TEST_CASE("a missing Japanese text is reported", "[lessons][errors]") {
  LessonSandbox box;
  std::string text = good_lesson("noja");
  text.erase(text.find("title.ja"), std::string("title.ja = \"題名\"\n").size());
  LoadedLesson loaded = load_lesson(box.write("noja.toml", text));
  CHECK_FALSE(loaded.lesson);
  const LessonError* e = find_error(loaded.errors, "title has no Japanese text; add title.ja");
  REQUIRE(e);
  CHECK(e->line == 4);
}

TEST_CASE("missing keys, bad values and an answer out of range are reported", "[lessons][errors]") {
  LessonSandbox box;
  std::string step =
      "\n[[steps]]\n"  // line 17
      "select = { verb = \"QUIT\" }\n"
      "layer = 9\n"  // line 19
      "play = \"everything\"\n"
      "text.en = \"e\"\n"
      "text.ja = \"j\"\n"
      "[steps.question]\n"
      "prompt = { en = \"q\", ja = \"問\" }\n"
      "choices = [ { en = \"a\", ja = \"あ\" }, { en = \"b\", ja = \"い\" } ]\n"
      "answer = 3\n"  // line 26
      "explanation = { en = \"x\", ja = \"説明\" }\n";
  std::string text = good_lesson("many", step);
  text.erase(text.find("level = 1\n"), 10);
  LoadedLesson loaded = load_lesson(box.write("many.toml", text));
  CHECK_FALSE(loaded.lesson);
  CHECK(find_error(loaded.errors, "missing key 'level'") != nullptr);
  const LessonError* layer = find_error(loaded.errors, "'layer' is 9");
  REQUIRE(layer);
  CHECK(layer->step == 2);
  CHECK(find_error(loaded.errors, "play = \"everything\"") != nullptr);
  const LessonError* answer =
      find_error(loaded.errors, "answer = 3 but the question has 2 choices");
  REQUIRE(answer);
  CHECK(answer->line == 25);  // the file lost one line above (level)
}

TEST_CASE("a missing capture is reported at the capture line", "[lessons][errors]") {
  LessonSandbox box;
  std::string text = good_lesson("nocap");
  text.replace(text.find("smtp-plain.pcap"), 15, "not-there.pcap");
  LoadedLesson loaded = load_lesson(box.write("nocap.toml", text));
  CHECK_FALSE(loaded.lesson);
  const LessonError* e = find_error(loaded.errors, "not found");
  REQUIRE(e);
  CHECK(e->line == 3);
  CHECK(e->message.find("not-there.pcap") != std::string::npos);
  // A capture path may not leave captures/.
  std::string escape = good_lesson("escape");
  escape.replace(escape.find("smtp-plain.pcap"), 15, "../secret.pcap");
  LoadedLesson escaped = load_lesson(box.write("escape.toml", escape));
  CHECK(find_error(escaped.errors, "must name a file inside captures/") != nullptr);
}

TEST_CASE("a selector that matches nothing, or too much, is reported", "[lessons][errors]") {
  LessonSandbox box;
  std::string text = good_lesson("nomatch");
  text.replace(text.find("code = 354"), 10, "code = 535");
  LoadedLesson loaded = load_lesson(box.write("nomatch.toml", text));
  CHECK_FALSE(loaded.lesson);
  REQUIRE(loaded.errors.size() == 1);
  const LessonError& e = loaded.errors[0];
  CHECK(e.line == 10);
  CHECK(e.step == 1);
  CHECK(e.message.find("selector {type=\"reply\", code=535} matches no event in") !=
        std::string::npos);
  CHECK(e.to_string().find("nomatch.toml:10: step 1: selector") != std::string::npos);

  std::string many = good_lesson("many");
  many.replace(many.find("{ type = \"reply\", code = 354 }"), 30, "{ type = \"reply\" }");
  LoadedLesson ambiguous = load_lesson(box.write("ambiguous.toml", many));
  CHECK(find_error(ambiguous.errors, "add nth = 1..") != nullptr);

  std::string backwards = good_lesson("backwards", "");
  backwards.replace(backwards.find("select = { type = \"reply\", code = 354 }"), 39,
                    "select = { verb = \"QUIT\" }\nplay_to = { type = \"greeting\" }");
  LoadedLesson back = load_lesson(box.write("backwards.toml", backwards));
  CHECK(find_error(back.errors, "comes before the step's event") != nullptr);
}

TEST_CASE("a directory loads the good lessons and reports the broken ones", "[lessons][errors]") {
  LessonSandbox box;
  box.write("b-second.toml", "order = 2\n" + good_lesson("second"));
  box.write("a-first.toml", "order = 1\n" + good_lesson("first"));
  box.write("c-broken.toml", "id = \"broken\"\nlevel = [\n");
  box.write("d-duplicate.toml", good_lesson("first"));
  box.write("README.md", "not a lesson");
  LessonDirectory dir = load_lesson_directory(box.lessons());
  CHECK(dir.files == 4);
  REQUIRE(dir.lessons.size() == 2);
  CHECK(dir.lessons[0].id == "first");
  CHECK(dir.lessons[1].id == "second");
  CHECK(dir.broken_files == 2);
  CHECK(find_error(dir.errors, "TOML syntax") != nullptr);
  CHECK(find_error(dir.errors, "already used by") != nullptr);

  LessonDirectory missing = load_lesson_directory(box.lessons() / "nope");
  CHECK(missing.lessons.empty());
  REQUIRE(missing.errors.size() == 1);
}

TEST_CASE("lesson ids and oversized files", "[lessons][errors]") {
  CHECK(is_valid_lesson_id("smtp-dialogue"));
  CHECK(is_valid_lesson_id("a.b_c-1"));
  CHECK_FALSE(is_valid_lesson_id(""));
  CHECK_FALSE(is_valid_lesson_id("Has Space"));
  CHECK_FALSE(is_valid_lesson_id("[x]"));
  CHECK_FALSE(is_valid_lesson_id(std::string(max_lesson_id_length + 1, 'a')));
  std::string huge(max_lesson_file_bytes + 10, '#');
  ParsedLesson parsed = parse_lesson_text(huge, "huge.toml");
  REQUIRE(parsed.errors.size() == 1);
  CHECK(parsed.errors[0].message.find("larger than") != std::string::npos);
}
