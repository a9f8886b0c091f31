#pragma once

// What the fuzz targets share: the input as a string_view, a check that aborts (libFuzzer
// reports it as a crash, with the input), the JSON round trip of a record, and one-time set-up of
// the shared tables.

#include <svcdesc/normalize/refdata.hpp>
#include <svcdesc/record/record.hpp>
#include <svcdesc/text/morphology.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
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

// A record the library made or read must survive a round trip through its JSON form: written,
// read back, and written again to the same bytes. What was written is printed when it cannot be
// read back.
inline void check_round_trip(const record::Record& r) {
  std::string json = record::to_json(r);
  Result<record::Record> again = record::from_json(json);
  if (!again.has_value())
    std::fprintf(stderr, "written: %s\nerror:   %s\n", json.c_str(), again.error().message.c_str());
  SVCDESC_FUZZ_CHECK(again.has_value());
  SVCDESC_FUZZ_CHECK(record::to_json(*again) == json);
}

} // namespace svcdesc::fuzz
