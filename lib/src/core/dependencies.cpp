// The versions of the libraries the build uses, for `svcdesc --version`. This one file includes
// the version headers of every dependency; everywhere else each library is wrapped by its module.
#include <svcdesc/core/version.hpp>

#include <curl/curl.h>
#include <fmt/format.h>
#include <libvoikko/voikko.h>
#include <myhtml/api.h>
#include <openssl/crypto.h>
#include <pugixml.hpp>
#include <sqlite3.h>
#include <uriparser/Uri.h>
#include <utf8proc.h>

#include "record/rapidjson.hpp"

namespace svcdesc {

std::vector<std::pair<std::string, std::string>> dependency_versions() {
  myhtml_version_t myhtml = myhtml_version();
  return {
      {"libcurl", curl_version_info(CURLVERSION_NOW)->version},
      {"SQLite", sqlite3_libversion()},
      {"OpenSSL", OpenSSL_version(OPENSSL_VERSION_STRING)},
      {"libvoikko", voikkoGetVersion()},
      {"utf8proc", utf8proc_version()},
      {"myhtml (modest)", fmt::format("{}.{}.{}", myhtml.major, myhtml.minor, myhtml.patch)},
      {"pugixml", fmt::format("{}.{}", PUGIXML_VERSION / 1000, PUGIXML_VERSION % 1000 / 10)},
      {"uriparser", URI_VER_ANSI},
      {"RapidJSON", RAPIDJSON_VERSION_STRING},
      {"fmt", fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
  };
}

} // namespace svcdesc
