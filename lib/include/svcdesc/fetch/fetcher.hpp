#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::fetch {

// One GET to make. `url` is normalized (see url.hpp); the validators make it conditional.
struct Request {
  std::string url;
  std::optional<std::string> if_none_match;     // the stored ETag
  std::optional<std::string> if_modified_since; // the stored Last-Modified, verbatim
};

// How a request ended, after its retries.
enum class Outcome {
  ok,           // 2xx with a complete body
  not_modified, // 304
  gone,         // 404 or 410
  failed,       // anything else: network trouble, 5xx after retries, other 4xx, bad body
  disallowed,   // robots.txt disallows it; nothing was sent
  given_up,     // its host kept failing and was given up for this run; nothing was sent
};

// One try of a request, for the state file's history.
struct AttemptInfo {
  std::int64_t time = 0; // Unix seconds when it started
  long http_status = 0;  // 0 when no response arrived
  std::string error;     // empty when a response arrived that needs no retry
  bool connected = false; // a connection to the server was made
};

// The end of one request.
struct Response {
  size_t index = 0; // position of the request in the list given to fetch()
  std::string url;
  std::string final_url; // after redirects
  Outcome outcome = Outcome::failed;
  long http_status = 0;
  std::string error; // for a person: "HTTP 503 Service Unavailable", "timed out after 10 s"
  // Whether the server could not be reached at all: no attempt got a connection (refused, DNS,
  // TLS handshake, connect timeout).
  bool unreachable = false;
  // The request was not sent because of its host: it was given up, or its robots.txt could not
  // be reached. A notice (Callbacks::notice) has said so once for the host.
  bool host_level = false;
  std::string body;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> content_type;
  std::vector<AttemptInfo> attempts;
  double seconds = 0; // time from the first attempt's start to the end
};

// The clock and the callbacks of a run. The library reads no clock and prints nothing itself.
struct Callbacks {
  // Monotonic seconds, for scheduling.
  std::function<double()> now;
  // Wall-clock Unix seconds, for Retry-After dates and the attempt history.
  std::function<std::int64_t()> unix_time;
  // Called once per request, in completion order.
  std::function<void(Response&&)> done;
  // Something a person should know that is about a host rather than one URL ("host given up").
  std::function<void(std::string_view)> notice;
  // Polled often; true stops the run: requests in flight are abandoned and not reported.
  std::function<bool()> stop;
};

// The network boundary: the curl engine below in production, a fake in unit tests.
class HttpClient {
public:
  virtual ~HttpClient() = default;
  // Makes every request (retries, politeness and robots.txt included) and reports each through
  // callbacks.done, until all are done or callbacks.stop() says to stop.
  virtual void fetch(const std::vector<Request>& requests, const Callbacks& callbacks) = 0;
};

struct EngineOptions {
  size_t concurrency = 8;     // requests in flight in total
  size_t per_host = 2;        // requests in flight per host
  double rate = 2;            // request starts per second per host; 0 for no limit
  double connect_timeout = 10; // seconds
  double timeout = 60;        // seconds for a whole request
  long low_speed_bytes = 100; // abort when slower than this many bytes per second...
  long low_speed_time = 20;   // ...for this many seconds
  std::int64_t max_body = std::int64_t{16} << 20; // bytes after decompression
  long max_redirects = 5;
  int retries = 3;            // extra attempts after a retryable failure
  double backoff = 1;         // seconds before the first retry; doubled for each further one
  double max_backoff = 60;    // seconds, the cap of one backoff
  double max_wait = 120;      // the longest Retry-After honoured, in seconds
  int host_failures = 8;      // consecutive failed attempts after which a host is given up
  bool robots = true;         // fetch and respect robots.txt
  std::string robots_agent = "svcdesc"; // the product token robots.txt groups are matched with
  std::string user_agent;     // the User-Agent header
  bool allow_file = false;    // file:// URLs too
  bool insecure = false;      // no TLS certificate checks
  std::uint64_t seed = 1;     // for the jitter of intervals and backoffs
  bool pipewait = false;
};

// The default User-Agent: "svcdesc/<version> (+<project URL>)".
std::string default_user_agent();

// The engine: libcurl's multi interface with HTTP/2 where offered, every compression curl has,
// connection and DNS reuse, and a Scheduler for the limits and intervals. Per host it first
// fetches robots.txt (unless options.robots is false), honours its Crawl-delay, retries timeouts,
// connection errors and 5xx with jittered exponential backoff, honours Retry-After on 429 and 503
// up to max_wait, and gives a host up after host_failures failed attempts in a row.
class CurlClient final : public HttpClient {
public:
  explicit CurlClient(EngineOptions options);
  void fetch(const std::vector<Request>& requests, const Callbacks& callbacks) override;

private:
  EngineOptions m_options;
};

} // namespace svcdesc::fetch
