#pragma once

#include <svcdesc/normalize/note.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::normalize {

struct Languages {
  std::vector<std::string> codes; // PTV codes in the order written, without duplicates
  std::vector<Note> notes;        // one per name that is not a known language
};

// Maps a written list of languages ("suomi", "Suomi,Ruotsi,Englanti", "finska, svenska",
// "Finnish and Swedish", "pohjoissaame", "viittomakieli") to the codes of the 74-language PTV list.
Languages resolve_languages(std::string_view list);

} // namespace svcdesc::normalize
