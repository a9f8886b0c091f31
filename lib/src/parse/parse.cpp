#include <svcdesc/parse/parse.hpp>

#include <svcdesc/core/hash.hpp>
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/utf8.hpp>

#include "formats.hpp"
#include "page.hpp"

#include <cstring>
#include <fmt/format.h>

namespace svcdesc::parse {
namespace {

// The 1-based line and column of `offset`; the column counts characters (UTF-8 sequences), so
// that a caret under the line lands on the right place when the line has ä or ö before it.
std::pair<int, int> position_of(std::string_view bytes, size_t offset) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(text::length_utf8(bytes.substr(line_start, offset - line_start))) + 1};
}

// Refuses what is not a page, before any parsing.
std::optional<Error> check_input(std::string_view bytes, const Options& options) {
  if (bytes.size() > options.max_bytes)
    return Error{fmt::format("input is {} bytes, more than the limit of {} bytes for one page",
                             bytes.size(), options.max_bytes)};
  if (text::trim(bytes).empty() || text::trim(bytes) == "\xEF\xBB\xBF")
    return Error{bytes.empty() ? "empty input" : "input has only whitespace"};
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    size_t offset = static_cast<size_t>(static_cast<const char*>(nul) - bytes.data());
    auto [line, column] = position_of(bytes, offset);
    return Error{"binary data (a NUL byte); expected a text rendering of a page", line, column};
  }
  size_t line_start = 0;
  int line_number = 1;
  while (line_start < bytes.size()) {
    const void* nl = std::memchr(bytes.data() + line_start, '\n', bytes.size() - line_start);
    size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - bytes.data()) : bytes.size();
    if (end - line_start > options.max_line_bytes)
      return Error{fmt::format("line is longer than {} bytes; not a text rendering of a page",
                               options.max_line_bytes),
                   line_number, 1};
    line_start = end + 1;
    ++line_number;
  }
  return std::nullopt;
}

Error invalid_utf8(std::string_view bytes, size_t offset) {
  auto [line, column] = position_of(bytes, offset);
  return Error{fmt::format("invalid UTF-8 (byte 0x{:02X}); convert the file to UTF-8",
                           static_cast<unsigned char>(bytes[offset])),
               line, column};
}

// The host of an http(s) URL, lower case, without port: "https://STM.fi:443/x" -> "stm.fi".
std::string host_of(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos)
    return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos)
    rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find(':'));
  return text::ascii_lower(rest);
}

} // namespace

std::optional<Profile> profile_from_name(std::string_view name) {
  if (name == "auto")
    return Profile::automatic;
  if (name == "suomifi")
    return Profile::suomifi;
  if (name == "generic")
    return Profile::generic;
  if (name == "ministry")
    return Profile::ministry;
  if (name == "regional")
    return Profile::regional;
  return std::nullopt;
}

std::string_view profile_name(Profile profile) {
  switch (profile) {
  case Profile::suomifi:
    return "suomifi";
  case Profile::generic:
    return "generic";
  case Profile::ministry:
    return "ministry";
  case Profile::regional:
    return "regional";
  case Profile::automatic:
    break;
  }
  return "auto";
}

std::optional<InputFormat> input_format_from_name(std::string_view name) {
  if (name == "auto")
    return InputFormat::automatic;
  if (name == "text")
    return InputFormat::text;
  if (name == "html")
    return InputFormat::html;
  if (name == "ptv-json")
    return InputFormat::ptv_json;
  return std::nullopt;
}

std::string_view input_format_name(InputFormat format) {
  switch (format) {
  case InputFormat::text:
    return "text";
  case InputFormat::html:
    return "html";
  case InputFormat::ptv_json:
    return "ptv-json";
  case InputFormat::automatic:
    break;
  }
  return "auto";
}

InputFormat detect_input_format(std::string_view bytes) {
  std::string_view rest = bytes.substr(0, 4096);
  if (rest.starts_with("\xEF\xBB\xBF"))
    rest.remove_prefix(3);
  rest = text::trim(rest);
  if (rest.empty())
    return InputFormat::text;
  if (rest.front() == '{' || rest.front() == '[')
    return InputFormat::ptv_json;
  if (rest.front() != '<')
    return InputFormat::text;
  std::string head = text::ascii_lower(rest.substr(0, 16));
  for (std::string_view opener : {"<!doctype html", "<!--", "<html", "<head", "<body", "<meta",
                                  "<title", "<?xml", "<div", "<main", "<article", "<section",
                                  "<header", "<p>", "<h1", "<h2", "<link", "<script", "<style"})
    if (head.starts_with(opener))
      return InputFormat::html;
  return InputFormat::text;
}

record::Record read_document(const document::Document& doc, record::Record record,
                             const Options& options) {
  std::string host;
  if (options.source_url) {
    record.source.url = *options.source_url;
    host = host_of(*options.source_url);
  }
  Profile profile = options.profile;
  NamedInText named;
  if (profile == Profile::automatic) {
    if (looks_like_suomifi(doc))
      profile = Profile::suomifi;
    else
      switch (detect_text_profile(doc, host, named)) {
      case TextProfile::ministry:
        profile = Profile::ministry;
        break;
      case TextProfile::regional:
        profile = Profile::regional;
        break;
      case TextProfile::generic:
        profile = Profile::generic;
        break;
      }
  }
  record.source.profile = std::string(profile_name(profile));
  record.source.refdata = normalize::RefData::builtin().vintage();

  PageBuilder page(record);
  bool forced = options.profile != Profile::automatic;
  if (profile == Profile::suomifi)
    parse_suomifi(doc, page);
  else
    parse_text_page(doc, page,
                    profile == Profile::ministry   ? TextProfile::ministry
                    : profile == Profile::regional ? TextProfile::regional
                                                   : TextProfile::generic,
                    forced, host, named);
  if (options.source_url)
    page.derive_id_from_url(*options.source_url);
  return record;
}

Result<record::Record> parse_page(std::string_view source_name, std::string_view bytes,
                                  const Options& options) {
  InputFormat format = options.input_format == InputFormat::automatic
                           ? detect_input_format(bytes)
                           : options.input_format;
  if (format == InputFormat::ptv_json)
    return unexpected("PTV JSON holds services, not one page; read it with parse_input()");
  if (format == InputFormat::html)
    return parse_html(source_name, bytes, options);
  if (auto error = check_input(bytes, options))
    return *error;

  record::Record record;
  if (!source_name.empty())
    record.source.file = std::string(source_name);
  record.source.sha256 = core::sha256_hex(bytes);
  record.source.format = "text";

  // Cleaning checks the UTF-8 in the same pass.
  size_t invalid_at = bytes.size();
  std::string cleaned = text::clean_text(bytes, &invalid_at);
  if (invalid_at < bytes.size())
    return invalid_utf8(bytes, invalid_at);
  if (text::trim(cleaned).empty())
    return unexpected("input has only whitespace and invisible characters");
  const document::Document doc(std::move(cleaned));
  return read_document(doc, std::move(record), options);
}

void parse_input(std::string_view source_name, std::string_view bytes, const Options& options,
                 const Emit& emit) {
  InputFormat format = options.input_format == InputFormat::automatic
                           ? detect_input_format(bytes)
                           : options.input_format;
  if (format == InputFormat::ptv_json) {
    const std::string& vintage = normalize::RefData::builtin().vintage();
    parse_ptv_json(source_name, bytes, options, [&](Result<record::Record> record) {
      if (record)
        record->source.refdata = vintage;
      emit(std::move(record));
    });
    return;
  }
  Options page_options = options;
  page_options.input_format = format;
  emit(parse_page(source_name, bytes, page_options));
}

} // namespace svcdesc::parse
