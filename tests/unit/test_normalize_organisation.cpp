// The organisation registry: names, brands and their Finnish case forms as pages write them.

#include <svcdesc/normalize/organisation.hpp>
#include <svcdesc/text/morphology.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace svcdesc::normalize;

namespace {
bool has(const std::vector<std::string>& forms, std::string_view form) {
  return std::find(forms.begin(), forms.end(), form) != forms.end();
}
} // namespace

TEST_CASE("normalize::finnish_case_forms") {
  auto kymsote = finnish_case_forms("Kymsote");
  CHECK(has(kymsote, "Kymsoten"));
  CHECK(has(kymsote, "Kymsotessa"));
  CHECK(has(kymsote, "Kymsotesta"));
  CHECK(has(kymsote, "Kymsoteen"));
  auto kela = finnish_case_forms("Kela");
  CHECK(has(kela, "Kelan"));
  CHECK(has(kela, "Kelaan"));
  CHECK(has(kela, "Kelassa")); // back vowels
  CHECK(has(finnish_case_forms("Siun sote"), "Siun soten"));
  CHECK(has(finnish_case_forms("STM"), "STM:n"));
  CHECK(has(finnish_case_forms("Kaksineuvoinen"), "Kaksineuvoisessa"));
  CHECK(has(finnish_case_forms("Traficom"), "Traficomin"));
}

TEST_CASE("normalize::OrganisationRegistry") {
  const auto& reg = OrganisationRegistry::builtin();
  SUBCASE("the twelve ministries") {
    int ministries = 0;
    for (const Organisation& o : reg.all())
      ministries += o.kind == "ministry";
    CHECK(ministries == 12);
  }
  SUBCASE("by name, brand and case form") {
    REQUIRE(reg.by_name("sosiaali- ja terveysministeriö") != nullptr);
    CHECK(reg.by_name("sosiaali- ja terveysministeriö")->key == "stm");
    CHECK(reg.by_name("Social- och hälsovårdsministeriet")->key == "stm");
    CHECK(reg.by_inflected("Kymsotesta")->key == "kymsote");
    CHECK(reg.by_inflected("Siun soten")->key == "siun_sote");
    CHECK(reg.by_inflected("THL:n")->key == "thl");
    CHECK(reg.by_inflected("Perhekeskus") == nullptr);
  }
  SUBCASE("by mail domain and host") {
    CHECK(reg.by_mail_domain("stm.fi")->key == "stm");
    CHECK(reg.by_mail_domain("gov.fi") == nullptr); // names no ministry
    CHECK(reg.by_host("www.kela.fi")->key == "kela");
    CHECK(reg.by_host("valtioneuvosto.fi") == nullptr);
  }
  SUBCASE("a joint municipal authority and the county that took over") {
    const Organisation* k = reg.by_name("Kaksineuvoinen");
    REQUIRE(k != nullptr);
    CHECK(k->successor_county == "16");
    CHECK(k->ended == "2022-12-31");
  }
  SUBCASE("the wellbeing services counties are there") {
    REQUIRE(reg.by_name("Kymenlaakson hyvinvointialue") != nullptr);
    CHECK(reg.by_name("Kymenlaakson hyvinvointialue")->kind == "wellbeing_services_county");
  }
}

TEST_CASE("text::Morphology lemmatizes place names with Voikko") {
  const auto* morph = svcdesc::text::Morphology::finnish();
  REQUIRE(morph != nullptr); // voikko-fi is a dependency: a missing dictionary must fail the tests
  CHECK(morph->baseforms("Haminassa", "paikannimi") == std::vector<std::string>{"Hamina"});
  CHECK(morph->baseforms("Kouvolan", "paikannimi") == std::vector<std::string>{"Kouvola"});
  CHECK(morph->baseforms("Valkealassa", "paikannimi") == std::vector<std::string>{"Valkeala"});
  CHECK(morph->baseforms("perhekeskus", "paikannimi").empty());
  CHECK_FALSE(morph->baseforms("Marjaana", "etunimi").empty());
}
