#include <svcdesc/fetch/sitemap.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using svcdesc::fetch::parse_sitemap;
using svcdesc::fetch::read_url_list;

namespace {

// "line N: message", or the urls of the entries joined with spaces.
std::string summary(std::string_view xml) {
  auto sitemap = parse_sitemap(xml);
  if (!sitemap)
    return "line " + std::to_string(sitemap.error().line) + ": " + sitemap.error().message;
  std::string out = sitemap->index ? "index:" : "urlset:";
  for (const auto& entry : sitemap->entries) {
    out += ' ';
    out += entry.url;
  }
  return out;
}

} // namespace

TEST_CASE("fetch::parse_sitemap urlset and index") {
  SUBCASE("a urlset with lastmod in the W3C forms, kept as written") {
    auto sitemap = parse_sitemap(R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://www.example.fi/palvelut/asumistuki</loc>
    <lastmod>2026-10-01</lastmod>
    <changefreq>monthly</changefreq>
  </url>
  <url>
    <loc>
      https://www.example.fi/palvelut/toimeentulotuki?lang=fi&amp;x=1
    </loc>
    <lastmod>2026-11-20T08:30:00+02:00</lastmod>
  </url>
  <url><loc>https://www.example.fi/ilman-paivaysta</loc></url>
  <url><lastmod>2026-01-01</lastmod></url>
</urlset>
)");
    REQUIRE(sitemap);
    CHECK_FALSE(sitemap->index);
    REQUIRE(sitemap->entries.size() == 3);
    CHECK(sitemap->entries[0].url == "https://www.example.fi/palvelut/asumistuki");
    CHECK(sitemap->entries[0].lastmod == "2026-10-01");
    CHECK(sitemap->entries[1].url ==
          "https://www.example.fi/palvelut/toimeentulotuki?lang=fi&x=1");
    CHECK(sitemap->entries[1].lastmod == "2026-11-20T08:30:00+02:00");
    CHECK_FALSE(sitemap->entries[2].lastmod);
  }
  SUBCASE("a sitemap index") {
    auto sitemap = parse_sitemap(R"(<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.example.fi/sitemap.xml?page=1</loc><lastmod>2026-11-22</lastmod></sitemap>
  <sitemap><loc>https://www.example.fi/sitemap.xml?page=2</loc></sitemap>
</sitemapindex>)");
    REQUIRE(sitemap);
    CHECK(sitemap->index);
    REQUIRE(sitemap->entries.size() == 2);
    CHECK(sitemap->entries[0].url == "https://www.example.fi/sitemap.xml?page=1");
    CHECK(sitemap->entries[0].lastmod == "2026-11-22");
  }
  SUBCASE("no namespace, a prefixed namespace, extensions, CDATA, a BOM, UTF-16") {
    CHECK(summary("<urlset><url><loc>https://a.fi/</loc></url></urlset>") ==
          "urlset: https://a.fi/");
    CHECK(summary("<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                  "<sm:url><sm:loc>https://a.fi/x</sm:loc></sm:url></sm:urlset>") ==
          "urlset: https://a.fi/x");
    CHECK(summary("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                  "xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">"
                  "<url><loc>https://a.fi/p</loc><image:image><image:loc>https://a.fi/i.png"
                  "</image:loc></image:image></url></urlset>") == "urlset: https://a.fi/p");
    CHECK(summary("<urlset><url><loc><![CDATA[https://a.fi/?a=1&b=2]]></loc></url></urlset>") ==
          "urlset: https://a.fi/?a=1&b=2");
    CHECK(summary("\xEF\xBB\xBF<urlset><url><loc>https://a.fi/</loc></url></urlset>") ==
          "urlset: https://a.fi/");
    std::string utf16 = "\xFF\xFE";
    for (char c : std::string_view("<urlset><url><loc>https://a.fi/</loc></url></urlset>")) {
      utf16 += c;
      utf16 += '\0';
    }
    CHECK(summary(utf16) == "urlset: https://a.fi/");
    CHECK(summary("<urlset/>") == "urlset:");
  }
}

TEST_CASE("fetch::parse_sitemap refuses what is not a sitemap") {
  SUBCASE("the wrong root, with its line") {
    CHECK(summary("<!DOCTYPE html>\n<html>\n<body>Not found</body></html>") ==
          "line 2: not a sitemap: root element is <html>, not <urlset> or <sitemapindex>");
    CHECK(summary("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>") ==
          "line 2: not a sitemap: root element is <rss>, not <urlset> or <sitemapindex>");
    CHECK(summary("<urlset xmlns=\"http://example.com/other\"></urlset>") ==
          "line 1: not a sitemap: <urlset> is in namespace 'http://example.com/other', not "
          "http://www.sitemaps.org/schemas/sitemap/0.9");
  }
  SUBCASE("broken and truncated XML, with the line") {
    CHECK(summary("<urlset>\n<url>\n<loc>https://a.fi/</loc>\n</url>\n<url><loc>https://a.fi/b") ==
          "line 5: not well-formed XML: start-end tags mismatch (is the sitemap truncated?)");
    CHECK(summary("<urlset>\n  <url <loc>x</loc></url>\n</urlset>") ==
          "line 2: not well-formed XML: error parsing start element tag");
    CHECK(summary("just text") == "line 1: not well-formed XML: no document element found");
    CHECK(summary("") == "line 0: not a sitemap: the body is empty");
    CHECK(summary(" \n ") == "line 0: not a sitemap: the body is empty");
  }
  SUBCASE("a billion laughs: refused, and nothing is expanded") {
    std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [\n <!ENTITY lol \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
      bomb += " <!ENTITY lol" + std::to_string(i) + " \"";
      for (int k = 0; k < 10; ++k)
        bomb += (i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";");
      bomb += "\">\n";
    }
    bomb += "]>\n<urlset><url><loc>https://a.fi/&lol9;</loc></url></urlset>\n";
    CHECK(summary(bomb) == "line 2: the sitemap's <!DOCTYPE> declares entities, which a sitemap "
                           "has no use for; refused rather than expanded");
    // Without the declarations pugixml leaves an unknown reference as it is: no expansion either.
    CHECK(summary("<urlset><url><loc>https://a.fi/&lol9;</loc></url></urlset>") ==
          "urlset: https://a.fi/&lol9;");
    // A document type without entities is harmless and ignored.
    CHECK(summary("<!DOCTYPE urlset>\n<urlset><url><loc>https://a.fi/</loc></url></urlset>") ==
          "urlset: https://a.fi/");
  }
  SUBCASE("gzip and size limits") {
    CHECK(summary(std::string_view("\x1F\x8B\x08\x00\x00\x00", 6)) ==
          "line 0: the sitemap is gzip-compressed, which svcdesc does not read; give the "
          "uncompressed sitemap's URL or serve it with Content-Encoding: gzip");
    std::string big(svcdesc::fetch::k_max_sitemap_bytes + 1, ' ');
    CHECK(summary(big) == "line 0: the sitemap is larger than 50 MB, the protocol's limit");
  }
  SUBCASE("at most 50,000 entries") {
    std::string xml = "<urlset>\n";
    for (int i = 0; i <= 50'000; ++i)
      xml += "<url><loc>https://a.fi/" + std::to_string(i) + "</loc></url>\n";
    xml += "</urlset>\n";
    CHECK(summary(xml) ==
          "line 50002: the sitemap has more than 50,000 entries, the protocol's limit");
    xml.erase(xml.rfind("<url>"), std::string_view("<url><loc>https://a.fi/50000</loc></url>\n").size());
    auto sitemap = parse_sitemap(xml);
    REQUIRE(sitemap);
    CHECK(sitemap->entries.size() == 50'000);
  }
}

TEST_CASE("fetch::read_url_list") {
  auto urls = read_url_list("\xEF\xBB\xBF# palvelut\r\n"
                            "https://www.example.fi/a\r\n"
                            "\r\n"
                            "   https://www.example.fi/b   # the second one\n"
                            "  # indented comment\n"
                            "https://www.example.fi/c#osio\n"
                            "\t\n"
                            "https://www.example.fi/d");
  REQUIRE(urls.size() == 4);
  CHECK(urls[0].url == "https://www.example.fi/a");
  CHECK(urls[0].line == 2);
  CHECK(urls[1].url == "https://www.example.fi/b");
  CHECK(urls[1].line == 4);
  CHECK(urls[2].url == "https://www.example.fi/c#osio");
  CHECK(urls[2].line == 6);
  CHECK(urls[3].url == "https://www.example.fi/d");
  CHECK(urls[3].line == 8);
  CHECK(read_url_list("").empty());
  CHECK(read_url_list("\n\n# only comments\n").empty());
  // What is not a URL is still returned, with its line, for the caller to report.
  auto odd = read_url_list("\n\nnot a url\n");
  REQUIRE(odd.size() == 1);
  CHECK(odd[0].url == "not a url");
  CHECK(odd[0].line == 3);
}
