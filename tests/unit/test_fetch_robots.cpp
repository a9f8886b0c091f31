#include <svcdesc/fetch/robots.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using svcdesc::fetch::Robots;

namespace {

// RFC 9309 5.1, the simple example, verbatim apart from the end-of-file marker.
constexpr std::string_view k_rfc_example = R"(User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot
)";

} // namespace

TEST_CASE("fetch::Robots RFC 9309 examples") {
  SUBCASE("5.1: the '*' group applies to a crawler without a group") {
    Robots r = Robots::parse(k_rfc_example, "svcdesc");
    CHECK_FALSE(r.allowed("/logo.gif"));
    CHECK(r.allowed("/logo.gif?size=2")); // '$' anchors the end
    CHECK_FALSE(r.allowed("/example/"));
    CHECK_FALSE(r.allowed("/example/page.html"));
    CHECK(r.allowed("/publications/"));
    CHECK(r.allowed("/"));
  }
  SUBCASE("5.1: foobot's own group, where Allow is longer than Disallow: /") {
    Robots r = Robots::parse(k_rfc_example, "foobot");
    CHECK(r.allowed("/example/page.html"));
    CHECK(r.allowed("/example/allowed.gif"));
    CHECK_FALSE(r.allowed("/example/other.html"));
    CHECK_FALSE(r.allowed("/"));
    CHECK(r.allowed("/robots.txt")); // always allowed (2.2.2)
  }
  SUBCASE("5.1: one group for two user agents; an empty group allows everything") {
    for (std::string_view agent : {"barbot", "bazbot", "BazBot"}) {
      Robots r = Robots::parse(k_rfc_example, agent);
      CHECK_FALSE(r.allowed("/example/page.html"));
      CHECK(r.allowed("/example/other.html"));
      CHECK(r.allowed("/logo.gif")); // the '*' rules do not apply to a crawler with a group
    }
    Robots qux = Robots::parse(k_rfc_example, "quxbot");
    CHECK(qux.allowed("/example/page.html"));
    CHECK(qux.rules().empty());
  }
  SUBCASE("5.2: the longest match wins") {
    Robots r = Robots::parse("User-Agent: foobot\nAllow: /example/page/\n"
                             "Disallow: /example/page/disallowed.gif\n",
                             "foobot");
    CHECK(r.allowed("/example/page/"));
    CHECK(r.allowed("/example/page/allowed.gif"));
    CHECK_FALSE(r.allowed("/example/page/disallowed.gif"));
  }
  SUBCASE("2.2.2: Allow wins a tie; matching is case-sensitive") {
    Robots r = Robots::parse("user-agent: *\ndisallow: /page\nallow: /page\n", "svcdesc");
    CHECK(r.allowed("/page"));
    Robots c = Robots::parse("User-agent: *\nDisallow: /Private\n", "svcdesc");
    CHECK_FALSE(c.allowed("/Private/x"));
    CHECK(c.allowed("/private/x"));
  }
  SUBCASE("2.2.2: percent-encoding is compared in one form") {
    Robots r = Robots::parse("User-agent: *\n"
                             "Disallow: /foo/bar?baz=quz\n"
                             "Disallow: /foo/bar/ツ\n"
                             "Disallow: /foo/bar/%62%61%7A\n"
                             "Disallow: /path/file-with-a-%2A.html\n"
                             "Disallow: /path/foo-%24\n",
                             "svcdesc");
    CHECK_FALSE(r.allowed("/foo/bar?baz=quz"));
    CHECK_FALSE(r.allowed("/foo/bar/%E3%83%84"));
    CHECK_FALSE(r.allowed("/foo/bar/ツ"));
    CHECK_FALSE(r.allowed("/foo/bar/baz"));
    CHECK_FALSE(r.allowed("/foo/bar/%62az"));
    CHECK_FALSE(r.allowed("/path/file-with-a-*.html"));
    CHECK_FALSE(r.allowed("/path/foo-$"));
    CHECK(r.allowed("/path/file-with-a-b.html"));
    CHECK(r.allowed("/foo/bar?baz=qux"));
  }
  SUBCASE("2.2.3: '#' comments, '$' and '*'") {
    Robots r = Robots::parse("User-agent: * # everyone\n"
                             "Disallow: / # nothing\n"
                             "Allow: /this/path/exactly$\n"
                             "Allow: /this/*/exactly\n",
                             "svcdesc");
    CHECK(r.allowed("/this/path/exactly"));
    CHECK(r.allowed("/this/path/exactly/more")); // the second Allow: a pattern matches a prefix
    CHECK_FALSE(r.allowed("/this/path/exact"));
    CHECK(r.allowed("/this/one/two/exactly"));
    CHECK_FALSE(r.allowed("/this/exactly"));
  }
}

TEST_CASE("fetch::Robots choosing the group") {
  SUBCASE("the product token, in any case and with a version, and every such group merged") {
    Robots r = Robots::parse("User-agent: *\nDisallow: /\n\n"
                             "User-agent: SVCDESC/1.2\nDisallow: /a\n\n"
                             "User-agent: Googlebot\nDisallow: /b\n\n"
                             "User-agent: svcdesc\nDisallow: /c\nCrawl-delay: 5\n",
                             "svcdesc");
    CHECK_FALSE(r.allowed("/a"));
    CHECK(r.allowed("/b"));
    CHECK_FALSE(r.allowed("/c/d"));
    CHECK(r.allowed("/d"));
    CHECK(r.crawl_delay() == doctest::Approx(5.0));
  }
  SUBCASE("a longer token is another crawler") {
    Robots r = Robots::parse("User-agent: svcdesc-images\nDisallow: /\n", "svcdesc");
    CHECK(r.allowed("/anything"));
  }
  SUBCASE("rules before any user-agent line belong to nobody") {
    Robots r = Robots::parse("Disallow: /\nUser-agent: *\nDisallow: /x\n", "svcdesc");
    CHECK(r.allowed("/y"));
    CHECK_FALSE(r.allowed("/x"));
  }
  SUBCASE("a user-agent line after rules starts a new group") {
    Robots r = Robots::parse("User-agent: svcdesc\nDisallow: /a\nUser-agent: other\nDisallow: /b\n",
                             "svcdesc");
    CHECK_FALSE(r.allowed("/a"));
    CHECK(r.allowed("/b"));
  }
  SUBCASE("no group at all, or an empty file") {
    CHECK(Robots::parse("User-agent: Googlebot\nDisallow: /\n", "svcdesc").allowed("/x"));
    CHECK(Robots::parse("", "svcdesc").allowed("/x"));
    CHECK_FALSE(Robots::parse("", "svcdesc").crawl_delay());
  }
}

TEST_CASE("fetch::Robots real-world shapes") {
  SUBCASE("a national portal: API and search closed, a delay and sitemaps") {
    Robots r = Robots::parse("# robots.txt for the portal\r\n"
                             "User-agent: *\r\n"
                             "Disallow: /api/\r\n"
                             "Allow: /api/public/\r\n"
                             "Disallow: /haku\r\n"
                             "Disallow: /*?sort=\r\n"
                             "Disallow: /*.pdf$\r\n"
                             "Crawl-delay: 2\r\n"
                             "\r\n"
                             "Sitemap: https://www.example.fi/sitemap.xml\r\n"
                             "Sitemap: https://www.example.fi/sitemap-sv.xml\r\n",
                             "svcdesc");
    CHECK(r.allowed("/palvelut/asumistuki"));
    CHECK_FALSE(r.allowed("/api/v1/x"));
    CHECK(r.allowed("/api/public/list"));
    CHECK_FALSE(r.allowed("/haku?q=tuki"));
    CHECK_FALSE(r.allowed("/palvelut?sort=name"));
    CHECK(r.allowed("/palvelut?lang=fi&sort=name")); // "?sort=" is not "&sort="
    CHECK(r.allowed("/palvelut?lang=fi"));
    CHECK_FALSE(r.allowed("/liite/ohje.pdf"));
    CHECK(r.allowed("/liite/ohje.pdf?download=1"));
    CHECK(r.crawl_delay() == doctest::Approx(2.0));
    CHECK(r.sitemaps() == std::vector<std::string>{"https://www.example.fi/sitemap.xml",
                                                   "https://www.example.fi/sitemap-sv.xml"});
  }
  SUBCASE("a ministry on a CMS: assets allowed inside closed directories") {
    Robots r = Robots::parse("\xEF\xBB\xBF#\n# robots.txt\n#\n"
                             "User-agent: *\n"
                             "# Assets\n"
                             "Allow: /core/*.css$\n"
                             "Allow: /core/*.js$\n"
                             "# Directories\n"
                             "Disallow: /core/\n"
                             "Disallow: /modules/\n"
                             "# Paths\n"
                             "Disallow: /admin/\n"
                             "Disallow: /user/login\n"
                             "Disallow: /fi/haku/\n"
                             "Disallow: /index.php/\n"
                             "Host: valtioneuvosto.example\n"
                             "Clean-param: utm_source\n",
                             "svcdesc");
    CHECK(r.allowed("/core/themes/x/style.css"));
    CHECK_FALSE(r.allowed("/core/themes/x/style.css?v=3"));
    CHECK_FALSE(r.allowed("/core/install.php"));
    CHECK_FALSE(r.allowed("/admin/config"));
    CHECK_FALSE(r.allowed("/user/login?destination=/"));
    CHECK(r.allowed("/fi/ministerio/yhteystiedot"));
    CHECK(r.allowed("/fi/haku"));
    CHECK(r.rules().size() == 8);
  }
  SUBCASE("misspelt keys and odd spacing are read as meant") {
    Robots r = Robots::parse("useragent:*\n  DISSALLOW :   /tmp/  \nCrawl-delay: 0.5\n", "svcdesc");
    CHECK_FALSE(r.allowed("/tmp/a"));
    CHECK(r.crawl_delay() == doctest::Approx(0.5));
  }
  SUBCASE("a pattern without a leading slash is a path") {
    Robots r = Robots::parse("User-agent: *\nDisallow: private\n", "svcdesc");
    CHECK_FALSE(r.allowed("/private/x"));
  }
}

TEST_CASE("fetch::Robots crawl delay") {
  auto delay = [](std::string_view value) {
    std::string body = "User-agent: *\nCrawl-delay: ";
    body += value;
    return Robots::parse(body, "svcdesc").crawl_delay();
  };
  CHECK(delay("10") == doctest::Approx(10.0));
  CHECK(delay("1.5") == doctest::Approx(1.5));
  CHECK(delay("1e9") == doctest::Approx(86400.0)); // at most a day
  CHECK_FALSE(delay("-1"));
  CHECK_FALSE(delay("soon"));
  CHECK_FALSE(delay("nan"));
  CHECK_FALSE(delay(""));
  // Another crawler's delay is not ours.
  CHECK_FALSE(Robots::parse("User-agent: bingbot\nCrawl-delay: 9\n", "svcdesc").crawl_delay());
}

TEST_CASE("fetch::Robots fallbacks and limits") {
  SUBCASE("allow_all and disallow_all") {
    CHECK(Robots::allow_all().allowed("/anything"));
    CHECK_FALSE(Robots::disallow_all().allowed("/anything"));
    CHECK_FALSE(Robots::disallow_all().allowed("/"));
    CHECK(Robots::disallow_all().allowed("/robots.txt"));
    CHECK(Robots::allow_all().sitemaps().empty());
  }
  SUBCASE("only the first 500 KiB are read, and a line cut there is dropped") {
    std::string body = "User-agent: *\nDisallow: /early\n";
    body += std::string(500 * 1024 - body.size() - 12, '#');
    body += "\nDisallow: /cut-here-and-dropped\nDisallow: /late\n";
    Robots r = Robots::parse(body, "svcdesc");
    CHECK_FALSE(r.allowed("/early"));
    CHECK(r.allowed("/cut"));
    CHECK(r.allowed("/late"));
  }
  SUBCASE("hostile input ends in some rules, never a crash or a long search") {
    std::string stars = "User-agent: *\nDisallow: /";
    for (int i = 0; i < 2000; ++i)
      stars += "a*";
    stars += "b$\n";
    Robots r = Robots::parse(stars, "svcdesc");
    CHECK(r.allowed("/" + std::string(8000, 'a')));
    CHECK_FALSE(r.allowed("/" + std::string(4000, 'a') + "b"));

    std::string noise;
    std::uint32_t state = 12345;
    for (int i = 0; i < 20000; ++i) {
      state = state * 1103515245u + 12345u;
      noise += static_cast<char>(state >> 24);
    }
    Robots n = Robots::parse(noise, "svcdesc");
    CHECK(n.allowed("/robots.txt"));
  }
}
