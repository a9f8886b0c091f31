// The area normalizer: resolve_places (in each of the three name languages) and
// parse_municipality_count on any text, against the built-in reference data.

#include "fuzz_common.hpp"

#include <svcdesc/normalize/area.hpp>

using namespace svcdesc;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::load_shared_tables();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s = fuzz::as_text(data, size);
  const normalize::RefData& ref = normalize::RefData::builtin();
  for (normalize::NameLanguage lang :
       {normalize::NameLanguage::fi, normalize::NameLanguage::sv, normalize::NameLanguage::en}) {
    normalize::Places places = normalize::resolve_places(s, lang);
    for (const normalize::Place& m : places.municipalities)
      SVCDESC_FUZZ_CHECK(ref.municipality_by_code(m.code) != nullptr);
    for (const normalize::Place& r : places.regions)
      SVCDESC_FUZZ_CHECK(ref.region_by_code(r.code) != nullptr);
    for (const normalize::Place& c : places.counties)
      SVCDESC_FUZZ_CHECK(ref.county_by_code(c.code) != nullptr);
    normalize::Places merged;
    normalize::merge_places(merged, places);
    normalize::merge_places(merged, places);
    SVCDESC_FUZZ_CHECK(merged.municipalities.size() == places.municipalities.size());
  }
  if (std::optional<int> n = normalize::parse_municipality_count(s))
    SVCDESC_FUZZ_CHECK(*n >= 0);
  return 0;
}
