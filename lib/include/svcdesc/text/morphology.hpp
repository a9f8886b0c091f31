#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::text {

// One reading of a Finnish word form.
struct Reading {
  std::string baseform;   // "Hamina" for "Haminassa"
  std::string word_class; // Voikko's class: paikannimi, etunimi, sukunimi, nimisana, ...
};

// Finnish morphology through libvoikko and the voikko-fi dictionary, wrapped here and nowhere
// else. Voikko knows Finnish place names (class "paikannimi"), first names and surnames, so
// inflected names in running text ("Haminassa", "Kouvolan") are lemmatized by the dictionary, not
// by stripping suffixes.
class Morphology {
public:
  // The shared analyser, created on first use; nullptr when libvoikko or the Finnish dictionary is
  // not installed (callers then fall back to exact names).
  static const Morphology* finnish();

  // Every reading of `word`; empty for a word Voikko does not know. Safe to call from several
  // threads (the Voikko handle is used under a lock).
  std::vector<Reading> analyse(std::string_view word) const;

  // The base forms of the readings of `word` whose class is `word_class`.
  std::vector<std::string> baseforms(std::string_view word, std::string_view word_class) const;

  ~Morphology();
  Morphology(const Morphology&) = delete;
  Morphology& operator=(const Morphology&) = delete;

private:
  Morphology();
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace svcdesc::text
