#pragma once

// A JSON Schema compiled for a fast yes-or-no answer.
//
// valijson, through its RapidJSON adapter, spends most of validate's time on records that are
// valid. The validator therefore first asks this compiled form of the same schema, which walks the
// parsed record directly, and asks valijson only about the records it rejects, for valijson's
// messages and locations. The two must agree: tests run the JSON-Schema-Test-Suite for every
// keyword compiled here, and compare both on mutations of real records.
//
// Keywords: type, enum, const, properties, required, additionalProperties, items (one schema),
// pattern, minimum, minLength, $ref to "#/definitions/...", allOf, oneOf, if/then/else, and the
// boolean schemas. Annotations (description, title, $comment, $id, $schema, default, examples,
// format, definitions) are ignored. A schema with any other keyword does not compile, and the
// validator then uses valijson alone.

#include "record/rapidjson.hpp"

#include <memory>
#include <optional>
#include <string_view>

namespace svcdesc::validate {

class CompiledSchema {
public:
  // nullopt when the schema uses a keyword or a pattern syntax this does not know.
  static std::optional<CompiledSchema> compile(const rapidjson::Value& schema);

  bool accepts(const rapidjson::Value& instance) const;

  CompiledSchema(CompiledSchema&&) noexcept;
  CompiledSchema& operator=(CompiledSchema&&) noexcept;
  ~CompiledSchema();

  struct Impl;

private:
  explicit CompiledSchema(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// A regular expression of the small ECMA-262 subset schema patterns use: literals and escapes
// (\d \s \w and their negations, escaped punctuation), classes with ranges, '.', groups,
// quantifiers (? * + {n} {n,} {n,m}), '^' and '$'; no alternation or back-references.
// Characters are code points (UTF-8), as JSON Schema says. Search semantics: the pattern may
// match anywhere unless anchored.
class Pattern {
public:
  static std::optional<Pattern> compile(std::string_view source);
  bool search(std::string_view text) const;

  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;
  ~Pattern();

  struct Impl;

private:
  explicit Pattern(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace svcdesc::validate
