#pragma once

#include <svcdesc/core/result.hpp>
#include <svcdesc/record/record.hpp>

#include <cstddef>
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

struct Options {
  Profile profile = Profile::automatic;
  // Where the page came from, when known: it becomes source.url, decides the id (the GUID at the
  // end of a suomi.fi service URL, else a UUIDv5 of the URL) and helps pick the profile and the
  // organisation.
  std::optional<std::string> source_url;
  // Pages larger than this, or with a line longer than max_line_bytes, are refused: no text
  // rendering of a service page comes near either, and refusing keeps memory bounded.
  size_t max_bytes = size_t{64} << 20;
  size_t max_line_bytes = size_t{1} << 20;
};

// Parses one page given as raw bytes. `source_name` names the input in the record's
// `source.file` (leave it empty for standard input). Returns an error, with the line and column
// where one applies, for input that is not a page: empty or whitespace only, binary (NUL bytes),
// not UTF-8, too large, or with an absurdly long line. Everything the parser notices but can
// resolve only partly goes into the record's `warnings`.
Result<record::Record> parse_page(std::string_view source_name, std::string_view bytes,
                                  const Options& options = {});

} // namespace svcdesc::parse
