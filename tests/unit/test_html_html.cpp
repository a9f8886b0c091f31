// The HTML wrapper: what a page renders to (boilerplate out, blocks, lists, label/value pairs,
// tables), the source line of each rendered line, entities, charsets and the markup signals.
#include <svcdesc/html/html.hpp>

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

using svcdesc::html::CharsetSource;
using svcdesc::html::Page;
using svcdesc::html::render;
using svcdesc::html::RenderOptions;

namespace {

Page rendered(std::string_view html, const RenderOptions& options = {}) {
  auto page = render(html, options);
  REQUIRE(page.has_value());
  return *page;
}

std::vector<std::string> lines_of(const Page& page) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= page.text.size()) {
    size_t end = page.text.find('\n', start);
    if (end == std::string::npos)
      end = page.text.size();
    out.emplace_back(page.text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool has_issue(const Page& page, std::string_view code) {
  for (const auto& issue : page.issues)
    if (issue.code == code)
      return true;
  return false;
}

} // namespace

TEST_CASE("html::render leaves boilerplate out") {
  Page page = rendered(R"(<!DOCTYPE html><html><head><title>Otsikko</title>
<style>p{color:red}</style><script>var x = "script text";</script></head>
<body>
<a class="skip-link" href="#main">Siirry suoraan sisältöön</a>
<div id="cookie-consent"><p>Käytämme evästeitä</p></div>
<div class="CookieBanner">Hyväksy evästeet</div>
<header><a href="/">Logo</a></header>
<nav><ul><li>Valikko</li></ul></nav>
<div role="navigation">Rooli-navigaatio</div>
<main>
<article><header><h1>Otsikko näkyy</h1></header>
<p>Leipäteksti.</p>
<p hidden>Piilotettu</p><p aria-hidden="true">Aria-piilo</p><p style="display: none">Tyylipiilo</p>
<template><p>Mallipohja</p></template><noscript>Ei skriptiä</noscript>
<footer>Artikkelin alaviite</footer></article>
</main>
<aside>Sivupalkki</aside>
<footer>Sivuston alatunniste</footer>
<script>document.write("myöhäinen skripti")</script>
</body></html>)");
  CHECK(lines_of(page) ==
        std::vector<std::string>{"Otsikko näkyy", "", "Leipäteksti.", "", "Artikkelin alaviite"});
}

TEST_CASE("html::render blocks, lists, pairs and tables") {
  SUBCASE("paragraphs are separated by a blank line, <br> and divs break lines") {
    Page page =
        rendered("<p>Yksi\n  kaksi</p><p>Kolme<br>neljä</p><div>Viisi</div><div>Kuusi</div>");
    CHECK(lines_of(page) ==
          std::vector<std::string>{"Yksi kaksi", "", "Kolme", "neljä", "", "Viisi", "Kuusi"});
  }
  SUBCASE("list items become bullets, nested lists stay in the list") {
    Page page = rendered("<p>Palvelut:</p><ul><li>Neuvola</li><li><p>Perhetyö</"
                         "p><ul><li>Kotikäynnit</li></ul></li></ul><p>Loppu</p>");
    CHECK(lines_of(page) == std::vector<std::string>{"Palvelut:", "", "• Neuvola", "• Perhetyö",
                                                     "• Kotikäynnit", "", "Loppu"});
  }
  SUBCASE("a label and its value in separate elements are two lines") {
    Page page = rendered("<dl><dt>Alue</dt><dd>Kuopio</dd></dl>"
                         "<div><span>Palvelun kieli</span><span>suomi</span></div>"
                         "<p><b>Päivitetty:</b> 31.7.2020</p>"
                         "<p><span>Vastuuorganisaatio</span> <a href=x>Kuopion kaupunki</a></p>");
    CHECK(lines_of(page) == std::vector<std::string>{"Alue", "Kuopio", "", "Palvelun kieli",
                                                     "suomi", "", "Päivitetty: 31.7.2020", "",
                                                     "Vastuuorganisaatio Kuopion kaupunki"});
  }
  SUBCASE("tables row by row") {
    Page page = rendered("<table><tr><th>Alue</th><td>Kuopio</td></tr><tr><th>Kieli</th><td>suomi</"
                         "td></tr></table>");
    CHECK(lines_of(page) == std::vector<std::string>{"Alue Kuopio", "Kieli suomi"});
  }
  SUBCASE("entities are decoded, no-break spaces kept for the text hygiene") {
    Page page = rendered("<p>P&auml;&#228;t&#xE4; &amp; &lt;ok&gt;&nbsp;&#8211; loppu</p>");
    CHECK(page.text == "Päätä & <ok>\u00A0– loppu");
  }
}

TEST_CASE("html::render keeps the source line of each rendered line") {
  Page page =
      rendered("<html>\n<body>\n<h1>Otsikko</h1>\n\n<p>Ensimmäinen\nkappale</p>\n"
               "<ul>\n<li>A</li>\n<li>B</li>\n</ul>\n<p>Loppu<br>\nrivi</p>\n</body></html>");
  std::vector<std::string> lines = lines_of(page);
  REQUIRE(lines.size() == page.source_lines.size());
  auto line_of = [&](std::string_view text) {
    for (size_t i = 0; i < lines.size(); ++i)
      if (lines[i] == text)
        return page.source_lines[i];
    return -1;
  };
  CHECK(line_of("Otsikko") == 3);
  CHECK(line_of("Ensimmäinen kappale") == 5);
  CHECK(line_of("• A") == 8);
  CHECK(line_of("• B") == 9);
  CHECK(line_of("Loppu") == 11);
  CHECK(line_of("rivi") == 12);
}

TEST_CASE("html::render charsets") {
  // "Päivä maksaa 5 €" in windows-1252: ä = E4, € = 80.
  const std::string cp1252 = "P\xE4iv\xE4 maksaa 5 \x80";
  SUBCASE("meta charset windows-1252") {
    Page page = rendered("<meta charset=\"windows-1252\"><p>" + cp1252 + "</p>");
    CHECK(page.text == "Päivä maksaa 5 €");
    CHECK(page.charset == "windows-1252");
    CHECK(page.charset_source == CharsetSource::meta);
    CHECK(page.issues.empty());
  }
  SUBCASE("http-equiv with ISO-8859-15 (the euro sign at A4)") {
    Page page =
        rendered("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\">"
                 "<p>5 \xA4</p>");
    CHECK(page.text == "5 €");
    CHECK(page.charset == "iso-8859-15");
  }
  SUBCASE("the HTTP charset outranks the meta charset") {
    RenderOptions options;
    options.http_charset = "windows-1252";
    Page page = rendered("<meta charset=\"utf-8\"><p>" + cp1252 + "</p>", options);
    CHECK(page.text == "Päivä maksaa 5 €");
    CHECK(page.charset_source == CharsetSource::http);
  }
  SUBCASE("a BOM decides") {
    Page page = rendered("\xEF\xBB\xBF<meta charset=\"windows-1252\"><p>P\xC3\xA4iv\xC3\xA4</p>");
    CHECK(page.text == "Päivä");
    CHECK(page.charset_source == CharsetSource::bom);
    const std::string utf16le("\xFF\xFE<\0p\0>\0\xE4\0", 10);
    CHECK(rendered(utf16le).text == "ä");
  }
  SUBCASE("undeclared: UTF-8 when it is UTF-8, detected otherwise") {
    CHECK(rendered("<p>P\xC3\xA4iv\xC3\xA4</p>").charset == "utf-8");
    Page page = rendered("<p>T\xE4m\xE4 on p\xE4iv\xE4kodin ja ty\xF6ntekij\xF6iden sivu. " +
                         cp1252 + "</p>");
    CHECK(page.text == "Tämä on päiväkodin ja työntekijöiden sivu. Päivä maksaa 5 €");
    CHECK(page.charset_source == CharsetSource::detected);
  }
  SUBCASE("a page declared UTF-8 that is not gets an issue and a best-effort decode") {
    Page page = rendered("<meta charset=\"utf-8\">\n<p>T\xE4m\xE4 on p\xE4iv\xE4kodin sivu.</p>");
    CHECK(has_issue(page, "charset-invalid"));
    CHECK(page.issues.front().line == 2);
    CHECK(page.text.find("päiväkodin") != std::string::npos);
  }
  SUBCASE("a page declared ISO-8859-1 whose bytes are UTF-8 is read as UTF-8") {
    Page page = rendered("<meta charset=\"iso-8859-1\"><p>P\xC3\xA4iv\xC3\xA4</p>");
    CHECK(page.text == "Päivä");
    CHECK(has_issue(page, "charset-mismatch"));
  }
  SUBCASE("garbage never crashes") {
    std::string bytes;
    for (int i = 0; i < 512; ++i)
      bytes += static_cast<char>((i * 37 + 11) % 256);
    CHECK(render("<p>" + bytes).has_value());
    CHECK(render("<meta charset=utf-8><p>" + bytes).has_value());
    CHECK(render("<meta charset=x-no-such><p>" + bytes).has_value());
  }
}

TEST_CASE("html::render collects the markup signals") {
  Page page = rendered(R"(<!DOCTYPE html>
<html lang="sv-FI">
<head>
<link rel="canonical" href="https://www.suomi.fi/palvelut/x/y/0b5b4b6e-1111-4a4a-9c9c-123456789abc">
<meta property="article:modified_time" content="2024-03-01T10:00:00+02:00">
<meta name="description" content="not a date">
<script type="application/ld+json">{"@type": "GovernmentService", "name": "Familjearbete"}</script>
</head>
<body><p>Publicerad <time datetime="2023-12-24">24.12.2023</time></p>
<nav><time datetime="1999-01-01">menu</time></nav></body></html>)");
  CHECK(page.signals.lang.value == "sv-FI");
  CHECK(page.signals.lang.line == 2);
  CHECK(page.signals.canonical.value ==
        "https://www.suomi.fi/palvelut/x/y/0b5b4b6e-1111-4a4a-9c9c-123456789abc");
  CHECK(page.signals.canonical.line == 4);
  REQUIRE(page.signals.meta.size() == 1);
  CHECK(page.signals.meta[0].key == "article:modified_time");
  CHECK(page.signals.meta[0].line == 5);
  REQUIRE(page.signals.json_ld.size() == 1);
  CHECK(page.signals.json_ld[0].value.find("Familjearbete") != std::string::npos);
  REQUIRE(page.signals.times.size() == 1); // the one in <nav> is boilerplate
  CHECK(page.signals.times[0].value == "2023-12-24");
}

TEST_CASE("html::render is safe on several threads") {
  std::string html = "<html lang=fi><body>";
  for (int i = 0; i < 200; ++i)
    html += "<div><p>Kappale " + std::to_string(i) + "</p><ul><li>a</li><li>b</li></ul></div>";
  html += "</body></html>";
  const std::string expected = rendered(html).text;
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        auto page = render(html);
        results[t] = page ? page->text : std::string("failed");
        if (results[t] != expected)
          return;
      }
    });
  for (auto& t : threads)
    t.join();
  for (const std::string& r : results)
    CHECK(r == expected);
}

TEST_CASE("html::render cuts menus before parsing without changing the result") {
  RenderOptions uncut;
  uncut.cut_boilerplate = false;
  auto same = [&](const std::string& html) {
    Page a = rendered(html);
    Page b = rendered(html, uncut);
    CHECK(a.text == b.text);
    CHECK(a.source_lines == b.source_lines);
    CHECK(a.signals.times.size() == b.signals.times.size());
    CHECK(a.signals.json_ld.size() == b.signals.json_ld.size());
  };
  for (const char* name : {"suomifi-fi-perhetyo", "suomifi-fi-vertaistukitoiminta",
                           "stm-perhekeskukset", "kymsote-tiedote-perhekeskus",
                           "kaksineuvoinen-perhekeskus-kaisla"}) {
    CAPTURE(name);
    same(svcdesc::test::read_source_file(std::string("samples/") + name + "-html.html"));
  }
  for (const char* html : {
           "<p>Teksti<nav>\n<ul><li><a href=x>Valikko</a></li></ul>\n</nav>Jatkuu</p>\n<p>Loppu</p>",
           "<nav><nav>sisempi</nav> ulompi</nav>\n<p>Sisältö</p>",
           "<nav>auki jäävä valikko\n<p>Sisältö",
           "<nav><script>var s = \"</nav>\";</script></nav><p>Sisältö</p>",
           "<nav><script type=\"application/ld+json\">{\"dateModified\": \"2024-01-01\"}</script></nav><p>x</p>",
           "<!-- <nav> --><p>Kommentti ennen</p><nav>valikko</nav><p>Sisältö</p>",
           "<div title=\"<nav>\">Attribuutti</div><nav a='>'>valikko</nav>\n<p>Sisältö</p>",
           "<script>document.write('<nav>')</script><p>Sisältö</p>",
           "<aside><table><tr><td>taulukko</td></tr></table></aside><p>Sisältö</p>",
           "<NAV CLASS=menu>\nIsot\nkirjaimet\n</NAV>\n<p>Rivi <time datetime=\"2020-01-01\">x</time></p>",
           "<b><nav><i>muotoilu</nav>jatkuu</b><p>loppu</p>",
       }) {
    CAPTURE(html);
    same(html);
  }
}

TEST_CASE("html::render refuses absurd nesting instead of taking minutes over it") {
  auto nested = [](std::string_view open, size_t n, std::string_view close) {
    std::string html = "<!DOCTYPE html><title>t</title>\n<body>";
    for (size_t i = 0; i < n; ++i)
      html += open;
    html += "Hei";
    for (size_t i = 0; i < n && !close.empty(); ++i)
      html += close;
    return html;
  };
  SUBCASE("100,000 nested <div>s: an error at the tag too deep") {
    auto page = render(nested("<div>", 100000, "</div>"));
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().message.find("nested more than 8192 deep") != std::string::npos);
    CHECK(page.error().line == 2);
    CHECK(page.error().column == static_cast<int>(std::string_view("<body>").size() + 8192 * 5 + 1));
  }
  SUBCASE("never closed, the same") {
    CHECK_FALSE(render(nested("<span>", 20000, "")).has_value());
  }
  SUBCASE("deep but within the bound: read") {
    CHECK(lines_of(rendered(nested("<div>", 2000, "</div>"))) == std::vector<std::string>{"Hei"});
  }
  SUBCASE("siblings are not depth: paragraphs and list items without end tags, void elements") {
    CHECK(render(nested("<p>x", 20000, "")).has_value());
    CHECK(render(nested("<li>x<br><img src=a.png>", 20000, "")).has_value());
  }
  SUBCASE("an icon sprite of self-closing SVG elements is not depth") {
    std::string html = "<!DOCTYPE html><body><svg>";
    for (int i = 0; i < 20000; ++i)
      html += "<symbol id=i><path d=\"M0 0\"/></symbol>";
    html += "</svg><p>Hei</p>";
    CHECK(lines_of(rendered(html)) == std::vector<std::string>{"Hei"});
  }
}
