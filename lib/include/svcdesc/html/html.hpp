#pragma once

// The one wrapper of the HTML parser (myhtml) and of charset detection (uchardet): bytes of an HTML
// page in, lines of visible text out, each with the line of the HTML source it came from, plus the
// signals only markup carries (lang, canonical URL, meta dates, JSON-LD, <time>).

#include <svcdesc/core/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::html {

// Where the charset a page was decoded with came from, strongest first.
enum class CharsetSource { http, bom, meta, detected, fallback };

// "http", "bom", "meta", "detected", "fallback".
std::string_view charset_source_name(CharsetSource source);

// Something the renderer noticed about the page (a charset that lies): `code` is a stable
// kebab-case name, `line` the 1-based source line or 0.
struct Issue {
  std::string code;
  std::string message;
  int line = 0;
};

// One piece of markup metadata: `key` is the meta name or property in lower case
// ("og:updated_time"),
// "" for JSON-LD and <time>; `value` the content, script text or datetime attribute.
struct Signal {
  std::string key;
  std::string value;
  int line = 0;
};

struct Signals {
  Signal lang;                 // <html lang>, value empty when absent
  Signal canonical;            // <link rel=canonical href>, value empty when absent
  std::vector<Signal> meta;    // <meta name|property content> whose key names a date or time
  std::vector<Signal> json_ld; // the text of each <script type=application/ld+json>
  std::vector<Signal> times;   // <time datetime> in the visible content, in page order
};

// A page rendered to text. `text` has one line per rendered line ("\n" between them, blank lines
// between blocks); list items start with "• "; a label and its value in separate elements
// (<dt>/<dd>, two adjacent spans) are two lines; table rows are lines with cells separated by a
// space. `source_lines[i]` is the 1-based line of the HTML source where rendered line i starts.
struct Page {
  std::string text;
  std::vector<int> source_lines;
  std::string charset; // the WHATWG name it was decoded from: "utf-8", "windows-1252", ...
  CharsetSource charset_source = CharsetSource::fallback;
  std::vector<Issue> issues;
  Signals signals;
};

struct RenderOptions {
  // The charset of the HTTP Content-Type header, when the page was fetched; it outranks what the
  // page declares, and only a BOM outranks it, as in browsers.
  std::optional<std::string> http_charset;
  // Cut the content of <nav> and <aside> before parsing, where a light scan can tell where they
  // end (render() leaves them out either way; cutting only saves the parser the work). Off, for
  // tests that the result is the same, and for benchmarks.
  bool cut_boilerplate = true;
};

// Decodes `bytes` (BOM, HTTP charset, <meta charset> or http-equiv prescan, detection, UTF-8) to
// UTF-8, parses it as HTML5 and renders the visible content: scripts, styles, templates,
// navigation, page headers and footers, asides, cookie banners, skip links and hidden elements
// are left out. Any bytes give a page: a page whose bytes do not fit its declared charset is
// decoded as best it can be and gets an Issue. Fails when elements are nested more than 8,192
// deep (the parser's time grows with the square of the depth), with the line and column of the
// start tag too many, and when the parser cannot run (memory).
// Thread-safe: each thread reuses its own parser.
Result<Page> render(std::string_view bytes, const RenderOptions& options = {});

// Decodes `bytes` and builds the HTML tree of the whole page, without cutting or rendering it;
// returns the number of nodes. For benchmarks that separate the parser's time from the extraction.
Result<size_t> parse_only(std::string_view bytes, const RenderOptions& options = {});

} // namespace svcdesc::html
