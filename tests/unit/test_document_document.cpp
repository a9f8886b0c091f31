#include <svcdesc/document/document.hpp>
#include <svcdesc/text/utf8.hpp>

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using svcdesc::document::Document;
using svcdesc::document::Line;

namespace {

std::vector<std::string_view> texts(const Document& doc) {
  std::vector<std::string_view> out;
  for (const Line& l : doc.lines())
    out.push_back(l.text);
  return out;
}

} // namespace

TEST_CASE("document::Document lines") {
  SUBCASE("numbered from 1, trimmed, blank lines kept") {
    Document doc("suomi.fi\nSiirry suoraan sisältöön.\n  \nPerhetyö  ");
    REQUIRE(doc.lines().size() == 4);
    CHECK(texts(doc) == std::vector<std::string_view>{"suomi.fi", "Siirry suoraan sisältöön.", "",
                                                      "Perhetyö"});
    for (size_t i = 0; i < doc.lines().size(); ++i)
      CHECK(doc.lines()[i].number == static_cast<int>(i) + 1);
    CHECK(doc.lines()[2].blank());
    CHECK_FALSE(doc.lines()[3].blank());
  }
  SUBCASE("a final newline does not add an empty line") {
    CHECK(Document("a\nb\n").lines().size() == 2);
    CHECK(Document("a\nb").lines().size() == 2);
    CHECK(Document("a\nb\n\n").lines().size() == 3);
  }
  SUBCASE("the text is kept") {
    Document doc("a\n b");
    CHECK(doc.text() == "a\n b");
    CHECK(doc.lines()[1].text.data() == doc.text().data() + 3); // lines point into the text
  }
  SUBCASE("empty text") {
    Document doc("");
    CHECK(doc.next_nonblank(0) == doc.lines().size());
  }
}

TEST_CASE("document::Document bullets") {
  SUBCASE("the chips of a suomi.fi page") {
    Document doc("  • Palvelu\n  • 7 kuntaa\n  • Julkinen palvelu");
    REQUIRE(doc.lines().size() == 3);
    for (const Line& l : doc.lines())
      CHECK(l.bullet);
    CHECK(texts(doc) == std::vector<std::string_view>{"Palvelu", "7 kuntaa", "Julkinen palvelu"});
  }
  SUBCASE("a bullet at the margin") {
    Document doc("• äitiys- ja lastenneuvolan\n▪ perhetyö");
    CHECK(doc.lines()[0].bullet);
    CHECK(doc.lines()[0].text == "äitiys- ja lastenneuvolan");
    CHECK(doc.lines()[1].bullet);
    CHECK(doc.lines()[1].text == "perhetyö");
  }
  SUBCASE("an indented dash or asterisk is a list item") {
    Document doc("  - kotipalvelu\n  * perheneuvola\n  – lastensuojelu");
    for (const Line& l : doc.lines())
      CHECK(l.bullet);
    CHECK(texts(doc) == std::vector<std::string_view>{"kotipalvelu", "perheneuvola", "lastensuojelu"});
  }
  SUBCASE("a dash at the margin opens a quotation, not a list (real Kymsote release)") {
    Document doc("– Perhekeskus tarjoaa meille hyvät verkosto- ja yhteistyömahdollisuudet.\n"
                 "-Verkkopalveluiden hyödyt ovat olleet parempi saavutettavuus");
    CHECK_FALSE(doc.lines()[0].bullet);
    CHECK(doc.lines()[0].text.starts_with("– Perhekeskus"));
    CHECK_FALSE(doc.lines()[1].bullet);
  }
  SUBCASE("a marker needs a space after it") {
    Document doc("  -5 astetta\n  •Palvelu");
    CHECK_FALSE(doc.lines()[0].bullet);
    CHECK_FALSE(doc.lines()[1].bullet);
  }
}

TEST_CASE("document::Document::next_nonblank") {
  Document doc("a\n\n  \nb\n");
  CHECK(doc.next_nonblank(0) == 0);
  CHECK(doc.next_nonblank(1) == 3);
  CHECK(doc.next_nonblank(4) == doc.lines().size());
}

TEST_CASE("document::Document on a real sample") {
  Document doc(svcdesc::text::clean_text(
      svcdesc::test::read_source_file("samples/suomifi-fi-vertaistukitoiminta.txt")));
  const auto& lines = doc.lines();
  REQUIRE(lines.size() == 50); // no trailing newline in the file
  CHECK(lines[0].text == "suomi.fi");
  CHECK(lines[2].text == "Vastuuorganisaatio Kainuun sosiaali- ja terveydenhuollon kuntayhtymä");
  CHECK(lines[4].text == "Sosiaalihuollon vertaistukitoiminta");
  CHECK(lines[7].bullet);
  CHECK(lines[7].text == "7 kuntaa");
  CHECK(lines[7].number == 8);
  CHECK(lines[49].text == "Päivitetty: 6.2.2020");
}
