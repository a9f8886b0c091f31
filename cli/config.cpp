// The configuration file, the environment, and `svcdesc config`.
#include "config.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <string_view>
#include <sys/stat.h>

namespace svcdesc::cli {
namespace {

bool is_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string getenv_string(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// True when one of the option's names is among the arguments ("--state", "--state=x", "-j4").
bool on_command_line(const CLI::Option& option, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--")
      break;
    for (const std::string& l : option.get_lnames())
      if (arg == "--" + l || arg.starts_with("--" + l + "="))
        return true;
    if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-')
      for (const std::string& s : option.get_snames())
        if (arg.substr(1, s.size()) == s)
          return true;
  }
  return false;
}

std::vector<std::pair<std::string, CLI::App*>> sections(CLI::App& app) {
  std::vector<std::pair<std::string, CLI::App*>> out{{"", &app}};
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    out.emplace_back(sub->get_name(), sub);
  return out;
}

// A TOML value: numbers and booleans as they are, lists as arrays, the rest as strings.
std::string toml_value(const std::vector<std::string>& values, bool list) {
  auto scalar = [](const std::string& v) {
    bool number = !v.empty() && v.find_first_not_of("0123456789.") == std::string::npos &&
                  v.front() != '.';
    if (number || v == "true" || v == "false")
      return v;
    std::string quoted = "\"";
    for (char c : v) {
      if (c == '"' || c == '\\')
        quoted += '\\';
      quoted += c;
    }
    return quoted + "\"";
  };
  if (!list)
    return values.empty() ? std::string("\"\"") : scalar(values.back());
  std::string out = "[";
  for (const std::string& v : values)
    out += (out.size() > 1 ? ", " : "") + scalar(v);
  return out + "]";
}

} // namespace

std::optional<std::string> option_value(int argc, char** argv, std::string_view name) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == name && i + 1 < argc)
      return std::string(argv[i + 1]);
    if (arg.starts_with(name) && arg.size() > name.size() && arg[name.size()] == '=')
      return std::string(arg.substr(name.size() + 1));
  }
  return std::nullopt;
}

std::optional<ConfigFile> find_config_file(int argc, char** argv) {
  if (auto path = option_value(argc, argv, "--config"))
    return ConfigFile{*path, "--config"};
  if (std::string env = getenv_string("SVCDESC_CONFIG"); !env.empty())
    return ConfigFile{env, "SVCDESC_CONFIG"};
  if (std::string xdg = getenv_string("XDG_CONFIG_HOME"); !xdg.empty()) {
    std::string path = xdg + "/svcdesc/config.toml";
    return is_file(path) ? std::optional<ConfigFile>(ConfigFile{path, "XDG_CONFIG_HOME"})
                         : std::nullopt;
  }
  if (std::string home = getenv_string("HOME"); !home.empty()) {
    std::string path = home + "/.config/svcdesc/config.toml";
    if (is_file(path))
      return ConfigFile{path, "~/.config"};
  }
  return std::nullopt;
}

void apply_environment(CLI::App& app, int argc, char** argv) {
  for (auto& [name, section] : sections(app))
    for (CLI::Option* option : section->get_options()) {
      std::string env = option->get_envname();
      if (env.empty() || option->count() == 0 || on_command_line(*option, argc, argv))
        continue;
      std::string value = getenv_string(env.c_str());
      if (value.empty() || option->results() == std::vector<std::string>{value})
        continue;
      option->clear();
      option->add_result(value);
      option->run_callback();
    }
}

std::string effective_configuration(CLI::App& app, const std::optional<ConfigFile>& file,
                                    int argc, char** argv) {
  std::string out;
  if (file)
    out += fmt::format("# configuration file: {} (from {})\n", file->path, file->origin);
  else
    out += "# configuration file: none (--config FILE, SVCDESC_CONFIG, or "
           "$XDG_CONFIG_HOME/svcdesc/config.toml)\n";
  out += "# precedence: command line, then environment, then configuration file, then default\n";
  for (auto& [name, section] : sections(app)) {
    std::string body;
    for (CLI::Option* option : section->get_options()) {
      if (option->get_positional() || option->get_lnames().empty() || !option->get_configurable())
        continue;
      const std::string& key = option->get_lnames().front();
      if (key == "help" || key == "version" || key == "config")
        continue;
      bool flag = option->get_items_expected_max() == 0;
      bool list = option->get_items_expected_max() > 1;
      std::string origin;
      std::vector<std::string> values = option->results();
      if (on_command_line(*option, argc, argv))
        origin = "command line";
      else if (!option->get_envname().empty() && !getenv_string(option->get_envname().c_str()).empty())
        origin = "environment " + option->get_envname();
      else if (option->count() > 0)
        origin = "configuration file";
      else {
        origin = "default";
        values.clear();
        if (flag)
          values.push_back("false");
        else if (!option->get_default_str().empty())
          values.push_back(option->get_default_str());
      }
      if (flag && !values.empty() && values.back() != "false")
        values = {"true"};
      std::string line = values.empty() && !list ? "# " + key + " = (not set)"
                                                 : key + " = " + toml_value(values, list);
      body += fmt::format("{:<40} # {}\n", line, origin);
    }
    if (body.empty())
      continue;
    out += name.empty() ? "\n" : fmt::format("\n[{}]\n", name);
    out += body;
  }
  return out;
}

} // namespace svcdesc::cli
