#include "page.hpp"

#include <svcdesc/core/hash.hpp>
#include <svcdesc/normalize/cost.hpp>
#include <svcdesc/normalize/date.hpp>
#include <svcdesc/normalize/organisation.hpp>
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/sentences.hpp>
#include <svcdesc/text/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace svcdesc::parse {
namespace {

// The namespace of ids made from title and organisation: uuid_v5(URL namespace,
// "urn:svcdesc:title-organisation").
constexpr std::string_view k_title_namespace = "dedcd66d-406d-53dd-b4c1-23aef326adc3";

struct DateLabel {
  std::string_view label;
  std::string_view kind;
};

// Longest first where one label starts another ("Julkaisuajankohta" before "Julkaistu" does not
// matter, but "Publication date" before "Published" keeps the scan simple).
constexpr std::array k_date_labels{
    DateLabel{"julkaisuajankohta", "published"}, DateLabel{"publication date", "published"},
    DateLabel{"published in english on", "published"},
    DateLabel{"senast uppdaterad", "updated"},   DateLabel{"viimeksi päivitetty", "updated"},
    DateLabel{"päivitetty", "updated"},          DateLabel{"uppdaterad", "updated"},
    DateLabel{"tiedote", "published"},           DateLabel{"pressmeddelande", "published"},
    DateLabel{"updated on", "updated"},          DateLabel{"updated", "updated"},
    DateLabel{"last updated", "updated"},        DateLabel{"muokattu", "modified"},
    DateLabel{"ändrad", "modified"},             DateLabel{"modified", "modified"},
    DateLabel{"julkaistu", "published"},         DateLabel{"publicerad", "published"},
    DateLabel{"published", "published"},
};

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }

} // namespace

void PageBuilder::provenance(std::string_view field, std::string_view rule, int line) {
  auto& list = m_record.provenance;
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const record::Provenance& p) { return p.field == field; });
  if (it != list.end())
    *it = {std::string(field), std::string(rule), line};
  else
    list.push_back({std::string(field), std::string(rule), line});
}

void PageBuilder::warn(std::string_view code, std::string message, int line) {
  m_record.warnings.push_back({std::string(code), std::move(message), line});
}

void PageBuilder::notes(const std::vector<normalize::Note>& notes, int line) {
  for (const normalize::Note& n : notes)
    warn(n.code, n.message, line);
}

void PageBuilder::add_sections(const std::vector<SectionLines>& sections) {
  for (const SectionLines& s : sections) {
    std::string text;
    bool previous_blank = true;
    for (const document::Line& line : s.lines) {
      if (line.blank()) {
        previous_blank = true;
        continue;
      }
      if (!text.empty())
        text += previous_blank ? "\n\n" : "\n";
      if (line.bullet)
        text += "• ";
      text += line.text;
      previous_blank = false;
    }
    if (text.empty() && s.heading.empty())
      continue;
    auto first = std::find_if(s.lines.begin(), s.lines.end(),
                              [](const document::Line& l) { return !l.blank(); });
    int line = s.heading_line > 0 ? s.heading_line : first != s.lines.end() ? first->number : 0;
    // The first section of a kind is the one provenance points at.
    bool seen = std::any_of(m_record.sections.begin(), m_record.sections.end(),
                            [&](const record::Section& x) { return x.kind == s.kind; });
    if (!seen)
      provenance("sections." + s.kind, s.heading_line > 0 ? "section.heading" : "section.position", line);
    m_record.sections.push_back({s.kind, s.heading, std::move(text)});
  }
}

void PageBuilder::classify_cost(const std::vector<SectionLines>& sections,
                                const std::vector<std::string_view>& condition_kinds) {
  struct Evidence {
    std::string sentence;
    int line = 0;
  };
  auto scan = [&](bool conditions) {
    std::optional<Evidence> free;
    std::optional<Evidence> charged;
    for (const SectionLines& s : sections) {
      bool is_condition = std::find(condition_kinds.begin(), condition_kinds.end(), s.kind) !=
                          condition_kinds.end();
      if (is_condition != conditions)
        continue;
      for (const document::Line& line : s.lines) {
        if (!normalize::may_mention_cost(line.text))
          continue;
        for (std::string_view sentence : text::split_sentences(line.text)) {
          if (free && charged)
            break;
          normalize::CostSignal sig = normalize::classify_cost(sentence);
          if (sig.free && !free)
            free = Evidence{std::string(sentence), line.number};
          if (sig.charged && !charged)
            charged = Evidence{std::string(sentence), line.number};
        }
      }
    }
    return std::pair{free, charged};
  };
  for (bool conditions : {true, false}) {
    auto [free, charged] = scan(conditions);
    if (!free && !charged)
      continue;
    std::string_view rule = conditions ? "cost.conditions" : "cost.body";
    record::Cost& cost = m_record.cost;
    if (free && charged) {
      cost.type = "mixed";
      const Evidence& first = free->line <= charged->line ? *free : *charged;
      const Evidence& second = free->line <= charged->line ? *charged : *free;
      cost.evidence = first.sentence == second.sentence ? first.sentence
                                                        : first.sentence + " " + second.sentence;
      provenance("cost", rule, first.line);
    } else {
      const Evidence& e = free ? *free : *charged;
      cost.type = free ? "free" : "charged";
      cost.evidence = e.sentence;
      provenance("cost", rule, e.line);
    }
    return;
  }
}

void PageBuilder::derive_id() {
  std::string name = text::casefold(m_record.title);
  name += '\n';
  if (m_record.organisation)
    name += text::casefold(m_record.organisation->name);
  m_record.id = core::uuid_v5(k_title_namespace, name);
  provenance("id", "id.title_organisation", 0);
}

void PageBuilder::annotate_defunct(int line) {
  if (!m_record.organisation || m_record.organisation->successor)
    return;
  const auto* org = normalize::OrganisationRegistry::builtin().by_name(m_record.organisation->name);
  if (org == nullptr || org->ended.empty())
    return;
  const normalize::County* county =
      normalize::RefData::builtin().county_by_code(org->successor_county);
  record::Successor s;
  s.name = county != nullptr ? county->name_fi : org->successor_county;
  if (county != nullptr)
    s.code = county->code;
  if (auto ended = normalize::parse_iso_date(org->ended))
    s.since = normalize::date_from_days(normalize::days_from_date(*ended) + 1).iso();
  warn("organisation-defunct",
       fmt::format("{} ended on {}; {} took over its services", m_record.organisation->name,
                   org->ended, s.name),
       line);
  m_record.organisation->successor = std::move(s);
  if (!m_record.organisation->kind)
    m_record.organisation->kind = org->kind;
}

void PageBuilder::derive_id_from_url(std::string_view url) {
  std::string_view u = url.substr(0, url.find('#'));
  // https://www.suomi.fi/palvelut/<slug>/<name>/<GUID>: the PTV service id.
  std::string lower = text::ascii_lower(u);
  if (lower.find("suomi.fi/") != std::string::npos) {
    std::string_view path = u.substr(0, u.find('?'));
    while (!path.empty() && path.back() == '/')
      path.remove_suffix(1);
    std::string last = text::ascii_lower(path.substr(path.rfind('/') + 1));
    bool guid = last.size() == 36 && std::all_of(last.begin(), last.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-';
    }) && last[8] == '-' && last[13] == '-' && last[18] == '-' && last[23] == '-';
    if (guid) {
      m_record.id = last;
      provenance("id", "id.suomifi_guid", 0);
      return;
    }
  }
  m_record.id = core::uuid_v5(core::k_uuid_namespace_url, u);
  provenance("id", "id.source_url", 0);
}

std::vector<std::pair<std::string, std::string>> labelled_dates(std::string_view line) {
  std::vector<std::pair<std::string, std::string>> out;
  // Every labelled date has a digit and one of these pieces of a label; most lines have neither.
  if (line.find_first_of("0123456789") == std::string_view::npos)
    return out;
  std::string lower = text::ascii_lower(line);
  static constexpr std::array<std::string_view, 10> k_pieces{
      "julkais", "ivitet", "uppdater", "updated", "muokat", "ndrad", "modified", "publi", "tiedote", "pressmed"};
  if (std::none_of(k_pieces.begin(), k_pieces.end(),
                   [&](std::string_view p) { return lower.find(p) != std::string::npos; }))
    return out;
  std::string folded = text::fold(line);
  size_t i = 0;
  while (i < folded.size()) {
    bool matched = false;
    // A label starts a word.
    if (i == 0 || !is_letter(folded[i - 1])) {
      for (const DateLabel& dl : k_date_labels) {
        if (folded.compare(i, dl.label.size(), dl.label) != 0)
          continue;
        size_t at = i + dl.label.size();
        while (at < folded.size() && (folded[at] == ' ' || folded[at] == ':'))
          ++at;
        if (auto match = normalize::parse_date_prefix(std::string_view(folded).substr(at))) {
          out.emplace_back(std::string(dl.kind), match->date.iso());
          i = at + match->length;
          matched = true;
        }
        break;
      }
    }
    if (!matched)
      ++i;
  }
  return out;
}

std::optional<std::string> organisation_kind(std::string_view name) {
  std::string folded = text::fold(name);
  auto has = [&](std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return folded.find(w) != std::string::npos; });
  };
  if (has({"kuntayhtymä", "samkommun", "joint municipal authority"}))
    return "joint_municipal_authority";
  if (has({"hyvinvointialue", "välfärdsområde", "wellbeing services county"}))
    return "wellbeing_services_county";
  if (has({"ministeriö", "ministeriet", "ministry of"}))
    return "ministry";
  if (folded.ends_with(" kaupunki") || folded.ends_with(" kunta") || folded.ends_with(" stad") ||
      folded.ends_with(" kommun") || folded.starts_with("city of ") ||
      folded.starts_with("municipality of "))
    return "municipality";
  return std::nullopt;
}

} // namespace svcdesc::parse
