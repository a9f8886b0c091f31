#include <svcdesc/normalize/area.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using svcdesc::normalize::merge_places;
using svcdesc::normalize::NameLanguage;
using svcdesc::normalize::parse_municipality_count;
using svcdesc::normalize::Place;
using svcdesc::normalize::Places;
using svcdesc::normalize::resolve_places;

namespace {

std::vector<std::string> codes(const std::vector<Place>& places) {
  std::vector<std::string> out;
  for (const Place& p : places)
    out.push_back(p.code);
  return out;
}

std::vector<std::string> names(const std::vector<Place>& places) {
  std::vector<std::string> out;
  for (const Place& p : places)
    out.push_back(p.name);
  return out;
}

bool has_note(const Places& p, const std::string& code) {
  return std::any_of(p.notes.begin(), p.notes.end(), [&](const auto& n) { return n.code == code; });
}

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("normalize::resolve_places") {
  SUBCASE("the seven Kainuu municipalities of a real suomi.fi page") {
    Places p = resolve_places("Hyrynsalmi, Kajaani, Kuhmo, Paltamo, Ristijärvi, Sotkamo, Suomussalmi",
                              NameLanguage::fi);
    CHECK(codes(p.municipalities) == Strings{"105", "205", "290", "578", "697", "765", "777"});
    CHECK(names(p.municipalities) == Strings{"Hyrynsalmi", "Kajaani", "Kuhmo", "Paltamo",
                                             "Ristijärvi", "Sotkamo", "Suomussalmi"});
    CHECK(p.unmatched.empty());
    CHECK(p.notes.empty());
    CHECK(p.regions.empty());
    CHECK(p.counties.empty());
    CHECK_FALSE(p.nationwide);
    CHECK_FALSE(p.nationwide_except_aland);
  }
  SUBCASE("a single municipality") {
    Places p = resolve_places("Kuopio", NameLanguage::fi);
    CHECK(p.municipalities == std::vector<Place>{{"297", "Kuopio"}});
  }
  SUBCASE("the last item joined with ja / och / and") {
    Places fi = resolve_places("Hyrynsalmi, Kajaani ja Kuhmo", NameLanguage::fi);
    CHECK(codes(fi.municipalities) == Strings{"105", "205", "290"});
    Places en = resolve_places("Espoo, Kauniainen and Kirkkonummi", NameLanguage::en);
    CHECK(codes(en.municipalities) == Strings{"049", "235", "257"});
    CHECK(en.unmatched.empty());
  }
  SUBCASE("Swedish names map to the same codes and are written in Swedish") {
    Places p = resolve_places("Esbo, Grankulla och Kyrkslätt", NameLanguage::sv);
    CHECK(codes(p.municipalities) == Strings{"049", "235", "257"});
    CHECK(names(p.municipalities) == Strings{"Esbo", "Grankulla", "Kyrkslätt"});
    CHECK(p.unmatched.empty());
  }
  SUBCASE("Esbo and Espoo are one municipality") {
    Places p = resolve_places("Esbo, Espoo", NameLanguage::fi);
    CHECK(p.municipalities == std::vector<Place>{{"049", "Espoo"}});
    CHECK(resolve_places("Esbo", NameLanguage::fi).municipalities ==
          std::vector<Place>{{"049", "Espoo"}});
    CHECK(resolve_places("Espoo", NameLanguage::sv).municipalities ==
          std::vector<Place>{{"049", "Esbo"}});
  }
  SUBCASE("a bilingual name: Maarianhamina - Mariehamn") {
    CHECK(codes(resolve_places("Mariehamn", NameLanguage::sv).municipalities) == Strings{"478"});
    CHECK(resolve_places("Maarianhamina", NameLanguage::fi).municipalities ==
          std::vector<Place>{{"478", "Maarianhamina"}});
  }
  SUBCASE("case and extra spaces do not matter") {
    Places p = resolve_places("  KUOPIO ,   hyrynsalmi  ,kajaani", NameLanguage::fi);
    CHECK(p.municipalities ==
          std::vector<Place>{{"297", "Kuopio"}, {"105", "Hyrynsalmi"}, {"205", "Kajaani"}});
    CHECK(p.unmatched.empty());
  }
  SUBCASE("a name without its diacritics still matches") {
    CHECK(codes(resolve_places("Ristijarvi", NameLanguage::fi).municipalities) == Strings{"697"});
  }
  SUBCASE("Åland / Ahvenanmaa is region 21") {
    for (const char* name : {"Åland", "Ahvenanmaa", "ÅLAND", "  ahvenanmaa "}) {
      CAPTURE(name);
      Places p = resolve_places(name, NameLanguage::fi);
      CHECK(codes(p.regions) == Strings{"21"});
      CHECK(p.municipalities.empty());
      CHECK(p.unmatched.empty());
    }
    CHECK(names(resolve_places("Ahvenanmaa", NameLanguage::sv).regions) == Strings{"Åland"});
  }
  SUBCASE("a region") {
    Places p = resolve_places("Kainuu", NameLanguage::fi);
    CHECK(p.regions == std::vector<Place>{{"18", "Kainuu"}});
    CHECK(resolve_places("Kajanaland", NameLanguage::sv).regions ==
          std::vector<Place>{{"18", "Kajanaland"}});
  }
  SUBCASE("a county whose name contains ja") {
    Places p = resolve_places("Vantaan ja Keravan hyvinvointialue", NameLanguage::fi);
    CHECK(p.counties == std::vector<Place>{{"04", "Vantaan ja Keravan hyvinvointialue"}});
    CHECK(p.unmatched.empty());
    CHECK(p.notes.empty());
    Places sv = resolve_places("Vanda och Kervo välfärdsområde", NameLanguage::sv);
    CHECK(codes(sv.counties) == Strings{"04"});
    CHECK(sv.unmatched.empty());
  }
  SUBCASE("a county in a list with a municipality") {
    Places p = resolve_places("Kainuun hyvinvointialue, Kuopio", NameLanguage::fi);
    CHECK(codes(p.counties) == Strings{"20"});
    CHECK(codes(p.municipalities) == Strings{"297"});
  }
  SUBCASE("nationwide in three languages") {
    for (const char* name : {"Koko maa", "koko maa", "Hela landet", "Nationwide", "Koko Suomi"}) {
      CAPTURE(name);
      Places p = resolve_places(name, NameLanguage::fi);
      CHECK(p.nationwide);
      CHECK_FALSE(p.nationwide_except_aland);
      CHECK(p.unmatched.empty());
      CHECK(p.municipalities.empty());
      CHECK(p.notes.empty());
    }
  }
  SUBCASE("nationwide except Åland") {
    for (const char* name : {"Koko maa paitsi Ahvenanmaa", "Koko maa paitsi ei Ahvenanmaa",
                             "Hela landet utom Åland", "Nationwide except Åland"}) {
      CAPTURE(name);
      Places p = resolve_places(name, NameLanguage::fi);
      CHECK(p.nationwide_except_aland);
      CHECK_FALSE(p.nationwide);
      CHECK(p.regions.empty()); // "Ahvenanmaa" inside the phrase is not an area of its own
      CHECK(p.unmatched.empty());
    }
  }
  SUBCASE("a former municipality maps to its successor with a note") {
    Places p = resolve_places("Valkeala", NameLanguage::fi);
    CHECK(p.municipalities == std::vector<Place>{{"286", "Kouvola"}});
    CHECK(p.unmatched.empty());
    REQUIRE(p.notes.size() == 1);
    CHECK(p.notes[0].code == "area-former-municipality");
    CHECK(p.notes[0].message.find("Valkeala") != std::string::npos);
    CHECK(p.notes[0].message.find("Kouvola") != std::string::npos);
    CHECK(p.notes[0].message.find("2009") != std::string::npos);
  }
  SUBCASE("a former municipality beside its successor is not listed twice") {
    Places p = resolve_places("Kouvola, Valkeala", NameLanguage::fi);
    CHECK(p.municipalities == std::vector<Place>{{"286", "Kouvola"}});
    CHECK(has_note(p, "area-former-municipality"));
  }
  SUBCASE("an unknown name is kept as written, with a note") {
    Places p = resolve_places("Kuopio, Kuopion seutu", NameLanguage::fi);
    CHECK(codes(p.municipalities) == Strings{"297"});
    CHECK(p.unmatched == Strings{"Kuopion seutu"});
    REQUIRE(p.notes.size() == 1);
    CHECK(p.notes[0].code == "area-unknown-name");
    CHECK(p.notes[0].message.find("Kuopion seutu") != std::string::npos);
  }
  SUBCASE("an unknown name keeps its inner spacing collapsed and loses a final period") {
    Places p = resolve_places("Atlantis   City.", NameLanguage::fi);
    CHECK(p.unmatched == Strings{"Atlantis City"});
  }
  SUBCASE("duplicates are dropped") {
    Places p = resolve_places("Kuopio, Kuopio, KUOPIO ja Kuopio", NameLanguage::fi);
    CHECK(codes(p.municipalities) == Strings{"297"});
    Places u = resolve_places("Atlantis, Atlantis", NameLanguage::fi);
    CHECK(u.unmatched == Strings{"Atlantis"});
    CHECK(u.notes.size() == 1);
  }
  SUBCASE("semicolons, slashes and line breaks separate names too") {
    Places p = resolve_places("Hyrynsalmi; Kajaani/Kuhmo\nPaltamo", NameLanguage::fi);
    CHECK(codes(p.municipalities) == Strings{"105", "205", "290", "578"});
  }
  SUBCASE("nothing") {
    Places p = resolve_places("", NameLanguage::fi);
    CHECK(p.municipalities.empty());
    CHECK(p.unmatched.empty());
    CHECK(p.notes.empty());
    CHECK_FALSE(p.nationwide);
  }
}

TEST_CASE("normalize::merge_places") {
  Places a = resolve_places("Kuopio, Atlantis", NameLanguage::fi);
  Places b = resolve_places("Kuopio, Kajaani, Atlantis, Koko maa", NameLanguage::fi);
  merge_places(a, b);
  CHECK(codes(a.municipalities) == Strings{"297", "205"});
  CHECK(a.unmatched == Strings{"Atlantis"});
  CHECK(a.nationwide);
  CHECK(a.notes.size() == 2); // the notes of both, as given
}

TEST_CASE("normalize::parse_municipality_count") {
  SUBCASE("the chips of suomi.fi in three languages") {
    CHECK(parse_municipality_count("7 kuntaa") == std::optional<int>(7));
    CHECK(parse_municipality_count("1 kunta") == std::optional<int>(1));
    CHECK(parse_municipality_count("3 kommuner") == std::optional<int>(3));
    CHECK(parse_municipality_count("1 kommun") == std::optional<int>(1));
    CHECK(parse_municipality_count("12 municipalities") == std::optional<int>(12));
    CHECK(parse_municipality_count("1 municipality") == std::optional<int>(1));
  }
  SUBCASE("case and spaces") {
    CHECK(parse_municipality_count("  7   KUNTAA ") == std::optional<int>(7));
  }
  SUBCASE("anything else") {
    CHECK_FALSE(parse_municipality_count("Kuopio").has_value());
    CHECK_FALSE(parse_municipality_count("kuntaa").has_value());
    CHECK_FALSE(parse_municipality_count("0 kuntaa").has_value());
    CHECK_FALSE(parse_municipality_count("-3 kuntaa").has_value());
    CHECK_FALSE(parse_municipality_count("7 kuntaa ja 2 kaupunkia").has_value());
    CHECK_FALSE(parse_municipality_count("7").has_value());
    CHECK_FALSE(parse_municipality_count("Julkinen palvelu").has_value());
    CHECK_FALSE(parse_municipality_count("").has_value());
  }
}

// Names are matched ignoring case, but the conjunctions that split a list are matched in lower
// case only: "Sotkamo JA Suomussalmi" is kept whole as an unknown name.
TEST_CASE("normalize::resolve_places: a conjunction in capitals") {
  Places p = resolve_places("Hyrynsalmi, Kajaani, Kuhmo, Paltamo, Ristijärvi, Sotkamo JA Suomussalmi",
                            NameLanguage::fi);
  CHECK(codes(p.municipalities) == Strings{"105", "205", "290", "578", "697", "765", "777"});
  CHECK(p.unmatched.empty());
}
