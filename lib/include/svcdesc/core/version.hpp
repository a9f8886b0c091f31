#pragma once

#include <string_view>

namespace svcdesc {

// The version of the library and tool, from the CMake project version.
std::string_view version();

// The contact URL named in the default User-Agent and in the documentation.
inline constexpr std::string_view k_project_url = "https://github.com/svcdesc/svcdesc";

} // namespace svcdesc
