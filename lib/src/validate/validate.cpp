// The record validator.
//
// A record goes through three layers, and every finding of every layer is reported, not only the
// first: the JSON itself (RapidJSON), the schema (valijson, draft-07, on the parsed value), and the
// rules the schema cannot say: formats valijson 1.0 does not check (uuid, uri, email; calendar
// validity of dates), codes that must exist in the reference data and match their names,
// dates that must be plausible, counts and evidence that must agree with the rest of the record,
// organisations that no longer exist, duplicate ids within one input, and provenance that must
// match the fields. The semantic layer reads the record through record::from_value, so it runs
// only on records whose shape the schema accepts well enough to be read.
#include <svcdesc/validate/validate.hpp>

#include <svcdesc/core/hash.hpp>
#include <svcdesc/normalize/date.hpp>
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/utf8.hpp>

#include "record/rapidjson.hpp"
#include "record/record_json.hpp"
#include "validate/compiled_schema.hpp"
#include "validate/embedded_schema.hpp"

#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

namespace svcdesc::validate {
namespace {

constexpr std::array k_rules{
    Rule{"json-syntax", Severity::error, "the record is not valid JSON"},
    Rule{"schema", Severity::error, "the record breaks schemas/record.schema.json"},
    Rule{"format-uuid", Severity::error, "id is not a UUID"},
    Rule{"format-date", Severity::error, "a date is not a real calendar date YYYY-MM-DD"},
    Rule{"format-date-time", Severity::error, "source.fetched_at is not an RFC 3339 date-time"},
    Rule{"format-uri", Severity::error, "source.url is not an absolute http, https or file URL"},
    Rule{"format-email", Severity::error, "a contact e-mail address is malformed"},
    Rule{"area-code-unknown", Severity::error,
         "a municipality, region or wellbeing services county code does not exist"},
    Rule{"area-name-mismatch", Severity::warning,
         "an area code exists but its name is none of the code's official names"},
    Rule{"area-count-mismatch", Severity::warning,
         "the stated municipality count differs from the municipalities listed"},
    Rule{"language-code-unknown", Severity::error, "a language code is not in the PTV list"},
    Rule{"updated-in-future", Severity::error, "updated is after today (or --as-of)"},
    Rule{"updated-too-old", Severity::error, "updated is before 1990"},
    Rule{"updated-not-in-dates", Severity::warning, "updated is none of the dates in dates"},
    Rule{"cost-without-evidence", Severity::error,
         "cost is charged or mixed but gives no evidence sentence"},
    Rule{"organisation-defunct", Severity::warning,
         "the responsible organisation no longer exists"},
    Rule{"duplicate-id", Severity::error, "the same id and lang appear twice in one input"},
    Rule{"provenance-missing", Severity::warning, "a field has a value but no provenance"},
    Rule{"provenance-dangling", Severity::warning, "provenance names a field that has no value"},
};

// ---- small helpers ---------------------------------------------------------------------------

std::optional<normalize::Date> iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    return std::nullopt;
  return normalize::parse_date(s); // validates the calendar
}

bool is_date_time(std::string_view s) {
  // RFC 3339: 2026-11-23T04:37:45Z, with optional fraction and an offset.
  if (s.size() < 20 || !iso_date(s.substr(0, 10)) || (s[10] != 'T' && s[10] != 't'))
    return false;
  auto two = [&](size_t at, int max) {
    if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9')
      return false;
    return (s[at] - '0') * 10 + (s[at + 1] - '0') <= max;
  };
  if (!two(11, 23) || s[13] != ':' || !two(14, 59) || s[16] != ':' || !two(17, 60))
    return false;
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i;
    if (i == digits)
      return false;
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z'))
    return i + 1 == s.size();
  return i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && two(i + 1, 23) && s[i + 3] == ':' &&
         two(i + 4, 59);
}

// An absolute http or https URL with a host, or a file URL (`fetch --allow-file` reads mirrors).
bool is_source_url(std::string_view s) {
  std::string lower = text::ascii_lower(s.substr(0, 8));
  if (lower.starts_with("file:///"))
    return s.size() > 8 && std::none_of(s.begin(), s.end(), [](char c) {
             return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\';
           });
  size_t host = lower.starts_with("https://") ? 8 : lower.starts_with("http://") ? 7 : 0;
  if (host == 0 || host >= s.size())
    return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\')
      return false;
  char first = s[host];
  return first != '/' && first != '?' && first != '#';
}

bool is_email(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view domain = s.substr(at + 1);
  size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.')
    return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == ',' || c == '<' || c == '>';
  });
}

// Removes every "format" keyword from a schema. The format-* rules check the formats the record
// schema names (with better messages), and valijson 1.0 compiles a std::regex on every date and
// date-time value it checks, which made format checking most of the cost of validation.
// An "if"/"then" left with an empty "then" (the record schema wraps each format that way, see its
// $comment) checks nothing any more and goes too.
void strip_formats(rapidjson::Value& node) {
  if (node.IsObject()) {
    // The keyword, whose value is a string; not a property named "format" (source.format).
    if (auto format = node.FindMember("format");
        format != node.MemberEnd() && format->value.IsString())
      node.RemoveMember(format);
    for (auto& member : node.GetObject())
      strip_formats(member.value);
    if (auto then = node.FindMember("then");
        then != node.MemberEnd() && then->value.IsObject() && then->value.ObjectEmpty()) {
      node.RemoveMember("then");
      node.RemoveMember("if");
    }
  } else if (node.IsArray()) {
    for (auto& item : node.GetArray())
      strip_formats(item);
  }
}

// valijson 1.0 checks "pattern" with std::regex, whose matcher recurses once per character: a
// string of some 30,000 characters under a pattern overflowed the stack (found by fuzzing). No
// string the record schema gives a pattern comes near 8 KiB (fetch refuses longer URLs), so the
// document valijson sees has every longer string cut to that length, at a character boundary.
// Only valijson's messages can change by it: the compiled schema has judged the whole strings.
constexpr size_t k_max_regex_subject = 8192;

// Whether `node` holds a string longer than k_max_regex_subject. Recursion is bounded: documents
// nested deeper than record::k_max_json_depth are refused before they are parsed.
bool has_long_string(const rapidjson::Value& node) {
  if (node.IsString())
    return node.GetStringLength() > k_max_regex_subject;
  if (node.IsObject()) {
    for (const auto& member : node.GetObject())
      if (has_long_string(member.value))
        return true;
  } else if (node.IsArray()) {
    for (const auto& item : node.GetArray())
      if (has_long_string(item))
        return true;
  }
  return false;
}

void cut_long_strings(rapidjson::Value& node) {
  if (node.IsString() && node.GetStringLength() > k_max_regex_subject) {
    const char* s = node.GetString();
    size_t n = k_max_regex_subject;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
      --n;
    // A reference into the original document's text, which outlives the copy.
    node.SetString(rapidjson::StringRef(s, static_cast<rapidjson::SizeType>(n)));
  } else if (node.IsObject()) {
    for (auto& member : node.GetObject())
      cut_long_strings(member.value);
  } else if (node.IsArray()) {
    for (auto& item : node.GetArray())
      cut_long_strings(item);
  }
}

// "[area]" -> "area", "[3]" -> "3"; valijson's context entries, without the root.
std::string pointer_of(const std::vector<std::string>& context) {
  std::string ptr;
  for (const std::string& part : context) {
    if (part == "<root>")
      continue;
    std::string_view p = part;
    if (p.size() >= 2 && p.front() == '[' && p.back() == ']')
      p = p.substr(1, p.size() - 2);
    ptr += '/';
    for (char c : p) {
      if (c == '~')
        ptr += "~0";
      else if (c == '/')
        ptr += "~1";
      else
        ptr += c;
    }
  }
  return ptr;
}

// The schema keyword a valijson message is about (valijson 1.0 does not say it directly).
std::string_view keyword_of(std::string_view message) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> k_keywords{{
      {"required property", "required"},
      {"enum", "enum"},
      {"'type'", "type"},
      {"type constraint", "type"},
      {"'pattern'", "pattern"},
      {"regex", "pattern"},
      {"additionalProperties", "additionalProperties"},
      {"format", "format"},
      {"const", "const"},
      {"minimum", "minimum"},
      {"maximum", "maximum"},
      {"minLength", "minLength"},
      {"maxLength", "maxLength"},
      {"oneOf", "oneOf"},
      {"anyOf", "anyOf"},
      {"items", "items"},
  }};
  for (const auto& [needle, keyword] : k_keywords)
    if (message.find(needle) != std::string_view::npos)
      return keyword;
  return {};
}

// The schema location of a keyword applied at an instance location: each object member becomes
// /properties/<name> and each array index /items. (Definitions reached through $ref are shown at
// the place they apply.)
std::string keyword_location(const std::vector<std::string>& context, std::string_view keyword) {
  std::string loc = "#";
  for (const std::string& part : context) {
    if (part == "<root>")
      continue;
    std::string_view p = part;
    if (p.size() >= 2 && p.front() == '[' && p.back() == ']')
      p = p.substr(1, p.size() - 2);
    bool index = !p.empty() && std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
    loc += index ? std::string("/items") : fmt::format("/properties/{}", p);
  }
  if (!keyword.empty())
    loc += fmt::format("/{}", keyword);
  return loc;
}

// Messages of valijson that only repeat a deeper error one level up.
bool is_cascade(std::string_view message) {
  return message.starts_with("Failed to validate against schema associated with property") ||
         message.starts_with("Failed to validate item #") ||
         message.starts_with("Failed to validate against child schema") ||
         message.starts_with("Failed to validate against any child schemas") ||
         message.starts_with("Failed to validate against schema") ||
         message.find("format") != std::string_view::npos; // the format rules say it better
}

// The values whose `pattern` in the schema only restates a format that a format-* rule checks
// with a better message; the schema's finding there would say the same thing twice.
bool covered_by_format_rule(std::string_view pointer) {
  if (pointer == "/id" || pointer == "/updated" || pointer == "/source/url" ||
      pointer == "/source/fetched_at" || pointer.starts_with("/dates/"))
    return true;
  return pointer.starts_with("/contacts/") && pointer.ends_with("/email");
}

bool matches_any_name(const std::string& name, std::initializer_list<const std::string*> names) {
  std::string folded = text::fold(name);
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string* n) { return !n->empty() && text::fold(*n) == folded; });
}

// Why the organisation no longer exists, or nullopt. The wellbeing services reform (Act
// 616/2021) moved social and health care and rescue services from municipalities, joint municipal
// authorities and hospital districts to the wellbeing services counties on 1 January 2023; the
// former municipalities are those of lib/data/abolished_municipalities.csv.
std::optional<std::string> defunct_reason(const std::string& name) {
  std::string f = text::fold(name);
  if (f.find("sairaanhoitopiiri") != std::string::npos ||
      f.find("sjukvårdsdistrikt") != std::string::npos)
    return std::string("hospital districts stopped organising services on 1 January 2023, when the "
                       "wellbeing services counties took over");
  bool joint = f.find("kuntayhtymä") != std::string::npos || f.find("samkommun") != std::string::npos;
  bool care = f.find("sosiaali") != std::string::npos || f.find("terveys") != std::string::npos ||
              f.find("terveyden") != std::string::npos || f.find("sote") != std::string::npos ||
              f.find("social") != std::string::npos || f.find("hälso") != std::string::npos;
  if (joint && care)
    return std::string("joint municipal authorities for social and health care were dissolved on 1 "
                       "January 2023, when the wellbeing services counties took over");
  // "Valkealan kunta": a municipality that merged into another.
  for (std::string_view suffix : {" kunta", " kaupunki", " kommun", " stad"}) {
    if (!f.ends_with(suffix))
      continue;
    std::string stem = f.substr(0, f.size() - suffix.size());
    const auto& ref = normalize::RefData::builtin();
    for (std::string candidate : {stem, stem.ends_with("n") ? stem.substr(0, stem.size() - 1) : stem,
                                  stem.ends_with("s") ? stem.substr(0, stem.size() - 1) : stem}) {
      if (ref.municipality(candidate) != nullptr)
        return std::nullopt;
      if (const auto* former = ref.former_municipality(candidate))
        return fmt::format("{} is a former municipality{}, now part of {}", former->name_fi,
                           former->year > 0 ? fmt::format(" (merged {})", former->year) : "",
                           former->successor->name_fi);
    }
  }
  return std::nullopt;
}

// The keys seen in one input, as 64-bit hashes with the line of the first record that had each:
// an open-addressing table of 16 bytes a slot, at most half full, so that an input of ten
// million records needs about 300 MB rather than the 1.8 GB of a map from strings (the keys
// themselves are never needed again). Two different keys share a hash with a probability of
// about n^2 / 2^65: one in 370,000 for an input of ten million records.
class SeenKeys {
public:
  // The line of the earlier record with this hash, or 0 after recording `line` for it.
  int insert(std::uint64_t hash, int line) {
    if (2 * (m_used + 1) > m_slots.size())
      grow();
    hash = hash == 0 ? 1 : hash; // 0 marks an empty slot
    for (size_t i = hash & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
      if (m_slots[i].hash == hash)
        return m_slots[i].line;
      if (m_slots[i].hash == 0) {
        m_slots[i] = {hash, line};
        ++m_used;
        return 0;
      }
    }
  }
  void clear() {
    m_slots.clear();
    m_slots.shrink_to_fit();
    m_used = 0;
  }

private:
  struct Slot {
    std::uint64_t hash = 0;
    int line = 0;
  };
  void grow() {
    size_t size = std::max<size_t>(1024, 2 * m_slots.size());
    std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(size));
    m_used = 0;
    for (const Slot& slot : old)
      if (slot.hash != 0)
        insert(slot.hash, slot.line);
  }
  std::vector<Slot> m_slots;
  size_t m_used = 0;
};

} // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
  case Severity::off:
    return "off";
  case Severity::warning:
    return "warning";
  case Severity::error:
    break;
  }
  return "error";
}

std::span<const Rule> rules() { return k_rules; }

const Rule* find_rule(std::string_view name) {
  for (const Rule& r : k_rules)
    if (r.name == name)
      return &r;
  return nullptr;
}

struct Validator::Impl {
  Options options;
  valijson::Schema schema;
  // One valijson validator for the whole run: it caches the compiled regular expressions of the
  // schema's patterns, which a fresh validator per record would compile again every time.
  valijson::Validator validator;
  // The same schema compiled for a quick yes or no: a record it accepts is valid and skips
  // valijson, which is asked only about the others, for its messages. Absent when the schema
  // (a --schema of the user's) uses something it does not compile.
  std::optional<CompiledSchema> compiled;
  std::string buffer;
  // The pool's first chunk is this block, which Clear() keeps: a record's values fit in it, so
  // parsing allocates nothing per record.
  std::vector<char> pool_block = std::vector<char>(size_t{1} << 20);
  rapidjson::MemoryPoolAllocator<> pool{pool_block.data(), pool_block.size()};
  SeenKeys seen; // id and lang, within one input
  std::string key; // scratch for id + "\n" + lang

  Severity severity(std::string_view rule) const {
    if (auto it = options.severities.find(rule); it != options.severities.end())
      return it->second;
    const Rule* r = find_rule(rule);
    return r != nullptr ? r->default_severity : Severity::error;
  }

  void add(std::vector<Finding>& out, std::string_view rule, std::string message,
           std::string instance = {}, std::string keyword = {}, int column = 0) const {
    Severity s = severity(rule);
    if (s == Severity::off)
      return;
    out.push_back({std::string(rule), s, std::move(message), std::move(instance), std::move(keyword),
                   column});
  }

  void semantic(const record::Record& r, int line, std::vector<Finding>& out);
};

void Validator::Impl::semantic(const record::Record& r, int line, std::vector<Finding>& out) {
  const normalize::RefData& ref = normalize::RefData::builtin();

  if (!core::is_uuid(r.id))
    add(out, "format-uuid", fmt::format("id \"{}\" is not a UUID", r.id), "/id");

  // Dates.
  auto check_date = [&](const std::string& value, std::string pointer) {
    if (!iso_date(value))
      add(out, "format-date", fmt::format("\"{}\" is not a calendar date YYYY-MM-DD", value),
          std::move(pointer));
  };
  if (r.updated) {
    check_date(*r.updated, "/updated");
    if (auto d = iso_date(*r.updated)) {
      if (!options.as_of.empty() && *r.updated > options.as_of)
        add(out, "updated-in-future",
            fmt::format("updated {} is after {}", *r.updated, options.as_of), "/updated");
      if (d->year < 1990)
        add(out, "updated-too-old", fmt::format("updated {} is before 1990", *r.updated),
            "/updated");
      if (!r.dates.empty() && std::none_of(r.dates.begin(), r.dates.end(), [&](const auto& kv) {
            return kv.second == *r.updated;
          }))
        add(out, "updated-not-in-dates",
            fmt::format("updated {} is none of the page's stated dates", *r.updated), "/updated");
    }
  }
  for (const auto& [kind, value] : r.dates)
    check_date(value, "/dates/" + kind);
  if (r.source.fetched_at && !is_date_time(*r.source.fetched_at))
    add(out, "format-date-time",
        fmt::format("\"{}\" is not an RFC 3339 date-time", *r.source.fetched_at),
        "/source/fetched_at");
  if (r.source.url && !is_source_url(*r.source.url))
    add(out, "format-uri", fmt::format("\"{}\" is not an http, https or file URL", *r.source.url),
        "/source/url");
  for (size_t i = 0; i < r.contacts.size(); ++i)
    if (r.contacts[i].email && !is_email(*r.contacts[i].email))
      add(out, "format-email", fmt::format("\"{}\" is not an e-mail address", *r.contacts[i].email),
          fmt::format("/contacts/{}/email", i));

  // Area codes and names.
  for (size_t i = 0; i < r.area.municipalities.size(); ++i) {
    const auto& m = r.area.municipalities[i];
    std::string ptr = fmt::format("/area/municipalities/{}", i);
    if (const auto* known = ref.municipality_by_code(m.code)) {
      if (!matches_any_name(m.name, {&known->name_fi, &known->name_sv, &known->name_en}))
        add(out, "area-name-mismatch",
            fmt::format("municipality {} is {} ({}), not \"{}\"", m.code, known->name_fi,
                        known->name_sv, m.name),
            ptr + "/name");
    } else if (const auto* former = ref.former_municipality(m.name)) {
      add(out, "area-code-unknown",
          fmt::format("municipality code {} does not exist; {} is a former municipality, now "
                      "part of {} ({})",
                      m.code, m.name, former->successor->name_fi, former->successor->code),
          ptr + "/code");
    } else {
      add(out, "area-code-unknown", fmt::format("municipality code {} does not exist", m.code),
          ptr + "/code");
    }
  }
  for (size_t i = 0; i < r.area.regions.size(); ++i) {
    const auto& g = r.area.regions[i];
    std::string ptr = fmt::format("/area/regions/{}", i);
    if (const auto* known = ref.region_by_code(g.code)) {
      if (!matches_any_name(g.name, {&known->name_fi, &known->name_sv, &known->name_en}))
        add(out, "area-name-mismatch",
            fmt::format("region {} is {}, not \"{}\"", g.code, known->name_fi, g.name),
            ptr + "/name");
    } else {
      add(out, "area-code-unknown", fmt::format("region code {} does not exist", g.code),
          ptr + "/code");
    }
  }
  for (size_t i = 0; i < r.area.wellbeing_services_counties.size(); ++i) {
    const auto& c = r.area.wellbeing_services_counties[i];
    std::string ptr = fmt::format("/area/wellbeing_services_counties/{}", i);
    if (const auto* known = ref.county_by_code(c.code)) {
      if (!matches_any_name(c.name, {&known->name_fi, &known->name_sv, &known->name_en}))
        add(out, "area-name-mismatch",
            fmt::format("wellbeing services county {} is {}, not \"{}\"", c.code, known->name_fi,
                        c.name),
            ptr + "/name");
    } else {
      add(out, "area-code-unknown",
          fmt::format("wellbeing services county code {} does not exist", c.code), ptr + "/code");
    }
  }
  if (r.area.stated_count) {
    size_t listed = r.area.municipalities.size() + r.area.unmatched.size();
    if (listed > 0 && static_cast<size_t>(*r.area.stated_count) != listed)
      add(out, "area-count-mismatch",
          fmt::format("states {} municipalities but lists {}", *r.area.stated_count, listed),
          "/area/stated_count");
  }

  // Languages.
  for (size_t i = 0; i < r.languages.size(); ++i)
    if (ref.language_by_code(r.languages[i]) == nullptr)
      add(out, "language-code-unknown",
          fmt::format("\"{}\" is not a language code of the PTV list", r.languages[i]),
          fmt::format("/languages/{}", i));
  if (r.lang != "und" && ref.language_by_code(r.lang) == nullptr)
    add(out, "language-code-unknown", fmt::format("lang \"{}\" is not a language code", r.lang),
        "/lang");

  // Cost and organisation.
  if ((r.cost.type == "charged" || r.cost.type == "mixed") &&
      (!r.cost.evidence || text::trim(*r.cost.evidence).empty()))
    add(out, "cost-without-evidence",
        fmt::format("cost is {} but no sentence says so", r.cost.type), "/cost/evidence");
  if (r.organisation) {
    if (auto reason = defunct_reason(r.organisation->name))
      add(out, "organisation-defunct",
          fmt::format("\"{}\" no longer exists: {}", r.organisation->name, *reason),
          "/organisation/name");
  }

  // Duplicates within the input.
  if (!r.id.empty() && severity("duplicate-id") != Severity::off) {
    key.assign(r.id);
    key += '\n';
    key += r.lang;
    if (int earlier = seen.insert(std::hash<std::string>{}(key), line))
      add(out, "duplicate-id",
          fmt::format("id {} with lang {} is also on line {}", r.id, r.lang, earlier), "/id");
  }

  // Provenance against the fields.
  auto has_provenance = [&](std::string_view field) {
    return std::any_of(r.provenance.begin(), r.provenance.end(), [&](const record::Provenance& p) {
      return p.field == field || (p.field.size() > field.size() && p.field.starts_with(field) &&
                                  p.field[field.size()] == '.');
    });
  };
  struct FieldValue {
    std::string_view field;
    bool present;
  };
  const std::array fields{
      FieldValue{"title", !r.title.empty()},
      FieldValue{"organisation", r.organisation.has_value()},
      FieldValue{"updated", r.updated.has_value()},
      FieldValue{"languages", !r.languages.empty()},
      FieldValue{"cost", r.cost.type != "unknown"},
      FieldValue{"area", r.area.type != "unknown"},
      FieldValue{"service_type", r.service_type.has_value()},
      FieldValue{"funding", r.funding.has_value()},
  };
  for (const FieldValue& f : fields) {
    // An area known only from its stated count ("7 kuntaa") has provenance under area.stated_count.
    bool provenance = has_provenance(f.field);
    if (f.present && !provenance)
      add(out, "provenance-missing", fmt::format("{} has a value but no provenance", f.field),
          fmt::format("/{}", f.field));
    std::string field(f.field);
    bool exact = std::any_of(r.provenance.begin(), r.provenance.end(),
                             [&](const record::Provenance& p) { return p.field == field; });
    if (!f.present && exact)
      add(out, "provenance-dangling",
          fmt::format("provenance names {}, which has no value", f.field),
          fmt::format("/provenance/{}", f.field));
  }
}

Validator::Validator(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;
Validator::~Validator() = default;

Result<Validator> Validator::create(const Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  std::string text(embedded::record_schema_json);
  std::string name = "the built-in record schema";
  if (options.schema_path) {
    name = *options.schema_path;
    std::ifstream in(*options.schema_path, std::ios::binary);
    if (!in)
      return unexpected(fmt::format("cannot read the schema {}", name));
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  if (record::too_deep_at(text))
    return unexpected(fmt::format("the schema {} is {}", name, record::k_too_deep_message));
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError())
    return unexpected(fmt::format("the schema {} is not JSON: {} at byte {}", name,
                                  rapidjson::GetParseError_En(doc.GetParseError()),
                                  doc.GetErrorOffset()));
  strip_formats(doc);
  impl->compiled = CompiledSchema::compile(doc);
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::RapidJsonAdapter(doc), impl->schema);
  } catch (const std::exception& e) {
    return unexpected(fmt::format("the schema {} cannot be used: {}", name, e.what()));
  }
  return Validator(std::move(impl));
}

void Validator::begin_input() { m_impl->seen.clear(); }

Severity Validator::severity_of(std::string_view rule) const { return m_impl->severity(rule); }

std::vector<Finding> Validator::check(std::string_view json, int line, std::string& id) {
  std::vector<Finding> out;
  id.clear();
  // Parsed in place in a buffer kept between records, into a pool kept between records: no copy
  // of each string and no allocation per value.
  // Refused before parsing, with where: a nesting that would overflow the stack of the parser or
  // of valijson, a NUL (the in-place parser would take it for the end of the text), and invalid
  // UTF-8 (valijson's string lengths read past a table on it; found by fuzzing).
  auto refuse = [&](size_t offset, std::string message) {
    int column = static_cast<int>(text::length_utf8(json.substr(0, offset))) + 1;
    m_impl->add(out, "json-syntax", std::move(message), "", "", column);
    return out;
  };
  if (std::optional<size_t> deep = record::too_deep_at(json))
    return refuse(*deep, std::string(record::k_too_deep_message));
  if (size_t nul = json.find('\0'); nul != std::string_view::npos)
    return refuse(nul, "a NUL byte; JSON text cannot contain one");
  m_impl->buffer.assign(json.data(), json.size());
  // RapidJSON's UTF-8 check takes the continuation bytes of a lead byte without looking for the
  // end: a text ending in one ('\xF3') read past the buffer (found by fuzzing). Three more NULs
  // keep those reads inside it; the parser stops at the first.
  m_impl->buffer.append(3, '\0');
  m_impl->pool.Clear();
  rapidjson::Document doc(&m_impl->pool);
  doc.ParseInsitu<rapidjson::kParseValidateEncodingFlag>(m_impl->buffer.data());
  if (doc.HasParseError()) {
    size_t offset = std::min(doc.GetErrorOffset(), json.size());
    int column = static_cast<int>(text::length_utf8(json.substr(0, offset))) + 1;
    std::string message = rapidjson::GetParseError_En(doc.GetParseError());
    while (!message.empty() && message.back() == '.')
      message.pop_back();
    if (!message.empty())
      message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    m_impl->add(out, "json-syntax", message, "", "", column);
    return out;
  }
  if (doc.IsObject()) {
    if (auto it = doc.FindMember("id"); it != doc.MemberEnd() && it->value.IsString())
      id.assign(it->value.GetString(), it->value.GetStringLength());
  }

  bool schema_ok = true;
  if (m_impl->severity("schema") != Severity::off &&
      !(m_impl->compiled && m_impl->compiled->accepts(doc))) {
    valijson::ValidationResults results;
    rapidjson::Document cut;
    const rapidjson::Value* subject = &doc;
    if (has_long_string(doc)) {
      cut.CopyFrom(doc, cut.GetAllocator());
      cut_long_strings(cut);
      subject = &cut;
    }
    try {
      schema_ok = m_impl->validator.validate(
          m_impl->schema, valijson::adapters::RapidJsonAdapter(*subject), &results);
    } catch (const std::exception& e) {
      schema_ok = false;
      m_impl->add(out, "schema", fmt::format("the validator stopped: {}", e.what()));
    }
    if (schema_ok && subject == &cut && m_impl->compiled) {
      // The compiled schema saw the whole strings and rejected them; valijson saw them cut to
      // 8 KiB and accepted. What it cannot see is past the cut: a pattern broken there.
      schema_ok = false;
      m_impl->add(out, "schema",
                  "a string longer than 8 KiB does not match its pattern past its first 8 KiB");
    }
    // Messages that only repeat a deeper one are left out, unless nothing else would be said: a
    // record the schema rejects is never reported valid.
    std::vector<valijson::ValidationResults::Error> errors, cascades;
    valijson::ValidationResults::Error error;
    while (results.popError(error))
      (is_cascade(error.description) ? cascades : errors).push_back(error);
    if (errors.empty() && !schema_ok)
      errors = std::move(cascades);
    for (const auto& e : errors) {
      std::string keyword(keyword_of(e.description));
      std::string pointer = pointer_of(e.context);
      if (keyword == "pattern" && covered_by_format_rule(pointer))
        continue;
      std::string message = e.description;
      if (size_t at = message.find("could not be validated using 'properties' or "
                                   "'additionalProperties' constraints: ");
          at != std::string::npos) {
        std::string name = message.substr(message.rfind(": ") + 2);
        while (!name.empty() && name.back() == '.')
          name.pop_back();
        message = "unknown property " + name + " (the schema allows no other properties here)";
        keyword = "additionalProperties";
      }
      while (!message.empty() && message.back() == '.')
        message.pop_back();
      if (!message.empty())
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
      m_impl->add(out, "schema", message, pointer, keyword_location(e.context, keyword));
    }
  }

  auto rec = record::from_value(doc);
  if (rec) {
    m_impl->semantic(*rec, line, out);
  } else if (schema_ok) {
    // The schema passed but the record cannot be read: a custom --schema that is looser.
    m_impl->add(out, "schema", rec.error().message);
  }
  return out;
}

} // namespace svcdesc::validate
