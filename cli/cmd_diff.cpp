// svcdesc diff: a keyed, field-by-field comparison of two record sets, exit status as diff(1).
#include "app.hpp"
#include "output.hpp"
#include "size.hpp"

#include <svcdesc/diff/diff.hpp>
#include <svcdesc/normalize/date.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <unistd.h>

namespace svcdesc::cli {

struct DiffCommand {
  std::string old_file;
  std::string new_file;
  std::vector<std::string> key;
  std::vector<std::string> ignore;
  bool keep_volatile = false;
  std::string format = "text";
  bool stat = false;
  std::string output;
  std::string as_of;
  std::string memory = "1G";
};

namespace {

diff::Format format_of(const std::string& name) {
  if (name == "json")
    return diff::Format::json;
  if (name == "ndjson")
    return diff::Format::ndjson;
  if (name == "patch")
    return diff::Format::patch;
  if (name == "hsds-metadata")
    return diff::Format::hsds_metadata;
  return diff::Format::text;
}

} // namespace

DiffCommand& register_diff(CLI::App& app) {
  static DiffCommand c;
  CLI::App* sub = app.add_subcommand(
      "diff", "Compare two record sets by key, field by field (exit status as diff(1))");
  sub->add_option("OLD", c.old_file, "The earlier records: NDJSON or a JSON array; '-': stdin")
      ->required()
      ->type_name("OLD");
  sub->add_option("NEW", c.new_file, "The later records: NDJSON or a JSON array; '-': stdin")
      ->required()
      ->type_name("NEW");
  sub->add_option("--key", c.key, "Match records by FIELD[,FIELD] (default: id,lang)")
      ->delimiter(',')
      ->type_name("FIELD")
      ->allow_extra_args(false);
  sub->add_option("--ignore", c.ignore,
                  "Leave FIELD out of the comparison (repeatable, or a comma list; dotted paths, "
                  "'*' for any member: provenance.*.rule)")
      ->delimiter(',')
      ->type_name("FIELD")
      ->allow_extra_args(false);
  sub->add_flag("--keep-volatile", c.keep_volatile,
                "Compare the volatile fields too (source.fetched_at, source.sha256, source.etag, "
                "provenance.*.line, warnings.line)");
  sub->add_option("-f,--format", c.format,
                  "Output: text, json (one document), ndjson (one change a line), patch "
                  "(RFC 6902 per record) or hsds-metadata (HSDS 3 metadata rows)")
      ->check(CLI::IsMember({"text", "json", "ndjson", "patch", "hsds-metadata"}))
      ->type_name("FORMAT")
      ->default_str("text");
  sub->add_flag("--stat", c.stat, "Print only the counts (a JSON object for the JSON formats)");
  sub->add_option("-o,--output", c.output, "Write to FILE atomically (default: stdout)")
      ->type_name("FILE");
  sub->add_option("--as-of", c.as_of,
                  "The action date of hsds-metadata rows (default: today, or SOURCE_DATE_EPOCH)")
      ->type_name("DATE");
  sub->add_option("--memory", c.memory,
                  "Memory for the key tables, 32 bytes a record (SIZE: bytes, or with K, M or G); "
                  "past it, sorted runs go to temporary files in TMPDIR")
      ->type_name("SIZE")
      ->default_str("1G");
  sub->footer("Records are matched by key; strings compare after NFC and whitespace collapsing,\n"
              "and area lists, languages, producers, contacts and warnings compare as sets.\n"
              "Changed records are flagged updated-not-moved (content changed, updated did not)\n"
              "and updated-moved-alone (only dates and source fields changed).\n\n"
              "Exit status: 0 the same, 1 different, 2 trouble (unreadable input, a record\n"
              "without its key, a duplicate key, usage), 130 interrupted.\n"
              "Example: svcdesc diff last-night.ndjson tonight.ndjson --format ndjson | jq .key\n"
              "See svcdesc-diff(1).");
  return c;
}

ExitCode run_diff(const DiffCommand& c, const GlobalOptions& globals) {
  Diagnostics diag(globals);
  auto reference = reference_date(c.as_of);
  if (!reference) {
    diag.tool_error(reference.error().message);
    return ExitCode::trouble;
  }
  std::string as_of = reference->iso();
  for (const std::string& field : c.key) {
    if (field.empty()) {
      diag.tool_error("--key has an empty field name; give FIELD[,FIELD]");
      return ExitCode::trouble;
    }
  }

  auto memory = parse_size(c.memory);
  if (!memory) {
    diag.tool_error(size_error("--memory", c.memory, "4G"));
    return ExitCode::trouble;
  }

  diff::Options options;
  options.memory_limit = static_cast<std::uint64_t>(*memory);
  const char* temp_dir = std::getenv("TMPDIR");
  if (temp_dir != nullptr && *temp_dir != '\0')
    options.temp_dir = temp_dir;
  if (!c.key.empty())
    options.key = c.key;
  options.ignore = c.ignore;
  options.keep_volatile = c.keep_volatile;
  options.cancelled = [] { return interrupted(); };

  bool to_file = !c.output.empty() && c.output != "-";
  auto output = Output::open(c.output);
  if (!output) {
    diag.tool_error(output.error().message);
    return ExitCode::trouble;
  }

  auto name = [](const std::string& path) { return path == "-" ? std::string("<stdin>") : path; };
  diff::Diff result = diff::compare({c.old_file, name(c.old_file)}, {c.new_file, name(c.new_file)},
                                    options);
  if (interrupted() || !result.summary.complete)
    return ExitCode::interrupted;
  if (!result.problems.empty()) {
    for (const diff::Problem& p : result.problems) {
      if (p.source == "svcdesc")
        diag.tool_error(p.message);
      else
        diag.input_error(p.source, p.line, p.column, p.message);
    }
    return ExitCode::trouble;
  }

  diff::RenderOptions render;
  render.old_name = name(c.old_file);
  render.new_name = name(c.new_file);
  render.action_date = as_of;
  const char* no_color = std::getenv("NO_COLOR");
  bool tty = !to_file && ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
  render.color =
      !to_file && (globals.color == Color::always || (globals.color == Color::automatic && tty));

  diff::Format format = format_of(c.format);
  std::string out = c.stat ? diff::render_stat(result, format, render)
                           : diff::render(result, format, render);
  output->write(out);
  if (auto done = output->finish(); !done) {
    diag.tool_error(done.error().message);
    return ExitCode::trouble;
  }
  if (!c.stat && (format == diff::Format::text || globals.verbose)) {
    const diff::Summary& s = result.summary;
    diag.note(fmt::format("{} added, {} removed, {} changed, {} unchanged ({} updated-not-moved, "
                          "{} updated-moved-alone)",
                          s.added, s.removed, s.changed, s.unchanged, s.updated_not_moved,
                          s.updated_moved_alone));
  }
  return result.different() ? ExitCode::finding : ExitCode::ok;
}

} // namespace svcdesc::cli
