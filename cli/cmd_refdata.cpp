// svcdesc refdata: the reference data in use, and checks of newer official tables before use.
#include "app.hpp"

#include <svcdesc/core/atomic_file.hpp>
#include <svcdesc/normalize/refdata.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace svcdesc::cli {

struct RefdataCommand {
  CLI::App* check = nullptr;
  std::vector<std::string> files;
};

RefdataCommand& register_refdata(CLI::App& app) {
  static RefdataCommand command;
  CLI::App* sub = app.add_subcommand(
      "refdata", "Show the reference data in use (municipalities, regions, counties, codes)");
  sub->footer("Prints each table with where it was read from (built-in, or a file of the\n"
              "--refdata directory) and its number of rows, and the vintage: the year of the\n"
              "municipality classification that records are normalized against.\n"
              "Municipalities merge on 1 January: check a newer official table with\n"
              "'svcdesc refdata check FILE' before using it with --refdata DIR.\n"
              "See svcdesc(1).");
  command.check = sub->add_subcommand(
      "check", "Check table files (municipalities.csv, regions.csv, ...) before they are used");
  command.check->add_option("FILE", command.files, "Table files, named as in lib/data/")
      ->required()
      ->type_name("FILE");
  command.check->footer("Each file is recognised by its header. Checks every row (field count, code\n"
                        "format, names present, codes unique) and the references between it and the\n"
                        "other tables in use, both ways.\n"
                        "Exit status: 0 every file can be used, 1 problems found, 2 a file cannot be read.");
  return command;
}

ExitCode run_refdata(const RefdataCommand& command, const GlobalOptions& globals) {
  Diagnostics diag(globals);
  if (!command.check->parsed()) {
    const normalize::RefData& data = normalize::RefData::builtin();
    print(stdout, fmt::format("vintage: {}\n", data.vintage()));
    for (const normalize::TableInfo& table : data.tables())
      print(stdout, fmt::format("{:<34} {:>5} rows  {}\n", table.file, table.rows, table.origin));
    return ExitCode::ok;
  }
  ExitCode code = ExitCode::ok;
  for (const std::string& file : command.files) {
    auto text = core::read_file(file, size_t{16} << 20);
    if (!text) {
      diag.input_error(file, 0, 0, text.error().message);
      code = ExitCode::trouble;
      continue;
    }
    std::vector<normalize::TableProblem> problems = normalize::check_table(file, *text);
    for (const normalize::TableProblem& p : problems)
      diag.input_error(p.file, p.line, 0, p.message);
    if (!problems.empty() && code == ExitCode::ok)
      code = ExitCode::finding;
    if (problems.empty() && !globals.quiet)
      print(stdout, fmt::format("{}: ok\n", file));
  }
  return code;
}

// --refdata DIR (or SVCDESC_REFDATA): the tables of DIR replace the built-in ones.
bool install_refdata(const std::string& dir, const GlobalOptions& globals) {
  Diagnostics diag(globals);
  std::vector<normalize::TableProblem> problems;
  auto data = normalize::RefData::from_directory(dir, problems);
  for (const normalize::TableProblem& p : problems)
    diag.input_error(p.file, p.line, 0, p.message);
  if (!data) {
    diag.tool_error(fmt::format("--refdata {}; the built-in tables were not replaced",
                                data.error().message));
    return false;
  }
  normalize::RefData::install(std::move(*data));
  return true;
}

} // namespace svcdesc::cli
