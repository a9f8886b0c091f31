// The organisation registry and the Finnish case forms of its names.
//
// Pages name organisations in running text, inflected ("Kymsotesta", "STM:n", "Siun soten"), and
// brands such as Kymsote are not in any dictionary. So each name and brand is inflected here into
// its Finnish case forms once, and text is matched against those forms by exact look-up. Place
// names and ordinary words go through libvoikko instead (text/morphology.hpp); this table is for
// the names Voikko does not know.
#include <svcdesc/normalize/organisation.hpp>
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/utf8.hpp>

#include "embedded_data.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace svcdesc::normalize {
namespace {

std::vector<std::string> split_bar(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view part : text::split_trimmed(s, '|'))
    out.emplace_back(part);
  return out;
}

std::vector<std::string_view> csv_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                        : comma - start));
    if (comma == std::string_view::npos)
      return fields;
    start = comma + 1;
  }
}

bool back_vowels(std::string_view word) {
  std::string lower = text::ascii_lower(word);
  return lower.find_first_of("aou") != std::string::npos;
}

bool is_acronym(std::string_view word) {
  return word.size() >= 2 && word.size() <= 7 &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'A' ||
         c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
}

} // namespace

std::vector<std::string> finnish_case_forms(std::string_view name) {
  std::vector<std::string> out;
  size_t space = name.rfind(' ');
  std::string prefix(space == std::string_view::npos ? "" : name.substr(0, space + 1));
  std::string word(space == std::string_view::npos ? name : name.substr(space + 1));
  if (word.empty())
    return out;
  auto add = [&](std::string_view stem, std::initializer_list<std::string_view> endings) {
    for (std::string_view e : endings)
      out.push_back(prefix + std::string(stem) + std::string(e));
  };
  if (is_acronym(word)) {
    // Both vowel harmonies: the ending follows how the letters are pronounced.
    add(word, {":n", ":a", ":ä", ":ssa", ":ssä", ":sta", ":stä", ":lla", ":llä", ":lta", ":ltä",
               ":lle", ":ksi", ":na", ":nä", ":aan", ":ään", ":iin", ":hin", ":een"});
    return out;
  }
  bool back = back_vowels(word);
  auto h = [&](std::string_view a_form, std::string_view ae_form) { return back ? a_form : ae_form; };
  std::string lower = text::ascii_lower(word);
  if (lower.ends_with("nen") && word.size() > 4) {
    // Kaksineuvoinen -> Kaksineuvoise-n, Kaksineuvois-ta, ...
    std::string stem = word.substr(0, word.size() - 3);
    add(stem + "se", {"n", h("ssa", "ssä"), h("sta", "stä"), h("lla", "llä"), h("lta", "ltä"), "lle",
                      "ksi", h("na", "nä"), "en"});
    add(stem + "s", {h("ta", "tä")});
    return out;
  }
  if (is_vowel(word.back())) {
    std::string illative = word + word.back() + "n";
    add(word, {"n", h("a", "ä"), h("ssa", "ssä"), h("sta", "stä"), h("lla", "llä"), h("lta", "ltä"),
               "lle", "ksi", h("na", "nä")});
    out.push_back(prefix + illative);
    return out;
  }
  // A consonant at the end takes a linking i: Traficom -> Traficomin, Traficomissa.
  add(word + "i", {"n", h("a", "ä"), h("ssa", "ssä"), h("sta", "stä"), h("lla", "llä"), h("lta", "ltä"),
                   "lle", "ksi", h("na", "nä"), "in"});
  return out;
}

struct OrganisationRegistry::Index {
  std::unordered_map<std::string, size_t> names;     // folded name or brand
  std::unordered_map<std::string, size_t> inflected; // folded case form
  std::unordered_map<std::string, size_t> mail;
  std::unordered_map<std::string, size_t> web;
  std::unordered_set<std::string> two_word_starts; // folded first words of two-word names
};

OrganisationRegistry::OrganisationRegistry() {
  bool header = true;
  for (std::string_view line : text::split_trimmed(embedded::organisations_csv, '\n')) {
    if (header) {
      header = false;
      continue;
    }
    auto f = csv_fields(line);
    if (f.size() != 10)
      throw std::logic_error("malformed row in organisations.csv: " + std::string(line));
    m_all.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]),
                     std::string(f[4]), split_bar(f[5]), split_bar(f[6]), split_bar(f[7]),
                     std::string(f[8]), std::string(f[9])});
  }
  for (const County& c : RefData::builtin().counties()) {
    if (c.code == "90" || c.code == "91")
      continue; // the City of Helsinki is a row of its own; Åland is not a county of the reform
    m_all.push_back({"county-" + c.code, "wellbeing_services_county", c.name_fi, c.name_sv,
                     c.name_en, {}, {}, {}, "", ""});
  }
  auto index = std::make_shared<Index>();
  for (size_t i = 0; i < m_all.size(); ++i) {
    const Organisation& o = m_all[i];
    std::vector<std::string> names{o.name_fi, o.name_sv, o.name_en};
    names.insert(names.end(), o.brands.begin(), o.brands.end());
    for (const std::string& n : names) {
      if (n.empty())
        continue;
      index->names.emplace(text::fold(n), i);
      std::string folded = text::fold(n);
      if (size_t space = folded.find(' ');
          space != std::string::npos && folded.find(' ', space + 1) == std::string::npos)
        index->two_word_starts.insert(folded.substr(0, space));
      for (const std::string& form : finnish_case_forms(n))
        index->inflected.emplace(text::fold(form), i);
    }
    for (const std::string& d : o.mail_domains)
      index->mail.emplace(text::ascii_lower(d), i);
    for (const std::string& d : o.web_domains)
      index->web.emplace(text::ascii_lower(d), i);
  }
  m_index = std::move(index);
}

const OrganisationRegistry& OrganisationRegistry::builtin() {
  static const OrganisationRegistry instance;
  return instance;
}

const Organisation* OrganisationRegistry::by_name(std::string_view name) const {
  auto it = m_index->names.find(text::fold(name));
  return it == m_index->names.end() ? nullptr : &m_all[it->second];
}

const Organisation* OrganisationRegistry::by_mail_domain(std::string_view domain) const {
  std::string d = text::ascii_lower(domain);
  // A subdomain of a listed domain counts: "stm.fi" for "x@ext.stm.fi" is not used in practice,
  // but "sote.kainuu.fi" must not match "kainuu.fi", so only exact domains are looked up.
  auto it = m_index->mail.find(d);
  return it == m_index->mail.end() ? nullptr : &m_all[it->second];
}

const Organisation* OrganisationRegistry::by_host(std::string_view host) const {
  std::string h = text::ascii_lower(host);
  if (h.starts_with("www."))
    h.erase(0, 4);
  auto it = m_index->web.find(h);
  return it == m_index->web.end() ? nullptr : &m_all[it->second];
}

const Organisation* OrganisationRegistry::by_inflected(std::string_view text) const {
  std::string key = text::fold(text);
  if (auto it = m_index->names.find(key); it != m_index->names.end())
    return &m_all[it->second];
  auto it = m_index->inflected.find(key);
  return it == m_index->inflected.end() ? nullptr : &m_all[it->second];
}

bool OrganisationRegistry::starts_two_word_name(std::string_view word) const {
  return m_index->two_word_starts.count(text::fold(word)) > 0;
}

const Organisation* OrganisationRegistry::by_key(std::string_view key) const {
  for (const Organisation& o : m_all)
    if (o.key == key)
      return &o;
  return nullptr;
}

} // namespace svcdesc::normalize
