// The suomi.fi profile end to end, through parse::parse_page: the real Finnish pages, the
// constructed Swedish and English ones, and pages built from their real phrases.
#include <svcdesc/core/hash.hpp>
#include <svcdesc/parse/parse.hpp>

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using svcdesc::parse::parse_page;
using svcdesc::record::Record;

namespace {

using Strings = std::vector<std::string>;

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

Strings codes(const std::vector<svcdesc::record::CodedName>& list) {
  Strings out;
  for (const auto& c : list)
    out.push_back(c.code);
  return out;
}

Strings names(const std::vector<svcdesc::record::CodedName>& list) {
  Strings out;
  for (const auto& c : list)
    out.push_back(c.name);
  return out;
}

Strings section_kinds(const Record& r) {
  Strings out;
  for (const auto& s : r.sections)
    out.push_back(s.kind);
  return out;
}

const svcdesc::record::Section* section(const Record& r, const std::string& kind) {
  for (const auto& s : r.sections)
    if (s.kind == kind)
      return &s;
  return nullptr;
}

Strings warning_codes(const Record& r) {
  Strings out;
  for (const auto& w : r.warnings)
    out.push_back(w.code);
  return out;
}

const svcdesc::record::Warning* warning(const Record& r, const std::string& code) {
  for (const auto& w : r.warnings)
    if (w.code == code)
      return &w;
  return nullptr;
}

int provenance_line(const Record& r, const std::string& field) {
  for (const auto& p : r.provenance)
    if (p.field == field)
      return p.line;
  return -1;
}

// A suomi.fi page in the template of the real Kainuu page, with the chips, the conditions text
// and the lines of the Perustiedot block given.
std::string kainuu_page(const std::string& chips, const std::string& conditions,
                        const std::string& basic) {
  return "suomi.fi\n"
         "Siirry suoraan sisältöön.\n"
         "Vastuuorganisaatio Kainuun sosiaali- ja terveydenhuollon kuntayhtymä\n"
         "\n"
         "Sosiaalihuollon vertaistukitoiminta\n"
         "\n" +
         chips +
         "\n"
         "Perhekoulu on ryhmämuotoinen tuki lapsiperheille.\n"
         "\n"
         "Toimi näin\n"
         "\n"
         "Ota yhteyttä oman paikkakuntasi perhekeskukseen.\n"
         "\n"
         "Kenelle ja millä ehdoin\n"
         "\n" +
         conditions +
         "\n"
         "\n"
         "Perustiedot\n"
         "\n" +
         basic;
}

const std::string k_chips = "  • Palvelu\n  • 7 kuntaa\n  • Julkinen palvelu\n";
const std::string k_basic_tail = "Palvelun kielisuomi\n"
                                 "Tekstistä vastaa: Kainuun sosiaali- ja terveydenhuollon kuntayhtymä\n"
                                 "Päivitetty: 6.2.2020";
const std::string k_seven =
    "Alue Hyrynsalmi, Kajaani, Kuhmo, Paltamo, Ristijärvi, Sotkamo, Suomussalmi\n";

} // namespace

TEST_CASE("parse::parse_page suomifi-fi-vertaistukitoiminta (real)") {
  Record r = parse_sample("suomifi-fi-vertaistukitoiminta");
  CHECK(r.source.profile == "suomifi");
  CHECK(r.source.file == "samples/suomifi-fi-vertaistukitoiminta.txt");
  CHECK(r.source.sha256 ==
        svcdesc::core::sha256_hex(
            svcdesc::test::read_source_file("samples/suomifi-fi-vertaistukitoiminta.txt")));
  CHECK(r.source.status == "parsed");
  CHECK(r.schema_version == 1);
  CHECK(r.lang == "fi");
  CHECK(r.kind == "service");
  CHECK(r.title == "Sosiaalihuollon vertaistukitoiminta");
  REQUIRE(r.organisation.has_value());
  CHECK(r.organisation->name == "Kainuun sosiaali- ja terveydenhuollon kuntayhtymä");
  CHECK(r.organisation->kind == "joint_municipal_authority");
  REQUIRE(r.organisation->producers.size() == 1);
  CHECK(r.organisation->producers[0].name == "Kainuun sosiaali- ja terveydenhuollon kuntayhtymä");
  CHECK(r.organisation->other_responsible.empty()); // the same organisation is not repeated
  CHECK(r.service_type == "service");
  CHECK(r.funding == "public");
  CHECK(r.area.type == "limited");
  CHECK(codes(r.area.municipalities) == Strings{"105", "205", "290", "578", "697", "765", "777"});
  CHECK(names(r.area.municipalities) == Strings{"Hyrynsalmi", "Kajaani", "Kuhmo", "Paltamo",
                                                "Ristijärvi", "Sotkamo", "Suomussalmi"});
  CHECK(r.area.unmatched.empty());
  CHECK(r.area.stated_count == 7);
  CHECK(r.languages == Strings{"fi"});
  CHECK(r.cost.type == "free");
  CHECK(r.cost.evidence == "Palvelu on maksuton.");
  CHECK(provenance_line(r, "cost") == 33); // the conditions section, not the description
  CHECK(r.updated == "2020-02-06");
  CHECK(r.dates == std::vector<std::pair<std::string, std::string>>{{"updated", "2020-02-06"}});
  CHECK(section_kinds(r) == Strings{"description", "instructions", "conditions", "background"});
  const auto* description = section(r, "description");
  REQUIRE(description != nullptr);
  CHECK(description->text.starts_with("Perhekeskusten toimintana järjestetään"));
  // A sub-heading of the description that is not a suomi.fi heading stays in it.
  CHECK(description->text.find("\n\nPerheasemat ja -keskukset\n\n") != std::string::npos);
  CHECK(section(r, "instructions")->heading == "Toimi näin");
  CHECK(section(r, "instructions")->text == "Ota yhteyttä oman paikkakuntasi perhekeskukseen.");
  CHECK(section(r, "conditions")->heading == "Kenelle ja millä ehdoin");
  CHECK(section(r, "background")->text.ends_with("Keskustelut ovat luottamuksellisia."));
  // The Perustiedot block is data, not a text section.
  CHECK(section(r, "basic_info") == nullptr);
  // Kainuun sote ended with 2022: the record names the county that took over.
  CHECK(warning_codes(r) == Strings{"organisation-defunct"});
  REQUIRE(r.organisation->successor.has_value());
  CHECK(r.organisation->successor->name == "Kainuun hyvinvointialue");
  CHECK(r.organisation->successor->code == "20");
  CHECK(provenance_line(r, "title") == 5);
  CHECK(provenance_line(r, "area") == 47);
  CHECK(provenance_line(r, "area.stated_count") == 8);
  CHECK(provenance_line(r, "updated") == 50);
  CHECK(r.contacts.empty());
}

TEST_CASE("parse::parse_page suomifi-fi-perhetyo (real)") {
  Record r = parse_sample("suomifi-fi-perhetyo");
  CHECK(r.source.profile == "suomifi");
  CHECK(r.lang == "fi");
  CHECK(r.kind == "service");
  CHECK(r.title == "Perhetyö");
  REQUIRE(r.organisation.has_value());
  CHECK(r.organisation->name == "Kuopion kaupunki");
  CHECK(r.organisation->kind == "municipality");
  CHECK(r.service_type == "service");
  CHECK(r.funding == "public");
  CHECK(r.area.type == "limited");
  CHECK(codes(r.area.municipalities) == Strings{"297"});
  CHECK(names(r.area.municipalities) == Strings{"Kuopio"});
  CHECK_FALSE(r.area.stated_count.has_value()); // the chip names Kuopio, it states no count
  CHECK(r.languages == Strings{"fi"});
  CHECK(r.cost.type == "free");
  CHECK(r.cost.evidence == "Palvelu on maksuton.");
  CHECK(r.updated == "2020-07-31");
  CHECK(section_kinds(r) == Strings{"description", "conditions", "background"});
  CHECK(warning_codes(r) == Strings{});
}

TEST_CASE("parse::parse_page suomifi-sv-familjearbete (constructed)") {
  Record r = parse_sample("suomifi-sv-familjearbete");
  CHECK(r.source.profile == "suomifi");
  CHECK(r.lang == "sv");
  CHECK(r.kind == "service");
  CHECK(r.title == "Familjearbete");
  REQUIRE(r.organisation.has_value());
  CHECK(r.organisation->name == "Esbo stad");
  CHECK(r.organisation->kind == "municipality");
  CHECK(r.service_type == "service");
  CHECK(r.funding == "public");
  CHECK(r.area.type == "limited");
  CHECK(codes(r.area.municipalities) == Strings{"049", "235", "257"});
  CHECK(names(r.area.municipalities) == Strings{"Esbo", "Grankulla", "Kyrkslätt"});
  CHECK(r.area.stated_count == 3);
  CHECK(r.languages == Strings{"fi", "sv"});
  CHECK(r.cost.type == "mixed");
  REQUIRE(r.cost.evidence.has_value());
  CHECK(r.cost.evidence->find("Familjearbetet är avgiftsfritt för familjen.") != std::string::npos);
  CHECK(r.cost.evidence->find("12 euro per besök.") != std::string::npos);
  CHECK(r.updated == "2023-03-14");
  CHECK(section_kinds(r) == Strings{"description", "instructions", "conditions", "background"});
  CHECK(section(r, "instructions")->heading == "Gör så här");
  CHECK(section(r, "conditions")->heading == "För vem och på vilka villkor");
  CHECK(warning_codes(r) == Strings{});
}

TEST_CASE("parse::parse_page suomifi-en-child-benefit (constructed)") {
  Record r = parse_sample("suomifi-en-child-benefit");
  CHECK(r.source.profile == "suomifi");
  CHECK(r.lang == "en");
  CHECK(r.title == "Child benefit");
  REQUIRE(r.organisation.has_value());
  CHECK(r.organisation->name == "The Social Insurance Institution of Finland (Kela)");
  CHECK_FALSE(r.organisation->kind.has_value());
  CHECK(r.service_type == "service");
  CHECK(r.funding == "public");
  CHECK(r.area.type == "nationwide");
  CHECK(r.area.municipalities.empty());
  CHECK(r.area.unmatched.empty());
  CHECK(r.languages == Strings{"fi", "sv", "en", "se"});
  CHECK(r.cost.type == "free");
  CHECK(r.cost.evidence == "Applying for child benefit is free of charge.");
  CHECK(r.updated == "2024-02-01"); // "Updated: 1/2/2024" is day first
  CHECK(section_kinds(r) == Strings{"description", "instructions", "conditions", "background"});
  CHECK(section(r, "background")->text == "Child Benefit Act (796/1992).");
  CHECK(warning_codes(r) == Strings{});
}

TEST_CASE("parse::parse_page suomifi ids") {
  SUBCASE("the id is the documented UUIDv5 of the folded title and organisation") {
    // schemas/record.schema.json: UUIDv5 in namespace dedcd66d-... of the case-folded NFC title,
    // a newline, and the case-folded organisation name.
    CHECK(parse_sample("suomifi-fi-perhetyo").id ==
          svcdesc::core::uuid_v5("dedcd66d-406d-53dd-b4c1-23aef326adc3",
                                 "perhetyö\nkuopion kaupunki"));
    CHECK(parse_sample("suomifi-fi-perhetyo").id == "1d039710-673b-5d93-b097-fa30816b5141");
  }
  SUBCASE("the file name and the line ends do not change the id") {
    std::string text = svcdesc::test::read_source_file("samples/suomifi-fi-perhetyo.txt");
    auto a = parse_page("a.txt", text);
    auto b = parse_page("", text);
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(a->id == b->id);
    CHECK_FALSE(b->source.file.has_value()); // standard input names no file
  }
  SUBCASE("another organisation gives another id") {
    Record a = parse_text(kainuu_page(k_chips, "Palvelu on maksuton.", k_seven + k_basic_tail));
    std::string other = kainuu_page(k_chips, "Palvelu on maksuton.", k_seven + k_basic_tail);
    other.replace(other.find("Vastuuorganisaatio Kainuun"), 26, "Vastuuorganisaatio Kuopion");
    Record b = parse_text(other);
    CHECK(a.id != b.id);
  }
}

// The schema says the organisation part of the id is the case-folded name; text::fold() also
// trims outer punctuation, so "…Finland (Kela)" is hashed as "…finland (kela" and the id differs
// from what an independent implementation of the schema computes (Python:
// uuid5(UUID("dedcd66d-406d-53dd-b4c1-23aef326adc3"),
//       "child benefit\nthe social insurance institution of finland (kela)")).
TEST_CASE("parse::parse_page id follows the schema for a name ending in ')'") {
  CHECK(parse_sample("suomifi-en-child-benefit").id == "fc517f11-542e-5521-bd22-98f2afdddd0b");
}

TEST_CASE("parse::parse_page suomifi basic information") {
  SUBCASE("a stated count that does not match the list") {
    // "7 kuntaa" with Suomussalmi left out of the list.
    Record r = parse_text(kainuu_page(
        k_chips, "Palvelu on maksuton.",
        "Alue Hyrynsalmi, Kajaani, Kuhmo, Paltamo, Ristijärvi, Sotkamo\n" + k_basic_tail));
    CHECK(r.area.stated_count == 7);
    CHECK(r.area.municipalities.size() == 6);
    const auto* w = warning(r, "area-count-mismatch");
    REQUIRE(w != nullptr);
    CHECK(w->message.find('7') != std::string::npos);
    CHECK(w->message.find('6') != std::string::npos);
    CHECK(w->line == 23); // the Alue line
  }
  SUBCASE("a stated count that matches gives no warning") {
    Record r = parse_text(kainuu_page(k_chips, "Palvelu on maksuton.", k_seven + k_basic_tail));
    CHECK(r.area.municipalities.size() == 7);
    CHECK(warning_codes(r) == Strings{"organisation-defunct"});
  }
  SUBCASE("a label with its value on the next line") {
    Record r = parse_text(kainuu_page(k_chips, "Palvelu on maksuton.",
                                      "Alue\n"
                                      "Hyrynsalmi, Kajaani, Kuhmo, Paltamo, Ristijärvi, Sotkamo, "
                                      "Suomussalmi\n"
                                      "Palvelun kieli\n"
                                      "suomi, ruotsi\n"
                                      "Päivitetty\n"
                                      "6.2.2020"));
    CHECK(codes(r.area.municipalities) ==
          Strings{"105", "205", "290", "578", "697", "765", "777"});
    CHECK(provenance_line(r, "area") == 24); // the value's line
    CHECK(r.languages == Strings{"fi", "sv"});
    CHECK(r.updated == "2020-02-06");
    CHECK(warning_codes(r) == Strings{"organisation-defunct"});
  }
  SUBCASE("labels followed by a colon") {
    Record r = parse_text(kainuu_page(k_chips, "Palvelu on maksuton.",
                                      "Palvelun toteuttaa: Kainuun sosiaali- ja terveydenhuollon "
                                      "kuntayhtymä\n"
                                      "Alue: Hyrynsalmi, Kajaani, Kuhmo, Paltamo, Ristijärvi, "
                                      "Sotkamo, Suomussalmi\n"
                                      "Palvelun kielet: Suomi,Ruotsi,Englanti\n"
                                      "Päivitetty: 6.2.2020 klo 12.30"));
    CHECK(r.area.municipalities.size() == 7);
    CHECK(r.languages == Strings{"fi", "sv", "en"});
    CHECK(r.updated == "2020-02-06");
    REQUIRE(r.organisation.has_value());
    REQUIRE(r.organisation->producers.size() == 1);
    CHECK(r.organisation->producers[0].name ==
          "Kainuun sosiaali- ja terveydenhuollon kuntayhtymä");
    CHECK(warning_codes(r) == Strings{"organisation-defunct"});
  }
  SUBCASE("labels run together with their values, as suomi.fi renders them") {
    Record r = parse_text(kainuu_page(k_chips, "Palvelu on maksuton.",
                                      "Palvelun toteuttaaKajaanin kaupunki\n"
                                      "Palvelusta vastaaKainuun hyvinvointialue\n" +
                                          k_seven + k_basic_tail));
    REQUIRE(r.organisation.has_value());
    REQUIRE(r.organisation->producers.size() == 1);
    CHECK(r.organisation->producers[0].name == "Kajaanin kaupunki");
    REQUIRE(r.organisation->other_responsible.size() == 1);
    CHECK(r.organisation->other_responsible[0].name == "Kainuun hyvinvointialue");
    CHECK(r.languages == Strings{"fi"});
  }
  SUBCASE("an unknown area name is kept, with a warning") {
    Record r = parse_text(kainuu_page(
        "  • Palvelu\n  • Julkinen palvelu\n", "Palvelu on maksuton.",
        "Alue Kajaani, Kainuun seutu\n" + k_basic_tail));
    CHECK(codes(r.area.municipalities) == Strings{"205"});
    CHECK(r.area.unmatched == Strings{"Kainuun seutu"});
    CHECK(r.area.type == "limited");
    const auto* w = warning(r, "area-unknown-name");
    REQUIRE(w != nullptr);
    CHECK(w->message.find("Kainuun seutu") != std::string::npos);
    CHECK(w->line == 22);
  }
  SUBCASE("a former municipality is mapped, with a warning") {
    Record r = parse_text(kainuu_page("  • Palvelu\n  • Julkinen palvelu\n", "Palvelu on maksuton.",
                                      "Alue Valkeala\n" + k_basic_tail));
    CHECK(r.area.municipalities ==
          std::vector<svcdesc::record::CodedName>{{"286", "Kouvola"}});
    CHECK(r.area.unmatched.empty());
    const auto* w = warning(r, "area-former-municipality");
    REQUIRE(w != nullptr);
    CHECK(w->message.find("Valkeala") != std::string::npos);
  }
  SUBCASE("nationwide except Åland") {
    Record r = parse_text(kainuu_page("  • Palvelu\n", "Palvelu on maksuton.",
                                      "Alue Koko maa paitsi Ahvenanmaa\n" + k_basic_tail));
    CHECK(r.area.type == "nationwide_except_aland");
    CHECK(r.area.regions.empty());
    CHECK(warning_codes(r) == Strings{"organisation-defunct"});
  }
  SUBCASE("a county whose name contains ja") {
    Record r = parse_text(kainuu_page("  • Palvelu\n", "Palvelu on maksuton.",
                                      "Alue Vantaan ja Keravan hyvinvointialue\n" + k_basic_tail));
    CHECK(codes(r.area.wellbeing_services_counties) == Strings{"04"});
    CHECK(r.area.type == "limited");
    CHECK(warning_codes(r) == Strings{"organisation-defunct"});
  }
  SUBCASE("an unknown language gives a warning") {
    Record r = parse_text(kainuu_page(k_chips, "Palvelu on maksuton.",
                                      k_seven + "Palvelun kieli suomi, klingon\nPäivitetty: 6.2.2020"));
    CHECK(r.languages == Strings{"fi"});
    CHECK(warning(r, "language-unknown") != nullptr);
  }
  SUBCASE("a date that is not a date is not invented") {
    Record r = parse_text(kainuu_page(k_chips, "Palvelu on maksuton.",
                                      k_seven + "Palvelun kielisuomi\nPäivitetty: 31.2.2020"));
    CHECK_FALSE(r.updated.has_value());
    CHECK(r.dates.empty());
    const auto* w = warning(r, "date-unparsed");
    REQUIRE(w != nullptr);
    CHECK(w->message.find("31.2.2020") != std::string::npos);
  }
  SUBCASE("charged and mixed cost in the conditions") {
    Record charged = parse_text(
        kainuu_page(k_chips, "Palvelu on asiakkaalle maksullinen. Asiakasmaksu on 20 euroa.",
                    k_seven + k_basic_tail));
    CHECK(charged.cost.type == "charged");
    CHECK(charged.cost.evidence == "Palvelu on asiakkaalle maksullinen.");
    Record mixed = parse_text(kainuu_page(
        k_chips, "Neuvonta on maksutonta.\n\nKotikäynnistä peritään 12,50 € maksu.",
        k_seven + k_basic_tail));
    CHECK(mixed.cost.type == "mixed");
    CHECK(mixed.cost.evidence == "Neuvonta on maksutonta. Kotikäynnistä peritään 12,50 € maksu.");
  }
  SUBCASE("no word on price leaves cost unknown") {
    Record r = parse_text(kainuu_page(k_chips, "Palvelu on tarkoitettu kainuulaisille perheille.",
                                      k_seven + k_basic_tail));
    CHECK(r.cost.type == "unknown");
    CHECK_FALSE(r.cost.evidence.has_value());
  }
  SUBCASE("the organisation from the basic block when the header has none") {
    std::string page = kainuu_page(k_chips, "Palvelu on maksuton.",
                                   "Palvelusta vastaaKuopion kaupunki\n" + k_seven + k_basic_tail);
    page.replace(page.find("Vastuuorganisaatio Kainuun sosiaali- ja terveydenhuollon kuntayhtymä"),
                 std::string("Vastuuorganisaatio Kainuun sosiaali- ja terveydenhuollon kuntayhtymä").size(),
                 "Vastuuorganisaatio");
    Record r = parse_text(page);
    CHECK(r.source.profile == "suomifi");
    REQUIRE(r.organisation.has_value());
    CHECK(r.organisation->name == "Kuopion kaupunki");
    CHECK(r.organisation->kind == "municipality");
    CHECK(r.title == "Sosiaalihuollon vertaistukitoiminta");
  }
}

TEST_CASE("parse::parse_page suomifi line ends and encoding hygiene") {
  std::string lf = svcdesc::test::read_source_file("samples/suomifi-fi-vertaistukitoiminta.txt");
  auto expected = parse_page("page.txt", lf);
  REQUIRE(expected.has_value());

  auto same_but_hash = [&](std::string bytes) {
    auto r = parse_page("page.txt", bytes);
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    CHECK(r->source.sha256 == svcdesc::core::sha256_hex(bytes)); // of the bytes as given
    Record got = *r;
    got.source.sha256 = expected->source.sha256;
    CHECK(got == *expected);
  };
  SUBCASE("CRLF") {
    std::string crlf;
    for (char c : lf) {
      if (c == '\n')
        crlf += '\r';
      crlf += c;
    }
    same_but_hash(crlf);
  }
  SUBCASE("a BOM") { same_but_hash("\xEF\xBB\xBF" + lf); }
  SUBCASE("a BOM and CRLF, and a final newline") {
    std::string crlf = "\xEF\xBB\xBF";
    for (char c : lf) {
      if (c == '\n')
        crlf += '\r';
      crlf += c;
    }
    same_but_hash(crlf + "\r\n");
  }
  SUBCASE("no-break spaces and a decomposed ä") {
    std::string odd = lf;
    size_t at = odd.find("Alue Hyrynsalmi");
    REQUIRE(at != std::string::npos);
    odd.replace(at + 4, 1, "\xC2\xA0");
    at = odd.find("Ristijärvi");
    odd.replace(at, std::string("Ristijärvi").size(), "Ristija\xCC\x88rvi");
    same_but_hash(odd);
  }
}

TEST_CASE("parse::parse_page forced profile") {
  std::string text = svcdesc::test::read_source_file("samples/suomifi-fi-perhetyo.txt");
  svcdesc::parse::Options generic;
  generic.profile = svcdesc::parse::Profile::generic;
  auto r = parse_page("p.txt", text, generic);
  REQUIRE(r.has_value());
  CHECK(r->source.profile == "generic");
  const auto* w = warning(*r, "profile-generic");
  REQUIRE(w != nullptr);
  CHECK(w->message.find("as asked") != std::string::npos);
}

TEST_CASE("parse::parse_page suomifi pages built from real phrases") {
  SUBCASE("an English page with Updated on, a former municipality and and-lists") {
    Record r = parse_text("suomi.fi\n"
                          "Go directly to contents.\n"
                          "Responsible organisation Kymenlaakso wellbeing services county\n"
                          "\n"
                          "Family work\n"
                          "\n"
                          "  • Service\n"
                          "  • Public service\n"
                          "\n"
                          "Family work supports families with children.\n"
                          "\n"
                          "Who is it for and on what conditions\n"
                          "\n"
                          "The service is free of charge.\n"
                          "\n"
                          "Basic information\n"
                          "\n"
                          "Area Hamina, Kotka and Valkeala\n"
                          "Service languagesFinnish and Swedish\n"
                          "Updated on 1/2/2024");
    CHECK(r.lang == "en");
    REQUIRE(r.organisation.has_value());
    CHECK(r.organisation->kind == "wellbeing_services_county");
    CHECK(codes(r.area.municipalities) == Strings{"075", "285", "286"});
    CHECK(r.languages == Strings{"fi", "sv"});
    CHECK(r.updated == "2024-02-01");
    CHECK(r.cost.type == "free");
    CHECK(warning_codes(r) == Strings{"area-former-municipality"});
    CHECK(warning(r, "area-former-municipality")->line == 18);
  }
  SUBCASE("a ministry, nationwide, no chips") {
    Record r = parse_text("suomi.fi\n"
                          "Siirry suoraan sisältöön.\n"
                          "Vastuuorganisaatio Sosiaali- ja terveysministeriö\n"
                          "\n"
                          "Perhekeskukset\n"
                          "\n"
                          "Perhekeskus kokoaa lapsiperheiden palvelut yhteen.\n"
                          "\n"
                          "Perustiedot\n"
                          "\n"
                          "Alue Koko maa\n"
                          "Päivitetty: 06.02.2020");
    CHECK(r.organisation->kind == "ministry");
    CHECK(r.area.type == "nationwide");
    CHECK_FALSE(r.service_type.has_value());
    CHECK_FALSE(r.funding.has_value());
    CHECK(r.updated == "2020-02-06");
    CHECK(warning_codes(r) == Strings{});
  }
  SUBCASE("an area chip that is not a place is reported when the page has an Alue line") {
    Record r = parse_text("suomi.fi\n"
                          "Siirry suoraan sisältöön.\n"
                          "Vastuuorganisaatio Kuopion kaupunki\n"
                          "\n"
                          "Perhetyö\n"
                          "\n"
                          "  • Palvelu\n"
                          "  • Kuopioo\n"
                          "  • Julkinen palvelu\n"
                          "\n"
                          "Kuvaus.\n"
                          "\n"
                          "Perustiedot\n"
                          "\n"
                          "Alue Kuopio\n"
                          "Päivitetty: 31.7.2020");
    CHECK(codes(r.area.municipalities) == Strings{"297"});
    CHECK(r.area.unmatched.empty());
    const auto* w = warning(r, "chip-unknown");
    REQUIRE(w != nullptr);
    CHECK(w->line == 8);
    CHECK(w->message.find("Kuopioo") != std::string::npos);
  }
  SUBCASE("the area from the chip when there is no Alue line") {
    Record r = parse_text("suomi.fi\n"
                          "Siirry suoraan sisältöön.\n"
                          "Vastuuorganisaatio Kuopion kaupunki\n"
                          "\n"
                          "Perhetyö\n"
                          "\n"
                          "  • Palvelu\n"
                          "  • Kuopio\n"
                          "  • Julkinen palvelu\n"
                          "\n"
                          "Kuvaus.\n"
                          "\n"
                          "Perustiedot\n"
                          "\n"
                          "Palvelun kielisuomi\n"
                          "Päivitetty: 31.7.2020");
    CHECK(codes(r.area.municipalities) == Strings{"297"});
    CHECK(r.area.type == "limited");
    CHECK(provenance_line(r, "area") == 8);
    CHECK(warning_codes(r) == Strings{});
  }
}
