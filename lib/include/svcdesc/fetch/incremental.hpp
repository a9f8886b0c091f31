#pragma once

#include <svcdesc/core/result.hpp>
#include <svcdesc/fetch/fetcher.hpp>
#include <svcdesc/fetch/state.hpp>
#include <svcdesc/parse/parse.hpp>
#include <svcdesc/record/record.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::fetch {

// A page to fetch: its normalized URL and, from a sitemap, its <lastmod> in Unix seconds.
struct Target {
  std::string url;
  std::optional<std::int64_t> lastmod;
};

// What became of one page in this run.
enum class PageStatus {
  fetched,      // downloaded and parsed: fresh records
  unchanged,    // 304, the same body, or a sitemap <lastmod> older than the last fetch
  carried_over, // this run failed; the last good records are kept, marked so
  withdrawn,    // 404 or 410; the last good records are kept, marked withdrawn
  failed,       // this run failed and there is no earlier record: nothing is written
};

// "fetched", "unchanged", "carried_over", "withdrawn", "failed".
std::string_view page_status_name(PageStatus status);

struct PageResult {
  std::string url;
  std::string final_url;
  PageStatus status = PageStatus::failed;
  long http_status = 0;
  std::size_t bytes = 0; // of the body received in this run
  double seconds = 0;
  int attempts = 0;
  // Why the page failed, was carried over or withdrawn; empty otherwise.
  std::string error;
  // Nothing at all was heard from the server in this run (connection refused, DNS, timeout).
  bool unreachable = false;
  // The page was not fetched because of its host (given up, unreachable robots.txt); a notice
  // has said so once for the host.
  bool host_problem = false;
  // The records of the page for the output, as JSON lines with their keys (none when failed).
  struct Line {
    std::string id;
    std::string lang;
    std::string json;
  };
  std::vector<Line> lines;
  // A fetched page's records as parsed (their warnings); empty for records carried forward,
  // which are not parsed again.
  std::vector<record::Record> records;
  // Parts of a fetched body that could not be read while the rest could (a PTV service without a
  // required field), as parse_input reported them.
  std::vector<Error> problems;
};

struct RunCallbacks {
  std::function<double()> now;              // monotonic seconds
  std::function<std::int64_t()> unix_time;  // wall clock, for fetched_at and the history
  std::function<void(PageResult&&)> page;   // once per target, in completion order
  // When set, told the number of units once it is known (the PTV run learns it from the listings).
  std::function<void(size_t)> total;
  std::function<void(std::string_view)> notice;
  std::function<bool()> stop;
};

// The nightly job for pages. For each target it sends the stored validators (If-None-Match,
// If-Modified-Since), and then: a changed body is parsed (with the Content-Type's charset and the
// URL as source) into fresh records; a 304 or an identical body (same SHA-256) carries the stored
// records forward unparsed as `unchanged`; a 404 or 410 keeps the stored records as `withdrawn`; a
// failure keeps them as `carried_over` with the reason and the day; a page that never succeeded
// yields no record. The state of each page is committed in its own transaction as it completes.
// Returns an error (and stops) only when the state file cannot be read or written.
Result<bool> fetch_pages(const std::vector<Target>& targets, StateStore& state, HttpClient& client,
                         const parse::Options& options, const RunCallbacks& callbacks);

// One sitemap problem: the sitemap's URL and what is wrong with it or one of its entries.
struct SitemapProblem {
  std::string sitemap;
  std::string message;
};

// Reads the sitemaps at `urls` (and the sitemaps their indexes name, up to 1,000 sitemaps in all)
// through `client`, and returns the page URLs they list, normalized, with their <lastmod>.
// Unreadable sitemaps and bad entries go to `problems`; the rest is still returned.
std::vector<Target> read_sitemaps(const std::vector<std::string>& urls, HttpClient& client,
                                  bool allow_file, const RunCallbacks& callbacks,
                                  std::vector<SitemapProblem>& problems);

// `json`, a record written by record::to_json, with its source.status set to `status` and its
// source.status_reason to `reason` (removed when nullopt), edited in place rather than parsed
// and written again. Falls back to parsing when the text is not laid out as to_json writes it.
std::string with_status(std::string_view json, std::string_view status,
                        const std::optional<std::string>& reason);

// A W3C datetime of a sitemap's <lastmod> ("2026-11-23", "2026-11-23T07:00:00+02:00") as Unix
// seconds; nullopt when it is not one.
std::optional<std::int64_t> parse_w3c_datetime(std::string_view text);

} // namespace svcdesc::fetch
