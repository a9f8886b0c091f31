// The cost classifier.
//
// A sentence says a service is free when it uses a word of the "free" family (maksuton, maksutta,
// ilmainen, avgiftsfri, kostnadsfri, gratis, "free of charge") or negates a word of the "charged"
// family (ei peritä maksua, utan avgift, no fee, without charge). It says the service is charged
// when it uses a charged word that is not negated (maksullinen, asiakasmaksu, hinta, avgift,
// kostar, fee, price) or names an amount of euros other than zero. The words are compared after
// case folding, by stem, so that inflected and compound forms count (asiakasmaksua, avgifterna).
// The parser decides between sections; this file only reads one sentence at a time.
#include <svcdesc/normalize/cost.hpp>
#include <svcdesc/text/utf8.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace svcdesc::normalize {
namespace {

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

std::vector<std::string_view> words_of(std::string_view folded) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !is_word_byte(folded[i]) && folded[i] != '\xE2')
      ++i;
    size_t start = i;
    // The euro sign (E2 82 AC) is a word of its own.
    if (folded.substr(i).starts_with("€")) {
      words.push_back(folded.substr(i, 3));
      i += 3;
      continue;
    }
    while (i < folded.size() && is_word_byte(folded[i]) && !folded.substr(i).starts_with("€"))
      ++i;
    if (i > start)
      words.push_back(folded.substr(start, i - start));
    else if (i < folded.size())
      ++i;
  }
  return words;
}

bool starts_with_any(std::string_view w, std::initializer_list<std::string_view> stems) {
  for (std::string_view s : stems)
    if (w.starts_with(s))
      return true;
  return false;
}
bool ends_with_any(std::string_view w, std::initializer_list<std::string_view> stems) {
  for (std::string_view s : stems)
    if (w.ends_with(s))
      return true;
  return false;
}
bool equals_any(std::string_view w, std::initializer_list<std::string_view> words) {
  for (std::string_view s : words)
    if (w == s)
      return true;
  return false;
}

bool is_free_word(std::string_view w) {
  // Forms of the adjective ilmainen only: the verb ilmaista ("to express": ilmaisee, ilmaisemaan)
  // shares the stem "ilmais" and says nothing about price.
  return starts_with_any(w, {"maksuton", "maksuttom", "maksutta", "ilmainen", "veloitukset",
                             "avgiftsfri", "kostnadsfri", "gratis"}) ||
         equals_any(w, {"ilmaisen", "ilmaiset", "ilmaiseksi", "ilmaisia", "ilmaisiin", "ilmaisilla",
                        "ilmaisten", "ilmaisena"}) ||
         ends_with_any(w, {"maksuton", "maksutta", "maksuttomia", "maksuttomat"});
}

bool is_charged_word(std::string_view w) {
  if (is_free_word(w))
    return false;
  // The verb maksaa is left out on purpose: "Kela maksaa lapsilisää" is Kela paying a benefit, not
  // a price. An amount in euros or a noun (maksu, hinta) says it when a price is meant. Its
  // negative form "ei maksa" does say that something costs nothing.
  return starts_with_any(w, {"maksullis", "maksullinen", "omavastuu", "hinnasto", "veloitet",
                             "veloittaa", "laskutet", "avgift", "självrisk", "chargeab"}) ||
         equals_any(w, {"maksu", "maksun", "maksua", "maksuja", "maksut", "maksujen", "maksusta",
                        "maksuista", "maksa", "hinta", "hinnan", "hintaa", "hinnat", "hintoja",
                        "kostar", "kostnad", "kostnaden", "kostnader", "pris", "priset", "priser",
                        "fee", "fees", "charge", "charges", "charged", "price", "prices", "payable",
                        "costs"}) ||
         ends_with_any(w, {"maksu", "maksun", "maksua", "maksut", "maksuja", "avgift", "avgiften",
                           "avgifter"});
}

// A word after a price word that takes the price away: "kostar ingenting", "ei maksa mitään".
bool is_negation_after(std::string_view w) {
  return equals_any(w, {"ingenting", "inget", "mitään", "nothing"});
}

bool is_negation(std::string_view w) {
  return equals_any(w, {"ei", "eikä", "ilman", "inte", "ingen", "inga", "utan", "no", "not",
                        "without", "free", "nothing"});
}

bool is_euro_word(std::string_view w) {
  return equals_any(w, {"€", "euroa", "euro", "euron", "eur", "euros", "euroja", "euro/kk"});
}

bool is_number(std::string_view w) {
  if (w.empty())
    return false;
  for (char c : w)
    if (c < '0' || c > '9')
      return false;
  return true;
}

bool all_zero(std::string_view w) {
  for (char c : w)
    if (c != '0')
      return false;
  return true;
}

} // namespace

bool may_mention_cost(std::string_view text) {
  // Every word classify_cost() reacts to contains one of these stems (compared ignoring ASCII
  // case) or the euro sign. The scan looks at each pair of adjacent bytes once and tries the
  // stems only where a pair starts one, which is rare in running text.
  static constexpr std::array<std::string_view, 19> k_stems{
      "maks", "ilmai", "hint", "hinn", "veloit", "laskut", "omavastuu", "avgift", "kost", "gratis",
      "pris", "självrisk", "free", "fee", "charg", "price", "payab", "eur", "cost"};
  // For each pair of ASCII bytes, the index of the group of stems starting with it (0: none);
  // bytes keep the table at 16 KiB, inside the L1 cache.
  struct Table {
    std::array<std::array<uint8_t, 128>, 128> group{};
    std::array<uint32_t, 32> stems{}; // group -> bit k for k_stems[k]
  };
  static const Table k_table = [] {
    Table t;
    uint8_t groups = 0;
    for (size_t k = 0; k < k_stems.size(); ++k) {
      uint8_t& g = t.group[static_cast<unsigned char>(k_stems[k][0])][static_cast<unsigned char>(k_stems[k][1])];
      if (g == 0)
        g = ++groups;
      t.stems[g] |= 1u << k;
    }
    return t;
  }();
  auto lower = [](char c) {
    auto u = static_cast<unsigned char>(c);
    return static_cast<size_t>(u >= 'A' && u <= 'Z' ? u + 32 : u);
  };
  size_t a = text.empty() ? 0 : lower(text[0]);
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    size_t b = lower(text[i + 1]);
    if (a == 0xE2 && text.substr(i).starts_with("€"))
      return true;
    if (a < 128 && b < 128) {
      if (uint8_t g = k_table.group[a][b]; g != 0) {
        for (uint32_t set = k_table.stems[g]; set != 0; set &= set - 1)
          if (text::starts_with_icase(text.substr(i), k_stems[static_cast<size_t>(__builtin_ctz(set))]))
            return true;
      }
    }
    a = b;
  }
  return false;
}

CostSignal classify_cost(std::string_view sentence) {
  // ASCII lower-casing is enough: every word and phrase looked for is lower case once its ASCII
  // letters are, and it is much cheaper than full case folding of every sentence.
  std::string folded = text::ascii_lower(sentence);
  CostSignal signal;
  if (folded.find("free of charge") != std::string::npos ||
      folded.find("at no cost") != std::string::npos ||
      folded.find("is free") != std::string::npos || folded.find("are free") != std::string::npos)
    signal.free = true;

  std::vector<std::string_view> words = words_of(folded);
  bool charged_word = false;
  bool zero_amount = false;
  bool amount = false;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    // "20 €", "20 euroa", "12,50 euroa": the number may be split at the decimal comma.
    if (is_euro_word(w) && i > 0 && is_number(words[i - 1])) {
      bool zero = all_zero(words[i - 1]) && (i < 2 || !is_number(words[i - 2]) || all_zero(words[i - 2]));
      (zero ? zero_amount : amount) = true;
      continue;
    }
    if (!may_mention_cost(w))
      continue;
    if (is_free_word(w)) {
      signal.free = true;
      continue;
    }
    if (is_charged_word(w)) {
      bool negated = false;
      for (size_t back = 1; back <= 3 && back <= i; ++back)
        negated = negated || is_negation(words[i - back]);
      for (size_t ahead = 1; ahead <= 3 && i + ahead < words.size(); ++ahead)
        negated = negated || is_negation_after(words[i + ahead]);
      (negated ? signal.free : charged_word) = true;
    }
  }
  // "Maksu 0 €": a price word whose only amount is zero says the service is free.
  if (zero_amount && !amount)
    signal.free = true;
  else
    signal.charged = signal.charged || amount || charged_word;
  return signal;
}

} // namespace svcdesc::normalize
