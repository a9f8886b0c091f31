#pragma once

#include <svcdesc/core/result.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// A problem in a reference table: the file, its 1-based line (0 for the file as a whole), what.
struct TableProblem {
  std::string file;
  int line = 0;
  std::string message;
};

// One table of the loaded reference data, for `svcdesc refdata`.
struct TableInfo {
  std::string file;   // "municipalities.csv"
  std::string origin; // "built-in" or the path it was read from
  size_t rows = 0;
};

// The official reference data compiled into the library (lib/data/, see its README): municipalities,
// regions, wellbeing services counties, former municipalities, languages and PTV code lists.
// Look-ups by name accept the Finnish, Swedish and English names, ignore case, spacing and dash
// style, and fall back to a comparison without diacritics when that is unambiguous. Each returns
// nullptr when nothing matches. The object is immutable and safe to share between threads.
class RefData {
public:
  // The tables in use: those given to install(), else the built-in ones, parsed once on first use.
  static const RefData& builtin();

  // Reads the tables from the directory `dir`: each table file found there (by its name in
  // lib/data/: municipalities.csv, regions.csv, ...) replaces the built-in one, the others stay
  // built-in. Every table is checked as check_table() does, and so are the references between
  // them (a municipality's region, a former municipality's successor); any problem is an error and
  // nothing is loaded. `vintage` names the data in --version and records ("2026"); the file
  // VINTAGE in `dir`, when present, gives it, else it is "custom".
  static Result<std::unique_ptr<RefData>> from_directory(const std::string& dir,
                                                         std::vector<TableProblem>& problems);
  // Makes `data` the tables builtin() returns. Call it before anything is parsed, from one thread.
  static void install(std::unique_ptr<RefData> data);

  // The year of the municipality classification ("2025" for the built-in tables), or what the
  // VINTAGE file of a --refdata directory says.
  const std::string& vintage() const;
  std::vector<TableInfo> tables() const;

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

  struct Texts;

private:
  friend std::vector<TableProblem> check_table(std::string_view file_name, std::string_view text);
  explicit RefData(const Texts& texts);
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Checks one table file before it is used (`svcdesc refdata check`): which table it is, by its
// header; every row (column count, code formats, names present, codes unique); and, with the
// other tables in use, the references between tables, both ways (a new municipality list that
// drops a code the former-municipality table still points to is a problem). Returns the problems,
// empty when the file can replace the table of its name.
std::vector<TableProblem> check_table(std::string_view file_name, std::string_view text);

} // namespace svcdesc::normalize
