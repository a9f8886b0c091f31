// Language identification for the three languages of Finnish public-sector pages, with Debian's
// libcld2 (wrapped here and nowhere else): of the up to three languages CLD2 finds in a text, the
// first of Finnish, Swedish and English that holds a fair share of it wins, so a navigation block
// of "This page is in Finnish" sentences in other languages does not decide. When CLD2 is not sure,
// counting the function words of the three languages decides. The parsers prefer the page's own
// labels and use this only when there are none.
#include <svcdesc/text/langid.hpp>

#include <cstdio> // compact_lang_det.h needs it first

#include <cld2/public/compact_lang_det.h>

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

} // namespace svcdesc::text

namespace CLD2 {
// Declared in cld2/internal/lang_script.h, which the public headers do not pull in.
const char* LanguageCode(Language lang);
} // namespace CLD2

namespace svcdesc::text {
namespace {

std::string_view detect_with_cld2(std::string_view text) {
  CLD2::Language languages[3];
  int percents[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()), true, languages, percents,
                              &text_bytes, &reliable);
  for (int i = 0; i < 3; ++i) {
    std::string_view code = CLD2::LanguageCode(languages[i]);
    if ((code == "fi" || code == "sv" || code == "en") && percents[i] >= 20 && reliable)
      return code == "fi" ? "fi" : code == "sv" ? "sv" : "en";
  }
  return {};
}

std::string_view detect_with_function_words(std::string_view text) {
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

} // namespace

std::string_view detect_language(std::string_view text) {
  // A few kilobytes decide it as well as a whole page would.
  text = text.substr(0, std::min<size_t>(text.size(), 16384));
  if (std::string_view code = detect_with_cld2(text); !code.empty())
    return code;
  return detect_with_function_words(text);
}

} // namespace svcdesc::text
