// svcdesc validate: records against the schema and the semantic rules, every finding reported.
#include "app.hpp"
#include "output.hpp"
#include "records.hpp"

#include <svcdesc/normalize/date.hpp>
#include <svcdesc/record/record.hpp>
#include <svcdesc/validate/validate.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

namespace svcdesc::cli {

struct ValidateCommand {
  std::vector<std::string> files;
  std::string output;
  std::string format = "text";
  std::vector<std::string> disable;
  std::vector<std::string> error;
  std::vector<std::string> warning;
  bool strict = false;
  bool list_rules = false;
  size_t max_errors = 0;
  std::string schema;
  std::string as_of;
};

namespace {


struct Located {
  std::string file;
  int line = 0;
  std::string id;
  validate::Finding finding;
};

std::string finding_json(const Located& f) {
  return fmt::format("{{\"file\":{},\"line\":{},\"id\":{},\"rule\":{},\"severity\":\"{}\","
                     "\"error\":{},\"instanceLocation\":{},\"keywordLocation\":{}}}",
                     record::json_quote(f.file), f.line, f.id.empty() ? "null" : record::json_quote(f.id),
                     record::json_quote(f.finding.rule), validate::severity_name(f.finding.severity),
                     record::json_quote(f.finding.message), record::json_quote(f.finding.instance_location),
                     f.finding.keyword_location.empty() ? "null"
                                                        : record::json_quote(f.finding.keyword_location));
}

} // namespace

ValidateCommand& register_validate(CLI::App& app) {
  static ValidateCommand c;
  CLI::App* sub = app.add_subcommand(
      "validate", "Check records against the schema and the semantic rules; report every finding");
  sub->add_option("FILE", c.files, "NDJSON files or JSON arrays of records; '-' or none: stdin")
      ->type_name("FILE");
  sub->add_option("-o,--output", c.output, "Write the report to FILE atomically (default: stdout)")
      ->type_name("FILE");
  sub->add_option("--format", c.format, "Report format: text, json (one document) or ndjson")
      ->check(CLI::IsMember({"text", "json", "ndjson"}))
      ->type_name("FORMAT")
      ->default_str("text");
  // One RULE (or comma list) per occurrence, so that "--disable schema FILE" leaves FILE alone.
  sub->add_option("--disable", c.disable, "Turn RULE off (repeatable, or a comma list)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("RULE");
  sub->add_option("--error", c.error, "Make RULE an error")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("RULE");
  sub->add_option("--warning", c.warning, "Make RULE a warning")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("RULE");
  sub->add_flag("--strict", c.strict, "Warnings make the records invalid too (exit status 1)");
  sub->add_option("--max-errors", c.max_errors, "Stop after N errors (0: never)")
      ->type_name("N");
  sub->add_option("--schema", c.schema, "Use this JSON schema instead of the built-in one")
      ->type_name("FILE");
  sub->add_option("--as-of", c.as_of, "Take DATE as today for updated-in-future (default: today, "
                                      "or SOURCE_DATE_EPOCH)")
      ->type_name("DATE");
  sub->add_flag("--list-rules", c.list_rules, "List the rules with their default severity and exit");
  sub->footer("Rules can also be set in a configuration file given with --config, in a [validate]\n"
              "section: disable = [\"organisation-defunct\"], error = [\"area-count-mismatch\"].\n\n"
              "Exit status: 0 valid (warnings allowed unless --strict), 1 invalid records,\n"
              "2 trouble (unreadable input, unusable --schema, usage).\n"
              "Example: svcdesc validate records.ndjson --format json > report.json\n"
              "See svcdesc-validate(1).");
  return c;
}

ExitCode run_validate(const ValidateCommand& c, const GlobalOptions& globals) {
  Diagnostics diag(globals);
  if (c.list_rules) {
    for (const validate::Rule& r : validate::rules())
      print(stdout, fmt::format("{:<24} {:<8} {}\n", r.name, validate::severity_name(r.default_severity),
                 r.description));
    return ExitCode::ok;
  }

  validate::Options options;
  if (!c.schema.empty())
    options.schema_path = c.schema;
  auto as_of = reference_date(c.as_of);
  if (!as_of) {
    diag.tool_error(as_of.error().message);
    return ExitCode::trouble;
  }
  options.as_of = as_of->iso();
  for (const auto& [list, severity] :
       {std::pair{&c.disable, validate::Severity::off}, std::pair{&c.warning, validate::Severity::warning},
        std::pair{&c.error, validate::Severity::error}}) {
    for (const std::string& name : *list) {
      if (validate::find_rule(name) == nullptr) {
        diag.tool_error(fmt::format("unknown rule '{}'; see 'svcdesc validate --list-rules'", name));
        return ExitCode::trouble;
      }
      options.severities[name] = severity;
    }
  }

  auto validator = validate::Validator::create(options);
  if (!validator) {
    diag.tool_error(validator.error().message);
    return ExitCode::trouble;
  }

  auto sink = Output::open(c.output);
  if (!sink) {
    diag.tool_error(sink.error().message);
    return ExitCode::trouble;
  }


  size_t records = 0;
  size_t invalid = 0;    // records read and found invalid
  size_t unreadable = 0; // records or stretches of input that could not be read as records
  size_t errors = 0;
  size_t warnings = 0;
  bool stopped = false;
  std::map<std::string, std::pair<size_t, size_t>> by_rule; // rule -> (errors, warnings)
  std::vector<std::string> json_findings;

  auto report = [&](const Located& f) {
    auto& counts = by_rule[f.finding.rule];
    if (f.finding.severity == validate::Severity::error) {
      ++errors;
      ++counts.first;
    } else {
      ++warnings;
      ++counts.second;
    }
    if (c.format == "text") {
      std::string where = f.finding.column > 0 ? fmt::format("{}:{}:{}", f.file, f.line, f.finding.column)
                                               : fmt::format("{}:{}", f.file, f.line);
      std::string at = f.finding.instance_location.empty()
                           ? ""
                           : fmt::format(" (at {})", f.finding.instance_location);
      sink->write(fmt::format("{}: {}: {}: {}: {}{}\n", where,
                             validate::severity_name(f.finding.severity),
                             f.id.empty() ? "-" : f.id, f.finding.rule, f.finding.message, at));
    } else if (c.format == "ndjson") {
      sink->write(finding_json(f) + "\n");
    } else {
      json_findings.push_back(finding_json(f));
    }
  };

  RecordHandlers handlers;
  handlers.done = [&] { return stopped; };
  handlers.begin_input = [&](const std::string&) { validator->begin_input(); };
  handlers.problem = [&](const std::string& display, const Error& e) {
    report({display, e.line, "", {"json-syntax", validator->severity_of("json-syntax"), e.message,
                                  "", "", e.column}});
    ++unreadable;
    return true;
  };
  handlers.record = [&](const std::string& display, record::RecordText& text) {
    ++records;
    std::string id;
    std::vector<validate::Finding> findings = validator->check(text.json, text.line, id);
    bool bad = false;
    for (validate::Finding& f : findings) {
      bad = bad || f.severity == validate::Severity::error ||
            (c.strict && f.severity == validate::Severity::warning);
      report({display, text.line, id, std::move(f)});
    }
    invalid += bad ? 1 : 0;
    stopped = c.max_errors > 0 && errors >= c.max_errors;
    return !stopped;
  };
  bool trouble = !read_records(c.files, diag, handlers);

  bool valid = invalid == 0 && unreadable == 0;
  if (c.format == "json") {
    std::string counts;
    for (const auto& [rule, n] : by_rule)
      counts += fmt::format("{}{}:{{\"errors\":{},\"warnings\":{}}}", counts.empty() ? "" : ",",
                            record::json_quote(rule), n.first, n.second);
    std::string all;
    for (const std::string& f : json_findings)
      all += (all.empty() ? "\n    " : ",\n    ") + f;
    sink->write(fmt::format("{{\n  \"valid\": {},\n  \"summary\": {{\"records\":{},\"invalid\":{},"
                           "\"unreadable\":{},\"errors\":{},\"warnings\":{},\"complete\":{},\"by_rule\":{{{}}}}},\n"
                           "  \"errors\": [{}{}]\n}}\n",
                           valid ? "true" : "false", records, invalid, unreadable, errors, warnings,
                           stopped ? "false" : "true", counts, all, all.empty() ? "" : "\n  "));
  }
  if (auto done = sink->finish(); !done) {
    diag.tool_error(done.error().message);
    return ExitCode::trouble;
  }

  if (stopped)
    diag.note(fmt::format("stopped after {} errors (--max-errors)", errors));
  if (c.format == "text" || globals.verbose) {
    diag.note(fmt::format("{} records: {} valid, {} invalid{}; {} errors, {} warnings", records,
                          records - invalid, invalid,
                          unreadable > 0 ? fmt::format(", {} unreadable", unreadable) : "",
                          errors, warnings));
    if (!globals.quiet)
      for (const auto& [rule, n] : by_rule)
        std::fprintf(stderr, "  %-24s %zu errors, %zu warnings\n", rule.c_str(), n.first, n.second);
  }
  if (interrupted())
    return ExitCode::interrupted;
  if (trouble)
    return ExitCode::trouble;
  return valid && !stopped ? ExitCode::ok : ExitCode::finding;
}

} // namespace svcdesc::cli
