#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace svcdesc::cli {

// A size on the command line: a number of bytes, or a number with K, M or G (powers of 1024,
// either case): "512K", "16M", "1G". nullopt when it is not one, zero, or more than 1 TiB.
std::optional<std::int64_t> parse_size(std::string_view text);

// The error for an OPTION whose VALUE parse_size() refused, with an example value.
std::string size_error(std::string_view option, std::string_view value, std::string_view example);

} // namespace svcdesc::cli
