// svcdesc fetch: pages or PTV services over HTTP into records, incrementally.
#include "app.hpp"

#include <CLI/CLI.hpp>

namespace svcdesc::cli {

struct FetchCommand {
  std::vector<std::string> urls;
};

FetchCommand& register_fetch(CLI::App& app) {
  static FetchCommand command;
  CLI::App* sub = app.add_subcommand("fetch", "Fetch pages over HTTP and parse them into records");
  sub->add_option("URL", command.urls, "Pages to fetch")->type_name("URL");
  return command;
}

ExitCode run_fetch(const FetchCommand&, const GlobalOptions& globals) {
  Diagnostics(globals).tool_error("fetch is not implemented yet");
  return ExitCode::trouble;
}

} // namespace svcdesc::cli
