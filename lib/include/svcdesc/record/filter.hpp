#pragma once

#include <svcdesc/core/result.hpp>
#include <svcdesc/record/record.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::record {

// Which records a command looks at, shared by `export` and `stale`. Each list means "any of" and
// the criteria combine with "and"; an empty list or an unset date accepts everything.
//
//   organisations  case-insensitive substrings of organisation.name ("kuopio" matches "Kuopion
//                  kaupunki"); a record without an organisation matches none
//   areas          codes: a municipality (3 digits, "049"), a region or a wellbeing services county
//                  (2 digits, "18": either), or spelled out as "municipality:049", "region:18",
//                  "county:18"; or "nationwide". A record matches the codes it lists and the region
//                  and county of each municipality it lists (Espoo matches 01 Uusimaa and 16
//                  Länsi-Uudenmaan hyvinvointialue). "nationwide" matches area.type nationwide and
//                  nationwide_except_aland.
//   kinds          record kinds (service, ministry, regional, news, other), exactly
//   langs          the record's lang, ignoring ASCII case
//   updated_before records whose `updated` is strictly before this ISO date (YYYY-MM-DD)
//   updated_after  records whose `updated` is strictly after this ISO date
// Records without `updated` are excluded as soon as either date bound is set.
struct Filter {
  std::vector<std::string> organisations;
  std::vector<std::string> areas;
  std::vector<std::string> kinds;
  std::vector<std::string> langs;
  std::optional<std::string> updated_before;
  std::optional<std::string> updated_after;

  // True when nothing is filtered (every record is accepted).
  bool empty() const;
  // True when `record` passes every criterion.
  bool accepts(const Record& record) const;
};

// Checks a filter before any input is read: every area must be a known code (reference data) or
// one of the spelled-out forms, every kind one of the record kinds, and the dates real ISO dates.
// Returns an error naming the first bad value and the accepted forms.
Result<bool> check_filter(const Filter& filter);

} // namespace svcdesc::record
