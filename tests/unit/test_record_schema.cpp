// schemas/record.schema.json is the contract for every record svcdesc writes. These tests check
// it from both sides: every expected record in samples/ and every record the parser makes now
// validates; hand-broken records do not; and valijson itself (the validator `validate` uses)
// agrees with the official JSON-Schema-Test-Suite on each keyword the schema relies on.

#include "helpers.hpp"

#include <svcdesc/parse/parse.hpp>
#include <svcdesc/record/record.hpp>

#include <doctest/doctest.h>

// RapidJSON and valijson's adapter come in the way the library includes them, so that both agree
// on RAPIDJSON_ASSERT (see the header).
#include "../../lib/src/record/rapidjson.hpp"
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;
using svcdesc::test::read_source_file;
using svcdesc::test::source_path;

namespace {

rapidjson::Document parse_json(std::string_view text, const std::string& what) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  if (doc.HasParseError())
    throw std::runtime_error(what + ": not JSON (offset " + std::to_string(doc.GetErrorOffset()) +
                             ")");
  return doc;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot open " + path.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The files of `dir` whose names end in `extension`, sorted so failures come in a stable order.
std::vector<fs::path> files_in(const fs::path& dir, std::string_view extension) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == extension)
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// The schema, parsed once. Building it throws if valijson cannot read the schema (a bad regex,
// an unresolvable $ref), which fails every test here with that message.
const valijson::Schema& record_schema() {
  static const std::unique_ptr<valijson::Schema> schema = [] {
    rapidjson::Document doc =
        parse_json(read_source_file("schemas/record.schema.json"), "schemas/record.schema.json");
    auto s = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::RapidJsonAdapter(doc), *s);
    return s;
  }();
  return *schema;
}

// Validates `value` against `schema` and returns valijson's findings, one per line as
// "<root>.[area].[type]: description"; empty when the value is valid. An exception from valijson
// is a finding too, so a schema that makes the validator throw fails instead of aborting the run.
std::string schema_errors(const valijson::Schema& schema, const rapidjson::Value& value) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  bool ok = false;
  try {
    ok = validator.validate(schema, valijson::adapters::RapidJsonAdapter(value), &results);
  } catch (const std::exception& e) {
    return std::string("valijson threw: ") + e.what();
  }
  if (ok)
    return {};
  std::string out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const std::string& part : error.context)
      path += (path.empty() ? "" : ".") + part;
    out += path + ": " + error.description + "\n";
  }
  return out.empty() ? "invalid (valijson gave no reason)\n" : out;
}

std::string record_errors(const rapidjson::Value& value) {
  return schema_errors(record_schema(), value);
}

struct ParsedSample {
  std::string name; // "samples/x.txt"
  svcdesc::record::Record record;
};

std::vector<ParsedSample> parse_samples() {
  std::vector<ParsedSample> out;
  for (const fs::path& path : files_in(source_path("samples"), ".txt")) {
    std::string name = "samples/" + path.filename().string();
    auto parsed = svcdesc::parse::parse_page(name, read_file(path));
    if (!parsed.has_value())
      throw std::runtime_error(name + ": parse_page failed: " + parsed.error().message);
    out.push_back({name, std::move(*parsed)});
  }
  return out;
}

} // namespace

TEST_CASE("record schema: every line of samples/*.ndjson validates") {
  int checked = 0;
  for (const fs::path& path : files_in(source_path("samples"), ".ndjson")) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path.string());
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      const std::string where =
          "samples/" + path.filename().string() + ":" + std::to_string(number);
      rapidjson::Document doc;
      doc.Parse(line.data(), line.size());
      REQUIRE_MESSAGE(!doc.HasParseError(), where << ": not JSON");
      const std::string errors = record_errors(doc);
      CHECK_MESSAGE(errors.empty(), where << ":\n" << errors);
      ++checked;
    }
  }
  // Seven samples ship with one record each; fewer means the directory walk found nothing.
  CHECK(checked >= 7);
}

TEST_CASE("record schema: records the parser makes validate") {
  const std::vector<ParsedSample> samples = parse_samples();
  REQUIRE(samples.size() >= 7);
  for (const ParsedSample& s : samples) {
    INFO(s.name);
    const std::string json = svcdesc::record::to_json(s.record);
    const rapidjson::Document doc = parse_json(json, s.name);
    const std::string errors = record_errors(doc);
    CHECK_MESSAGE(errors.empty(), s.name << ":\n" << errors);
  }
}

TEST_CASE("record schema: a record with every optional field validates") {
  // No sample has a URL, contacts, regions or a PTV organisation; build one that has them all.
  namespace rec = svcdesc::record;
  rec::Record r;
  r.id = "5f1d2c3b-0a9e-4d8c-8b7a-6f5e4d3c2b1a";
  r.lang = "und";
  r.kind = "regional";
  r.title = "Perhetyö";
  r.service_type = "permit_or_obligation";
  r.funding = "private";
  r.organisation = rec::Organisation{"Kymenlaakson hyvinvointialue",
                                     "0e5ad1c7-47a5-4b5e-9a56-1b04a1ac2f3e",
                                     "3221339-0",
                                     "wellbeing_services_county",
                                     {{"Kymsote", "0826754-8"}},
                                     {{"Kouvolan kaupunki", std::nullopt}},
                                     "etunimi.sukunimi@kymenhva.fi",
                                     rec::Successor{"Kymenlaakson hyvinvointialue", "10", "2023-01-01"}};
  r.area.type = "limited";
  r.area.municipalities = {{"286", "Kouvola"}, {"075", "Hamina"}};
  r.area.regions = {{"08", "Kymenlaakso"}};
  r.area.wellbeing_services_counties = {{"10", "Kymenlaakson hyvinvointialue"}};
  r.area.unmatched = {"Valkeala"};
  r.area.mentioned = {{"075", "Hamina"}};
  r.area.stated_count = 2;
  r.languages = {"fi", "sv", "en", "se", "smn", "sms", "sgn-fi"};
  r.cost = {"charged", "Palvelu on maksullinen."};
  r.updated = "2024-02-29";
  r.dates = {{"published", "2020-02-06"}, {"modified", "2024-02-29"}, {"updated", "2023-01-01"}};
  r.sections = {{"basic_info", "Perustiedot", "Alue: Kymenlaakso"}, {"cost", "", "12 €"}};
  r.contacts = {
      {"Julia Ekola", "Perhekeskuskoordinaattori", "+358405499734", std::nullopt,
       "julia.ekola@example.fi"},
      {std::nullopt, std::nullopt, "+358295163331", std::nullopt, std::nullopt},
      {"Marjo Malja", std::nullopt, std::nullopt, "0295 163 xxx", std::nullopt}};
  r.source.url = "https://www.suomi.fi/palvelut/perhetyo/5f1d2c3b-0a9e-4d8c-8b7a-6f5e4d3c2b1a";
  r.source.sha256 = std::string(64, 'a');
  r.source.profile = "ptv-json";
  r.source.fetched_at = "2024-03-01T02:03:04Z";
  r.source.http_last_modified = "Thu, 29 Feb 2024 10:00:00 GMT";
  r.source.etag = "\"abc123\"";
  r.source.status = "fetched";
  r.provenance = {{"area.regions", "ptv.area", 0}, {"title", "ptv.name", 12}};
  r.warnings = {{"area-former-municipality", "Valkeala merged into Kouvola in 2009", 3},
                {"lang-unknown", "the language of the page could not be determined", 0}};

  const std::string json = rec::to_json(r);
  const rapidjson::Document doc = parse_json(json, "built record");
  const std::string errors = record_errors(doc);
  CHECK_MESSAGE(errors.empty(), json << "\n" << errors);
  auto back = rec::from_json(json);
  REQUIRE(back.has_value());
  CHECK(*back == r);
}

TEST_CASE("record schema: from_json(to_json(r)) == r for parsed samples") {
  const std::vector<ParsedSample> samples = parse_samples();
  REQUIRE(samples.size() >= 7);
  for (const ParsedSample& s : samples) {
    INFO(s.name);
    const std::string json = svcdesc::record::to_json(s.record);
    auto back = svcdesc::record::from_json(json);
    REQUIRE_MESSAGE(back.has_value(), s.name << ": " << back.error().message);
    CHECK(*back == s.record);
    CHECK(svcdesc::record::to_json(*back) == json);
  }
}

TEST_CASE("record schema: broken records are rejected") {
  // A valid record with municipalities, stated_count and an organisation to break.
  std::string line = read_source_file("samples/suomifi-fi-vertaistukitoiminta.ndjson");
  line.erase(line.find_last_not_of('\n') + 1);
  rapidjson::Document doc = parse_json(line, "suomifi-fi-vertaistukitoiminta.ndjson");
  REQUIRE(record_errors(doc).empty());
  auto& alloc = doc.GetAllocator();
  auto set_string = [&](rapidjson::Value& v, const char* s) { v.SetString(s, alloc); };

  // What the findings must mention, so a record rejected for another reason does not pass.
  std::string expect;

  SUBCASE("missing id") {
    doc.RemoveMember("id");
    expect = "<root>: Missing required property 'id'";
  }
  SUBCASE("area.type outside the enum") {
    set_string(doc["area"]["type"], "partial");
    expect = "<root>.[area].[type]:";
  }
  SUBCASE("municipality code of two digits") {
    set_string(doc["area"]["municipalities"][0]["code"], "49");
    expect = "<root>.[area].[municipalities].[0].[code]:";
  }
  SUBCASE("unknown top-level field") {
    doc.AddMember("colour", "blue", alloc);
    expect = "colour";
  }
  SUBCASE("unknown field in a nested object") {
    rapidjson::Value& source = doc["source"];
    source.AddMember("sha265", rapidjson::Value(source["sha256"], alloc), alloc);
    expect = "sha265";
  }
  SUBCASE("updated in Finnish form") {
    set_string(doc["dates"]["updated"], "6.2.2020");
    expect = "<root>.[dates].[updated]: Failed to match regex"; // the pattern, not only format
  }
  SUBCASE("top-level updated in Finnish form") {
    set_string(doc["updated"], "6.2.2020");
    expect = "<root>.[updated]: Failed to match regex";
  }
  SUBCASE("updated as an object (valijson must report, not throw)") {
    rapidjson::Value obj(rapidjson::kObjectType);
    obj.AddMember("day", 6, alloc);
    doc["updated"] = obj;
    expect = "<root>.[updated]:";
  }
  SUBCASE("unknown date kind") {
    doc["dates"].AddMember("created", "2020-02-06", alloc);
    expect = "created";
  }
  SUBCASE("phone number not in E.164") {
    rapidjson::Value contact(rapidjson::kObjectType);
    contact.AddMember("name", "Marjaana Pelkonen", alloc);
    contact.AddMember("phone", "0295 163 331", alloc);
    doc["contacts"].PushBack(contact, alloc);
    expect = "<root>.[contacts].[0].[phone]:";
  }
  SUBCASE("cost.type outside the enum") {
    set_string(doc["cost"]["type"], "expensive");
    expect = "<root>.[cost].[type]:";
  }
  SUBCASE("schema_version 2") {
    doc["schema_version"].SetInt(2);
    expect = "<root>.[schema_version]:";
  }
  SUBCASE("warning code not kebab-case") {
    rapidjson::Value warning(rapidjson::kObjectType);
    warning.AddMember("code", "Dates_Disagree", alloc);
    warning.AddMember("message", "x", alloc);
    doc["warnings"].PushBack(warning, alloc);
    expect = "<root>.[warnings].[" + std::to_string(doc["warnings"].Size() - 1) + "].[code]:";
  }
  SUBCASE("provenance line negative") {
    doc["provenance"]["title"]["line"].SetInt(-1);
    expect = "<root>.[provenance].[title].[line]:";
  }

  REQUIRE_FALSE(expect.empty());
  const std::string errors = record_errors(doc);
  INFO(errors);
  CHECK_FALSE(errors.empty());
  CHECK(errors.find("valijson threw") == std::string::npos);
  CHECK(errors.find(expect) != std::string::npos);
}

// The keywords schemas/record.schema.json uses, checked against the JSON-Schema-Test-Suite
// (Debian package json-schema-test-suite) so a valijson that gets one wrong is caught here
// rather than by a record slipping through `validate`. Skipped: test groups whose schema needs
// a remote document (refRemote.json is left out entirely; in ref.json and definitions.json the
// groups that $ref the draft-07 meta-schema at json-schema.org or a localhost:1234 URL), since
// the tests must not use the network. format.json (under optional/) is left out: valijson 1.0
// checks only date, time and date-time, which is why the schema backs every format with a pattern.
TEST_CASE("record schema: valijson passes the draft-07 test suite for the keywords used") {
  const fs::path suite = "/usr/share/json-schema-test-suite/tests/draft7";
  REQUIRE_MESSAGE(fs::is_directory(suite), "install the Debian package json-schema-test-suite");
  const std::vector<std::string> keywords = {
      "type.json",  "required.json",     "enum.json",
      "const.json", "pattern.json",      "properties.json",
      "items.json", "minimum.json",      "minLength.json",
      "ref.json",   "definitions.json",  "oneOf.json",
      "allOf.json", "if-then-else.json", "additionalProperties.json",
  };
  int ran = 0;
  std::vector<std::string> skipped;
  for (const std::string& file : keywords) {
    const fs::path path = suite / file;
    REQUIRE_MESSAGE(fs::exists(path), path.string());
    const rapidjson::Document groups = parse_json(read_file(path), path.string());
    REQUIRE(groups.IsArray());
    for (const rapidjson::Value& group : groups.GetArray()) {
      const std::string group_name = group["description"].GetString();
      INFO(file << ": " << group_name);

      // Any attempt to fetch a document marks the group as needing a remote ref.
      bool wanted_remote = false;
      using Fetch = valijson::SchemaParser::FunctionPtrs<valijson::adapters::RapidJsonAdapter>;
      Fetch::FetchDoc fetch = [&](const std::string&) -> const rapidjson::Document* {
        wanted_remote = true;
        return nullptr;
      };
      Fetch::FreeDoc free_doc = [](const rapidjson::Document*) {};
      valijson::Schema schema;
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      try {
        parser.populateSchema(valijson::adapters::RapidJsonAdapter(group["schema"]), schema, fetch,
                              free_doc);
      } catch (const std::exception& e) {
        if (wanted_remote) {
          skipped.push_back(file + ": " + group_name);
          continue;
        }
        FAIL_CHECK("valijson cannot read the schema: " << e.what());
        continue;
      }
      for (const rapidjson::Value& test : group["tests"].GetArray()) {
        INFO(test["description"].GetString());
        const bool expected = test["valid"].GetBool();
        const std::string errors = schema_errors(schema, test["data"]);
        CHECK_MESSAGE(errors.find("valijson threw") == std::string::npos, errors);
        CHECK_MESSAGE(errors.empty() == expected, (expected ? "should be valid:\n" + errors
                                                            : std::string("should be invalid")));
        ++ran;
      }
    }
  }
  std::string skipped_list;
  for (const std::string& s : skipped)
    skipped_list += "\n  " + s;
  MESSAGE(ran << " suite tests ran; skipped for remote refs:" << skipped_list);
  CHECK(ran >= 200);
}
