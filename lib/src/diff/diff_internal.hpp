#pragma once

#include <svcdesc/record/record.hpp>

// Helpers shared by diff.cpp and diff_render.cpp.

#include <string>
#include <string_view>

namespace svcdesc::diff::detail {

// JSON string literals: the record module's escaper.
using record::json_quote;

} // namespace svcdesc::diff::detail
