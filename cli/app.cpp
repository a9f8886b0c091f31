#include "app.hpp"
#include "completion.hpp"
#include "config.hpp"

#include <svcdesc/core/version.hpp>
#include <svcdesc/normalize/refdata.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <ctime>
#include <signal.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <exception>
#include <unistd.h>

namespace svcdesc::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_signal(int) { g_interrupted = 1; }

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The closest candidate within a small edit distance, as ninja suggests a misspelt target.
std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

// Every option name of a command, for suggestions.
std::vector<std::string> all_option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    std::vector<std::string> own = option_names(*opt);
    names.insert(names.end(), own.begin(), own.end());
  }
  return names;
}

} // namespace

namespace {

// --version: what an auditor needs to reproduce a record: the tool, the reference data it
// normalized against, and the libraries that read the input.
std::string version_text() {
  std::string out = fmt::format("svcdesc {}\n", svcdesc::version());
  const normalize::RefData& refdata = normalize::RefData::builtin();
  const normalize::TableInfo municipalities = refdata.tables().front();
  out += fmt::format("reference data: {} (municipalities {}, {})\n", refdata.vintage(),
                     municipalities.rows,
                     municipalities.origin == "built-in" ? "built in" : municipalities.origin);
  out += "libraries:";
  for (const auto& [name, version] : svcdesc::dependency_versions())
    out += fmt::format(" {} {},", name, version);
  out.back() = '\n';
  return out;
}

} // namespace

bool interrupted() { return g_interrupted != 0; }

// The reference date: --as-of, else SOURCE_DATE_EPOCH (reproducible builds and tests), else today
// in UTC.
Result<normalize::Date> reference_date(const std::string& as_of) {
  if (!as_of.empty()) {
    auto d = normalize::parse_iso_date(as_of);
    if (!d)
      return unexpected(fmt::format("--as-of: {}", d.error().message));
    return d;
  }
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    std::string_view s = epoch;
    int64_t seconds = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), seconds);
    if (ec != std::errc() || end != s.data() + s.size())
      return unexpected(fmt::format(
          "SOURCE_DATE_EPOCH '{}' is not a number of seconds; unset it or give --as-of", s));
    return normalize::date_from_unix_seconds(seconds);
  }
  return normalize::date_from_unix_seconds(static_cast<int64_t>(std::time(nullptr)));
}


Diagnostics::Diagnostics(const GlobalOptions& options) : m_quiet(options.quiet) {
  const char* no_color = std::getenv("NO_COLOR");
  bool tty = ::isatty(STDERR_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
  m_color = options.color == Color::always || (options.color == Color::automatic && tty);
}

std::string Diagnostics::paint(std::string_view text, std::string_view sgr) const {
  if (!m_color)
    return std::string(text);
  return fmt::format("\033[{}m{}\033[0m", sgr, text);
}

namespace {
int g_stdout_errno = 0; // of the first failed write to standard output
} // namespace

void print(std::FILE* to, std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), to) != text.size() && to == stdout &&
      g_stdout_errno == 0)
    g_stdout_errno = errno;
}

std::optional<std::string> stdout_failure() {
  if (std::fflush(stdout) == 0 && !std::ferror(stdout))
    return std::nullopt;
  int err = g_stdout_errno != 0 ? g_stdout_errno : errno;
  std::clearerr(stdout); // reported once
  return fmt::format("cannot write to standard output: {}", std::strerror(err));
}

void Diagnostics::tool_error(std::string_view message) const {
  print(stderr, fmt::format("svcdesc: {} {}\n", paint("error:", "1;31"), message));
}

void Diagnostics::input_error(std::string_view source, int line, int column,
                              std::string_view message, std::string_view excerpt) const {
  std::string where(source);
  if (line > 0)
    where += fmt::format(":{}", line);
  if (line > 0 && column > 0)
    where += fmt::format(":{}", column);
  print(stderr, fmt::format("{}: {} {}\n", paint(where, "1"), paint("error:", "1;31"), message));
  if (!excerpt.empty() && column > 0) {
    print(stderr, fmt::format("  {}\n  {}{}\n", excerpt,
                              std::string(static_cast<size_t>(column - 1), ' '), paint("^", "1;32")));
  }
}

void Diagnostics::warning(std::string_view source, int line, std::string_view code,
                          std::string_view message) const {
  if (m_quiet)
    return;
  std::string where(source);
  if (line > 0)
    where += fmt::format(":{}", line);
  print(stderr, fmt::format("{}: {} {}: {}\n", paint(where, "1"), paint("warning:", "1;35"), code,
                            message));
}

void Diagnostics::note(std::string_view message) const {
  if (!m_quiet)
    print(stderr, fmt::format("svcdesc: {}\n", message));
}

int run(int argc, char** argv) {
  // No SA_RESTART: a read blocked on a terminal or a pipe returns at Ctrl-C instead of waiting.
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);

  GlobalOptions globals;
  CLI::App app{"svcdesc: turn Finnish public-service descriptions into normalized records.\n"
               "Reads suomi.fi service pages and other public-sector pages and writes one JSON\n"
               "record per page (NDJSON). Run 'svcdesc COMMAND --help' for a command's options.",
               "svcdesc"};
  app.set_version_flag("--version", version_text,
                       "Print the version, the reference data's vintage and the libraries, and exit");
  app.require_subcommand(1);
  app.fallthrough();
  std::optional<ConfigFile> config_file = find_config_file(argc, argv);
  if (config_file && config_file->origin == "SVCDESC_CONFIG" &&
      ::access(config_file->path.c_str(), R_OK) != 0) {
    std::string reason = std::strerror(errno);
    Diagnostics(globals).tool_error(fmt::format(
        "configuration file {} (from SVCDESC_CONFIG) cannot be read: {}", config_file->path, reason));
    return static_cast<int>(ExitCode::trouble);
  }
  app.set_config("--config", config_file ? config_file->path : "",
                 "Read options from a TOML or INI file, one [section] per command (default: "
                 "$SVCDESC_CONFIG, else $XDG_CONFIG_HOME/svcdesc/config.toml if it exists)",
                 config_file && config_file->origin == "SVCDESC_CONFIG")
      ->type_name("FILE");
  app.add_flag("-q,--quiet", globals.quiet, "Print errors only: no warnings, no summaries");
  app.add_flag("-v,--verbose", globals.verbose, "Say more about what is being done");
  std::string refdata_dir;
  app.add_option("--refdata", refdata_dir,
                 "Read the reference tables found in DIR (municipalities.csv, ...) instead of the "
                 "built-in ones")
      ->envname("SVCDESC_REFDATA")
      ->type_name("DIR");
  std::string color = "auto";
  app.add_option("--color", color,
                 "Colour diagnostics: auto (a terminal and NO_COLOR unset), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->option_text("WHEN")
      ->default_str("auto");
  app.footer("Exit status: 0 success, 1 some inputs failed (they are reported, the rest are\n"
             "written), 2 trouble (usage, I/O), 130 interrupted.\n"
             "See svcdesc(1) and svcdesc-COMMAND(1).");

  ParseCommand& parse = register_parse(app);
  FetchCommand& fetch = register_fetch(app);
  ValidateCommand& validate = register_validate(app);
  DiffCommand& diff = register_diff(app);
  ExportCommand& export_command = register_export(app);
  StaleCommand& stale = register_stale(app);
  RefdataCommand& refdata = register_refdata(app);
  CLI::App* config_command = app.add_subcommand(
      "config", "Print the effective configuration and where each value came from");
  config_command->footer("Prints every option of every command as TOML, with its value and its\n"
                         "origin: command line, environment, configuration file or default.\n"
                         "Precedence: command line, then environment, then configuration file,\n"
                         "then default. See svcdesc(1), CONFIGURATION.");
  std::string shell;
  CLI::App* completion = app.add_subcommand(
      "completion", "Print a completion script for bash, zsh or fish, made from these options");
  completion->add_option("SHELL", shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  completion->footer("Install for bash:  svcdesc completion bash > ~/.local/share/bash-completion/completions/svcdesc\n"
                     "      for zsh:   svcdesc completion zsh > ~/.zfunc/_svcdesc (a directory in $fpath)\n"
                     "      for fish:  svcdesc completion fish > ~/.config/fish/completions/svcdesc.fish\n"
                     "The Debian package installs all three.");

  Diagnostics usage(globals);
  // An unknown command gets a suggestion before CLI11 reports it its own way.
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--color" || arg == "--config" || arg == "--refdata") {
      ++i;
      continue;
    }
    if (arg.starts_with("-"))
      continue;
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      commands.push_back(sub->get_name());
    if (std::find(commands.begin(), commands.end(), arg) == commands.end()) {
      std::string guess = closest(arg, commands);
      usage.tool_error(fmt::format("unknown command '{}'{}; see 'svcdesc --help'", arg,
                                   guess.empty() ? "" : fmt::format(" (did you mean '{}'?)", guess)));
      return static_cast<int>(ExitCode::trouble);
    }
    break;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion&) {
    // After --refdata, so that the vintage shown is that of the tables a run would use. CLI11
    // stops at --version before it stores the other options: read --refdata here.
    if (auto dir = option_value(argc, argv, "--refdata"))
      refdata_dir = *dir;
    if (const char* env = std::getenv("SVCDESC_REFDATA"); refdata_dir.empty() && env != nullptr)
      refdata_dir = env;
    if (!refdata_dir.empty() && !install_refdata(refdata_dir, globals))
      return static_cast<int>(ExitCode::trouble);
    print(stdout, version_text());
    if (auto failure = stdout_failure()) {
      usage.tool_error(*failure);
      return static_cast<int>(ExitCode::trouble);
    }
    return static_cast<int>(ExitCode::ok);
  } catch (const CLI::ExtrasError& e) {
    // "The following argument was not expected: --outptu": suggest the closest option of the
    // command that was being parsed.
    const CLI::App* where = &app;
    for (const CLI::App* sub : app.get_subcommands())
      where = sub;
    std::string what = e.what();
    std::string extra = what.substr(what.rfind(' ') + 1);
    std::string message = fmt::format("unexpected argument '{}'", extra);
    if (extra.starts_with("-")) {
      std::string flag = extra.substr(0, extra.find('='));
      std::string guess = closest(flag, all_option_names(*where));
      message = fmt::format("unknown option '{}'{}", flag,
                            guess.empty() ? "" : fmt::format(" (did you mean '{}'?)", guess));
    }
    usage.tool_error(fmt::format("{}; see 'svcdesc {}--help'", message,
                                 where == &app ? "" : where->get_name() + " "));
    return static_cast<int>(ExitCode::trouble);
  } catch (const CLI::ParseError& e) {
    const CLI::App* where = &app;
    for (const CLI::App* sub : app.get_subcommands())
      where = sub;
    std::string what = e.what();
    if (!what.empty())
      what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    usage.tool_error(fmt::format("{}; see 'svcdesc {}--help'", what,
                                 where == &app ? "" : where->get_name() + " "));
    return static_cast<int>(ExitCode::trouble);
  }
  globals.color = color == "always" ? Color::always : color == "never" ? Color::never : Color::automatic;

  apply_environment(app, argc, argv);
  if (!refdata_dir.empty() && !install_refdata(refdata_dir, globals))
    return static_cast<int>(ExitCode::trouble);

  try {
    ExitCode code = ExitCode::trouble;
    if (app.got_subcommand("parse"))
      code = run_parse(parse, globals);
    else if (app.got_subcommand("fetch"))
      code = run_fetch(fetch, globals);
    else if (app.got_subcommand("validate"))
      code = run_validate(validate, globals);
    else if (app.got_subcommand("diff"))
      code = run_diff(diff, globals);
    else if (app.got_subcommand("export"))
      code = run_export(export_command, globals);
    else if (app.got_subcommand("stale"))
      code = run_stale(stale, globals);
    else if (app.got_subcommand("config")) {
      print(stdout, effective_configuration(app, config_file, argc, argv));
      code = ExitCode::ok;
    } else if (app.got_subcommand("refdata"))
      code = run_refdata(refdata, globals);
    else if (app.got_subcommand("completion")) {
      print(stdout, completion_script(command_specs(app), shell));
      code = ExitCode::ok;
    }
    // What was printed straight to standard output (--version, config, completion, lists) is
    // checked here; a command's Output has checked its own and cleared the error flag.
    if (auto failure = stdout_failure()) {
      Diagnostics(globals).tool_error(*failure);
      code = ExitCode::trouble;
    }
    if (interrupted())
      code = ExitCode::interrupted;
    return static_cast<int>(code);
  } catch (const std::bad_alloc&) {
    Diagnostics(globals).tool_error("out of memory");
  } catch (const std::exception& e) {
    Diagnostics(globals).tool_error(fmt::format("internal error: {}", e.what()));
  }
  return static_cast<int>(ExitCode::trouble);
}

} // namespace svcdesc::cli
