// ui/model/lesson_player.h — the lesson player's state, without ImGui: which lesson and step
// are open, Back/Next bounds, the learner's answer to a step's question, and the progress
// remembered between runs (lessons/progress_store.h).
//
//   LessonPlayer player;
//   player.set_directory(load_lesson_directory("lessons"));     // from the worker thread
//   player.set_store(&store);                                     // optional: remember progress
//   player.open(0);                                               // the last step seen, or step 0
//   const LessonStep* step = player.step();                       // drive the stage with it
//   player.choose(2); bool right = player.check();                // a question's answer
//   player.next();                                                // reaching the last step marks
//   done
//
// Every change of step bumps generation(), so the window applies a step to the stage once,
// not every frame. Progress is written to the store on every step change (the store decides
// when to save; see take_dirty()).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/lesson_loader.h"
#include "lessons/progress_store.h"

namespace mailscope {

enum class AnswerState : uint8_t { unanswered, right, wrong };

class LessonPlayer {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  void set_directory(LessonDirectory directory);
  void set_store(ProgressStore* store) { store_ = store; }

  const std::vector<Lesson>& lessons() const { return directory_.lessons; }
  const std::vector<LessonError>& errors() const { return directory_.errors; }
  bool loaded() const { return loaded_; }
  size_t find(std::string_view id) const;  // index of the lesson with this id, or kNone
  bool done(size_t lesson) const;          // from the store; false without one

  // Opens a lesson at `step` (clamped to the lesson's steps), or, without a step, where the
  // learner left it. False when the index is out of range or the lesson has no steps.
  bool open(size_t lesson, std::optional<size_t> step = std::nullopt);
  void close();  // back to the list
  bool is_open() const { return lesson_ != kNone; }

  const Lesson* lesson() const;
  const LessonStep* step() const;
  size_t lesson_index() const { return lesson_; }
  size_t step_index() const { return step_; }
  size_t step_count() const;

  bool can_back() const { return is_open() && step_ > 0; }
  bool can_next() const { return is_open() && step_ + 1 < step_count(); }
  bool back();
  bool next();
  bool go_to(size_t step);

  // The question of the current step: the learner's choice, then Check.
  void choose(size_t choice);
  std::optional<size_t> chosen() const { return chosen_; }
  AnswerState check();  // unanswered when nothing is chosen or the step has no question
  AnswerState answer() const { return answer_; }

  uint64_t generation() const { return generation_; }
  // True once after progress changed (the window then saves the store).
  bool take_dirty();

 private:
  void entered_step();

  LessonDirectory directory_;
  bool loaded_ = false;
  ProgressStore* store_ = nullptr;
  size_t lesson_ = kNone;
  size_t step_ = 0;
  std::optional<size_t> chosen_;
  AnswerState answer_ = AnswerState::unanswered;
  uint64_t generation_ = 0;
  bool dirty_ = false;
};

}  // namespace mailscope
