// svcdesc validate: placeholder until the command lands.
#include "app.hpp"

#include <CLI/CLI.hpp>

namespace svcdesc::cli {

struct ValidateCommand {};

ValidateCommand& register_validate(CLI::App& app) {
  static ValidateCommand command;
  app.add_subcommand("validate", "Check records against the schema and the semantic rules");
  return command;
}

ExitCode run_validate(const ValidateCommand&, const GlobalOptions&) { return ExitCode::trouble; }

} // namespace svcdesc::cli
