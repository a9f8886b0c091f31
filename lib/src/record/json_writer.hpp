#pragma once

#include <string>
#include <string_view>

namespace svcdesc::record {

// A minimal streaming JSON writer for one compact document: the caller opens and closes objects
// and arrays, and the writer places commas and escapes strings (RFC 8259; non-ASCII is written as
// UTF-8, control characters as \u escapes).
class JsonWriter {
public:
  explicit JsonWriter(std::string& out) : m_out(out) {}

  void begin_object() { value_prefix(), m_out += '{', m_first = true; }
  void end_object() { m_out += '}', m_first = false; }
  void begin_array() { value_prefix(), m_out += '[', m_first = true; }
  void end_array() { m_out += ']', m_first = false; }
  // Keys are the record's own field names and never need escaping, so they are written as is.
  void key(std::string_view k) {
    if (!m_first)
      m_out += ',';
    m_first = true; // the value that follows takes no comma
    m_out += '"';
    m_out += k;
    m_out += "\":";
  }
  // A key that comes from data (a date kind, a provenance field of a record read back): escaped
  // like a value, so that a record read from outside is written out as valid JSON.
  void data_key(std::string_view k) {
    if (!m_first)
      m_out += ',';
    m_first = true;
    string_literal(k);
    m_out += ':';
  }
  void value(std::string_view s) { value_prefix(), string_literal(s), m_first = false; }
  void value(const char* s) { value(std::string_view(s)); }
  void value(int n) { value_prefix(), m_out += std::to_string(n), m_first = false; }
  void value(bool b) { value_prefix(), m_out += b ? "true" : "false", m_first = false; }
  void null() { value_prefix(), m_out += "null", m_first = false; }

private:
  void value_prefix() {
    if (!m_first)
      m_out += ',';
  }
  void string_literal(std::string_view s);

  std::string& m_out;
  bool m_first = true;
};

} // namespace svcdesc::record
