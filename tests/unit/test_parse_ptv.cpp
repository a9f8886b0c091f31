// PTV Open API JSON input (lib/src/parse/ptv_json.cpp): the mapping of the v11 service model and
// of the v7 spellings onto records, the input shapes, and the diagnostics of bad services.
#include "helpers.hpp"

#include <svcdesc/parse/parse.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using svcdesc::Result;
using svcdesc::record::Record;

namespace {

std::vector<Result<Record>> parse_json(std::string_view json, std::string_view name = "in.json") {
  std::vector<Result<Record>> out;
  svcdesc::parse::Options options;
  svcdesc::parse::parse_input(name, json, options,
                              [&](Result<Record> r) { out.push_back(std::move(r)); });
  return out;
}

std::vector<Record> records_of(const std::vector<Result<Record>>& results) {
  std::vector<Record> out;
  for (const auto& r : results) {
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    out.push_back(*r);
  }
  return out;
}

std::string rule_of(const Record& r, std::string_view field) {
  for (const auto& p : r.provenance)
    if (p.field == field)
      return p.rule;
  return "";
}

bool has_warning(const Record& r, std::string_view code) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const auto& w) { return w.code == code; });
}

const svcdesc::record::Section* section(const Record& r, std::string_view kind) {
  for (const auto& s : r.sections)
    if (s.kind == kind)
      return &s;
  return nullptr;
}

// A v11 service with the given members spliced in after the id.
std::string service(std::string_view extra = "", std::string_view id =
                                                     "0D682DA6-7A47-4EFE-9D1A-3C2F5E8B6A40") {
  std::string s = R"({"id": ")";
  s += id;
  s += R"(", )";
  s += extra;
  if (!extra.empty())
    s += ", ";
  s += R"("serviceNames": [{"type": "Name", "language": "fi", "value": "Perhetyö"}]})";
  return s;
}

} // namespace

TEST_CASE("parse::ptv maps a v11 service onto the record") {
  std::string json = R"({
  "id": "0D682DA6-7A47-4EFE-9D1A-3C2F5E8B6A40",
  "type": "Service",
  "fundingType": "PubliclyFunded",
  "serviceNames": [{"type": "Name", "language": "fi", "value": "Perhetyö"},
                   {"type": "AlternativeName", "language": "fi", "value": "Perheiden tuki"}],
  "serviceChargeType": "FreeOfCharge",
  "areaType": "LimitedType",
  "serviceDescriptions": [
    {"type": "Description", "language": "fi", "value": "Ensimmäinen kappale.\n\n\n\nToinen kappale.  "},
    {"type": "UserInstruction", "language": "fi", "value": "Soita neuvolaan."},
    {"type": "ChargeTypeAdditionalInfo", "language": "fi", "value": "Palvelu on maksuton."}],
  "requirements": [{"language": "fi", "value": "Kuopiossa asuville perheille."}],
  "languages": ["fi", "sv"],
  "areas": [{"type": "Municipality", "code": "297", "name": [{"language": "fi", "value": "Kuopio"}]}],
  "organizations": [
    {"roleType": "Responsible", "organization": {"id": "7A1B8A37-1F5E-4F53-9C40-0F3C2D0B7A11", "name": "Kuopion kaupunki"}},
    {"roleType": "Producer", "organization": {"id": "7a1b8a37-1f5e-4f53-9c40-0f3c2d0b7a11", "name": "Kuopion kaupunki"}}],
  "publishingStatus": "Published",
  "modified": "2020-07-31T10:14:52.437Z"
})";
  auto records = records_of(parse_json(json));
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  CHECK(r.id == "0d682da6-7a47-4efe-9d1a-3c2f5e8b6a40");
  CHECK(r.lang == "fi");
  CHECK(r.kind == "service");
  CHECK(r.title == "Perhetyö");
  CHECK(r.service_type == "service");
  CHECK(r.funding == "public");
  REQUIRE(r.organisation);
  CHECK(r.organisation->name == "Kuopion kaupunki");
  CHECK(r.organisation->id == "7a1b8a37-1f5e-4f53-9c40-0f3c2d0b7a11");
  CHECK(r.organisation->kind == "municipality");
  REQUIRE(r.organisation->producers.size() == 1);
  CHECK(r.organisation->producers[0].name == "Kuopion kaupunki");
  CHECK(r.organisation->other_responsible.empty());
  CHECK(r.area.type == "limited");
  REQUIRE(r.area.municipalities.size() == 1);
  CHECK(r.area.municipalities[0].code == "297");
  CHECK(r.area.municipalities[0].name == "Kuopio");
  CHECK(r.languages == std::vector<std::string>{"fi", "sv"});
  CHECK(r.cost.type == "free");
  CHECK(r.cost.evidence == "Palvelu on maksuton.");
  CHECK(r.updated == "2020-07-31");
  REQUIRE(r.dates.size() == 1);
  CHECK(r.dates[0] == std::pair<std::string, std::string>{"modified", "2020-07-31"});
  REQUIRE(section(r, "description"));
  CHECK(section(r, "description")->text == "Ensimmäinen kappale.\n\nToinen kappale.");
  REQUIRE(section(r, "instructions"));
  CHECK(section(r, "instructions")->heading == "Toimi näin");
  REQUIRE(section(r, "conditions"));
  CHECK(section(r, "conditions")->text == "Kuopiossa asuville perheille.");
  REQUIRE(section(r, "cost"));
  CHECK(r.source.format == "ptv-json");
  CHECK(r.source.profile == "ptv-json");
  CHECK(r.source.status == "parsed");
  CHECK(r.source.file == "in.json");
  CHECK(r.source.sha256.size() == 64);
  CHECK(rule_of(r, "title") == "ptv:/serviceNames[Name,fi]");
  CHECK(rule_of(r, "cost") == "ptv:/serviceChargeType");
  CHECK(rule_of(r, "updated") == "ptv:/modified");
  CHECK(rule_of(r, "sections.instructions") == "ptv:/serviceDescriptions[UserInstruction,fi]");
  for (const auto& p : r.provenance)
    CHECK(p.line == 1);
  CHECK(r.warnings.empty());
}

TEST_CASE("parse::ptv gives one record per language version, names in that language") {
  auto records = records_of(parse_json(svcdesc::test::read_source_file("samples/ptv-trilingual.json")));
  REQUIRE(records.size() == 3);
  CHECK(records[0].lang == "fi");
  CHECK(records[1].lang == "sv");
  CHECK(records[2].lang == "en");
  CHECK(records[1].title == "Invånarparkeringstillstånd");
  CHECK(records[2].title == "Resident parking permit");
  for (const Record& r : records) {
    CHECK(r.id == records[0].id);
    CHECK(r.service_type == "permit_or_obligation");
    CHECK(r.cost.type == "charged");
    REQUIRE(r.area.municipalities.size() == 1);
    CHECK(r.area.municipalities[0].code == "091"); // "91" in the input, padded
  }
  CHECK(records[0].area.municipalities[0].name == "Helsinki");
  CHECK(records[1].area.municipalities[0].name == "Helsingfors");
  CHECK(records[1].cost.evidence == "Tillståndet kostar 30 euro i månaden.");
  REQUIRE(section(records[2], "description"));
  CHECK(section(records[2], "description")->heading == "Summary");
}

TEST_CASE("parse::ptv reads the v7 spellings like the v11 ones") {
  std::string v11 = service(R"("type": "PermitOrObligation", "serviceChargeType": "Chargeable",
    "areaType": "NationwideExceptAlandIslands",
    "serviceDescriptions": [{"type": "Summary", "language": "fi", "value": "Lyhyesti."},
                            {"type": "UserInstruction", "language": "fi", "value": "Hae."},
                            {"type": "DeadLine", "language": "fi", "value": "Kuukausi."}])");
  std::string v7 = service(R"("type": "PermissionAndObligation", "serviceChargeType": "Charged",
    "areaType": "WholeCountryExceptAlandIslands",
    "serviceDescriptions": [{"type": "ShortDescription", "language": "fi", "value": "Lyhyesti."},
                            {"type": "ServiceUserInstruction", "language": "fi", "value": "Hae."},
                            {"type": "DeadLineAdditionalInfo", "language": "fi", "value": "Kuukausi."}])");
  Record a = records_of(parse_json(v11)).at(0);
  Record b = records_of(parse_json(v7)).at(0);
  CHECK(b.service_type == "permit_or_obligation");
  CHECK(b.cost.type == "charged");
  CHECK(b.area.type == "nationwide_except_aland");
  CHECK(a.sections == b.sections);
  CHECK(a.service_type == b.service_type);
  CHECK(a.cost == b.cost);
  CHECK(a.area == b.area);

  SUBCASE("older area kinds") {
    auto records = records_of(parse_json(svcdesc::test::read_source_file("samples/ptv-v7-spellings.json")));
    REQUIRE(records.size() == 1);
    const Record& r = records[0];
    CHECK(r.id == "e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7");
    CHECK(r.area.type == "limited");
    REQUIRE(r.area.regions.size() == 1);
    CHECK(r.area.regions[0].name == "Pohjois-Savo");
    // HospitalRegions: its municipalities stand for it.
    CHECK(r.area.municipalities.size() == 3);
    CHECK(r.area.unmatched.empty());
  }
}

TEST_CASE("parse::ptv accepts an object, an array, the paging envelope and NDJSON") {
  std::string one = service();
  std::string other = service("", "5e3c1b0a-9f7d-4c2e-b6a8-1d2e3f4a5b6c");
  CHECK(records_of(parse_json(one)).size() == 1);
  CHECK(records_of(parse_json("[" + one + ",\n" + other + "]")).size() == 2);
  CHECK(records_of(parse_json("[]")).empty());
  std::string envelope = R"({"pageNumber": 1, "pageSize": 2, "pageCount": 1, "itemList": [)" + one +
                         "," + other + "]}";
  auto env = records_of(parse_json(envelope));
  REQUIRE(env.size() == 2);
  CHECK(env[1].id == "5e3c1b0a-9f7d-4c2e-b6a8-1d2e3f4a5b6c");
  // An empty page of the API.
  CHECK(parse_json(R"({"pageNumber": 1, "pageSize": 100, "pageCount": 0, "itemList": null})").empty());
  auto nd = records_of(parse_json(one + "\n" + other + "\n"));
  REQUIRE(nd.size() == 2);
  // Provenance points at the line each service starts on.
  CHECK(nd[1].provenance.at(0).line == 2);
  // Each record hashes its own service, not the whole input.
  CHECK(nd[0].source.sha256 != nd[1].source.sha256);
  CHECK(env[0].source.sha256 == nd[0].source.sha256);
}

TEST_CASE("parse::ptv reports a bad service by its JSON pointer and keeps the others") {
  std::string good = service();
  std::string bad = service(R"("serviceChargeType": "Sometimes")",
                            "5e3c1b0a-9f7d-4c2e-b6a8-1d2e3f4a5b6c");
  std::string json = R"({"pageNumber": 1, "itemList": [)" + good + ",\n" + bad + ",\n" + good + "]}";
  auto results = parse_json(json);
  REQUIRE(results.size() == 3);
  CHECK(results[0].has_value());
  REQUIRE_FALSE(results[1].has_value());
  CHECK(results[1].error().message == "/itemList/1/serviceChargeType: unknown value 'Sometimes'");
  CHECK(results[1].error().line == 2);
  CHECK(results[1].error().column == 48); // the key of the offending member
  CHECK(results[2].has_value());

  SUBCASE("missing required fields") {
    auto no_id = parse_json(R"([{"serviceNames": [{"type": "Name", "language": "fi", "value": "X"}]}])");
    REQUIRE(no_id.size() == 1);
    REQUIRE_FALSE(no_id[0].has_value());
    CHECK(no_id[0].error().message == "/0/id: missing required field");
    auto no_names = parse_json(R"({"id": "5e3c1b0a-9f7d-4c2e-b6a8-1d2e3f4a5b6c"})");
    REQUIRE_FALSE(no_names.at(0).has_value());
    CHECK(no_names[0].error().message == "/serviceNames: missing required field");
    auto not_service = parse_json(R"({"error": "Not found"})");
    REQUIRE_FALSE(not_service.at(0).has_value());
    CHECK(not_service[0].error().message ==
          ": not a PTV service: it has neither id nor serviceNames");
  }
  SUBCASE("wrong types and values") {
    auto bad_id = parse_json(service("", "12345"));
    CHECK(bad_id.at(0).error().message == "/id: '12345' is not a GUID");
    auto bad_area = parse_json(service(R"("areas": [{"type": "Country", "code": "FI"}])"));
    CHECK(bad_area.at(0).error().message == "/areas/0/type: unknown value 'Country'");
    auto bad_role = parse_json(service(R"("organizations": [{"roleType": "Owner"}])"));
    CHECK(bad_role.at(0).error().message == "/organizations/0/roleType: unknown value 'Owner'");
    auto bad_list = parse_json(service(R"("languages": "fi")"));
    CHECK(bad_list.at(0).error().message == "/languages: expected an array, found a string");
    auto bad_status = parse_json(service(R"("publishingStatus": "Hidden")"));
    CHECK(bad_status.at(0).error().message == "/publishingStatus: unknown value 'Hidden'");
  }
}

TEST_CASE("parse::ptv reports malformed JSON with line and column") {
  std::string good = service();
  SUBCASE("inside one service: the services before and after it still parse") {
    std::string json = "[\n" + good + ",\n{\"id\": \"x\",, \"a\": 1},\n" + good + "\n]";
    auto results = parse_json(json);
    REQUIRE(results.size() == 3);
    CHECK(results[0].has_value());
    REQUIRE_FALSE(results[1].has_value());
    CHECK(results[1].error().message.starts_with("/1: malformed JSON: "));
    CHECK(results[1].error().line == 3);
    CHECK(results[1].error().column == 12); // the second comma
    CHECK(results[2].has_value());
  }
  SUBCASE("an input that ends inside a service") {
    auto results = parse_json("[\n" + good + ",\n{\"id\": \"x\", \"serviceNames\": [");
    REQUIRE(results.size() == 2);
    CHECK(results[0].has_value());
    REQUIRE_FALSE(results[1].has_value());
    CHECK(results[1].error().message.find("malformed JSON") != std::string::npos);
    CHECK(results[1].error().line == 3);
  }
  SUBCASE("nesting that would overflow the parser's stack, in a service and after the last one") {
    // Found by fuzzing (tests/fuzz/regressions/ptv_json/).
    std::string deep(100000, '[');
    auto inside = parse_json("[\n" + good + ",\n{\"x\": " + deep + std::string(100000, ']') + "}\n]");
    REQUIRE(inside.size() == 2);
    CHECK(inside[0].has_value());
    REQUIRE_FALSE(inside[1].has_value());
    CHECK(inside[1].error().message == "/1: malformed JSON: nested deeper than 100 arrays and objects");
    CHECK(inside[1].error().line == 3);
    auto unclosed = parse_json("[\n" + good + ",\n" + deep);
    REQUIRE(unclosed.size() == 2);
    REQUIRE_FALSE(unclosed[1].has_value());
    CHECK(unclosed[1].error().message.find("nested deeper than 100") != std::string::npos);
  }
  SUBCASE("NDJSON: a broken line is not blamed for a deep one further on") {
    // The depth check of the broken line looked at the rest of the input, named the deep line's
    // offset, and the reader resumed after it: the good line between them was lost.
    std::string deep = "{\"x\": " + std::string(200, '[') + std::string(200, ']') + "}";
    auto results = parse_json("{\"id\": \"x\",, \"a\": 1}\n" + good + "\n" + deep + "\n");
    REQUIRE(results.size() == 3);
    REQUIRE_FALSE(results[0].has_value());
    CHECK(results[0].error().line == 1);
    CHECK(results[0].error().message.find("nested deeper") == std::string::npos);
    CHECK(results[1].has_value());
    REQUIRE_FALSE(results[2].has_value());
    CHECK(results[2].error().line == 3);
    CHECK(results[2].error().message.find("nested deeper than 100") != std::string::npos);
  }
  SUBCASE("a UTF-8 lead byte at the very end (RapidJSON read past the buffer for its tail)") {
    // Found by fuzzing (tests/fuzz/regressions/ptv_json/overread-utf8-lead-byte-at-end).
    auto results = parse_json("\"q" + std::string(60, 'W') + "\xF3m");
    REQUIRE(results.size() == 1);
    REQUIRE_FALSE(results[0].has_value());
    CHECK(results[0].error().line == 1);
  }
  SUBCASE("invalid UTF-8") {
    auto results = parse_json(service("", "0d682da6-7a47-4efe-9d1a-3c2f5e8b6a40").insert(60, "\xFF"));
    REQUIRE(results.size() == 1);
    CHECK_FALSE(results[0].has_value());
  }
}

TEST_CASE("parse::ptv names each service by its API URL when the input came from the API") {
  svcdesc::parse::Options options;
  options.source_url = "https://api.palvelutietovaranto.suomi.fi/api/v11/Service?page=2";
  std::vector<Result<Record>> out;
  svcdesc::parse::parse_input("", service(), options,
                              [&](Result<Record> r) { out.push_back(std::move(r)); });
  REQUIRE(out.size() == 1);
  REQUIRE(out[0].has_value());
  CHECK(out[0]->source.url == "https://api.palvelutietovaranto.suomi.fi/api/v11/Service/"
                              "0d682da6-7a47-4efe-9d1a-3c2f5e8b6a40");
  CHECK(out[0]->id == "0d682da6-7a47-4efe-9d1a-3c2f5e8b6a40");
  CHECK_FALSE(out[0]->source.file);
  options.source_url = "https://example.org/export.json";
  out.clear();
  svcdesc::parse::parse_input("", service(), options,
                              [&](Result<Record> r) { out.push_back(std::move(r)); });
  CHECK(out.at(0)->source.url == "https://example.org/export.json");
}

TEST_CASE("parse::ptv keeps archived services as withdrawn and warns about drafts") {
  auto records = records_of(
      parse_json(svcdesc::test::read_source_file("samples/ptv-envelope-nationwide-archived.json")));
  REQUIRE(records.size() == 3); // fi and sv of the first service, fi of the archived one
  CHECK(records[0].source.status == "parsed");
  CHECK(records[0].area.type == "nationwide");
  CHECK(records[0].cost.type == "free");
  CHECK(records[0].cost.evidence == "Maksuton"); // the code list's label, for lack of more
  CHECK(records[1].cost.evidence == "Avgiftsfri");
  CHECK(records[2].source.status == "withdrawn");
  CHECK(records[2].source.status_reason == "PTV publishingStatus Archived");

  Record draft = records_of(parse_json(service(R"("publishingStatus": "Draft")"))).at(0);
  CHECK(draft.source.status == "parsed");
  CHECK(has_warning(draft, "ptv-not-published"));
}

TEST_CASE("parse::ptv checks area codes against the reference data") {
  std::string json = service(R"("areaType": "LimitedType", "areas": [
      {"type": "Municipality", "code": "999", "name": [{"language": "fi", "value": "Atlantis"}]},
      {"type": "Municipality", "code": "909", "name": [{"language": "fi", "value": "Valkeala"}]},
      {"type": "Region", "code": "1", "name": [{"language": "fi", "value": "Uusimaa"}]},
      {"type": "WellbeingServiceCounty", "code": "13"},
      {"type": "HospitalDistrict", "code": "20", "name": [{"language": "fi", "value": "Jokin piiri"}]},
      {"type": "BusinessSubRegion", "code": "113", "municipalities": [{"code": "297"}, {"code": "749"}]}])");
  Record r = records_of(parse_json(json)).at(0);
  CHECK(r.area.type == "limited");
  CHECK(r.area.unmatched == std::vector<std::string>{"Atlantis", "Jokin piiri"});
  REQUIRE(r.area.regions.size() == 1);
  CHECK(r.area.regions[0].code == "01");
  REQUIRE(r.area.wellbeing_services_counties.size() == 1);
  CHECK(r.area.wellbeing_services_counties[0].code == "13");
  std::vector<std::string> codes;
  for (const auto& m : r.area.municipalities)
    codes.push_back(m.code);
  CHECK(codes == std::vector<std::string>{"286", "297", "749"}); // Valkeala is Kouvola now
  CHECK(has_warning(r, "area-code-unknown"));
  CHECK(has_warning(r, "area-former-municipality"));
}

TEST_CASE("parse::ptv dates, cost of type Other and organisation roles") {
  SUBCASE("modified with an offset is a UTC date") {
    CHECK(records_of(parse_json(service(R"("modified": "2025-02-10T01:30:00+02:00")"))).at(0).updated ==
          "2025-02-09");
    CHECK(records_of(parse_json(service(R"("modified": "2025-02-10T23:30:00-02:00")"))).at(0).updated ==
          "2025-02-11");
    Record bad = records_of(parse_json(service(R"("modified": "yesterday")"))).at(0);
    CHECK_FALSE(bad.updated);
    CHECK(has_warning(bad, "date-unparsed"));
  }
  SUBCASE("Other: the additional information decides") {
    Record r = records_of(parse_json(service(R"("serviceChargeType": "Other",
      "serviceDescriptions": [{"type": "ChargeTypeAdditionalInfo", "language": "fi",
        "value": "Käynti on maksuton. Todistuksesta peritään 30 euron maksu."}])"))).at(0);
    CHECK(r.cost.type == "mixed");
    CHECK(rule_of(r, "cost") == "ptv:/serviceDescriptions[ChargeTypeAdditionalInfo,fi]");
    Record none = records_of(parse_json(service(R"("serviceChargeType": "Other")"))).at(0);
    CHECK(none.cost.type == "unknown");
    CHECK_FALSE(none.cost.evidence);
  }
  SUBCASE("all three roles and mainOrganization") {
    auto records = records_of(
        parse_json(svcdesc::test::read_source_file("samples/ptv-array-limited-roles.json")));
    REQUIRE(records.size() == 1);
    const auto& org = *records[0].organisation;
    CHECK(org.name == "Pohjois-Savon hyvinvointialue");
    CHECK(org.kind == "wellbeing_services_county");
    REQUIRE(org.other_responsible.size() == 1);
    CHECK(org.other_responsible[0].name == "Kuopion kaupunki");
    REQUIRE(org.producers.size() == 2);
    CHECK(org.producers[1].name == "Yksityiset palveluntuottajat palvelusetelillä");
    CHECK(rule_of(records[0], "organisation") == "ptv:/mainOrganization");
  }
  SUBCASE("no responsible organisation") {
    Record r = records_of(parse_json(service())).at(0);
    CHECK_FALSE(r.organisation);
    CHECK(has_warning(r, "organisation-missing"));
  }
}

TEST_CASE("parse::ptv and the text rendering of the same service agree") {
  const std::string text_bytes = svcdesc::test::read_source_file("samples/suomifi-fi-perhetyo.txt");
  auto from_text = svcdesc::parse::parse_page("samples/suomifi-fi-perhetyo.txt", text_bytes);
  REQUIRE(from_text.has_value());
  auto from_json = records_of(parse_json(svcdesc::test::read_source_file("samples/ptv-fi-perhetyo.json")));
  REQUIRE(from_json.size() == 1);
  const Record& t = *from_text;
  const Record& j = from_json[0];
  CHECK(j.lang == t.lang);
  CHECK(j.kind == t.kind);
  CHECK(j.title == t.title);
  CHECK(j.service_type == t.service_type);
  CHECK(j.funding == t.funding);
  REQUIRE(j.organisation);
  REQUIRE(t.organisation);
  CHECK(j.organisation->name == t.organisation->name);
  CHECK(j.organisation->kind == t.organisation->kind);
  CHECK(j.organisation->producers == t.organisation->producers);
  CHECK(j.organisation->other_responsible == t.organisation->other_responsible);
  CHECK(j.area.type == t.area.type);
  CHECK(j.area.municipalities == t.area.municipalities);
  CHECK(j.languages == t.languages);
  CHECK(j.cost.type == t.cost.type);
  CHECK(j.cost.evidence == t.cost.evidence);
  CHECK(j.updated == t.updated);
  const auto* td = section(t, "description");
  REQUIRE(td);
  auto jd = std::find_if(j.sections.begin(), j.sections.end(), [](const auto& s) {
    return s.kind == "description" && s.heading.empty();
  });
  REQUIRE(jd != j.sections.end());
  CHECK(jd->text == td->text);
  REQUIRE(section(j, "conditions"));
  CHECK(section(j, "conditions")->text == section(t, "conditions")->text);
}
