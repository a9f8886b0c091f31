#pragma once

#include <svcdesc/core/result.hpp>

#include <string>
#include <string_view>

namespace svcdesc::fetch {

// Normalizes `url` as RFC 3986 section 6.2 describes: scheme and host in lower case, the default
// port (80 for http, 443 for https) dropped, dot segments removed, percent-encodings in upper case
// and those of unreserved characters decoded, an empty path made "/", the fragment dropped. An IDN
// host is kept in Unicode, case-folded (no punycode). Spaces, non-ASCII bytes and a stray '%' in
// the path or query are percent-encoded as browsers do. Only http and https are accepted, and file
// when `allow_file`. Leading and trailing white space is ignored. On bad input the error says what
// is wrong: "not a URL" (with the reason: empty, longer than 8 KiB, a control character, no
// scheme), "scheme 'ftp' is not http or https", "no host", "port 99999 is out of range".
Result<std::string> normalize_url(std::string_view url, bool allow_file = false);

// The part of a normalized URL that politeness is per: "host" or "host:port" (the port only when it
// is not the default one). Returns "" for a string without an authority (a file URL).
std::string host_key(std::string_view normalized_url);

// Resolves `reference` (a redirect's Location header, a sitemap's <loc>) against `base` as RFC 3986
// section 5.2 describes, then normalizes the result like normalize_url. An absolute reference
// ignores `base`. Errors as normalize_url's, for the base or the result.
Result<std::string> resolve_url(std::string_view base, std::string_view reference,
                                bool allow_file = false);

// The path and query of a normalized URL as robots.txt rules match them ("/a/b?x=1"); "/" when the
// URL has no path.
std::string path_and_query(std::string_view normalized_url);

} // namespace svcdesc::fetch
