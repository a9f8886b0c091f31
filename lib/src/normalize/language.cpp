#include <svcdesc/normalize/language.hpp>
#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/utf8.hpp>

#include <algorithm>
#include <fmt/format.h>

namespace svcdesc::normalize {

Languages resolve_languages(std::string_view list) {
  Languages out;
  // Conjunctions and other separators become commas; names of languages never contain them.
  std::string normalized;
  normalized.reserve(list.size());
  const std::string lower = text::ascii_lower(list);
  for (size_t i = 0; i < list.size();) {
    bool replaced = false;
    for (std::string_view word : {" ja ", " och ", " and ", " sekä ", " & "}) {
      if (std::string_view(lower).substr(i).starts_with(word)) {
        normalized += ',';
        i += word.size();
        replaced = true;
        break;
      }
    }
    if (!replaced)
      normalized += list[i++];
  }
  std::replace_if(normalized.begin(), normalized.end(),
                  [](char c) { return c == ';' || c == '/' || c == '\n'; }, ',');
  const RefData& ref = RefData::builtin();
  for (std::string_view name : text::split_trimmed(normalized, ',')) {
    const Language* lang = ref.language(name);
    if (lang == nullptr) {
      out.notes.push_back(
          {"language-unknown", fmt::format("\"{}\" is not a language of the PTV list", name)});
      continue;
    }
    if (std::find(out.codes.begin(), out.codes.end(), lang->code) == out.codes.end())
      out.codes.push_back(lang->code);
  }
  return out;
}

} // namespace svcdesc::normalize
