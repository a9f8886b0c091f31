#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/utf8.hpp>

#include <svcdesc/core/atomic_file.hpp>

#include "embedded_data.hpp"

#include <unistd.h>

#include <deque>
#include <stdexcept>
#include <string>
#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace svcdesc::normalize {
namespace {

enum Table : size_t { t_municipalities, t_regions, t_counties, t_abolished, t_languages, t_ptv_codes, k_table_count };

struct TableSpec {
  std::string_view file;
  std::string_view header;
};

constexpr TableSpec k_tables[k_table_count] = {
    {"municipalities.csv",
     "code,name_fi,name_sv,name_en,maakunta_code,maakunta_fi,maakunta_sv,maakunta_en,"
     "hyvinvointialue_code,hyvinvointialue_fi,hyvinvointialue_sv,hyvinvointialue_en"},
    {"regions.csv", "code,name_fi,name_sv,name_en"},
    {"wellbeing_services_counties.csv", "code,name_fi,name_sv,name_en,maakunta_code"},
    {"abolished_municipalities.csv", "old_code,old_name_fi,old_name_sv,year,current_code,current_name_fi"},
    {"languages.csv", "code,name_fi,name_sv,name_en"},
    {"ptv_codes.csv", "list,code,name_fi,name_sv,name_en"},
};

constexpr std::string_view k_builtin_vintage = "2025";

std::string_view builtin_text(size_t table) {
  switch (table) {
  case t_municipalities:
    return embedded::municipalities_csv;
  case t_regions:
    return embedded::regions_csv;
  case t_counties:
    return embedded::wellbeing_services_counties_csv;
  case t_abolished:
    return embedded::abolished_municipalities_csv;
  case t_languages:
    return embedded::languages_csv;
  default:
    return embedded::ptv_codes_csv;
  }
}

size_t column_count(std::string_view header) {
  return static_cast<size_t>(std::count(header.begin(), header.end(), ',')) + 1;
}

struct Row {
  int line = 0;
  std::vector<std::string_view> fields;
};

// The rows of a table file (no quoted fields: true of every official table used here), header
// checked and dropped, blank lines skipped, a CR before LF ignored.
std::vector<Row> rows_of(std::string_view text, const TableSpec& spec, std::string_view file,
                         std::vector<TableProblem>& problems) {
  std::vector<Row> rows;
  size_t columns = column_count(spec.header);
  int number = 0;
  size_t start = 0;
  if (text.starts_with("\xEF\xBB\xBF"))
    start = 3;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    start = end == std::string_view::npos ? text.size() : end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (number == 1) {
      if (line != spec.header)
        problems.push_back({std::string(file), 1,
                            "the header is not '" + std::string(spec.header) + "'"});
      continue;
    }
    if (text::trim(line).empty())
      continue;
    Row row{number, {}};
    size_t from = 0;
    while (true) {
      size_t comma = line.find(',', from);
      row.fields.push_back(line.substr(from, comma == std::string_view::npos ? comma : comma - from));
      if (comma == std::string_view::npos)
        break;
      from = comma + 1;
    }
    if (row.fields.size() != columns) {
      problems.push_back({std::string(file), number,
                          "expected " + std::to_string(columns) + " fields, found " +
                              std::to_string(row.fields.size())});
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (number == 0)
    problems.push_back({std::string(file), 0, "the file is empty"});
  return rows;
}

bool digits(std::string_view s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Checks the rows of every table and the references between them. `names[t]` is how table t is
// named in problems (a path, or "municipalities.csv (built-in)").
void check_tables(const std::vector<Row> (&rows)[k_table_count], const std::string (&names)[k_table_count],
                  std::vector<TableProblem>& problems) {
  auto problem = [&](size_t table, int line, std::string message) {
    problems.push_back({names[table], line, std::move(message)});
  };
  std::unordered_set<std::string_view> codes[k_table_count];
  // Field 0 is the code of every table but ptv_codes (list and code); names are fields 1 and 2.
  for (size_t t = 0; t < k_table_count; ++t) {
    size_t code_digits = t == t_municipalities || t == t_abolished ? 3
                         : t == t_regions || t == t_counties     ? 2
                                                                 : 0;
    for (const Row& row : rows[t]) {
      // A PTV code is unique only within its list, and no other table refers to one: its codes
      // are checked for presence only.
      if (code_digits > 0 && !digits(row.fields[0], code_digits))
        problem(t, row.line, "code '" + std::string(row.fields[0]) + "' is not " +
                                 (code_digits == 3 ? "three" : "two") + " digits");
      else if (row.fields[0].empty() || (t == t_ptv_codes && row.fields[1].empty()))
        problem(t, row.line, "the code is empty");
      else if (t != t_ptv_codes && !codes[t].insert(row.fields[0]).second)
        problem(t, row.line, "code '" + std::string(row.fields[0]) + "' appears twice");
      size_t first_name = t == t_ptv_codes ? 2 : 1;
      if (row.fields[first_name].empty())
        problem(t, row.line, "the Finnish name is empty");
      if (t != t_abolished && row.fields[first_name + 1].empty())
        problem(t, row.line, "the Swedish name is empty");
      if (t == t_abolished && !row.fields[3].empty() && !digits(row.fields[3], 4))
        problem(t, row.line, "year '" + std::string(row.fields[3]) + "' is not a year");
    }
  }
  auto reference = [&](size_t from, size_t field, size_t to, std::string_view what) {
    for (const Row& row : rows[from])
      if (!codes[to].contains(row.fields[field]))
        problem(from, row.line,
                std::string(what) + " '" + std::string(row.fields[field]) + "' is not in " + names[to]);
  };
  reference(t_municipalities, 4, t_regions, "region code");
  reference(t_municipalities, 8, t_counties, "wellbeing services county code");
  reference(t_counties, 4, t_regions, "region code");
  reference(t_abolished, 4, t_municipalities, "successor municipality code");
}

// A name index: exact folded names first, then names without diacritics where those are unique.
template <typename T> class NameIndex {
public:
  void add(std::string_view name, const T* item) {
    if (name.empty())
      return;
    m_exact.emplace(text::fold(name), item);
    auto [it, inserted] = m_ascii.emplace(text::fold_ascii(name), item);
    if (!inserted && it->second != item)
      it->second = nullptr; // ambiguous without diacritics
  }
  const T* find(std::string_view name) const {
    if (auto it = m_exact.find(text::fold(name)); it != m_exact.end())
      return it->second;
    if (auto it = m_ascii.find(text::fold_ascii(name)); it != m_ascii.end())
      return it->second;
    return nullptr;
  }

private:
  std::unordered_map<std::string, const T*> m_exact;
  std::unordered_map<std::string, const T*> m_ascii;
};

template <typename T>
const T* by_code(const std::deque<T>& items, std::string_view code) {
  for (const T& item : items)
    if (item.code == code)
      return &item;
  return nullptr;
}

} // namespace

// The text of each table and where it came from.
struct RefData::Texts {
  std::string texts[k_table_count];
  std::string origins[k_table_count];
  std::string vintage;
};

struct RefData::Impl {
  // deques keep element addresses stable while the indexes point into them.
  std::deque<Municipality> municipalities;
  std::deque<Region> regions;
  std::deque<County> counties;
  std::deque<FormerMunicipality> former;
  std::deque<Language> languages;
  std::deque<PtvCode> ptv_codes;
  std::vector<Municipality> municipality_list;
  std::vector<Region> region_list;
  std::vector<County> county_list;
  std::vector<Language> language_list;
  NameIndex<Municipality> municipality_names;
  NameIndex<Region> region_names;
  NameIndex<County> county_names;
  NameIndex<FormerMunicipality> former_names;
  NameIndex<Language> language_names;
  std::unordered_map<std::string_view, const Municipality*> municipality_codes;
  std::unordered_set<std::string> place_prefixes; // first three bytes of folded names
  std::unordered_map<std::string, NameIndex<PtvCode>> ptv_names;
  std::vector<TableInfo> tables;
  Texts texts;
};


RefData::RefData(const Texts& texts) : m_impl(std::make_unique<Impl>()) {
  Impl& d = *m_impl;
  d.texts = texts;
  std::vector<TableProblem> ignored; // the caller checked the tables
  std::vector<Row> rows[k_table_count];
  for (size_t t = 0; t < k_table_count; ++t) {
    rows[t] = rows_of(texts.texts[t], k_tables[t], k_tables[t].file, ignored);
    d.tables.push_back({std::string(k_tables[t].file), texts.origins[t], rows[t].size()});
  }
  for (const Row& row : rows[t_municipalities]) {
    const auto& f = row.fields;
    std::string_view name_fi = f[1];
    std::string_view alias;
    // "Maarianhamina - Mariehamn": the Finnish half is the Finnish name, both halves are looked up.
    if (size_t dash = name_fi.find(" - "); dash != std::string_view::npos) {
      alias = name_fi.substr(dash + 3);
      name_fi = name_fi.substr(0, dash);
    }
    const Municipality& m = d.municipalities.emplace_back(Municipality{
        std::string(f[0]), std::string(name_fi), std::string(f[2]), std::string(f[3]),
        std::string(f[4]), std::string(f[8])});
    for (std::string_view name : {std::string_view(m.name_fi), std::string_view(m.name_sv),
                                  std::string_view(m.name_en), alias, f[1]})
      d.municipality_names.add(name, &m);
  }
  for (const Municipality& m : d.municipalities)
    d.municipality_codes.emplace(m.code, &m);
  for (const Row& row : rows[t_regions]) {
    const auto& f = row.fields;
    const Region& r = d.regions.emplace_back(
        Region{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3])});
    for (const std::string* name : {&r.name_fi, &r.name_sv, &r.name_en})
      d.region_names.add(*name, &r);
  }
  for (const Row& row : rows[t_counties]) {
    const auto& f = row.fields;
    const County& c = d.counties.emplace_back(County{std::string(f[0]), std::string(f[1]),
                                                     std::string(f[2]), std::string(f[3]),
                                                     std::string(f[4])});
    for (const std::string* name : {&c.name_fi, &c.name_sv, &c.name_en})
      d.county_names.add(*name, &c);
  }
  for (const Row& row : rows[t_abolished]) {
    const auto& f = row.fields;
    int year = f[3].empty() ? 0 : std::stoi(std::string(f[3]));
    const FormerMunicipality& fm = d.former.emplace_back(
        FormerMunicipality{std::string(f[0]), std::string(f[1]), std::string(f[2]), year,
                           by_code(d.municipalities, f[4])});
    // A reused name (003 Akaa 1946 vs 020 Akaa) belongs to the current municipality, not here.
    if (d.municipality_names.find(fm.name_fi) == nullptr)
      d.former_names.add(fm.name_fi, &fm);
    if (!fm.name_sv.empty() && d.municipality_names.find(fm.name_sv) == nullptr)
      d.former_names.add(fm.name_sv, &fm);
  }
  for (const Row& row : rows[t_languages]) {
    const auto& f = row.fields;
    const Language& l = d.languages.emplace_back(
        Language{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3])});
    for (const std::string* name : {&l.code, &l.name_fi, &l.name_sv, &l.name_en})
      d.language_names.add(*name, &l);
  }
  for (const Row& row : rows[t_ptv_codes]) {
    const auto& f = row.fields;
    const PtvCode& p = d.ptv_codes.emplace_back(PtvCode{std::string(f[0]), std::string(f[1]),
                                                        std::string(f[2]), std::string(f[3]),
                                                        std::string(f[4])});
    for (const std::string* name : {&p.name_fi, &p.name_sv, &p.name_en})
      d.ptv_names[p.list].add(*name, &p);
  }
  auto prefix = [](std::string_view name) {
    std::string folded = text::fold(name.substr(0, std::min<size_t>(name.size(), 12)));
    return folded.substr(0, std::min<size_t>(folded.size(), 3));
  };
  for (const Municipality& m : d.municipalities)
    for (const std::string* n : {&m.name_fi, &m.name_sv, &m.name_en})
      d.place_prefixes.insert(prefix(*n));
  for (const FormerMunicipality& f : d.former) {
    d.place_prefixes.insert(prefix(f.name_fi));
    if (!f.name_sv.empty())
      d.place_prefixes.insert(prefix(f.name_sv));
  }
  d.municipality_list.assign(d.municipalities.begin(), d.municipalities.end());
  d.region_list.assign(d.regions.begin(), d.regions.end());
  d.county_list.assign(d.counties.begin(), d.counties.end());
  d.language_list.assign(d.languages.begin(), d.languages.end());
}

RefData::~RefData() = default;

namespace {

std::unique_ptr<RefData> g_installed;

// The tables of `texts` checked together; names say where each came from.
std::vector<TableProblem> check_texts(const RefData::Texts& texts) {
  std::vector<TableProblem> problems;
  std::vector<Row> rows[k_table_count];
  std::string names[k_table_count];
  for (size_t t = 0; t < k_table_count; ++t) {
    names[t] = texts.origins[t] == "built-in" ? std::string(k_tables[t].file) + " (built-in)"
                                               : texts.origins[t];
    rows[t] = rows_of(texts.texts[t], k_tables[t], names[t], problems);
  }
  check_tables(rows, names, problems);
  std::stable_sort(problems.begin(), problems.end(), [](const TableProblem& a, const TableProblem& b) {
    return a.file != b.file ? a.file < b.file : a.line < b.line;
  });
  return problems;
}

RefData::Texts builtin_texts() {
  RefData::Texts texts;
  for (size_t t = 0; t < k_table_count; ++t) {
    texts.texts[t] = std::string(builtin_text(t));
    texts.origins[t] = "built-in";
  }
  texts.vintage = std::string(k_builtin_vintage);
  return texts;
}

} // namespace


const RefData& RefData::builtin() {
  if (g_installed)
    return *g_installed;
  static const RefData instance(builtin_texts());
  return instance;
}

void RefData::install(std::unique_ptr<RefData> data) { g_installed = std::move(data); }

const std::string& RefData::vintage() const { return m_impl->texts.vintage; }
std::vector<TableInfo> RefData::tables() const { return m_impl->tables; }

Result<std::unique_ptr<RefData>> RefData::from_directory(const std::string& dir,
                                                         std::vector<TableProblem>& problems) {
  if (::access(dir.c_str(), F_OK) != 0)
    return unexpected(dir + ": no such directory");
  Texts texts = builtin_texts();
  texts.vintage = "custom";
  bool any = false;
  for (size_t t = 0; t < k_table_count; ++t) {
    std::string path = dir + "/" + std::string(k_tables[t].file);
    if (::access(path.c_str(), F_OK) != 0)
      continue;
    auto text = core::read_file(path, size_t{16} << 20);
    if (!text)
      return unexpected(path + ": " + text.error().message);
    texts.texts[t] = std::move(*text);
    texts.origins[t] = path;
    any = true;
  }
  if (!any)
    return unexpected(dir + ": no reference table (municipalities.csv, regions.csv, ...) there");
  if (auto vintage = core::read_file(dir + "/VINTAGE", 256); vintage && !text::trim(*vintage).empty())
    texts.vintage = std::string(text::trim(*vintage));
  problems = check_texts(texts);
  if (!problems.empty())
    return unexpected(dir + ": the reference data has " + std::to_string(problems.size()) +
                      " problem" + (problems.size() == 1 ? "" : "s"));
  return std::unique_ptr<RefData>(new RefData(texts));
}

std::vector<TableProblem> check_table(std::string_view file_name, std::string_view text) {
  std::string_view first = text.substr(0, text.find('\n'));
  if (first.starts_with("\xEF\xBB\xBF"))
    first.remove_prefix(3);
  if (!first.empty() && first.back() == '\r')
    first.remove_suffix(1);
  // regions.csv and languages.csv share their header: the file's name decides, else the codes
  // (two digits for regions).
  std::vector<size_t> candidates;
  for (size_t t = 0; t < k_table_count; ++t)
    if (first == k_tables[t].header)
      candidates.push_back(t);
  size_t table = candidates.empty() ? k_table_count : candidates.front();
  if (candidates.size() > 1) {
    std::string_view base = file_name.substr(file_name.rfind('/') + 1);
    std::string lower = text::ascii_lower(base);
    if (lower.find("lang") != std::string::npos || lower.find("kiel") != std::string::npos)
      table = t_languages;
    else if (lower.find("region") == std::string::npos && lower.find("maakun") == std::string::npos) {
      std::vector<TableProblem> ignored;
      std::vector<Row> rows = rows_of(text, k_tables[t_regions], file_name, ignored);
      bool two_digits = std::all_of(rows.begin(), rows.end(),
                                    [](const Row& row) { return digits(row.fields[0], 2); });
      table = two_digits ? t_regions : t_languages;
    }
  }
  if (table == k_table_count) {
    std::string known;
    for (const TableSpec& spec : k_tables)
      known += (known.empty() ? "" : ", ") + std::string(spec.file);
    return {{std::string(file_name), 1,
             "the header matches none of the reference tables (" + known + ")"}};
  }
  // The other tables are those in use, so references are checked against what the tool loads.
  RefData::Texts texts = RefData::builtin().m_impl->texts;
  texts.texts[table] = std::string(text);
  texts.origins[table] = std::string(file_name);
  return check_texts(texts);
}

const Municipality* RefData::municipality(std::string_view name) const {
  return m_impl->municipality_names.find(name);
}
const Municipality* RefData::municipality_by_code(std::string_view code) const {
  auto it = m_impl->municipality_codes.find(code);
  return it == m_impl->municipality_codes.end() ? nullptr : it->second;
}
const Region* RefData::region(std::string_view name) const { return m_impl->region_names.find(name); }
const Region* RefData::region_by_code(std::string_view code) const {
  return by_code(m_impl->regions, code);
}
const County* RefData::county(std::string_view name) const { return m_impl->county_names.find(name); }
const County* RefData::county_by_code(std::string_view code) const {
  return by_code(m_impl->counties, code);
}
const FormerMunicipality* RefData::former_municipality(std::string_view name) const {
  return m_impl->former_names.find(name);
}
const Language* RefData::language(std::string_view name_or_code) const {
  return m_impl->language_names.find(name_or_code);
}
const Language* RefData::language_by_code(std::string_view code) const {
  return by_code(m_impl->languages, code);
}
const PtvCode* RefData::ptv_code(std::string_view list, std::string_view name) const {
  auto it = m_impl->ptv_names.find(std::string(list));
  return it == m_impl->ptv_names.end() ? nullptr : it->second.find(name);
}

bool RefData::may_name_municipality(std::string_view word) const {
  std::string folded = text::fold(word.substr(0, std::min<size_t>(word.size(), 12)));
  return m_impl->place_prefixes.count(folded.substr(0, std::min<size_t>(folded.size(), 3))) > 0;
}

std::span<const Municipality> RefData::municipalities() const { return m_impl->municipality_list; }
std::span<const Region> RefData::regions() const { return m_impl->region_list; }
std::span<const County> RefData::counties() const { return m_impl->county_list; }
std::span<const Language> RefData::languages() const { return m_impl->language_list; }

} // namespace svcdesc::normalize
