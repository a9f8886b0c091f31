#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::normalize {

// An organisation that pages name without a label: a ministry, a national agency, a wellbeing
// services county, the City of Helsinki, or a joint municipal authority by its brand
// (lib/data/organisations.csv, lib/data/wellbeing_services_counties.csv).
struct Organisation {
  std::string key;  // "stm", "kymsote", "county-10"
  std::string kind; // ministry, agency, wellbeing_services_county, municipality,
                    // joint_municipal_authority
  std::string name_fi;
  std::string name_sv;
  std::string name_en;
  std::vector<std::string> brands;       // "Kymsote", "Siun sote"
  std::vector<std::string> web_domains;  // "stm.fi"
  std::vector<std::string> mail_domains; // "stm.fi"
  std::string successor_county;          // county code that took over, for a defunct one
  std::string ended;                     // YYYY-MM-DD, for a defunct one
};

// The registry, built once; immutable and safe to share between threads.
class OrganisationRegistry {
public:
  static const OrganisationRegistry& builtin();

  // By any of its names or brands, ignoring case: "STM", "sosiaali- ja terveysministeriö".
  const Organisation* by_name(std::string_view name) const;
  // By the domain of an e-mail address ("etunimi.sukunimi@stm.fi"); nullptr for shared domains
  // such as gov.fi.
  const Organisation* by_mail_domain(std::string_view domain) const;
  // By a web host ("stm.fi", "www.stm.fi", "sote.kainuu.fi").
  const Organisation* by_host(std::string_view host) const;
  // By a word or two of running text in any Finnish case of a name or brand: "Kymsotesta",
  // "Kymsoten", "Siun soten", "STM:n". `text` is one or two words.
  const Organisation* by_inflected(std::string_view text) const;
  const Organisation* by_key(std::string_view key) const;
  // True if some name or brand of two words starts with `word` ("Siun", "Kainuun"): only then is
  // it worth looking a word pair up with by_inflected().
  bool starts_two_word_name(std::string_view word) const;

  std::span<const Organisation> all() const { return m_all; }

private:
  OrganisationRegistry();
  std::vector<Organisation> m_all;
  struct Index;
  std::shared_ptr<const Index> m_index;
};

// The Finnish case forms of a name (its last word inflected; no consonant gradation, which brands
// and acronyms do not have): "Kymsote" -> Kymsoten, Kymsotea, Kymsotessa, Kymsotesta, Kymsoteen,
// Kymsotella, Kymsotelta, Kymsotelle, Kymsoteksi, ...; "STM" -> STM:n, STM:ssä, STM:stä, ...
std::vector<std::string> finnish_case_forms(std::string_view name);

} // namespace svcdesc::normalize
