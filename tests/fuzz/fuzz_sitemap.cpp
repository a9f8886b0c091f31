// The sitemap reader (pugixml) and the URL-list reader on any bytes; each <loc> is then resolved
// against the sitemap's URL as fetch does.

#include "fuzz_common.hpp"

#include <svcdesc/fetch/sitemap.hpp>
#include <svcdesc/fetch/url.hpp>

using namespace svcdesc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s = fuzz::as_text(data, size);
  if (Result<fetch::Sitemap> map = fetch::parse_sitemap(s); map.has_value()) {
    SVCDESC_FUZZ_CHECK(map->entries.size() <= fetch::k_max_sitemap_entries);
    for (const fetch::SitemapEntry& e : map->entries)
      (void)fetch::resolve_url("https://www.example.fi/sitemap.xml", e.url);
  }
  int last = 0;
  for (const fetch::ListedUrl& u : fetch::read_url_list(s)) {
    SVCDESC_FUZZ_CHECK(u.line > last && !u.url.empty());
    last = u.line;
  }
  return 0;
}
