#pragma once

// Helpers shared by diff.cpp and diff_render.cpp.

#include <string>
#include <string_view>

namespace svcdesc::diff::detail {

// `s` as a JSON string literal (RFC 8259), UTF-8 kept as is, control characters escaped.
inline std::string json_quote(std::string_view s) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      if (u < 0x20) {
        out += "\\u00";
        out += k_hex[u >> 4];
        out += k_hex[u & 15];
      } else {
        out += c;
      }
    }
  }
  out += '"';
  return out;
}

} // namespace svcdesc::diff::detail
