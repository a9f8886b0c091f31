#pragma once

#include <svcdesc/core/result.hpp>
#include <svcdesc/normalize/date.hpp>
#include <svcdesc/record/record.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::stale {

using normalize::Date;

// Calendar arithmetic lives with the dates (normalize/date.hpp).
using normalize::add_months;
using normalize::date_from_days;
using normalize::date_from_unix_seconds;
using normalize::days_from_date;
using normalize::parse_iso_date;

// How old is too old: a duration before the reference date ("30d", "6m", "2y", "12m"), or a fixed
// date ("2025-01-01": stale if updated before it).
struct Threshold {
  enum class Unit { days, months, years, date };
  Unit unit = Unit::months;
  int amount = 12;  // for days, months and years
  Date date;        // for Unit::date
  std::string text; // as given, for reports

  // The first date that is not stale: a record is stale when its updated date is before this.
  Date cutoff(const Date& as_of) const;
};

// Reads "30d", "6m", "2y" (a positive count of at most 5 digits and one of d, m, y) or an ISO
// date. Returns an error naming the accepted forms on anything else.
Result<Threshold> parse_threshold(std::string_view text);

enum class Reason { older_than, no_updated, behind_other_language };
std::string_view reason_name(Reason reason); // "older_than", "no_updated", "behind_other_language"

// What a report needs of one record, and nothing more: no sections, contacts or provenance.
struct Entry {
  Reason reason = Reason::older_than;
  std::string id;
  std::string lang;
  std::string kind;
  std::string title;
  std::string organisation; // empty when the record names none
  std::string url;          // source.url, empty when unknown
  std::string file;         // source.file, empty when unknown
  std::string input;        // the input the record was read from, and its line there
  int line = 0;
  std::optional<Date> updated;
  int64_t age_days = 0; // as_of - updated; 0 without an updated date
  // For behind_other_language: the newest language version of the same id.
  std::string newest_lang;
  std::optional<Date> newest_updated;
  int64_t behind_days = 0;
  // What grouping and filtering need of the area.
  std::vector<std::string> municipalities; // codes
  std::vector<std::string> counties;       // codes, stated or derived from the municipalities
  bool nationwide = false;
};

// Which records are looked at. Each list is "any of"; the lists combine with "and". Empty lists
// accept everything.
struct Filter {
  std::vector<std::string> organisations; // case-insensitive substrings of organisation.name
  // Codes of municipalities (3 digits), regions or wellbeing services counties (2 digits, either),
  // or "municipality:049", "region:18", "county:18", or "nationwide". A record matches the codes
  // it lists and those derived from its municipalities (their region and county).
  std::vector<std::string> areas;
  std::vector<std::string> kinds;
  std::vector<std::string> langs;

  bool accepts(const record::Record& record) const;
};

// Checks the area codes of a filter against the reference data; an error names the first unknown
// code.
Result<bool> check_areas(const std::vector<std::string>& areas);

enum class GroupBy { none, organisation, municipality, county, kind };
// "organisation", "municipality", "county" or "kind"; nullopt otherwise.
std::optional<GroupBy> group_by_from_name(std::string_view name);
std::string_view group_by_name(GroupBy by);

// One group of a --by report: entries counted by reason. An entry in several municipalities or
// counties counts in each of them.
struct Group {
  std::string key;   // code, organisation name, kind; "nationwide" or "unknown" for those groups
  std::string label; // a readable name: "049 Espoo", or the key
  int64_t older_than = 0;
  int64_t no_updated = 0;
  int64_t behind_other_language = 0;
  int64_t total() const { return older_than + no_updated + behind_other_language; }
};

struct Options {
  Threshold threshold;
  Date as_of;
  Filter filter;
  GroupBy group_by = GroupBy::none;
  // Compare the language versions of each id (needs a small index of every dated id).
  bool cross_language = true;
  // A language version is behind when its date is more than this before the newest version's.
  Threshold lang_gap{Threshold::Unit::days, 0, {}, "0d"};
};

struct Summary {
  int64_t records = 0; // read and understood as records
  int64_t matched = 0; // accepted by the filter
  int64_t bad = 0;     // not JSON or not a record
  int64_t older_than = 0;
  int64_t no_updated = 0;
  int64_t behind_other_language = 0;
  int64_t entries() const { return older_than + no_updated + behind_other_language; }
};

struct Report {
  Date as_of;
  Date cutoff;
  std::string threshold;
  GroupBy group_by = GroupBy::none;
  Summary summary;
  std::vector<Group> groups;           // when group_by is set: largest total first
  std::vector<Entry> stale;            // oldest first
  std::vector<Entry> missing_updated;  // by organisation, title, id, language
  std::vector<Entry> cross_language;   // largest gap first
  // Stale entries per age bucket: "< 1 y", "1-2 y", "2-3 y", "3-5 y", "> 5 y", "no date".
  std::vector<std::pair<std::string, int64_t>> age_buckets() const;
  // Organisations by number of entries, most first, at most `limit` of them.
  std::vector<std::pair<std::string, int64_t>> top_organisations(size_t limit) const;
};

// The audit, fed one record at a time. It keeps an Entry for each record it reports and, for the
// cross-language comparison, one Entry per dated id (the newest version seen so far): never whole
// records. Filtering happens in add().
class Audit {
public:
  explicit Audit(Options options);
  Audit(Audit&&) noexcept;
  Audit& operator=(Audit&&) noexcept;
  ~Audit();

  // Looks at one record read from `input` at `line`.
  void add(const record::Record& record, std::string_view input, int line);
  // Counts a line that was not a record (reported by the caller).
  void add_bad();
  // The report; the audit is empty afterwards.
  Report finish();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Renderers. Text is an aligned table for a terminal (titles cut to `title_width` code points with
// "…"); CSV follows RFC 4180 (CRLF, quotes doubled); JSON is one document; NDJSON one object per
// entry (or per group with --by); HTML one self-contained page with charts and a sortable table.
std::string render_text(const Report& report, size_t title_width = 48);
std::string render_csv(const Report& report);
std::string render_json(const Report& report);
std::string render_ndjson(const Report& report);
std::string render_html(const Report& report);

// Text escaped for HTML element content and attribute values (&, <, >, ", ').
std::string html_escape(std::string_view text);

} // namespace svcdesc::stale
