#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace svcdesc::normalize {

struct Municipality {
  std::string code; // three digits, "049"
  std::string name_fi;
  std::string name_sv;
  std::string name_en;
  std::string region_code;
  std::string county_code;
};

struct Region {
  std::string code; // two digits, "18"
  std::string name_fi;
  std::string name_sv;
  std::string name_en;
};

struct County {
  std::string code; // two digits, "18"; 90 is the City of Helsinki, 91 Åland
  std::string name_fi;
  std::string name_sv;
  std::string name_en;
  std::string region_code;
};

struct FormerMunicipality {
  std::string code;
  std::string name_fi;
  std::string name_sv; // empty when the same as the Finnish name or not known
  int year = 0;        // 0 when not known
  const Municipality* successor = nullptr;
};

struct Language {
  std::string code; // PTV code: "fi", "se", "smn", "sgn-fi"
  std::string name_fi;
  std::string name_sv;
  std::string name_en;
};

// A value of a PTV code list ("ServiceType", "ServiceFundingType", "AreaInformationType", ...).
struct PtvCode {
  std::string list;
  std::string code;
  std::string name_fi;
  std::string name_sv;
  std::string name_en;
};

// The official reference data compiled into the library (lib/data/, see its README): municipalities,
// regions, wellbeing services counties, former municipalities, languages and PTV code lists.
// Look-ups by name accept the Finnish, Swedish and English names, ignore case, spacing and dash
// style, and fall back to a comparison without diacritics when that is unambiguous. Each returns
// nullptr when nothing matches. The object is immutable and safe to share between threads.
class RefData {
public:
  // The built-in tables, parsed once on first use.
  static const RefData& builtin();

  const Municipality* municipality(std::string_view name) const;
  const Municipality* municipality_by_code(std::string_view code) const;
  const Region* region(std::string_view name) const;
  const Region* region_by_code(std::string_view code) const;
  const County* county(std::string_view name) const;
  const County* county_by_code(std::string_view code) const;
  const FormerMunicipality* former_municipality(std::string_view name) const;
  // By code ("sv") or by name in any of the three languages ("ruotsi", "svenska", "Swedish").
  const Language* language(std::string_view name_or_code) const;
  const Language* language_by_code(std::string_view code) const;
  // By the value's name in any language, within one list.
  const PtvCode* ptv_code(std::string_view list, std::string_view name) const;

  // A cheap first test for words of running text: false when no municipality, current or former,
  // has a name starting with the same three letters as `word` (inflection keeps those: Haminassa,
  // Turun, Lahden), so the word need not be lemmatized or looked up.
  bool may_name_municipality(std::string_view word) const;

  std::span<const Municipality> municipalities() const;
  std::span<const Region> regions() const;
  std::span<const County> counties() const;
  std::span<const Language> languages() const;

  RefData(const RefData&) = delete;
  RefData& operator=(const RefData&) = delete;
  ~RefData();

private:
  RefData();
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace svcdesc::normalize
