#pragma once

#include <svcdesc/normalize/note.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::normalize {

struct Place {
  std::string code;
  std::string name;
  auto operator<=>(const Place&) const = default;
};

// Official names are written in the language of the page: Espoo on a Finnish page, Esbo on a
// Swedish one; the code is the same.
enum class NameLanguage { fi, sv, en };

struct Places {
  bool nationwide = false;
  bool nationwide_except_aland = false;
  std::vector<Place> municipalities;
  std::vector<Place> regions;
  std::vector<Place> counties;
  std::vector<std::string> unmatched; // names kept as written
  std::vector<Note> notes;
};

// Resolves a written list of places ("Hyrynsalmi, Kajaani ja Kuhmo", "Esbo, Grankulla",
// "Kainuu", "Koko maa") to official codes: municipalities (Finnish, Swedish or English name; a
// former municipality maps to the one it merged into, with a note), regions and wellbeing services
// counties; "Koko maa" / "Hela landet" / "Nationwide" and the except-Åland forms set the flags.
// Names that match nothing are kept in `unmatched`, each with a note. Duplicates are dropped.
Places resolve_places(std::string_view list, NameLanguage lang);

// Adds the places of `more` to `into`, keeping the order and dropping duplicates.
void merge_places(Places& into, const Places& more);

// The number in a municipality-count chip: "7 kuntaa", "1 kunta", "7 kommuner", "1 kommun",
// "7 municipalities", "1 municipality"; nullopt for anything else.
std::optional<int> parse_municipality_count(std::string_view s);

} // namespace svcdesc::normalize
