#include <svcdesc/normalize/language.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using svcdesc::normalize::Languages;
using svcdesc::normalize::resolve_languages;
using Codes = std::vector<std::string>;

TEST_CASE("normalize::resolve_languages") {
  SUBCASE("one Finnish name, as on a real page") {
    Languages l = resolve_languages("suomi");
    CHECK(l.codes == Codes{"fi"});
    CHECK(l.notes.empty());
  }
  SUBCASE("a comma list without spaces, capitalised") {
    Languages l = resolve_languages("Suomi,Ruotsi,Englanti");
    CHECK(l.codes == Codes{"fi", "sv", "en"});
    CHECK(l.notes.empty());
  }
  SUBCASE("Swedish names") {
    CHECK(resolve_languages("finska, svenska").codes == Codes{"fi", "sv"});
    CHECK(resolve_languages("finska och svenska").codes == Codes{"fi", "sv"});
  }
  SUBCASE("English names with and") {
    CHECK(resolve_languages("Finnish and Swedish").codes == Codes{"fi", "sv"});
    CHECK(resolve_languages("Finnish, Swedish, English, Northern Sami").codes ==
          Codes{"fi", "sv", "en", "se"});
  }
  SUBCASE("Finnish names with ja and sekä") {
    CHECK(resolve_languages("suomi ja ruotsi").codes == Codes{"fi", "sv"});
    CHECK(resolve_languages("suomi, ruotsi sekä englanti").codes == Codes{"fi", "sv", "en"});
  }
  SUBCASE("the Sami languages and sign language") {
    CHECK(resolve_languages("pohjoissaame").codes == Codes{"se"});
    CHECK(resolve_languages("inarinsaame").codes == Codes{"smn"});
    CHECK(resolve_languages("koltansaame").codes == Codes{"sms"});
    CHECK(resolve_languages("viittomakieli").codes == Codes{"sgn-fi"});
    CHECK(resolve_languages("nordsamiska").codes == Codes{"se"});
    CHECK(resolve_languages("Finnish Sign Language").codes == Codes{"sgn-fi"});
  }
  SUBCASE("codes are accepted as names") {
    CHECK(resolve_languages("fi, sv").codes == Codes{"fi", "sv"});
  }
  SUBCASE("the order written is kept and duplicates are dropped") {
    CHECK(resolve_languages("ruotsi, suomi, svenska, Swedish").codes == Codes{"sv", "fi"});
  }
  SUBCASE("an unknown name gives a note and is skipped") {
    Languages l = resolve_languages("suomi, klingon");
    CHECK(l.codes == Codes{"fi"});
    REQUIRE(l.notes.size() == 1);
    CHECK(l.notes[0].code == "language-unknown");
    CHECK(l.notes[0].message.find("klingon") != std::string::npos);
  }
  SUBCASE("nothing") {
    Languages l = resolve_languages("");
    CHECK(l.codes.empty());
    CHECK(l.notes.empty());
  }
}

// Language names are matched ignoring case, but " ja " / " och " / " and " only in lower case:
// "Suomi Ja Ruotsi" is one unknown name.
TEST_CASE("normalize::resolve_languages: a conjunction in capitals") {
  Languages l = resolve_languages("Suomi Ja Ruotsi");
  CHECK(l.codes == Codes{"fi", "sv"});
  CHECK(l.notes.empty());
}
