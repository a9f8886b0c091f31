#include <svcdesc/record/record.hpp>

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using svcdesc::record::from_json;
using svcdesc::record::Record;
using svcdesc::record::to_json;

namespace {

// A record with every field filled, from the real Kainuu page.
Record full_record() {
  Record r;
  r.id = "1e015897-209d-5d36-9b4a-91ffcd37a8da";
  r.lang = "fi";
  r.kind = "service";
  r.title = "Sosiaalihuollon vertaistukitoiminta";
  r.service_type = "service";
  r.funding = "public";
  svcdesc::record::Organisation org;
  org.name = "Kainuun sosiaali- ja terveydenhuollon kuntayhtymä";
  org.id = "3f5d5e0c-0000-4000-8000-000000000000";
  org.business_id = "0171450-7";
  org.kind = "joint_municipal_authority";
  org.producers.push_back({"Kainuun sosiaali- ja terveydenhuollon kuntayhtymä", std::nullopt});
  org.other_responsible.push_back({"Kajaanin kaupunki", "0170486-1"});
  r.organisation = org;
  r.area.type = "limited";
  r.area.municipalities = {{"105", "Hyrynsalmi"}, {"205", "Kajaani"}};
  r.area.regions = {{"18", "Kainuu"}};
  r.area.wellbeing_services_counties = {{"20", "Kainuun hyvinvointialue"}};
  r.area.unmatched = {"Kainuun seutu"};
  r.area.stated_count = 7;
  r.languages = {"fi", "sv", "sgn-fi"};
  r.cost.type = "free";
  r.cost.evidence = "Palvelu on maksuton.";
  r.updated = "2020-02-06";
  r.dates = {{"updated", "2020-02-06"}, {"published", "2019-01-31"}};
  r.sections = {{"description", "", "Perhekoulu on \"ryhmämuotoinen\" tuki.\n\n• Perhekoulu"},
                {"conditions", "Kenelle ja millä ehdoin", "Palvelu on maksuton."}};
  r.contacts = {{"Marjaana Pelkonen", "Neuvotteleva virkamies", "+358295163331", std::nullopt,
                 "marjaana.pelkonen@stm.fi"},
                {"Marjo Malja", std::nullopt, std::nullopt, "0295 163 xxx", std::nullopt},
                {std::nullopt, std::nullopt, "+358405499734", std::nullopt, std::nullopt}};
  r.source.url = "https://www.suomi.fi/palvelut/x";
  r.source.file = "samples/suomifi-fi-vertaistukitoiminta.txt";
  r.source.sha256 = "3392c4d6c776cd2aae4f90789d977ccb20a6e022385a85e35e9a5ea8b7a516b6";
  r.source.profile = "suomifi";
  r.source.fetched_at = "2025-04-13T12:00:00Z";
  r.source.http_last_modified = "Thu, 06 Feb 2020 10:00:00 GMT";
  r.source.etag = "\"abc\"";
  r.source.status = "fetched";
  r.provenance = {{"title", "suomifi.title", 5}, {"id", "id.title_organisation", 0}};
  r.warnings = {{"area-count-mismatch", "the page states 7 municipalities but lists 6", 47},
                {"profile-generic", "read with the generic profile", 0}};
  return r;
}

// A minimal valid record as JSON text, with `field` of the top level removed.
std::string minimal_json_without(const std::string& field) {
  Record r;
  r.id = "x";
  r.lang = "fi";
  r.title = "Perhetyö";
  r.source.sha256 = "00";
  r.source.profile = "generic";
  std::string json = to_json(r);
  std::string key = "\"" + field + "\":";
  size_t at = json.find(key);
  REQUIRE(at != std::string::npos);
  // Remove `"field":value,` by parsing the value's extent: it is a string, number, or a balanced
  // object or array in these records.
  size_t end = at + key.size();
  int depth = 0;
  bool in_string = false;
  for (; end < json.size(); ++end) {
    char c = json[end];
    if (in_string) {
      if (c == '\\')
        ++end;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      ++depth;
    else if (c == '}' || c == ']') {
      if (depth == 0)
        break;
      --depth;
    } else if (c == ',' && depth == 0)
      break;
  }
  if (json[end] == ',')
    ++end;
  else if (json[at - 1] == ',')
    --at;
  json.erase(at, end - at);
  return json;
}

} // namespace

TEST_CASE("record::to_json") {
  SUBCASE("one line, fields in schema order") {
    std::string json = to_json(full_record());
    CHECK(json.find('\n') == std::string::npos);
    CHECK(json.starts_with("{\"schema_version\":1,\"id\":\"1e015897-"));
    size_t order[] = {json.find("\"schema_version\""), json.find("\"id\""),
                      json.find("\"lang\""),           json.find("\"kind\""),
                      json.find("\"title\""),          json.find("\"service_type\""),
                      json.find("\"funding\""),        json.find("\"organisation\""),
                      json.find("\"area\""),           json.find("\"languages\""),
                      json.find("\"cost\""),           json.find("\"updated\""),
                      json.find("\"dates\""),          json.find("\"sections\""),
                      json.find("\"contacts\""),       json.find("\"source\""),
                      json.find("\"provenance\""),     json.find("\"warnings\"")};
    for (size_t i = 1; i < std::size(order); ++i) {
      CAPTURE(i);
      CHECK(order[i] != std::string::npos);
      CHECK(order[i - 1] < order[i]);
    }
  }
  SUBCASE("quotes, backslashes and control characters are escaped") {
    Record r;
    r.title = "Perhekoulu \"Kaisla\" C:\\polku\n\tsarake\r\x01\x1f";
    std::string json = to_json(r);
    CHECK(json.find(R"("title":"Perhekoulu \"Kaisla\" C:\\polku\n\tsarake\r\u0001\u001f")") !=
          std::string::npos);
    auto back = from_json(json);
    REQUIRE(back.has_value());
    CHECK(back->title == r.title);
  }
  SUBCASE("non-ASCII is written as UTF-8") {
    Record r;
    r.title = "Perhetyö – €";
    CHECK(to_json(r).find("\"title\":\"Perhetyö – €\"") != std::string::npos);
  }
  SUBCASE("absent optional values: null where the schema has null, left out elsewhere") {
    Record r;
    std::string json = to_json(r);
    CHECK(json.find("\"service_type\":null") != std::string::npos);
    CHECK(json.find("\"funding\":null") != std::string::npos);
    CHECK(json.find("\"organisation\":null") != std::string::npos);
    CHECK(json.find("\"updated\":null") != std::string::npos);
    CHECK(json.find("\"cost\":{\"type\":\"unknown\",\"evidence\":null}") != std::string::npos);
    CHECK(json.find("stated_count") == std::string::npos);
    CHECK(json.find("\"url\"") == std::string::npos);
    CHECK(json.find("\"dates\":{}") != std::string::npos);
    CHECK(json.find("\"warnings\":[]") != std::string::npos);
  }
  SUBCASE("a warning's line is written only when known") {
    std::string json = to_json(full_record());
    CHECK(json.find("lists 6\",\"line\":47}") != std::string::npos);
    CHECK(json.find("\"read with the generic profile\"}") != std::string::npos);
  }
  SUBCASE("the sample record is reproduced byte for byte") {
    std::string expected = svcdesc::test::read_source_file("samples/suomifi-fi-perhetyo.ndjson");
    while (!expected.empty() && expected.back() == '\n')
      expected.pop_back();
    auto r = from_json(expected);
    REQUIRE(r.has_value());
    CHECK(to_json(*r) == expected);
  }
}

TEST_CASE("record::from_json") {
  SUBCASE("round trip of a full record") {
    Record r = full_record();
    auto back = from_json(to_json(r));
    REQUIRE(back.has_value());
    CHECK(*back == r);
  }
  SUBCASE("round trip of an empty record") {
    Record r;
    auto back = from_json(to_json(r));
    REQUIRE(back.has_value());
    CHECK(*back == r);
  }
  SUBCASE("nesting that would overflow the parser's stack is refused with its column") {
    // Found by fuzzing (tests/fuzz/regressions/record/).
    std::string json = "{\"x\":" + std::string(50000, '[');
    auto r = from_json(json);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("nested deeper than 100") != std::string::npos);
    CHECK(r.error().column == 105);
  }
  SUBCASE("keys read from data are escaped when written again") {
    // Found by fuzzing (tests/fuzz/regressions/record/): a provenance field or a date kind with a
    // line feed or a quote was written unescaped, and the output was not JSON.
    Record r = full_record();
    r.dates.emplace_back("a\n\"b", "2024-01-02");
    r.provenance.push_back({"sections.x\ny\"", "rule", 1});
    auto back = from_json(to_json(r));
    REQUIRE_MESSAGE(back.has_value(), back.error().message);
    CHECK(*back == r);
  }
  SUBCASE("unknown fields are ignored") {
    std::string json = to_json(full_record());
    json.insert(1, "\"x_extra\":{\"a\":[1,2]},");
    auto back = from_json(json);
    REQUIRE(back.has_value());
    CHECK(*back == full_record());
  }
  SUBCASE("a missing required field is named") {
    for (const char* field : {"id", "lang", "kind", "title", "area", "cost", "source"}) {
      CAPTURE(field);
      auto r = from_json(minimal_json_without(field));
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().message.find(std::string("\"") + field + "\"") != std::string::npos);
      CHECK(r.error().message.find("missing") != std::string::npos);
    }
    auto v = from_json(minimal_json_without("schema_version"));
    REQUIRE_FALSE(v.has_value());
    CHECK(v.error().message.find("schema_version") != std::string::npos);
  }
  SUBCASE("a missing nested field is named with its path") {
    std::string json = to_json(full_record());
    size_t at = json.find("\"sha256\":");
    REQUIRE(at != std::string::npos);
    json.replace(at, 1 + 6 + 1, "\"sha999\"");
    auto r = from_json(json);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("source.sha256") != std::string::npos);
  }
  SUBCASE("a wrong type is named") {
    std::string json = to_json(full_record());
    size_t at = json.find("\"title\":\"");
    REQUIRE(at != std::string::npos);
    json.replace(at, 9, "\"title\":42,\"x\":\"");
    auto r = from_json(json);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("\"title\"") != std::string::npos);
    CHECK(r.error().message.find("string") != std::string::npos);

    std::string bad_count = to_json(full_record());
    size_t c = bad_count.find("\"stated_count\":7");
    REQUIRE(c != std::string::npos);
    bad_count.replace(c, 16, "\"stated_count\":\"7\"");
    auto r2 = from_json(bad_count);
    REQUIRE_FALSE(r2.has_value());
    CHECK(r2.error().message.find("area.stated_count") != std::string::npos);
  }
  SUBCASE("a syntax error carries its column") {
    // The missing value after "lang": starts at column 26 (1-based).
    std::string json = R"({"schema_version":1,"id":,"lang":"fi"})";
    auto r = from_json(json);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().line == 1);
    CHECK(r.error().column == 26);
    CHECK_FALSE(r.error().message.empty());
  }
  SUBCASE("a truncated line") {
    std::string json = to_json(full_record());
    json.resize(json.size() / 2);
    auto r = from_json(json);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().line == 1);
    CHECK(r.error().column > 1);
  }
  SUBCASE("not an object") {
    for (const char* json : {"[]", "42", "\"record\"", "null"}) {
      CAPTURE(json);
      auto r = from_json(json);
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().message.find("object") != std::string::npos);
    }
  }
  SUBCASE("empty input is a syntax error") {
    auto r = from_json("");
    CHECK_FALSE(r.has_value());
  }
  SUBCASE("every sample record reads back and writes the same") {
    for (const char* name :
         {"suomifi-fi-perhetyo", "suomifi-fi-vertaistukitoiminta", "suomifi-sv-familjearbete",
          "suomifi-en-child-benefit", "stm-perhekeskukset", "kymsote-tiedote-perhekeskus",
          "kaksineuvoinen-perhekeskus-kaisla"}) {
      CAPTURE(name);
      std::string line = svcdesc::test::read_source_file(std::string("samples/") + name + ".ndjson");
      while (!line.empty() && line.back() == '\n')
        line.pop_back();
      auto r = from_json(line);
      REQUIRE(r.has_value());
      CHECK(to_json(*r) == line);
    }
  }
}
