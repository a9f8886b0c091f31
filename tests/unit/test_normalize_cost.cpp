#include <svcdesc/normalize/cost.hpp>

#include <doctest/doctest.h>

#include <string_view>

using svcdesc::normalize::classify_cost;
using svcdesc::normalize::CostSignal;

namespace {

bool is_free(std::string_view s) {
  CostSignal c = classify_cost(s);
  return c.free && !c.charged;
}
bool is_charged(std::string_view s) {
  CostSignal c = classify_cost(s);
  return c.charged && !c.free;
}
bool is_mixed(std::string_view s) {
  CostSignal c = classify_cost(s);
  return c.charged && c.free;
}
bool says_nothing(std::string_view s) {
  CostSignal c = classify_cost(s);
  return !c.charged && !c.free;
}

} // namespace

TEST_CASE("normalize::classify_cost") {
  SUBCASE("free, in Finnish") {
    CHECK(is_free("Palvelu on maksuton."));
    CHECK(is_free("Se on perheille maksuton."));
    CHECK(is_free("Palvelu on asiakkaalle maksutonta."));
    CHECK(is_free("Vertaisryhmät ovat maksuttomia."));
    CHECK(is_free("Palvelun saa ilmaiseksi."));
    CHECK(is_free("Palvelusta ei peritä maksua."));
    CHECK(is_free("Asiakkaalta ei peritä asiakasmaksua."));
    CHECK(is_free("Palvelun saa maksutta."));
    CHECK(is_free("0 €"));
    CHECK(is_free("Osallistuminen 0 €."));
    CHECK(is_free("Osallistuminen 0,00 euroa."));
  }
  SUBCASE("charged, in Finnish") {
    CHECK(is_charged("Palvelu on asiakkaalle maksullinen."));
    CHECK(is_charged("Asiakasmaksu on 20 euroa."));
    CHECK(is_charged("Maksu 12,50 €"));
    CHECK(is_charged("Käynnistä peritään 30 euron maksu."));
    CHECK(is_charged("Kotipalvelusta peritään asiakasmaksulain mukainen maksu."));
    CHECK(is_charged("Lääkärintodistus maksaa 50 €."));
    CHECK(is_charged("Hinta 0,50 €"));
    CHECK(is_charged("Hinta 50,00 €"));
    CHECK(is_charged("Kurssi 20€"));
  }
  SUBCASE("free, in Swedish") {
    CHECK(is_free("Tjänsten är avgiftsfri."));
    CHECK(is_free("Familjearbetet är avgiftsfritt för familjen."));
    CHECK(is_free("Tjänsten är kostnadsfri."));
    CHECK(is_free("Tjänsten är gratis."));
    CHECK(is_free("Ingen avgift tas ut."));
  }
  SUBCASE("charged, in Swedish") {
    CHECK(is_charged("Avgiften är 30 euro."));
    CHECK(is_charged("För hemservice tas en avgift ut enligt avgiftstabellen, 12 euro per besök."));
    CHECK(is_charged("Besöket kostar 25 euro."));
  }
  SUBCASE("free, in English") {
    CHECK(is_free("The service is free of charge."));
    CHECK(is_free("Applying for child benefit is free of charge."));
    CHECK(is_free("The service is free."));
    CHECK(is_free("There is no fee."));
    CHECK(is_free("You can use the service at no cost."));
  }
  SUBCASE("charged, in English") {
    CHECK(is_charged("There is a fee of 20 euros."));
    CHECK(is_charged("The price is 15 €."));
    CHECK(is_charged("A fee is charged for the certificate."));
  }
  SUBCASE("both in one sentence") {
    CHECK(is_mixed("Käynti on maksuton, mutta lääkärintodistuksesta peritään 30 euron maksu."));
    CHECK(is_mixed("Neuvonta on maksutonta, kotipalvelun asiakasmaksu on 12 euroa."));
    CHECK(is_mixed("Rådgivningen är avgiftsfri, men för hemservice tas en avgift ut."));
  }
  SUBCASE("case does not matter") {
    CHECK(is_free("PALVELU ON MAKSUTON."));
    CHECK(is_charged("ASIAKASMAKSU ON 20 EUROA."));
  }
  SUBCASE("sentences about something else say nothing") {
    CHECK(says_nothing("Ota yhteyttä oman paikkakuntasi perhekeskukseen."));
    CHECK(says_nothing("Perhekoulu kokoontuu 10 viikon ajan, kerran viikossa."));
    CHECK(says_nothing("Tavallisesti ryhmään valitaan 4-15 osallistujaa."));
    CHECK(says_nothing("Child Benefit Act (796/1992)."));
    CHECK(says_nothing("Kontakta familjearbetets rådgivning per telefon."));
    CHECK(says_nothing(""));
  }
  SUBCASE("the verb ilmaista (to express) is not ilmainen (free)") {
    CHECK(says_nothing("Voit ilmaista toiveesi perhetyöntekijälle."));
  }
}

// The free-word stem "ilmaise" also matches forms of the verb ilmaista ("to express"): a sentence
// that says nothing about price is classified as free.
TEST_CASE("normalize::classify_cost: ilmaisee is not ilmainen") {
  CHECK(says_nothing("Lapsi ilmaisee tunteitaan leikin kautta."));
}

// A price word with a zero amount is a free service: "Maksu 0 €" says the fee is nothing.
TEST_CASE("normalize::classify_cost: a zero price is free") {
  CHECK(is_free("Maksu 0 €"));
  CHECK(is_free("Hinta 0 euroa."));
}

// "Det kostar ingenting" (it costs nothing) negates after the verb, not before it.
TEST_CASE("normalize::classify_cost: kostar ingenting is free") {
  CHECK(is_free("Det kostar ingenting."));
}

// The stems of ilmainen cover "ilmainen" and "ilmaise-" (ilmaiseksi) but not the plural forms:
// "ilmaisia" (free, plural partitive) says nothing.
TEST_CASE("normalize::classify_cost: ilmaisia is free") {
  CHECK(is_free("Neuvolakäynnit ovat ilmaisia."));
  CHECK(is_free("Perhekeskuksen palvelut ovat ilmaisia."));
}

// "maksaa" means "costs" but also "pays": on a Kela page, "Kela maksaa lapsilisää" (Kela pays
// child benefit) is about a benefit paid to the family, not a price, yet it reads as charged.
// "ei maksa mitään" (costs nothing) reads as nothing at all.
TEST_CASE("normalize::classify_cost: maksaa as pays and ei maksa mitään as free") {
  CHECK(says_nothing("Kela maksaa lapsilisää jokaisesta lapsesta."));
  CHECK(is_free("Palvelu ei maksa asiakkaalle mitään."));
}
