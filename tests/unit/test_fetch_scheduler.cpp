#include <svcdesc/fetch/scheduler.hpp>

#include <doctest/doctest.h>

#include <vector>

using svcdesc::fetch::backoff_delay;
using svcdesc::fetch::Scheduler;

TEST_CASE("fetch::Scheduler limits per host and in total") {
  Scheduler s(3, 2, 1);
  for (size_t id = 0; id < 4; ++id)
    s.add("a.fi", id);
  s.add("b.fi", 10);
  std::vector<size_t> started;
  while (auto id = s.next(0))
    started.push_back(*id);
  // Two of a.fi (the per-host limit), then b.fi; the total limit of 3 stops there.
  CHECK(started == std::vector<size_t>{0, 10, 1});
  CHECK(s.in_flight() == 3);
  CHECK_FALSE(s.next(0).has_value());
  s.finished("b.fi");
  // b.fi has nothing left, a.fi is at its limit.
  CHECK_FALSE(s.next(0).has_value());
  s.finished("a.fi");
  CHECK(s.next(0) == 2u);
  CHECK(s.queued() == 1);
}

TEST_CASE("fetch::Scheduler keeps the interval of a host, with at most 25 % jitter") {
  Scheduler s(10, 10, 42);
  s.set_interval("a.fi", 2.0);
  s.add("a.fi", 1);
  s.add("a.fi", 2);
  s.add("b.fi", 3);
  CHECK(s.next(100) == 1u);
  CHECK(s.next(100) == 3u); // another host is not held back
  CHECK_FALSE(s.next(101.9).has_value());
  auto wake = s.next_wakeup(100);
  REQUIRE(wake.has_value());
  CHECK(*wake >= 102.0);
  CHECK(*wake <= 102.5);
  CHECK(s.next(102.5) == 2u);
}

TEST_CASE("fetch::Scheduler: retries wait for their time and go before new jobs") {
  Scheduler s(10, 1, 1);
  s.add("a.fi", 1);
  s.add("a.fi", 7, 50); // a retry at t=50
  CHECK(s.next(10) == 1u);
  s.finished("a.fi");
  CHECK_FALSE(s.next(10).has_value());
  CHECK(s.next_wakeup(10) == doctest::Approx(50));
  CHECK(s.next(50) == 7u);
}

TEST_CASE("fetch::Scheduler pauses a host for Retry-After and gives a host up") {
  Scheduler s(10, 2, 1);
  s.add("a.fi", 1);
  s.add("a.fi", 2);
  s.add("b.fi", 3);
  s.pause_host("a.fi", 30);
  CHECK(s.next(0) == 3u);
  CHECK_FALSE(s.next(29).has_value());
  CHECK(s.next(30) == 1u);
  std::vector<size_t> dropped = s.give_up("a.fi");
  CHECK(dropped == std::vector<size_t>{2});
  CHECK(s.given_up("a.fi"));
  CHECK_FALSE(s.given_up("b.fi"));
  s.add("a.fi", 9); // refused
  CHECK(s.queued() == 0);
  CHECK_FALSE(s.next_wakeup(31).has_value());
}

TEST_CASE("fetch::Scheduler serves hosts round-robin") {
  Scheduler s(1, 1, 1);
  s.add("a.fi", 1);
  s.add("a.fi", 2);
  s.add("b.fi", 3);
  s.add("b.fi", 4);
  std::vector<size_t> order;
  while (auto id = s.next(0)) {
    order.push_back(*id);
    s.finished(*id < 3 ? "a.fi" : "b.fi");
  }
  CHECK(order == std::vector<size_t>{1, 3, 2, 4});
}

TEST_CASE("fetch::backoff_delay doubles, is capped and jittered") {
  CHECK(backoff_delay(1, 1.0, 60, 0.5) == doctest::Approx(1.0));
  CHECK(backoff_delay(2, 1.0, 60, 0.5) == doctest::Approx(2.0));
  CHECK(backoff_delay(3, 1.0, 60, 0.5) == doctest::Approx(4.0));
  CHECK(backoff_delay(20, 1.0, 60, 0.5) == doctest::Approx(60.0));
  CHECK(backoff_delay(3, 1.0, 60, 0.0) == doctest::Approx(2.0)); // 50 %
  CHECK(backoff_delay(3, 1.0, 60, 0.999) == doctest::Approx(5.996)); // almost 150 %
}
