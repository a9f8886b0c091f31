// The stale audit: which records have not been updated for too long, which have no updated date at
// all, and which language versions of a service lag behind another language version of the same
// id. Records arrive one at a time; the audit keeps only an Entry (a few short strings) for each
// record it will report, plus, for the cross-language comparison, the newest dated version of each
// id seen so far. A version older than the newest one of its id is behind for good (the newest
// date only grows), so it is kept as a candidate and judged against the final newest date and the
// --lang-gap in finish().
//
// Calendar arithmetic (normalize/date.hpp, on std::chrono) uses days since 1970-01-01, so ages are
// exact across leap years; months are calendar months with the day clamped to the month's end.
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/stale/stale.hpp>
#include <svcdesc/text/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

namespace svcdesc::stale {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

std::string lower(std::string_view s) { return text::casefold(s); }

} // namespace

Date Threshold::cutoff(const Date& as_of) const {
  switch (unit) {
  case Unit::days:
    return date_from_days(days_from_date(as_of) - amount);
  case Unit::months:
    return add_months(as_of, -amount);
  case Unit::years:
    return add_months(as_of, -12 * amount);
  case Unit::date:
    return date;
  }
  return date;
}

Result<Threshold> parse_threshold(std::string_view text) {
  Threshold t;
  t.text = std::string(text);
  if (text.size() >= 2 && text.size() <= 6 && all_digits(text.substr(0, text.size() - 1))) {
    char unit = text.back();
    t.amount = to_int(text.substr(0, text.size() - 1));
    if (unit == 'd' || unit == 'm' || unit == 'y') {
      t.unit = unit == 'd' ? Threshold::Unit::days
               : unit == 'm' ? Threshold::Unit::months
                             : Threshold::Unit::years;
      return t;
    }
  }
  if (text.size() == 10 && text[4] == '-') {
    auto d = parse_iso_date(text);
    if (!d)
      return d.error();
    t.unit = Threshold::Unit::date;
    t.amount = 0;
    t.date = *d;
    return t;
  }
  return unexpected(fmt::format(
      "'{}' is not a threshold: give days, months or years such as 30d, 6m, 2y, or a date "
      "YYYY-MM-DD",
      text));
}

std::string_view reason_name(Reason reason) {
  switch (reason) {
  case Reason::older_than:
    return "older_than";
  case Reason::no_updated:
    return "no_updated";
  case Reason::behind_other_language:
    return "behind_other_language";
  }
  return "";
}

std::optional<GroupBy> group_by_from_name(std::string_view name) {
  if (name == "organisation" || name == "organization")
    return GroupBy::organisation;
  if (name == "municipality")
    return GroupBy::municipality;
  if (name == "county")
    return GroupBy::county;
  if (name == "kind")
    return GroupBy::kind;
  return std::nullopt;
}

std::string_view group_by_name(GroupBy by) {
  switch (by) {
  case GroupBy::none:
    return "none";
  case GroupBy::organisation:
    return "organisation";
  case GroupBy::municipality:
    return "municipality";
  case GroupBy::county:
    return "county";
  case GroupBy::kind:
    return "kind";
  }
  return "";
}

namespace {

// The area codes a record covers, by kind, with those derived from its municipalities.
struct Coverage {
  std::vector<std::string> municipalities;
  std::vector<std::string> regions;
  std::vector<std::string> counties;
  bool nationwide = false;
};

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end())
    v.push_back(s);
}

Coverage coverage_of(const record::Record& r) {
  const auto& ref = normalize::RefData::builtin();
  Coverage c;
  c.nationwide = r.area.type == "nationwide" || r.area.type == "nationwide_except_aland";
  for (const auto& m : r.area.municipalities) {
    add_unique(c.municipalities, m.code);
    if (const auto* known = ref.municipality_by_code(m.code)) {
      add_unique(c.regions, known->region_code);
      add_unique(c.counties, known->county_code);
    }
  }
  for (const auto& reg : r.area.regions)
    add_unique(c.regions, reg.code);
  for (const auto& county : r.area.wellbeing_services_counties)
    add_unique(c.counties, county.code);
  return c;
}

bool contains_icase(std::string_view haystack, std::string_view needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

bool area_matches(const Coverage& c, std::string_view want) {
  auto in = [](const std::vector<std::string>& v, std::string_view code) {
    return std::find(v.begin(), v.end(), code) != v.end();
  };
  if (want == "nationwide")
    return c.nationwide;
  if (want.starts_with("municipality:"))
    return in(c.municipalities, want.substr(13));
  if (want.starts_with("region:"))
    return in(c.regions, want.substr(7));
  if (want.starts_with("county:"))
    return in(c.counties, want.substr(7));
  return in(c.municipalities, want) || in(c.regions, want) || in(c.counties, want);
}

template <typename Pred> bool any_of(const std::vector<std::string>& v, Pred pred) {
  return v.empty() || std::any_of(v.begin(), v.end(), pred);
}

} // namespace

bool Filter::accepts(const record::Record& r) const {
  std::string org = r.organisation ? r.organisation->name : std::string();
  if (!any_of(organisations, [&](const std::string& o) { return contains_icase(org, o); }))
    return false;
  if (!any_of(kinds, [&](const std::string& k) { return k == r.kind; }))
    return false;
  if (!any_of(langs, [&](const std::string& l) { return lower(l) == lower(r.lang); }))
    return false;
  if (!areas.empty()) {
    Coverage c = coverage_of(r);
    if (!any_of(areas, [&](const std::string& a) { return area_matches(c, a); }))
      return false;
  }
  return true;
}

Result<bool> check_areas(const std::vector<std::string>& areas) {
  const auto& ref = normalize::RefData::builtin();
  for (const std::string& a : areas) {
    std::string_view code = a;
    bool ok = false;
    if (code == "nationwide") {
      ok = true;
    } else if (code.starts_with("municipality:")) {
      ok = ref.municipality_by_code(code.substr(13)) != nullptr;
    } else if (code.starts_with("region:")) {
      ok = ref.region_by_code(code.substr(7)) != nullptr;
    } else if (code.starts_with("county:")) {
      ok = ref.county_by_code(code.substr(7)) != nullptr;
    } else {
      ok = ref.municipality_by_code(code) != nullptr || ref.region_by_code(code) != nullptr ||
           ref.county_by_code(code) != nullptr;
    }
    if (!ok)
      return unexpected(fmt::format(
          "unknown area code '{}': give a municipality (3 digits), region or wellbeing services "
          "county code (2 digits), optionally as municipality:CODE, region:CODE or county:CODE, "
          "or 'nationwide'",
          a));
  }
  return true;
}

// --- the audit ---------------------------------------------------------------------------------

struct Audit::Impl {
  Options options;
  Date cutoff;
  Summary summary;
  std::vector<Entry> stale;
  std::vector<Entry> missing;
  // Per dated id: the newest version seen so far, and the matching versions older than it in
  // other languages. Versions the filter rejects still take part (a Swedish page is behind the
  // Finnish one even with --lang sv), but only matching ones are kept whole.
  struct IdState {
    Date newest;
    std::string newest_lang;
    std::optional<Entry> newest_entry; // when the newest version matched the filter
    std::vector<Entry> behind;
  };
  std::unordered_map<std::string, IdState> ids;

  Entry entry_of(const record::Record& r, std::string_view input, int line) const {
    Entry e;
    e.id = r.id;
    e.lang = r.lang;
    e.kind = r.kind;
    e.title = r.title;
    if (r.organisation)
      e.organisation = r.organisation->name;
    e.url = r.source.url.value_or("");
    e.file = r.source.file.value_or("");
    e.input = std::string(input);
    e.line = line;
    Coverage c = coverage_of(r);
    e.municipalities = std::move(c.municipalities);
    e.counties = std::move(c.counties);
    e.nationwide = c.nationwide;
    if (r.updated) {
      if (auto d = parse_iso_date(*r.updated)) {
        e.updated = *d;
        e.age_days = days_from_date(options.as_of) - days_from_date(*d);
      }
    }
    return e;
  }

  // `entry` is null when the version did not match the filter.
  void compare_languages(const std::string& id, const std::string& lang, const Date& updated,
                         const Entry* entry) {
    auto [it, fresh] = ids.try_emplace(id);
    IdState& state = it->second;
    if (fresh || updated > state.newest) {
      if (!fresh && state.newest_lang != lang && state.newest_entry)
        state.behind.push_back(std::move(*state.newest_entry));
      // Versions in the language of the new newest one are not behind "another" language.
      std::erase_if(state.behind, [&](const Entry& b) { return b.lang == lang; });
      state.newest = updated;
      state.newest_lang = lang;
      state.newest_entry.reset();
      if (entry != nullptr)
        state.newest_entry = *entry;
    } else if (updated < state.newest && lang != state.newest_lang && entry != nullptr) {
      state.behind.push_back(*entry);
    }
  }
};

Audit::Audit(Options options) : m_impl(std::make_unique<Impl>()) {
  m_impl->cutoff = options.threshold.cutoff(options.as_of);
  m_impl->options = std::move(options);
}
Audit::Audit(Audit&&) noexcept = default;
Audit& Audit::operator=(Audit&&) noexcept = default;
Audit::~Audit() = default;

void Audit::add_bad() { ++m_impl->summary.bad; }

void Audit::add(const record::Record& record, std::string_view input, int line) {
  Impl& d = *m_impl;
  ++d.summary.records;
  bool matched = d.options.filter.accepts(record);
  std::optional<Date> updated;
  if (record.updated)
    if (auto parsed = parse_iso_date(*record.updated))
      updated = *parsed;
  if (!matched) {
    if (updated && d.options.cross_language && !record.id.empty())
      d.compare_languages(record.id, record.lang, *updated, nullptr);
    return;
  }
  ++d.summary.matched;
  Entry e = d.entry_of(record, input, line);
  if (!e.updated) {
    e.reason = Reason::no_updated;
    d.missing.push_back(std::move(e));
    return;
  }
  if (d.options.cross_language && !e.id.empty())
    d.compare_languages(e.id, e.lang, *e.updated, &e);
  if (*e.updated < d.cutoff) {
    e.reason = Reason::older_than;
    d.stale.push_back(std::move(e));
  }
}

namespace {

bool entry_key_less(const Entry& a, const Entry& b) {
  return std::tie(a.organisation, a.title, a.id, a.lang, a.input, a.line) <
         std::tie(b.organisation, b.title, b.id, b.lang, b.input, b.line);
}

void count(Group& g, Reason reason) {
  switch (reason) {
  case Reason::older_than:
    ++g.older_than;
    break;
  case Reason::no_updated:
    ++g.no_updated;
    break;
  case Reason::behind_other_language:
    ++g.behind_other_language;
    break;
  }
}

std::vector<Group> group_entries(GroupBy by, const std::vector<const std::vector<Entry>*>& lists) {
  const auto& ref = normalize::RefData::builtin();
  std::map<std::string, Group> groups;
  auto bump = [&](const std::string& key, const std::string& label, Reason reason) {
    Group& g = groups[key];
    g.key = key;
    g.label = label;
    count(g, reason);
  };
  for (const auto* list : lists) {
    for (const Entry& e : *list) {
      switch (by) {
      case GroupBy::none:
        break;
      case GroupBy::organisation: {
        std::string key = e.organisation.empty() ? "(no organisation)" : e.organisation;
        bump(key, key, e.reason);
        break;
      }
      case GroupBy::kind:
        bump(e.kind, e.kind, e.reason);
        break;
      case GroupBy::municipality:
      case GroupBy::county: {
        const auto& codes = by == GroupBy::municipality ? e.municipalities : e.counties;
        for (const std::string& code : codes) {
          std::string name;
          if (by == GroupBy::municipality) {
            if (const auto* m = ref.municipality_by_code(code))
              name = m->name_fi;
          } else if (const auto* c = ref.county_by_code(code)) {
            name = c->name_fi;
          }
          bump(code, name.empty() ? code : code + " " + name, e.reason);
        }
        if (e.nationwide)
          bump("nationwide", "nationwide", e.reason);
        if (codes.empty() && !e.nationwide)
          bump("unknown", "unknown (no area)", e.reason);
        break;
      }
      }
    }
  }
  std::vector<Group> out;
  for (auto& [key, g] : groups)
    out.push_back(std::move(g));
  std::stable_sort(out.begin(), out.end(),
                   [](const Group& a, const Group& b) { return a.total() > b.total(); });
  return out;
}

} // namespace

Report Audit::finish() {
  Impl& d = *m_impl;
  Report report;
  report.as_of = d.options.as_of;
  report.cutoff = d.cutoff;
  report.threshold = d.options.threshold.text;
  report.group_by = d.options.group_by;

  for (auto& [id, state] : d.ids) {
    Date limit = d.options.lang_gap.cutoff(state.newest);
    for (Entry& e : state.behind) {
      if (!(*e.updated < limit))
        continue;
      e.reason = Reason::behind_other_language;
      e.newest_lang = state.newest_lang;
      e.newest_updated = state.newest;
      e.behind_days = days_from_date(state.newest) - days_from_date(*e.updated);
      report.cross_language.push_back(std::move(e));
    }
  }
  d.ids.clear();

  report.stale = std::move(d.stale);
  report.missing_updated = std::move(d.missing);
  std::sort(report.stale.begin(), report.stale.end(), [](const Entry& a, const Entry& b) {
    if (a.updated != b.updated)
      return *a.updated < *b.updated;
    return entry_key_less(a, b);
  });
  std::sort(report.missing_updated.begin(), report.missing_updated.end(), entry_key_less);
  std::sort(report.cross_language.begin(), report.cross_language.end(),
            [](const Entry& a, const Entry& b) {
              if (a.behind_days != b.behind_days)
                return a.behind_days > b.behind_days;
              return entry_key_less(a, b);
            });

  report.summary = d.summary;
  report.summary.older_than = static_cast<int64_t>(report.stale.size());
  report.summary.no_updated = static_cast<int64_t>(report.missing_updated.size());
  report.summary.behind_other_language = static_cast<int64_t>(report.cross_language.size());
  if (report.group_by != GroupBy::none)
    report.groups = group_entries(report.group_by,
                                  {&report.stale, &report.missing_updated, &report.cross_language});
  d.summary = {};
  return report;
}

std::vector<std::pair<std::string, int64_t>> Report::age_buckets() const {
  std::vector<std::pair<std::string, int64_t>> buckets = {
      {"< 1 y", 0}, {"1-2 y", 0}, {"2-3 y", 0}, {"3-5 y", 0}, {"> 5 y", 0}, {"no date", 0}};
  for (const Entry& e : stale) {
    // Years counted in calendar years back from as_of, so that "1-2 y" means what it says.
    size_t i = 4;
    if (*e.updated >= add_months(as_of, -12))
      i = 0;
    else if (*e.updated >= add_months(as_of, -24))
      i = 1;
    else if (*e.updated >= add_months(as_of, -36))
      i = 2;
    else if (*e.updated >= add_months(as_of, -60))
      i = 3;
    ++buckets[i].second;
  }
  buckets[5].second = static_cast<int64_t>(missing_updated.size());
  return buckets;
}

std::vector<std::pair<std::string, int64_t>> Report::top_organisations(size_t limit) const {
  std::map<std::string, int64_t> counts;
  for (const auto* list : {&stale, &missing_updated, &cross_language})
    for (const Entry& e : *list)
      ++counts[e.organisation.empty() ? "(no organisation)" : e.organisation];
  std::vector<std::pair<std::string, int64_t>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > limit)
    out.resize(limit);
  return out;
}

} // namespace svcdesc::stale
