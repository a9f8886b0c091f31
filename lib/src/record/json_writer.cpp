#include "json_writer.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace svcdesc::record {

void JsonWriter::string_literal(std::string_view s) {
  static constexpr char k_hex[] = "0123456789abcdef";
  static constexpr auto k_escape = [] {
    std::array<bool, 256> table{};
    for (size_t c = 0; c < 0x20; ++c)
      table[c] = true;
    table['"'] = true;
    table['\\'] = true;
    return table;
  }();
  m_out += '"';
  size_t run = 0; // start of the current run of bytes that need no escaping
  for (size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time while none of them needs escaping (no byte below 0x20, no quote, no
    // backslash): the bit tricks are the classic "has a zero byte" test applied three times.
    while (i + 8 <= s.size()) {
      uint64_t x = 0;
      std::memcpy(&x, s.data() + i, 8);
      constexpr uint64_t k_ones = 0x0101010101010101ULL;
      constexpr uint64_t k_highs = 0x8080808080808080ULL;
      uint64_t quote = x ^ (k_ones * '"');
      uint64_t backslash = x ^ (k_ones * '\\');
      uint64_t hits = ((x - k_ones * 0x20) & ~x) | ((quote - k_ones) & ~quote) |
                      ((backslash - k_ones) & ~backslash);
      if ((hits & k_highs) != 0)
        break;
      i += 8;
    }
    if (i >= s.size())
      break;
    auto c = static_cast<unsigned char>(s[i]);
    if (!k_escape[c])
      continue;
    m_out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
    case '"':
      m_out += "\\\"";
      break;
    case '\\':
      m_out += "\\\\";
      break;
    case '\n':
      m_out += "\\n";
      break;
    case '\r':
      m_out += "\\r";
      break;
    case '\t':
      m_out += "\\t";
      break;
    default:
      m_out += "\\u00";
      m_out += k_hex[c >> 4];
      m_out += k_hex[c & 0x0f];
    }
  }
  m_out.append(s.data() + run, s.size() - run);
  m_out += '"';
}

} // namespace svcdesc::record
