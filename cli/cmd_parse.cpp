// svcdesc parse: pages from files or standard input to NDJSON records.
#include "app.hpp"
#include "output.hpp"

#include <svcdesc/core/atomic_file.hpp>
#include <svcdesc/parse/parse.hpp>
#include <svcdesc/text/utf8.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace svcdesc::cli {

struct ParseCommand {
  std::vector<std::string> files;
  std::string output;
  std::string profile = "auto";
  std::string input_format = "auto";
  std::string source_url;
  unsigned jobs = 1;
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

// What one input gave, ready to be reported: everything that costs time (reading, parsing,
// serializing) is done here, on whichever thread, so that reporting in input order is cheap.
struct Item {
  std::optional<Error> error; // with `column` already moved to the excerpt
  std::string excerpt;
  std::vector<record::Warning> warnings;
  std::string json;
};
struct Parsed {
  std::optional<std::string> read_error;
  std::vector<Item> items;
};

Parsed parse_one(const std::string& input, const parse::Options& options) {
  Parsed parsed;
  auto bytes = core::read_file(input, options.max_bytes);
  if (!bytes) {
    parsed.read_error = bytes.error().message;
    return parsed;
  }
  parse::parse_input(input == "-" ? "" : input, *bytes, options,
                     [&](Result<record::Record> record) {
                       Item item;
                       if (!record) {
                         Error error = record.error();
                         item.excerpt = excerpt_of(*bytes, error, error.column);
                         item.error = std::move(error);
                       } else {
                         item.json = record::to_json(*record);
                         item.warnings = std::move(record->warnings);
                       }
                       parsed.items.push_back(std::move(item));
                     });
  return parsed;
}

// Parses `inputs` on `jobs` threads and hands each result to `report` on the calling thread, in
// input order. Workers run at most a window of inputs ahead of the reporting, so memory stays
// bounded by a few pages per thread whatever the number of inputs.
template <typename Report>
void parse_parallel(const std::vector<std::string>& inputs, const parse::Options& options,
                    unsigned jobs, Report report) {
  const size_t window = size_t{4} * jobs;
  std::mutex lock;
  std::condition_variable changed;
  std::deque<std::optional<Parsed>> ready; // ready[i] is input `reported + i`
  size_t next = 0;                         // the next input a worker takes
  size_t reported = 0;
  bool stop = false;
  auto worker = [&] {
    while (true) {
      size_t index = 0;
      {
        std::unique_lock<std::mutex> guard(lock);
        changed.wait(guard,
                     [&] { return stop || next >= inputs.size() || next < reported + window; });
        if (stop || next >= inputs.size())
          return;
        index = next++;
        ready.resize(std::max(ready.size(), index - reported + 1));
      }
      Parsed parsed = parse_one(inputs[index], options);
      {
        std::lock_guard<std::mutex> guard(lock);
        ready[index - reported] = std::move(parsed);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t)
    threads.emplace_back(worker);
  while (reported < inputs.size()) {
    Parsed parsed;
    {
      std::unique_lock<std::mutex> guard(lock);
      changed.wait(guard, [&] { return !ready.empty() && ready.front().has_value(); });
      parsed = std::move(*ready.front());
      ready.pop_front();
      ++reported;
    }
    changed.notify_all();
    if (interrupted()) {
      std::lock_guard<std::mutex> guard(lock);
      stop = true;
      break;
    }
    report(inputs[reported - 1], parsed);
  }
  changed.notify_all();
  for (std::thread& t : threads)
    t.join();
}

} // namespace

ParseCommand& register_parse(CLI::App& app) {
  static ParseCommand command;
  CLI::App* sub = app.add_subcommand(
      "parse", "Parse pages (text renderings, HTML, PTV JSON) into NDJSON records");
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
  sub->add_option("-j,--jobs", command.jobs,
                  "Parse N inputs at a time on N threads; the output is the same, in input order")
      ->check(CLI::Range(1u, 256u))
      ->type_name("N")
      ->default_str("1");
  sub->footer("Reads text renderings and HTML pages of suomi.fi service pages (Finnish,\n"
              "Swedish, English) and of other public-sector pages, and PTV Open API JSON,\n"
              "and writes one JSON record per page (per service and language for PTV JSON),\n"
              "in input order, to standard output or the -o file. HTML is decoded by its\n"
              "BOM, <meta charset> or detection and rendered without scripts, navigation,\n"
              "headers, footers and cookie banners. Reads standard input when given no FILE\n"
              "or '-'. An input that cannot be parsed is reported on stderr and skipped; the\n"
              "others are still written.\n\n"
              "PTV JSON may be one service, an array, the API's paging envelope or one\n"
              "service a line; a service that cannot be read is reported by its JSON\n"
              "pointer (/itemList/3/serviceChargeType) and the others are still written.\n\n"
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

  size_t parsed = 0; // inputs that gave at least one record
  size_t failed = 0; // inputs and parts of inputs (a PTV service) that gave an error instead
  size_t records = 0;
  size_t with_warnings = 0;
  auto report = [&](const std::string& input, const Parsed& result) {
    std::string display = input == "-" ? "<stdin>" : input;
    if (result.read_error) {
      diag.input_error(display, 0, 0, *result.read_error);
      ++failed;
      return;
    }
    bool any_record = false;
    for (const Item& item : result.items) {
      if (item.error) {
        diag.input_error(display, item.error->line, item.error->column, item.error->message,
                         item.excerpt);
        ++failed;
        continue;
      }
      any_record = true;
      for (const record::Warning& w : item.warnings)
        diag.warning(display, w.line, w.code, w.message);
      if (!item.warnings.empty())
        ++with_warnings;
      output->write(item.json);
      output->write("\n");
      ++records;
    }
    if (any_record)
      ++parsed;
  };
  // Standard input cannot be shared between threads, and one input needs none.
  bool stdin_used = std::find(inputs.begin(), inputs.end(), "-") != inputs.end();
  if (command.jobs > 1 && inputs.size() > 1 && !stdin_used) {
    parse_parallel(inputs, options,
                   std::min<unsigned>(command.jobs, static_cast<unsigned>(inputs.size())), report);
  } else {
    for (const std::string& input : inputs) {
      if (interrupted())
        break;
      report(input, parse_one(input, options));
    }
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
