// HTML pages end to end through parse::parse_page: the HTML versions of the five real seeds give
// the records of their text renderings, and the markup signals rank below what the page shows.
#include <svcdesc/parse/parse.hpp>

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using svcdesc::parse::parse_page;
using svcdesc::record::Record;

namespace {

Record parse(const std::string& name, const std::string& bytes,
             const svcdesc::parse::Options& options = {}) {
  auto r = parse_page(name, bytes, options);
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  return std::move(r).value();
}

Record parse_file(const std::string& path) {
  return parse(path, svcdesc::test::read_source_file(path));
}

// The record with what must differ between two renderings of one page blanked: the input file,
// its hash and format, and the line numbers (which point into different files).
Record comparable(Record r) {
  r.source.file.reset();
  r.source.sha256.clear();
  r.source.format.reset();
  for (auto& p : r.provenance)
    p.line = 0;
  for (auto& w : r.warnings)
    w.line = 0;
  return r;
}

const svcdesc::record::Provenance* provenance(const Record& r, const std::string& field) {
  for (const auto& p : r.provenance)
    if (p.field == field)
      return &p;
  return nullptr;
}

std::vector<std::string> warning_codes(const Record& r) {
  std::vector<std::string> out;
  for (const auto& w : r.warnings)
    out.push_back(w.code);
  return out;
}

bool has_warning(const Record& r, const std::string& code) {
  auto codes = warning_codes(r);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// The 1-based line `line` of `text`.
std::string line_of(const std::string& text, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i)
    start = text.find('\n', start) + 1;
  return text.substr(start, text.find('\n', start) - start);
}

} // namespace

TEST_CASE("parse::parse_html gives the seeds' records field for field") {
  for (const char* name :
       {"suomifi-fi-perhetyo", "suomifi-fi-vertaistukitoiminta", "stm-perhekeskukset",
        "kymsote-tiedote-perhekeskus", "kaksineuvoinen-perhekeskus-kaisla"}) {
    CAPTURE(name);
    const std::string html_path = std::string("samples/") + name + "-html.html";
    const std::string html = svcdesc::test::read_source_file(html_path);
    Record from_text = parse_file(std::string("samples/") + name + ".txt");
    Record from_html = parse(html_path, html);
    CHECK(from_html.source.format == "html");
    CHECK(from_text.source.format == "text");
    // Field for field; the record's operator== covers every field, so name the ones that differ.
    Record a = comparable(from_text);
    Record b = comparable(from_html);
    CHECK(a.id == b.id);
    CHECK(a.lang == b.lang);
    CHECK(a.kind == b.kind);
    CHECK(a.title == b.title);
    CHECK(a.organisation == b.organisation);
    CHECK(a.area == b.area);
    CHECK(a.languages == b.languages);
    CHECK(a.cost == b.cost);
    CHECK(a.updated == b.updated);
    CHECK(a.dates == b.dates);
    CHECK(a.sections == b.sections);
    CHECK(a.contacts == b.contacts);
    CHECK(a.provenance == b.provenance);
    CHECK(a.warnings == b.warnings);
    CHECK(a == b);
    // The provenance of the title points at the HTML line that shows it.
    const auto* title = provenance(from_html, "title");
    REQUIRE(title != nullptr);
    CHECK(line_of(html, title->line).find(from_html.title) != std::string::npos);
  }
}

TEST_CASE("parse::parse_html signals rank below the visible page") {
  const std::string head = R"(<!DOCTYPE html>
<html lang="fi">
<head>
<link rel="canonical" href="https://www.suomi.fi/palvelut/perhetyo/kuopion-kaupunki/0b5b4b6e-1111-4a4a-9c9c-123456789abc">
<meta property="article:modified_time" content="2024-03-01T10:00:00+02:00">
<meta property="article:published_time" content="2023-01-15T08:00:00+02:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "dateModified": "2024-04-02"}]}</script>
</head>
<body>
<main>
)";
  const std::string body =
      R"(<div><span>Vastuuorganisaatio</span> <a href="/o">Kuopion kaupunki</a></div>
<h1>Perhetyö</h1>
<ul><li>Palvelu</li><li>Kuopio</li><li>Julkinen palvelu</li></ul>
<p>Perhetyö tukee perheitä arjessa.</p>
<h2>Perustiedot</h2>
<dl><dt>Alue</dt><dd>Kuopio</dd></dl>
)";
  SUBCASE("the canonical URL gives source.url and the PTV GUID") {
    Record r = parse("page.html", head + body + "</main></body></html>");
    CHECK(r.id == "0b5b4b6e-1111-4a4a-9c9c-123456789abc");
    CHECK(r.source.url == "https://www.suomi.fi/palvelut/perhetyo/kuopion-kaupunki/"
                          "0b5b4b6e-1111-4a4a-9c9c-123456789abc");
    REQUIRE(provenance(r, "source.url") != nullptr);
    CHECK(provenance(r, "source.url")->rule == "html.canonical");
    CHECK(provenance(r, "source.url")->line == 4);
  }
  SUBCASE("--source-url outranks the canonical URL") {
    svcdesc::parse::Options options;
    options.source_url = "https://www.suomi.fi/palvelut/a/b/11111111-2222-4333-8444-555555555555";
    Record r = parse("page.html", head + body + "</main></body></html>", options);
    CHECK(r.id == "11111111-2222-4333-8444-555555555555");
    CHECK(provenance(r, "source.url") == nullptr);
  }
  SUBCASE("with no visible date, JSON-LD and meta dates give the dates") {
    Record r = parse("page.html", head + body + "</main></body></html>");
    CHECK(r.updated == "2024-04-02");
    CHECK(r.dates == std::vector<std::pair<std::string, std::string>>{{"modified", "2024-04-02"},
                                                                      {"published", "2023-01-15"}});
    CHECK(provenance(r, "updated")->rule == "html.jsonld.dateModified");
    CHECK(provenance(r, "dates.published")->rule == "html.meta.article:published_time");
    CHECK(provenance(r, "dates.published")->line == 6);
  }
  SUBCASE("a visible date wins over every signal") {
    Record r =
        parse("page.html", head + body + "<p>Päivitetty: 31.7.2020</p></main></body></html>");
    CHECK(r.updated == "2020-07-31");
    CHECK(r.dates == std::vector<std::pair<std::string, std::string>>{{"updated", "2020-07-31"}});
    CHECK(provenance(r, "updated")->rule == "suomifi.basic.updated");
  }
  SUBCASE("<time datetime> dates a page that states nothing else") {
    Record r = parse(
        "page.html",
        "<html><body><main>" + body +
            "<p>Julkaistu <time datetime=\"2022-05-04\">4.5.</time></p></main></body></html>");
    CHECK(r.updated == "2022-05-04");
    CHECK(provenance(r, "updated")->rule == "html.time");
  }
  SUBCASE("<html lang> decides only when the text does not; a disagreement is a warning") {
    Record labelled =
        parse("page.html", "<html lang=\"en\"><body><main>" + body + "</main></body></html>");
    CHECK(labelled.lang == "fi"); // the Finnish labels decide
    Record undecided =
        parse("page.html", "<html lang=\"sv-FI\"><body><p>12345</p><p>67 89</p></body></html>");
    CHECK(undecided.lang == "sv");
    CHECK(provenance(undecided, "lang")->rule == "html.lang");
    Record detected =
        parse("page.html", "<html lang=\"en\"><body><h1>Perhekeskus</h1><p>Perhekeskus tarjoaa "
                           "palveluja kaikenikäisille lapsille ja heidän vanhemmilleen. Monessa "
                           "maakunnassa palveluja kehitetään myös nuorille.</p></body></html>");
    CHECK(detected.lang == "fi");
    CHECK(has_warning(detected, "html-lang-disagrees"));
    CHECK_FALSE(has_warning(labelled, "html-lang-disagrees"));
  }
  SUBCASE("JSON-LD names the organisation when the page does not") {
    Record r = parse("page.html", R"(<html lang="fi"><head><script type="application/ld+json">
{"@type": "GovernmentService", "name": "Kotipalvelu", "provider": {"@type": "GovernmentOrganization", "name": "Kuopion kaupunki"}}
</script></head><body><h1>Kotipalvelu</h1><p>Kotipalvelu auttaa perheitä arjessa.</p></body></html>)");
    REQUIRE(r.organisation.has_value());
    CHECK(r.organisation->name == "Kuopion kaupunki");
    CHECK(provenance(r, "organisation")->rule == "html.jsonld.provider");
    CHECK(provenance(r, "organisation")->line == 1);
  }
  SUBCASE("broken JSON-LD is a warning, not a failure") {
    Record r = parse("page.html",
                     "<html><head><script type=\"application/ld+json\">{\"name\": </script></head>"
                     "<body><h1>Kotipalvelu</h1><p>Teksti.</p></body></html>");
    CHECK(has_warning(r, "html-jsonld-invalid"));
    CHECK(r.title == "Kotipalvelu");
  }
}

TEST_CASE("parse::parse_html ignores a JSON-LD block nested too deep to parse, with a warning") {
  // Found by fuzzing (tests/fuzz/regressions/html/): the parser overflowed the stack.
  std::string page = "<html><head><script type=\"application/ld+json\">" + std::string(100000, '[') +
                     "</script></head><body><h1>Perhetyö</h1><p>Palvelu on maksuton.</p></body></html>";
  svcdesc::parse::Options html;
  html.input_format = svcdesc::parse::InputFormat::html;
  Record r = parse("a.html", page, html);
  CHECK(r.title == "Perhetyö");
  CHECK(has_warning(r, "html-jsonld-invalid"));
}

TEST_CASE("parse::parse_html refuses pages without text") {
  CHECK_FALSE(
      parse_page("a.html",
                 "<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>")
          .has_value());
  svcdesc::parse::Options html;
  html.input_format = svcdesc::parse::InputFormat::html;
  CHECK_FALSE(parse_page("a.html", "", html).has_value());
  CHECK_FALSE(parse_page("a.html", " \n ", html).has_value());
}

TEST_CASE("parse::parse_html reads a windows-1252 page and one that lies about its charset") {
  Record cp1252 = parse_file("tests/cli/inputs/html/windows-1252.html");
  CHECK(cp1252.title == "Kotipalvelu");
  REQUIRE(cp1252.organisation.has_value());
  CHECK(cp1252.organisation->name == "Jyväskylän kaupunki");
  CHECK(cp1252.cost.evidence == "Käynti maksaa 12 € kerralta.");
  CHECK(cp1252.warnings.empty());

  Record lying = parse_file("tests/cli/inputs/html/declared-utf8-is-latin1.html");
  CHECK(lying.title == cp1252.title);
  CHECK(lying.organisation == cp1252.organisation);
  CHECK(lying.cost == cp1252.cost);
  CHECK(warning_codes(lying) == std::vector<std::string>{"charset-invalid"});
}
