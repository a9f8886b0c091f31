#pragma once

#include <cstdio>
#include <optional>

#include <svcdesc/core/result.hpp>
#include <svcdesc/normalize/date.hpp>

#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace svcdesc::cli {

// The exit statuses of every command (listed under EXIT STATUS in the man pages).
enum class ExitCode {
  ok = 0,          // success / valid / same
  finding = 1,     // a negative finding: unparseable inputs, invalid records, differences
  trouble = 2,     // usage, I/O, internal errors
  interrupted = 130,
};

enum class Color { automatic, always, never };

struct GlobalOptions {
  bool quiet = false;
  bool verbose = false;
  Color color = Color::automatic;
};

// Writes `text` to `to` without ever throwing (fmt::print throws when the write fails, and a
// diagnostic about a full disk must not end the program): errors stay in the stream's error flag,
// where Output::finish() and the end of run() look for them.
void print(std::FILE* to, std::string_view text);
// Flushes standard output: nullopt when all went well, else the message naming why (and the error
// flag cleared, so that it is reported once).
std::optional<std::string> stdout_failure();

// Diagnostics on stderr in the GNU form, coloured when stderr is a terminal and NO_COLOR is unset.
class Diagnostics {
public:
  explicit Diagnostics(const GlobalOptions& options);

  // "svcdesc: error: <message>" for problems of the tool or its arguments.
  void tool_error(std::string_view message) const;
  // "<source>:<line>:<column>: error: <message>", then the offending line with a caret under the
  // column when `excerpt` is given. Line and column 0 are left out.
  void input_error(std::string_view source, int line, int column, std::string_view message,
                   std::string_view excerpt = {}) const;
  // "<source>:<line>: warning: <code>: <message>", unless --quiet.
  void warning(std::string_view source, int line, std::string_view code,
               std::string_view message) const;
  // A note for a person at the terminal (summaries), unless --quiet.
  void note(std::string_view message) const;

private:
  std::string paint(std::string_view text, std::string_view sgr) const;
  bool m_quiet;
  bool m_color;
};

// The date commands take as today: `as_of` (--as-of) when given, else the day of
// SOURCE_DATE_EPOCH when that is set (reproducible runs and tests), else today in UTC. An
// --as-of that is not a date, or a SOURCE_DATE_EPOCH that is not a number, is an error.
Result<normalize::Date> reference_date(const std::string& as_of);

// True once SIGINT or SIGTERM has arrived; long loops check it and stop cleanly.
bool interrupted();

// The entry point: parses the command line, runs the subcommand, returns the exit status.
int run(int argc, char** argv);

// Subcommands (one file each).
struct ParseCommand;
ParseCommand& register_parse(CLI::App& app);
ExitCode run_parse(const ParseCommand& command, const GlobalOptions& globals);

struct ValidateCommand;
ValidateCommand& register_validate(CLI::App& app);
ExitCode run_validate(const ValidateCommand& command, const GlobalOptions& globals);

struct DiffCommand;
DiffCommand& register_diff(CLI::App& app);
ExitCode run_diff(const DiffCommand& command, const GlobalOptions& globals);

struct ExportCommand;
ExportCommand& register_export(CLI::App& app);
ExitCode run_export(const ExportCommand& command, const GlobalOptions& globals);

struct StaleCommand;
StaleCommand& register_stale(CLI::App& app);
ExitCode run_stale(const StaleCommand& command, const GlobalOptions& globals);

struct RefdataCommand;
RefdataCommand& register_refdata(CLI::App& app);
ExitCode run_refdata(const RefdataCommand& command, const GlobalOptions& globals);
// Loads the tables of `dir` in place of the built-in reference data; false (reported) if it cannot.
bool install_refdata(const std::string& dir, const GlobalOptions& globals);

struct FetchCommand;
FetchCommand& register_fetch(CLI::App& app);
ExitCode run_fetch(const FetchCommand& command, const GlobalOptions& globals);

} // namespace svcdesc::cli
