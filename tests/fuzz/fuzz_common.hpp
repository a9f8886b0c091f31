#pragma once

// What the fuzz targets share: the input as a string_view, a check that aborts (libFuzzer
// reports it as a crash, with the input), and one-time set-up of the shared tables.

#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/text/morphology.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace svcdesc::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// An invariant of the code under test; a broken one is a finding like a crash.
#define SVCDESC_FUZZ_CHECK(cond)                                                                   \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond);           \
      std::abort();                                                                                \
    }                                                                                              \
  } while (false)

// Loads the reference data and the Finnish morphology before the first input, so that their
// one-time cost and allocations are not charged to an input (and not reported as leaks).
inline void load_shared_tables() {
  (void)normalize::RefData::builtin();
  (void)text::Morphology::finnish();
}

} // namespace svcdesc::fuzz
