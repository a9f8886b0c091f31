#pragma once

// What the profiles share: the record under construction with its provenance and warnings, and
// the steps every profile finishes with (cost, id).

#include <svcdesc/document/document.hpp>
#include <svcdesc/normalize/note.hpp>
#include <svcdesc/record/record.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::normalize {
struct Organisation;
}

namespace svcdesc::parse {

// A section while it is being collected: its lines keep their numbers for provenance.
struct SectionLines {
  std::string kind;
  std::string heading;
  int heading_line = 0;
  std::vector<document::Line> lines;
};

class PageBuilder {
public:
  explicit PageBuilder(record::Record& record) : m_record(record) {}

  record::Record& record() { return m_record; }

  // Records (or replaces) the provenance of `field`.
  void provenance(std::string_view field, std::string_view rule, int line);
  void warn(std::string_view code, std::string message, int line = 0);
  void notes(const std::vector<normalize::Note>& notes, int line);

  // Appends the collected sections to the record as plain text: the lines of a paragraph joined
  // by a newline, paragraphs by a blank line, list items prefixed with "• ".
  void add_sections(const std::vector<SectionLines>& sections);

  // Decides `cost` from the sections: first those of the given condition kinds, then the rest; a
  // free and a charged signal in the deciding part make `mixed`. The evidence is the sentence (or
  // the two sentences) that decided it.
  void classify_cost(const std::vector<SectionLines>& sections,
                     const std::vector<std::string_view>& condition_kinds);

  // Sets `id` from the title and the responsible organisation (UUIDv5, see record.schema.json).
  void derive_id();
  // For an organisation of the registry that no longer exists: its successor in the record and an
  // organisation-defunct warning (auditors need exactly that). `line` is where it was named.
  void annotate_defunct(int line);
  // Sets `id` from the page's URL: the GUID at the end of a suomi.fi service URL, else a UUIDv5 in
  // the URL namespace of the URL without its fragment.
  void derive_id_from_url(std::string_view url);

private:
  record::Record& m_record;
};

// The profiles. Each fills `record` from `doc`.
void parse_suomifi(const document::Document& doc, PageBuilder& page);

enum class TextProfile { ministry, regional, generic };

// The registry organisation a page's text names most often, worked out once per page: profile
// detection needs it, and so may the profile.
struct NamedInText {
  bool done = false;
  const normalize::Organisation* organisation = nullptr;
  int line = 0;
};
// Ministry, regional and generic pages (profile_text.cpp). `forced` says the user chose the
// profile; `source_host` is the host of the page's URL when known ("stm.fi").
void parse_text_page(const document::Document& doc, PageBuilder& page, TextProfile profile,
                     bool forced, std::string_view source_host, NamedInText& named);
// Which text profile fits a page that is not a suomi.fi page: by the URL's host when known, then
// by what the text says (a ministry's name or mail domain, a regional organisation named in it).
TextProfile detect_text_profile(const document::Document& doc, std::string_view source_host,
                                NamedInText& named);

// True if the page looks like a suomi.fi service page rendering.
bool looks_like_suomifi(const document::Document& doc);

// The labelled dates of a line ("Päivitetty: 6.2.2020", "Muokattu 2.2.2021/ Päivitetty
// 19.2.2019") as (kind, date) pairs, kind being updated, modified or published.
std::vector<std::pair<std::string, std::string>> labelled_dates(std::string_view line);

// Heuristic kind of an organisation from its name: municipality, joint_municipal_authority,
// wellbeing_services_county, ministry, or nullopt.
std::optional<std::string> organisation_kind(std::string_view name);

} // namespace svcdesc::parse
