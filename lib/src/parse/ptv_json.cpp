// PTV Open API JSON: services of the national service catalogue (the v11 model, and the spellings
// of v7 and older) to one record per service and language version.
//
// An input holds one service object, an array of them, the paging envelope of the API
// ({"pageNumber", "pageSize", "pageCount", "itemList": [...]}) or several of these one after the
// other (NDJSON). A light scanner walks the top level first and finds where each service object
// starts and ends, without building anything; each service is then copied into one reused buffer
// and parsed in situ by RapidJSON into a document whose memory pool is reused as well. So a
// malformed or unreadable service costs only itself (the others still parse), every record knows
// the line its service starts on and the SHA-256 of its own bytes, and memory stays bounded by
// the largest service rather than by the input.
//
// The mapping follows the published model (see man/svcdesc-parse.md for the table). Enumerations
// that decide a field of the record (type, fundingType, serviceChargeType, areaType, areas[].type,
// organizations[].roleType, publishingStatus) must hold a known value: an unknown one makes the
// service an error named by its JSON pointer, since guessing would put a wrong value in the
// record. Codes the reference data does not know (a municipality, region or language) are kept
// as written with a warning on the record.
#include "formats.hpp"
#include "page.hpp"
#include "record/rapidjson.hpp"

#include <svcdesc/core/hash.hpp>
#include <svcdesc/normalize/cost.hpp>
#include <svcdesc/normalize/date.hpp>
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/sentences.hpp>
#include <svcdesc/text/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <vector>

namespace svcdesc::parse {
namespace {

using Value = rapidjson::Value;

// ---- the top-level scanner -----------------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Finds the ends of JSON values without parsing them: strings are skipped with their escapes,
// brackets are counted. Whether the value is well-formed inside is RapidJSON's business later.
struct Scanner {
  std::string_view s;
  size_t pos = 0;

  void skip_space() {
    while (pos < s.size() && is_space(s[pos]))
      ++pos;
  }
  bool at_end() const { return pos >= s.size(); }
  char peek() const { return pos < s.size() ? s[pos] : '\0'; }

  // Past the closing quote of the string starting at `pos`; false when it never closes.
  bool skip_string() {
    ++pos;
    while (pos < s.size()) {
      const void* q = std::memchr(s.data() + pos, '"', s.size() - pos);
      if (q == nullptr)
        break;
      size_t quote = static_cast<size_t>(static_cast<const char*>(q) - s.data());
      size_t backslashes = 0;
      while (quote - backslashes > pos && s[quote - backslashes - 1] == '\\')
        ++backslashes;
      pos = quote + 1;
      if (backslashes % 2 == 0)
        return true;
    }
    pos = s.size();
    return false;
  }

  // Past the value starting at `pos`; false when it runs off the end of the input.
  bool skip_value() {
    char c = peek();
    if (c == '"')
      return skip_string();
    if (c != '{' && c != '[') {
      while (pos < s.size() && !is_space(s[pos]) && s[pos] != ',' && s[pos] != ']' && s[pos] != '}')
        ++pos;
      return true;
    }
    int depth = 0;
    while (pos < s.size()) {
      char ch = s[pos];
      if (ch == '"') {
        if (!skip_string())
          return false;
        continue;
      }
      ++pos;
      if (ch == '{' || ch == '[')
        ++depth;
      else if ((ch == '}' || ch == ']') && --depth == 0)
        return true;
    }
    return false;
  }

  // The raw text of the key starting at `pos` (no unescaping: the keys looked for are plain), and
  // `pos` past the colon after it; nullopt when there is no key and colon there.
  std::optional<std::string_view> key() {
    if (peek() != '"')
      return std::nullopt;
    size_t start = pos + 1;
    if (!skip_string())
      return std::nullopt;
    std::string_view k = s.substr(start, pos - 1 - start);
    skip_space();
    if (peek() != ':')
      return std::nullopt;
    ++pos;
    skip_space();
    return k;
  }

  // After a member or element: past a comma (true), or not (the caller sees what stands there).
  bool next_item() {
    skip_space();
    if (peek() != ',')
      return false;
    ++pos;
    skip_space();
    return true;
  }
};

// The offset of the value that `pointer` ("/areas/2/type") names inside the JSON value starting at
// `start`, or of the deepest value found on the way. Only for error messages, so speed is no
// concern; the input is known to be well-formed JSON there.
size_t locate(std::string_view bytes, size_t start, std::string_view pointer) {
  Scanner sc{bytes, start};
  size_t found = start;
  while (!pointer.empty() && pointer.front() == '/') {
    pointer.remove_prefix(1);
    std::string_view token = pointer.substr(0, pointer.find('/'));
    pointer.remove_prefix(token.size());
    sc.skip_space();
    bool hit = false;
    if (sc.peek() == '{') {
      ++sc.pos;
      sc.skip_space();
      while (sc.peek() == '"') {
        size_t key_at = sc.pos;
        auto k = sc.key();
        if (!k)
          return found;
        if (*k == token) {
          found = key_at;
          hit = true;
          break;
        }
        if (!sc.skip_value() || !sc.next_item())
          return found;
      }
    } else if (sc.peek() == '[') {
      size_t index = 0;
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (ec != std::errc() || end != token.data() + token.size())
        return found;
      ++sc.pos;
      sc.skip_space();
      for (size_t i = 0; i < index; ++i)
        if (!sc.skip_value() || !sc.next_item())
          return found;
      if (sc.peek() != ']' && !sc.at_end()) {
        found = sc.pos;
        hit = true;
      }
    }
    if (!hit)
      return found;
  }
  return found;
}

// Line numbers of offsets that only grow: counts newlines since the last question.
struct LineCounter {
  std::string_view s;
  size_t offset = 0;
  int line = 1;
  int at(size_t target) {
    target = std::min(target, s.size());
    if (target < offset) {
      offset = 0;
      line = 1;
    }
    // memchr jumps from newline to newline; std::count is not vectorized at -O2.
    const char* p = s.data() + offset;
    const char* end = s.data() + target;
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
      if (nl == nullptr)
        break;
      ++line;
      p = static_cast<const char*>(nl) + 1;
    }
    offset = target;
    return line;
  }
};

// The 1-based line and column (in characters) of `offset`.
std::pair<int, int> position_of(std::string_view bytes, size_t offset) {
  offset = std::min(offset, bytes.size());
  size_t line_start = bytes.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
  if (offset > 0 && bytes[offset - 1] == '\n')
    line_start = offset;
  int line = 1 + static_cast<int>(std::count(bytes.data(), bytes.data() + line_start, '\n'));
  std::string_view before = bytes.substr(line_start, offset - line_start);
  int column = text::find_invalid_utf8(before) ? static_cast<int>(before.size()) + 1
                                                : static_cast<int>(text::length_utf8(before)) + 1;
  return {line, column};
}

// ---- the code lists --------------------------------------------------------------------------

struct Code {
  std::string_view ptv; // as the API writes it (v11 first, then the v7 spelling)
  std::string_view ours;
};

constexpr std::array k_service_types{
    Code{"Service", "service"},
    Code{"PermitOrObligation", "permit_or_obligation"},
    Code{"ProfessionalQualification", "professional_qualification"},
    Code{"PermissionAndObligation", "permit_or_obligation"},
    Code{"ProfessionalQualifications", "professional_qualification"},
    // Types of before v6 that the API maps to PermissionAndObligation.
    Code{"Notice", "permit_or_obligation"},
    Code{"Registration", "permit_or_obligation"},
    Code{"Permission", "permit_or_obligation"},
};
constexpr std::array k_funding_types{
    Code{"PubliclyFunded", "public"},
    Code{"MarketFunded", "private"},
};
// "other" is PTV's Other: the additional information decides, as on a page.
constexpr std::array k_charge_types{
    Code{"Chargeable", "charged"}, Code{"FreeOfCharge", "free"}, Code{"Other", "other"},
    Code{"Charged", "charged"},    Code{"Free", "free"},
};
constexpr std::array k_area_types{
    Code{"Nationwide", "nationwide"},
    Code{"NationwideExceptAlandIslands", "nationwide_except_aland"},
    Code{"LimitedType", "limited"},
    Code{"WholeCountry", "nationwide"},
    Code{"WholeCountryExceptAlandIslands", "nationwide_except_aland"},
    Code{"AreaType", "limited"},
};
constexpr std::array k_area_kinds{
    Code{"Municipality", "municipality"},
    Code{"Region", "region"},
    Code{"BusinessSubRegion", "business_sub_region"},
    Code{"HospitalDistrict", "hospital_district"},
    Code{"WellbeingServiceCounty", "county"},
    Code{"WellbeingServiceCounties", "county"},
    Code{"Province", "region"},
    Code{"BusinessRegions", "business_sub_region"},
    Code{"HospitalRegions", "hospital_district"},
};
constexpr std::array k_role_types{
    Code{"Responsible", "responsible"},
    Code{"OtherResponsible", "other_responsible"},
    Code{"Producer", "producer"},
};
// Published is the live version; Draft and Modified are not public yet; the others are gone.
constexpr std::array k_publishing_statuses{
    Code{"Published", "parsed"},      Code{"Draft", "draft"},
    Code{"Modified", "draft"},        Code{"Archived", "withdrawn"},
    Code{"Deleted", "withdrawn"},     Code{"Removed", "withdrawn"},
    Code{"OldPublished", "withdrawn"},
};

struct SectionType {
  std::string_view ptv;
  std::string_view kind;
  int order; // sections are written in this order, whatever the order in the input
  std::array<std::string_view, 3> heading; // fi, sv, en
};

constexpr std::array k_section_types{
    SectionType{"Summary", "description", 0, {"Tiivistelmä", "Sammanfattning", "Summary"}},
    SectionType{"ShortDescription", "description", 0, {"Tiivistelmä", "Sammanfattning", "Summary"}},
    SectionType{"Description", "description", 1, {"", "", ""}},
    SectionType{"UserInstruction", "instructions", 2, {"Toimi näin", "Gör så här", "Instructions"}},
    SectionType{"ServiceUserInstruction", "instructions", 2,
                {"Toimi näin", "Gör så här", "Instructions"}},
    // 3 is requirements[]: conditions.
    SectionType{"ChargeTypeAdditionalInfo", "cost", 4, {"Maksullisuus", "Avgifter", "Charges"}},
    SectionType{"DeadLine", "other", 5, {"Määräaika", "Tidsfrist", "Deadline"}},
    SectionType{"DeadLineAdditionalInfo", "other", 5, {"Määräaika", "Tidsfrist", "Deadline"}},
    SectionType{"ProcessingTime", "other", 6, {"Käsittelyaika", "Handläggningstid", "Processing time"}},
    SectionType{"ProcessingTimeAdditionalInfo", "other", 6,
                {"Käsittelyaika", "Handläggningstid", "Processing time"}},
    SectionType{"ValidityTime", "other", 7, {"Voimassaoloaika", "Giltighetstid", "Period of validity"}},
    SectionType{"ValidityTimeAdditionalInfo", "other", 7,
                {"Voimassaoloaika", "Giltighetstid", "Period of validity"}},
    SectionType{"ServiceType", "other", 8,
                {"Palvelutyypin lisätiedot", "Tilläggsuppgifter om tjänstetypen",
                 "About the service type"}},
    SectionType{"ServiceTypeAdditionalInfo", "other", 8,
                {"Palvelutyypin lisätiedot", "Tilläggsuppgifter om tjänstetypen",
                 "About the service type"}},
};
constexpr std::array<std::string_view, 3> k_conditions_heading{
    "Kenelle ja millä ehdoin", "För vem och på vilka villkor", "Who is it for and on what conditions"};
constexpr std::array<std::string_view, 3> k_legislation_heading{"Lainsäädäntö", "Lagstiftning",
                                                                "Legislation"};
// The labels of the PTV code list ServiceChargeType (lib/data/ptv_codes.csv), the evidence when
// the service says no more than its charge type.
constexpr std::array<std::string_view, 3> k_free_label{"Maksuton", "Avgiftsfri", "Free of charge"};
constexpr std::array<std::string_view, 3> k_charged_label{"Maksullinen", "Avgiftsbelagd",
                                                          "Chargeable"};

bool equals_icase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && text::starts_with_icase(a, b);
}

template <size_t N> const Code* find_code(const std::array<Code, N>& codes, std::string_view ptv) {
  for (const Code& c : codes)
    if (equals_icase(c.ptv, ptv))
      return &c;
  return nullptr;
}

// 0 fi, 1 sv, 2 en and every other language.
size_t lang_index(std::string_view lang) { return lang == "fi" ? 0 : lang == "sv" ? 1 : 2; }

template <typename T> const std::string& name_in(const T& item, std::string_view lang) {
  if (lang == "sv" && !item.name_sv.empty())
    return item.name_sv;
  if (lang == "en" && !item.name_en.empty())
    return item.name_en;
  return item.name_fi;
}

// Plain text of a PTV text value: the page hygiene, then at most one blank line between
// paragraphs and no spaces at line ends.
std::string clean_value(std::string_view raw) {
  std::string cleaned = text::clean_text(raw);
  // Most values need nothing more: no line ends with a space, no run of blank lines.
  if (cleaned.find(" \n") == std::string::npos && cleaned.find("\n\n\n") == std::string::npos &&
      text::trim(cleaned).size() == cleaned.size())
    return cleaned;
  std::string out;
  out.reserve(cleaned.size());
  int newlines = 0;
  for (char c : cleaned) {
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ')
        out.pop_back();
      ++newlines;
      continue;
    }
    if (newlines > 0 && !out.empty())
      out.append(newlines > 1 ? "\n\n" : "\n");
    newlines = 0;
    out += c;
  }
  return std::string(text::trim(out));
}

// ---- one service -------------------------------------------------------------------------------

// A localized text of the service: (type, language, value) from serviceNames, serviceDescriptions
// or requirements.
struct Localized {
  std::string_view type;
  std::string_view lang;
  std::string_view value;
};

struct Area {
  std::string_view kind; // from k_area_kinds
  std::string code;
  const Value* names = nullptr;
  const Value* municipalities = nullptr;
  size_t index = 0;
};

struct OrganisationItem {
  std::string_view role; // from k_role_types
  std::string_view id;
  std::string_view name;
  const Value* additional = nullptr;
};

// What a service holds, read once and shared by its language versions.
struct Service {
  std::string id;
  std::vector<std::string_view> langs; // the language versions, in input order
  std::vector<Localized> names;
  std::vector<Localized> descriptions;
  std::vector<Localized> requirements;
  std::vector<std::pair<std::string_view, std::string_view>> laws; // (lang, name)
  std::optional<std::string_view> service_type;
  std::optional<std::string_view> funding;
  std::optional<std::string_view> charge;
  std::optional<std::string_view> area_type;
  std::vector<Area> areas;
  std::vector<OrganisationItem> organisations;
  std::optional<OrganisationItem> main;
  std::vector<std::string_view> languages;
  std::optional<std::string_view> modified;
  std::string_view status = "parsed";
  std::string_view status_value;
};

// "/list/3" + "/field" for the items of a list.
auto item_where(const char* list, rapidjson::SizeType index) {
  return [list, index](const char* field) {
    return *field == '\0' ? fmt::format("/{}/{}", list, index)
                          : fmt::format("/{}/{}/{}", list, index, field);
  };
}

// Reads one service object into a Service; the first problem stops it with a message that starts
// with the JSON pointer of the value. Pointers are only built when something is wrong: `where`
// arguments are callables that make the pointer of a field ("/areas/2" + "/type").
class ServiceReader {
public:
  explicit ServiceReader(std::string pointer) : m_pointer(std::move(pointer)) {}

  std::optional<Error> error;
  std::string error_pointer; // relative to the service

  bool read(const Value& v, Service& out);

private:
  bool fail(std::string pointer, std::string_view message) {
    error_pointer = std::move(pointer);
    std::string full = m_pointer;
    full += error_pointer;
    full += ": ";
    full += message;
    error = Error{std::move(full)};
    return false;
  }
  static std::string_view type_name(const Value& v) {
    switch (v.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "a boolean";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return "a string";
    case rapidjson::kNumberType:
      break;
    }
    return "a number";
  }
  bool wrong_type(std::string pointer, std::string_view expected, const Value& v) {
    return fail(std::move(pointer), fmt::format("expected {}, found {}", expected, type_name(v)));
  }
  // The member `name` of `v`, or nullptr when absent or null.
  static const Value* member(const Value& v, const char* name) {
    auto it = v.FindMember(name);
    return it == v.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
  }
  static std::string_view str(const Value& v) { return {v.GetString(), v.GetStringLength()}; }
  static std::string top(const char* field) {
    std::string s = "/";
    s += field;
    return s;
  }

  template <typename Where>
  bool string_member(const Value& v, const char* name, const Where& where,
                     std::optional<std::string_view>& out) {
    const Value* m = member(v, name);
    if (m == nullptr)
      return true;
    if (!m->IsString())
      return wrong_type(where(name), "a string", *m);
    out = str(*m);
    return true;
  }
  template <typename Where, size_t N>
  bool code_member(const Value& v, const char* name, const Where& where,
                   const std::array<Code, N>& codes, std::optional<std::string_view>& out) {
    std::optional<std::string_view> raw;
    if (!string_member(v, name, where, raw))
      return false;
    if (!raw || raw->empty())
      return true;
    const Code* c = find_code(codes, *raw);
    if (c == nullptr)
      return fail(where(name), fmt::format("unknown value '{}'", *raw));
    out = c->ours;
    return true;
  }
  bool array_member(const Value& v, const char* name, const Value*& out) {
    out = member(v, name);
    if (out != nullptr && !out->IsArray())
      return wrong_type(top(name), "an array", *out);
    return true;
  }
  // Calls `read_item(item, index, where)` for each item of the array member `name`, which must
  // all be objects.
  template <typename F> bool each_object(const Value& v, const char* name, const F& read_item) {
    const Value* list = nullptr;
    if (!array_member(v, name, list))
      return false;
    if (list == nullptr)
      return true;
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
      const Value& item = (*list)[i];
      auto where = item_where(name, i);
      if (!item.IsObject())
        return wrong_type(where(""), "an object", item);
      if (!read_item(item, i, where))
        return false;
    }
    return true;
  }
  bool localized_list(const Value& v, const char* name, bool typed, std::vector<Localized>& out);
  bool read_areas(const Value& v, Service& out);
  bool read_organisations(const Value& v, Service& out);

  std::string m_pointer;
};

bool ServiceReader::localized_list(const Value& v, const char* name, bool typed,
                                   std::vector<Localized>& out) {
  return each_object(v, name, [&](const Value& item, rapidjson::SizeType, const auto& where) {
    std::optional<std::string_view> type, lang, value;
    if (!string_member(item, "language", where, lang) ||
        !string_member(item, "value", where, value) ||
        (typed && !string_member(item, "type", where, type)))
      return false;
    if (!lang || lang->empty())
      return fail(where("language"), "missing required field");
    if (typed && !type)
      return fail(where("type"), "missing required field");
    if (value)
      out.push_back({type.value_or(""), *lang, *value});
    return true;
  });
}

bool ServiceReader::read_areas(const Value& v, Service& out) {
  return each_object(v, "areas", [&](const Value& item, rapidjson::SizeType i, const auto& where) {
    Area area;
    area.index = i;
    std::optional<std::string_view> kind;
    if (!code_member(item, "type", where, k_area_kinds, kind))
      return false;
    if (!kind)
      return fail(where("type"), "missing required field");
    area.kind = *kind;
    const Value* code = member(item, "code");
    if (code != nullptr && code->IsString())
      area.code = std::string(str(*code));
    else if (code != nullptr && code->IsUint())
      area.code = std::to_string(code->GetUint());
    else if (code != nullptr)
      return wrong_type(where("code"), "a string", *code);
    area.names = member(item, "name");
    if (area.names != nullptr && !area.names->IsArray())
      area.names = nullptr;
    area.municipalities = member(item, "municipalities");
    if (area.municipalities != nullptr && !area.municipalities->IsArray())
      return wrong_type(where("municipalities"), "an array", *area.municipalities);
    out.areas.push_back(std::move(area));
    return true;
  });
}

bool ServiceReader::read_organisations(const Value& v, Service& out) {
  auto item_of = [&](const Value& o, const auto& where, OrganisationItem& into) {
    if (!o.IsObject())
      return wrong_type(where(""), "an object", o);
    std::optional<std::string_view> id, name;
    if (!string_member(o, "id", where, id) || !string_member(o, "name", where, name))
      return false;
    into.id = id.value_or("");
    into.name = name.value_or("");
    return true;
  };
  if (const Value* main = member(v, "mainOrganization")) {
    OrganisationItem m;
    m.role = "responsible";
    auto where = [](const char* field) {
      std::string s = "/mainOrganization";
      if (*field != '\0') {
        s += '/';
        s += field;
      }
      return s;
    };
    if (!item_of(*main, where, m))
      return false;
    out.main = m;
  }
  return each_object(v, "organizations", [&](const Value& item, rapidjson::SizeType i,
                                              const auto& where) {
    OrganisationItem org;
    std::optional<std::string_view> role;
    if (!code_member(item, "roleType", where, k_role_types, role))
      return false;
    if (!role)
      return fail(where("roleType"), "missing required field");
    org.role = *role;
    if (const Value* o = member(item, "organization")) {
      auto org_where = [i](const char* field) {
        return *field == '\0' ? fmt::format("/organizations/{}/organization", i)
                              : fmt::format("/organizations/{}/organization/{}", i, field);
      };
      if (!item_of(*o, org_where, org))
        return false;
    }
    org.additional = member(item, "additionalInformation");
    if (org.additional != nullptr && !org.additional->IsArray())
      org.additional = nullptr;
    out.organisations.push_back(org);
    return true;
  });
}

bool ServiceReader::read(const Value& v, Service& out) {
  if (!v.IsObject())
    return wrong_type("", "a service object", v);
  std::optional<std::string_view> id;
  if (!string_member(v, "id", top, id))
    return false;
  if (!id) {
    if (member(v, "serviceNames") == nullptr)
      return fail("", "not a PTV service: it has neither id nor serviceNames");
    return fail("/id", "missing required field");
  }
  if (!core::is_uuid(*id))
    return fail("/id", fmt::format("'{}' is not a GUID", *id));
  out.id = text::ascii_lower(*id);

  if (member(v, "serviceNames") == nullptr)
    return fail("/serviceNames", "missing required field");
  if (!localized_list(v, "serviceNames", true, out.names))
    return false;
  for (const Localized& n : out.names)
    if (equals_icase(n.type, "Name") &&
        std::find(out.langs.begin(), out.langs.end(), n.lang) == out.langs.end())
      out.langs.push_back(n.lang);
  if (out.langs.empty())
    return fail("/serviceNames", "no name of type Name in any language");
  if (!localized_list(v, "serviceDescriptions", true, out.descriptions) ||
      !localized_list(v, "requirements", false, out.requirements))
    return false;

  if (!code_member(v, "type", top, k_service_types, out.service_type) ||
      !code_member(v, "fundingType", top, k_funding_types, out.funding) ||
      !code_member(v, "serviceChargeType", top, k_charge_types, out.charge) ||
      !code_member(v, "areaType", top, k_area_types, out.area_type) || !read_areas(v, out) ||
      !read_organisations(v, out))
    return false;

  const Value* langs = nullptr;
  if (!array_member(v, "languages", langs))
    return false;
  if (langs != nullptr)
    for (rapidjson::SizeType i = 0; i < langs->Size(); ++i) {
      if (!(*langs)[i].IsString())
        return wrong_type(fmt::format("/languages/{}", i), "a string", (*langs)[i]);
      out.languages.push_back(str((*langs)[i]));
    }

  if (!string_member(v, "modified", top, out.modified))
    return false;
  std::optional<std::string_view> status;
  if (!string_member(v, "publishingStatus", top, status))
    return false;
  if (status && !status->empty()) {
    const Code* c = find_code(k_publishing_statuses, *status);
    if (c == nullptr)
      return fail("/publishingStatus", fmt::format("unknown value '{}'", *status));
    out.status = c->ours;
    out.status_value = c->ptv;
  }

  const Value* laws = nullptr;
  if (!array_member(v, "legislation", laws))
    return false;
  if (laws != nullptr)
    for (const Value& law : laws->GetArray()) {
      const Value* names = law.IsObject() ? member(law, "names") : nullptr;
      if (names == nullptr || !names->IsArray())
        continue;
      for (const Value& n : names->GetArray()) {
        const Value* lang = n.IsObject() ? member(n, "language") : nullptr;
        const Value* value = n.IsObject() ? member(n, "value") : nullptr;
        if (lang != nullptr && value != nullptr && lang->IsString() && value->IsString())
          out.laws.emplace_back(str(*lang), str(*value));
      }
    }
  return true;
}

// ---- records -----------------------------------------------------------------------------------

// The value of a localized list in `lang`, else in Finnish, else the first one.
std::string_view localized_value(const Value* list, std::string_view lang) {
  if (list == nullptr)
    return {};
  std::string_view fi, first;
  for (const Value& item : list->GetArray()) {
    if (!item.IsObject())
      continue;
    auto l = item.FindMember("language");
    auto v = item.FindMember("value");
    if (l == item.MemberEnd() || v == item.MemberEnd() || !l->value.IsString() ||
        !v->value.IsString())
      continue;
    std::string_view language(l->value.GetString(), l->value.GetStringLength());
    std::string_view value(v->value.GetString(), v->value.GetStringLength());
    if (language == lang)
      return value;
    if (language == "fi" && fi.empty())
      fi = value;
    if (first.empty())
      first = value;
  }
  return fi.empty() ? first : fi;
}

// Pads a numeric code to the width of its classification: "91" -> "091" for a municipality.
std::string padded(std::string code, size_t width) {
  if (code.size() < width && !code.empty() &&
      std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
    code.insert(0, width - code.size(), '0');
  return code;
}

template <typename T> void add_unique(std::vector<record::CodedName>& list, const T& item,
                                      std::string_view lang) {
  if (std::none_of(list.begin(), list.end(),
                   [&](const record::CodedName& c) { return c.code == item.code; }))
    list.push_back({item.code, name_in(item, lang)});
}

// The URL of one service when the input came from the PTV API: a page of services
// (".../api/v11/Service?page=2") names the service by its own URL (".../api/v11/Service/<id>");
// any other URL is kept as it is.
std::string service_url(std::string_view url, std::string_view id) {
  std::string lower = text::ascii_lower(url);
  size_t host = lower.find("palvelutietovaranto.suomi.fi/");
  size_t api = lower.find("/api/v", host == std::string::npos ? lower.size() : host);
  if (host == std::string::npos || api == std::string::npos)
    return std::string(url);
  size_t version_end = lower.find_first_of("/?#", api + 6);
  std::string out(url.substr(0, version_end == std::string::npos ? url.size() : version_end));
  out += "/Service/";
  out += id;
  return out;
}

class RecordMaker {
public:
  RecordMaker(const Service& service, std::string_view source_name, const Options& options,
              std::string sha256, int line)
      : m_service(service), m_source_name(source_name), m_options(options),
        m_sha256(std::move(sha256)), m_line(line) {}

  record::Record make(std::string_view lang) const;

private:
  void area(std::string_view lang, PageBuilder& page) const;
  void municipality(const std::string& code, std::string_view written, std::string_view lang,
                    std::string_view at, PageBuilder& page) const;
  void organisation(std::string_view lang, PageBuilder& page) const;
  void cost(std::string_view lang, PageBuilder& page) const;
  void sections(std::string_view lang, PageBuilder& page) const;
  void dates(PageBuilder& page) const;
  std::string rule(std::string_view path) const {
    std::string r = "ptv:";
    r += path;
    return r;
  }

  const Service& m_service;
  std::string_view m_source_name;
  const Options& m_options;
  std::string m_sha256;
  int m_line;
};

record::Record RecordMaker::make(std::string_view lang) const {
  record::Record rec;
  PageBuilder page(rec);
  const Service& s = m_service;
  rec.id = s.id;
  page.provenance("id", "ptv:/id", m_line);
  rec.lang = text::ascii_lower(lang);
  rec.kind = "service";
  page.provenance("kind", "ptv:/", m_line);
  for (const Localized& n : s.names)
    if (n.lang == lang && equals_icase(n.type, "Name")) {
      rec.title = text::collapse_spaces(text::clean_text(n.value));
      break;
    }
  std::string names_rule = fmt::format("ptv:/serviceNames[Name,{}]", lang);
  page.provenance("lang", names_rule, m_line);
  if (rec.title.empty())
    page.warn("title-missing", fmt::format("the service has an empty name in '{}'", lang), m_line);
  else
    page.provenance("title", names_rule, m_line);
  if (s.service_type) {
    rec.service_type = std::string(*s.service_type);
    page.provenance("service_type", "ptv:/type", m_line);
  }
  if (s.funding) {
    rec.funding = std::string(*s.funding);
    page.provenance("funding", "ptv:/fundingType", m_line);
  }
  organisation(lang, page);
  area(lang, page);

  const normalize::RefData& ref = normalize::RefData::builtin();
  for (std::string_view code : s.languages) {
    std::string c = text::ascii_lower(code);
    if (ref.language_by_code(c) == nullptr)
      page.warn("language-unknown", fmt::format("'{}' is not a language of the PTV list", code),
                m_line);
    if (std::find(rec.languages.begin(), rec.languages.end(), c) == rec.languages.end())
      rec.languages.push_back(std::move(c));
  }
  if (!s.languages.empty())
    page.provenance("languages", "ptv:/languages", m_line);

  sections(lang, page);
  cost(lang, page);
  dates(page);

  if (!m_source_name.empty())
    rec.source.file = std::string(m_source_name);
  if (m_options.source_url)
    rec.source.url = service_url(*m_options.source_url, s.id);
  rec.source.sha256 = m_sha256;
  rec.source.profile = "ptv-json";
  rec.source.format = "ptv-json";
  if (s.status == "withdrawn") {
    rec.source.status = "withdrawn";
    rec.source.status_reason = fmt::format("PTV publishingStatus {}", s.status_value);
    page.provenance("source.status", "ptv:/publishingStatus", m_line);
  } else if (s.status == "draft") {
    page.warn("ptv-not-published",
              fmt::format("the service is a PTV {} version, not the published one", s.status_value),
              m_line);
  }
  return rec;
}

void RecordMaker::organisation(std::string_view lang, PageBuilder& page) const {
  const Service& s = m_service;
  const OrganisationItem* main = s.main ? &*s.main : nullptr;
  std::string_view main_rule = "ptv:/mainOrganization";
  if (main == nullptr || main->name.empty()) {
    auto it = std::find_if(s.organisations.begin(), s.organisations.end(),
                           [](const OrganisationItem& o) { return o.role == "responsible"; });
    if (it != s.organisations.end()) {
      main = &*it;
      main_rule = "ptv:/organizations[Responsible]";
    }
  }
  if (main == nullptr) {
    page.warn("organisation-missing", "the service names no responsible organisation", m_line);
    return;
  }
  record::Record& rec = page.record();
  record::Organisation org;
  org.name = main->name;
  if (core::is_uuid(main->id))
    org.id = text::ascii_lower(main->id);
  if (org.name.empty())
    page.warn("organisation-unnamed",
              fmt::format("the responsible organisation {} has no name", main->id), m_line);
  org.kind = organisation_kind(org.name);
  auto same = [&](const OrganisationItem& o) {
    return (!o.id.empty() && equals_icase(o.id, main->id)) ||
           (o.id.empty() && !o.name.empty() && o.name == main->name);
  };
  auto ref_of = [&](const OrganisationItem& o) -> std::optional<record::OrganisationRef> {
    std::string name(o.name);
    if (name.empty())
      name = text::collapse_spaces(localized_value(o.additional, lang));
    if (name.empty())
      return std::nullopt;
    return record::OrganisationRef{std::move(name), {}};
  };
  auto add = [](std::vector<record::OrganisationRef>& list, record::OrganisationRef r) {
    if (std::none_of(list.begin(), list.end(),
                     [&](const record::OrganisationRef& x) { return x.name == r.name; }))
      list.push_back(std::move(r));
  };
  for (const OrganisationItem& o : s.organisations) {
    if (o.role == "producer") {
      if (auto r = ref_of(o))
        add(org.producers, std::move(*r));
      else
        page.warn("producer-unnamed", "a producer of the service has neither organisation nor name",
                  m_line);
    } else if (!same(o)) {
      if (auto r = ref_of(o))
        add(org.other_responsible, std::move(*r));
    }
  }
  rec.organisation = std::move(org);
  page.provenance("organisation", main_rule, m_line);
  if (!rec.organisation->producers.empty())
    page.provenance("organisation.producers", "ptv:/organizations[Producer]", m_line);
  if (!rec.organisation->other_responsible.empty())
    page.provenance("organisation.other_responsible", "ptv:/organizations[OtherResponsible]",
                    m_line);
  page.annotate_defunct(m_line);
}

void RecordMaker::municipality(const std::string& code, std::string_view written,
                               std::string_view lang, std::string_view at,
                               PageBuilder& page) const {
  const normalize::RefData& ref = normalize::RefData::builtin();
  record::Area& area = page.record().area;
  if (const normalize::Municipality* m = ref.municipality_by_code(padded(code, 3))) {
    add_unique(area.municipalities, *m, lang);
    return;
  }
  if (const normalize::FormerMunicipality* f =
          written.empty() ? nullptr : ref.former_municipality(written)) {
    add_unique(area.municipalities, *f->successor, lang);
    page.warn("area-former-municipality",
              fmt::format("{}: '{}' ({}) is a former municipality; mapped to {} ({})", at, written,
                          code, name_in(*f->successor, lang), f->successor->code),
              m_line);
    return;
  }
  std::string kept(written.empty() ? std::string_view(code) : written);
  if (std::find(area.unmatched.begin(), area.unmatched.end(), kept) == area.unmatched.end())
    area.unmatched.push_back(kept);
  page.warn("area-code-unknown",
            fmt::format("{}: municipality code '{}' is not in the reference data", at, code),
            m_line);
}

void RecordMaker::area(std::string_view lang, PageBuilder& page) const {
  const Service& s = m_service;
  const normalize::RefData& ref = normalize::RefData::builtin();
  record::Area& area = page.record().area;
  for (const Area& a : s.areas) {
    std::string at = fmt::format("/areas/{}", a.index);
    std::string_view written = localized_value(a.names, lang);
    if (a.kind == "municipality") {
      municipality(a.code, written, lang, at, page);
      continue;
    }
    if (a.kind == "region") {
      if (const normalize::Region* r = ref.region_by_code(padded(a.code, 2))) {
        add_unique(area.regions, *r, lang);
        continue;
      }
    } else if (a.kind == "county") {
      if (const normalize::County* c = ref.county_by_code(padded(a.code, 2))) {
        add_unique(area.wellbeing_services_counties, *c, lang);
        continue;
      }
    } else if (a.municipalities != nullptr && !a.municipalities->Empty()) {
      // Business sub-regions and hospital districts have no place of their own in the record:
      // the municipalities they consist of, which the API lists with them, stand for them.
      for (rapidjson::SizeType i = 0; i < a.municipalities->Size(); ++i) {
        const Value& m = (*a.municipalities)[i];
        const Value* code = nullptr;
        if (m.IsObject()) {
          auto it = m.FindMember("code");
          if (it != m.MemberEnd() && it->value.IsString())
            code = &it->value;
        }
        if (code == nullptr)
          continue;
        auto names = m.FindMember("name");
        municipality(std::string(code->GetString(), code->GetStringLength()),
                     localized_value(names != m.MemberEnd() && names->value.IsArray()
                                         ? &names->value
                                         : nullptr,
                                     lang),
                     lang, fmt::format("{}/municipalities/{}", at, i), page);
      }
      continue;
    }
    std::string kept(written.empty() ? std::string_view(a.code) : written);
    if (std::find(area.unmatched.begin(), area.unmatched.end(), kept) == area.unmatched.end())
      area.unmatched.push_back(kept);
    page.warn("area-code-unknown",
              a.kind == "region" || a.kind == "county"
                  ? fmt::format("{}: {} code '{}' is not in the reference data", at,
                                a.kind == "region" ? "region" : "wellbeing services county",
                                a.code)
                  : fmt::format("{}: '{}' lists no municipalities; kept as written", at, kept),
              m_line);
  }
  if (s.area_type)
    area.type = std::string(*s.area_type);
  else if (!s.areas.empty())
    area.type = "limited";
  if (s.area_type || !s.areas.empty())
    page.provenance("area", s.areas.empty() ? "ptv:/areaType" : "ptv:/areaType,/areas", m_line);
}

void RecordMaker::sections(std::string_view lang, PageBuilder& page) const {
  const Service& s = m_service;
  size_t li = lang_index(lang);
  struct Pending {
    int order;
    std::string_view kind;
    std::string heading;
    std::string text;
    std::string rule;
  };
  std::vector<Pending> found;
  for (const Localized& d : s.descriptions) {
    if (d.lang != lang)
      continue;
    std::string text = clean_value(d.value);
    if (text.empty())
      continue;
    auto t = std::find_if(k_section_types.begin(), k_section_types.end(),
                          [&](const SectionType& x) { return equals_icase(x.ptv, d.type); });
    if (t == k_section_types.end()) {
      page.warn("ptv-description-type-unknown",
                fmt::format("description type '{}' is not in the model; kept as another section",
                            d.type),
                m_line);
      found.push_back({9, "other", std::string(d.type), std::move(text),
                       fmt::format("ptv:/serviceDescriptions[{},{}]", d.type, lang)});
      continue;
    }
    found.push_back({t->order, t->kind, std::string(t->heading[li]), std::move(text),
                     fmt::format("ptv:/serviceDescriptions[{},{}]", t->ptv, lang)});
  }
  for (const Localized& r : s.requirements)
    if (r.lang == lang)
      if (std::string text = clean_value(r.value); !text.empty())
        found.push_back({3, "conditions", std::string(k_conditions_heading[li]), std::move(text),
                         fmt::format("ptv:/requirements[{}]", lang)});
  std::string laws;
  for (const auto& [law_lang, name] : s.laws)
    if (law_lang == lang) {
      if (!laws.empty())
        laws += '\n';
      laws += "• ";
      laws += text::collapse_spaces(text::clean_text(name));
    }
  if (!laws.empty())
    found.push_back({10, "background", std::string(k_legislation_heading[li]), std::move(laws),
                     fmt::format("ptv:/legislation[{}]", lang)});
  std::stable_sort(found.begin(), found.end(),
                   [](const Pending& a, const Pending& b) { return a.order < b.order; });
  record::Record& rec = page.record();
  for (Pending& p : found) {
    bool seen = std::any_of(rec.sections.begin(), rec.sections.end(),
                            [&](const record::Section& x) { return x.kind == p.kind; });
    if (!seen)
      page.provenance("sections." + std::string(p.kind), p.rule, m_line);
    rec.sections.push_back({std::string(p.kind), std::move(p.heading), std::move(p.text)});
  }
}

void RecordMaker::cost(std::string_view lang, PageBuilder& page) const {
  const Service& s = m_service;
  size_t li = lang_index(lang);
  std::string_view info;
  for (const Localized& d : s.descriptions)
    if (d.lang == lang && equals_icase(d.type, "ChargeTypeAdditionalInfo"))
      info = d.value;
  std::string evidence = clean_value(info);
  record::Cost& cost = page.record().cost;
  std::string info_rule = fmt::format("ptv:/serviceDescriptions[ChargeTypeAdditionalInfo,{}]", lang);
  if (s.charge && *s.charge != "other") {
    cost.type = std::string(*s.charge);
    if (evidence.empty())
      evidence = std::string(*s.charge == "free" ? k_free_label[li] : k_charged_label[li]);
    cost.evidence = std::move(evidence);
    page.provenance("cost", "ptv:/serviceChargeType", m_line);
    return;
  }
  // Other, or no charge type: what the additional information says, as on a page.
  bool free = false;
  bool charged = false;
  for (std::string_view sentence : text::split_sentences(evidence)) {
    normalize::CostSignal sig = normalize::classify_cost(sentence);
    free = free || sig.free;
    charged = charged || sig.charged;
  }
  if (!free && !charged)
    return;
  cost.type = free && charged ? "mixed" : free ? "free" : "charged";
  cost.evidence = std::move(evidence);
  page.provenance("cost", info_rule, m_line);
}

// The UTC date of the API's `modified` ("2024-05-02T09:41:07.123Z", or with an offset or none).
std::optional<normalize::Date> utc_date(std::string_view s) {
  if (s.size() < 10)
    return std::nullopt;
  auto date = normalize::parse_iso_date(s.substr(0, 10));
  if (!date)
    return std::nullopt;
  if (s.size() == 10)
    return *date;
  if (s[10] != 'T' && s[10] != ' ')
    return std::nullopt;
  std::string_view rest = s.substr(11);
  auto two = [](std::string_view t, size_t at, int& out) {
    if (at + 2 > t.size() || t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9')
      return false;
    out = (t[at] - '0') * 10 + (t[at + 1] - '0');
    return true;
  };
  int hour = 0, minute = 0;
  if (!two(rest, 0, hour) || rest.size() < 5 || rest[2] != ':' || !two(rest, 3, minute) ||
      hour > 23 || minute > 59)
    return std::nullopt;
  size_t zone = rest.find_first_of("Z+-", 5);
  if (zone == std::string_view::npos || rest[zone] == 'Z')
    return *date;
  int oh = 0, om = 0;
  if (!two(rest, zone + 1, oh))
    return std::nullopt;
  size_t mm = zone + 3 + (zone + 3 < rest.size() && rest[zone + 3] == ':' ? 1 : 0);
  two(rest, mm, om);
  int offset = (oh * 60 + om) * (rest[zone] == '-' ? -1 : 1);
  int local = hour * 60 + minute - offset;
  int64_t days = normalize::days_from_date(*date);
  if (local < 0)
    --days;
  else if (local >= 24 * 60)
    ++days;
  return normalize::date_from_days(days);
}

void RecordMaker::dates(PageBuilder& page) const {
  const Service& s = m_service;
  if (!s.modified || s.modified->empty())
    return;
  auto date = utc_date(*s.modified);
  if (!date) {
    page.warn("date-unparsed", fmt::format("/modified: '{}' is not a date and time", *s.modified),
              m_line);
    return;
  }
  record::Record& rec = page.record();
  rec.updated = date->iso();
  rec.dates.emplace_back("modified", date->iso());
  page.provenance("updated", "ptv:/modified", m_line);
  page.provenance("dates.modified", "ptv:/modified", m_line);
}

// ---- the input ---------------------------------------------------------------------------------

class Reader {
public:
  Reader(std::string_view source_name, std::string_view bytes, const Options& options,
         const Emit& emit)
      : m_source_name(source_name), m_bytes(bytes), m_options(options), m_emit(emit),
        m_pool(m_pool_buffer.data(), m_pool_buffer.size()), m_doc(&m_pool) {}

  void run();

private:
  // One top-level value: a service, an array of services or an envelope.
  bool top_level(Scanner& sc);
  bool array_of_services(Scanner& sc, const std::string& base);
  void service(size_t begin, size_t end, const std::string& pointer);
  void error_at(size_t offset, std::string message) {
    m_last_error = offset;
    auto [line, column] = position_of(m_bytes, offset);
    m_emit(Error{std::move(message), line, column});
  }
  // RapidJSON's reading of a stretch the scanner could not finish, for its error and position.
  void malformed(size_t begin, const std::string& pointer);

  std::string_view m_source_name;
  std::string_view m_bytes;
  const Options& m_options;
  const Emit& m_emit;
  LineCounter m_lines{m_bytes};
  size_t m_last_error = 0; // the offset of the last error reported
  std::string m_buffer;
  std::vector<char> m_pool_buffer = std::vector<char>(size_t{1} << 16);
  rapidjson::MemoryPoolAllocator<> m_pool;
  rapidjson::Document m_doc;
};

// RapidJSON's words for a parse error at `at`; it calls a line break inside a string an invalid
// escape, which sends a reader looking for a backslash: say what it is.
std::string parse_error_text(rapidjson::ParseErrorCode code, std::string_view bytes, size_t at) {
  if (code == rapidjson::kParseErrorStringEscapeInvalid && at < bytes.size() &&
      static_cast<unsigned char>(bytes[at]) < 0x20)
    return "a line break or control character inside a string (a closing quote missing?)";
  return rapidjson::GetParseError_En(code);
}

void Reader::malformed(size_t begin, const std::string& pointer) {
  std::string message;
  if (!pointer.empty()) {
    message += pointer;
    message += ": ";
  }
  message += "malformed JSON: ";
  // Only this value: a deep one further on is its own error, found when the reader gets there.
  if (std::optional<size_t> deep =
          record::too_deep_at(m_bytes.substr(begin), record::DepthScan::first_value)) {
    message += record::k_too_deep_message;
    error_at(begin + *deep, std::move(message));
    return;
  }
  m_buffer.assign(m_bytes.substr(begin));
  // RapidJSON's UTF-8 check takes the continuation bytes of a lead byte without looking for the
  // end, so a text that ends in one read past the buffer (found by fuzzing): three more NULs keep
  // those reads inside it, and the parser stops at the first.
  m_buffer.append(3, '\0');
  m_doc.SetNull();
  m_pool.Clear();
  m_doc.ParseInsitu<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag>(
      m_buffer.data());
  size_t at = begin + (m_doc.HasParseError() ? m_doc.GetErrorOffset() : m_bytes.size() - begin);
  message += m_doc.HasParseError() ? parse_error_text(m_doc.GetParseError(), m_bytes, at)
                                   : "the input ends inside a value";
  error_at(at, std::move(message));
}

void Reader::service(size_t begin, size_t end, const std::string& pointer) {
  std::string_view text = m_bytes.substr(begin, end - begin);
  int line = m_lines.at(begin);
  // One pass of our own UTF-8 check is several times faster than RapidJSON's, character by
  // character.
  if (auto bad = text::find_invalid_utf8(text)) {
    std::string message;
    if (!pointer.empty()) {
      message += pointer;
      message += ": ";
    }
    message += fmt::format("invalid UTF-8 (byte 0x{:02X}); JSON must be UTF-8",
                           static_cast<unsigned char>(text[*bad]));
    error_at(begin + *bad, std::move(message));
    return;
  }
  if (std::optional<size_t> deep = record::too_deep_at(text)) {
    std::string message;
    if (!pointer.empty()) {
      message += pointer;
      message += ": ";
    }
    message += "malformed JSON: ";
    message += record::k_too_deep_message;
    error_at(begin + *deep, std::move(message));
    return;
  }
  m_buffer.assign(text);
  m_doc.SetNull();
  m_pool.Clear();
  m_doc.ParseInsitu<rapidjson::kParseDefaultFlags>(m_buffer.data());
  if (m_doc.HasParseError()) {
    std::string message;
    if (!pointer.empty()) {
      message += pointer;
      message += ": ";
    }
    message += "malformed JSON: ";
    size_t at = begin + m_doc.GetErrorOffset();
    message += parse_error_text(m_doc.GetParseError(), m_bytes, at);
    error_at(at, std::move(message));
    return;
  }
  Service s;
  ServiceReader reader(pointer);
  if (!reader.read(m_doc, s)) {
    error_at(locate(m_bytes, begin, reader.error_pointer), std::move(reader.error->message));
    return;
  }
  RecordMaker maker(s, m_source_name, m_options, core::sha256_hex(text), line);
  for (std::string_view lang : s.langs)
    m_emit(maker.make(lang));
}

bool Reader::array_of_services(Scanner& sc, const std::string& base) {
  ++sc.pos; // '['
  sc.skip_space();
  size_t index = 0;
  while (sc.peek() != ']') {
    if (sc.at_end()) {
      error_at(sc.pos, base + ": malformed JSON: the input ends inside the array of services");
      return false;
    }
    size_t begin = sc.pos;
    std::string pointer = fmt::format("{}/{}", base, index);
    if (!sc.skip_value()) {
      malformed(begin, pointer);
      return false;
    }
    service(begin, sc.pos, pointer);
    ++index;
    sc.skip_space();
    if (sc.peek() == ',') {
      ++sc.pos;
      sc.skip_space();
    } else if (sc.peek() == '{') {
      // Two services with no comma between them: said, and the next one read all the same.
      error_at(sc.pos, pointer + ": malformed JSON: missing a comma or ']' after an array element");
    } else if (sc.peek() != ']') {
      malformed(begin, pointer);
      return false;
    }
  }
  ++sc.pos;
  return true;
}

bool Reader::top_level(Scanner& sc) {
  size_t begin = sc.pos;
  if (sc.peek() == '[')
    return array_of_services(sc, "");
  if (sc.peek() != '{') {
    malformed(begin, "");
    return false;
  }
  // An envelope has an itemList (an array, or null on an empty page); anything else is a service.
  ++sc.pos;
  sc.skip_space();
  bool envelope = false;
  bool items_read = false;
  while (sc.peek() == '"') {
    auto k = sc.key();
    if (!k)
      break;
    envelope = envelope || *k == "itemList" || *k == "pageCount";
    if (*k == "itemList" && sc.peek() == '[') {
      if (!array_of_services(sc, "/itemList"))
        return false;
      items_read = true;
    } else if (!sc.skip_value()) {
      break;
    }
    if (!sc.next_item())
      break;
  }
  if (items_read) {
    // The rest of the envelope (paging numbers) only has to end well.
    sc.skip_space();
    if (sc.peek() != '}') {
      malformed(begin, "");
      return false;
    }
    ++sc.pos;
    return true;
  }
  sc.pos = begin;
  if (!sc.skip_value()) {
    malformed(begin, "");
    return false;
  }
  if (!envelope)
    service(begin, sc.pos, "");
  return true;
}

void Reader::run() {
  Scanner sc{m_bytes};
  if (m_bytes.starts_with("\xEF\xBB\xBF"))
    sc.pos = 3;
  sc.skip_space();
  if (sc.at_end()) {
    m_emit(unexpected(m_bytes.empty() ? "empty input" : "input has only whitespace"));
    return;
  }
  while (!sc.at_end()) {
    size_t begin = sc.pos;
    if (!top_level(sc)) {
      // One value per line (NDJSON): a broken line does not take the lines after it along. The
      // scanner may have run past them (an unclosed string), so look again from the error.
      size_t next = m_bytes.find("\n{", std::max(begin, m_last_error));
      if (next == std::string_view::npos)
        return;
      sc.pos = next + 1;
      continue;
    }
    sc.skip_space();
    // NDJSON: one value per line; a comma between them would be an error.
    if (sc.peek() == ',') {
      error_at(sc.pos, "malformed JSON: a comma after the top-level value; expected a service, "
                       "an array or one value per line");
      return;
    }
  }
}

} // namespace

void parse_ptv_json(std::string_view source_name, std::string_view bytes, const Options& options,
                    const Emit& emit) {
  if (bytes.size() > options.max_bytes) {
    emit(unexpected(fmt::format("input is {} bytes, more than the limit of {} bytes",
                                bytes.size(), options.max_bytes)));
    return;
  }
  Reader reader(source_name, bytes, options, emit);
  reader.run();
}

} // namespace svcdesc::parse
