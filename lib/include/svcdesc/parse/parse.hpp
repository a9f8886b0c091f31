#pragma once

#include <svcdesc/core/result.hpp>
#include <svcdesc/record/record.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace svcdesc::parse {

// How a page is read. `automatic` looks at the source URL's host when known, then at the page: a
// suomi.fi service page has its responsible-organisation line; a ministry page names a ministry,
// its mail domain or a publication timestamp; a regional page names a wellbeing services county,
// joint municipal authority or municipality of the registry; anything else is generic.
enum class Profile { automatic, suomifi, ministry, regional, generic };

// "auto", "suomifi", "ministry", "regional", "generic"; nullopt for anything else.
std::optional<Profile> profile_from_name(std::string_view name);
std::string_view profile_name(Profile profile);

// What an input is: a text rendering of a page, an HTML page, or PTV Open API JSON (one service,
// an array of services, or a paging envelope). `automatic` decides from the content.
enum class InputFormat { automatic, text, html, ptv_json };

// "auto", "text", "html", "ptv-json"; nullopt for anything else.
std::optional<InputFormat> input_format_from_name(std::string_view name);
std::string_view input_format_name(InputFormat format);
// The format of `bytes` by their content: JSON when the first character after a BOM and
// whitespace is '{' or '[', HTML when the page opens with markup (a doctype, a comment, or an
// element such as <html>, <head> or <body>), text otherwise. Never returns `automatic`.
InputFormat detect_input_format(std::string_view bytes);

struct Options {
  Profile profile = Profile::automatic;
  InputFormat input_format = InputFormat::automatic;
  // The charset of the HTTP Content-Type header when the input was fetched ("windows-1252"); for
  // HTML it outranks what the page declares.
  std::optional<std::string> http_charset;
  // Where the page came from, when known: it becomes source.url, decides the id (the GUID at the
  // end of a suomi.fi service URL, else a UUIDv5 of the URL) and helps pick the profile and the
  // organisation.
  std::optional<std::string> source_url;
  // Pages larger than this, or with a line longer than max_line_bytes, are refused: no text
  // rendering of a service page comes near either, and refusing keeps memory bounded.
  size_t max_bytes = size_t{64} << 20;
  size_t max_line_bytes = size_t{1} << 20;
};

// Parses one page (text rendering or HTML, as `options.input_format` says or as detected) given as
// raw bytes. `source_name` names the input in the record's
// `source.file` (leave it empty for standard input). Returns an error, with the line and column
// where one applies, for input that is not a page: empty or whitespace only, binary (NUL bytes),
// not UTF-8, too large, or with an absurdly long line. Everything the parser notices but can
// resolve only partly goes into the record's `warnings`.
Result<record::Record> parse_page(std::string_view source_name, std::string_view bytes,
                                  const Options& options = {});

// Receives what one input yields, in input order: records, and errors for the parts of the input
// that could not be read (a PTV service with a missing required field, named by its JSON pointer
// in the message).
using Emit = std::function<void(Result<record::Record>)>;

// Parses one input of any format: a page (text or HTML) yields one record or one error; PTV JSON
// yields one record per service and language version, and an error per service that cannot be
// read while the others still parse. An input that cannot be read at all yields one error.
void parse_input(std::string_view source_name, std::string_view bytes, const Options& options,
                 const Emit& emit);

} // namespace svcdesc::parse
