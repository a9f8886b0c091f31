#pragma once

// Percent-encoding helpers shared by the URL normalizer and the robots.txt matcher.

#include <string>
#include <string_view>

namespace svcdesc::fetch::detail {

inline bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The value of a hex digit (`is_hex(c)` holds).
inline int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return c - 'A' + 10;
}

// Whether `s[i]` starts a percent-encoded triplet.
inline bool is_pct_triplet(std::string_view s, std::size_t i) {
  return s[i] == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2]);
}

// RFC 3986 2.3: the characters that never need encoding.
inline bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

inline void append_pct(std::string& out, unsigned char byte) {
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  out += '%';
  out += k_hex[byte >> 4];
  out += k_hex[byte & 0x0F];
}

// The canonical percent-encoding of RFC 3986 6.2.2.1 and 6.2.2.2, which RFC 9309 2.2.2 also
// compares robots.txt paths in: bytes outside printable ASCII (and the space) encoded, encodings in
// upper case, those of unreserved characters decoded. Everything else, '*', '$' and a '%' that
// starts no triplet included, is kept as it is.
inline std::string canonical_percent(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto byte = static_cast<unsigned char>(s[i]);
    if (is_pct_triplet(s, i)) {
      byte = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
      if (is_unreserved(byte))
        out += static_cast<char>(byte);
      else
        append_pct(out, byte);
    } else if (byte > 0x20 && byte < 0x7F) {
      out += static_cast<char>(byte);
    } else {
      append_pct(out, byte);
    }
  }
  return out;
}

} // namespace svcdesc::fetch::detail
