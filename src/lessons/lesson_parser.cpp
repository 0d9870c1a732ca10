// lessons/lesson_parser.cpp — TOML lesson files into Lesson structs; see lesson_parser.h.
//
// The reader is strict on purpose: a teacher's typo ("txet.ja") must be an error with a line
// number, not a step that silently shows no Japanese text. Every table checks its keys against
// the list it allows; every text must exist in English and in Japanese.
#include "lessons/lesson_parser.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>

#include "lessons/lesson_text.h"
#include "protocols/port_map.h"

namespace mailscope {

namespace {

namespace fs = std::filesystem;

class Reporter {
 public:
  Reporter(const fs::path& file, std::vector<LessonError>& errors) : file_(file), errors_(errors) {}
  void error(const toml::source_region& where, std::string message) {
    error_at(static_cast<int>(where.begin.line), static_cast<int>(where.begin.column),
             std::move(message));
  }
  void error_at(int line, int column, std::string message) {
    errors_.push_back({file_, line, column, step, std::move(message)});
  }
  int step = 0;  // the step being read (1-based), 0 outside steps

 private:
  const fs::path& file_;
  std::vector<LessonError>& errors_;
};

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Unknown keys are reported with the closest allowed key (typos) or the whole list.
void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                std::string_view where, Reporter& reporter) {
  for (auto&& [key, node] : table) {
    std::string_view name = key.str();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string message = "unknown key '" + std::string(name) + "' in " + std::string(where);
    std::string_view best;
    size_t best_distance = 3;
    for (std::string_view candidate : allowed) {
      size_t d = edit_distance(name, candidate);
      if (d < best_distance) best_distance = d, best = candidate;
    }
    if (!best.empty()) {
      message += "; did you mean '" + std::string(best) + "'?";
    } else {
      message += "; allowed keys:";
      for (std::string_view candidate : allowed) message += " " + std::string(candidate);
    }
    reporter.error(key.source(), std::move(message));
  }
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// A required or optional string value; false (and an error when present but wrong) otherwise.
bool read_string(const toml::table& table, std::string_view key, bool required,
                 std::string_view where, std::string& out, Reporter& reporter) {
  const toml::node* node = table.get(key);
  if (!node) {
    if (required) {
      reporter.error(table.source(),
                     "missing key '" + std::string(key) + "' in " + std::string(where));
    }
    return false;
  }
  if (!node->is_string()) {
    reporter.error(node->source(), "'" + std::string(key) + "' must be a string (in quotes)");
    return false;
  }
  out = node->as_string()->get();
  return true;
}

bool read_integer(const toml::node& node, std::string_view name, int64_t low, int64_t high,
                  int64_t& out, Reporter& reporter) {
  if (!node.is_integer()) {
    reporter.error(node.source(), "'" + std::string(name) + "' must be a whole number from " +
                                      std::to_string(low) + " to " + std::to_string(high));
    return false;
  }
  int64_t value = node.as_integer()->get();
  if (value < low || value > high) {
    reporter.error(node.source(), "'" + std::string(name) + "' is " + std::to_string(value) +
                                      "; use a number from " + std::to_string(low) + " to " +
                                      std::to_string(high));
    return false;
  }
  out = value;
  return true;
}

// A text in both languages: name.en and name.ja (or an inline table { en = "...", ja = "..." }).
bool read_localized_node(const toml::node& node, const std::string& name, LocalizedText& out,
                         Reporter& reporter) {
  const toml::table* table = node.as_table();
  if (!table) {
    reporter.error(node.source(), name + " must hold two texts: " + name + ".en = \"...\" and " +
                                      name + ".ja = \"...\"");
    return false;
  }
  check_keys(*table, {"en", "ja"}, name, reporter);
  bool ok = true;
  struct Slot {
    const char* key;
    const char* language;
    std::string* text;
  };
  for (const Slot& slot : {Slot{"en", "English", &out.en}, Slot{"ja", "Japanese", &out.ja}}) {
    const toml::node* value = table->get(slot.key);
    if (!value) {
      reporter.error(table->source(), name + " has no " + slot.language + " text; add " + name +
                                          "." + slot.key + " = \"...\"");
      ok = false;
    } else if (!value->is_string()) {
      reporter.error(value->source(), name + "." + slot.key + " must be a string (in quotes)");
      ok = false;
    } else if (blank(value->as_string()->get())) {
      reporter.error(value->source(),
                     name + "." + slot.key + " is empty; write the " + slot.language + " text");
      ok = false;
    } else {
      *slot.text = reflow_text(value->as_string()->get());
    }
  }
  return ok;
}

bool read_localized(const toml::table& parent, std::string_view key, const std::string& name,
                    LocalizedText& out, Reporter& reporter) {
  const toml::node* node = parent.get(key);
  if (!node) {
    reporter.error(parent.source(),
                   "missing " + name + "; add " + name + ".en and " + name + ".ja");
    return false;
  }
  return read_localized_node(*node, name, out, reporter);
}

std::optional<EventSelector> read_selector(const toml::node& node, const std::string& name,
                                           Reporter& reporter) {
  const toml::table* table = node.as_table();
  if (!table) {
    reporter.error(node.source(), name + " must be an inline table, e.g. " + name +
                                      " = { type = \"reply\", code = 354 }");
    return std::nullopt;
  }
  check_keys(*table,
             {"stream", "protocol", "type", "direction", "verb", "answers", "code", "tag", "status",
              "contains", "nth"},
             name, reporter);
  EventSelector selector;
  selector.line = static_cast<int>(node.source().begin.line);
  selector.column = static_cast<int>(node.source().begin.column);
  bool ok = true;
  int64_t number = 0;
  std::string text;
  if (const toml::node* v = table->get("stream")) {
    if (read_integer(*v, "stream", 0, 1'000'000, number, reporter)) {
      selector.stream = static_cast<uint32_t>(number);
    } else {
      ok = false;
    }
  }
  if (read_string(*table, "protocol", false, name, text, reporter)) {
    Protocol protocol;
    if (parse_protocol_name(text, protocol)) {
      selector.protocol = protocol;
    } else {
      reporter.error(table->get("protocol")->source(),
                     "unknown protocol \"" + text +
                         "\"; use smtp, submission, pop3, imap, smtps, pop3s or imaps");
      ok = false;
    }
  }
  if (read_string(*table, "type", false, name, text, reporter)) {
    EventType type;
    if (parse_event_type(text, type)) {
      selector.type = type;
    } else {
      reporter.error(table->get("type")->source(),
                     "unknown event type \"" + text +
                         "\"; use connection_open, greeting, command, reply, untagged, "
                         "continuation, auth_response, data, tls, gap or connection_close");
      ok = false;
    }
  }
  if (read_string(*table, "direction", false, name, text, reporter)) {
    if (text == "client" || text == "server") {
      selector.direction =
          text == "client" ? Direction::client_to_server : Direction::server_to_client;
    } else {
      reporter.error(table->get("direction")->source(),
                     "direction is \"" + text + "\"; use \"client\" or \"server\" (who sent it)");
      ok = false;
    }
  }
  read_string(*table, "verb", false, name, selector.verb, reporter);
  read_string(*table, "answers", false, name, selector.answers, reporter);
  read_string(*table, "tag", false, name, selector.tag, reporter);
  read_string(*table, "status", false, name, selector.status, reporter);
  read_string(*table, "contains", false, name, selector.contains, reporter);
  if (const toml::node* v = table->get("code")) {
    if (read_integer(*v, "code", 100, 599, number, reporter)) {
      selector.code = static_cast<int>(number);
    } else {
      ok = false;
    }
  }
  if (const toml::node* v = table->get("nth")) {
    if (read_integer(*v, "nth", 1, 100'000, number, reporter)) {
      selector.nth = static_cast<uint32_t>(number);
    } else {
      ok = false;
    }
  }
  if (ok && selector.empty()) {
    reporter.error(node.source(), name + " names no field; e.g. " + name +
                                      " = { protocol = \"smtp\", verb = \"DATA\" }");
    ok = false;
  }
  return ok ? std::optional<EventSelector>(selector) : std::nullopt;
}

std::optional<StepQuestion> read_question(const toml::node& node, Reporter& reporter) {
  const toml::table* table = node.as_table();
  if (!table) {
    reporter.error(node.source(),
                   "question must be a table: [steps.question] with prompt, "
                   "choices, answer and explanation");
    return std::nullopt;
  }
  check_keys(*table, {"prompt", "choices", "answer", "explanation"}, "question", reporter);
  StepQuestion question;
  bool ok = read_localized(*table, "prompt", "question.prompt", question.prompt, reporter);
  ok = read_localized(*table, "explanation", "question.explanation", question.explanation,
                      reporter) &&
       ok;
  const toml::node* choices = table->get("choices");
  const toml::array* list = choices ? choices->as_array() : nullptr;
  if (!choices) {
    reporter.error(table->source(),
                   "question has no choices; add choices = [ { en = \"...\", "
                   "ja = \"...\" }, ... ]");
    ok = false;
  } else if (!list || list->size() < 2 || list->size() > max_question_choices) {
    reporter.error(choices->source(), "choices must be a list of 2 to " +
                                          std::to_string(max_question_choices) +
                                          " texts, each { en = \"...\", ja = \"...\" }");
    ok = false;
  } else {
    for (size_t i = 0; i < list->size(); ++i) {
      LocalizedText choice;
      ok = read_localized_node((*list)[i], "choice " + std::to_string(i + 1), choice, reporter) &&
           ok;
      question.choices.push_back(std::move(choice));
    }
  }
  const toml::node* answer = table->get("answer");
  int64_t number = 0;
  if (!answer) {
    reporter.error(table->source(),
                   "question has no answer; add answer = N (choices count from 1)");
    ok = false;
  } else if (!answer->is_integer()) {
    reporter.error(answer->source(), "answer must be the number of the right choice (from 1)");
    ok = false;
  } else if (list && !question.choices.empty()) {
    number = answer->as_integer()->get();
    if (number < 1 || number > static_cast<int64_t>(question.choices.size())) {
      reporter.error(answer->source(), "answer = " + std::to_string(number) +
                                           " but the question has " +
                                           std::to_string(question.choices.size()) +
                                           " choices; answers count from 1");
      ok = false;
    } else {
      question.answer = static_cast<size_t>(number - 1);
    }
  }
  return ok ? std::optional<StepQuestion>(std::move(question)) : std::nullopt;
}

void read_step(const toml::table& table, LessonStep& step, Reporter& reporter) {
  check_keys(table, {"text", "select", "layer", "play", "play_to", "question"}, "step", reporter);
  step.line = static_cast<int>(table.source().begin.line);
  read_localized(table, "text", "text", step.text, reporter);
  if (const toml::node* select = table.get("select")) {
    if (auto selector = read_selector(*select, "select", reporter)) step.select = *selector;
  } else {
    reporter.error(table.source(),
                   "missing select: which event the step shows, e.g. "
                   "select = { type = \"reply\", code = 354 }");
  }
  int64_t number = 0;
  if (const toml::node* layer = table.get("layer")) {
    if (read_integer(*layer, "layer", 1, 7, number, reporter))
      step.layer = static_cast<uint8_t>(number);
  }
  std::string play;
  bool has_play = read_string(table, "play", false, "step", play, reporter);
  if (has_play && !parse_play_mode(play, step.play)) {
    reporter.error(table.get("play")->source(),
                   "play = \"" + play +
                       "\"; use event, exchange, session or from_start "
                       "(or play_to = { ... } to play up to another event)");
  }
  if (const toml::node* until = table.get("play_to")) {
    if (has_play && step.play != PlayMode::until) {
      reporter.error(until->source(),
                     "play_to and play = \"" + play + "\" contradict each other; keep one of them");
    }
    if (auto selector = read_selector(*until, "play_to", reporter)) step.play_to = *selector;
    step.play = PlayMode::until;
  } else if (has_play && step.play == PlayMode::until) {
    reporter.error(table.get("play")->source(), "play = \"until\" needs play_to = { ... }");
  }
  if (const toml::node* question = table.get("question"))
    step.question = read_question(*question, reporter);
}

void read_level(const toml::node& node, LessonLevel& level, Reporter& reporter) {
  if (node.is_integer()) {
    int64_t number = 0;
    if (read_integer(node, "level", 1, 3, number, reporter))
      level = static_cast<LessonLevel>(number);
    return;
  }
  if (node.is_string()) {
    const std::string& name = node.as_string()->get();
    for (LessonLevel l :
         {LessonLevel::beginner, LessonLevel::intermediate, LessonLevel::advanced}) {
      if (name == lesson_level_name(l)) {
        level = l;
        return;
      }
    }
  }
  reporter.error(node.source(),
                 "level must be 1, 2, 3 or \"beginner\", \"intermediate\", \"advanced\"");
}

void read_lesson(const toml::table& root, Lesson& lesson, Reporter& reporter) {
  check_keys(root, {"id", "order", "level", "capture", "ports", "title", "summary", "steps"},
             "the lesson", reporter);
  if (read_string(root, "id", true, "the lesson", lesson.id, reporter) &&
      !is_valid_lesson_id(lesson.id)) {
    reporter.error(root.get("id")->source(), "id \"" + lesson.id +
                                                 "\" may use only a-z, 0-9, '-', "
                                                 "'_' and '.', at most " +
                                                 std::to_string(max_lesson_id_length) +
                                                 " characters");
  }
  int64_t number = 0;
  if (const toml::node* order = root.get("order")) {
    if (read_integer(*order, "order", 0, 100'000, number, reporter))
      lesson.order = static_cast<int>(number);
  }
  if (const toml::node* level = root.get("level")) {
    read_level(*level, lesson.level, reporter);
  } else {
    reporter.error(root.source(),
                   "missing key 'level' in the lesson; use 1 (beginner), "
                   "2 (intermediate) or 3 (advanced)");
  }
  if (read_string(root, "capture", true, "the lesson", lesson.capture, reporter)) {
    lesson.capture_line = static_cast<int>(root.get("capture")->source().begin.line);
    fs::path capture(lesson.capture);
    bool escapes =
        std::any_of(capture.begin(), capture.end(), [](const fs::path& p) { return p == ".."; });
    if (lesson.capture.empty() || capture.is_absolute() || escapes) {
      reporter.error(root.get("capture")->source(), "capture = \"" + lesson.capture +
                                                        "\" must name a file inside captures/, "
                                                        "e.g. capture = \"smtp-plain.pcap\"");
      lesson.capture.clear();
    }
  }
  if (const toml::node* ports = root.get("ports")) {
    const toml::array* list = ports->as_array();
    if (!list) {
      reporter.error(ports->source(), "ports must be a list such as ports = [\"2525=smtp\"]");
    } else {
      PortMap map;
      for (const toml::node& entry : *list) {
        std::string error;
        if (!entry.is_string()) {
          reporter.error(entry.source(), "each port mapping is a string such as \"2525=smtp\"");
        } else if (!map.add_mapping(entry.as_string()->get(), error)) {
          reporter.error(entry.source(), error);
        } else {
          lesson.ports.push_back(entry.as_string()->get());
        }
      }
    }
  }
  read_localized(root, "title", "title", lesson.title, reporter);
  read_localized(root, "summary", "summary", lesson.summary, reporter);

  const toml::node* steps = root.get("steps");
  const toml::array* list = steps ? steps->as_array() : nullptr;
  if (!steps) {
    reporter.error(root.source(), "the lesson has no steps; add [[steps]] tables");
    return;
  }
  if (!list || list->empty() || !list->is_array_of_tables()) {
    reporter.error(steps->source(), "steps must be written as [[steps]] tables");
    return;
  }
  if (list->size() > max_lesson_steps) {
    reporter.error(steps->source(), "the lesson has " + std::to_string(list->size()) +
                                        " steps; split it (at most " +
                                        std::to_string(max_lesson_steps) + ")");
    return;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    reporter.step = static_cast<int>(i + 1);
    lesson.steps.emplace_back();
    read_step(*(*list)[i].as_table(), lesson.steps.back(), reporter);
  }
  reporter.step = 0;
}

}  // namespace

bool is_valid_lesson_id(std::string_view id) {
  if (id.empty() || id.size() > max_lesson_id_length) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

ParsedLesson parse_lesson_text(std::string_view text, const fs::path& file) {
  ParsedLesson parsed;
  parsed.lesson.file = file;
  Reporter reporter(parsed.lesson.file, parsed.errors);
  if (text.size() > max_lesson_file_bytes) {
    reporter.error_at(0, 0,
                      "the file is larger than " + std::to_string(max_lesson_file_bytes / 1024) +
                          " KiB; a lesson is prose, split it into several lessons");
    return parsed;
  }
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(file.string()));
  } catch (const toml::parse_error& error) {
    // toml++ explains the syntax error and where it is; the rest of the file cannot be trusted.
    reporter.error(error.source(), "TOML syntax: " + std::string(error.description()));
    return parsed;
  }
  read_lesson(root, parsed.lesson, reporter);
  std::stable_sort(parsed.errors.begin(), parsed.errors.end(),
                   [](const LessonError& a, const LessonError& b) {
                     return a.line != b.line ? a.line < b.line : a.column < b.column;
                   });
  return parsed;
}

ParsedLesson parse_lesson_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    ParsedLesson parsed;
    parsed.lesson.file = file;
    parsed.errors.push_back(
        {file, 0, 0, 0, "cannot read the file; check that it exists and is readable"});
    return parsed;
  }
  std::string text;
  text.resize(max_lesson_file_bytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return parse_lesson_text(text, file);
}

}  // namespace mailscope
