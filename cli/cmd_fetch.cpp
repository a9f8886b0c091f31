// svcdesc fetch: pages over HTTP into records, incrementally, with a state file between runs.
#include "app.hpp"
#include "output.hpp"

#include <svcdesc/core/atomic_file.hpp>
#include <svcdesc/fetch/fetcher.hpp>
#include <svcdesc/fetch/incremental.hpp>
#include <svcdesc/fetch/sitemap.hpp>
#include <svcdesc/fetch/state.hpp>
#include <svcdesc/fetch/url.hpp>
#include <svcdesc/parse/parse.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <unistd.h>

namespace svcdesc::cli {

struct FetchCommand {
  std::vector<std::string> urls;
  std::string input;
  std::vector<std::string> sitemaps;
  std::string state;
  std::string output;
  std::string report;
  std::string profile = "auto";
  size_t concurrency = 8;
  size_t per_host = 2;
  double rate = 2;
  double timeout = 60;
  double connect_timeout = 10;
  long low_speed = 100;
  long low_speed_time = 20;
  std::string max_size = "16M";
  long max_redirects = 5;
  int retries = 3;
  double backoff = 1;
  double max_wait = 120;
  std::string user_agent;
  bool ignore_robots = false;
  bool allow_file = false;
  bool insecure = false;
};

namespace {

// "16M", "512K", "1G" or a number of bytes.
std::optional<std::int64_t> parse_size(std::string_view text) {
  if (text.empty())
    return std::nullopt;
  std::int64_t factor = 1;
  char last = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
  if (last == 'K' || last == 'M' || last == 'G') {
    factor = last == 'K' ? 1024 : last == 'M' ? 1024 * 1024 : 1024 * 1024 * 1024;
    text.remove_suffix(1);
  }
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0 ||
      value > (std::int64_t{1} << 40) / factor)
    return std::nullopt;
  return value * factor;
}

double monotonic_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

std::int64_t unix_seconds() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

// The progress line on a terminal: done/total, rate, failures, ETA; redrawn at most 10 times a
// second, erased at the end.
class ProgressBar {
public:
  ProgressBar(bool enabled, size_t total) : m_enabled(enabled), m_total(total) {
    m_start = monotonic_seconds();
  }
  void update(size_t done, size_t failed, bool force = false) {
    if (!m_enabled)
      return;
    double now = monotonic_seconds();
    if (!force && now - m_last < 0.1)
      return;
    m_last = now;
    double elapsed = std::max(now - m_start, 1e-3);
    double rate = static_cast<double>(done) / elapsed;
    constexpr size_t width = 24;
    size_t filled = m_total == 0 ? width : width * done / m_total;
    std::string bar(filled, '#');
    bar.append(width - filled, '.');
    std::string eta = "--:--";
    if (rate > 0 && done < m_total) {
      auto left = static_cast<long long>(static_cast<double>(m_total - done) / rate);
      eta = fmt::format("{}:{:02}", left / 60, left % 60);
    }
    fmt::print(stderr, "\r\033[K[{}] {}/{}  {:.1f}/s  {} failed  ETA {}", bar, done, m_total, rate,
               failed, eta);
    std::fflush(stderr);
  }
  void clear() {
    if (m_enabled)
      fmt::print(stderr, "\r\033[K");
  }

private:
  bool m_enabled;
  size_t m_total;
  double m_start = 0;
  double m_last = 0;
};

struct Counts {
  size_t fetched = 0, unchanged = 0, carried_over = 0, withdrawn = 0, failed = 0;
  size_t unreachable = 0;
  size_t done() const { return fetched + unchanged + carried_over + withdrawn + failed; }
};

std::string report_line(const fetch::PageResult& page) {
  std::string line = "{\"url\":";
  line += record::json_quote(page.url);
  line += ",\"final_url\":";
  line += record::json_quote(page.final_url);
  line += ",\"outcome\":";
  line += record::json_quote(fetch::page_status_name(page.status));
  line += fmt::format(",\"http_status\":{},\"bytes\":{},\"seconds\":{:.3f},\"attempts\":{}",
                      page.http_status, page.bytes, page.seconds, page.attempts);
  line += ",\"records\":";
  line += std::to_string(page.lines.size());
  line += ",\"error\":";
  line += page.error.empty() ? std::string("null") : record::json_quote(page.error);
  line += "}\n";
  return line;
}

struct Collected {
  std::string id;
  std::string lang;
  std::string url;
  std::string json;
};

} // namespace

FetchCommand& register_fetch(CLI::App& app) {
  static FetchCommand command;
  CLI::App* sub = app.add_subcommand(
      "fetch", "Fetch pages over HTTP(S) into records, incrementally, with a state file");
  sub->add_option("URL", command.urls, "Pages to fetch (http or https)")->type_name("URL");
  sub->add_option("-i,--input", command.input,
                  "Read the URLs from LIST, one per line, '#' starts a comment; '-' is standard "
                  "input (the default when no URL, LIST or sitemap is given)")
      ->type_name("LIST");
  sub->add_option("--sitemap", command.sitemaps,
                  "Fetch the pages a sitemap lists (sitemap indexes are followed; a <lastmod> "
                  "older than the last fetch skips the page); may be repeated")
      ->type_name("URL");
  sub->add_option("--state", command.state,
                  "The state file (SQLite), created on first use: validators, hashes and the last "
                  "good record of every URL")
      ->type_name("FILE")
      ->required();
  sub->add_option("-o,--output", command.output,
                  "Write the records to FILE, sorted by id, replacing it atomically (default: "
                  "standard output)")
      ->type_name("FILE");
  sub->add_option("--report", command.report,
                  "Write one NDJSON line per URL (url, final_url, outcome, http_status, bytes, "
                  "seconds, attempts, records, error) to FILE, for monitoring")
      ->type_name("FILE");
  sub->add_option("--profile", command.profile,
                  "How to read the pages: auto, suomifi, ministry, regional or generic")
      ->check(CLI::IsMember({"auto", "suomifi", "ministry", "regional", "generic"}))
      ->type_name("NAME")
      ->default_str("auto");
  sub->add_option("--concurrency", command.concurrency, "Requests in flight in total")
      ->check(CLI::Range(1, 1000))
      ->type_name("N")
      ->default_str("8");
  sub->add_option("--per-host", command.per_host, "Requests in flight per host")
      ->check(CLI::Range(1, 100))
      ->type_name("N")
      ->default_str("2");
  sub->add_option("--rate", command.rate,
                  "Requests per second per host, with jitter; 0 for no limit (robots.txt "
                  "Crawl-delay can only slow this down)")
      ->check(CLI::Range(0.0, 1000.0))
      ->type_name("R")
      ->default_str("2");
  sub->add_option("--timeout", command.timeout, "Seconds a whole request may take")
      ->check(CLI::Range(0.01, 86400.0))
      ->type_name("SECONDS")
      ->default_str("60");
  sub->add_option("--connect-timeout", command.connect_timeout, "Seconds to connect")
      ->check(CLI::Range(0.01, 3600.0))
      ->type_name("SECONDS")
      ->default_str("10");
  sub->add_option("--low-speed", command.low_speed,
                  "Abort a transfer slower than BYTES per second for --low-speed-time seconds")
      ->check(CLI::Range(1L, 1L << 30))
      ->type_name("BYTES")
      ->default_str("100");
  sub->add_option("--low-speed-time", command.low_speed_time, "See --low-speed")
      ->check(CLI::Range(1L, 3600L))
      ->type_name("SECONDS")
      ->default_str("20");
  sub->add_option("--max-size", command.max_size,
                  "The largest body accepted (after decompression): bytes, or with K, M or G")
      ->type_name("SIZE")
      ->default_str("16M");
  sub->add_option("--max-redirects", command.max_redirects, "Redirects followed per request")
      ->check(CLI::Range(0L, 50L))
      ->type_name("N")
      ->default_str("5");
  sub->add_option("--retries", command.retries,
                  "Retries after a timeout, a connection error, a 5xx, a 429 or a truncated body")
      ->check(CLI::Range(0, 20))
      ->type_name("N")
      ->default_str("3");
  sub->add_option("--backoff", command.backoff,
                  "Seconds before the first retry, doubled for each further one, with jitter")
      ->check(CLI::Range(0.0, 3600.0))
      ->type_name("SECONDS")
      ->default_str("1");
  sub->add_option("--max-wait", command.max_wait,
                  "The longest Retry-After honoured; a server asking for more counts as failed")
      ->check(CLI::Range(0.0, 86400.0))
      ->type_name("SECONDS")
      ->default_str("120");
  sub->add_option("--user-agent", command.user_agent,
                  "The User-Agent header (default: svcdesc/VERSION (+project URL))")
      ->type_name("STRING");
  sub->add_flag("--ignore-robots", command.ignore_robots,
                "Do not fetch or obey robots.txt (only for sites you are allowed to crawl)");
  sub->add_flag("--allow-file", command.allow_file,
                "Accept file:// URLs too and read them as if fetched (tests, mirrors)");
  sub->add_flag("--insecure", command.insecure,
                "Do not check TLS certificates (says so on standard error)");
  sub->footer(
      "Every URL of the input gets one record (a PTV JSON body one per service and\n"
      "language): fresh when the page changed, the stored one when it did not (304 or\n"
      "the same SHA-256), the last good one marked carried_over when this run failed,\n"
      "and marked withdrawn on 404 or 410. A URL that never succeeded gets a message\n"
      "and no record. The state file is updated as each URL completes, so an\n"
      "interrupted run loses nothing done and the next one resumes.\n\n"
      "Exit status: 0 every URL fetched, unchanged or withdrawn; 1 some URLs failed\n"
      "(the records written are still complete); 2 trouble (usage, state or output\n"
      "not writable, no host reachable); 130 interrupted (the output is not written).\n"
      "Example: svcdesc fetch -i urls.txt --state fetch.sqlite -o records.ndjson\n"
      "See svcdesc-fetch(1).");
  return command;
}

ExitCode run_fetch(const FetchCommand& command, const GlobalOptions& globals) {
  Diagnostics diag(globals);

  fetch::EngineOptions engine;
  engine.concurrency = command.concurrency;
  engine.per_host = command.per_host;
  engine.rate = command.rate;
  engine.timeout = command.timeout;
  engine.connect_timeout = command.connect_timeout;
  engine.low_speed_bytes = command.low_speed;
  engine.low_speed_time = command.low_speed_time;
  engine.max_redirects = command.max_redirects;
  engine.retries = command.retries;
  engine.backoff = command.backoff;
  engine.max_wait = command.max_wait;
  engine.robots = !command.ignore_robots;
  engine.user_agent = command.user_agent;
  engine.allow_file = command.allow_file;
  engine.insecure = command.insecure;
  engine.seed = std::random_device{}();
  auto max_size = parse_size(command.max_size);
  if (!max_size) {
    diag.tool_error(fmt::format("--max-size {} is not a size; give bytes or a number with K, M "
                                "or G (16M)",
                                command.max_size));
    return ExitCode::trouble;
  }
  engine.max_body = *max_size;

  // The inputs, all read and checked before any network work.
  std::vector<fetch::Target> targets;
  std::map<std::string, size_t> seen;
  auto add_target = [&](fetch::Target target) {
    auto [it, inserted] = seen.emplace(target.url, targets.size());
    if (inserted)
      targets.push_back(std::move(target));
    else if (!target.lastmod)
      targets[it->second].lastmod.reset(); // listed without a date too: always ask the server
  };
  for (const std::string& url : command.urls) {
    auto normalized = fetch::normalize_url(url, command.allow_file);
    if (!normalized) {
      diag.tool_error(fmt::format("{}: {}", url, normalized.error().message));
      return ExitCode::trouble;
    }
    add_target({*normalized, std::nullopt});
  }
  std::vector<std::string> sitemap_urls;
  for (const std::string& url : command.sitemaps) {
    auto normalized = fetch::normalize_url(url, command.allow_file);
    if (!normalized) {
      diag.tool_error(fmt::format("--sitemap {}: {}", url, normalized.error().message));
      return ExitCode::trouble;
    }
    sitemap_urls.push_back(*normalized);
  }
  size_t bad_inputs = 0;
  std::string list = command.input;
  if (list.empty() && command.urls.empty() && command.sitemaps.empty())
    list = "-";
  if (!list.empty()) {
    std::string display = list == "-" ? "<stdin>" : list;
    auto text = core::read_file(list, size_t{256} << 20);
    if (!text) {
      diag.tool_error(text.error().message);
      return ExitCode::trouble;
    }
    for (const fetch::ListedUrl& listed : fetch::read_url_list(*text)) {
      auto normalized = fetch::normalize_url(listed.url, command.allow_file);
      if (!normalized) {
        diag.input_error(display, listed.line, 0,
                         fmt::format("{}: {}", listed.url, normalized.error().message));
        ++bad_inputs;
        continue;
      }
      add_target({*normalized, std::nullopt});
    }
  }

  auto output = Output::open(command.output);
  if (!output) {
    diag.tool_error(output.error().message);
    return ExitCode::trouble;
  }
  std::optional<core::AtomicFile> report;
  if (!command.report.empty()) {
    auto file = core::AtomicFile::create(command.report);
    if (!file) {
      diag.tool_error(file.error().message);
      return ExitCode::trouble;
    }
    report.emplace(std::move(*file));
  }
  auto state = fetch::StateStore::open(command.state, 3000);
  if (!state) {
    diag.tool_error(state.error().message);
    return ExitCode::trouble;
  }
  if (command.insecure)
    fmt::print(stderr, "svcdesc: warning: --insecure: TLS certificates are not checked; anyone "
                       "between here and the server can change what is fetched\n");

  fetch::CurlClient client(engine);
  fetch::RunCallbacks callbacks;
  callbacks.now = monotonic_seconds;
  callbacks.unix_time = unix_seconds;
  callbacks.stop = [] { return interrupted(); };
  callbacks.notice = [&](std::string_view message) { diag.note(message); };

  if (!sitemap_urls.empty()) {
    std::vector<fetch::SitemapProblem> problems;
    callbacks.page = [](fetch::PageResult&&) {};
    for (fetch::Target& t :
         fetch::read_sitemaps(sitemap_urls, client, command.allow_file, callbacks, problems))
      add_target(std::move(t));
    for (const fetch::SitemapProblem& p : problems)
      diag.input_error(p.sitemap, 0, 0, p.message);
    bad_inputs += problems.size();
  }
  if (targets.empty() && !interrupted()) {
    diag.tool_error(bad_inputs > 0 ? "no usable URL to fetch"
                                   : "nothing to fetch; give URLs, -i LIST or --sitemap URL");
    output->abandon();
    return ExitCode::trouble;
  }

  bool tty = ::isatty(STDERR_FILENO) == 1 && !globals.quiet;
  ProgressBar bar(tty, targets.size());
  Counts counts;
  std::vector<Collected> records;
  double started = monotonic_seconds();
  callbacks.page = [&](fetch::PageResult&& page) {
    switch (page.status) {
    case fetch::PageStatus::fetched: ++counts.fetched; break;
    case fetch::PageStatus::unchanged: ++counts.unchanged; break;
    case fetch::PageStatus::carried_over: ++counts.carried_over; break;
    case fetch::PageStatus::withdrawn: ++counts.withdrawn; break;
    case fetch::PageStatus::failed: ++counts.failed; break;
    }
    if (page.unreachable)
      ++counts.unreachable;
    bool say = !page.host_problem || globals.verbose;
    if (say || page.status == fetch::PageStatus::failed)
      bar.clear();
    if (page.status == fetch::PageStatus::failed && say)
      diag.input_error(page.url, 0, 0, fmt::format("{}; no record", page.error));
    else if (page.status == fetch::PageStatus::carried_over && say)
      diag.warning(page.url, 0, "carried-over",
                   fmt::format("{}; the last good record is kept", page.error));
    else if (page.status == fetch::PageStatus::withdrawn && globals.verbose)
      diag.warning(page.url, 0, "withdrawn", page.error);
    for (const Error& e : page.problems)
      diag.input_error(page.url, e.line, e.column, e.message);
    if (globals.verbose)
      for (const record::Record& r : page.records)
        if (page.status == fetch::PageStatus::fetched)
          for (const record::Warning& w : r.warnings)
            diag.warning(page.url, w.line, w.code, w.message);
    if (report)
      report->write(report_line(page));
    for (fetch::PageResult::Line& line : page.lines)
      records.push_back(Collected{std::move(line.id), std::move(line.lang), page.url,
                                  std::move(line.json)});
    bar.update(counts.done(), counts.failed + counts.carried_over);
  };

  parse::Options parse_options;
  parse_options.profile = *parse::profile_from_name(command.profile);
  auto ran = fetch::fetch_pages(targets, *state, client, parse_options, callbacks);
  bar.update(counts.done(), counts.failed + counts.carried_over, true);
  bar.clear();
  if (!ran) {
    diag.tool_error(ran.error().message);
    output->abandon();
    return ExitCode::trouble;
  }
  if (interrupted()) {
    output->abandon();
    diag.tool_error(fmt::format(
        "interrupted after {} of {} URLs; what was done is in {}, and the next run goes on from "
        "there{}",
        counts.done(), targets.size(), command.state,
        command.output.empty() || command.output == "-"
            ? std::string()
            : fmt::format("; {} was not written", command.output)));
    return ExitCode::interrupted;
  }

  std::sort(records.begin(), records.end(), [](const Collected& a, const Collected& b) {
    return std::tie(a.id, a.lang, a.url) < std::tie(b.id, b.lang, b.url);
  });
  bool keep_old = records.empty() && !command.output.empty() && command.output != "-";
  if (keep_old) {
    output->abandon();
  } else {
    for (const Collected& c : records) {
      output->write(c.json);
      output->write("\n");
    }
    if (auto done = output->finish(); !done) {
      diag.tool_error(done.error().message);
      return ExitCode::trouble;
    }
  }
  if (report) {
    if (auto done = report->commit(); !done) {
      diag.tool_error(done.error().message);
      return ExitCode::trouble;
    }
  }
  double elapsed = monotonic_seconds() - started;
  diag.note(fmt::format("{} URL{}: {} fetched, {} unchanged, {} carried over, {} withdrawn, {} "
                        "failed ({:.1f} s)",
                        targets.size(), targets.size() == 1 ? "" : "s", counts.fetched,
                        counts.unchanged, counts.carried_over, counts.withdrawn, counts.failed,
                        elapsed));
  if (counts.unreachable == targets.size()) {
    diag.tool_error(fmt::format("no server could be reached{}; check the network and the URLs",
                                keep_old ? fmt::format("; {} not written", command.output) : ""));
    return ExitCode::trouble;
  }
  if (keep_old)
    diag.tool_error(fmt::format("no record to write; {} left unchanged", command.output));
  bool failures = counts.failed + counts.carried_over + bad_inputs > 0;
  return failures ? ExitCode::finding : ExitCode::ok;
}

} // namespace svcdesc::cli
