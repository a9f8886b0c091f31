// svcdesc parse: pages from files or standard input to NDJSON records.
#include "app.hpp"
#include "output.hpp"

#include <svcdesc/core/atomic_file.hpp>
#include <svcdesc/parse/parse.hpp>
#include <svcdesc/text/utf8.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <optional>

namespace svcdesc::cli {

struct ParseCommand {
  std::vector<std::string> files;
  std::string output;
  std::string profile = "auto";
  std::string input_format = "auto";
  std::string source_url;
};

namespace {

// The offending line of an input error, made printable: invalid bytes and controls become '?',
// long lines are cut. Returns an empty string when there is nothing worth showing.
std::string excerpt_of(std::string_view bytes, const Error& error, int& column) {
  if (error.line <= 0 || error.column <= 0)
    return {};
  size_t start = 0;
  for (int line = 1; line < error.line && start < bytes.size(); ++line) {
    size_t nl = bytes.find('\n', start);
    if (nl == std::string_view::npos)
      return {};
    start = nl + 1;
  }
  size_t end = bytes.find('\n', start);
  std::string_view raw = bytes.substr(start, end == std::string_view::npos ? end : end - start);
  if (raw.size() > 400)
    return {};
  std::string shown;
  int shown_column = 0;
  size_t i = 0;
  while (i < raw.size()) {
    if (static_cast<int>(i) + 1 == error.column)
      shown_column = static_cast<int>(text::length_utf8(shown)) + 1;
    auto rest = raw.substr(i);
    auto bad = text::find_invalid_utf8(rest.substr(0, std::min<size_t>(rest.size(), 4)));
    if (bad && *bad == 0) {
      shown += '?';
      ++i;
      continue;
    }
    size_t before = i;
    char32_t cp = text::next_code_point(raw, i);
    if (cp < 0x20 || cp == 0x7F)
      shown += '?';
    else
      shown.append(raw.substr(before, i - before));
  }
  if (shown_column == 0)
    shown_column = static_cast<int>(text::length_utf8(shown)) + 1;
  column = shown_column;
  return shown;
}

} // namespace

ParseCommand& register_parse(CLI::App& app) {
  static ParseCommand command;
  CLI::App* sub = app.add_subcommand(
      "parse", "Parse pages (text renderings) into NDJSON records, one per page");
  sub->add_option("FILE", command.files, "Input files; '-' or none reads standard input")
      ->type_name("FILE");
  sub->add_option("-o,--output", command.output,
                  "Write the records to FILE, replacing it atomically (default: standard output)")
      ->type_name("FILE");
  sub->add_option("--profile", command.profile,
                  "How to read the pages: auto (detect each page), suomifi, ministry, regional "
                  "or generic")
      ->check(CLI::IsMember({"auto", "suomifi", "ministry", "regional", "generic"}))
      ->type_name("NAME")
      ->default_str("auto");
  sub->add_option("--input-format", command.input_format,
                  "What the inputs are: auto (detect each from its content), text, html or "
                  "ptv-json")
      ->check(CLI::IsMember({"auto", "text", "html", "ptv-json"}))
      ->type_name("FORMAT")
      ->default_str("auto");
  sub->add_option("--source-url", command.source_url,
                  "Where the page came from: becomes source.url and the id, and helps pick the "
                  "profile and the organisation (one FILE only)")
      ->type_name("URL");
  sub->footer("Reads text renderings of suomi.fi service pages (Finnish, Swedish, English)\n"
              "and of other public-sector pages, and writes one JSON record per input, in\n"
              "input order, to standard output or the -o file. Reads standard input when\n"
              "given no FILE or '-'. An input that cannot be parsed is reported on stderr\n"
              "and skipped; the others are still written.\n\n"
              "Exit status: 0 all inputs parsed, 1 some inputs could not be parsed, 2 trouble.\n"
              "Example: svcdesc parse samples/*.txt > records.ndjson\n"
              "See svcdesc-parse(1).");
  return command;
}

ExitCode run_parse(const ParseCommand& command, const GlobalOptions& globals) {
  Diagnostics diag(globals);
  parse::Options options;
  options.profile = *parse::profile_from_name(command.profile);
  options.input_format = *parse::input_format_from_name(command.input_format);
  if (!command.source_url.empty()) {
    if (command.files.size() > 1) {
      diag.tool_error("--source-url names the source of one page; give one FILE with it");
      return ExitCode::trouble;
    }
    std::string lower = command.source_url.substr(0, 8);
    for (char& ch : lower)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!lower.starts_with("http://") && !lower.starts_with("https://")) {
      diag.tool_error(fmt::format("--source-url {} is not an http or https URL", command.source_url));
      return ExitCode::trouble;
    }
    options.source_url = command.source_url;
  }

  std::vector<std::string> inputs = command.files;
  if (inputs.empty())
    inputs.push_back("-");

  auto output = Output::open(command.output);
  if (!output) {
    diag.tool_error(output.error().message);
    return ExitCode::trouble;
  }

  size_t parsed = 0; // inputs read without an error
  size_t failed = 0;
  size_t records = 0;
  size_t with_warnings = 0;
  for (const std::string& input : inputs) {
    if (interrupted())
      break;
    std::string display = input == "-" ? "<stdin>" : input;
    auto bytes = core::read_file(input, options.max_bytes);
    if (!bytes) {
      diag.input_error(display, 0, 0, bytes.error().message);
      ++failed;
      continue;
    }
    bool input_failed = false;
    parse::parse_input(input == "-" ? "" : input, *bytes, options,
                       [&](Result<record::Record> record) {
                         if (!record) {
                           int column = record.error().column;
                           std::string excerpt = excerpt_of(*bytes, record.error(), column);
                           diag.input_error(display, record.error().line, column,
                                            record.error().message, excerpt);
                           input_failed = true;
                           return;
                         }
                         for (const record::Warning& w : record->warnings)
                           diag.warning(display, w.line, w.code, w.message);
                         if (!record->warnings.empty())
                           ++with_warnings;
                         output->write(record::to_json(*record));
                         output->write("\n");
                         ++records;
                       });
    ++(input_failed ? failed : parsed);
  }

  if (interrupted()) {
    output->abandon();
    diag.tool_error(command.output.empty() || command.output == "-"
                        ? std::string("interrupted")
                        : fmt::format("interrupted; {} was not written", command.output));
    return ExitCode::interrupted;
  }
  // Never replace a good output file with an empty one because every input failed.
  if (records == 0 && failed > 0 && !command.output.empty() && command.output != "-") {
    output->abandon();
    diag.tool_error(fmt::format("no input could be parsed; {} left unchanged", command.output));
    return ExitCode::finding;
  }
  if (auto done = output->finish(); !done) {
    diag.tool_error(done.error().message);
    return ExitCode::trouble;
  }
  if (globals.verbose || failed > 0)
    diag.note(fmt::format("parsed {} of {} inputs into {} record{} ({} with warnings, {} failed)",
                          parsed, inputs.size(), records, records == 1 ? "" : "s",
                          with_warnings, failed));
  return failed > 0 ? ExitCode::finding : ExitCode::ok;
}

} // namespace svcdesc::cli
