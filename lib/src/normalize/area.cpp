#include <svcdesc/normalize/area.hpp>
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/utf8.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>

namespace svcdesc::normalize {
namespace {

template <typename T> const std::string& name_in(const T& item, NameLanguage lang) {
  switch (lang) {
  case NameLanguage::sv:
    return item.name_sv.empty() ? item.name_fi : item.name_sv;
  case NameLanguage::en:
    return item.name_en.empty() ? item.name_fi : item.name_en;
  case NameLanguage::fi:
    break;
  }
  return item.name_fi;
}

void add_unique(std::vector<Place>& list, Place place) {
  if (std::find(list.begin(), list.end(), place) == list.end())
    list.push_back(std::move(place));
}

bool is_nationwide_except_aland(std::string_view folded) {
  return folded == "koko maa paitsi ahvenanmaa" || folded == "koko maa paitsi ei ahvenanmaa" ||
         folded == "koko suomi paitsi ahvenanmaa" || folded == "hela landet utom åland" ||
         folded == "nationwide except the åland islands" || folded == "nationwide except åland";
}

bool is_nationwide(std::string_view folded) {
  return folded == "koko maa" || folded == "koko suomi" || folded == "hela landet" ||
         folded == "nationwide" || folded == "whole country" || folded == "valtakunnallinen";
}

// Resolves one name; false when it matches nothing.
bool resolve_one(std::string_view name, NameLanguage lang, Places& out) {
  const RefData& ref = RefData::builtin();
  std::string folded = text::fold(name);
  if (is_nationwide_except_aland(folded)) {
    out.nationwide_except_aland = true;
    return true;
  }
  if (is_nationwide(folded)) {
    out.nationwide = true;
    return true;
  }
  if (const Municipality* m = ref.municipality(name)) {
    add_unique(out.municipalities, {m->code, name_in(*m, lang)});
    return true;
  }
  if (const Region* r = ref.region(name)) {
    add_unique(out.regions, {r->code, name_in(*r, lang)});
    return true;
  }
  if (const County* c = ref.county(name)) {
    add_unique(out.counties, {c->code, name_in(*c, lang)});
    return true;
  }
  if (const FormerMunicipality* f = ref.former_municipality(name)) {
    const Municipality& now = *f->successor;
    add_unique(out.municipalities, {now.code, name_in(now, lang)});
    out.notes.push_back(
        {"area-former-municipality",
         fmt::format("\"{}\" is a former municipality{}; mapped to {} ({})", text::trim(name),
                     f->year > 0 ? fmt::format(" (merged {})", f->year) : std::string(),
                     name_in(now, lang), now.code)});
    return true;
  }
  return false;
}

// Splits on the conjunctions that join the last items of a list.
std::vector<std::string_view> split_conjunctions(std::string_view s) {
  std::vector<std::string_view> parts;
  static constexpr std::array<std::string_view, 5> k_words{" ja ", " och ", " and ", " sekä ", " & "};
  while (true) {
    std::string lower = text::ascii_lower(s);
    size_t best = std::string_view::npos;
    size_t best_len = 0;
    for (std::string_view w : k_words) {
      size_t at = lower.find(w);
      if (at < best) {
        best = at;
        best_len = w.size();
      }
    }
    if (best == std::string_view::npos)
      break;
    if (auto piece = text::trim(s.substr(0, best)); !piece.empty())
      parts.push_back(piece);
    s = s.substr(best + best_len);
  }
  if (auto piece = text::trim(s); !piece.empty())
    parts.push_back(piece);
  return parts;
}

} // namespace

Places resolve_places(std::string_view list, NameLanguage lang) {
  Places out;
  std::string normalized(list);
  std::replace_if(normalized.begin(), normalized.end(),
                  [](char c) { return c == ';' || c == '\n' || c == '/'; }, ',');
  for (std::string_view piece : text::split_trimmed(normalized, ',')) {
    // A whole piece first: "Vantaan ja Keravan hyvinvointialue" contains a conjunction.
    if (resolve_one(piece, lang, out))
      continue;
    for (std::string_view part : split_conjunctions(piece)) {
      if (resolve_one(part, lang, out))
        continue;
      std::string kept = text::collapse_spaces(part);
      while (!kept.empty() && (kept.back() == '.' || kept.back() == ':'))
        kept.pop_back();
      if (std::find(out.unmatched.begin(), out.unmatched.end(), kept) != out.unmatched.end())
        continue;
      out.notes.push_back({"area-unknown-name",
                           fmt::format("\"{}\" is not a known municipality, region or wellbeing "
                                       "services county; kept as written",
                                       kept)});
      out.unmatched.push_back(std::move(kept));
    }
  }
  return out;
}

void merge_places(Places& into, const Places& more) {
  into.nationwide = into.nationwide || more.nationwide;
  into.nationwide_except_aland = into.nationwide_except_aland || more.nationwide_except_aland;
  for (const Place& p : more.municipalities)
    add_unique(into.municipalities, p);
  for (const Place& p : more.regions)
    add_unique(into.regions, p);
  for (const Place& p : more.counties)
    add_unique(into.counties, p);
  for (const std::string& u : more.unmatched)
    if (std::find(into.unmatched.begin(), into.unmatched.end(), u) == into.unmatched.end())
      into.unmatched.push_back(u);
  into.notes.insert(into.notes.end(), more.notes.begin(), more.notes.end());
}

std::optional<int> parse_municipality_count(std::string_view s) {
  s = text::trim(s);
  int n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || n <= 0)
    return std::nullopt;
  std::string word = text::fold(s.substr(static_cast<size_t>(end - s.data())));
  static constexpr std::array<std::string_view, 6> k_words{
      "kunta", "kuntaa", "kommun", "kommuner", "municipality", "municipalities"};
  if (std::find(k_words.begin(), k_words.end(), word) == k_words.end())
    return std::nullopt;
  return n;
}

} // namespace svcdesc::normalize
