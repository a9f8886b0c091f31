// The PTV Open API run of `svcdesc fetch --ptv`: which services changed, fetched in batches, each
// service a unit of the state decided as a page is (unit_run.hpp).
//
// The API, as vrk-kpa/ptv-releases implements it (src/PTV.Application.OpenApi/Controllers/
// V11ServiceController.cs and ServiceBaseController.cs):
//   GET Service?date=D&dateBefore=D&page=N&status=S   a guid page {pageNumber, pageSize, pageCount,
//       itemList: [{id, name}]} (V3VmOpenApiGuidPage) of the services created or modified after
//       `date` ("yyyy-MM-ddTHH:mm:ss", UTC); pages count from 1 and hold 1,000 entries by default;
//       `status` is Published (the default), Archived or Withdrawn.
//   GET Service/list?guids=G1,G2   the services themselves, a JSON array; "Max 100 can be added
//       into list".
//   GET Service/area/{area}/code/{code}?date=D&page=N   a guid page of the published services of an
//       area (area types such as Municipality, Province, BusinessRegions, HospitalRegions).
//   GET Service/list/organization?organizationId=G&page=N   the services of an organisation whole,
//       in pages {pageNumber, pageSize, pageCount, itemList: [service]}; it takes no date.
// The API is not a web site: robots.txt is not asked for (the caller turns it off); the
// politeness of the engine (per-host rate and concurrency, Retry-After, bounded retries) applies.
#include <svcdesc/fetch/ptv.hpp>

#include "record/rapidjson.hpp"
#include "unit_run.hpp"

#include <svcdesc/core/hash.hpp>
#include <svcdesc/fetch/http_date.hpp>
#include <svcdesc/text/utf8.hpp>

#include <fmt/format.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace svcdesc::fetch {
namespace {

constexpr std::string_view k_key_prefix = "ptv:";

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string compact(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// One service of a response: its GUID (lower case) and its JSON, compact.
struct ServiceJson {
  std::string id;
  std::string json;
};

// What a listing page holds: the page count, and GUIDs (a guid page) or services (an
// organisation's page).
struct ListingPage {
  int page_count = 0;
  std::vector<std::string> ids;
  std::vector<ServiceJson> services;
};

// The services of a JSON array (Service/list) or of an envelope's itemList; entries without a
// GUID "id" are left out and counted in `bad`.
std::vector<ServiceJson> services_of(const rapidjson::Value& array, size_t& bad) {
  std::vector<ServiceJson> out;
  for (const rapidjson::Value& item : array.GetArray()) {
    if (!item.IsObject() || !item.HasMember("id") || !item["id"].IsString() ||
        !core::is_uuid(item["id"].GetString())) {
      ++bad;
      continue;
    }
    out.push_back(ServiceJson{lower(item["id"].GetString()), compact(item)});
  }
  return out;
}

Result<rapidjson::Document> parse_json(std::string_view body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError())
    return unexpected(
        fmt::format("the API's answer is not JSON (at byte {})", doc.GetErrorOffset()));
  return doc;
}

Result<ListingPage> read_listing_page(std::string_view body, bool services) {
  auto doc = parse_json(body);
  if (!doc)
    return doc.error();
  if (!doc->IsObject() || !doc->HasMember("pageCount") || !(*doc)["pageCount"].IsInt())
    return unexpected("the API's answer is not a page (no pageCount)");
  ListingPage page;
  page.page_count = (*doc)["pageCount"].GetInt();
  auto items = doc->FindMember("itemList");
  if (items == doc->MemberEnd() || items->value.IsNull())
    return page;
  if (!items->value.IsArray())
    return unexpected("the page's itemList is not a list");
  size_t bad = 0;
  if (services) {
    page.services = services_of(items->value, bad);
  } else {
    for (const rapidjson::Value& item : items->value.GetArray()) {
      if (item.IsObject() && item.HasMember("id") && item["id"].IsString() &&
          core::is_uuid(item["id"].GetString()))
        page.ids.push_back(lower(item["id"].GetString()));
      else
        ++bad;
    }
  }
  if (bad > 0)
    return unexpected(
        fmt::format("{} entr{} of the page without a service GUID", bad, bad == 1 ? "y" : "ies"));
  return page;
}

// A listing the run reads page by page.
struct Listing {
  enum class Kind { changed, gone, organization };
  Kind kind;
  std::string url;    // without the page parameter
  std::string status; // for Kind::gone: Archived or Withdrawn
};

std::string page_url(const Listing& listing, int page) {
  return fmt::format("{}{}page={}", listing.url,
                     listing.url.find('?') == std::string::npos ? '?' : '&', page);
}

// The Response of one service, cut out of the response that carried it.
Response unit_response(const Response& carrier, std::string url) {
  Response r;
  r.url = std::move(url);
  r.final_url = carrier.final_url;
  r.outcome = carrier.outcome;
  r.http_status = carrier.http_status;
  r.error = carrier.error;
  r.unreachable = carrier.unreachable;
  r.host_level = carrier.host_level;
  r.content_type = "application/json";
  r.attempts = carrier.attempts;
  r.seconds = carrier.seconds;
  return r;
}

class PtvRun {
public:
  PtvRun(const PtvOptions& options, StateStore& state, HttpClient& client,
         const parse::Options& parse_options, const RunCallbacks& callbacks)
      : m_options(options), m_state(state), m_client(client), m_callbacks(callbacks),
        m_unit_callbacks(with_outcomes(callbacks)), m_parse_options(ptv_format(parse_options)),
        m_units(state, m_parse_options, m_unit_callbacks) {}

  Result<PtvResult> run() {
    std::int64_t started = m_callbacks.unix_time();
    std::string selection = ptv_selection(m_options);
    if (m_options.since) {
      m_result.since = m_options.since;
    } else {
      auto stored = m_state.ptv_since(selection);
      if (!stored)
        return stored.error();
      m_result.since = *stored;
    }
    auto known = m_state.keys(k_key_prefix);
    if (!known)
      return known.error();

    read_listings(!known->empty());
    if (m_failed)
      return *m_error;
    // The services that failed last time are asked for again, listed as changed or not: the
    // stored date moved past them.
    auto retry = m_state.value(retry_key(selection));
    if (!retry)
      return retry.error();
    if (*retry)
      for (std::string_view id : text::split_trimmed(**retry, ','))
        if (m_changed_set.emplace(id).second)
          m_changed.emplace_back(id);

    // Every service this run will report, for the progress: the state's and the new ones.
    std::set<std::string> all(known->begin(), known->end());
    for (const std::string& id : m_changed)
      all.insert(key_of(id));
    for (const Carried& c : m_org_services)
      all.insert(key_of(c.service.id));
    if (m_callbacks.total)
      m_callbacks.total(all.size());

    for (Carried& c : m_org_services) {
      if (stopped())
        break;
      service(unit_response(m_carriers[c.carrier], url_of(c.service.id)), c.service);
    }
    fetch_batches();
    withdraw_gone();
    // Without every listing, a service not listed may have changed: carried over, not unchanged.
    std::optional<std::string> failure;
    if (!m_result.problems.empty())
      failure =
          fmt::format("the list of changed services could not be read ({}) on {}",
                      m_result.problems.front().message, format_rfc3339(started).substr(0, 10));
    for (const std::string& key : *known) {
      if (stopped())
        break;
      if (!m_handled.contains(key) &&
          !m_units.carry_stored(key, url_of(key.substr(k_key_prefix.size())), failure))
        fail_state();
    }
    if (m_failed)
      return *m_error;
    // With every listing read, the date moves on even if some services failed: they are kept
    // by GUID for the next run, which asks for them again; a date held back for one broken
    // service would make every later run list more.
    if (!stopped() && m_result.problems.empty()) {
      std::string next = format_rfc3339(started - m_options.margin);
      next.pop_back(); // the API takes the time without the 'Z'
      std::string ids;
      for (const std::string& id : m_failed_ids)
        ids += (ids.empty() ? "" : ",") + id;
      if (auto saved = m_state.set_value(retry_key(selection), ids); !saved)
        return saved.error();
      if (auto saved = m_state.set_ptv_since(selection, next, m_callbacks.unix_time()); !saved)
        return saved.error();
      m_result.next_since = next;
      m_result.retry = m_failed_ids.size();
    }
    return m_result;
  }

private:
  struct Carried {
    ServiceJson service;
    size_t carrier; // index into m_carriers
  };

  static parse::Options ptv_format(parse::Options options) {
    options.input_format = parse::InputFormat::ptv_json;
    return options;
  }

  RunCallbacks with_outcomes(const RunCallbacks& callbacks) {
    RunCallbacks out = callbacks;
    out.page = [this, forward = callbacks.page](PageResult&& page) {
      if (page.status == PageStatus::failed || page.status == PageStatus::carried_over) {
        std::string_view id = page.url;
        if (size_t slash = id.rfind('/'); slash != std::string_view::npos)
          m_failed_ids.emplace(id.substr(slash + 1));
      }
      forward(std::move(page));
    };
    return out;
  }

  std::string key_of(std::string_view id) const { return fmt::format("{}{}", k_key_prefix, id); }
  // The state's named value that lists, comma-separated, the GUIDs of the selection's services
  // that failed in its last complete run.
  static std::string retry_key(std::string_view selection) {
    return fmt::format("ptv_retry {}", selection);
  }

  std::string url_of(std::string_view id) const {
    return m_options.base + "Service/" + std::string(id);
  }
  bool stopped() const { return m_failed || m_callbacks.stop(); }

  void fail_state() {
    m_failed = true;
    m_error = m_units.error() ? *m_units.error() : Error{"the state file failed"};
  }

  // Runs requests through the engine, handing each response to `done`.
  template <typename Done> void fetch(const std::vector<Request>& requests, Done done) {
    Callbacks engine;
    engine.now = m_callbacks.now;
    engine.unix_time = m_callbacks.unix_time;
    engine.notice = m_callbacks.notice;
    engine.stop = [this] { return stopped(); };
    engine.done = [&](Response&& r) {
      if (!m_failed)
        done(std::move(r));
    };
    m_client.fetch(requests, engine);
  }

  std::vector<Listing> listings(bool known_services) const {
    std::string date = m_result.since ? "date=" + *m_result.since : std::string();
    auto with_date = [&](std::string url, std::string_view more = {}) {
      std::string query = date;
      if (!more.empty())
        query = query.empty() ? std::string(more) : fmt::format("{}&{}", query, more);
      return query.empty() ? url : url + "?" + query;
    };
    std::vector<Listing> out;
    if (m_options.organizations.empty() && m_options.areas.empty())
      out.push_back({Listing::Kind::changed, with_date(m_options.base + "Service"), ""});
    for (const PtvArea& area : m_options.areas)
      out.push_back({Listing::Kind::changed,
                     with_date(fmt::format("{}Service/area/{}/code/{}", m_options.base, area.type,
                                           area.code)),
                     ""});
    for (const std::string& org : m_options.organizations)
      out.push_back(
          {Listing::Kind::organization,
           fmt::format("{}Service/list/organization?organizationId={}", m_options.base, org), ""});
    // Withdrawals matter only for services the state knows, and only since the last run.
    if (known_services && m_result.since)
      for (std::string_view status : {"Archived", "Withdrawn"})
        out.push_back({Listing::Kind::gone,
                       with_date(m_options.base + "Service", fmt::format("status={}", status)),
                       std::string(status)});
    return out;
  }

  void listing_problem(const std::string& url, std::string message) {
    m_result.problems.push_back(PtvProblem{url, std::move(message)});
  }

  // Reads page `page` of `listing` from `r`; the page count, or 0 when the page was not usable.
  int listing_page(const Listing& listing, Response&& r) {
    if (r.outcome != Outcome::ok) {
      listing_problem(r.url, r.error.empty() ? std::string("not fetched") : r.error);
      return 0;
    }
    auto page = read_listing_page(r.body, listing.kind == Listing::Kind::organization);
    if (!page) {
      listing_problem(r.url, page.error().message);
      return 0;
    }
    for (std::string& id : page->ids) {
      if (listing.kind == Listing::Kind::gone)
        m_gone.emplace(std::move(id), listing.status);
      else if (m_changed_set.insert(id).second)
        m_changed.push_back(std::move(id));
    }
    if (!page->services.empty()) {
      std::string().swap(r.body); // the services hold what is needed; free the page itself
      m_carriers.push_back(std::move(r));
      for (ServiceJson& s : page->services)
        if (m_org_ids.insert(s.id).second)
          m_org_services.push_back(Carried{std::move(s), m_carriers.size() - 1});
    }
    return page->page_count;
  }

  void read_listings(bool known_services) {
    std::vector<Listing> all = listings(known_services);
    std::vector<Request> first;
    for (const Listing& l : all)
      first.push_back(Request{page_url(l, 1), std::nullopt, std::nullopt});
    std::map<size_t, int> page_counts;
    size_t unreachable = 0;
    fetch(first, [&](Response&& r) {
      if (r.unreachable)
        ++unreachable;
      size_t index = r.index;
      page_counts[index] = listing_page(all[index], std::move(r));
    });
    m_result.unreachable = !first.empty() && unreachable == first.size();
    std::vector<Request> rest;
    std::vector<size_t> rest_listing;
    for (auto [index, count] : page_counts) {
      if (count > static_cast<int>(m_options.max_pages))
        listing_problem(page_url(all[index], 1),
                        fmt::format("{} pages, more than the {} read", count, m_options.max_pages));
      for (int page = 2; page <= std::min(count, static_cast<int>(m_options.max_pages)); ++page) {
        rest.push_back(Request{page_url(all[index], page), std::nullopt, std::nullopt});
        rest_listing.push_back(index);
      }
    }
    if (stopped())
      return;
    fetch(rest, [&](Response&& r) { listing_page(all[rest_listing[r.index]], std::move(r)); });
  }

  void service(Response&& response, ServiceJson& s) {
    std::string key = key_of(s.id);
    m_handled.insert(key);
    response.body = std::move(s.json);
    if (!m_units.handle(std::move(response), key))
      fail_state();
  }

  void fetch_batches() {
    std::vector<std::string> ids;
    for (const std::string& id : m_changed)
      if (!m_handled.contains(key_of(id)))
        ids.push_back(id);
    std::vector<Request> requests;
    std::vector<std::vector<std::string>> batches;
    const size_t batch_size = std::max<size_t>(1, m_options.batch);
    for (size_t at = 0; at < ids.size(); at += batch_size) {
      std::vector<std::string> batch(
          ids.begin() + static_cast<std::ptrdiff_t>(at),
          ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), at + batch_size)));
      std::string url = m_options.base + "Service/list?guids=";
      for (size_t i = 0; i < batch.size(); ++i)
        url += (i == 0 ? "" : ",") + batch[i];
      requests.push_back(Request{std::move(url), std::nullopt, std::nullopt});
      batches.push_back(std::move(batch));
    }
    if (stopped())
      return;
    fetch(requests, [&](Response&& r) { batch_done(std::move(r), batches[r.index]); });
  }

  void batch_done(Response&& r, const std::vector<std::string>& batch) {
    std::map<std::string, ServiceJson> got;
    if (r.outcome == Outcome::ok) {
      auto doc = parse_json(r.body);
      size_t bad = 0;
      if (doc && doc->IsArray()) {
        for (ServiceJson& s : services_of(*doc, bad))
          got.emplace(s.id, std::move(s));
      } else {
        r.outcome = Outcome::failed;
        r.error = doc ? "the API's answer is not a list of services" : doc.error().message;
      }
    } else if (r.outcome == Outcome::gone) {
      // A 404 for a whole batch says nothing about one service.
      r.outcome = Outcome::failed;
    }
    r.body.clear();
    for (const std::string& id : batch) {
      if (stopped())
        return;
      auto it = got.find(id);
      if (it != got.end()) {
        service(unit_response(r, url_of(id)), it->second);
        continue;
      }
      if (r.outcome == Outcome::ok && m_gone.contains(id))
        continue; // archived or withdrawn since it was listed: withdraw_gone() decides it
      Response missing = unit_response(r, url_of(id));
      if (r.outcome == Outcome::ok) {
        missing.outcome = Outcome::failed;
        missing.error = "listed as changed, but Service/list did not return it";
      }
      std::string key = key_of(id);
      m_handled.insert(key);
      if (!m_units.handle(std::move(missing), key))
        fail_state();
    }
  }

  void withdraw_gone() {
    for (const auto& [id, status] : m_gone) {
      if (stopped())
        return;
      std::string key = key_of(id);
      if (m_handled.contains(key))
        continue;
      auto prev = m_state.get(key);
      if (!prev) {
        m_failed = true;
        m_error = prev.error();
        return;
      }
      if (!*prev || (*prev)->records.empty())
        continue; // never fetched: nothing to mark
      Response r;
      r.url = url_of(id);
      r.final_url = r.url;
      r.outcome = Outcome::gone;
      r.error = fmt::format("PTV status {}", status);
      m_handled.insert(key);
      if (!m_units.handle(std::move(r), key))
        fail_state();
    }
  }

  const PtvOptions& m_options;
  StateStore& m_state;
  HttpClient& m_client;
  const RunCallbacks& m_callbacks;
  RunCallbacks m_unit_callbacks;
  parse::Options m_parse_options;
  UnitRun m_units;
  PtvResult m_result;
  std::vector<std::string> m_changed; // in listing order
  std::set<std::string> m_changed_set;
  std::map<std::string, std::string> m_gone; // GUID -> Archived or Withdrawn
  std::vector<Response> m_carriers;          // the organisation pages, without their bodies
  std::vector<Carried> m_org_services;
  std::set<std::string> m_org_ids;
  std::set<std::string> m_handled; // state keys decided in this run
  std::set<std::string> m_failed_ids; // services failed or carried over in this run
  bool m_failed = false;
  std::optional<Error> m_error;
};

} // namespace

std::string ptv_selection(const PtvOptions& options) {
  std::vector<std::string> filters;
  for (const std::string& org : options.organizations)
    filters.push_back("organization=" + lower(org));
  for (const PtvArea& area : options.areas)
    filters.push_back(fmt::format("area={}:{}", area.type, area.code));
  std::sort(filters.begin(), filters.end());
  filters.erase(std::unique(filters.begin(), filters.end()), filters.end());
  std::string out = options.base;
  for (const std::string& f : filters)
    out += " " + f;
  return out;
}

std::optional<std::string> ptv_date(std::string_view text) {
  auto digits = [&](size_t at, size_t n) {
    for (size_t i = at; i < at + n; ++i)
      if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
        return false;
    return true;
  };
  if (text.size() == 10)
    return ptv_date(std::string(text) + "T00:00:00");
  if (text.size() != 19 || !digits(0, 4) || text[4] != '-' || !digits(5, 2) || text[7] != '-' ||
      !digits(8, 2) || text[10] != 'T' || !digits(11, 2) || text[13] != ':' || !digits(14, 2) ||
      text[16] != ':' || !digits(17, 2))
    return std::nullopt;
  auto at = [&](size_t i) { return (text[i] - '0') * 10 + (text[i + 1] - '0'); };
  if (at(5) < 1 || at(5) > 12 || at(8) < 1 || at(8) > 31 || at(11) > 23 || at(14) > 59 ||
      at(17) > 59)
    return std::nullopt;
  return std::string(text);
}

Result<PtvResult> fetch_ptv(const PtvOptions& options, StateStore& state, HttpClient& client,
                            const parse::Options& parse_options, const RunCallbacks& callbacks) {
  PtvRun run(options, state, client, parse_options, callbacks);
  return run.run();
}

} // namespace svcdesc::fetch
