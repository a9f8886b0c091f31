// The fetch scheduler: one FIFO queue per host, a next-allowed time per host (the politeness
// interval and Retry-After), limits on requests in flight in total and per host, and round-robin
// between hosts. It holds ids only; the engine owns the requests.
#include <svcdesc/fetch/scheduler.hpp>

#include <algorithm>
#include <cmath>

namespace svcdesc::fetch {

Scheduler::Scheduler(size_t total, size_t per_host, std::uint64_t seed)
    : m_total(std::max<size_t>(total, 1)), m_per_host(std::max<size_t>(per_host, 1)),
      m_random(seed) {}

Scheduler::Host& Scheduler::host(std::string_view name) {
  auto it = m_hosts.find(name);
  if (it == m_hosts.end()) {
    it = m_hosts.emplace(std::string(name), Host{}).first;
    m_order.emplace_back(name);
  }
  return it->second;
}

void Scheduler::add(std::string_view name, size_t id, double ready_at) {
  Host& h = host(name);
  if (h.given_up)
    return;
  if (ready_at > 0) {
    // A retry: ahead of the new jobs, behind earlier retries.
    auto pos = std::find_if(h.jobs.begin(), h.jobs.end(),
                            [](const Entry& e) { return e.ready_at <= 0; });
    h.jobs.insert(pos, Entry{id, ready_at});
  } else {
    h.jobs.push_back(Entry{id, ready_at});
  }
}

std::optional<size_t> Scheduler::ready_job(const Host& h, double now) {
  for (size_t i = 0; i < h.jobs.size(); ++i)
    if (h.jobs[i].ready_at <= now)
      return i;
  return std::nullopt;
}

std::optional<size_t> Scheduler::next(double now) {
  if (m_in_flight >= m_total || m_order.empty())
    return std::nullopt;
  for (size_t step = 0; step < m_order.size(); ++step) {
    size_t index = (m_cursor + step) % m_order.size();
    Host& h = m_hosts.find(m_order[index])->second;
    if (h.in_flight >= m_per_host || h.next_allowed > now)
      continue;
    auto pos = ready_job(h, now);
    if (!pos)
      continue;
    size_t id = h.jobs[*pos].id;
    h.jobs.erase(h.jobs.begin() + static_cast<std::ptrdiff_t>(*pos));
    ++h.in_flight;
    ++m_in_flight;
    if (h.interval > 0) {
      std::uniform_real_distribution<double> stretch(1.0, 1.25);
      h.next_allowed = now + h.interval * stretch(m_random);
    }
    m_cursor = (index + 1) % m_order.size();
    return id;
  }
  return std::nullopt;
}

void Scheduler::finished(std::string_view name) {
  Host& h = host(name);
  if (h.in_flight > 0) {
    --h.in_flight;
    --m_in_flight;
  }
}

void Scheduler::set_interval(std::string_view name, double seconds) {
  Host& h = host(name);
  // A longer interval applies from the last start on, not only from the next one.
  if (seconds > h.interval && h.next_allowed > 0)
    h.next_allowed += seconds - h.interval;
  h.interval = std::max(0.0, seconds);
}

void Scheduler::pause_host(std::string_view name, double until) {
  Host& h = host(name);
  h.next_allowed = std::max(h.next_allowed, until);
}

std::vector<size_t> Scheduler::give_up(std::string_view name) {
  Host& h = host(name);
  h.given_up = true;
  std::vector<size_t> dropped;
  for (const Entry& e : h.jobs)
    dropped.push_back(e.id);
  h.jobs.clear();
  return dropped;
}

bool Scheduler::given_up(std::string_view name) const {
  auto it = m_hosts.find(name);
  return it != m_hosts.end() && it->second.given_up;
}

std::optional<double> Scheduler::next_wakeup(double now) const {
  std::optional<double> best;
  for (const auto& [name, h] : m_hosts) {
    if (h.jobs.empty())
      continue;
    double earliest = h.jobs.front().ready_at;
    for (const Entry& e : h.jobs)
      earliest = std::min(earliest, e.ready_at);
    double at = std::max({earliest, h.next_allowed, now});
    if (!best || at < *best)
      best = at;
  }
  return best;
}

size_t Scheduler::queued() const {
  size_t n = 0;
  for (const auto& [name, h] : m_hosts)
    n += h.jobs.size();
  return n;
}

double backoff_delay(int retry, double base, double cap, double unit) {
  double delay = base * std::pow(2.0, std::max(0, retry - 1));
  delay = std::min(delay, cap);
  return delay * (0.5 + std::clamp(unit, 0.0, 1.0));
}

} // namespace svcdesc::fetch
