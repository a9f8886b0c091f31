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

// Seed 001: a topic page of the Ministry of Social Affairs and Health. No label names the ministry:
// the @stm.fi addresses do, and they are an address pattern, not a person's address.
TEST_CASE("parse::parse_page stm-perhekeskukset (real)") {
  Record r = parse_sample("stm-perhekeskukset");
  CHECK(r.source.profile == "ministry");
  CHECK(r.title == "Perhekeskukset kokoavat palvelut yhteen");
  CHECK(r.lang == "fi");
  CHECK(r.kind == "ministry");
  REQUIRE(r.organisation.has_value());
  CHECK(r.organisation->name == "Sosiaali- ja terveysministeriö");
  CHECK(r.organisation->kind == "ministry");
  CHECK(r.organisation->email_pattern == "etunimi.sukunimi@stm.fi");
  CHECK(provenance_line(r, "organisation") == 47);
  CHECK(r.area.type == "unknown");
  CHECK_FALSE(r.updated.has_value());
  CHECK(r.dates.empty());
  REQUIRE(r.contacts.size() == 2);
  CHECK(r.contacts[0].name == "Marjaana Pelkonen");
  CHECK(r.contacts[0].role == "Neuvotteleva virkamies");
  CHECK(r.contacts[0].phone == "+358295163331");
  CHECK_FALSE(r.contacts[0].email.has_value()); // the pattern is nobody's address
  CHECK(r.contacts[1].name == "Marjo Malja");
  CHECK_FALSE(r.contacts[1].phone.has_value()); // masked: never completed
  CHECK(r.contacts[1].phone_masked == "0295 163 xxx");
  REQUIRE(r.sections.size() == 1);
  CHECK(r.sections[0].kind == "body");
  CHECK(r.sections[0].text.starts_with("Perhekeskukset verkostoivat lapsiperheiden palvelut"));
  CHECK(r.sections[0].text.find("• varhaiskasvatuksen,") != std::string::npos);
  CHECK(warning_codes(r) == std::vector<std::string>{"phone-masked"});
}

// Seed 003: a news release of Kymsote, which ended with 2022; the brand is inflected in the text
// ("Kymsotesta", "Kymsotessa") and Voikko does not know it.
TEST_CASE("parse::parse_page kymsote-tiedote-perhekeskus (real)") {
  Record r = parse_sample("kymsote-tiedote-perhekeskus");
  CHECK(r.source.profile == "regional");
  CHECK(r.kind == "news");
  CHECK(r.title == "Perhekeskus kokoaa lapsiperheiden palvelut yhteen myös verkossa");
  CHECK(provenance_line(r, "title") == 3);
  CHECK(r.lang == "fi");
  REQUIRE(r.organisation.has_value());
  CHECK(r.organisation->name == "Kymenlaakson sosiaali- ja terveyspalvelujen kuntayhtymä");
  REQUIRE(r.organisation->successor.has_value());
  CHECK(r.organisation->successor->name == "Kymenlaakson hyvinvointialue");
  CHECK(r.organisation->successor->code == "10");
  CHECK(r.organisation->successor->since == "2023-01-01");
  // The organisation's own area, and the places mentioned kept apart from it.
  CHECK(r.area.type == "limited");
  REQUIRE(r.area.wellbeing_services_counties.size() == 1);
  CHECK(r.area.wellbeing_services_counties[0].code == "10");
  std::vector<std::string> mentioned;
  for (const auto& m : r.area.mentioned)
    mentioned.push_back(m.code);
  CHECK(mentioned == std::vector<std::string>{"075", "286", "285"}); // Hamina, Kouvola (Valkeala), Kotka
  REQUIRE(r.sections.size() == 1);
  CHECK(r.sections[0].text.starts_with("Perhekeskus kokoaa sateenvarjonsa alle"));
  CHECK(r.dates.empty());
  CHECK_FALSE(r.updated.has_value());
  CHECK(r.sections[0].text.find("\n\n– Perhekeskus tarjoaa meille") != std::string::npos);
  CHECK(r.cost.type == "unknown");
  CHECK(warning_codes(r) ==
        std::vector<std::string>{"organisation-defunct", "area-former-municipality"});
}

// Seed 004: the Kaisla family centre of Kaksineuvoinen: both a modified and an updated date, and
// four former municipalities of Kauhava in one line.
TEST_CASE("parse::parse_page kaksineuvoinen-perhekeskus-kaisla (real)") {
  Record r = parse_sample("kaksineuvoinen-perhekeskus-kaisla");
  CHECK(r.source.profile == "regional");
  CHECK(r.kind == "regional");
  CHECK(r.title == "Perhekeskus Kaisla");
  CHECK(r.lang == "fi");
  REQUIRE(r.organisation.has_value());
  CHECK(r.organisation->name == "Kuntayhtymä Kaksineuvoinen");
  CHECK(r.organisation->successor->code == "16");
  CHECK(r.dates == Dates{{"modified", "2021-02-02"}, {"updated", "2019-02-19"}});
  CHECK(r.updated == "2021-02-02");
  CHECK(provenance_line(r, "updated") == 37);
  REQUIRE(r.contacts.size() == 1);
  CHECK(r.contacts[0].name == "Julia Ekola");
  CHECK(r.contacts[0].role == "Perhekeskuskoordinaattori");
  CHECK(r.contacts[0].phone == "+358405499734");
  CHECK(warning_codes(r) ==
        std::vector<std::string>{"dates-disagree", "organisation-defunct", "area-former-municipality",
                                 "area-former-municipality", "area-former-municipality"});
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
