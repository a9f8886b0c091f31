// svcdesc fetch: pages over HTTP into records, incrementally, with a state file between runs.
#include "app.hpp"
#include "output.hpp"
#include "record_spool.hpp"
#include "size.hpp"

#include <svcdesc/core/atomic_file.hpp>
#include <svcdesc/fetch/fetcher.hpp>
#include <svcdesc/fetch/incremental.hpp>
#include <svcdesc/fetch/ptv.hpp>
#include <svcdesc/fetch/sitemap.hpp>
#include <svcdesc/fetch/state.hpp>
#include <svcdesc/fetch/url.hpp>
#include <svcdesc/parse/parse.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
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
  bool ptv = false;
  std::string ptv_base{fetch::k_ptv_default_base};
  std::string since;
  std::vector<std::string> ptv_organizations;
  std::vector<std::string> ptv_areas;
};

namespace {

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
  void set_total(size_t total) { m_total = total; }
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
    size_t filled = m_total == 0 ? width : width * std::min(done, m_total) / m_total;
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

// The PTV options checked, before any file or network work; nullopt after a message.
std::optional<fetch::PtvOptions> ptv_options(const FetchCommand& command, Diagnostics& diag) {
  if (!command.urls.empty() || !command.input.empty() || !command.sitemaps.empty()) {
    diag.tool_error("--ptv fetches from the PTV API, not pages; give either --ptv or URLs, -i LIST "
                    "and --sitemap");
    return std::nullopt;
  }
  fetch::PtvOptions out;
  auto base = fetch::normalize_url(command.ptv_base, false);
  if (!base) {
    diag.tool_error(fmt::format("--ptv-base {}: {}", command.ptv_base, base.error().message));
    return std::nullopt;
  }
  out.base = *base;
  if (out.base.find('?') != std::string::npos) {
    diag.tool_error(fmt::format("--ptv-base {} has a query; give the API's base URL, such as {}",
                                command.ptv_base, fetch::k_ptv_default_base));
    return std::nullopt;
  }
  if (!out.base.ends_with('/'))
    out.base += '/';
  if (!command.since.empty()) {
    out.since = fetch::ptv_date(command.since);
    if (!out.since) {
      diag.tool_error(fmt::format("--since {} is not a date; give YYYY-MM-DD or "
                                  "YYYY-MM-DDTHH:MM:SS (UTC)",
                                  command.since));
      return std::nullopt;
    }
  }
  auto word = [](std::string_view s, bool digits_only) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [&](unsigned char c) {
      return digits_only ? std::isalnum(c) != 0 : std::isalpha(c) != 0;
    });
  };
  for (const std::string& org : command.ptv_organizations) {
    bool guid = org.size() == 36;
    for (size_t i = 0; guid && i < org.size(); ++i)
      guid = (i == 8 || i == 13 || i == 18 || i == 23)
                 ? org[i] == '-'
                 : std::isxdigit(static_cast<unsigned char>(org[i])) != 0;
    if (!guid) {
      diag.tool_error(fmt::format("--ptv-organization {} is not a GUID; give the organisation's "
                                  "PTV id (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
                                  org));
      return std::nullopt;
    }
    out.organizations.push_back(org);
  }
  for (const std::string& area : command.ptv_areas) {
    size_t colon = area.find(':');
    std::string_view type = std::string_view(area).substr(0, colon);
    std::string_view code =
        colon == std::string::npos ? std::string_view() : std::string_view(area).substr(colon + 1);
    if (!word(type, false) || !word(code, true)) {
      diag.tool_error(fmt::format("--ptv-area {} is not TYPE:CODE; give an area type and code as "
                                  "the PTV API names them, such as Municipality:091",
                                  area));
      return std::nullopt;
    }
    out.areas.push_back({std::string(type), std::string(code)});
  }
  return out;
}

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
  sub->add_flag("--ptv", command.ptv,
                "Fetch the services changed since the last run from the PTV Open API (in batches "
                "of 100) instead of pages; robots.txt is not applied to the API");
  sub->add_option("--ptv-base", command.ptv_base, "The PTV Open API (version 11) to ask")
      ->type_name("URL")
      ->default_str(std::string(fetch::k_ptv_default_base));
  sub->add_option("--since", command.since,
                  "With --ptv: ask for the services changed since DATE (YYYY-MM-DD or "
                  "YYYY-MM-DDTHH:MM:SS, UTC) instead of since the last complete run")
      ->type_name("DATE");
  sub->add_option("--ptv-organization", command.ptv_organizations,
                  "With --ptv: only the services of the organisation GUID (all of them each run: "
                  "the API has no date filter for it); may be repeated")
      ->type_name("GUID");
  sub->add_option("--ptv-area", command.ptv_areas,
                  "With --ptv: only the services of an area, TYPE:CODE as the API names them "
                  "(Municipality:091, Province:01, HospitalRegions:..., BusinessRegions:...); may "
                  "be repeated")
      ->type_name("TYPE:CODE");
  sub->footer(
      "Every URL of the input gets one record (a PTV JSON body one per service and\n"
      "language): fresh when the page changed, the stored one when it did not (304 or\n"
      "the same SHA-256), the last good one marked carried_over when this run failed,\n"
      "and marked withdrawn on 404 or 410. A URL that never succeeded gets a message\n"
      "and no record. The state file is updated as each URL completes, so an\n"
      "interrupted run loses nothing done and the next one resumes.\n\n"
      "With --ptv, every service the state knows gets one record per language: the\n"
      "changed ones fresh, the others their stored records, the archived or withdrawn\n"
      "ones marked withdrawn. The date of the last complete run is kept in the state.\n\n"
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
  // The PTV API is not a web site: robots.txt is for crawlers of pages.
  engine.robots = !command.ignore_robots && !command.ptv;
  engine.user_agent = command.user_agent;
  engine.allow_file = command.allow_file;
  engine.insecure = command.insecure;
  engine.seed = std::random_device{}();
  auto max_size = parse_size(command.max_size);
  if (!max_size) {
    diag.tool_error(size_error("--max-size", command.max_size, "16M"));
    return ExitCode::trouble;
  }
  engine.max_body = *max_size;
  std::optional<fetch::PtvOptions> ptv;
  if (!command.ptv &&
      (!command.since.empty() || !command.ptv_organizations.empty() || !command.ptv_areas.empty() ||
       command.ptv_base != fetch::k_ptv_default_base)) {
    diag.tool_error("--since, --ptv-base, --ptv-organization and --ptv-area are for --ptv; add "
                    "--ptv, or leave them out");
    return ExitCode::trouble;
  }
  if (command.ptv) {
    ptv = ptv_options(command, diag);
    if (!ptv)
      return ExitCode::trouble;
  }

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
    // (--ptv excludes URLs, lists and sitemaps: CLI11 has refused them.)
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
  if (list.empty() && command.urls.empty() && command.sitemaps.empty() && !command.ptv)
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
  if (targets.empty() && !interrupted() && !ptv) {
    diag.tool_error(bad_inputs > 0 ? "no usable URL to fetch"
                                   : "nothing to fetch; give URLs, -i LIST or --sitemap URL");
    output->abandon();
    return ExitCode::trouble;
  }

  bool tty = ::isatty(STDERR_FILENO) == 1 && !globals.quiet;
  ProgressBar bar(tty, targets.size());
  Counts counts;
  const char* temp_dir = std::getenv("TMPDIR");
  RecordSpool records(temp_dir != nullptr ? temp_dir : "");
  std::optional<std::string> spool_error;
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
      if (auto added = records.add(std::move(line.id), std::move(line.lang), page.url, line.json);
          !added && !spool_error)
        spool_error = added.error().message;
    bar.update(counts.done(), counts.failed + counts.carried_over);
  };

  parse::Options parse_options;
  parse_options.profile = *parse::profile_from_name(command.profile);
  size_t total = targets.size();
  std::string_view unit = "URL";
  bool unreachable = false;
  Result<bool> ran = true;
  if (ptv) {
    unit = "service";
    callbacks.total = [&](size_t n) {
      total = n;
      bar.set_total(n);
    };
    auto result = fetch::fetch_ptv(*ptv, *state, client, parse_options, callbacks);
    if (result) {
      unreachable = result->unreachable;
      for (const fetch::PtvProblem& p : result->problems)
        diag.input_error(p.url, 0, 0, p.message);
      bad_inputs += result->problems.size();
      if (!result->problems.empty() && !interrupted())
        diag.note(fmt::format(
            "the list of changed services is incomplete; the next run asks again {}",
            !command.since.empty()
                ? std::string("from the date of the last complete run (for all of them if "
                              "none has completed)")
            : result->since        ? "from " + *result->since
                                   : std::string("for all of them")));
      if (result->retry > 0)
        diag.note(fmt::format("{} service{} failed; the next run asks for {} again", result->retry,
                              result->retry == 1 ? "" : "s", result->retry == 1 ? "it" : "them"));
      if (result->next_since && globals.verbose)
        diag.note(fmt::format("the next run asks for the services changed since {}",
                              *result->next_since));
    } else {
      ran = result.error();
    }
  } else {
    ran = fetch::fetch_pages(targets, *state, client, parse_options, callbacks);
    unreachable = counts.unreachable == targets.size();
  }
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
        "interrupted after {} of {} {}s; what was done is in {}, and the next run goes on from "
        "there{}",
        counts.done(), total, unit, command.state,
        command.output.empty() || command.output == "-"
            ? std::string()
            : fmt::format("; {} was not written", command.output)));
    return ExitCode::interrupted;
  }

  if (spool_error) {
    // The state has every record of the run; only the output could not be put together.
    output->abandon();
    diag.tool_error(fmt::format("{}; the state file {} has this run's records, and the next run "
                                "writes them",
                                *spool_error, command.state));
    return ExitCode::trouble;
  }
  bool keep_old = records.size() == 0 && !command.output.empty() && command.output != "-";
  if (keep_old) {
    output->abandon();
  } else {
    if (auto written = records.write_sorted(*output); !written) {
      output->abandon();
      diag.tool_error(written.error().message);
      return ExitCode::trouble;
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
  diag.note(fmt::format("{} {}{}: {} fetched, {} unchanged, {} carried over, {} withdrawn, {} "
                        "failed ({:.1f} s)",
                        counts.done(), unit, counts.done() == 1 ? "" : "s", counts.fetched,
                        counts.unchanged, counts.carried_over, counts.withdrawn, counts.failed,
                        elapsed));
  if (unreachable) {
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
