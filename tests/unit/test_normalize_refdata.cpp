#include <svcdesc/normalize/refdata.hpp>

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>

using svcdesc::normalize::RefData;

namespace {

// Data rows (header and blank lines excluded) of a CSV file in lib/data/.
size_t csv_rows(const std::string& file) {
  std::istringstream in(svcdesc::test::read_source_file("lib/data/" + file));
  std::string line;
  size_t n = 0;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    if (!line.empty() && line != "\r")
      ++n;
  }
  return n;
}

// A field of a look-up result, or "(none)" when nothing matched, so that a miss fails the check
// instead of crashing the test binary.
template <typename T> std::string code_of(const T* item) { return item ? item->code : "(none)"; }
template <typename T> std::string name_fi_of(const T* item) {
  return item ? item->name_fi : "(none)";
}
template <typename T> std::string region_code_of(const T* item) {
  return item ? item->region_code : "(none)";
}

} // namespace

TEST_CASE("normalize::RefData::builtin tables") {
  const RefData& ref = RefData::builtin();
  SUBCASE("every row of lib/data is loaded") {
    CHECK(ref.municipalities().size() == csv_rows("municipalities.csv"));
    CHECK(ref.regions().size() == csv_rows("regions.csv"));
    CHECK(ref.counties().size() == csv_rows("wellbeing_services_counties.csv"));
    CHECK(ref.languages().size() == csv_rows("languages.csv"));
  }
  SUBCASE("the official counts of 2025") {
    CHECK(ref.municipalities().size() == 308);
    CHECK(ref.regions().size() == 19);
    CHECK(ref.counties().size() == 23); // 21 counties, the City of Helsinki and Åland
    CHECK(ref.languages().size() == 74);
  }
  SUBCASE("codes are unique and well formed") {
    std::set<std::string> seen;
    for (const auto& m : ref.municipalities()) {
      CHECK(m.code.size() == 3);
      CHECK(seen.insert(m.code).second);
      CHECK_FALSE(m.name_fi.empty());
      CHECK(ref.region_by_code(m.region_code) != nullptr);
      CHECK(ref.county_by_code(m.county_code) != nullptr);
    }
    for (const auto& r : ref.regions())
      CHECK(r.code.size() == 2);
  }
  SUBCASE("the same object every time") { CHECK(&RefData::builtin() == &ref); }
}

TEST_CASE("normalize::RefData::municipality") {
  const RefData& ref = RefData::builtin();
  SUBCASE("by Finnish, Swedish and English name") {
    const auto* espoo = ref.municipality("Espoo");
    REQUIRE(espoo != nullptr);
    CHECK(espoo->code == "049");
    CHECK(espoo->name_sv == "Esbo");
    CHECK(espoo->region_code == "01");
    CHECK(espoo->county_code == "03");
    CHECK(ref.municipality("Esbo") == espoo);
    CHECK(code_of(ref.municipality("Grankulla")) == "235");
    CHECK(code_of(ref.municipality("Kyrkslätt")) == "257");
  }
  SUBCASE("ignoring case, spacing and diacritics") {
    CHECK(code_of(ref.municipality("  KAJAANI ")) == "205");
    CHECK(code_of(ref.municipality("ristijarvi")) == "697");
    CHECK(code_of(ref.municipality("Ristija\xCC\x88rvi")) == "697"); // decomposed ä
  }
  SUBCASE("both halves of Maarianhamina - Mariehamn") {
    const auto* m = ref.municipality("Maarianhamina");
    REQUIRE(m != nullptr);
    CHECK(m->code == "478");
    CHECK(m->name_fi == "Maarianhamina");
    CHECK(ref.municipality("Mariehamn") == m);
  }
  SUBCASE("by code") {
    REQUIRE(ref.municipality_by_code("297") != nullptr);
    CHECK(name_fi_of(ref.municipality_by_code("297")) == "Kuopio");
    CHECK(ref.municipality_by_code("999") == nullptr);
  }
  SUBCASE("nothing") {
    CHECK(ref.municipality("Atlantis") == nullptr);
    CHECK(ref.municipality("") == nullptr);
    CHECK(ref.municipality("Valkeala") == nullptr); // a former municipality is not current
  }
}

TEST_CASE("normalize::RefData::region and county") {
  const RefData& ref = RefData::builtin();
  CHECK(code_of(ref.region("Kainuu")) == "18");
  CHECK(code_of(ref.region("Kajanaland")) == "18");
  CHECK(code_of(ref.region("Åland")) == "21");
  CHECK(code_of(ref.region("Ahvenanmaa")) == "21");
  CHECK(code_of(ref.region("Southwest Finland")) == "02");
  CHECK(name_fi_of(ref.region_by_code("08")) == "Kymenlaakso");
  CHECK(ref.region("Kuopio") == nullptr);

  CHECK(code_of(ref.county("Vantaan ja Keravan hyvinvointialue")) == "04");
  CHECK(code_of(ref.county("Vanda och Kervo välfärdsområde")) == "04");
  CHECK(code_of(ref.county("Kainuu wellbeing services county")) == "20");
  CHECK(code_of(ref.county("Helsingin kaupunki")) == "90");
  CHECK(name_fi_of(ref.county_by_code("10")) == "Kymenlaakson hyvinvointialue");
  CHECK(region_code_of(ref.county_by_code("10")) == "08");
  CHECK(ref.county("Kainuu") == nullptr);
}

TEST_CASE("normalize::RefData::former_municipality") {
  const RefData& ref = RefData::builtin();
  SUBCASE("Valkeala merged into Kouvola in 2009") {
    const auto* f = ref.former_municipality("Valkeala");
    REQUIRE(f != nullptr);
    CHECK(f->code == "909");
    CHECK(f->year == 2009);
    REQUIRE(f->successor != nullptr);
    CHECK(f->successor->code == "286");
    CHECK(f->successor->name_fi == "Kouvola");
  }
  SUBCASE("the Kaksineuvoinen towns: Kortesjärvi, Ylihärmä and Alahärmä are Kauhava now") {
    for (const char* name : {"Kortesjärvi", "Ylihärmä", "Alahärmä"}) {
      CAPTURE(name);
      const auto* f = ref.former_municipality(name);
      REQUIRE(f != nullptr);
      CHECK(code_of(f->successor) == "233");
    }
  }
  SUBCASE("a reused name belongs to the current municipality") {
    CHECK(ref.former_municipality("Akaa") == nullptr);
    CHECK(code_of(ref.municipality("Akaa")) == "020");
  }
  SUBCASE("a current municipality is not former") {
    CHECK(ref.former_municipality("Kouvola") == nullptr);
  }
}

TEST_CASE("normalize::RefData::language") {
  const RefData& ref = RefData::builtin();
  CHECK(code_of(ref.language("suomi")) == "fi");
  CHECK(code_of(ref.language("Finska")) == "fi");
  CHECK(code_of(ref.language("Swedish")) == "sv");
  CHECK(code_of(ref.language("sv")) == "sv");
  CHECK(code_of(ref.language("pohjoissaame")) == "se");
  CHECK(code_of(ref.language("Northern Sami")) == "se");
  CHECK(code_of(ref.language("viittomakieli")) == "sgn-fi");
  CHECK(code_of(ref.language("teckenspråk")) == "sgn-fi");
  CHECK(code_of(ref.language("inarinsaame")) == "smn");
  CHECK(name_fi_of(ref.language_by_code("sms")) == "koltansaame");
  CHECK(ref.language("klingon") == nullptr);
  CHECK(ref.language_by_code("xx") == nullptr);
}

TEST_CASE("normalize::RefData::ptv_code") {
  const RefData& ref = RefData::builtin();
  CHECK(code_of(ref.ptv_code("ServiceType", "Palvelu")) == "Service");
  CHECK(code_of(ref.ptv_code("ServiceType", "Tjänst")) == "Service");
  CHECK(code_of(ref.ptv_code("ServiceType", "Lupa tai muu velvoite")) == "PermissionAndObligation");
  CHECK(code_of(ref.ptv_code("ServiceFundingType", "Julkinen palvelu")) == "PubliclyFunded");
  CHECK(code_of(ref.ptv_code("ServiceFundingType", "Offentlig tjänst")) == "PubliclyFunded");
  CHECK(code_of(ref.ptv_code("ServiceFundingType", "Public service")) == "PubliclyFunded");
  // A name is looked up within its list only.
  CHECK(ref.ptv_code("ServiceType", "Julkinen palvelu") == nullptr);
  CHECK(ref.ptv_code("NoSuchList", "Palvelu") == nullptr);
}

TEST_CASE("every table of lib/data passes the check a newer table gets before use") {
  for (const char* file : {"municipalities.csv", "regions.csv", "wellbeing_services_counties.csv",
                           "abolished_municipalities.csv", "languages.csv", "ptv_codes.csv"}) {
    CAPTURE(file);
    auto problems = svcdesc::normalize::check_table(
        file, svcdesc::test::read_source_file(std::string("lib/data/") + file));
    CHECK(problems.empty());
  }
}

TEST_CASE("a table with broken rows is refused row by row, with the references it breaks") {
  std::string text = svcdesc::test::read_source_file("lib/data/regions.csv");
  // Drop Kymenlaakso (08): the municipalities and the county of Kymenlaakso now point nowhere.
  size_t at = text.find("\n08,");
  REQUIRE(at != std::string::npos);
  text.erase(at, text.find('\n', at + 1) - at);
  text += "7,Lappi,,Lapland\n";
  auto problems = svcdesc::normalize::check_table("regions-2026.csv", text);
  std::set<std::string> messages;
  for (const auto& p : problems)
    messages.insert(p.file + ":" + std::to_string(p.line) + ": " + p.message);
  CHECK(messages.count("regions-2026.csv:20: code '7' is not two digits") == 1);
  CHECK(messages.count("regions-2026.csv:20: the Swedish name is empty") == 1);
  // Kouvola (286) and Kotka (285) are in Kymenlaakso, and so is its county (10).
  bool kouvola = false, county = false;
  for (const auto& p : problems) {
    kouvola = kouvola || (p.file == "municipalities.csv (built-in)" &&
                          p.message == "region code '08' is not in regions-2026.csv");
    county = county || (p.file == "wellbeing_services_counties.csv (built-in)" &&
                        p.message == "region code '08' is not in regions-2026.csv");
  }
  CHECK(kouvola);
  CHECK(county);
}

TEST_CASE("a file whose header is no table's is named as such") {
  auto problems = svcdesc::normalize::check_table("x.csv", "kunta;nimi\n091;Helsinki\n");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 1);
  CHECK(problems[0].message.starts_with("the header matches none of the reference tables"));
}

TEST_CASE("--refdata: the tables of a directory replace the built-in ones, the others stay") {
  std::vector<svcdesc::normalize::TableProblem> problems;
  auto data = RefData::from_directory(svcdesc::test::source_path("tests/cli/inputs/refdata/dir"),
                                      problems);
  REQUIRE(data);
  CHECK(problems.empty());
  CHECK((*data)->vintage() == "2025 (test copy)");
  auto tables = (*data)->tables();
  REQUIRE(tables.size() == 6);
  CHECK(tables[0].origin == "built-in");
  CHECK(tables[1].file == "regions.csv");
  CHECK(tables[1].origin.ends_with("tests/cli/inputs/refdata/dir/regions.csv"));
  CHECK(tables[1].rows == 19);
  CHECK((*data)->municipality("Kouvola") != nullptr);
  CHECK((*data)->region("Kymenlaakso") != nullptr);

  auto broken = RefData::from_directory(
      svcdesc::test::source_path("tests/cli/inputs/refdata/broken_dir"), problems);
  CHECK_FALSE(broken);
  CHECK(problems.size() == 10);
  auto missing = RefData::from_directory("/nonexistent/refdata", problems);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "/nonexistent/refdata: no such directory");
}
