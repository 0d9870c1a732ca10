// ui/model/lesson_player.cpp — lesson and step navigation, answers, progress.
#include "ui/model/lesson_player.h"

#include <algorithm>

namespace mailscope {

void LessonPlayer::set_directory(LessonDirectory directory) {
  directory_ = std::move(directory);
  loaded_ = true;
  lesson_ = kNone;
  step_ = 0;
  chosen_.reset();
  answer_ = AnswerState::unanswered;
  ++generation_;
}

size_t LessonPlayer::find(std::string_view id) const {
  for (size_t i = 0; i < directory_.lessons.size(); ++i)
    if (directory_.lessons[i].id == id) return i;
  return kNone;
}

bool LessonPlayer::done(size_t lesson) const {
  if (!store_ || lesson >= directory_.lessons.size()) return false;
  return store_->get(directory_.lessons[lesson].id).done;
}

const Lesson* LessonPlayer::lesson() const {
  return lesson_ < directory_.lessons.size() ? &directory_.lessons[lesson_] : nullptr;
}

const LessonStep* LessonPlayer::step() const {
  const Lesson* l = lesson();
  return l && step_ < l->steps.size() ? &l->steps[step_] : nullptr;
}

size_t LessonPlayer::step_count() const {
  const Lesson* l = lesson();
  return l ? l->steps.size() : 0;
}

bool LessonPlayer::open(size_t lesson, std::optional<size_t> step) {
  if (lesson >= directory_.lessons.size() || directory_.lessons[lesson].steps.empty()) return false;
  const size_t count = directory_.lessons[lesson].steps.size();
  size_t at = 0;
  if (step)
    at = *step;
  else if (store_)
    at = store_->get(directory_.lessons[lesson].id).last_step;
  lesson_ = lesson;
  step_ = std::min(at, count - 1);
  entered_step();
  return true;
}

void LessonPlayer::close() {
  lesson_ = kNone;
  step_ = 0;
  chosen_.reset();
  answer_ = AnswerState::unanswered;
  ++generation_;
}

bool LessonPlayer::go_to(size_t step) {
  if (!is_open() || step >= step_count()) return false;
  step_ = step;
  entered_step();
  return true;
}

bool LessonPlayer::back() { return can_back() && go_to(step_ - 1); }
bool LessonPlayer::next() { return can_next() && go_to(step_ + 1); }

void LessonPlayer::entered_step() {
  chosen_.reset();
  answer_ = AnswerState::unanswered;
  ++generation_;
  if (!store_) return;
  const std::string& id = directory_.lessons[lesson_].id;
  LessonProgress before = store_->get(id);
  // A lesson counts as done once its last step has been reached; going back keeps it done.
  const bool last = step_ + 1 == step_count();
  if (before.last_step != step_ || (last && !before.done)) {
    store_->set_step(id, static_cast<uint32_t>(step_));
    if (last) store_->set_done(id, true);
    dirty_ = true;
  }
}

void LessonPlayer::choose(size_t choice) {
  const LessonStep* s = step();
  if (!s || !s->question || choice >= s->question->choices.size()) return;
  chosen_ = choice;
  answer_ = AnswerState::unanswered;  // a new choice has to be checked again
}

AnswerState LessonPlayer::check() {
  const LessonStep* s = step();
  if (!s || !s->question || !chosen_) return answer_ = AnswerState::unanswered;
  answer_ = *chosen_ == s->question->answer ? AnswerState::right : AnswerState::wrong;
  return answer_;
}

bool LessonPlayer::take_dirty() {
  bool d = dirty_;
  dirty_ = false;
  return d;
}

}  // namespace mailscope
