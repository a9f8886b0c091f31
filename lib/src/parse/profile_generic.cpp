// The generic profile: any page that is not a suomi.fi service page. It extracts what every page
// has (title, language, kind, labelled dates, the text itself) and says in a warning that it was
// used, so that a maintainer can tell a best-effort record from a fully parsed one.
#include "page.hpp"

#include <svcdesc/text/langid.hpp>
#include <svcdesc/text/utf8.hpp>

#include <algorithm>
#include <array>

namespace svcdesc::parse {
namespace {

using document::Document;
using document::Line;

// Lines of site chrome that come before the title. Those that mark a news item set the kind.
struct Chrome {
  std::string_view folded;
  bool news;
};
constexpr std::array k_chrome{
    Chrome{"suomi.fi", false},          Chrome{"hyppää sisältöön", false},
    Chrome{"siirry sisältöön", false},  Chrome{"siirry suoraan sisältöön", false},
    Chrome{"gå direkt till innehållet", false}, Chrome{"hoppa till innehållet", false},
    Chrome{"go directly to contents", false},   Chrome{"skip to content", false},
    Chrome{"text.skiptocontent", false}, Chrome{"ajankohtaista", false},
    Chrome{"aktuellt", false},          Chrome{"uutiset", true},
    Chrome{"uutinen", true},            Chrome{"tiedote", true},
    Chrome{"nyheter", true},            Chrome{"nyhet", true},
    Chrome{"pressmeddelande", true},    Chrome{"news", true},
    Chrome{"press release", true},
};

const Chrome* chrome_of(const Line& line) {
  if (line.text.size() > 40)
    return nullptr;
  std::string folded = text::fold(line.text);
  for (const Chrome& c : k_chrome)
    if (folded == c.folded)
      return &c;
  // "Tiedote 15.03.2023": a news label with its date.
  for (std::string_view news : {"tiedote ", "uutinen ", "pressmeddelande "})
    if (folded.starts_with(news) && folded.size() > news.size() &&
        folded[news.size()] >= '0' && folded[news.size()] <= '9')
      return &k_chrome[13];
  return nullptr;
}

} // namespace

void parse_generic(const Document& doc, PageBuilder& page, bool forced) {
  record::Record& rec = page.record();
  const std::vector<Line>& lines = doc.lines();
  bool news = false;
  int news_line = 0;

  size_t i = doc.next_nonblank(0);
  for (; i < lines.size(); i = doc.next_nonblank(i + 1)) {
    const Chrome* c = chrome_of(lines[i]);
    if (c == nullptr)
      break;
    if (c->news && !news) {
      news = true;
      news_line = lines[i].number;
    }
  }
  if (i < lines.size()) {
    rec.title = text::collapse_spaces(lines[i].text);
    page.provenance("title", "generic.first_line", lines[i].number);
    ++i;
  } else {
    page.warn("title-missing", "the page has no line that could be its title");
  }

  // Chrome right under the title ("Tiedote") still tells the kind and is not text.
  SectionLines body{"body", "", 0, {}};
  size_t next = doc.next_nonblank(i);
  while (next < lines.size() && next <= i + 4) {
    const Chrome* c = chrome_of(lines[next]);
    if (c == nullptr)
      break;
    if (c->news && !news) {
      news = true;
      news_line = lines[next].number;
    }
    i = next + 1;
    next = doc.next_nonblank(i);
  }
  for (; i < lines.size(); ++i)
    body.lines.push_back(lines[i]);

  rec.kind = news ? "news" : "other";
  page.provenance("kind", news ? "generic.news_label" : "generic.default", news_line);

  // Dates: every labelled date on the page, the first of each kind; `updated` is the later of
  // the updated and modified dates, or the publication date when the page gives only that.
  std::optional<std::pair<std::string, int>> updated_from;
  for (const Line& line : lines) {
    if (line.blank() || line.text.size() > 200)
      continue;
    for (auto& dated : labelled_dates(line.text)) {
      const std::string& kind = dated.first;
      const std::string& iso = dated.second;
      if (std::any_of(rec.dates.begin(), rec.dates.end(),
                      [&](const auto& d) { return d.first == kind; }))
        continue;
      rec.dates.emplace_back(kind, iso);
      page.provenance("dates." + kind, "generic.labelled_date", line.number);
      if (kind == "published")
        continue;
      if (!rec.updated || iso > *rec.updated) {
        rec.updated = iso;
        updated_from = {kind, line.number};
      }
    }
  }
  if (updated_from) {
    page.provenance("updated", "generic.latest_" + updated_from->first, updated_from->second);
  } else if (auto it = std::find_if(rec.dates.begin(), rec.dates.end(),
                                    [](const auto& d) { return d.first == "published"; });
             it != rec.dates.end()) {
    rec.updated = it->second;
    page.provenance("updated", "generic.published", 0);
  }
  auto date_of = [&](std::string_view kind) -> std::optional<std::string> {
    for (const auto& [k, v] : rec.dates)
      if (k == kind)
        return v;
    return std::nullopt;
  };
  if (auto u = date_of("updated"), m = date_of("modified"); u && m && *u != *m) {
    auto line_of = [&](std::string_view field) {
      for (const record::Provenance& p : rec.provenance)
        if (p.field == field)
          return p.line;
      return 0;
    };
    page.warn("dates-disagree",
              "the page gives both an updated date (" + *u + ") and a modified date (" + *m +
                  "); the later one is used",
              line_of("dates.modified"));
  }

  std::string_view detected = text::detect_language(doc.text());
  if (!detected.empty()) {
    rec.lang = std::string(detected);
    page.provenance("lang", "lang.detect", 0);
  } else {
    rec.lang = "und";
    page.warn("lang-unknown", "the language of the page could not be determined");
  }

  page.warn("profile-generic",
            std::string(forced ? "read with the generic profile as asked"
                               : "not a suomi.fi service page; read with the generic profile") +
                ", which extracts the title, language, kind, dates and text only");
  std::vector<SectionLines> sections{std::move(body)};
  page.add_sections(sections);
  page.classify_cost(sections, {});
  page.derive_id();
}

} // namespace svcdesc::parse
