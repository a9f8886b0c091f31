// svcdesc export: records to CSV, TSV, JSON, NDJSON, XML, HSDS 3.0, CPSV-AP or schema.org, one
// record at a time, optionally filtered.
#include "app.hpp"
#include "output.hpp"
#include "records.hpp"

#include <svcdesc/export/export.hpp>
#include <svcdesc/record/filter.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <optional>

namespace svcdesc::cli {

struct ExportCommand {
  std::vector<std::string> files;
  std::string output;
  std::string format;
  std::vector<std::string> fields;
  bool excel_safe = false;
  bool bom = false;
  std::string line_end = "crlf";
  bool list_fields = false;
  std::vector<std::string> organisations;
  std::vector<std::string> areas;
  std::vector<std::string> kinds;
  std::vector<std::string> langs;
  std::string updated_before;
  std::string updated_after;
};

ExportCommand& register_export(CLI::App& app) {
  static ExportCommand c;
  CLI::App* sub = app.add_subcommand(
      "export", "Write records as CSV, TSV, JSON, NDJSON, XML, HSDS 3.0, CPSV-AP or schema.org");
  sub->add_option("FILE", c.files, "NDJSON files or JSON arrays of records; '-' or none: stdin")
      ->type_name("FILE");
  std::string formats;
  for (const std::string& f : exporting::format_names())
    formats += (formats.empty() ? "" : ", ") + f;
  sub->add_option("-f,--format", c.format, "Output format: " + formats)
      ->check(CLI::IsMember(exporting::format_names()))
      ->type_name("FORMAT");
  sub->add_option("-o,--output", c.output, "Write to FILE atomically (default: stdout)")
      ->type_name("FILE");
  sub->add_option("--fields", c.fields,
                  "CSV/TSV columns, dotted paths in this order (see --list-fields)")
      ->delimiter(',')
      ->type_name("A,B,...")
      ->allow_extra_args(false);
  sub->add_flag("--excel-safe", c.excel_safe,
                "CSV/TSV: prefix cells starting with = + - @ with an apostrophe");
  sub->add_flag("--bom", c.bom, "CSV/TSV: begin with a UTF-8 byte order mark (for Excel)");
  sub->add_option("--line-end", c.line_end, "CSV line ends: crlf (RFC 4180) or lf")
      ->check(CLI::IsMember({"crlf", "lf"}))
      ->type_name("crlf|lf")
      ->default_str("crlf");
  sub->add_flag("--list-fields", c.list_fields, "List the CSV/TSV column names and exit");
  sub->add_option("--organisation", c.organisations,
                  "Only records whose organisation name contains TEXT (any case; repeatable)")
      ->type_name("TEXT")
      ->allow_extra_args(false);
  sub->add_option("--area", c.areas,
                  "Only records in these municipality, region or county codes, or 'nationwide'")
      ->delimiter(',')
      ->type_name("CODE")
      ->allow_extra_args(false);
  sub->add_option("--kind", c.kinds, "Only records of these kinds (service, ministry, regional, "
                                     "news, other)")
      ->delimiter(',')
      ->type_name("KIND")
      ->allow_extra_args(false);
  sub->add_option("--lang", c.langs, "Only records in these languages (fi, sv, en, ...)")
      ->delimiter(',')
      ->type_name("LANG")
      ->allow_extra_args(false);
  sub->add_option("--updated-before", c.updated_before,
                  "Only records updated before DATE (records without a date are left out)")
      ->type_name("DATE");
  sub->add_option("--updated-after", c.updated_after,
                  "Only records updated after DATE (records without a date are left out)")
      ->type_name("DATE");
  sub->footer("Records that cannot be read are reported with file:line and left out; the others\n"
              "are still written, and the exit status is then 2.\n\n"
              "Exit status: 0 written, 2 trouble (unreadable input, bad records, usage, I/O).\n"
              "Example: svcdesc export records.ndjson -f csv --fields id,title,updated -o out.csv\n"
              "See svcdesc-export(1).");
  return c;
}

ExitCode run_export(const ExportCommand& c, const GlobalOptions& globals) {
  Diagnostics diag(globals);
  if (c.list_fields) {
    for (const std::string& f : exporting::field_names())
      print(stdout, fmt::format("{}\n", f));
    return ExitCode::ok;
  }
  if (c.format.empty()) {
    diag.tool_error("no format given; use -f FORMAT (ndjson, json, csv, tsv, xml, hsds, cpsv-ap, "
                    "schema.org)");
    return ExitCode::trouble;
  }

  exporting::Options options;
  options.format = *exporting::format_from_name(c.format);
  options.fields = c.fields;
  options.excel_safe = c.excel_safe ? exporting::ExcelSafe::yes : exporting::ExcelSafe::no;
  options.bom = c.bom ? exporting::Bom::yes : exporting::Bom::no;
  options.line_end = c.line_end == "lf" ? exporting::LineEnd::lf : exporting::LineEnd::crlf;
  bool table = options.format == exporting::Format::csv || options.format == exporting::Format::tsv;
  if (!table && (!c.fields.empty() || c.excel_safe || c.bom)) {
    diag.tool_error(fmt::format("--fields, --excel-safe and --bom apply to csv and tsv, not to {}",
                                c.format));
    return ExitCode::trouble;
  }
  if (auto ok = exporting::check_fields(options.fields); !ok) {
    diag.tool_error(ok.error().message);
    return ExitCode::trouble;
  }

  record::Filter filter;
  filter.organisations = c.organisations;
  filter.areas = c.areas;
  filter.kinds = c.kinds;
  filter.langs = c.langs;
  if (!c.updated_before.empty())
    filter.updated_before = c.updated_before;
  if (!c.updated_after.empty())
    filter.updated_after = c.updated_after;
  if (auto ok = record::check_filter(filter); !ok) {
    diag.tool_error(ok.error().message);
    return ExitCode::trouble;
  }

  auto output = Output::open(c.output);
  if (!output) {
    diag.tool_error(output.error().message);
    return ExitCode::trouble;
  }
  auto sink = [&output](std::string_view s) { output->write(s); };
  auto writer = exporting::Writer::create(options, sink);
  if (!writer) {
    diag.tool_error(writer.error().message);
    return ExitCode::trouble;
  }

  bool trouble = false;
  size_t read = 0;
  size_t written = 0;
  exporting::RecordReader reader;
  RecordHandlers handlers;
  handlers.problem = [&](const std::string& display, const Error& e) {
    diag.input_error(display, e.line, e.column, e.message);
    trouble = true;
    return true;
  };
  handlers.record = [&](const std::string& display, record::RecordText& text) {
    auto rec = reader.read(text.json);
    if (!rec) {
      diag.input_error(display, text.line, rec.error().column, rec.error().message);
      trouble = true;
      return true;
    }
    ++read;
    if (filter.accepts(*rec)) {
      writer->write(*rec);
      ++written;
    }
    return true;
  };
  if (!read_records(c.files, diag, handlers))
    trouble = true;
  if (interrupted())
    return ExitCode::interrupted; // the output file is dropped: no half-written output
  writer->finish();
  if (auto done = output->finish(); !done) {
    diag.tool_error(done.error().message);
    return ExitCode::trouble;
  }
  if (globals.verbose)
    diag.note(fmt::format("{} records read, {} written as {}", read, written, c.format));
  return trouble ? ExitCode::trouble : ExitCode::ok;
}

} // namespace svcdesc::cli
