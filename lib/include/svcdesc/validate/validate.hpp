#pragma once

#include <svcdesc/core/result.hpp>

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::validate {

enum class Severity { off, warning, error };

// "off", "warning", "error".
std::string_view severity_name(Severity severity);

// A check with a stable name that users can turn off or up.
struct Rule {
  std::string_view name;
  Severity default_severity;
  std::string_view description;
};

// Every rule, in the order the man page lists them.
std::span<const Rule> rules();

// nullptr for an unknown name.
const Rule* find_rule(std::string_view name);

// One problem with one record.
struct Finding {
  std::string rule;
  Severity severity = Severity::error;
  std::string message;
  std::string instance_location; // JSON pointer into the record, "" for the whole record
  std::string keyword_location;  // JSON pointer into the schema, for schema findings
  int column = 0;                // for JSON syntax errors: 1-based column on the record's line
};

struct Options {
  // A schema file to use instead of the built-in schemas/record.schema.json.
  std::optional<std::string> schema_path;
  // "Today" for updated-in-future, as YYYY-MM-DD.
  std::string as_of;
  // Severity per rule name, over the defaults.
  std::map<std::string, Severity, std::less<>> severities;
};

// Checks records: JSON syntax, the JSON schema (valijson), the formats the schema names, and the
// semantic rules the schema cannot express (see rules()). One Validator checks one input at a
// time; begin_input() starts a new one (duplicate ids are looked for within an input).
class Validator {
public:
  // Loads and compiles the schema. Fails, with a message naming the file, if it cannot be read,
  // is not JSON, or is not a schema valijson can use.
  static Result<Validator> create(const Options& options);

  Validator(Validator&&) noexcept;
  Validator& operator=(Validator&&) noexcept;
  ~Validator();

  void begin_input();

  // The findings for one record given as JSON text, which starts on `line` of its input (for the
  // duplicate-id message). Rules turned off produce nothing; `id` receives the record's id when it
  // has one.
  std::vector<Finding> check(std::string_view json, int line, std::string& id);

  Severity severity_of(std::string_view rule) const;

private:
  struct Impl;
  explicit Validator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace svcdesc::validate
