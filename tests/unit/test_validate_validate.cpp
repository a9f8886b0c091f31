// The validator on records built from a real sample with one defect each: every rule fires on
// the record made for it and stays quiet on the clean one, severities can be changed and turned
// off, and duplicates are looked for within one input only.

#include "helpers.hpp"

#include <svcdesc/validate/validate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace svcdesc::validate;

namespace {

std::string sample() {
  std::string s = svcdesc::test::read_source_file("samples/suomifi-fi-perhetyo.ndjson");
  while (!s.empty() && s.back() == '\n')
    s.pop_back();
  return s;
}

// `sample()` with the first occurrence of `from` replaced by `to`.
std::string with(std::string_view from, std::string_view to) {
  std::string s = sample();
  size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  s.replace(at, from.size(), to);
  return s;
}

Validator make(Options options = {}) {
  if (options.as_of.empty())
    options.as_of = "2026-11-23";
  auto v = Validator::create(options);
  REQUIRE(v.has_value());
  return std::move(*v);
}

std::vector<std::string> rules_of(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings)
    out.push_back(f.rule);
  return out;
}

bool has(const std::vector<Finding>& findings, std::string_view rule) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule == rule; });
}

} // namespace

TEST_CASE("validate::Validator: a real record is clean") {
  Validator v = make();
  std::string id;
  CHECK(rules_of(v.check(sample(), 1, id)).empty());
  CHECK(id == "1d039710-673b-5d93-b097-fa30816b5141");
}

TEST_CASE("validate::Validator: each rule fires on its defect") {
  Validator v = make();
  std::string id;
  SUBCASE("json-syntax with its column") {
    auto f = v.check(R"({"id": "x", "title": "broken)", 1, id);
    REQUIRE(f.size() == 1);
    CHECK(f[0].rule == "json-syntax");
    CHECK(f[0].column > 20);
  }
  SUBCASE("schema: an enum value") {
    auto f = v.check(with(R"("type":"limited")", R"("type":"partial")"), 1, id);
    REQUIRE(has(f, "schema"));
    auto it = std::find_if(f.begin(), f.end(), [](const Finding& x) { return x.rule == "schema"; });
    CHECK(it->instance_location == "/area/type");
    CHECK(it->keyword_location == "#/properties/area/properties/type/enum");
  }
  SUBCASE("area-code-unknown and area-name-mismatch") {
    CHECK(has(v.check(with(R"("code":"297")", R"("code":"999")"), 1, id), "area-code-unknown"));
    v.begin_input();
    CHECK(has(v.check(with(R"("name":"Kuopio"})", R"("name":"Espoo"})"), 1, id), "area-name-mismatch"));
  }
  SUBCASE("a Swedish name is not a mismatch") {
    auto f = v.check(with(R"({"code":"297","name":"Kuopio"})", R"({"code":"049","name":"Esbo"})"), 1, id);
    CHECK_FALSE(has(f, "area-name-mismatch"));
  }
  SUBCASE("updated in the future, too old, not among the dates") {
    CHECK(has(v.check(with(R"("updated":"2020-07-31")", R"("updated":"2027-01-01")"), 1, id),
              "updated-in-future"));
    v.begin_input();
    CHECK(has(v.check(with(R"("updated":"2020-07-31")", R"("updated":"1989-12-31")"), 1, id),
              "updated-too-old"));
    v.begin_input();
    CHECK(has(v.check(with(R"("updated":"2020-07-31")", R"("updated":"2020-08-01")"), 1, id),
              "updated-not-in-dates"));
  }
  SUBCASE("a date that is not in the calendar") {
    CHECK(has(v.check(with(R"("updated":"2020-07-31")", R"("updated":"2021-02-30")"), 1, id),
              "format-date"));
  }
  SUBCASE("language-code-unknown") {
    CHECK(has(v.check(with(R"("languages":["fi"])", R"("languages":["fi","zz"])"), 1, id),
              "language-code-unknown"));
  }
  SUBCASE("cost-without-evidence") {
    CHECK(has(v.check(with(R"("type":"free","evidence":"Palvelu on maksuton.")",
                           R"("type":"charged","evidence":null)"),
                      1, id),
              "cost-without-evidence"));
  }
  SUBCASE("organisation-defunct: a former municipality, a hospital district") {
    CHECK(has(v.check(with(R"("name":"Kuopion kaupunki","kind")", R"("name":"Valkealan kunta","kind")"), 1, id),
              "organisation-defunct"));
    v.begin_input();
    CHECK(has(v.check(with(R"("name":"Kuopion kaupunki","kind")",
                           R"("name":"Pohjois-Savon sairaanhoitopiiri","kind")"),
                      1, id),
              "organisation-defunct"));
    v.begin_input();
    CHECK_FALSE(has(v.check(sample(), 1, id), "organisation-defunct"));
  }
  SUBCASE("area-count-mismatch") {
    CHECK(has(v.check(with(R"("unmatched":[])", R"("unmatched":[],"stated_count":3)"), 1, id),
              "area-count-mismatch"));
  }
  SUBCASE("provenance-missing and provenance-dangling") {
    auto f = v.check(with(R"("updated":{"rule":"suomifi.basic.updated","line":42},)", ""), 1, id);
    CHECK(has(f, "provenance-missing"));
    v.begin_input();
    auto g = v.check(with(R"("funding":"public")", R"("funding":null)"), 1, id);
    CHECK(has(g, "provenance-dangling"));
  }
}

TEST_CASE("validate::Validator: duplicates within one input only") {
  Validator v = make();
  std::string id;
  CHECK_FALSE(has(v.check(sample(), 1, id), "duplicate-id"));
  auto again = v.check(sample(), 7, id);
  REQUIRE(has(again, "duplicate-id"));
  CHECK(again[0].message.find("line 1") != std::string::npos);
  // Another language version of the same service is not a duplicate.
  CHECK_FALSE(has(v.check(with(R"("lang":"fi")", R"("lang":"sv")"), 8, id), "duplicate-id"));
  v.begin_input();
  CHECK_FALSE(has(v.check(sample(), 1, id), "duplicate-id"));
}

TEST_CASE("validate::Validator: severities can be changed and turned off") {
  Options options;
  options.severities["organisation-defunct"] = Severity::error;
  options.severities["updated-in-future"] = Severity::off;
  Validator v = make(options);
  std::string id;
  auto f = v.check(with(R"("name":"Kuopion kaupunki","kind")", R"("name":"Valkealan kunta","kind")"), 1, id);
  REQUIRE(has(f, "organisation-defunct"));
  CHECK(f[0].severity == Severity::error);
  v.begin_input();
  CHECK(rules_of(v.check(with(R"("updated":"2020-07-31")", R"("updated":"2027-01-01")"), 1, id)) ==
        std::vector<std::string>{"updated-not-in-dates"});
}

TEST_CASE("validate::Validator: text that would break the parsers is a json-syntax finding") {
  // Found by fuzzing (tests/fuzz/regressions/validate/): each of these crashed validate.
  Validator v = make();
  std::string id;
  SUBCASE("nesting deep enough to overflow the stack") {
    auto f = v.check(std::string(100000, '['), 1, id);
    REQUIRE(rules_of(f) == std::vector<std::string>{"json-syntax"});
    CHECK(f[0].message.find("nested deeper than 100") != std::string::npos);
    CHECK(f[0].column == 101);
  }
  SUBCASE("invalid UTF-8 in a string (valijson read past a table on it)") {
    auto f = v.check(with(R"("lang":"fi")", "\"lang\":\"f\xF4\x80\x80\x80\x80\x80\x80i\""), 1, id);
    CHECK(rules_of(f) == std::vector<std::string>{"json-syntax"});
  }
  SUBCASE("a long string under a pattern (valijson's std::regex recursed per character)") {
    std::string url = "https://www.suomi.fi/" + std::string(300000, 'x') + " y";
    auto f = v.check(with(R"("source":{)", "\"source\":{\"url\":\"" + url + "\","), 1, id);
    // The space past the first 8 KiB breaks the URL's pattern: the schema rejects the record
    // although valijson, which sees the strings cut to 8 KiB, would not.
    CHECK(has(f, "schema"));
    CHECK(has(f, "format-uri"));
  }
  SUBCASE("a UTF-8 lead byte at the very end (RapidJSON read past the buffer for its tail)") {
    auto f = v.check(std::string("{\"id\":\"\xF3"), 1, id);
    REQUIRE(rules_of(f) == std::vector<std::string>{"json-syntax"});
  }
  SUBCASE("a NUL after the record is not the end of the text") {
    auto f = v.check(sample() + std::string("\0garbage", 8), 1, id);
    REQUIRE(rules_of(f) == std::vector<std::string>{"json-syntax"});
    CHECK(f[0].column > 1);
  }
}

TEST_CASE("validate::Validator: a schema that is not JSON is refused") {
  Options options;
  options.schema_path = svcdesc::test::source_path("tests/cli/inputs/broken_schema.json");
  auto v = Validator::create(options);
  REQUIRE_FALSE(v.has_value());
  CHECK(v.error().message.find("broken_schema.json") != std::string::npos);
}

TEST_CASE("validate::rules: every rule has a unique kebab-case name") {
  std::vector<std::string> names;
  for (const Rule& r : rules()) {
    CHECK(find_rule(r.name) == &r);
    names.emplace_back(r.name);
  }
  std::sort(names.begin(), names.end());
  CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  CHECK(find_rule("no-such-rule") == nullptr);
}
