#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace svcdesc::cli {

// The configuration file of a run and how it was found.
struct ConfigFile {
  std::string path;
  std::string origin; // "--config", "SVCDESC_CONFIG", "XDG_CONFIG_HOME", "~/.config"
};

// The value of the long option `name` ("--config") on the command line, as "--config FILE" or
// "--config=FILE": the first one given. For what must be known before CLI11 has parsed the
// arguments, or after it stopped early (--version).
std::optional<std::string> option_value(int argc, char** argv, std::string_view name);

// --config FILE on the command line, else $SVCDESC_CONFIG, else svcdesc/config.toml in
// $XDG_CONFIG_HOME (or ~/.config) when that file exists; nullopt when there is none.
std::optional<ConfigFile> find_config_file(int argc, char** argv);

// Gives environment variables precedence over the configuration file: CLI11 applies the file
// first and then fills only options still unset from the environment, so an option that has an
// environment variable and came from the file is set again from the variable. Options given on
// the command line are left alone. Precedence: flag, environment, file, default.
void apply_environment(CLI::App& app, int argc, char** argv);

// `svcdesc config`: every option of every command with its effective value and where the value
// came from (command line, environment, configuration file, default), as TOML that can be
// copied into a configuration file.
std::string effective_configuration(CLI::App& app, const std::optional<ConfigFile>& file,
                                    int argc, char** argv);

} // namespace svcdesc::cli
