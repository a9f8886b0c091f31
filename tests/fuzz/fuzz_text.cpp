// The text-rendering reader and its profiles: svcdesc::parse::parse_input with the text format.
// The first byte picks the profile (automatic, suomifi, ministry, regional, generic) and a source
// URL, which steers the profile choice and the id; the rest is the page. Every record must
// survive a round trip through its JSON form.

#include "fuzz_common.hpp"

#include <svcdesc/parse/parse.hpp>
#include <svcdesc/record/record.hpp>

#include <array>

using namespace svcdesc;

namespace {

constexpr std::array<parse::Profile, 5> k_profiles{
    parse::Profile::automatic, parse::Profile::suomifi, parse::Profile::ministry,
    parse::Profile::regional, parse::Profile::generic};
constexpr std::array<const char*, 6> k_urls{
    nullptr,
    "https://www.suomi.fi/palvelut/perhetyo/kouvolan-kaupunki/a1f5c3d2-1e5b-4c3e-9a34-2b6f0a6c8e11",
    "https://stm.fi/perhekeskukset",
    "https://www.kymsote.fi/tiedote/perhekeskus",
    "https://www.hel.fi/fi/sosiaali-ja-terveyspalvelut",
    "https://example.com/page"};

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::load_shared_tables();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0)
    return 0;
  parse::Options options;
  options.input_format = parse::InputFormat::text;
  options.profile = k_profiles[data[0] % k_profiles.size()];
  if (const char* url = k_urls[(data[0] >> 3) % k_urls.size()])
    options.source_url = url;
  parse::parse_input("fuzz.txt", fuzz::as_text(data + 1, size - 1), options,
                     [](Result<record::Record> result) {
                       if (result.has_value())
                         fuzz::check_round_trip(*result);
                     });
  return 0;
}
