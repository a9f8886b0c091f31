#pragma once

// The one way the library (and its tests) include RapidJSON and valijson's RapidJSON adapter.
//
// RapidJSON's RAPIDJSON_ASSERT runs on every character it parses. valijson's adapter, built with
// exceptions, redefines it to a function that takes the file name as a std::string: a heap
// allocation per character, which made parsing records fifty times slower than it should be. So
// RAPIDJSON_ASSERT is defined here first, cheaply and still throwing (a broken invariant of
// RapidJSON must not pass silently), and valijson's "already defined" notice is silenced. Every
// translation unit that uses RapidJSON includes this header, so all agree on the definition.
#include <stdexcept>

// RapidJSON's SSE2 paths (whitespace and in-situ string scanning, 16 bytes at a time) make records
// with long texts parse several times faster. They load aligned 16-byte blocks that may reach past
// the end of the buffer (never past its page), which AddressSanitizer reports: sanitized builds
// use the plain paths. GCC says so with __SANITIZE_ADDRESS__, clang 14 only with __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define SVCDESC_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SVCDESC_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SSE2__) && !defined(SVCDESC_ADDRESS_SANITIZER) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif

#ifndef RAPIDJSON_ASSERT
#define RAPIDJSON_ASSERT(x)                                                                        \
  ((x) ? static_cast<void>(0) : throw std::logic_error("RapidJSON assertion failed: " #x))
#endif

// valijson's error helpers are included first, with exceptions as the build configured them; the
// adapter is then included with VALIJSON_USE_EXCEPTIONS hidden, so that it leaves the
// RAPIDJSON_ASSERT above alone (its #warning about that cannot be silenced with a pragma in GCC 12).
#include <valijson/exceptions.hpp>
#pragma push_macro("VALIJSON_USE_EXCEPTIONS")
#undef VALIJSON_USE_EXCEPTIONS
#include <valijson/adapters/rapidjson_adapter.hpp>
#pragma pop_macro("VALIJSON_USE_EXCEPTIONS")

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstddef>
#include <cstring>
#include <optional>
#include <string_view>

namespace svcdesc::record {

// The deepest nesting of arrays and objects the library reads. RapidJSON's parser, valijson and
// our own walks of a document recurse once per level, so a few thousand '[' would overflow the
// stack (found by fuzzing); records nest 4 levels, PTV services 7, JSON-LD blocks rarely 10.
inline constexpr int k_max_json_depth = 100;

// How far too_deep_at() looks: the whole text, or only its first value (up to the bracket that
// closes the first one opened), for a reader that goes on after a broken value.
enum class DepthScan { whole_text, first_value };

// The offset of the first '[' or '{' of `json` that opens a level deeper than k_max_json_depth,
// or nullopt. Strings are skipped; `json` need not be valid JSON (the parser judges the rest), so
// a text with too deep a nesting is refused before anything recurses.
inline std::optional<size_t> too_deep_at(std::string_view json,
                                         DepthScan scan = DepthScan::whole_text) {
  int depth = 0;
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '"') {
      // To the closing quote with memchr (most of a record is strings): the next quote that an
      // even run of backslashes precedes. An unclosed string ends the text.
      for (size_t open = i;;) {
        const void* quote = std::memchr(json.data() + i + 1, '"', json.size() - i - 1);
        if (quote == nullptr)
          return std::nullopt;
        i = static_cast<size_t>(static_cast<const char*>(quote) - json.data());
        size_t backslashes = 0;
        while (i - backslashes - 1 > open && json[i - backslashes - 1] == '\\')
          ++backslashes;
        if (backslashes % 2 == 0)
          break;
      }
    } else if (c == '[' || c == '{') {
      if (++depth > k_max_json_depth)
        return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      if (--depth == 0 && scan == DepthScan::first_value)
        return std::nullopt;
    }
  }
  return std::nullopt;
}

// The message for a text too_deep_at() refuses.
inline constexpr std::string_view k_too_deep_message = "nested deeper than 100 arrays and objects";
static_assert(k_max_json_depth == 100, "k_too_deep_message names the limit");

} // namespace svcdesc::record
