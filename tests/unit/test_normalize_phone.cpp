// Phone numbers and e-mail addresses as the seeds and other public-sector pages write them.

#include <svcdesc/normalize/phone.hpp>

#include <doctest/doctest.h>

using namespace svcdesc::normalize;

TEST_CASE("normalize::to_e164") {
  CHECK(to_e164("0295 163 331") == "+358295163331");
  CHECK(to_e164("040 549 9734") == "+358405499734");
  CHECK(to_e164("040-5499734") == "+358405499734");
  CHECK(to_e164("(09) 771 2644") == "+35897712644");
  CHECK(to_e164("+358 (0)295 163 331") == "+358295163331");
  CHECK(to_e164("+358 40 549 9734") == "+358405499734");
  CHECK(to_e164("00358 40 549 9734") == "+358405499734");
  CHECK(to_e164("+46 8 123 456 78") == "+46812345678");
  SUBCASE("not numbers") {
    CHECK_FALSE(to_e164("0295 163 xxx").has_value()); // masked: never completed
    CHECK_FALSE(to_e164("734/1992x").has_value());
    CHECK_FALSE(to_e164("123").has_value());
    CHECK_FALSE(to_e164("0000 000").has_value());
  }
}

TEST_CASE("normalize::find_phones") {
  SUBCASE("the ministry contact line of seed 001") {
    auto p = find_phones("Neuvotteleva virkamies Marjaana Pelkonen, p. 0295 163 331, etunimi.sukunimi@stm.fi");
    REQUIRE(p.size() == 1);
    CHECK(p[0].written == "0295 163 331");
    CHECK(p[0].e164 == "+358295163331");
    CHECK_FALSE(p[0].masked);
  }
  SUBCASE("a masked number is kept as written") {
    auto p = find_phones("Neuvotteleva virkamies Marjo Malja, p. 0295 163 xxx, etunimi.sukunimi@stm.fi");
    REQUIRE(p.size() == 1);
    CHECK(p[0].written == "0295 163 xxx");
    CHECK(p[0].masked);
    CHECK_FALSE(p[0].e164.has_value());
  }
  SUBCASE("labels glued and spaced") {
    CHECK(find_phones("Puh:040 064 7990").at(0).e164 == "+358400647990");
    CHECK(find_phones("puh. 040 549 9734").at(0).e164 == "+358405499734");
    CHECK(find_phones("Tfn 09 310 5015").at(0).e164 == "+35893105015");
  }
  SUBCASE("law numbers, years and dates are not phones") {
    CHECK(find_phones("Lapsilisälaki (796/1992) tuli voimaan 1.1.1994.").empty());
    CHECK(find_phones("Hanke 2020-2022 jatkuu.").empty());
  }
}

TEST_CASE("normalize::find_emails") {
  SUBCASE("an address pattern is not a person's address") {
    auto e = find_emails("Marjaana Pelkonen, p. 0295 163 331, etunimi.sukunimi@stm.fi");
    REQUIRE(e.size() == 1);
    CHECK(e[0].address == "etunimi.sukunimi@stm.fi");
    CHECK(e[0].pattern);
  }
  SUBCASE("(at) and (a) spellings") {
    CHECK(find_emails("julia.ekola(at)kaksineuvoinen.fi").at(0).address == "julia.ekola@kaksineuvoinen.fi");
    CHECK(find_emails("kirjaamo (a) kouvola.fi").at(0).address == "kirjaamo@kouvola.fi");
    CHECK(find_emails("Mari.Nieminen@Kymsote.fi.").at(0).address == "mari.nieminen@kymsote.fi");
  }
  CHECK(find_emails("Ota yhteyttä perhekeskukseen.").empty());
}

TEST_CASE("normalize::find_emails: a plain 'at' is not an address") {
  // From a real Siun sote page: "opened for reservation on Mondays at 8.00".
  CHECK(find_emails("Vaccination times are opened for reservation on Mondays at 8.00.").empty());
  CHECK(find_emails("kirjaamo at kouvola.fi").empty());
}
