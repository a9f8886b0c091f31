// Language identification for the three languages of Finnish public-sector pages. Function words
// are frequent, short and distinctive between Finnish, Swedish and English, so counting them over
// a page is reliable for anything longer than a sentence or two; the parsers prefer the page's
// own labels and use this only when there are none.
#include <svcdesc/text/langid.hpp>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace svcdesc::text {
namespace {

constexpr std::array<std::string_view, 24> k_fi{
    "ja", "on", "ei", "että", "tai", "ovat", "myös", "kanssa", "joka", "sekä", "voi", "ole",
    "kun", "mukaan", "tai", "jos", "se", "ne", "hän", "sinä", "olla", "niin", "kuin", "jotka"};
constexpr std::array<std::string_view, 24> k_sv{
    "och", "är", "att", "det", "som", "för", "på", "med", "av", "till", "inte", "den",
    "ett", "om", "har", "kan", "eller", "du", "vid", "från", "sig", "också", "men", "finns"};
constexpr std::array<std::string_view, 24> k_en{
    "the", "and", "is", "of", "to", "in", "for", "with", "are", "on", "be", "this",
    "that", "or", "you", "can", "your", "by", "from", "will", "have", "it", "an", "not"};

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

// Word -> bit set of the languages it is a function word of (1 fi, 2 sv, 4 en).
const std::unordered_map<std::string_view, int>& function_words() {
  static const auto k_words = [] {
    std::unordered_map<std::string_view, int> words;
    for (std::string_view w : k_fi)
      words[w] |= 1;
    for (std::string_view w : k_sv)
      words[w] |= 2;
    for (std::string_view w : k_en)
      words[w] |= 4;
    return words;
  }();
  return k_words;
}

} // namespace

std::string_view detect_language(std::string_view text) {
  // A few kilobytes decide it as well as a whole page would.
  text = text.substr(0, std::min<size_t>(text.size(), 16384));
  const auto& words = function_words();
  int fi = 0;
  int sv = 0;
  int en = 0;
  std::array<char, 8> buf{};
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(text[i]))
      ++i;
    size_t start = i;
    while (i < text.size() && is_word_byte(text[i]))
      ++i;
    size_t n = i - start;
    if (n == 0 || n > buf.size())
      continue;
    // ASCII lower-casing is enough: the listed words have no capital non-ASCII letters in use.
    for (size_t k = 0; k < n; ++k) {
      char c = text[start + k];
      buf[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    auto it = words.find(std::string_view(buf.data(), n));
    if (it == words.end())
      continue;
    fi += it->second & 1;
    sv += (it->second >> 1) & 1;
    en += (it->second >> 2) & 1;
  }
  int best = std::max({fi, sv, en});
  if (best < 3)
    return {};
  if (best == fi)
    return "fi";
  if (best == sv)
    return "sv";
  return "en";
}

} // namespace svcdesc::text
