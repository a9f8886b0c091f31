// The suomi.fi profile: text renderings of service pages of the national service catalogue.
//
// Such a page is a fixed template: the site name and skip link, the responsible organisation
// ("Vastuuorganisaatio ..."), the title, a list of chips (service type, area summary, funding),
// the description, the sections with fixed headings, and the "Perustiedot" block where each label
// is followed by its value, often with no space between them ("Palvelun kielisuomi"). The labels
// come in Finnish, Swedish and English, and the language of the labels is the language of the
// page. Labels are matched longest first so that "Palvelun toteuttaa" wins over a shorter label
// that is its prefix. Values go through the normalizers; whatever they cannot resolve becomes a
// warning on the record, never a guess.
#include "page.hpp"

#include <svcdesc/normalize/area.hpp>
#include <svcdesc/normalize/date.hpp>
#include <svcdesc/normalize/language.hpp>
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/langid.hpp>
#include <svcdesc/text/utf8.hpp>

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace svcdesc::parse {
namespace {

using document::Document;
using document::Line;

enum class Field { producer, responsible, area, languages, text_by, updated };

struct Label {
  std::string_view text;
  std::string_view lang;
};
struct FieldLabel {
  std::string_view text;
  std::string_view lang;
  Field field;
};
struct Heading {
  std::string_view folded;
  std::string_view lang;
  std::string_view kind; // "basic" is the Perustiedot block
};

constexpr std::array k_skip_links{
    Label{"siirry suoraan sisältöön", "fi"}, Label{"gå direkt till innehållet", "sv"},
    Label{"go directly to contents", "en"},  Label{"go directly to content", "en"},
    Label{"skip to content", "en"},
};

constexpr std::array k_organisation_labels{
    Label{"Vastuuorganisaatio", "fi"},
    Label{"Ansvarig organisation", "sv"},
    Label{"Responsible organisation", "en"},
    Label{"Responsible organization", "en"},
};

constexpr std::array k_headings{
    Heading{"toimi näin", "fi", "instructions"},
    Heading{"kenelle ja millä ehdoin", "fi", "conditions"},
    Heading{"tausta ja lainsäädäntö", "fi", "background"},
    Heading{"maksullisuuden tiedot", "fi", "cost"},
    Heading{"perustiedot", "fi", "basic"},
    Heading{"gör så här", "sv", "instructions"},
    Heading{"så här gör du", "sv", "instructions"},
    Heading{"för vem och på vilka villkor", "sv", "conditions"},
    Heading{"bakgrund och lagstiftning", "sv", "background"},
    Heading{"avgiftsinformation", "sv", "cost"},
    Heading{"grundläggande information", "sv", "basic"},
    Heading{"instructions", "en", "instructions"},
    Heading{"how to proceed", "en", "instructions"},
    Heading{"what to do", "en", "instructions"},
    Heading{"who is it for and on what conditions", "en", "conditions"},
    Heading{"who is it for and under what conditions", "en", "conditions"},
    Heading{"background and legislation", "en", "background"},
    Heading{"information on fees", "en", "cost"},
    Heading{"basic information", "en", "basic"},
};

// Sorted longest first on first use.
std::vector<FieldLabel> field_labels() {
  std::vector<FieldLabel> labels{
      {"Palvelun toteuttaa", "fi", Field::producer},
      {"Palvelusta vastaa", "fi", Field::responsible},
      {"Alue", "fi", Field::area},
      {"Palvelun kielet", "fi", Field::languages},
      {"Palvelun kieli", "fi", Field::languages},
      {"Tekstistä vastaa", "fi", Field::text_by},
      {"Päivitetty", "fi", Field::updated},
      {"Tjänsten produceras av", "sv", Field::producer},
      {"Tjänsten tillhandahålls av", "sv", Field::producer},
      {"Ansvarig för tjänsten", "sv", Field::responsible},
      {"Område", "sv", Field::area},
      {"Tjänstens språk", "sv", Field::languages},
      {"Ansvarig för texten", "sv", Field::text_by},
      {"Uppdaterad", "sv", Field::updated},
      {"Service provided by", "en", Field::producer},
      {"Service producer", "en", Field::producer},
      {"Responsible for the service", "en", Field::responsible},
      {"Area", "en", Field::area},
      {"Service languages", "en", Field::languages},
      {"Service language", "en", Field::languages},
      {"Languages of the service", "en", Field::languages},
      {"Language of the service", "en", Field::languages},
      {"Text by", "en", Field::text_by},
      {"Responsible for the text", "en", Field::text_by},
      {"Updated on", "en", Field::updated},
      {"Updated", "en", Field::updated},
  };
  std::stable_sort(labels.begin(), labels.end(), [](const FieldLabel& a, const FieldLabel& b) {
    return a.text.size() > b.text.size();
  });
  return labels;
}

const Heading* heading_of(const Line& line) {
  if (line.bullet || line.text.size() > 60)
    return nullptr;
  // Folding Latin-1 text keeps its length, so a line (less a final ':' or '.') whose length is no
  // heading's length is no heading; this spares folding most short lines of text.
  static const auto k_lengths = [] {
    std::array<bool, 64> lengths{};
    for (const Heading& h : k_headings)
      lengths[h.folded.size()] = true;
    return lengths;
  }();
  std::string_view bare = line.text;
  while (!bare.empty() && (bare.back() == ':' || bare.back() == '.' || bare.back() == ' '))
    bare.remove_suffix(1);
  bool latin1 = std::all_of(bare.begin(), bare.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80 || c == '\xC3';
  });
  if (latin1 && !k_lengths[bare.size()])
    return nullptr;
  std::string folded = text::fold(line.text);
  for (const Heading& h : k_headings)
    if (folded == h.folded)
      return &h;
  return nullptr;
}

const Label* skip_link_of(const Line& line) {
  if (line.text.size() > 40)
    return nullptr;
  std::string folded = text::fold(line.text);
  for (const Label& l : k_skip_links)
    if (folded == l.text)
      return &l;
  return nullptr;
}

// "Vastuuorganisaatio Kuopion kaupunki" -> the label and "Kuopion kaupunki".
std::optional<std::pair<const Label*, std::string_view>> organisation_line(const Line& line) {
  for (const Label& l : k_organisation_labels) {
    if (text::starts_with_icase(line.text, l.text)) {
      std::string_view value = line.text.substr(l.text.size());
      while (!value.empty() && (value.front() == ':' || value.front() == ' '))
        value.remove_prefix(1);
      return std::pair{&l, text::trim(value)};
    }
  }
  return std::nullopt;
}

bool is_site_name(const Line& line) {
  return line.text.size() == 8 && text::fold(line.text) == "suomi.fi";
}

// The number of non-blank lines the header is looked for in.
constexpr int k_header_lines = 6;

struct BasicValue {
  std::string value;
  int line = 0;
};

normalize::NameLanguage name_language(std::string_view lang) {
  if (lang == "sv")
    return normalize::NameLanguage::sv;
  if (lang == "en")
    return normalize::NameLanguage::en;
  return normalize::NameLanguage::fi;
}

std::vector<record::CodedName> coded(const std::vector<normalize::Place>& places) {
  std::vector<record::CodedName> out;
  for (const normalize::Place& p : places)
    out.push_back({p.code, p.name});
  return out;
}

} // namespace

bool looks_like_suomifi(const Document& doc) {
  bool site = false;
  bool header = false;
  int seen = 0;
  for (const Line& line : doc.lines()) {
    if (line.blank())
      continue;
    if (++seen > k_header_lines)
      break;
    site = site || skip_link_of(line) != nullptr || is_site_name(line);
    header = header || organisation_line(line).has_value();
  }
  // The responsible-organisation label is suomi.fi's own; the skip link alone is not enough.
  if (header)
    return true;
  if (!site)
    return false;
  return std::any_of(doc.lines().begin(), doc.lines().end(), [](const Line& line) {
    const Heading* h = heading_of(line);
    return h != nullptr && h->kind == "basic";
  });
}

void parse_suomifi(const Document& doc, PageBuilder& page) {
  record::Record& rec = page.record();
  rec.kind = "service";
  page.provenance("kind", "suomifi.profile", 0);
  const std::vector<Line>& lines = doc.lines();

  // ---- header: site name, skip link, responsible organisation --------------------------------
  std::string_view label_lang;
  int label_line = 0;
  size_t i = doc.next_nonblank(0);
  size_t title_from = i;
  for (int seen = 0; i < lines.size() && seen < k_header_lines; i = doc.next_nonblank(i + 1), ++seen) {
    const Line& line = lines[i];
    if (is_site_name(line)) {
      title_from = i + 1;
    } else if (const Label* skip = skip_link_of(line)) {
      label_lang = skip->lang;
      label_line = line.number;
      title_from = i + 1;
    } else if (auto org = organisation_line(line)) {
      label_lang = org->first->lang;
      label_line = line.number;
      title_from = i + 1;
      if (!org->second.empty()) {
        record::Organisation o;
        o.name = text::collapse_spaces(org->second);
        rec.organisation = std::move(o);
        page.provenance("organisation", "suomifi.header.organisation", line.number);
      }
      break;
    }
  }

  // ---- title and chips ------------------------------------------------------------------------
  i = doc.next_nonblank(title_from);
  if (i < lines.size() && !lines[i].bullet && heading_of(lines[i]) == nullptr) {
    rec.title = text::collapse_spaces(lines[i].text);
    page.provenance("title", "suomifi.title", lines[i].number);
    ++i;
  } else {
    page.warn("title-missing", "no title line after the responsible organisation",
              i < lines.size() ? lines[i].number : 0);
  }

  const normalize::RefData& ref = normalize::RefData::builtin();
  std::vector<const Line*> unknown_chips;
  normalize::Places chip_places;
  int chip_area_line = 0;
  for (i = doc.next_nonblank(i); i < lines.size() && lines[i].bullet; i = doc.next_nonblank(i + 1)) {
    const Line& chip = lines[i];
    if (const auto* type = ref.ptv_code("ServiceType", chip.text)) {
      rec.service_type = type->code == "Service"                   ? "service"
                         : type->code == "PermissionAndObligation" ? "permit_or_obligation"
                                                                   : "professional_qualification";
      page.provenance("service_type", "suomifi.chip.service_type", chip.number);
    } else if (const auto* funding = ref.ptv_code("ServiceFundingType", chip.text)) {
      rec.funding = funding->code == "PubliclyFunded" ? "public" : "private";
      page.provenance("funding", "suomifi.chip.funding", chip.number);
    } else if (auto count = normalize::parse_municipality_count(chip.text)) {
      rec.area.stated_count = *count;
      page.provenance("area.stated_count", "suomifi.chip.area_count", chip.number);
    } else {
      normalize::Places places = normalize::resolve_places(chip.text, name_language(label_lang));
      if (places.unmatched.empty()) {
        normalize::merge_places(chip_places, places);
        chip_area_line = chip.number;
      } else {
        unknown_chips.push_back(&chip);
      }
    }
  }

  // ---- sections up to the basic-information block ---------------------------------------------
  std::vector<SectionLines> sections;
  sections.push_back({"description", "", 0, {}});
  std::string_view heading_lang;
  size_t basic_start = lines.size();
  for (; i < lines.size(); ++i) {
    const Heading* h = heading_of(lines[i]);
    if (h == nullptr) {
      sections.back().lines.push_back(lines[i]);
      continue;
    }
    if (heading_lang.empty())
      heading_lang = h->lang;
    if (h->kind == "basic") {
      basic_start = i + 1;
      break;
    }
    sections.push_back({std::string(h->kind), text::collapse_spaces(lines[i].text), lines[i].number, {}});
  }

  // ---- basic information ("Perustiedot") ------------------------------------------------------
  static const std::vector<FieldLabel> k_labels = field_labels();
  std::array<std::optional<BasicValue>, 6> basic;
  SectionLines leftover{"basic_info", "", 0, {}};
  for (i = basic_start; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.blank())
      continue;
    const FieldLabel* label = nullptr;
    for (const FieldLabel& l : k_labels) {
      if (text::starts_with_icase(line.text, l.text)) {
        label = &l;
        break;
      }
    }
    if (label == nullptr) {
      leftover.lines.push_back(line);
      continue;
    }
    std::string_view value = line.text.substr(label->text.size());
    while (!value.empty() && (value.front() == ':' || value.front() == ' '))
      value.remove_prefix(1);
    int value_line = line.number;
    if (value.empty()) {
      // The value on the next line.
      size_t next = doc.next_nonblank(i + 1);
      if (next < lines.size()) {
        value = lines[next].text;
        value_line = lines[next].number;
        i = next;
      }
    }
    if (label_lang.empty())
      label_lang = label->lang;
    auto& slot = basic[static_cast<size_t>(label->field)];
    if (!slot)
      slot = BasicValue{text::collapse_spaces(value), value_line};
  }
  if (!leftover.lines.empty())
    sections.push_back(std::move(leftover));

  // ---- language of the page -------------------------------------------------------------------
  if (label_lang.empty())
    label_lang = heading_lang;
  if (!label_lang.empty()) {
    rec.lang = std::string(label_lang);
    page.provenance("lang", "suomifi.labels", label_line);
  } else if (std::string_view detected = text::detect_language(doc.text()); !detected.empty()) {
    rec.lang = std::string(detected);
    page.provenance("lang", "lang.detect", 0);
  } else {
    rec.lang = "und";
    page.warn("lang-unknown", "the language of the page could not be determined");
  }

  // ---- organisation ---------------------------------------------------------------------------
  auto field = [&](Field f) -> const std::optional<BasicValue>& {
    return basic[static_cast<size_t>(f)];
  };
  if (!rec.organisation) {
    for (Field f : {Field::responsible, Field::text_by}) {
      if (field(f) && !field(f)->value.empty()) {
        record::Organisation org;
        org.name = field(f)->value;
        rec.organisation = std::move(org);
        page.provenance("organisation", f == Field::responsible ? "suomifi.basic.responsible"
                                                                : "suomifi.basic.text_by",
                        field(f)->line);
        break;
      }
    }
  }
  if (rec.organisation) {
    record::Organisation& org = *rec.organisation;
    org.kind = organisation_kind(org.name);
    int named_on = 0;
    for (const record::Provenance& p : rec.provenance)
      if (p.field == "organisation")
        named_on = p.line;
    page.annotate_defunct(named_on);
    if (field(Field::producer) && !field(Field::producer)->value.empty()) {
      org.producers.push_back({field(Field::producer)->value, {}});
      page.provenance("organisation.producers", "suomifi.basic.producer", field(Field::producer)->line);
    }
    if (field(Field::responsible) &&
        text::fold(field(Field::responsible)->value) != text::fold(org.name)) {
      org.other_responsible.push_back({field(Field::responsible)->value, {}});
      page.provenance("organisation.other_responsible", "suomifi.basic.responsible",
                      field(Field::responsible)->line);
    }
  } else {
    page.warn("organisation-missing", "the page names no responsible organisation");
  }

  // ---- area -----------------------------------------------------------------------------------
  normalize::Places places;
  int area_line = 0;
  if (field(Field::area)) {
    places = normalize::resolve_places(field(Field::area)->value, name_language(rec.lang));
    area_line = field(Field::area)->line;
    page.notes(places.notes, area_line);
    page.provenance("area", "suomifi.basic.area", area_line);
    for (const Line* chip : unknown_chips)
      page.warn("chip-unknown", fmt::format("chip \"{}\" is not a service type, funding type or area", chip->text),
                chip->number);
  } else {
    for (const Line* chip : unknown_chips) {
      normalize::Places more = normalize::resolve_places(chip->text, name_language(rec.lang));
      page.notes(more.notes, chip->number);
      normalize::merge_places(chip_places, more);
      chip_area_line = chip->number;
    }
    if (chip_area_line > 0)
      page.provenance("area", "suomifi.chip.area", chip_area_line);
  }
  normalize::merge_places(places, chip_places);
  rec.area.municipalities = coded(places.municipalities);
  rec.area.regions = coded(places.regions);
  rec.area.wellbeing_services_counties = coded(places.counties);
  rec.area.unmatched = places.unmatched;
  if (places.nationwide_except_aland)
    rec.area.type = "nationwide_except_aland";
  else if (places.nationwide)
    rec.area.type = "nationwide";
  else if (!places.municipalities.empty() || !places.regions.empty() || !places.counties.empty() ||
           !places.unmatched.empty() || rec.area.stated_count)
    rec.area.type = "limited"; // "7 kuntaa" alone still says the area is limited
  if (rec.area.stated_count && area_line > 0 &&
      static_cast<size_t>(*rec.area.stated_count) !=
          rec.area.municipalities.size() + rec.area.unmatched.size()) {
    page.warn("area-count-mismatch",
              fmt::format("the page states {} municipalities but lists {}", *rec.area.stated_count,
                          rec.area.municipalities.size() + rec.area.unmatched.size()),
              area_line);
  }

  // ---- languages, updated ---------------------------------------------------------------------
  if (field(Field::languages)) {
    normalize::Languages langs = normalize::resolve_languages(field(Field::languages)->value);
    rec.languages = langs.codes;
    page.notes(langs.notes, field(Field::languages)->line);
    page.provenance("languages", "suomifi.basic.languages", field(Field::languages)->line);
  }
  if (field(Field::updated)) {
    const BasicValue& v = *field(Field::updated);
    if (auto date = normalize::parse_date(v.value)) {
      rec.updated = date->iso();
      rec.dates.emplace_back("updated", date->iso());
      page.provenance("updated", "suomifi.basic.updated", v.line);
    } else {
      page.warn("date-unparsed", fmt::format("\"{}\" is not a date", v.value), v.line);
    }
  }

  page.add_sections(sections);
  page.classify_cost(sections, {"conditions", "cost"});
  page.derive_id();
}

} // namespace svcdesc::parse
