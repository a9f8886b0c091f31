// svcdesc stale: the audit of records whose updated date is too old, missing, or behind another
// language version of the same service. Reads records one at a time; the report itself is built
// and rendered by svcdesc::stale.
#include "app.hpp"
#include "output.hpp"
#include "records.hpp"

#include <svcdesc/record/record.hpp>
#include <svcdesc/stale/stale.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <unistd.h>

namespace svcdesc::cli {

struct StaleCommand {
  std::vector<std::string> files;
  std::string output;
  std::string older_than = "12m";
  std::string as_of;
  std::string by;
  std::string format = "table";
  std::vector<std::string> organisations;
  std::vector<std::string> areas;
  std::vector<std::string> kinds;
  std::vector<std::string> langs;
  std::string lang_gap = "0d";
  bool no_cross_language = false;
};

namespace {

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    size_t start = 0;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      std::string part = v.substr(start, comma == std::string::npos ? comma : comma - start);
      if (!part.empty())
        out.push_back(part);
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
  }
  return out;
}

Result<bool> write_output(const std::string& path, const std::string& data) {
  auto output = Output::open(path);
  if (!output)
    return output.error();
  output->write(data);
  return output->finish();
}

} // namespace

StaleCommand& register_stale(CLI::App& app) {
  static StaleCommand command;
  CLI::App* sub = app.add_subcommand(
      "stale", "List stale records: too old, no updated date, or behind another language");
  sub->add_option("FILE", command.files,
                  "Record files (NDJSON or a JSON array); '-' or none reads standard input")
      ->type_name("FILE");
  sub->add_option("--older-than", command.older_than,
                  "Stale when updated more than this before the reference date: 30d, 6m, 2y, or "
                  "a date YYYY-MM-DD (stale if updated before it)")
      ->type_name("AGE")
      ->default_str("12m");
  sub->add_option("--as-of", command.as_of,
                  "The reference date YYYY-MM-DD (default: SOURCE_DATE_EPOCH if set, else today, "
                  "UTC)")
      ->type_name("DATE");
  sub->add_option("--by", command.by, "Count the entries per organisation, municipality, county "
                                      "or kind instead of listing them (json and html list both)")
      ->check(CLI::IsMember({"organisation", "organization", "municipality", "county", "kind"}))
      ->type_name("KEY");
  sub->add_option("-f,--format", command.format,
                  "Output format: table (aligned text), csv, json, ndjson or html")
      ->check(CLI::IsMember({"table", "csv", "json", "ndjson", "html"}))
      ->type_name("FORMAT")
      ->default_str("table");
  sub->add_option("-o,--output", command.output,
                  "Write the report to FILE, replacing it atomically (default: standard output)")
      ->type_name("FILE");
  sub->add_option("--organisation,--organization", command.organisations,
                  "Only records whose organisation name contains NAME (any case; repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  sub->add_option("--area", command.areas,
                  "Only records covering a municipality, region or county CODE (049, 18, "
                  "county:18, region:18, nationwide; repeatable or comma-separated)")
      ->type_name("CODE")
      ->allow_extra_args(false);
  sub->add_option("--kind", command.kinds,
                  "Only records of a KIND: service, ministry, regional, news, other (repeatable "
                  "or comma-separated)")
      ->type_name("KIND")
      ->allow_extra_args(false);
  sub->add_option("--lang", command.langs,
                  "Only records in language LANG: fi, sv, en, ... (repeatable or comma-separated)")
      ->type_name("LANG")
      ->allow_extra_args(false);
  sub->add_option("--lang-gap", command.lang_gap,
                  "A language version is behind when updated more than this before the newest "
                  "version of the same id: 0d (any older date), 30d, 6m, 1y")
      ->type_name("AGE")
      ->default_str("0d");
  sub->add_flag("--no-cross-language", command.no_cross_language,
                "Do not compare the language versions of each id (memory then grows only with "
                "the number of entries reported)");
  sub->footer(
      "Reads records (the output of 'svcdesc parse') one at a time and reports three kinds of\n"
      "entries: records updated before the threshold (oldest first, with their age in days),\n"
      "records with no updated date at all, and language versions whose updated date is older\n"
      "than another language version of the same id. Lines that are not records are reported\n"
      "on stderr as FILE:LINE: error: ... and skipped. Memory grows with the number of entries\n"
      "reported (and one short entry per dated id for the cross-language comparison), never\n"
      "with whole records.\n\n"
      "Exit status: 0 nothing stale, 1 stale entries found, 2 trouble (usage, an input that\n"
      "cannot be read, an unwritable output).\n"
      "Example: svcdesc stale records.ndjson --older-than 12m --by organisation\n"
      "         svcdesc stale records.ndjson -f html -o stale.html\n"
      "See svcdesc-stale(1).");
  return command;
}

ExitCode run_stale(const StaleCommand& command, const GlobalOptions& globals) {
  Diagnostics diag(globals);

  // Every argument is checked before any input is read.
  stale::Options options;
  auto threshold = stale::parse_threshold(command.older_than);
  if (!threshold) {
    diag.tool_error(fmt::format("--older-than: {}", threshold.error().message));
    return ExitCode::trouble;
  }
  options.threshold = *threshold;
  auto gap = stale::parse_threshold(command.lang_gap);
  if (!gap || gap->unit == stale::Threshold::Unit::date) {
    diag.tool_error(fmt::format("--lang-gap: '{}' is not a duration; give 0d, 30d, 6m or 1y",
                                command.lang_gap));
    return ExitCode::trouble;
  }
  options.lang_gap = *gap;
  auto as_of = reference_date(command.as_of);
  if (!as_of) {
    diag.tool_error(as_of.error().message);
    return ExitCode::trouble;
  }
  options.as_of = *as_of;
  if (!command.by.empty())
    options.group_by = *stale::group_by_from_name(command.by);
  options.cross_language = !command.no_cross_language;
  options.filter.organisations = command.organisations;
  options.filter.areas = split_commas(command.areas);
  options.filter.kinds = split_commas(command.kinds);
  options.filter.langs = split_commas(command.langs);
  if (auto ok = stale::check_areas(options.filter.areas); !ok) {
    diag.tool_error(fmt::format("--area: {}", ok.error().message));
    return ExitCode::trouble;
  }
  for (const std::string& kind : options.filter.kinds) {
    if (kind != "service" && kind != "ministry" && kind != "regional" && kind != "news" &&
        kind != "other") {
      diag.tool_error(fmt::format("--kind: unknown kind '{}'; give service, ministry, regional, "
                                  "news or other",
                                  kind));
      return ExitCode::trouble;
    }
  }

  stale::Audit audit(options);
  bool unreadable = false;
  RecordHandlers handlers;
  handlers.problem = [&](const std::string& display, const Error& e) {
    diag.input_error(display, e.line, 0, e.message);
    if (e.message.starts_with("read error"))
      unreadable = true;
    else
      audit.add_bad();
    return false;
  };
  handlers.record = [&](const std::string& display, record::RecordText& text) {
    auto rec = record::from_json(text.json);
    if (!rec) {
      diag.input_error(display, text.line, 0, rec.error().message);
      audit.add_bad();
      return true;
    }
    audit.add(*rec, display, text.line);
    return true;
  };
  if (!read_records(command.files, diag, handlers))
    unreadable = true;
  if (interrupted()) {
    diag.tool_error(command.output.empty() || command.output == "-"
                        ? std::string("interrupted")
                        : fmt::format("interrupted; {} was not written", command.output));
    return ExitCode::interrupted;
  }

  stale::Report report = audit.finish();
  std::string rendered;
  if (command.format == "csv")
    rendered = stale::render_csv(report);
  else if (command.format == "json")
    rendered = stale::render_json(report);
  else if (command.format == "ndjson")
    rendered = stale::render_ndjson(report);
  else if (command.format == "html")
    rendered = stale::render_html(report);
  else
    rendered = stale::render_text(report);
  if (auto done = write_output(command.output, rendered); !done) {
    diag.tool_error(done.error().message);
    return ExitCode::trouble;
  }

  const stale::Summary& s = report.summary;
  if (s.bad > 0)
    diag.note(fmt::format("{} of {} input records could not be read and were skipped", s.bad,
                          s.bad + s.records));
  if (globals.verbose)
    diag.note(fmt::format("{} records read, {} matched: {} older than {}, {} without an updated "
                          "date, {} behind another language version",
                          s.records, s.matched, s.older_than, report.threshold, s.no_updated,
                          s.behind_other_language));
  if (unreadable)
    return ExitCode::trouble;
  return s.entries() > 0 ? ExitCode::finding : ExitCode::ok;
}

} // namespace svcdesc::cli
