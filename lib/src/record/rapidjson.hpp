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
// use the plain paths.
#if defined(__SSE2__) && !defined(__SANITIZE_ADDRESS__) && !defined(RAPIDJSON_SSE2)
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
