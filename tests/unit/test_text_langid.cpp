#include <svcdesc/text/langid.hpp>

#include <doctest/doctest.h>

#include <string>

using svcdesc::text::detect_language;

TEST_CASE("text::detect_language") {
  SUBCASE("Finnish from a real page") {
    CHECK(detect_language("Perhekeskus kokoaa sateenvarjonsa alle lähes kaikki lapsiperheiden "
                          "palvelut. Se on kokonaisuus, johon kuuluu useiden verkostojen "
                          "toimijoita ja myös digitaalisia, perheille suunnattuja verkkopalveluja "
                          "Kymsoten alueella.") == "fi");
  }
  SUBCASE("Swedish") {
    CHECK(detect_language("Familjearbetet är avgiftsfritt för familjen. Du kan också be om "
                          "familjearbete via rådgivningen eller socialarbetaren.") == "sv");
  }
  SUBCASE("English") {
    CHECK(detect_language("You can get child benefit if the child lives in Finland and is "
                          "covered by Finnish social security.") == "en");
  }
  SUBCASE("capitals do not matter") {
    CHECK(detect_language("THE CHILD AND THE PARENT ARE ELIGIBLE FOR THIS") == "en");
  }
  SUBCASE("too little text says nothing") {
    CHECK(detect_language("").empty());
    CHECK(detect_language("Perhetyö").empty());
    CHECK(detect_language("Kuopio, Kajaani, Kuhmo").empty());
  }
}

TEST_CASE("text::detect_language: a navigation block in other languages does not decide") {
  // Older ministry pages open with "this page is in Finnish" in several languages.
  std::string page =
      "Diese Seite ist nur auf Finnisch verfügbar. Cette page n'existe qu'en finnois. "
      "Esta página solo está disponible en finés.\n"
      "Familjearbetet stöder barnfamiljer i vardagen när föräldrarnas egna resurser inte räcker "
      "till. Familjearbetaren kommer hem till familjen och arbetar tillsammans med föräldrarna och "
      "barnen enligt en plan som görs upp tillsammans. Arbetet pågår i regel tre till sex månader.";
  CHECK(svcdesc::text::detect_language(page) == "sv");
}
