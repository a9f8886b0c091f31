// svcdesc stale: placeholder until the command lands.
#include "app.hpp"

#include <CLI/CLI.hpp>

namespace svcdesc::cli {

struct StaleCommand {};

StaleCommand& register_stale(CLI::App& app) {
  static StaleCommand command;
  app.add_subcommand("stale", "List records whose updated date is older than a threshold");
  return command;
}

ExitCode run_stale(const StaleCommand&, const GlobalOptions&) { return ExitCode::trouble; }

} // namespace svcdesc::cli
