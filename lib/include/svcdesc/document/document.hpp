#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::document {

// One line of a page, trimmed; `bullet` is true for a list item, whose marker ("•", "-", "*",
// "–", "▪") has been removed from `text`.
struct Line {
  std::string_view text;
  int number = 0; // 1-based, as in the input file
  bool bullet = false;

  bool blank() const { return text.empty(); }
};

// A page as the parsers see it: cleaned text split into numbered lines. The document owns the
// text that its lines point into, so it is neither copied nor moved.
class Document {
public:
  // `cleaned` is text that went through text::clean_text(): LF line ends, NFC.
  explicit Document(std::string cleaned);
  // The same, for text rendered from another format (HTML): line i of `cleaned` takes its number
  // from `line_numbers[i]` (the line of the source file it came from) instead of its position.
  Document(std::string cleaned, const std::vector<int>& line_numbers);
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::vector<Line>& lines() const { return m_lines; }
  std::string_view text() const { return m_text; }

  // The index of the first non-blank line at or after `from`, or lines().size().
  size_t next_nonblank(size_t from) const;

private:
  std::string m_text;
  std::vector<Line> m_lines;
};

} // namespace svcdesc::document
