#pragma once

#include <string_view>
#include <vector>

namespace svcdesc::text {

// Splits a paragraph into sentences at `.`, `!` or `?` followed by a space and a capital letter,
// digit or quote, but not after common abbreviations (esim., mm., p., puh., klo, t.ex., e.g.).
std::vector<std::string_view> split_sentences(std::string_view paragraph);

} // namespace svcdesc::text
