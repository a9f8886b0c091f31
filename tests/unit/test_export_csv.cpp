// CSV and TSV export: RFC 4180 quoting, TSV escapes, --excel-safe, --bom, --fields, and the
// reader that export uses (same records and errors as record::from_json).
#include "helpers.hpp"

#include <svcdesc/export/export.hpp>
#include <svcdesc/record/record.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace svcdesc;

namespace {

record::Record sample() {
  record::Record r;
  r.id = "00000000-0000-5000-8000-000000000001";
  r.lang = "fi";
  r.kind = "service";
  r.title = "Perhetyö, \"uusi\"";
  r.organisation = record::Organisation{};
  r.organisation->name = "=Kuopio";
  r.area.type = "limited";
  r.area.municipalities = {{"297", "Kuopio"}, {"049", "Espoo"}};
  r.languages = {"fi", "sv"};
  r.cost.evidence = "rivi 1\nrivi 2\tsarake";
  r.source.sha256 = std::string(64, '0');
  r.source.profile = "suomifi";
  return r;
}

std::string run(const exporting::Options& options, const record::Record& r) {
  std::string out;
  auto writer = exporting::Writer::create(options, [&](std::string_view s) { out += s; });
  REQUIRE(writer.has_value());
  writer->write(r);
  writer->finish();
  return out;
}

} // namespace

TEST_CASE("exporting::Writer csv") {
  exporting::Options o;
  o.format = exporting::Format::csv;
  o.fields = {"title", "organisation.name", "area.municipalities", "area.municipalities.name",
              "languages", "cost.evidence", "updated"};
  SUBCASE("RFC 4180 quoting and CRLF") {
    CHECK(run(o, sample()) ==
          "title,organisation.name,area.municipalities,area.municipalities.name,languages,"
          "cost.evidence,updated\r\n"
          "\"Perhetyö, \"\"uusi\"\"\",=Kuopio,297;049,Kuopio;Espoo,fi;sv,\"rivi 1\nrivi 2\tsarake\","
          "\r\n");
  }
  SUBCASE("LF, excel-safe and BOM") {
    o.line_end = exporting::LineEnd::lf;
    o.excel_safe = exporting::ExcelSafe::yes;
    o.bom = exporting::Bom::yes;
    std::string out = run(o, sample());
    CHECK(out.starts_with("\xEF\xBB\xBFtitle,"));
    CHECK(out.find(",'=Kuopio,") != std::string::npos);
    CHECK(out.find("\r\n") == std::string::npos);
  }
  SUBCASE("default columns") {
    o.fields.clear();
    std::string out = run(o, sample());
    CHECK(out.starts_with("id,lang,kind,title,organisation.name,area.type,area.municipalities,"
                          "languages,cost.type,cost.evidence,updated,source.url,source.file\r\n"));
  }
  SUBCASE("no records: the header alone") {
    std::string out;
    auto writer = exporting::Writer::create(o, [&](std::string_view s) { out += s; });
    REQUIRE(writer.has_value());
    writer->finish();
    CHECK(out.starts_with("title,"));
    CHECK(out.find("\r\n") == out.size() - 2);
  }
  SUBCASE("unknown fields are refused") {
    o.fields = {"title", "titel"};
    auto writer = exporting::Writer::create(o, [](std::string_view) {});
    REQUIRE_FALSE(writer.has_value());
    CHECK(writer.error().message.starts_with("unknown field 'titel'"));
  }
}

TEST_CASE("exporting::Writer tsv") {
  exporting::Options o;
  o.format = exporting::Format::tsv;
  o.fields = {"title", "cost.evidence"};
  record::Record r = sample();
  r.title = "a\\b";
  CHECK(run(o, r) == "title\tcost.evidence\na\\\\b\trivi 1\\nrivi 2\\tsarake\n");
}

TEST_CASE("exporting::RecordReader") {
  exporting::RecordReader reader;
  for (const char* name : {"samples/suomifi-sv-familjearbete.ndjson", "samples/stm-perhekeskukset.ndjson"}) {
    std::string text = test::read_source_file(name);
    text.pop_back(); // the newline
    auto expected = record::from_json(text);
    REQUIRE(expected.has_value());
    auto got = reader.read(text);
    REQUIRE(got.has_value());
    CHECK(*got == *expected);
  }
  SUBCASE("errors as from_json") {
    std::string bad = R"({"schema_version":1, oops})";
    auto expected = record::from_json(bad);
    auto got = reader.read(bad);
    REQUIRE_FALSE(got.has_value());
    CHECK(got.error().message == expected.error().message);
    CHECK(got.error().column == expected.error().column);
    std::string trailing = R"({"schema_version":1} x)";
    CHECK_FALSE(reader.read(trailing).has_value());
  }
}
