#include <svcdesc/text/langid.hpp>

#include <doctest/doctest.h>

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
