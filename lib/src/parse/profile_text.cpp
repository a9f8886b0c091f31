// The profiles for pages that are not suomi.fi service pages: ministry pages (stm.fi,
// valtioneuvosto.fi and the other ministries), regional pages and news (wellbeing services
// counties, joint municipal authorities, municipalities), and a generic profile for anything else.
//
// None of these pages labels its fields, so each value is inferred, strongest evidence first, and
// the rule that decided is kept in provenance:
// - organisation: a line that is an organisation's name near the top; the domain of the e-mail
//   addresses on the page (@stm.fi; @gov.fi names no ministry); the source URL's host; the
//   registry organisation named most often in the text, inflected or not ("Kymsotesta");
// - kind: ministry or regional by profile, news when the page is a release or news item;
// - dates: labelled dates only (Julkaisuajankohta, Päivitetty, Muokattu, Tiedote 15.03.2023, ...),
//   never dates of events in the body; updated is the latest updated or modified date;
// - contacts: people with their titles, phones in E.164, e-mail addresses; an address pattern
//   (etunimi.sukunimi@stm.fi) is the organisation's, not a person's;
// - places the text mentions, lemmatized with Voikko, kept apart from the service area.
#include "page.hpp"

#include <svcdesc/normalize/area.hpp>
#include <svcdesc/normalize/date.hpp>
#include <svcdesc/normalize/organisation.hpp>
#include <svcdesc/normalize/phone.hpp>
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/langid.hpp>
#include <svcdesc/text/morphology.hpp>
#include <svcdesc/text/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace svcdesc::parse {
namespace {

using document::Document;
using document::Line;
using normalize::OrganisationRegistry;

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
    Chrome{"skip to main content", false},      Chrome{"text.skiptocontent", false},
    Chrome{"flytta dig till innehållet", false}, Chrome{"hoppa till huvudinnehållet", false},
    Chrome{"siirry pääsisältöön", false},       Chrome{"hyppää pääsisältöön", false},
    Chrome{"ajankohtaista", false},     Chrome{"aktuellt", false},
    Chrome{"etusivu", false},           Chrome{"framsida", false},
    Chrome{"uutiset", true},            Chrome{"uutinen", true},
    Chrome{"tiedote", true},            Chrome{"lehdistötiedote", true},
    Chrome{"nyheter", true},            Chrome{"nyhet", true},
    Chrome{"pressmeddelande", true},    Chrome{"news", true},
    Chrome{"press release", true},      Chrome{"kolumni", false},
    Chrome{"blogi", false},
};

// "This page is in Finnish" in several languages, on older ministry pages.
bool is_language_notice(std::string_view folded) {
  return folded.find("only in finnish") != std::string_view::npos ||
         folded.find("is in finnish") != std::string_view::npos ||
         folded.find("endast på finska") != std::string_view::npos ||
         folded.find("finns på finska") != std::string_view::npos ||
         folded.find("vain suomeksi") != std::string_view::npos ||
         folded.find("nur auf finnisch") != std::string_view::npos;
}

// What a line at the top of the page is: chrome (and whether it marks news), an organisation's
// name, or neither.
struct TopLine {
  bool chrome = false;
  bool news = false;
  const normalize::Organisation* organisation = nullptr;
};

TopLine classify_top_line(const Line& line) {
  TopLine t;
  if (line.text.size() > 120)
    return t;
  std::string folded = text::fold(line.text);
  for (const Chrome& c : k_chrome) {
    if (folded == c.folded) {
      t.chrome = true;
      t.news = c.news;
      return t;
    }
  }
  // "Tiedote 15.03.2023", "Tiedote 128": a news label with its date or number.
  for (std::string_view news : {"tiedote ", "uutinen ", "pressmeddelande ", "press release "}) {
    if (folded.starts_with(news) && folded.size() > news.size() && folded[news.size()] >= '0' &&
        folded[news.size()] <= '9') {
      t.chrome = true;
      t.news = true;
      return t;
    }
  }
  if (is_language_notice(folded) || folded.starts_with("julkaisuajankohta") ||
      folded.starts_with("publication date")) {
    t.chrome = true;
    return t;
  }
  if (const auto* org = OrganisationRegistry::builtin().by_name(line.text)) {
    t.chrome = true;
    t.organisation = org;
  }
  return t;
}

bool is_capitalised(std::string_view word) {
  if (word.empty())
    return false;
  auto c = static_cast<unsigned char>(word[0]);
  return (c >= 'A' && c <= 'Z') || (c == 0xC3 && word.size() > 1 &&
                                    static_cast<unsigned char>(word[1]) >= 0x80 &&
                                    static_cast<unsigned char>(word[1]) < 0x9F);
}

// The words of a line: letters, digits, hyphens and the colon of "STM:n".
std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  auto is_word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == ':' || static_cast<unsigned char>(c) >= 0x80;
  };
  while (i < line.size()) {
    while (i < line.size() && !is_word(line[i]))
      ++i;
    size_t start = i;
    while (i < line.size() && is_word(line[i]))
      ++i;
    std::string_view w = line.substr(start, i - start);
    while (!w.empty() && (w.back() == ':' || w.back() == '-'))
      w.remove_suffix(1);
    // "–" (E2 80 93) is not a word.
    if (!w.empty() && !w.starts_with("\xE2\x80"))
      out.push_back(w);
  }
  return out;
}

// A person's name and title in a contact line: "Neuvotteleva virkamies Marjaana Pelkonen" ->
// role "Neuvotteleva virkamies", name "Marjaana Pelkonen". The name is the last two or three
// capitalised words; Voikko confirms a first name where it knows one.
std::optional<std::pair<std::string, std::string>> person_of(std::string_view text) {
  std::vector<std::string_view> words = words_of(text);
  if (words.size() < 2 || words.size() > 8)
    return std::nullopt;
  size_t end = words.size();
  if (!is_capitalised(words[end - 1]) || !is_capitalised(words[end - 2]))
    return std::nullopt;
  size_t name_start = end - 2;
  const text::Morphology* morph = text::Morphology::finnish();
  if (morph != nullptr) {
    bool first_name = !morph->baseforms(words[name_start], "etunimi").empty();
    // "Anna-Maija Liisa Virtanen": a second first name before the surname.
    if (!first_name && name_start > 0 && is_capitalised(words[name_start - 1]) &&
        !morph->baseforms(words[name_start - 1], "etunimi").empty())
      --name_start, first_name = true;
    if (!first_name)
      return std::nullopt;
  }
  std::string name(words[name_start].data(),
                   static_cast<size_t>(words[end - 1].data() + words[end - 1].size() - words[name_start].data()));
  std::string role;
  if (name_start > 0)
    role = std::string(text::trim(text.substr(0, static_cast<size_t>(words[name_start].data() - text.data()))));
  while (!role.empty() && (role.back() == ',' || role.back() == ':'))
    role.pop_back();
  return std::pair{std::move(role), std::move(name)};
}

struct ContactScan {
  std::vector<record::Contact> contacts;
  std::optional<std::string> email_pattern;
  std::map<std::string, int> mail_domains; // domain -> first line
};

// Contacts: a line with a phone or an e-mail address belongs to the person named on it, or on the
// nearest line above it (within three non-blank lines) that names a person.
ContactScan scan_contacts(const std::vector<Line>& lines, PageBuilder& page) {
  ContactScan scan;
  std::optional<size_t> last_person_line;
  int blanks_since = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.blank())
      continue;
    auto phones = normalize::find_phones(line.text);
    auto emails = normalize::find_emails(line.text);
    // A name is looked for on lines with a phone or an address, and on short lines (a name alone).
    std::optional<std::pair<std::string, std::string>> person;
    if (!phones.empty() || !emails.empty() || line.text.size() < 80)
      person = person_of(line.text.substr(0, line.text.find(',')));
    for (const auto& e : emails) {
      std::string domain = e.address.substr(e.address.find('@') + 1);
      scan.mail_domains.emplace(domain, line.number);
      if (e.pattern && !scan.email_pattern)
        scan.email_pattern = e.address;
    }
    if (person && phones.empty() && emails.empty() && line.text.size() < 100) {
      // A name alone on its line: the phone may follow on the next lines.
      record::Contact c;
      c.name = person->second;
      if (!person->first.empty())
        c.role = person->first;
      scan.contacts.push_back(std::move(c));
      last_person_line = i;
      blanks_since = 0;
      continue;
    }
    if (phones.empty() && std::none_of(emails.begin(), emails.end(), [](const auto& e) { return !e.pattern; })) {
      ++blanks_since;
      if (blanks_since > 3)
        last_person_line.reset();
      continue;
    }
    record::Contact* target = nullptr;
    if (person) {
      record::Contact c;
      c.name = person->second;
      if (!person->first.empty())
        c.role = person->first;
      scan.contacts.push_back(std::move(c));
      target = &scan.contacts.back();
    } else if (last_person_line && !scan.contacts.empty() && !scan.contacts.back().phone &&
               !scan.contacts.back().phone_masked) {
      target = &scan.contacts.back();
    } else {
      scan.contacts.emplace_back();
      target = &scan.contacts.back();
    }
    last_person_line.reset();
    for (const auto& p : phones) {
      if (p.masked) {
        page.warn("phone-masked",
                  fmt::format("\"{}\" is a masked phone number; kept as written, not normalized", p.written),
                  line.number);
        if (!target->phone_masked)
          target->phone_masked = p.written;
      } else if (!target->phone) {
        target->phone = p.e164;
      }
    }
    for (const auto& e : emails)
      if (!e.pattern && !target->email)
        target->email = e.address;
    page.provenance("contacts", "text.contact_lines", line.number);
  }
  // A contact is a person the page names with a way to reach them: a name alone is not one, and
  // nor is a service number with no name (DESIGN.md: contacts "where the page names people").
  std::erase_if(scan.contacts, [](const record::Contact& c) {
    return !c.name || (!c.phone && !c.phone_masked && !c.email);
  });
  return scan;
}

// How much of a page the organisation and place scans read. A page names its organisation and
// the places it is about early; reading the rest of a long page costs time and only adds places
// mentioned in passing.
constexpr size_t k_scan_bytes = 16 * 1024;

// The lines of `lines` within the first k_scan_bytes of text.
size_t scan_limit(const std::vector<Line>& lines) {
  size_t bytes = 0;
  size_t n = 0;
  while (n < lines.size() && bytes < k_scan_bytes)
    bytes += lines[n++].text.size() + 1;
  return n;
}

// The registry organisation the text names most often, inflected or not, by one or two words,
// within the first k_scan_bytes.
std::optional<std::pair<const normalize::Organisation*, int>> named_in_text(const std::vector<Line>& lines) {
  const OrganisationRegistry& reg = OrganisationRegistry::builtin();
  std::map<const normalize::Organisation*, std::pair<int, int>> counts; // -> (count, first line)
  std::unordered_map<std::string_view, const normalize::Organisation*> single;
  std::unordered_map<std::string_view, bool> two_word; // does a two-word name start here?
  size_t limit = scan_limit(lines);
  for (size_t n = 0; n < limit; ++n) {
    const Line& line = lines[n];
    if (line.blank() || line.text.find("@") != std::string_view::npos)
      continue;
    std::vector<std::string_view> words = words_of(line.text);
    for (size_t i = 0; i < words.size(); ++i) {
      if (!is_capitalised(words[i]) && !(words[i].size() <= 7 && std::all_of(words[i].begin(), words[i].end(), [](char c) { return c >= 'A' && c <= 'Z'; })))
        continue;
      const normalize::Organisation* found = nullptr;
      auto [starts, fresh_start] = two_word.try_emplace(words[i], false);
      if (fresh_start)
        starts->second = reg.starts_two_word_name(words[i]);
      if (starts->second && i + 1 < words.size()) {
        std::string pair(words[i]);
        pair += ' ';
        pair += words[i + 1];
        found = reg.by_inflected(pair);
      }
      // The registry's own case forms cover its names and brands ("Kymsotesta",
      // "Kaksineuvoisessa"); Voikko is not asked here, it is kept for place names. Words repeat,
      // so each is looked up once per page.
      if (found == nullptr) {
        auto [it, fresh] = single.try_emplace(words[i], nullptr);
        if (fresh)
          it->second = reg.by_inflected(words[i]);
        found = it->second;
      }
      // Two-letter abbreviations (OM, SM, UM) are too often something else in running text.
      if (found == nullptr || (words[i].size() <= 2 && found->kind == "ministry"))
        continue;
      auto& c = counts[found];
      if (c.first++ == 0)
        c.second = line.number;
    }
  }
  const normalize::Organisation* best = nullptr;
  std::pair<int, int> best_count{0, 0};
  for (const auto& [org, c] : counts) {
    if (c.first > best_count.first || (c.first == best_count.first && c.second < best_count.second)) {
      best = org;
      best_count = c;
    }
  }
  if (best == nullptr)
    return std::nullopt;
  return std::pair{best, best_count.second};
}

// Municipalities the text mentions: capitalised words that Voikko reads as place names
// ("Haminassa" -> Hamina) and that are municipalities, now or formerly.
std::vector<normalize::Place> mentioned_places(const std::vector<Line>& lines, PageBuilder& page,
                                               normalize::NameLanguage lang) {
  std::vector<normalize::Place> out;
  std::vector<std::string> warned;
  std::unordered_set<std::string_view> seen; // each word once per page
  const text::Morphology* morph = text::Morphology::finnish();
  const normalize::RefData& ref = normalize::RefData::builtin();
  size_t limit = scan_limit(lines);
  for (size_t n = 0; n < limit; ++n) {
    const Line& line = lines[n];
    std::vector<std::string_view> words = words_of(line.text);
    for (size_t i = 0; i < words.size(); ++i) {
      if (!is_capitalised(words[i]) || !seen.insert(words[i]).second ||
          !ref.may_name_municipality(words[i]))
        continue;
      std::vector<std::string> bases{std::string(words[i])};
      if (morph != nullptr)
        for (std::string& b : morph->baseforms(words[i], "paikannimi"))
          bases.push_back(std::move(b));
      for (const std::string& base : bases) {
        const normalize::Municipality* m = ref.municipality(base);
        bool former = false;
        if (m == nullptr) {
          if (const auto* f = ref.former_municipality(base)) {
            m = f->successor;
            former = true;
          }
        }
        if (m == nullptr)
          continue;
        std::string name = lang == normalize::NameLanguage::sv ? m->name_sv : m->name_fi;
        normalize::Place place{m->code, name};
        if (std::find(out.begin(), out.end(), place) == out.end())
          out.push_back(place);
        // Every former municipality named once, even when the one it merged into is listed.
        if (former && std::find(warned.begin(), warned.end(), base) == warned.end()) {
          warned.push_back(base);
          page.warn("area-former-municipality",
                    fmt::format("\"{}\" names a former municipality; mapped to {} ({})", words[i],
                                m->name_fi, m->code),
                    line.number);
        }
        break;
      }
    }
  }
  return out;
}


// Fills organisation and its registry metadata (kind, successor of a defunct one).
void set_organisation(PageBuilder& page, const normalize::Organisation& org, std::string_view rule,
                      int line) {
  record::Record& rec = page.record();
  record::Organisation o;
  o.name = org.name_fi.empty() ? org.name_en : org.name_fi;
  if (rec.lang == "sv" && !org.name_sv.empty())
    o.name = org.name_sv;
  else if (rec.lang == "en" && !org.name_en.empty())
    o.name = org.name_en;
  o.kind = org.kind;
  rec.organisation = std::move(o);
  page.provenance("organisation", rule, line);
  page.annotate_defunct(line);
}

} // namespace

void parse_text_page(const Document& doc, PageBuilder& page, TextProfile profile, bool forced,
                     std::string_view source_host, NamedInText& named_cache) {
  record::Record& rec = page.record();
  const std::vector<Line>& lines = doc.lines();
  bool news = false;
  int news_line = 0;
  const normalize::Organisation* org_line = nullptr;
  int org_line_number = 0;

  // ---- chrome, an organisation line, the title ------------------------------------------------
  size_t i = doc.next_nonblank(0);
  for (int seen = 0; i < lines.size() && seen < 40; i = doc.next_nonblank(i + 1), ++seen) {
    TopLine t = classify_top_line(lines[i]);
    if (!t.chrome)
      break;
    if (t.news && !news) {
      news = true;
      news_line = lines[i].number;
    }
    if (t.organisation != nullptr && org_line == nullptr) {
      org_line = t.organisation;
      org_line_number = lines[i].number;
    }
  }
  if (i < lines.size()) {
    rec.title = text::collapse_spaces(lines[i].text);
    page.provenance("title", "text.first_line", lines[i].number);
    ++i;
  } else {
    page.warn("title-missing", "the page has no line that could be its title");
  }
  // Chrome right under the title ("Tiedote", "Julkaisuajankohta ...") still counts and is not text.
  for (size_t next = doc.next_nonblank(i); next < lines.size() && next <= i + 4;
       next = doc.next_nonblank(i)) {
    TopLine t = classify_top_line(lines[next]);
    if (!t.chrome)
      break;
    if (t.news && !news) {
      news = true;
      news_line = lines[next].number;
    }
    if (t.organisation != nullptr && org_line == nullptr) {
      org_line = t.organisation;
      org_line_number = lines[next].number;
    }
    i = next + 1;
  }
  SectionLines body{"body", "", 0, {}};
  for (; i < lines.size(); ++i)
    body.lines.push_back(lines[i]);

  // ---- kind -----------------------------------------------------------------------------------
  if (news)
    rec.kind = "news";
  else if (profile == TextProfile::ministry)
    rec.kind = "ministry";
  else if (profile == TextProfile::regional)
    rec.kind = "regional";
  else
    rec.kind = "other";
  page.provenance("kind", news ? "text.news_label" : "text.profile", news_line);

  // ---- language -------------------------------------------------------------------------------
  std::string_view detected = text::detect_language(doc.text());
  if (!detected.empty()) {
    rec.lang = std::string(detected);
    page.provenance("lang", "lang.detect", 0);
  } else {
    rec.lang = "und";
    page.warn("lang-unknown", "the language of the page could not be determined");
  }

  // ---- dates ----------------------------------------------------------------------------------
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
      page.provenance("dates." + kind, "text.labelled_date", line.number);
      if (kind == "published")
        continue;
      if (!rec.updated || iso > *rec.updated) {
        rec.updated = iso;
        updated_from = {kind, line.number};
      }
    }
  }
  if (updated_from) {
    page.provenance("updated", "text.latest_" + updated_from->first, updated_from->second);
  } else if (auto it = std::find_if(rec.dates.begin(), rec.dates.end(),
                                    [](const auto& d) { return d.first == "published"; });
             it != rec.dates.end()) {
    rec.updated = it->second;
    page.provenance("updated", "text.published", 0);
  }
  auto date_of = [&](std::string_view kind) -> std::optional<std::string> {
    for (const auto& [k, v] : rec.dates)
      if (k == kind)
        return v;
    return std::nullopt;
  };
  if (auto u = date_of("updated"), m = date_of("modified"); u && m && *u != *m) {
    int line = 0;
    for (const record::Provenance& p : rec.provenance)
      if (p.field == "dates.modified")
        line = p.line;
    page.warn("dates-disagree",
              "the page gives both an updated date (" + *u + ") and a modified date (" + *m +
                  "); the later one is used",
              line);
  }

  // ---- contacts and organisation --------------------------------------------------------------
  ContactScan contacts = scan_contacts(body.lines, page);
  rec.contacts = std::move(contacts.contacts);
  const OrganisationRegistry& reg = OrganisationRegistry::builtin();
  if (org_line != nullptr) {
    set_organisation(page, *org_line, "text.organisation_line", org_line_number);
  } else {
    const normalize::Organisation* by_mail = nullptr;
    int mail_line = 0;
    for (const auto& [domain, line] : contacts.mail_domains) {
      if (const auto* o = reg.by_mail_domain(domain); o != nullptr && (by_mail == nullptr || line < mail_line)) {
        by_mail = o;
        mail_line = line;
      }
    }
    const normalize::Organisation* by_host = source_host.empty() ? nullptr : reg.by_host(source_host);
    if (!named_cache.done) {
      named_cache.done = true;
      if (auto found = named_in_text(doc.lines())) {
        named_cache.organisation = found->first;
        named_cache.line = found->second;
      }
    }
    std::optional<std::pair<const normalize::Organisation*, int>> named;
    if (named_cache.organisation != nullptr)
      named = std::pair{named_cache.organisation, named_cache.line};
    // A site that outlived its organisation (keusote.fi after 2022) speaks for the successor when
    // the page names it: the text is newer than the host name.
    bool successor_named = by_host != nullptr && !by_host->ended.empty() && named &&
                           named->first->key == "county-" + by_host->successor_county;
    if (by_mail != nullptr)
      set_organisation(page, *by_mail, "text.mail_domain", mail_line);
    else if (by_host != nullptr && !successor_named)
      set_organisation(page, *by_host, "text.source_host", 0);
    else if (named)
      set_organisation(page, *named->first, "text.named_in_text", named->second);
  }
  if (rec.organisation && contacts.email_pattern)
    rec.organisation->email_pattern = contacts.email_pattern;

  // ---- area -----------------------------------------------------------------------------------
  // A regional page speaks for its organisation's area: the county (or the county that took over).
  if (profile == TextProfile::regional && rec.organisation && rec.organisation->kind) {
    const normalize::RefData& ref = normalize::RefData::builtin();
    const normalize::County* county = nullptr;
    if (rec.organisation->successor && rec.organisation->successor->code)
      county = ref.county_by_code(*rec.organisation->successor->code);
    else if (*rec.organisation->kind == "wellbeing_services_county")
      county = ref.county(rec.organisation->name);
    if (county != nullptr) {
      rec.area.type = "limited";
      rec.area.wellbeing_services_counties.push_back({county->code, county->name_fi});
      page.provenance("area", "text.organisation_area", 0);
    }
  }
  auto lang = rec.lang == "sv" ? normalize::NameLanguage::sv : normalize::NameLanguage::fi;
  for (const normalize::Place& p : mentioned_places(body.lines, page, lang))
    rec.area.mentioned.push_back({p.code, p.name});
  if (!rec.area.mentioned.empty())
    page.provenance("area.mentioned", "text.voikko_place_names", 0);

  if (profile == TextProfile::generic)
    page.warn("profile-generic",
              std::string(forced ? "read with the generic profile as asked"
                                 : "not a suomi.fi, ministry or regional page; read with the generic profile") +
                  ", which extracts the title, language, kind, dates, contacts and text");
  std::vector<SectionLines> sections{std::move(body)};
  page.add_sections(sections);
  page.classify_cost(sections, {});
  page.derive_id();
}

} // namespace svcdesc::parse

namespace svcdesc::parse {

TextProfile detect_text_profile(const document::Document& doc, std::string_view source_host,
                                NamedInText& named_cache) {
  const OrganisationRegistry& reg = OrganisationRegistry::builtin();
  std::string host = text::ascii_lower(source_host);
  if (host.starts_with("www."))
    host.erase(0, 4);
  if (!host.empty()) {
    if (host == "valtioneuvosto.fi" || host.ends_with(".valtioneuvosto.fi"))
      return TextProfile::ministry;
    // A national agency's site (kela.fi, thl.fi) is neither a ministry's nor regional.
    if (const auto* org = reg.by_host(host))
      return org->kind == "ministry"  ? TextProfile::ministry
             : org->kind == "agency" ? TextProfile::generic
                                     : TextProfile::regional;
    if (host.ends_with("hyvinvointialue.fi") || host.ends_with("hva.fi"))
      return TextProfile::regional;
  }
  const std::vector<Line>& lines = doc.lines();
  int top = 0;
  for (const Line& line : lines) {
    if (line.blank())
      continue;
    if (++top <= 40) {
      TopLine t = classify_top_line(line);
      if (t.organisation != nullptr)
        return t.organisation->kind == "ministry" ? TextProfile::ministry : TextProfile::regional;
      std::string folded = text::fold(line.text);
      if (folded.starts_with("julkaisuajankohta") || folded.starts_with("publication date"))
        return TextProfile::ministry;
    }
    for (const auto& e : normalize::find_emails(line.text)) {
      const auto* org = reg.by_mail_domain(e.address.substr(e.address.find('@') + 1));
      if (org != nullptr && org->kind == "ministry")
        return TextProfile::ministry;
    }
  }
  named_cache.done = true;
  auto named = named_in_text(lines);
  if (named) {
    named_cache.organisation = named->first;
    named_cache.line = named->second;
    const std::string& kind = named->first->kind;
    if (kind == "joint_municipal_authority" || kind == "wellbeing_services_county" ||
        kind == "municipality")
      return TextProfile::regional;
    if (kind == "ministry")
      return TextProfile::ministry;
  }
  return TextProfile::generic;
}

} // namespace svcdesc::parse
