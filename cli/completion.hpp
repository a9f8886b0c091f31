#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class Option;
}

namespace svcdesc::cli {

// What a shell needs to know of one option or positional argument, read off the CLI11 definitions
// that --help is printed from, so completions cannot drift from the options.
struct OptionSpec {
  std::vector<std::string> names; // "--output", "-o"; empty for a positional argument
  std::string help;
  bool takes_value = false;
  std::vector<std::string> choices; // from an IsMember check
  bool file = false;                // the value (or the argument) names a file
  bool directory = false;
};

struct CommandSpec {
  std::string name; // empty for the top level
  std::string help;
  std::vector<OptionSpec> options;
  std::vector<OptionSpec> positionals;
};

// An option's names as typed: "--output", "-o" (long names first).
std::vector<std::string> option_names(const CLI::Option& option);

// The top level first, then each subcommand, in the order --help lists them.
std::vector<CommandSpec> command_specs(CLI::App& app);

// A completion script for `shell` ("bash", "zsh" or "fish").
std::string completion_script(const std::vector<CommandSpec>& commands, std::string_view shell);

} // namespace svcdesc::cli
