#include "size.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace svcdesc::cli {

std::optional<std::int64_t> parse_size(std::string_view text) {
  if (text.empty())
    return std::nullopt;
  std::int64_t factor = 1;
  char last = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
  if (last == 'K' || last == 'M' || last == 'G') {
    factor = last == 'K' ? 1024 : last == 'M' ? 1024 * 1024 : 1024 * 1024 * 1024;
    text.remove_suffix(1);
  }
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0 ||
      value > (std::int64_t{1} << 40) / factor)
    return std::nullopt;
  return value * factor;
}

std::string size_error(std::string_view option, std::string_view value, std::string_view example) {
  return fmt::format("{} {} is not a size; give bytes or a number with K, M or G ({})", option,
                     value, example);
}

} // namespace svcdesc::cli
