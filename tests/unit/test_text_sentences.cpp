#include <svcdesc/text/sentences.hpp>

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

using svcdesc::text::split_sentences;
using Sentences = std::vector<std::string_view>;

TEST_CASE("text::split_sentences") {
  SUBCASE("sentences of a real conditions section") {
    CHECK(split_sentences("Perhekoulu kokoontuu 10 viikon ajan, kerran viikossa. Se on perheille "
                          "maksuton. Perhekouluun ilmoittaudutaan yhteyshenkilöiden kautta.") ==
          Sentences{"Perhekoulu kokoontuu 10 viikon ajan, kerran viikossa.",
                    "Se on perheille maksuton.",
                    "Perhekouluun ilmoittaudutaan yhteyshenkilöiden kautta."});
  }
  SUBCASE("a sentence that starts with a capital with a diacritic") {
    CHECK(split_sentences("Palvelu on maksuton. Äitiysneuvola on erikseen.") ==
          Sentences{"Palvelu on maksuton.", "Äitiysneuvola on erikseen."});
  }
  SUBCASE("a sentence that starts with a digit") {
    CHECK(split_sentences("Maksu peritään. 12 euroa per käynti.") ==
          Sentences{"Maksu peritään.", "12 euroa per käynti."});
  }
  SUBCASE("abbreviations do not end a sentence") {
    CHECK(split_sentences("Soita esim. Perhekeskukseen. Kiitos.") ==
          Sentences{"Soita esim. Perhekeskukseen.", "Kiitos."});
    CHECK(split_sentences("Neuvotteleva virkamies Marjaana Pelkonen, p. 0295 163 331.") ==
          Sentences{"Neuvotteleva virkamies Marjaana Pelkonen, p. 0295 163 331."});
    CHECK(split_sentences("Avoinna klo 8.00 - 16.00 arkisin. Tervetuloa.") ==
          Sentences{"Avoinna klo 8.00 - 16.00 arkisin.", "Tervetuloa."});
    CHECK(split_sentences("Ring t.ex. Familjecentralen. Tack.") ==
          Sentences{"Ring t.ex. Familjecentralen.", "Tack."});
  }
  SUBCASE("an initial does not end a sentence") {
    CHECK(split_sentences("Ota yhteyttä Marjo M. Maljaan.") ==
          Sentences{"Ota yhteyttä Marjo M. Maljaan."});
  }
  SUBCASE("a lower-case word after a period does not start a sentence") {
    CHECK(split_sentences("Versio 2. painos on uusi.") == Sentences{"Versio 2. painos on uusi."});
  }
  SUBCASE("question and exclamation marks") {
    CHECK(split_sentences("Onko palvelu maksuton? Kyllä on!") ==
          Sentences{"Onko palvelu maksuton?", "Kyllä on!"});
  }
  SUBCASE("one sentence without a final period, and nothing") {
    CHECK(split_sentences("  Palvelu on maksuton  ") == Sentences{"Palvelu on maksuton"});
    CHECK(split_sentences("").empty());
  }
}
