// The fetch engine: libcurl's multi interface (wrapped here and only here) driven by a Scheduler.
//
// One loop: start every request the scheduler allows, let curl move the bytes (curl_multi_poll),
// and handle each finished transfer. A finished transfer either ends its request (reported through
// Callbacks::done) or goes back to the scheduler with a ready time: the backoff of a retry or the
// server's Retry-After, which also pauses the whole host. Per host, robots.txt is fetched first and
// the host's pages wait for it; its Crawl-delay widens the host's interval. A host whose attempts
// keep failing is given up: its queued requests end at once, with one notice.
#include <svcdesc/fetch/fetcher.hpp>

#include <svcdesc/core/version.hpp>
#include <svcdesc/fetch/http_date.hpp>
#include <svcdesc/fetch/robots.hpp>
#include <svcdesc/fetch/scheduler.hpp>
#include <svcdesc/fetch/url.hpp>

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <random>

namespace svcdesc::fetch {

std::string default_user_agent() {
  std::string agent = "svcdesc/";
  agent += version();
  agent += " (+";
  agent += k_project_url;
  agent += ")";
  return agent;
}

CurlClient::CurlClient(EngineOptions options) : m_options(std::move(options)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

namespace {

constexpr size_t k_no_job = std::numeric_limits<size_t>::max();

std::string_view reason_phrase(long status) {
  switch (status) {
  case 400: return "Bad Request";
  case 401: return "Unauthorized";
  case 403: return "Forbidden";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  case 408: return "Request Timeout";
  case 410: return "Gone";
  case 429: return "Too Many Requests";
  case 451: return "Unavailable For Legal Reasons";
  case 500: return "Internal Server Error";
  case 501: return "Not Implemented";
  case 502: return "Bad Gateway";
  case 503: return "Service Unavailable";
  case 504: return "Gateway Timeout";
  default: return "";
  }
}

std::string http_error(long status) {
  std::string text = fmt::format("HTTP {}", status);
  if (std::string_view phrase = reason_phrase(status); !phrase.empty()) {
    text += ' ';
    text += phrase;
  }
  return text;
}

std::string seconds_text(double seconds) {
  if (seconds == std::floor(seconds))
    return fmt::format("{} s", static_cast<long long>(seconds));
  return fmt::format("{:.1f} s", seconds);
}

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size())
    return false;
  for (size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i])
      return false;
  return true;
}

std::string_view trim_header(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
    v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r' || v.back() == '\n'))
    v.remove_suffix(1);
  return v;
}

// One request: its response so far, across attempts.
struct Job {
  std::string host;
  bool robots = false;
  int tries = 0;
  double first_start = -1;
  Response response;
  std::optional<std::string> if_none_match;
  std::optional<std::string> if_modified_since;
};

struct HostState {
  enum class RobotsState { unknown, pending, known } robots_state = RobotsState::unknown;
  std::optional<Robots> robots; // of robots.hpp, once known
  std::string robots_failure;   // why robots.txt is taken as "disallow all"
  std::vector<size_t> waiting;  // pages waiting for robots.txt
  int failures_in_a_row = 0;
  double interval = 0;
};

// The body and headers of the transfer in flight for one job.
struct Transfer {
  size_t job = k_no_job;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;
  std::int64_t max_body = 0;
  bool too_big = false;
  std::int64_t announced = 0; // the Content-Length of the response
  std::optional<std::string> etag, last_modified, content_type, retry_after;
  char error[CURL_ERROR_SIZE] = {};
};

extern "C" size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->body.empty() && t->announced > t->max_body) {
    // A Content-Length beyond the limit ends the transfer before the body is read.
    t->too_big = true;
    return 0;
  }
  if (static_cast<std::int64_t>(t->body.size() + n) > t->max_body) {
    t->too_big = true;
    return 0; // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

extern "C" size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    // A new response (after a redirect or a 100 Continue): forget the previous one's headers.
    t->etag.reset();
    t->last_modified.reset();
    t->content_type.reset();
    t->retry_after.reset();
    t->announced = 0;
    return n;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos)
    return n;
  std::string_view name = line.substr(0, colon);
  std::string value(trim_header(line.substr(colon + 1)));
  auto is = [&](std::string_view wanted) {
    return name.size() == wanted.size() && iequals_prefix(name, wanted);
  };
  if (is("etag"))
    t->etag = value;
  else if (is("last-modified"))
    t->last_modified = value;
  else if (is("content-type"))
    t->content_type = value;
  else if (is("retry-after"))
    t->retry_after = value;
  else if (is("content-length"))
    std::from_chars(value.data(), value.data() + value.size(), t->announced);
  return n;
}

class Run {
public:
  Run(const EngineOptions& options, const Callbacks& callbacks)
      : m_options(options), m_callbacks(callbacks),
        m_scheduler(options.concurrency, options.per_host, options.seed),
        m_random(options.seed ^ 0x9e3779b97f4a7c15ULL) {
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(options.per_host));
    curl_multi_setopt(m_multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      static_cast<long>(options.concurrency));
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, static_cast<long>(options.concurrency * 2));
  }
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;
  ~Run() {
    for (auto& [easy, transfer] : m_in_flight) {
      curl_multi_remove_handle(m_multi, easy);
      curl_easy_cleanup(easy);
      curl_slist_free_all(transfer->headers);
    }
    for (CURL* easy : m_idle)
      curl_easy_cleanup(easy);
    curl_multi_cleanup(m_multi);
  }

  void run(const std::vector<Request>& requests) {
    m_jobs.reserve(requests.size());
    for (size_t i = 0; i < requests.size(); ++i) {
      Job job;
      job.response.index = i;
      job.response.url = requests[i].url;
      job.response.final_url = requests[i].url;
      job.if_none_match = requests[i].if_none_match;
      job.if_modified_since = requests[i].if_modified_since;
      job.host = host_of(requests[i].url);
      m_jobs.push_back(std::move(job));
    }
    for (size_t i = 0; i < requests.size(); ++i)
      enqueue_page(i);

    while (!m_callbacks.stop()) {
      double now = m_callbacks.now();
      while (auto id = m_scheduler.next(now))
        start(*id);
      if (m_scheduler.in_flight() == 0 && m_scheduler.queued() == 0)
        break;
      // Wake up for the scheduler, and at least ten times a second to notice a stop.
      double wait = 0.1;
      if (auto wake = m_scheduler.next_wakeup(now); wake && m_scheduler.in_flight() < m_options.concurrency)
        wait = std::clamp(*wake - now, 0.0, 0.1);
      curl_multi_poll(m_multi, nullptr, 0, static_cast<int>(wait * 1000), nullptr);
      int running = 0;
      curl_multi_perform(m_multi, &running);
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(m_multi, &left)) {
        if (msg->msg == CURLMSG_DONE)
          finished(msg->easy_handle, msg->data.result);
      }
    }
  }

private:
  static std::string host_of(const std::string& url) {
    std::string host = host_key(url);
    return host.empty() ? std::string("file:") : host;
  }
  bool is_file(const Job& job) const { return job.response.url.starts_with("file:"); }

  HostState& host_state(const std::string& host) {
    auto [it, inserted] = m_hosts.try_emplace(host);
    if (inserted) {
      double interval = m_options.rate > 0 && host != "file:" ? 1.0 / m_options.rate : 0.0;
      it->second.interval = interval;
      m_scheduler.set_interval(host, interval);
    }
    return it->second;
  }

  void enqueue_page(size_t id) {
    Job& job = m_jobs[id];
    HostState& host = host_state(job.host);
    if (m_scheduler.given_up(job.host)) {
      give_up_job(id);
      return;
    }
    if (!m_options.robots || is_file(job) || host.robots_state == HostState::RobotsState::known) {
      if (host.robots && !host.robots->allowed(path_and_query(job.response.url))) {
        job.response.outcome = Outcome::disallowed;
        if (host.robots_failure.starts_with("not fetched:")) {
          job.response.outcome = Outcome::failed;
          job.response.host_level = true;
        }
        job.response.error = host.robots_failure.empty()
                                 ? std::string("disallowed by robots.txt")
                                 : host.robots_failure;
        report(id);
        return;
      }
      m_scheduler.add(job.host, id);
      return;
    }
    host.waiting.push_back(id);
    if (host.robots_state == HostState::RobotsState::unknown) {
      host.robots_state = HostState::RobotsState::pending;
      const std::string& url = job.response.url;
      std::string robots_url = url.substr(0, url.find("://") + 3) + host_key(url) + "/robots.txt";
      std::string host_name = job.host; // push_back below moves the jobs
      Job robots;
      robots.host = host_name;
      robots.robots = true;
      robots.response.index = k_no_job;
      robots.response.url = robots_url;
      robots.response.final_url = robots_url;
      m_jobs.push_back(std::move(robots));
      m_scheduler.add(host_name, m_jobs.size() - 1);
    }
  }

  void start(size_t id) {
    Job& job = m_jobs[id];
    double now = m_callbacks.now();
    if (job.first_start < 0)
      job.first_start = now;
    ++job.tries;
    job.response.attempts.push_back(AttemptInfo{m_callbacks.unix_time(), 0, {}});

    CURL* easy = nullptr;
    if (!m_idle.empty()) {
      easy = m_idle.back();
      m_idle.pop_back();
      curl_easy_reset(easy);
    } else {
      easy = curl_easy_init();
    }
    auto transfer = std::make_unique<Transfer>();
    transfer->job = id;
    transfer->easy = easy;
    transfer->max_body = m_options.max_body;
    Transfer* t = transfer.get();

    curl_easy_setopt(easy, CURLOPT_URL, job.response.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->error);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, m_options.max_redirects);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, m_options.allow_file ? "http,https,file" : "http,https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, m_options.pipewait ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, m_options.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(m_options.connect_timeout * 1000));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.timeout * 1000));
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, m_options.low_speed_bytes);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, m_options.low_speed_time);
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_options.max_body));
    if (m_options.insecure) {
      curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (job.if_none_match) {
      std::string h = "If-None-Match: ";
      h += *job.if_none_match;
      t->headers = curl_slist_append(t->headers, h.c_str());
    }
    if (job.if_modified_since) {
      std::string h = "If-Modified-Since: ";
      h += *job.if_modified_since;
      t->headers = curl_slist_append(t->headers, h.c_str());
    }
    if (t->headers != nullptr)
      curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
    m_in_flight.emplace(easy, std::move(transfer));
    curl_multi_add_handle(m_multi, easy);
  }

  void finished(CURL* easy, CURLcode code) {
    auto it = m_in_flight.find(easy);
    std::unique_ptr<Transfer> t = std::move(it->second);
    m_in_flight.erase(it);
    curl_multi_remove_handle(m_multi, easy);
    curl_slist_free_all(t->headers);
    t->headers = nullptr;

    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    char* effective = nullptr;
    curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
    Job& job = m_jobs[t->job];
    m_scheduler.finished(job.host);
    if (effective != nullptr)
      job.response.final_url = effective;
    AttemptInfo& attempt = job.response.attempts.back();
    if (is_file(job) && code == CURLE_OK)
      status = 200;
    attempt.http_status = status;
    curl_off_t connect_time = 0, pretransfer_time = 0;
    curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect_time);
    curl_easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_time);
    attempt.connected = status > 0 || connect_time > 0 || pretransfer_time > 0;
    job.response.http_status = status;
    job.response.etag = t->etag;
    job.response.last_modified = t->last_modified;
    job.response.content_type = t->content_type;

    double now = m_callbacks.now();
    size_t id = t->job;
    if (code == CURLE_OK) {
      if (status >= 200 && status < 300) {
        job.response.body = std::move(t->body);
        done(id, Outcome::ok, "", now);
      } else if (status == 304) {
        done(id, Outcome::not_modified, "", now);
      } else if (status == 404 || status == 410) {
        done(id, Outcome::gone, http_error(status), now);
      } else if (status == 429 || status == 503) {
        std::optional<double> wait;
        if (t->retry_after)
          wait = parse_retry_after(*t->retry_after, m_callbacks.unix_time());
        if (wait && *wait > m_options.max_wait) {
          std::string why = http_error(status);
          why += fmt::format("; the server asks to wait {}, longer than --max-wait {}",
                             seconds_text(*wait), seconds_text(m_options.max_wait));
          attempt.error = why;
          done(id, Outcome::failed, why, now);
        } else {
          retry_or_fail(id, http_error(status), now, wait, true);
        }
      } else if (status >= 500) {
        retry_or_fail(id, http_error(status), now, std::nullopt, true);
      } else {
        done(id, Outcome::failed, http_error(status), now);
      }
    } else {
      network_failure(id, *t, code, now);
    }
    if (m_idle.size() < m_options.concurrency)
      m_idle.push_back(easy);
    else
      curl_easy_cleanup(easy);
  }

  void network_failure(size_t id, const Transfer& t, CURLcode code, double now) {
    std::string detail = t.error[0] != '\0' ? std::string(t.error) : curl_easy_strerror(code);
    switch (code) {
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR: {
      if (!t.too_big && code == CURLE_WRITE_ERROR)
        break;
      done(id, Outcome::failed,
           t.announced > m_options.max_body
               ? fmt::format("the server announces {} bytes, more than --max-size {}",
                             t.announced, m_options.max_body)
               : fmt::format("body larger than --max-size {} bytes", m_options.max_body),
           now);
      return;
    }
    case CURLE_TOO_MANY_REDIRECTS:
      done(id, Outcome::failed,
           fmt::format("more than {} redirects (a redirect loop?)", m_options.max_redirects), now);
      return;
    case CURLE_BAD_CONTENT_ENCODING:
      done(id, Outcome::failed,
           fmt::format("the body is not in the Content-Encoding the server declared ({})", detail),
           now);
      return;
    case CURLE_OPERATION_TIMEDOUT:
      if (detail.find("too slow") != std::string::npos)
        detail = fmt::format("too slow: under {} bytes/s for {} s", m_options.low_speed_bytes,
                             m_options.low_speed_time);
      else
        detail = fmt::format("timed out ({})", detail);
      retry_or_fail(id, detail, now, std::nullopt, true);
      return;
    case CURLE_PARTIAL_FILE:
      retry_or_fail(id, fmt::format("truncated body ({})", detail), now, std::nullopt, true);
      return;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      retry_or_fail(id, detail, now, std::nullopt, true);
      return;
    default:
      break;
    }
    done(id, Outcome::failed, detail, now);
  }

  // A retryable failure: again after the backoff (or `wait`, the server's Retry-After), unless the
  // retries are used up or the host has failed too often.
  void retry_or_fail(size_t id, const std::string& why, double now, std::optional<double> wait,
                     bool host_fault) {
    Job& job = m_jobs[id];
    job.response.attempts.back().error = why;
    HostState& host = host_state(job.host);
    if (host_fault && ++host.failures_in_a_row >= m_options.host_failures &&
        !m_scheduler.given_up(job.host)) {
      std::vector<size_t> dropped = m_scheduler.give_up(job.host);
      std::vector<size_t> waiting = std::move(host.waiting);
      host.waiting.clear();
      dropped.insert(dropped.end(), waiting.begin(), waiting.end());
      size_t pages = static_cast<size_t>(std::count_if(
          dropped.begin(), dropped.end(), [&](size_t d) { return !m_jobs[d].robots; }));
      m_callbacks.notice(fmt::format("{}: {} failed attempts in a row (last: {}); giving up on "
                                     "this host for this run, {} more URL{} not fetched",
                                     job.host, host.failures_in_a_row, why, pages,
                                     pages == 1 ? "" : "s"));
      done(id, Outcome::failed, why, now);
      for (size_t d : dropped)
        give_up_job(d);
      return;
    }
    if (m_scheduler.given_up(job.host) || job.tries > m_options.retries) {
      std::string message = why;
      if (job.tries > 1)
        message += fmt::format(" (after {} attempts)", job.tries);
      done(id, Outcome::failed, message, now);
      return;
    }
    double delay = 0;
    if (wait) {
      delay = *wait;
      m_scheduler.pause_host(job.host, now + delay);
    } else {
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      delay = backoff_delay(job.tries, m_options.backoff, m_options.max_backoff, unit(m_random));
    }
    m_scheduler.add(job.host, id, now + std::max(delay, 1e-3));
  }

  void give_up_job(size_t id) {
    Job& job = m_jobs[id];
    job.response.outcome = Outcome::given_up;
    job.response.host_level = true;
    job.response.error =
        fmt::format("not fetched: host {} was given up after repeated failures", job.host);
    if (job.robots)
      robots_known(id);
    else
      report(id);
  }

  void done(size_t id, Outcome outcome, std::string error, double now) {
    Job& job = m_jobs[id];
    job.response.outcome = outcome;
    job.response.error = std::move(error);
    job.response.seconds = now - job.first_start;
    HostState& host = host_state(job.host);
    if (job.response.http_status > 0 && job.response.http_status < 500 &&
        job.response.http_status != 429)
      host.failures_in_a_row = 0;
    if (job.response.attempts.back().error.empty() && outcome != Outcome::ok &&
        outcome != Outcome::not_modified)
      job.response.attempts.back().error = job.response.error;
    if (job.robots)
      robots_known(id);
    else
      report(id);
  }

  void report(size_t id) {
    Job& job = m_jobs[id];
    job.response.unreachable =
        job.response.outcome == Outcome::failed &&
        std::all_of(job.response.attempts.begin(), job.response.attempts.end(),
                    [](const AttemptInfo& a) { return !a.connected; });
    m_callbacks.done(std::move(job.response));
    job.response = Response{};
  }

  void robots_known(size_t id) {
    Job& job = m_jobs[id];
    HostState& host = host_state(job.host);
    const Response& r = job.response;
    host.robots_state = HostState::RobotsState::known;
    if (r.outcome == Outcome::ok) {
      host.robots = Robots::parse(r.body, m_options.robots_agent);
    } else if (r.http_status >= 400 && r.http_status < 500) {
      host.robots = Robots::allow_all();
    } else if (r.outcome == Outcome::given_up) {
      host.robots = Robots::disallow_all();
      host.robots_failure = r.error;
    } else if (r.http_status == 0) {
      // Nothing was heard from the host: its pages fail as unreachable, with one notice.
      std::vector<size_t> waiting = std::move(host.waiting);
      host.waiting.clear();
      host.robots = Robots::disallow_all();
      host.robots_failure = fmt::format("not fetched: host {} could not be reached ({})",
                                        job.host, r.error);
      m_callbacks.notice(fmt::format("{}: cannot be reached ({}); {} URL{} not fetched this run",
                                     job.host, r.error, waiting.size(),
                                     waiting.size() == 1 ? "" : "s"));
      for (size_t page : waiting) {
        Job& p = m_jobs[page];
        p.response.outcome = Outcome::failed;
        p.response.error = host.robots_failure;
        p.response.host_level = true;
        report(page);
      }
      return;
    } else {
      // RFC 9309 2.3.1.4: an unreachable robots.txt means the whole site is disallowed.
      host.robots = Robots::disallow_all();
      host.robots_failure = fmt::format("robots.txt could not be fetched ({})", r.error);
    }
    if (auto delay = host.robots->crawl_delay(); delay && *delay > host.interval) {
      host.interval = *delay;
      m_scheduler.set_interval(job.host, *delay);
    }
    std::vector<size_t> waiting = std::move(host.waiting);
    host.waiting.clear();
    for (size_t page : waiting) {
      if (r.outcome == Outcome::given_up)
        give_up_job(page);
      else
        enqueue_page(page);
    }
  }

  const EngineOptions& m_options;
  const Callbacks& m_callbacks;
  Scheduler m_scheduler;
  std::mt19937_64 m_random;
  CURLM* m_multi = nullptr;
  std::vector<Job> m_jobs;
  std::map<std::string, HostState> m_hosts;
  std::map<CURL*, std::unique_ptr<Transfer>> m_in_flight;
  std::vector<CURL*> m_idle;
};

} // namespace

void CurlClient::fetch(const std::vector<Request>& requests, const Callbacks& callbacks) {
  EngineOptions options = m_options;
  if (options.user_agent.empty())
    options.user_agent = default_user_agent();
  Run run(options, callbacks);
  run.run(requests);
}

} // namespace svcdesc::fetch
