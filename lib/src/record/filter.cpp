// The record filter of `export` and `stale`. Area codes are resolved through the reference data of
// `normalize` (a municipality's region and county), which makes this one file of `record` depend on
// `normalize`; the rest of `record` still depends on `core` and `text` only.
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/record/filter.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace svcdesc::record {
namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_icase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// Case-insensitive for ASCII and for the Finnish and Swedish letters Å, Ä, Ö (two-byte UTF-8),
// which is what organisation names need.
std::string fold_case(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c == 0xc3 && i + 1 < out.size()) {
      auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9e && d != 0x97) // À..Þ except ×: lower case is +0x20
        out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    } else {
      out[i] = ascii_lower(out[i]);
    }
  }
  return out;
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9')
      return false;
  int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1)
    return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int last = k_days[static_cast<size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  return day <= last;
}

bool has_code(const std::vector<CodedName>& list, std::string_view code) {
  return std::any_of(list.begin(), list.end(), [&](const CodedName& c) { return c.code == code; });
}

bool area_matches(const Area& area, std::string_view wanted) {
  const auto& ref = normalize::RefData::builtin();
  if (wanted == "nationwide")
    return area.type == "nationwide" || area.type == "nationwide_except_aland";
  bool municipality = true, region = true, county = true;
  if (wanted.starts_with("municipality:")) {
    wanted.remove_prefix(13);
    region = county = false;
  } else if (wanted.starts_with("region:")) {
    wanted.remove_prefix(7);
    municipality = county = false;
  } else if (wanted.starts_with("county:")) {
    wanted.remove_prefix(7);
    municipality = region = false;
  }
  if (municipality && has_code(area.municipalities, wanted))
    return true;
  if (region && has_code(area.regions, wanted))
    return true;
  if (county && has_code(area.wellbeing_services_counties, wanted))
    return true;
  if (region || county) {
    for (const CodedName& m : area.municipalities) {
      const normalize::Municipality* known = ref.municipality_by_code(m.code);
      if (known == nullptr)
        continue;
      if ((region && known->region_code == wanted) || (county && known->county_code == wanted))
        return true;
    }
  }
  return false;
}

} // namespace

bool Filter::empty() const {
  return organisations.empty() && areas.empty() && kinds.empty() && langs.empty() &&
         !updated_before && !updated_after;
}

bool Filter::accepts(const Record& r) const {
  if (!organisations.empty()) {
    if (!r.organisation)
      return false;
    std::string name = fold_case(r.organisation->name);
    if (std::none_of(organisations.begin(), organisations.end(), [&](const std::string& o) {
          return name.find(fold_case(o)) != std::string::npos;
        }))
      return false;
  }
  if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end())
    return false;
  if (!langs.empty() && std::none_of(langs.begin(), langs.end(), [&](const std::string& l) {
        return equals_icase(l, r.lang);
      }))
    return false;
  if (updated_before || updated_after) {
    // ISO dates compare as strings.
    if (!r.updated)
      return false;
    if (updated_before && !(*r.updated < *updated_before))
      return false;
    if (updated_after && !(*r.updated > *updated_after))
      return false;
  }
  if (!areas.empty() && std::none_of(areas.begin(), areas.end(), [&](const std::string& a) {
        return area_matches(r.area, a);
      }))
    return false;
  return true;
}

Result<bool> check_filter(const Filter& filter) {
  for (const std::string& a : filter.areas) {
    // Built here, not before the loop: only areas need the reference data.
    const auto& ref = normalize::RefData::builtin();
    std::string_view code = a;
    bool ok = false;
    if (code == "nationwide")
      ok = true;
    else if (code.starts_with("municipality:"))
      ok = ref.municipality_by_code(code.substr(13)) != nullptr;
    else if (code.starts_with("region:"))
      ok = ref.region_by_code(code.substr(7)) != nullptr;
    else if (code.starts_with("county:"))
      ok = ref.county_by_code(code.substr(7)) != nullptr;
    else
      ok = ref.municipality_by_code(code) != nullptr || ref.region_by_code(code) != nullptr ||
           ref.county_by_code(code) != nullptr;
    if (!ok)
      return unexpected(fmt::format(
          "unknown area code '{}': give a municipality (3 digits), region or wellbeing services "
          "county code (2 digits), optionally as municipality:CODE, region:CODE or county:CODE, "
          "or 'nationwide'",
          a));
  }
  static constexpr std::array<std::string_view, 5> k_kinds{"service", "ministry", "regional",
                                                           "news", "other"};
  for (const std::string& k : filter.kinds)
    if (std::find(k_kinds.begin(), k_kinds.end(), k) == k_kinds.end())
      return unexpected(fmt::format(
          "unknown kind '{}': use service, ministry, regional, news or other", k));
  for (const auto& [name, date] : {std::pair{"--updated-before", &filter.updated_before},
                                   std::pair{"--updated-after", &filter.updated_after}})
    if (*date && !is_iso_date(**date))
      return unexpected(fmt::format("{} {} is not a date YYYY-MM-DD", name, **date));
  return true;
}

} // namespace svcdesc::record
