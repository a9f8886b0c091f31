#include <svcdesc/text/sentences.hpp>
#include <svcdesc/text/utf8.hpp>

#include <array>

namespace svcdesc::text {
namespace {

bool is_abbreviation(std::string_view before_dot) {
  size_t start = before_dot.find_last_of(" (");
  std::string_view word = start == std::string_view::npos ? before_dot : before_dot.substr(start + 1);
  static constexpr std::array<std::string_view, 22> k_abbr{
      "esim", "mm", "ns", "yms", "jne", "tms", "ym", "ks", "vrt", "p", "puh", "klo", "n",
      "ca", "t.ex", "bl.a", "dvs", "e.g", "i.e", "etc", "tel", "s"};
  for (std::string_view a : k_abbr)
    if (word == a)
      return true;
  // A single capital letter is an initial ("Marjo M. Malja").
  return word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z';
}

bool starts_sentence(std::string_view rest) {
  if (rest.empty())
    return false;
  auto c = static_cast<unsigned char>(rest[0]);
  if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c == '(')
    return true;
  // Å Ä Ö É and other capitals of Latin-1 (C3 80 - C3 9E), and quotes/dashes (E2 80 ...).
  return (c == 0xC3 && rest.size() > 1 && static_cast<unsigned char>(rest[1]) < 0x9F) || c == 0xE2;
}

} // namespace

std::vector<std::string_view> split_sentences(std::string_view p) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i + 1 < p.size(); ++i) {
    char c = p[i];
    if ((c != '.' && c != '!' && c != '?') || p[i + 1] != ' ')
      continue;
    if (!starts_sentence(trim(p.substr(i + 1))))
      continue;
    if (c == '.' && is_abbreviation(p.substr(start, i - start)))
      continue;
    if (auto s = trim(p.substr(start, i + 1 - start)); !s.empty())
      out.push_back(s);
    start = i + 1;
  }
  if (auto s = trim(p.substr(start)); !s.empty())
    out.push_back(s);
  return out;
}

} // namespace svcdesc::text
