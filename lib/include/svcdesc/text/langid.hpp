#pragma once

#include <string_view>

namespace svcdesc::text {

// Tells Finnish, Swedish and English apart by counting their most frequent function words.
// Returns "fi", "sv" or "en", or an empty view when the text has too few of them to say. Only the
// first 16 KiB are read.
std::string_view detect_language(std::string_view text);

} // namespace svcdesc::text
