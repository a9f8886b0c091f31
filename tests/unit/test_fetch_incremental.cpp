#include <svcdesc/fetch/incremental.hpp>
#include <svcdesc/fetch/ptv.hpp>

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace svcdesc;
using fetch::Outcome;
using fetch::PageResult;
using fetch::PageStatus;

namespace {

// The network, faked: each URL answers what `answers` says; the requests are kept.
class FakeClient final : public fetch::HttpClient {
public:
  std::map<std::string, fetch::Response> answers;
  std::vector<fetch::Request> seen;

  void fetch(const std::vector<fetch::Request>& requests, const fetch::Callbacks& cb) override {
    for (size_t i = 0; i < requests.size(); ++i) {
      seen.push_back(requests[i]);
      fetch::Response r = answers.at(requests[i].url);
      r.index = i;
      r.url = requests[i].url;
      if (r.final_url.empty())
        r.final_url = r.url;
      r.attempts.push_back(fetch::AttemptInfo{cb.unix_time(), r.http_status, r.error, true});
      cb.done(std::move(r));
    }
  }
};

fetch::Response ok(const std::string& body, const char* etag = "\"v1\"") {
  fetch::Response r;
  r.outcome = Outcome::ok;
  r.http_status = 200;
  r.body = body;
  r.etag = etag;
  r.content_type = "text/plain; charset=utf-8";
  return r;
}

fetch::Response status(Outcome outcome, long http, const std::string& error) {
  fetch::Response r;
  r.outcome = outcome;
  r.http_status = http;
  r.error = error;
  return r;
}

struct Fixture {
  std::filesystem::path dir;
  std::optional<fetch::StateStore> state;
  FakeClient client;
  std::int64_t clock = 1795392000; // 2026-11-23T00:00:00Z

  Fixture() {
    char pattern[] = "/tmp/svcdesc-incr-XXXXXX";
    dir = ::mkdtemp(pattern);
    auto s = fetch::StateStore::open((dir / "state.sqlite").string());
    REQUIRE(s.has_value());
    state.emplace(std::move(*s));
  }
  ~Fixture() {
    state.reset();
    std::filesystem::remove_all(dir);
  }

  // The callbacks of a run that collects its pages into `pages`.
  fetch::RunCallbacks callbacks(std::map<std::string, PageResult>& pages) {
    fetch::RunCallbacks cb;
    cb.now = [] { return 0.0; };
    cb.unix_time = [this] { return clock; };
    cb.page = [&pages](PageResult&& p) { pages[p.url] = std::move(p); };
    cb.notice = [](std::string_view) {};
    cb.stop = [] { return false; };
    return cb;
  }

  std::map<std::string, PageResult> run(const std::vector<fetch::Target>& targets) {
    std::map<std::string, PageResult> pages;
    auto done = fetch::fetch_pages(targets, *state, client, parse::Options{}, callbacks(pages));
    REQUIRE(done.has_value());
    return pages;
  }

  std::map<std::string, PageResult> run_ptv(const fetch::PtvOptions& options) {
    std::map<std::string, PageResult> pages;
    auto done = fetch::fetch_ptv(options, *state, client, parse::Options{}, callbacks(pages));
    REQUIRE(done.has_value());
    return pages;
  }
};

const std::string k_url = "https://www.suomi.fi/palvelut/perhetyo";

// The first record written for a page, read back.
record::Record written(const PageResult& page) {
  REQUIRE_FALSE(page.lines.empty());
  auto r = record::from_json(page.lines.front().json);
  REQUIRE(r.has_value());
  CHECK(page.lines.front().id == r->id);
  CHECK(page.lines.front().lang == r->lang);
  return *r;
}

} // namespace

TEST_CASE("fetch::fetch_pages: fetched, then unchanged by 304 or by the same body") {
  Fixture f;
  std::string page = test::read_source_file("samples/suomifi-fi-perhetyo.txt");
  f.client.answers[k_url] = ok(page);
  auto first = f.run({{k_url, std::nullopt}});
  REQUIRE(first.at(k_url).status == PageStatus::fetched);
  REQUIRE(first.at(k_url).records.size() == 1);
  const record::Record fresh = written(first.at(k_url));
  CHECK(fresh == first.at(k_url).records[0]);
  CHECK(fresh.source.status == "fetched");
  CHECK(fresh.source.url == k_url);
  CHECK(fresh.source.etag == "\"v1\"");
  CHECK(fresh.source.fetched_at == "2026-11-23T00:00:00Z");
  CHECK_FALSE(fresh.source.file.has_value());
  CHECK(f.client.seen[0].if_none_match == std::nullopt);

  SUBCASE("a 304 carries the record forward") {
    f.client.answers[k_url] = status(Outcome::not_modified, 304, "");
    f.clock += 86400;
    auto second = f.run({{k_url, std::nullopt}});
    CHECK(f.client.seen[1].if_none_match == "\"v1\"");
    REQUIRE(second.at(k_url).status == PageStatus::unchanged);
    record::Record carried = written(second.at(k_url));
    CHECK(carried.source.status == "unchanged");
    carried.source.status = "fetched";
    CHECK(carried == fresh);
  }
  SUBCASE("the same body under a new ETag is not parsed again") {
    f.client.answers[k_url] = ok(page, "\"v2\"");
    auto second = f.run({{k_url, std::nullopt}});
    CHECK(second.at(k_url).status == PageStatus::unchanged);
    CHECK(f.state->get(k_url)->value().etag == "\"v2\"");
  }
  SUBCASE("a failure keeps the last good record, carried over with the reason and the day") {
    f.client.answers[k_url] = status(Outcome::failed, 503, "HTTP 503 Service Unavailable");
    f.clock += 86400;
    auto second = f.run({{k_url, std::nullopt}});
    REQUIRE(second.at(k_url).status == PageStatus::carried_over);
    const record::Record r = written(second.at(k_url));
    CHECK(r.source.status == "carried_over");
    CHECK(r.source.status_reason == "HTTP 503 Service Unavailable on 2026-11-24");
    CHECK(r.title == fresh.title);
    // The validators stay, so the next good run can still answer 304.
    CHECK(f.state->get(k_url)->value().etag == "\"v1\"");
  }
  SUBCASE("a 410 keeps the record, withdrawn; later failures keep it withdrawn") {
    f.client.answers[k_url] = status(Outcome::gone, 410, "HTTP 410 Gone");
    auto second = f.run({{k_url, std::nullopt}});
    REQUIRE(second.at(k_url).status == PageStatus::withdrawn);
    CHECK(written(second.at(k_url)).source.status_reason == "HTTP 410 Gone on 2026-11-23");
    f.client.answers[k_url] = status(Outcome::failed, 0, "timed out");
    auto third = f.run({{k_url, std::nullopt}});
    CHECK(third.at(k_url).status == PageStatus::withdrawn);
    CHECK(f.client.seen.back().if_none_match == std::nullopt);
  }
  SUBCASE("a sitemap <lastmod> before the last fetch needs no request") {
    size_t requests = f.client.seen.size();
    auto second = f.run({{k_url, f.clock - 3600}});
    CHECK(second.at(k_url).status == PageStatus::unchanged);
    CHECK(f.client.seen.size() == requests);
    auto third = f.run({{k_url, f.clock + 3600}});
    CHECK(f.client.seen.size() == requests + 1);
  }
}

TEST_CASE("fetch::fetch_pages: a page never fetched gets no record") {
  Fixture f;
  f.client.answers[k_url] = status(Outcome::gone, 404, "HTTP 404 Not Found");
  auto pages = f.run({{k_url, std::nullopt}});
  CHECK(pages.at(k_url).status == PageStatus::failed);
  CHECK(pages.at(k_url).lines.empty());
  CHECK(pages.at(k_url).error.find("never fetched") != std::string::npos);

  f.client.answers[k_url] = ok(std::string("\0\1binary", 8));
  pages = f.run({{k_url, std::nullopt}});
  CHECK(pages.at(k_url).status == PageStatus::failed);
  CHECK(pages.at(k_url).error.starts_with("the page could not be parsed"));
  auto attempts = f.state->attempts(k_url);
  REQUIRE(attempts.has_value());
  CHECK(attempts->size() == 2);
}

TEST_CASE("fetch::fetch_pages: a PTV service the JSON says is archived stays withdrawn") {
  Fixture f;
  fetch::Response body =
      ok(test::read_source_file("samples/ptv-envelope-nationwide-archived.json"));
  body.content_type = "application/json";
  f.client.answers[k_url] = body;
  auto archived = [](const PageResult& page) {
    size_t n = 0;
    for (const PageResult::Line& line : page.lines) {
      auto r = record::from_json(line.json);
      REQUIRE(r.has_value());
      if (r->source.status == "withdrawn") {
        CHECK(r->source.status_reason == "PTV publishingStatus Archived");
        ++n;
      }
    }
    return n;
  };
  auto first = f.run({{k_url, std::nullopt}});
  CHECK(first.at(k_url).status == PageStatus::fetched); // the other service is published
  CHECK(archived(first.at(k_url)) > 0);
  CHECK(archived(first.at(k_url)) < first.at(k_url).lines.size());
  f.client.answers[k_url] = status(Outcome::not_modified, 304, "");
  CHECK(archived(f.run({{k_url, std::nullopt}}).at(k_url)) == archived(first.at(k_url)));
  f.client.answers[k_url] = status(Outcome::failed, 503, "HTTP 503 Service Unavailable");
  CHECK(archived(f.run({{k_url, std::nullopt}}).at(k_url)) == archived(first.at(k_url)));
}

TEST_CASE("fetch::fetch_ptv: pages of GUIDs, one list call, then only the changes") {
  Fixture f;
  const std::string base = "https://api.example/api/v11/";
  const std::string a = "0d682da6-7a47-4efe-9d1a-3c2f5e8b6a40"; // ptv-fi-perhetyo.json: fi
  const std::string b = "4d5e6f70-8192-4a3b-bc4d-5e6f708192a3"; // ptv-trilingual.json: fi, sv, en
  auto json = [](const std::string& body) {
    fetch::Response r = ok(body);
    r.etag.reset();
    r.content_type = "application/json";
    return r;
  };
  auto guid_page = [&](int page, int count, const std::string& id) {
    return json(
        fmt::format(R"({{"pageNumber":{},"pageSize":1,"pageCount":{},"itemList":{}}})", page, count,
                    id.empty() ? "null" : fmt::format(R"([{{"id":"{}","name":"x"}}])", id)));
  };
  f.client.answers[base + "Service?page=1"] = guid_page(1, 2, a);
  f.client.answers[base + "Service?page=2"] = guid_page(2, 2, b);
  f.client.answers[base + "Service/list?guids=" + a + "," + b] =
      json("[" + test::read_source_file("samples/ptv-fi-perhetyo.json") + "," +
           test::read_source_file("samples/ptv-trilingual.json") + "]");
  fetch::PtvOptions options;
  options.base = base;
  auto first = f.run_ptv(options);
  REQUIRE(first.size() == 2);
  CHECK(first.at(base + "Service/" + a).status == PageStatus::fetched);
  CHECK(first.at(base + "Service/" + b).lines.size() == 3);
  CHECK(f.state->ptv_since(fetch::ptv_selection(options))->value() == "2026-11-22T23:00:00");

  // The next day: nothing changed, `a` archived; no list call at all.
  f.clock += 86400;
  const std::string since = "date=2026-11-22T23:00:00";
  f.client.answers[base + "Service?" + since + "&page=1"] = guid_page(1, 1, "");
  f.client.answers[base + "Service?" + since + "&status=Archived&page=1"] = guid_page(1, 1, a);
  f.client.answers[base + "Service?" + since + "&status=Withdrawn&page=1"] = guid_page(1, 1, "");
  size_t requests = f.client.seen.size();
  auto second = f.run_ptv(options);
  CHECK(f.client.seen.size() == requests + 3);
  const PageResult& gone = second.at(base + "Service/" + a);
  CHECK(gone.status == PageStatus::withdrawn);
  CHECK(written(gone).source.status_reason == "PTV status Archived on 2026-11-24");
  CHECK(second.at(base + "Service/" + b).status == PageStatus::unchanged);
  CHECK(second.at(base + "Service/" + b).lines.size() == 3);
  CHECK(f.state->ptv_since(fetch::ptv_selection(options))->value() == "2026-11-23T23:00:00");
}

TEST_CASE("fetch::ptv_date") {
  CHECK(fetch::ptv_date("2026-11-23") == "2026-11-23T00:00:00");
  CHECK(fetch::ptv_date("2026-11-23T06:30:00") == "2026-11-23T06:30:00");
  CHECK_FALSE(fetch::ptv_date("2026-13-01").has_value());
  CHECK_FALSE(fetch::ptv_date("2026-11-23 06:30:00").has_value());
  CHECK_FALSE(fetch::ptv_date("yesterday").has_value());
}

TEST_CASE("fetch::with_status edits source.status and status_reason in place") {
  record::Record r;
  r.id = "1d039710-673b-5d93-b097-fa30816b5141";
  r.lang = "fi";
  r.title = "\"source\":{\"status\":\"x\"} in a title";
  r.source.sha256 = std::string(64, '0');
  r.source.profile = "generic";
  r.source.status = "fetched";
  r.source.format = "text";
  std::string json = record::to_json(r);
  record::Record want = r;
  want.source.status = "carried_over";
  want.source.status_reason = "HTTP 503 on 2026-11-23, \"quoted\"";
  std::string edited = fetch::with_status(json, "carried_over", want.source.status_reason);
  CHECK(edited == record::to_json(want));
  std::string back = fetch::with_status(edited, "unchanged", std::nullopt);
  want.source.status = "unchanged";
  want.source.status_reason.reset();
  CHECK(back == record::to_json(want));
}

TEST_CASE("fetch::parse_w3c_datetime") {
  CHECK(fetch::parse_w3c_datetime("2026-11-23") == 1795392000);
  CHECK(fetch::parse_w3c_datetime("2026-11-23T02:00:00+02:00") == 1795392000);
  CHECK(fetch::parse_w3c_datetime("2026-11-23T00:00Z") == 1795392000);
  CHECK(fetch::parse_w3c_datetime("2026-11-23T00:00:00.5Z") == 1795392000);
  CHECK_FALSE(fetch::parse_w3c_datetime("2026-11-23T25:00Z").has_value());
  CHECK_FALSE(fetch::parse_w3c_datetime("yesterday").has_value());
  CHECK_FALSE(fetch::parse_w3c_datetime("2026-11-23T10:00").has_value());
}
