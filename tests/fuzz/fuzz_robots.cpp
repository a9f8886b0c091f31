// The robots.txt reader and matcher: Robots::parse for the "svcdesc" crawler, then allowed() on a
// few paths and on the input's last line taken as a path (so the matcher meets patterns and paths
// that the fuzzer builds together).

#include "fuzz_common.hpp"

#include <svcdesc/fetch/robots.hpp>

using namespace svcdesc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s = fuzz::as_text(data, size);
  fetch::Robots robots = fetch::Robots::parse(s, "svcdesc");
  SVCDESC_FUZZ_CHECK(robots.allowed("/robots.txt"));
  for (std::string_view path : {"/", "/a/b?x=1", "/palvelut/perhetyo%20x/", "/%C3%A4*$"})
    (void)robots.allowed(path);
  std::string_view last = s.substr(s.rfind('\n') == std::string_view::npos ? 0 : s.rfind('\n') + 1);
  (void)robots.allowed(last);
  if (std::optional<double> delay = robots.crawl_delay())
    SVCDESC_FUZZ_CHECK(*delay >= 0 && *delay <= 86400);
  return 0;
}
