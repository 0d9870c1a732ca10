// tests/ui/model_timeline_test.cpp — timeline positions and playback clock.
#include <catch2/catch.hpp>

#include "ui/model/playback.h"
#include "ui/model/timeline.h"

using namespace mailscope;

namespace {
constexpr int64_t kMs = 1'000'000;
}

TEST_CASE("even spacing gives every step the same time and room") {
  Timeline t;
  t.build({0, 1 * kMs, 5000 * kMs, 5001 * kMs}, TimingMode::even);
  REQUIRE(t.size() == 4);
  CHECK(t.start_seconds(0) == Approx(0.0));
  CHECK(t.start_seconds(1) == Approx(1.0));
  CHECK(t.start_seconds(3) == Approx(3.0));
  CHECK(t.duration_seconds() == Approx(4.0));
  CHECK(t.position(1) - t.position(0) == Approx(t.position(3) - t.position(2)));
}

TEST_CASE("real timing keeps the rhythm, with a floor and a ceiling") {
  TimelineLimits limits;
  Timeline t;
  t.build({0, 1 * kMs, 1000 * kMs, 600'000 * kMs}, TimingMode::real, limits);
  // 1 ms becomes the minimum, 999 ms stays, ten minutes become the maximum.
  CHECK(t.step_duration(0) == Approx(limits.min_step_seconds));
  CHECK(t.step_duration(1) == Approx(0.999));
  CHECK(t.step_duration(2) == Approx(limits.max_step_seconds));
  // A longer wait opens more room, but never more than max_rows_per_gap extra rows.
  float gap_short = t.position(1) - t.position(0), gap_mid = t.position(2) - t.position(1);
  float gap_long = t.position(3) - t.position(2);
  CHECK(gap_short == Approx(limits.row_height));
  CHECK(gap_mid > gap_short);
  CHECK(gap_long > gap_mid);
  CHECK(gap_long <= limits.row_height * (1 + limits.max_rows_per_gap) + 0.01f);
}

TEST_CASE("timeline lookups are consistent binary searches") {
  Timeline t;
  std::vector<int64_t> times;
  for (int i = 0; i < 1000; ++i) times.push_back(i * 3 * kMs);
  t.build(times, TimingMode::even);
  for (size_t i = 0; i < t.size(); i += 97) {
    CHECK(t.step_at_time(t.start_seconds(i)) == i);
    CHECK(t.step_at_time(t.start_seconds(i) + 0.5) == i);
    CHECK(t.step_at_position(t.position(i)) == i);
  }
  auto [first, last] = t.visible(t.position(100), t.position(120));
  CHECK(first <= 100);
  CHECK(first >= 98);
  CHECK(last >= 120);
  CHECK(last <= 123);
  auto [none_first, none_last] = t.visible(t.length() + 1000, t.length() + 2000);
  CHECK(none_first == none_last);
}

TEST_CASE("an empty or unsorted timeline is safe") {
  Timeline t;
  t.build({}, TimingMode::real);
  CHECK(t.empty());
  CHECK(t.step_at_time(3.0) == 0);
  CHECK(t.duration_seconds() == 0.0);
  t.build({5 * kMs, 1 * kMs}, TimingMode::real);  // times going backwards do not run the clock back
  CHECK(t.start_seconds(1) >= t.start_seconds(0));
}

TEST_CASE("playback: play, advance, pause, steps, ends") {
  Timeline t;
  t.build({0, 1, 2, 3}, TimingMode::even);  // 4 steps of 1 s
  Playback p;
  p.reset(&t);
  CHECK_FALSE(p.playing());
  CHECK_FALSE(p.advance(1.0));  // paused: nothing moves
  p.play();
  CHECK(p.advance(0.3));
  CHECK(p.current_step() == 0);
  CHECK(p.envelope_fraction() == Approx(0.5f));  // 0.3 s of a 0.6 s travel
  p.advance(1.0);
  CHECK(p.current_step() == 1);
  p.toggle();
  CHECK_FALSE(p.playing());
  p.step_next();
  CHECK(p.current_step() == 2);
  CHECK(p.clock() == Approx(2.0));
  p.step_prev();  // at the very start of step 2: goes to step 1
  CHECK(p.current_step() == 1);
  p.go_end();
  CHECK(p.at_end());
  CHECK(p.envelope_fraction() == 1.0f);
  p.play();  // play at the end starts over
  CHECK(p.clock() == 0.0);
  p.advance(100.0);
  CHECK(p.at_end());
  CHECK_FALSE(p.playing());
  p.go_home();
  CHECK(p.current_step() == 0);
  p.scrub_to(2.5);
  CHECK(p.current_step() == 2);
  p.scrub_to(-4);
  CHECK(p.clock() == 0.0);
  p.scrub_to(99);
  CHECK(p.clock() == Approx(4.0));
}

TEST_CASE("playback speed stays between 0.25x and 16x") {
  Timeline t;
  t.build({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, TimingMode::even);
  Playback p;
  p.reset(&t);
  p.set_speed(100);
  CHECK(p.speed() == 16.0);
  p.set_speed(0.01);
  CHECK(p.speed() == 0.25);
  p.faster();
  CHECK(p.speed() == 0.5);
  p.set_speed(16);
  p.faster();
  CHECK(p.speed() == 16.0);
  p.set_speed(4);
  p.play();
  p.advance(0.5);  // 0.5 s at 4x = 2 s of playback
  CHECK(p.current_step() == 2);
  p.set_speed(std::numeric_limits<double>::quiet_NaN());
  CHECK(p.speed() == 1.0);
}
