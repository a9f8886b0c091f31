#include <svcdesc/fetch/state.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

using svcdesc::fetch::AttemptRecord;
using svcdesc::fetch::StateStore;
using svcdesc::fetch::UrlState;

namespace {

// A fresh path in a temporary directory, removed with its WAL files afterwards.
struct TempState {
  std::filesystem::path dir;
  std::string path;
  TempState() {
    char pattern[] = "/tmp/svcdesc-state-XXXXXX";
    dir = ::mkdtemp(pattern);
    path = (dir / "state.sqlite").string();
  }
  ~TempState() { std::filesystem::remove_all(dir); }
};

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST_CASE("fetch::StateStore keeps a URL's state and history across opens") {
  TempState tmp;
  {
    auto store = StateStore::open(tmp.path);
    REQUIRE(store.has_value());
    auto missing = store->get("https://a.fi/");
    REQUIRE(missing.has_value());
    CHECK_FALSE(missing->has_value());

    UrlState s;
    s.url = "https://a.fi/";
    s.final_url = "https://a.fi/x";
    s.etag = "\"abc\"";
    s.sha256 = std::string(64, 'a');
    s.records = "{\"id\":\"x\"}\n";
    s.http_status = 200;
    s.good_at = 1000;
    REQUIRE(store->save(s, {AttemptRecord{1000, 200, "fetched", ""}}).has_value());
    REQUIRE(store->add_attempts(s.url, {AttemptRecord{2000, 503, "carried_over", "HTTP 503"}}));
    REQUIRE(store->set_value("ptv_high_water_mark", "2026-11-23T00:00:00Z"));
  }
  auto store = StateStore::open(tmp.path);
  REQUIRE(store.has_value());
  auto got = store->get("https://a.fi/");
  REQUIRE(got.has_value());
  REQUIRE(got->has_value());
  const UrlState& s = **got;
  CHECK(s.final_url == "https://a.fi/x");
  CHECK(s.etag == "\"abc\"");
  CHECK_FALSE(s.last_modified.has_value());
  CHECK(s.records == "{\"id\":\"x\"}\n");
  CHECK(s.good_at == 1000);
  auto history = store->attempts("https://a.fi/");
  REQUIRE(history.has_value());
  REQUIRE(history->size() == 2);
  CHECK((*history)[1].http_status == 503);
  CHECK((*history)[1].error == "HTTP 503");
  CHECK(store->value("ptv_high_water_mark")->value() == "2026-11-23T00:00:00Z");
  CHECK_FALSE(store->value("other")->has_value());
}

TEST_CASE("fetch::StateStore reads the validators without the records, and replaces records") {
  TempState tmp;
  auto store = StateStore::open(tmp.path);
  REQUIRE(store.has_value());
  UrlState s;
  s.url = "https://a.fi/";
  s.sha256 = std::string(64, 'a');
  s.etag = "\"v1\"";
  s.records = "{\"id\":\"x\"}\n";
  REQUIRE(store->save(s, {}).has_value());

  auto light = store->get(s.url, StateStore::Records::skip);
  REQUIRE(light.has_value());
  REQUIRE(light->has_value());
  CHECK((*light)->etag == "\"v1\"");
  CHECK((*light)->has_records);
  CHECK((*light)->records.empty());

  // A 304: the validators move, the records stay.
  s.etag = "\"v2\"";
  s.records.clear();
  REQUIRE(store->save_unchanged(s, {}).has_value());
  auto full = store->get(s.url);
  REQUIRE(full->has_value());
  CHECK((*full)->etag == "\"v2\"");
  CHECK((*full)->has_records);
  CHECK((*full)->records == "{\"id\":\"x\"}\n");

  // save() with no records leaves none behind.
  REQUIRE(store->save(s, {}).has_value());
  auto none = store->get(s.url);
  REQUIRE(none->has_value());
  CHECK_FALSE((*none)->has_records);
  CHECK((*none)->records.empty());
}

TEST_CASE("fetch::StateStore keeps the last k_history attempts") {
  TempState tmp;
  auto store = StateStore::open(tmp.path);
  REQUIRE(store.has_value());
  for (int i = 0; i < StateStore::k_history + 5; ++i)
    REQUIRE(store->add_attempts("u", {AttemptRecord{i, 500, "failed", ""}}));
  auto history = store->attempts("u");
  REQUIRE(history->size() == static_cast<size_t>(StateStore::k_history));
  CHECK(history->front().time == 5);
}

TEST_CASE("fetch::StateStore refuses what is not its state file and leaves it alone") {
  TempState tmp;
  SUBCASE("not a database") {
    {
      std::ofstream out(tmp.path, std::ios::binary);
      for (int i = 0; i < 200; ++i)
        out << "not a database\n";
    }
    std::string before = contents(tmp.path);
    auto store = StateStore::open(tmp.path);
    REQUIRE_FALSE(store.has_value());
    CHECK(store.error().message.find("is not an svcdesc state file or is damaged") !=
          std::string::npos);
    CHECK(store.error().message.find(tmp.path) != std::string::npos);
    CHECK(contents(tmp.path) == before);
  }
  SUBCASE("a directory") {
    auto store = StateStore::open(tmp.dir.string());
    REQUIRE_FALSE(store.has_value());
    CHECK(store.error().message.find("is a directory") != std::string::npos);
  }
  SUBCASE("a missing directory") {
    auto store = StateStore::open((tmp.dir / "no" / "such.sqlite").string());
    REQUIRE_FALSE(store.has_value());
    CHECK(store.error().message.find("cannot write state file") != std::string::npos);
  }
}

TEST_CASE("fetch::StateStore holds its file: a second open fails as locked") {
  TempState tmp;
  auto first = StateStore::open(tmp.path);
  REQUIRE(first.has_value());
  auto second = StateStore::open(tmp.path, 0);
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().message.find("is locked by another process") != std::string::npos);
}
