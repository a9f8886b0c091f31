// The open-standard exports on every record of samples/: HSDS 3.0 validated with valijson against
// the official compiled HSDS 3.0 service schema in schemas/hsds/ (see its README; valijson does
// not check formats, tests/cli/hsds_schema_check.py does), ids stable from run to run, and the
// JSON-LD documents of CPSV-AP and schema.org well-formed with the properties the issue names.
#include "helpers.hpp"

#include <svcdesc/export/export.hpp>
#include <svcdesc/record/record.hpp>

#include <doctest/doctest.h>

// valijson's RapidJSON adapter must come before any RapidJSON header.
#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <rapidjson/document.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace svcdesc;
namespace fs = std::filesystem;

namespace {

// One HSDS service object; the export is an array of them.
constexpr const char* k_hsds_schema = "schemas/hsds/service_with_definitions.json";

std::vector<record::Record> samples() {
  std::vector<record::Record> out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(test::source_path("samples")))
    if (e.path().extension() == ".ndjson")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::string text = test::read_source_file("samples/" + p.filename().string());
    auto r = record::from_json(text.substr(0, text.find('\n')));
    REQUIRE(r.has_value());
    out.push_back(*r);
  }
  REQUIRE(out.size() >= 7);
  return out;
}

std::string export_all(exporting::Format format, const std::vector<record::Record>& records) {
  exporting::Options o;
  o.format = format;
  std::string out;
  auto writer = exporting::Writer::create(o, [&](std::string_view s) { out += s; });
  REQUIRE(writer.has_value());
  for (const record::Record& r : records)
    writer->write(r);
  writer->finish();
  return out;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

} // namespace

TEST_CASE("exporting hsds") {
  std::vector<record::Record> records = samples();
  std::string out = export_all(exporting::Format::hsds, records);
  rapidjson::Document doc = parse(out);
  REQUIRE(doc.IsArray());
  CHECK(doc.Size() == records.size());

  rapidjson::Document schema_doc = parse(test::read_source_file(k_hsds_schema));
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.populateSchema(valijson::adapters::RapidJsonAdapter(schema_doc), schema);
  valijson::Validator validator;
  for (const rapidjson::Value& service : doc.GetArray()) {
    valijson::ValidationResults results;
    bool valid =
        validator.validate(schema, valijson::adapters::RapidJsonAdapter(service), &results);
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      std::string where;
      for (const std::string& c : error.context)
        where += c;
      MESSAGE(service["id"].GetString() << " " << where << ": " << error.description);
    }
    CHECK(valid);
  }

  SUBCASE("a broken service is caught by the schema") {
    rapidjson::Value& first = doc[0];
    first["status"].SetString("open");
    valijson::ValidationResults ignored;
    CHECK_FALSE(validator.validate(schema, valijson::adapters::RapidJsonAdapter(first), &ignored));
  }
  SUBCASE("a contact phone without a number is caught by the schema") {
    for (rapidjson::Value& service : doc.GetArray())
      for (rapidjson::Value& contact : service["contacts"].GetArray())
        for (rapidjson::Value& phone : contact["phones"].GetArray()) {
          phone.RemoveMember("number");
          valijson::ValidationResults ignored;
          CHECK_FALSE(
              validator.validate(schema, valijson::adapters::RapidJsonAdapter(service), &ignored));
          return;
        }
    FAIL("no sample has a contact with a phone");
  }
  SUBCASE("ids are the same in every run") {
    CHECK(export_all(exporting::Format::hsds, records) == out);
    // The organisation id is derived from its name, so two records of one organisation share it.
    std::vector<record::Record> twice{records.back(), records.back()};
    twice[1].id = "00000000-0000-5000-8000-000000000002";
    rapidjson::Document d = parse(export_all(exporting::Format::hsds, twice));
    CHECK(std::string(d[0]["organization"]["id"].GetString()) ==
          d[1]["organization"]["id"].GetString());
    CHECK(std::string(d[0]["service_areas"][0]["id"].GetString()) !=
          d[1]["service_areas"][0]["id"].GetString());
  }
}

TEST_CASE("exporting cpsv-ap and schema.org") {
  std::vector<record::Record> records = samples();
  SUBCASE("cpsv-ap") {
    rapidjson::Document doc = parse(export_all(exporting::Format::cpsv, records));
    REQUIRE(doc["@graph"].IsArray());
    CHECK(doc["@context"]["cpsv"] == "http://purl.org/vocab/cpsv#");
    for (const rapidjson::Value& s : doc["@graph"].GetArray()) {
      CHECK(s["@type"] == "cpsv:PublicService");
      CHECK(s.HasMember("dct:identifier"));
      CHECK(s["dct:title"].HasMember("@language"));
      CHECK(s["dct:spatial"].IsArray());
      CHECK(s["dct:language"].IsArray());
      if (s.HasMember("cv:hasCompetentAuthority"))
        CHECK(s["cv:hasCompetentAuthority"]["@type"] == "cv:PublicOrganisation");
    }
  }
  SUBCASE("schema.org") {
    rapidjson::Document doc = parse(export_all(exporting::Format::schemaorg, records));
    CHECK(doc["@context"] == "https://schema.org");
    for (const rapidjson::Value& page : doc["@graph"].GetArray()) {
      CHECK(page["@type"] == "WebPage");
      const rapidjson::Value& s = page["mainEntity"];
      CHECK(s["@type"] == "GovernmentService");
      CHECK(s["availableChannel"]["availableLanguage"].IsArray());
    }
  }
  SUBCASE("no records: still a valid document") {
    for (auto f : {exporting::Format::cpsv, exporting::Format::schemaorg, exporting::Format::hsds,
                   exporting::Format::json})
      parse(export_all(f, {}));
  }
}
