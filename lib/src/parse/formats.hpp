#pragma once

// The input formats besides text renderings, and the step they all share: reading a document
// (lines of cleaned text) with the profiles.

#include <svcdesc/document/document.hpp>
#include <svcdesc/parse/parse.hpp>

namespace svcdesc::parse {

// Picks the profile (options, URL host, text), runs it on `doc` and finishes the record (id from
// the URL when known). `record` arrives with what the format already knows (source.file, sha256).
record::Record read_document(const document::Document& doc, record::Record record,
                             const Options& options);

// An HTML page (html_page.cpp): rendered to lines with the HTML wrapper, read like a text
// rendering, then completed from what only HTML carries (lang, canonical URL, JSON-LD, meta dates).
Result<record::Record> parse_html(std::string_view source_name, std::string_view bytes,
                                  const Options& options);

// PTV Open API JSON (ptv_json.cpp): one record per service and language version.
void parse_ptv_json(std::string_view source_name, std::string_view bytes, const Options& options,
                    const Emit& emit);

} // namespace svcdesc::parse
