#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::text {

// The byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are ill-formed), or nullopt if `s` is valid.
std::optional<size_t> find_invalid_utf8(std::string_view s);

// Decodes the code point starting at `s[i]` of valid UTF-8 and advances `i` past it.
char32_t next_code_point(std::string_view s, size_t& i);

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

// Text hygiene for an input page: drops a leading BOM, turns CRLF and lone CR into LF, replaces
// no-break and other typographic spaces and tabs with a plain space, removes soft hyphens,
// zero-width characters and other format controls, and puts the text into Unicode NFC. It checks
// the UTF-8 as it goes: with `invalid_at`, the first ill-formed byte stops it, its offset in the
// input is stored there and the result is empty; without, each ill-formed byte becomes U+FFFD.
std::string clean_text(std::string_view utf8, size_t* invalid_at = nullptr);

// The key under which names are looked up: NFC, case-folded, whitespace collapsed, hyphens and
// dashes unified, outer punctuation trimmed. "  Åland " and "åland" share a key.
std::string fold(std::string_view s);

// `fold(s)` with the diacritics removed as well (å -> a, é -> e), for a second-chance lookup.
std::string fold_ascii(std::string_view s);

// `s` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);

// Runs of whitespace collapsed to one space, ends trimmed.
std::string collapse_spaces(std::string_view s);

// Splits `s` on `sep`, trimming each piece and dropping empty ones.
std::vector<std::string_view> split_trimmed(std::string_view s, char sep);

// `s` with A-Z lower-cased and every other byte as it is, so byte offsets stay the same.
std::string ascii_lower(std::string_view s);

// NFC, full Unicode case folding and whitespace collapsed, nothing removed: the normalization
// that record ids are computed from (see schemas/record.schema.json).
std::string casefold(std::string_view s);

// True if `s` starts with `prefix` ignoring ASCII case.
bool starts_with_icase(std::string_view s, std::string_view prefix);

// The number of code points in valid UTF-8 `s`.
size_t length_utf8(std::string_view s);

} // namespace svcdesc::text
