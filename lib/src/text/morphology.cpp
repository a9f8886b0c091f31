#include <svcdesc/text/morphology.hpp>

#include <libvoikko/voikko.h>

#include <mutex>
#include <unordered_map>

namespace svcdesc::text {

struct Morphology::Impl {
  VoikkoHandle* handle = nullptr;
  std::mutex lock;
  // Words repeat across the pages of a run; analysing one with Voikko costs tens of microseconds,
  // a look-up here almost nothing. Cleared when full, so memory stays bounded.
  std::unordered_map<std::string, std::vector<Reading>> cache;
  static constexpr size_t k_cache_limit = 100000;
};

Morphology::Morphology() : m_impl(std::make_unique<Impl>()) {
  const char* error = nullptr;
  m_impl->handle = voikkoInit(&error, "fi", nullptr);
}

Morphology::~Morphology() {
  if (m_impl->handle != nullptr)
    voikkoTerminate(m_impl->handle);
}

const Morphology* Morphology::finnish() {
  static const Morphology* instance = [] {
    auto* m = new Morphology(); // lives for the process: Voikko is torn down at exit
    if (m->m_impl->handle == nullptr) {
      delete m;
      return static_cast<Morphology*>(nullptr);
    }
    return m;
  }();
  return instance;
}

std::vector<Reading> Morphology::analyse(std::string_view word) const {
  std::vector<Reading> out;
  if (word.empty() || word.size() > 100)
    return out;
  std::string w(word);
  std::lock_guard<std::mutex> guard(m_impl->lock);
  if (auto it = m_impl->cache.find(w); it != m_impl->cache.end())
    return it->second;
  if (m_impl->cache.size() >= Impl::k_cache_limit)
    m_impl->cache.clear();
  voikko_mor_analysis** analyses = voikkoAnalyzeWordCstr(m_impl->handle, w.c_str());
  if (analyses == nullptr) {
    m_impl->cache.emplace(std::move(w), out);
    return out;
  }
  for (size_t i = 0; analyses[i] != nullptr; ++i) {
    char* base = voikko_mor_analysis_value_cstr(analyses[i], "BASEFORM");
    char* cls = voikko_mor_analysis_value_cstr(analyses[i], "CLASS");
    out.push_back({base != nullptr ? base : "", cls != nullptr ? cls : ""});
    voikko_free_mor_analysis_value_cstr(base);
    voikko_free_mor_analysis_value_cstr(cls);
  }
  voikko_free_mor_analysis(analyses);
  m_impl->cache.emplace(std::move(w), out);
  return out;
}

std::vector<std::string> Morphology::baseforms(std::string_view word,
                                               std::string_view word_class) const {
  std::vector<std::string> out;
  for (Reading& r : analyse(word))
    if (r.word_class == word_class && !r.baseform.empty())
      out.push_back(std::move(r.baseform));
  return out;
}

} // namespace svcdesc::text
