#pragma once

#include <svcdesc/core/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svcdesc::record {

// The version of schemas/record.schema.json that records written by this library follow.
inline constexpr int k_schema_version = 1;

struct CodedName {
  std::string code;
  std::string name;
  bool operator==(const CodedName&) const = default;
};

struct OrganisationRef {
  std::string name;
  std::optional<std::string> business_id;
  bool operator==(const OrganisationRef&) const = default;
};

// The organisation that took over from one that no longer exists.
struct Successor {
  std::string name;
  std::optional<std::string> code;  // wellbeing services county code
  std::optional<std::string> since; // YYYY-MM-DD: the day after the old one ended
  bool operator==(const Successor&) const = default;
};

struct Organisation {
  std::string name;
  std::optional<std::string> id;          // PTV organisation GUID
  std::optional<std::string> business_id; // Y-tunnus, "0171450-7"
  std::optional<std::string> kind;        // "municipality", "joint_municipal_authority", ...
  std::vector<OrganisationRef> producers;
  std::vector<OrganisationRef> other_responsible;
  std::optional<std::string> email_pattern; // "etunimi.sukunimi@stm.fi"
  std::optional<Successor> successor;
  bool operator==(const Organisation&) const = default;
};

struct Area {
  std::string type = "unknown"; // nationwide, nationwide_except_aland, limited, unknown
  std::vector<CodedName> municipalities;
  std::vector<CodedName> regions;
  std::vector<CodedName> wellbeing_services_counties;
  std::vector<std::string> unmatched; // names as written that match no official name
  std::vector<CodedName> mentioned;   // municipalities the text mentions, not the service area
  std::optional<int> stated_count;    // "7 kuntaa"
  bool operator==(const Area&) const = default;
};

struct Cost {
  std::string type = "unknown"; // free, charged, mixed, unknown
  std::optional<std::string> evidence;
  bool operator==(const Cost&) const = default;
};

struct Section {
  std::string kind; // description, instructions, conditions, background, cost, body, other
  std::string heading;
  std::string text;
  bool operator==(const Section&) const = default;
};

struct Contact {
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::optional<std::string> phone;        // E.164
  std::optional<std::string> phone_masked; // "0295 163 xxx", as written
  std::optional<std::string> email;
  bool operator==(const Contact&) const = default;
};

struct Source {
  std::optional<std::string> url;
  std::optional<std::string> file;
  std::string sha256;
  std::string profile;
  std::optional<std::string> fetched_at;
  std::optional<std::string> http_last_modified;
  std::optional<std::string> etag;
  std::string status = "parsed"; // parsed, fetched, unchanged, carried_over, withdrawn
  std::optional<std::string> status_reason; // why carried over or withdrawn
  std::optional<std::string> format;        // text, html, ptv-json
  std::optional<std::string> refdata;       // vintage of the reference data: "2025"
  bool operator==(const Source&) const = default;
};

// Where a field came from: the rule that produced it and the 1-based line of the input.
struct Provenance {
  std::string field;
  std::string rule;
  int line = 0; // 0 when the value was derived rather than read from a line
  bool operator==(const Provenance&) const = default;
};

struct Warning {
  std::string code;
  std::string message;
  int line = 0; // 0 when not tied to a line
  bool operator==(const Warning&) const = default;
};

// One service page (one language version) as a normalized record; see schemas/record.schema.json
// for the meaning of each field.
struct Record {
  int schema_version = k_schema_version;
  std::string id;
  std::string lang;
  std::string kind = "other"; // service, ministry, regional, news, other
  std::string title;
  std::optional<std::string> service_type; // service, permit_or_obligation, professional_qualification
  std::optional<std::string> funding;      // public, private
  std::optional<Organisation> organisation;
  Area area;
  std::vector<std::string> languages;
  Cost cost;
  std::optional<std::string> updated; // YYYY-MM-DD
  std::vector<std::pair<std::string, std::string>> dates; // kind -> YYYY-MM-DD, in page order
  std::vector<Section> sections;
  std::vector<Contact> contacts;
  Source source;
  std::vector<Provenance> provenance;
  std::vector<Warning> warnings;
  bool operator==(const Record&) const = default;
};

// `s` as a JSON string literal (RFC 8259): quotes, backslashes and control characters escaped,
// UTF-8 kept as it is. The one escaper of the project: reports and renderers use it too.
std::string json_quote(std::string_view s);

// The record as one line of JSON (no trailing newline), fields in schema order.
std::string to_json(const Record& record);

// Reads a record written by to_json() or by hand. Unknown fields are ignored; a wrong type or a
// missing required field is an error naming the field. JSON syntax errors carry the 1-based
// column within `json` (a single line of NDJSON).
Result<Record> from_json(std::string_view json);

} // namespace svcdesc::record
