#pragma once

#include <svcdesc/core/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::fetch {

// One <url> or <sitemap> of a sitemap: its <loc> (trimmed, otherwise as written: resolve and
// normalize it with resolve_url) and its <lastmod> as written (a W3C datetime), if any.
struct SitemapEntry {
  std::string url;
  std::optional<std::string> lastmod;
};

// A parsed sitemap. `index` is true for a <sitemapindex>, whose entries are sitemaps to read next.
struct Sitemap {
  bool index = false;
  std::vector<SitemapEntry> entries;
};

// The largest sitemap the protocol allows: 50,000 entries and 50 MB (uncompressed).
inline constexpr std::size_t k_max_sitemap_entries = 50'000;
inline constexpr std::size_t k_max_sitemap_bytes = 50 * 1000 * 1000;

// Parses a <urlset> or a <sitemapindex> (the sitemaps.org 0.9 namespace or none). Entries without a
// <loc> are skipped. Errors say what is wrong and, in Error::line, where: "not a sitemap: root
// element is <html>, ...", XML errors (a truncated body among them), another namespace, more than
// 50,000 entries, a <!DOCTYPE> that declares entities (refused; no entity beyond the five
// predefined ones is ever expanded), and without a line a body over 50 MB or a gzipped one.
Result<Sitemap> parse_sitemap(std::string_view xml);

// One URL of a URL list with its 1-based line number, so errors can say "urls.txt:7: ...".
struct ListedUrl {
  std::string url;
  int line = 0;
};

// The lines of a URL list (-i FILE or stdin): one URL per line, trimmed; blank lines and lines whose
// first non-blank character is '#' are skipped, and a '#' after white space starts a comment (one
// inside a URL is its fragment). A UTF-8 BOM and CRLF line ends are accepted. The URLs are returned
// as written, neither checked nor normalized.
std::vector<ListedUrl> read_url_list(std::string_view text);

} // namespace svcdesc::fetch
