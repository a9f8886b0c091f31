// The URL normalizer: normalize_url on the input; with a line feed in it, resolve_url of the part
// after the first one against the part before (a Location header or a <loc> against its base).
// Normalizing is idempotent, and host_key and path_and_query take any normalized URL.

#include "fuzz_common.hpp"

#include <svcdesc/fetch/url.hpp>

using namespace svcdesc;

namespace {

void check_normal(const std::string& url, bool allow_file) {
  Result<std::string> again = fetch::normalize_url(url, allow_file);
  if (!again.has_value() || *again != url) {
    std::fprintf(stderr, "not idempotent: '%s' -> '%s'\n", url.c_str(),
                 again.has_value() ? again->c_str() : again.error().message.c_str());
    std::abort();
  }
  (void)fetch::host_key(url);
  std::string path = fetch::path_and_query(url);
  SVCDESC_FUZZ_CHECK(!path.empty() && path[0] == '/');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s = fuzz::as_text(data, size);
  for (bool allow_file : {false, true}) {
    if (Result<std::string> n = fetch::normalize_url(s, allow_file); n.has_value())
      check_normal(*n, allow_file);
    size_t nl = s.find('\n');
    if (nl == std::string_view::npos)
      continue;
    if (Result<std::string> r = fetch::resolve_url(s.substr(0, nl), s.substr(nl + 1), allow_file);
        r.has_value())
      check_normal(*r, allow_file);
  }
  return 0;
}
