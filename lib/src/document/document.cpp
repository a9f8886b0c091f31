#include <svcdesc/document/document.hpp>
#include <svcdesc/text/utf8.hpp>

#include <algorithm>
#include <array>

namespace svcdesc::document {
namespace {

// Strips a list marker and the space after it; returns true if there was one. A dash or an
// asterisk is a marker only on an indented line: "– Perhekeskus tarjoaa..." at the margin is the
// Finnish way of opening a quotation, not a list.
bool strip_bullet(std::string_view& s, bool indented) {
  static constexpr std::array<std::string_view, 7> k_markers{"•", "▪", "◦", "·", "–", "-", "*"};
  for (size_t k = 0; k < k_markers.size(); ++k) {
    std::string_view m = k_markers[k];
    if (k >= 4 && !indented)
      break;
    if (s.size() > m.size() && s.starts_with(m) && s[m.size()] == ' ') {
      s = text::trim(s.substr(m.size()));
      return true;
    }
  }
  return false;
}

} // namespace

Document::Document(std::string cleaned) : m_text(std::move(cleaned)) {
  std::string_view all = m_text;
  size_t start = 0;
  int number = 1;
  while (start <= all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string_view::npos)
      end = all.size();
    std::string_view raw = all.substr(start, end - start);
    std::string_view trimmed = text::trim(raw);
    Line line{trimmed, number, false};
    line.bullet = strip_bullet(line.text, !raw.empty() && (raw[0] == ' ' || raw[0] == '\t'));
    m_lines.push_back(line);
    if (end == all.size())
      break;
    start = end + 1;
    ++number;
  }
  // A final newline does not make a last empty line.
  if (!m_lines.empty() && m_lines.back().blank() && m_text.ends_with('\n'))
    m_lines.pop_back();
}

Document::Document(std::string cleaned, const std::vector<int>& line_numbers)
    : Document(std::move(cleaned)) {
  for (size_t i = 0; i < m_lines.size() && i < line_numbers.size(); ++i)
    m_lines[i].number = line_numbers[i];
}

size_t Document::next_nonblank(size_t from) const {
  while (from < m_lines.size() && m_lines[from].blank())
    ++from;
  return std::min(from, m_lines.size());
}

} // namespace svcdesc::document
