// The incremental page run: the state file's validators and records around the engine, so that
// every page of the input ends with exactly one decision (fetched, unchanged, carried over,
// withdrawn, failed) and its state is committed as soon as it is known.
#include "unit_run.hpp"

#include <svcdesc/fetch/incremental.hpp>

#include <svcdesc/core/hash.hpp>
#include <svcdesc/fetch/http_date.hpp>
#include <svcdesc/fetch/sitemap.hpp>
#include <svcdesc/fetch/url.hpp>
#include <svcdesc/normalize/date.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace svcdesc::fetch {

std::string_view page_status_name(PageStatus status) {
  switch (status) {
  case PageStatus::fetched: return "fetched";
  case PageStatus::unchanged: return "unchanged";
  case PageStatus::carried_over: return "carried_over";
  case PageStatus::withdrawn: return "withdrawn";
  case PageStatus::failed: return "failed";
  }
  return "failed";
}

namespace {

// The value of the first "key":"value" in `json`, from `from` on; empty when there is none.
std::string_view string_field(std::string_view json, std::string_view key, size_t from = 0) {
  std::string pattern = "\"";
  pattern += key;
  pattern += "\":\"";
  size_t at = json.find(pattern, from);
  if (at == std::string_view::npos)
    return {};
  at += pattern.size();
  size_t end = json.find('"', at);
  return end == std::string_view::npos ? std::string_view() : json.substr(at, end - at);
}

// The end of the JSON string whose opening quote is at `quote`: the position of its closing quote.
size_t string_end(std::string_view json, size_t quote) {
  for (size_t i = quote + 1; i < json.size(); ++i) {
    if (json[i] == '\\')
      ++i;
    else if (json[i] == '"')
      return i;
  }
  return std::string_view::npos;
}

std::optional<std::string> edit_status(std::string_view json, std::string_view status,
                                       const std::optional<std::string>& reason) {
  // to_json writes "source" after every field whose keys could be named so, and every string
  // value escapes its quotes: the first unescaped "source":{ is the record's source, and the
  // first "status": in it is source.status.
  size_t source = json.find("\"source\":{");
  if (source == std::string_view::npos)
    return std::nullopt;
  size_t key = json.find("\"status\":\"", source);
  if (key == std::string_view::npos)
    return std::nullopt;
  size_t value = key + 10;
  size_t value_end = string_end(json, value - 1);
  if (value_end == std::string_view::npos)
    return std::nullopt;
  size_t rest = value_end + 1;
  if (json.substr(rest).starts_with(",\"status_reason\":\"")) {
    size_t end = string_end(json, rest + 17);
    if (end == std::string_view::npos)
      return std::nullopt;
    rest = end + 1;
  }
  std::string out(json.substr(0, value));
  out += status;
  out += '"';
  if (reason) {
    out += ",\"status_reason\":";
    out += record::json_quote(*reason);
  }
  out += json.substr(rest);
  return out;
}

// The source.status of a record written by to_json; empty when it cannot be found.
std::string_view status_of(std::string_view json) {
  size_t source = json.find("\"source\":{");
  return source == std::string_view::npos ? std::string_view()
                                          : string_field(json, "status", source);
}

// The stored records of a page as output lines, with a new status; none when they cannot be
// read back. A record the parser marked withdrawn (a PTV service archived) stays withdrawn, with
// its reason, unless the page itself is now withdrawn.
std::vector<PageResult::Line> stored_lines(const UrlState& state, std::string_view status,
                                           const std::optional<std::string>& reason) {
  std::vector<PageResult::Line> out;
  size_t start = 0;
  while (start < state.records.size()) {
    size_t end = state.records.find('\n', start);
    if (end == std::string::npos)
      end = state.records.size();
    std::string_view line = std::string_view(state.records).substr(start, end - start);
    start = end + 1;
    if (line.empty())
      continue;
    std::string json = status != "withdrawn" && status_of(line) == "withdrawn"
                           ? std::string(line)
                           : with_status(line, status, reason);
    if (json.empty())
      return {};
    std::string_view id = string_field(json, "id");
    std::string id_text(id);
    std::string lang(string_field(json, "lang"));
    out.push_back(PageResult::Line{std::move(id_text), std::move(lang), std::move(json)});
  }
  return out;
}

bool has_good(const std::optional<UrlState>& prev) {
  return prev && !prev->sha256.empty() && prev->has_records;
}

std::string day_of(std::int64_t unix_seconds) {
  return normalize::date_from_unix_seconds(unix_seconds).iso();
}

parse::InputFormat format_of(const std::optional<std::string>& content_type) {
  if (!content_type)
    return parse::InputFormat::automatic;
  std::string type = content_type->substr(0, content_type->find(';'));
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!type.empty() && type.back() == ' ')
    type.pop_back();
  if (type == "text/html" || type == "application/xhtml+xml")
    return parse::InputFormat::html;
  if (type == "application/json" || type.ends_with("+json"))
    return parse::InputFormat::ptv_json;
  if (type == "text/plain")
    return parse::InputFormat::text;
  return parse::InputFormat::automatic;
}

std::vector<AttemptRecord> history(const Response& r, PageStatus status) {
  std::vector<AttemptRecord> out;
  for (size_t i = 0; i < r.attempts.size(); ++i) {
    const AttemptInfo& a = r.attempts[i];
    bool last = i + 1 == r.attempts.size();
    out.push_back(AttemptRecord{a.time, a.http_status,
                                last ? std::string(page_status_name(status)) : "retried",
                                last && a.error.empty() ? r.error : a.error});
  }
  return out;
}

// A page whose every record the parser marked withdrawn (a PTV service archived) is withdrawn.
void withdrawn_by_parser(PageResult& page) {
  if (page.lines.empty() ||
      (page.status != PageStatus::fetched && page.status != PageStatus::unchanged))
    return;
  for (const PageResult::Line& line : page.lines)
    if (status_of(line.json) != "withdrawn")
      return;
  page.status = PageStatus::withdrawn;
  std::string_view json = page.lines.front().json;
  size_t source = json.find("\"source\":{");
  page.error = std::string(string_field(json, "status_reason", source));
}

class PageRun {
public:
  PageRun(StateStore& state, const parse::Options& options, const RunCallbacks& callbacks)
      : m_state(state), m_options(options), m_callbacks(callbacks) {}

  // Handles one response, for the state's `key`; false when the state file failed (m_error says
  // why).
  bool handle(Response&& response, const std::string& key) {
    auto prev = m_state.get(key);
    if (!prev) {
      m_error = prev.error();
      return false;
    }
    PageResult page;
    page.url = response.url;
    page.final_url = response.final_url;
    page.http_status = response.http_status;
    page.seconds = response.seconds;
    page.attempts = static_cast<int>(response.attempts.size());
    page.bytes = response.body.size();
    page.unreachable = response.unreachable;
    std::int64_t now = response.attempts.empty() ? m_callbacks.unix_time()
                                                 : response.attempts.back().time;
    Result<bool> saved = true;
    switch (response.outcome) {
    case Outcome::ok:
      saved = body_received(response, key, *prev, page, now);
      break;
    case Outcome::not_modified:
      if (has_good(*prev)) {
        saved = unchanged(response, **prev, page, now);
      } else {
        response.error = "HTTP 304 Not Modified, but no record of the page is stored";
        saved = failure(response, key, *prev, page, now);
      }
      break;
    case Outcome::gone:
      saved = gone(response, key, *prev, page, now);
      break;
    case Outcome::failed:
    case Outcome::disallowed:
    case Outcome::given_up:
      page.host_problem = response.host_level;
      saved = failure(response, key, *prev, page, now);
      break;
    }
    if (!saved) {
      m_error = saved.error();
      return false;
    }
    withdrawn_by_parser(page);
    m_callbacks.page(std::move(page));
    return true;
  }

  // Writes the stored records of `key` again, untouched by this run: `unchanged`, `withdrawn` when
  // the unit was withdrawn, or `carried_over` with the reason when `failure` says why the run
  // could not tell. False when the state file failed; nothing is written for a key without
  // records.
  bool carry_stored(const std::string& key, const std::string& url,
                    const std::optional<std::string>& failure) {
    auto prev = m_state.get(key);
    if (!prev) {
      m_error = prev.error();
      return false;
    }
    if (!has_good(*prev))
      return true;
    PageResult page;
    page.url = url;
    page.final_url = (*prev)->final_url;
    page.http_status = (*prev)->http_status;
    if ((*prev)->withdrawn) {
      page.status = PageStatus::withdrawn;
      page.error = (*prev)->withdrawn_reason;
      page.lines = carried(**prev, "withdrawn", (*prev)->withdrawn_reason);
    } else if (failure) {
      page.status = PageStatus::carried_over;
      page.error = *failure;
      page.host_problem = true; // one message has said why, not one per unit
      page.lines = carried(**prev, "carried_over", *failure);
    } else {
      page.status = PageStatus::unchanged;
      page.lines = carried(**prev, "unchanged", std::nullopt);
    }
    if (page.lines.empty())
      return true;
    withdrawn_by_parser(page);
    m_callbacks.page(std::move(page));
    return true;
  }

  // A page whose sitemap <lastmod> is older than its last good fetch: no request at all.
  bool skip_if_unchanged(const Target& target) {
    if (!target.lastmod)
      return false;
    auto prev = m_state.get(target.url);
    if (!prev) {
      m_error = prev.error();
      return false;
    }
    if (!has_good(*prev) || (*prev)->withdrawn || (*prev)->good_at < *target.lastmod)
      return false;
    PageResult page;
    page.url = target.url;
    page.final_url = (*prev)->final_url;
    page.status = PageStatus::unchanged;
    page.lines = carried(**prev, "unchanged", std::nullopt);
    if (page.lines.empty())
      return false;
    withdrawn_by_parser(page);
    m_callbacks.page(std::move(page));
    return true;
  }

  const std::optional<Error>& error() const { return m_error; }

private:
  static std::vector<PageResult::Line> carried(const UrlState& prev, std::string_view status,
                                               const std::optional<std::string>& reason) {
    return stored_lines(prev, status, reason);
  }

  Result<bool> unchanged(const Response& response, const UrlState& prev, PageResult& page,
                         std::int64_t now) {
    page.status = PageStatus::unchanged;
    page.lines = carried(prev, "unchanged", std::nullopt);
    UrlState next = prev;
    next.final_url = response.final_url;
    // A 304 may omit the validators; keep the stored ones then.
    if (response.etag)
      next.etag = response.etag;
    if (response.last_modified)
      next.last_modified = response.last_modified;
    next.http_status = response.http_status;
    next.good_at = now;
    return m_state.save_unchanged(next, history(response, page.status));
  }

  Result<bool> body_received(Response& response, const std::string& key,
                             const std::optional<UrlState>& prev, PageResult& page,
                             std::int64_t now) {
    std::string sha = core::sha256_hex(response.body);
    if (has_good(prev) && !prev->withdrawn && prev->sha256 == sha)
      return unchanged(response, *prev, page, now);

    parse::Options options = m_options;
    options.source_url = response.url;
    options.http_charset = response.content_type ? charset_of_content_type(*response.content_type)
                                                 : std::nullopt;
    if (options.input_format == parse::InputFormat::automatic)
      options.input_format = format_of(response.content_type);
    std::vector<record::Record> records;
    std::vector<Error> problems;
    parse::parse_input("", response.body, options, [&](Result<record::Record> r) {
      if (r)
        records.push_back(std::move(*r));
      else
        problems.push_back(r.error());
    });
    if (records.empty()) {
      const Error& e = problems.empty() ? Error{"no record in the body"} : problems.front();
      response.error = "the page could not be parsed: ";
      response.error += e.message;
      if (e.line > 0)
        response.error += fmt::format(" (line {})", e.line);
      return failure(response, key, prev, page, now);
    }
    std::string fetched_at = format_rfc3339(now);
    std::string ndjson;
    for (record::Record& r : records) {
      r.source.file.reset();
      r.source.fetched_at = fetched_at;
      r.source.http_last_modified = response.last_modified;
      r.source.etag = response.etag;
      // What the parser marked withdrawn (a PTV publishingStatus Archived) stays so.
      if (r.source.status != "withdrawn") {
        r.source.status = "fetched";
        r.source.status_reason.reset();
      }
      std::string json = record::to_json(r);
      ndjson += json;
      ndjson += '\n';
      page.lines.push_back(PageResult::Line{r.id, r.lang, std::move(json)});
    }
    page.status = PageStatus::fetched;
    page.records = std::move(records);
    page.problems = std::move(problems);
    UrlState next;
    next.url = key;
    next.final_url = response.final_url;
    next.etag = response.etag;
    next.last_modified = response.last_modified;
    next.sha256 = sha;
    next.records = std::move(ndjson);
    next.http_status = response.http_status;
    next.good_at = now;
    return m_state.save(next, history(response, page.status));
  }

  Result<bool> gone(const Response& response, const std::string& key,
                    const std::optional<UrlState>& prev, PageResult& page, std::int64_t now) {
    std::string reason = response.error;
    reason += " on ";
    reason += day_of(now);
    if (!has_good(prev)) {
      page.status = PageStatus::failed;
      page.error = response.error;
      page.error += "; the page was never fetched, so there is no record to mark withdrawn";
      UrlState next;
      next.url = key;
      next.final_url = response.final_url;
      next.http_status = response.http_status;
      return m_state.save(next, history(response, page.status));
    }
    UrlState next = *prev;
    if (!prev->withdrawn) {
      next.withdrawn = true;
      next.withdrawn_reason = reason;
    }
    next.etag.reset();
    next.last_modified.reset();
    next.http_status = response.http_status;
    next.final_url = response.final_url;
    page.status = PageStatus::withdrawn;
    page.error = next.withdrawn_reason;
    page.lines = carried(*prev, "withdrawn", next.withdrawn_reason);
    return m_state.save(next, history(response, page.status));
  }

  Result<bool> failure(const Response& response, const std::string& key,
                       const std::optional<UrlState>& prev, PageResult& page, std::int64_t now) {
    page.error = response.error;
    if (has_good(prev)) {
      if (prev->withdrawn) {
        page.status = PageStatus::withdrawn;
        page.lines = carried(*prev, "withdrawn", prev->withdrawn_reason);
      } else {
        page.status = PageStatus::carried_over;
        std::string reason = response.error;
        reason += " on ";
        reason += day_of(now);
        page.lines = carried(*prev, "carried_over", reason);
      }
    }
    if (page.lines.empty())
      page.status = PageStatus::failed;
    if (response.attempts.empty() && prev)
      return true;
    if (!prev) {
      // Remember the URL, so the history shows its failures.
      UrlState next;
      next.url = key;
      next.final_url = response.final_url;
      next.http_status = response.http_status;
      return m_state.save(next, history(response, page.status));
    }
    return m_state.add_attempts(key, history(response, page.status));
  }

  StateStore& m_state;
  const parse::Options& m_options;
  const RunCallbacks& m_callbacks;
  std::optional<Error> m_error;
};

} // namespace

struct UnitRun::Impl : PageRun {
  using PageRun::PageRun;
};

UnitRun::UnitRun(StateStore& state, const parse::Options& options, const RunCallbacks& callbacks)
    : m_impl(std::make_unique<Impl>(state, options, callbacks)) {}
UnitRun::~UnitRun() = default;

bool UnitRun::handle(Response&& response, const std::string& key) {
  return m_impl->handle(std::move(response), key);
}
bool UnitRun::skip_if_unchanged(const Target& target) {
  return m_impl->skip_if_unchanged(target);
}
bool UnitRun::carry_stored(const std::string& key, const std::string& url,
                           const std::optional<std::string>& failure) {
  return m_impl->carry_stored(key, url, failure);
}
const std::optional<Error>& UnitRun::error() const {
  return m_impl->error();
}

Result<bool> fetch_pages(const std::vector<Target>& targets, StateStore& state, HttpClient& client,
                         const parse::Options& options, const RunCallbacks& callbacks) {
  UnitRun run(state, options, callbacks);
  std::vector<Request> requests;
  requests.reserve(targets.size());
  for (const Target& target : targets) {
    if (callbacks.stop())
      return true;
    if (run.skip_if_unchanged(target))
      continue;
    if (run.error())
      return *run.error();
    auto prev = state.get(target.url, StateStore::Records::skip);
    if (!prev)
      return prev.error();
    Request request;
    request.url = target.url;
    // Validators only when there is a record to carry forward on a 304.
    if (has_good(*prev) && !(*prev)->withdrawn) {
      request.if_none_match = (*prev)->etag;
      request.if_modified_since = (*prev)->last_modified;
    }
    requests.push_back(std::move(request));
  }
  bool failed = false;
  Callbacks engine;
  engine.now = callbacks.now;
  engine.unix_time = callbacks.unix_time;
  engine.notice = callbacks.notice;
  engine.stop = [&] { return failed || callbacks.stop(); };
  engine.done = [&](Response&& response) {
    std::string key = response.url;
    if (!failed && !run.handle(std::move(response), key))
      failed = true;
  };
  client.fetch(requests, engine);
  if (run.error())
    return *run.error();
  return true;
}

std::string with_status(std::string_view json, std::string_view status,
                        const std::optional<std::string>& reason) {
  if (auto edited = edit_status(json, status, reason))
    return std::move(*edited);
  auto r = record::from_json(json);
  if (!r)
    return {};
  r->source.status = std::string(status);
  r->source.status_reason = reason;
  return record::to_json(*r);
}

std::optional<std::int64_t> parse_w3c_datetime(std::string_view text) {
  if (text.size() < 10)
    return std::nullopt;
  auto date = normalize::parse_iso_date(text.substr(0, 10));
  if (!date)
    return std::nullopt;
  std::int64_t seconds = normalize::days_from_date(*date) * 86400;
  std::string_view rest = text.substr(10);
  if (rest.empty())
    return seconds;
  auto number = [](std::string_view s, size_t at) -> std::optional<int> {
    if (at + 2 > s.size() || !std::isdigit(static_cast<unsigned char>(s[at])) ||
        !std::isdigit(static_cast<unsigned char>(s[at + 1])))
      return std::nullopt;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
  };
  // Thh:mm[:ss[.s+]](Z|+hh:mm|-hh:mm)
  if (rest[0] != 'T')
    return std::nullopt;
  auto hh = number(rest, 1), mm = number(rest, 4);
  if (!hh || !mm || rest.size() < 6 || rest[3] != ':' || *hh > 23 || *mm > 59)
    return std::nullopt;
  seconds += *hh * 3600 + *mm * 60;
  size_t at = 6;
  if (at < rest.size() && rest[at] == ':') {
    auto ss = number(rest, at + 1);
    if (!ss || *ss > 60)
      return std::nullopt;
    seconds += *ss;
    at += 3;
    if (at < rest.size() && rest[at] == '.') {
      ++at;
      while (at < rest.size() && std::isdigit(static_cast<unsigned char>(rest[at])))
        ++at;
    }
  }
  if (at >= rest.size())
    return std::nullopt;
  if (rest[at] == 'Z')
    return at + 1 == rest.size() ? std::optional<std::int64_t>(seconds) : std::nullopt;
  if ((rest[at] != '+' && rest[at] != '-') || at + 6 != rest.size() || rest[at + 3] != ':')
    return std::nullopt;
  auto oh = number(rest, at + 1), om = number(rest, at + 4);
  if (!oh || !om)
    return std::nullopt;
  int offset = *oh * 3600 + *om * 60;
  return rest[at] == '+' ? seconds - offset : seconds + offset;
}

std::vector<Target> read_sitemaps(const std::vector<std::string>& urls, HttpClient& client,
                                  bool allow_file, const RunCallbacks& callbacks,
                                  std::vector<SitemapProblem>& problems) {
  constexpr size_t k_max_sitemaps = 1000;
  std::vector<Target> targets;
  std::set<std::string> seen_sitemaps;
  std::vector<Request> level;
  for (const std::string& url : urls)
    if (seen_sitemaps.insert(url).second)
      level.push_back(Request{url, std::nullopt, std::nullopt});
  while (!level.empty() && !callbacks.stop()) {
    std::vector<Request> next;
    Callbacks engine;
    engine.now = callbacks.now;
    engine.unix_time = callbacks.unix_time;
    engine.notice = callbacks.notice;
    engine.stop = callbacks.stop;
    engine.done = [&](Response&& r) {
      if (r.outcome != Outcome::ok) {
        problems.push_back({r.url, r.error.empty() ? std::string("not fetched") : r.error});
        return;
      }
      auto sitemap = parse_sitemap(r.body);
      if (!sitemap) {
        std::string message = sitemap.error().message;
        if (sitemap.error().line > 0)
          message = fmt::format("line {}: {}", sitemap.error().line, message);
        problems.push_back({r.url, message});
        return;
      }
      for (const SitemapEntry& entry : sitemap->entries) {
        auto resolved = resolve_url(r.final_url, entry.url, allow_file);
        if (!resolved) {
          problems.push_back({r.url, fmt::format("<loc>{}</loc>: {}", entry.url,
                                                 resolved.error().message)});
          continue;
        }
        if (sitemap->index) {
          if (seen_sitemaps.size() < k_max_sitemaps && seen_sitemaps.insert(*resolved).second)
            next.push_back(Request{*resolved, std::nullopt, std::nullopt});
          continue;
        }
        Target target{*resolved, std::nullopt};
        if (entry.lastmod)
          target.lastmod = parse_w3c_datetime(*entry.lastmod);
        targets.push_back(std::move(target));
      }
    };
    client.fetch(level, engine);
    level = std::move(next);
  }
  return targets;
}

} // namespace svcdesc::fetch
