#include "json_writer.hpp"

namespace svcdesc::record {

void JsonWriter::string_literal(std::string_view s) {
  static constexpr char k_hex[] = "0123456789abcdef";
  m_out += '"';
  size_t run = 0; // start of the current run of bytes that need no escaping
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\')
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
