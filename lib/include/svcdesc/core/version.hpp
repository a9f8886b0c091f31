#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svcdesc {

// The version of the library and tool, from the CMake project version.
std::string_view version();

// (name, version) of the libraries the build links, as they report themselves at run time where
// they can (libcurl, SQLite, OpenSSL, libvoikko, utf8proc, myhtml), else from their headers.
std::vector<std::pair<std::string, std::string>> dependency_versions();

// The contact URL named in the default User-Agent and in the documentation.
inline constexpr std::string_view k_project_url = "https://github.com/svcdesc/svcdesc";

} // namespace svcdesc
