// The generic profile end to end, through parse::parse_page: the three real pages that are not
// suomi.fi service pages, and pages built from their phrases.
#include <svcdesc/parse/parse.hpp>

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using svcdesc::parse::parse_page;
using svcdesc::record::Record;

namespace {

using Dates = std::vector<std::pair<std::string, std::string>>;

Record parse_sample(const std::string& name) {
  std::string path = "samples/" + name + ".txt";
  auto r = parse_page(path, svcdesc::test::read_source_file(path));
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  return std::move(r).value();
}

Record parse_text(const std::string& text) {
  auto r = parse_page("page.txt", text);
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  return std::move(r).value();
}

std::vector<std::string> warning_codes(const Record& r) {
  std::vector<std::string> out;
  for (const auto& w : r.warnings)
    out.push_back(w.code);
  return out;
}

int provenance_line(const Record& r, const std::string& field) {
  for (const auto& p : r.provenance)
    if (p.field == field)
      return p.line;
  return -1;
}

} // namespace

TEST_CASE("parse::parse_page stm-perhekeskukset (real)") {
  Record r = parse_sample("stm-perhekeskukset");
  CHECK(r.source.profile == "generic");
  CHECK(r.title == "Perhekeskukset kokoavat palvelut yhteen");
  CHECK(r.lang == "fi");
  CHECK(r.kind == "other");
  CHECK_FALSE(r.organisation.has_value());
  CHECK(r.area.type == "unknown");
  CHECK_FALSE(r.updated.has_value());
  CHECK(r.dates.empty());
  REQUIRE(r.sections.size() == 1);
  CHECK(r.sections[0].kind == "body");
  CHECK(r.sections[0].text.starts_with("Perhekeskukset verkostoivat lapsiperheiden palvelut"));
  // List items keep a bullet in the text.
  CHECK(r.sections[0].text.find("• varhaiskasvatuksen,") != std::string::npos);
  CHECK(warning_codes(r) == std::vector<std::string>{"profile-generic"});
}

TEST_CASE("parse::parse_page kymsote-tiedote-perhekeskus (real)") {
  Record r = parse_sample("kymsote-tiedote-perhekeskus");
  CHECK(r.source.profile == "generic");
  CHECK(r.kind == "news");
  CHECK(r.title == "Perhekeskus kokoaa lapsiperheiden palvelut yhteen myös verkossa");
  CHECK(provenance_line(r, "title") == 3);
  CHECK(r.lang == "fi");
  REQUIRE(r.sections.size() == 1);
  // "Tiedote" under the title is chrome, not text.
  CHECK(r.sections[0].text.starts_with("Perhekeskus kokoaa sateenvarjonsa alle"));
  // "hanketta 2020-2022" is a range, not a date.
  CHECK(r.dates.empty());
  CHECK_FALSE(r.updated.has_value());
  // A quotation opened with a dash at the margin is text, not a list item.
  CHECK(r.sections[0].text.find("\n\n– Perhekeskus tarjoaa meille") != std::string::npos);
  CHECK(r.cost.type == "unknown");
  CHECK(warning_codes(r) == std::vector<std::string>{"profile-generic"});
}

TEST_CASE("parse::parse_page kaksineuvoinen-perhekeskus-kaisla (real)") {
  Record r = parse_sample("kaksineuvoinen-perhekeskus-kaisla");
  CHECK(r.source.profile == "generic");
  CHECK(r.kind == "other");
  CHECK(r.title == "Perhekeskus Kaisla");
  CHECK(r.lang == "fi");
  // "Muokattu 2.2.2021/ Päivitetty 19.2.2019": both dates kept, the later one is `updated`.
  CHECK(r.dates == Dates{{"modified", "2021-02-02"}, {"updated", "2019-02-19"}});
  CHECK(r.updated == "2021-02-02");
  CHECK(provenance_line(r, "updated") == 37);
  CHECK(warning_codes(r) == std::vector<std::string>{"dates-disagree", "profile-generic"});
  // "v. 2016 – 2019" is not a date either.
  CHECK(r.dates.size() == 2);
}

TEST_CASE("parse::parse_page generic pages built from real phrases") {
  SUBCASE("a news label with its date sets the kind") {
    Record r = parse_text("Tiedote 15.03.2023\n\nPerhekeskus avataan Haminassa\n\nTeksti.");
    CHECK(r.kind == "news");
    CHECK(r.title == "Perhekeskus avataan Haminassa");
  }
  SUBCASE("chrome before the title is skipped") {
    Record r = parse_text("Siirry sisältöön\nAjankohtaista\n\nPerhekeskus Kaisla\n\nTeksti.");
    CHECK(r.title == "Perhekeskus Kaisla");
    CHECK(r.kind == "other");
  }
  SUBCASE("labelled dates") {
    Record r = parse_text("Perhekeskus Kaisla\n\nJulkaistu 6. helmikuuta 2020\n"
                          "Päivitetty 20.9.2018 9.13\n");
    CHECK(r.dates == Dates{{"published", "2020-02-06"}, {"updated", "2018-09-20"}});
    CHECK(r.updated == "2018-09-20");
  }
  SUBCASE("only a publication date") {
    Record r = parse_text("Perhekeskus Kaisla\n\nJulkaistu: 6.2.2020 klo 12.30\n");
    CHECK(r.dates == Dates{{"published", "2020-02-06"}});
    CHECK(r.updated == "2020-02-06");
  }
  SUBCASE("a law number after a label is not a date") {
    Record r = parse_text("Laki\n\nPäivitetty 734/1992 mukaisesti.\n");
    CHECK(r.dates.empty());
    CHECK_FALSE(r.updated.has_value());
  }
  SUBCASE("an English page") {
    Record r = parse_text("News\n\nFamily centres bring services together\n\nThe family centre is "
                          "open to all families with children and it is free of charge.\n\n"
                          "Published 13 April 2025\n");
    CHECK(r.kind == "news");
    CHECK(r.lang == "en");
    CHECK(r.dates == Dates{{"published", "2025-04-13"}});
    CHECK(r.cost.type == "free");
  }
  SUBCASE("too little text to tell the language") {
    Record r = parse_text("Perhekeskus\n");
    CHECK(r.lang == "und");
    std::vector<std::string> codes = warning_codes(r);
    CHECK(std::find(codes.begin(), codes.end(), "lang-unknown") != codes.end());
  }
}
