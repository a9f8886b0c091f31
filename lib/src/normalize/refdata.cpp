#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/utf8.hpp>

#include "embedded_data.hpp"

#include <deque>
#include <stdexcept>
#include <string>
#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace svcdesc::normalize {
namespace {

// Rows of a CSV file without quoted fields (true of every file in lib/data/), header dropped.
std::vector<std::vector<std::string_view>> rows_of(std::string_view csv, size_t columns) {
  std::vector<std::vector<std::string_view>> rows;
  bool header = true;
  for (std::string_view line : text::split_trimmed(csv, '\n')) {
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string_view> fields;
    size_t start = 0;
    while (true) {
      size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                          : comma - start));
      if (comma == std::string_view::npos)
        break;
      start = comma + 1;
    }
    if (fields.size() != columns)
      throw std::logic_error("embedded reference data has a malformed row: " + std::string(line));
    rows.push_back(std::move(fields));
  }
  return rows;
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
  std::unordered_set<std::string> place_prefixes; // first three bytes of folded names
  std::unordered_map<std::string, NameIndex<PtvCode>> ptv_names;
};

RefData::RefData() : m_impl(std::make_unique<Impl>()) {
  Impl& d = *m_impl;
  for (const auto& f : rows_of(embedded::municipalities_csv, 12)) {
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
  for (const auto& f : rows_of(embedded::regions_csv, 4)) {
    const Region& r = d.regions.emplace_back(
        Region{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3])});
    for (const std::string* name : {&r.name_fi, &r.name_sv, &r.name_en})
      d.region_names.add(*name, &r);
  }
  for (const auto& f : rows_of(embedded::wellbeing_services_counties_csv, 5)) {
    const County& c = d.counties.emplace_back(County{std::string(f[0]), std::string(f[1]),
                                                     std::string(f[2]), std::string(f[3]),
                                                     std::string(f[4])});
    for (const std::string* name : {&c.name_fi, &c.name_sv, &c.name_en})
      d.county_names.add(*name, &c);
  }
  for (const auto& f : rows_of(embedded::abolished_municipalities_csv, 6)) {
    int year = f[3].empty() ? 0 : std::stoi(std::string(f[3]));
    const FormerMunicipality& fm = d.former.emplace_back(
        FormerMunicipality{std::string(f[0]), std::string(f[1]), std::string(f[2]), year,
                           by_code(d.municipalities, f[4])});
    if (fm.successor == nullptr)
      throw std::logic_error("abolished municipality without a 2025 successor: " + fm.code);
    // A reused name (003 Akaa 1946 vs 020 Akaa) belongs to the current municipality, not here.
    if (d.municipality_names.find(fm.name_fi) == nullptr)
      d.former_names.add(fm.name_fi, &fm);
    if (!fm.name_sv.empty() && d.municipality_names.find(fm.name_sv) == nullptr)
      d.former_names.add(fm.name_sv, &fm);
  }
  for (const auto& f : rows_of(embedded::languages_csv, 4)) {
    const Language& l = d.languages.emplace_back(
        Language{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3])});
    for (const std::string* name : {&l.code, &l.name_fi, &l.name_sv, &l.name_en})
      d.language_names.add(*name, &l);
  }
  for (const auto& f : rows_of(embedded::ptv_codes_csv, 5)) {
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

const RefData& RefData::builtin() {
  static const RefData instance;
  return instance;
}

const Municipality* RefData::municipality(std::string_view name) const {
  return m_impl->municipality_names.find(name);
}
const Municipality* RefData::municipality_by_code(std::string_view code) const {
  return by_code(m_impl->municipalities, code);
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
