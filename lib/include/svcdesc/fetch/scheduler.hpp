#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::fetch {

// Decides which request may start when. Each host has a queue of jobs (ids chosen by the caller),
// a number of requests in flight, and the earliest time its next request may start; hosts are
// served round-robin so that one large site does not starve the others. Times are seconds on the
// caller's clock: the scheduler never reads a clock itself, so tests drive it with plain numbers.
class Scheduler {
public:
  // At most `total` requests in flight, at most `per_host` per host (both at least 1). `seed`
  // drives the jitter of the per-host intervals.
  Scheduler(size_t total, size_t per_host, std::uint64_t seed);

  // Queues job `id` for `host`; it may start at `ready_at` at the earliest (a retry's backoff).
  // Jobs that are ready start in the order they were added, retries before new jobs.
  void add(std::string_view host, size_t id, double ready_at = 0);
  // The next job that may start at `now`, marked as in flight; nullopt when every ready job waits
  // for a limit or an interval.
  std::optional<size_t> next(double now);
  // A request of `host` that next() returned is no longer in flight.
  void finished(std::string_view host);

  // The time between two request starts on `host` (from --rate and Crawl-delay); each gap is
  // stretched by a random 0 to 25 % so that requests do not fall into lockstep.
  void set_interval(std::string_view host, double seconds);
  // No request of `host` starts before `until` (Retry-After).
  void pause_host(std::string_view host, double until);
  // Removes and returns every queued job of `host`; later add() calls for it are refused (the
  // host was given up). Jobs in flight are not affected.
  std::vector<size_t> give_up(std::string_view host);
  bool given_up(std::string_view host) const;

  // When next() may have something to start, if anything is queued; `now` when something could
  // start at once but a limit holds it (a job must finish first).
  std::optional<double> next_wakeup(double now) const;
  // Jobs queued (ready or waiting), not counting those in flight.
  size_t queued() const;
  size_t in_flight() const { return m_in_flight; }

private:
  struct Entry {
    size_t id;
    double ready_at;
  };
  struct Host {
    std::deque<Entry> jobs;
    size_t in_flight = 0;
    double next_allowed = 0;
    double interval = 0;
    bool given_up = false;
  };
  Host& host(std::string_view name);
  // The position of the first job of `h` that is ready at `now`, if any.
  static std::optional<size_t> ready_job(const Host& h, double now);

  size_t m_total;
  size_t m_per_host;
  size_t m_in_flight = 0;
  std::map<std::string, Host, std::less<>> m_hosts;
  std::vector<std::string> m_order; // hosts in the order they were first seen, for round-robin
  size_t m_cursor = 0;
  std::mt19937_64 m_random;
};

// The delay before retry number `retry` (1 for the first retry): `base` doubled for each earlier
// retry, capped at `cap`, then scaled by `unit` (a random number in [0, 1)) into [50 %, 150 %) of
// that, so that clients that failed together do not retry together.
double backoff_delay(int retry, double base, double cap, double unit);

} // namespace svcdesc::fetch
