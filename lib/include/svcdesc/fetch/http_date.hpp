#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace svcdesc::fetch {

// Parses an RFC 9110 HTTP-date in any of its three forms: IMF-fixdate ("Sun, 06 Nov 1994 08:49:37
// GMT"), RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT", two-digit years read as RFC 9110 5.6.7 says)
// and asctime ("Sun Nov  6 08:49:37 1994"). Returns Unix seconds, or nullopt when the text is not
// a valid date (a day that does not exist, a time out of range, trailing garbage). The day name is
// not checked against the date, as recipients are told to be lenient.
std::optional<std::int64_t> parse_http_date(std::string_view text);

// Formats Unix seconds as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), for If-Modified-Since.
std::string format_http_date(std::int64_t unix_seconds);

// Reads a Retry-After value: delay-seconds, or an HTTP-date taken relative to `now_unix`. A date in
// the past gives 0. Returns nullopt when the value is neither.
std::optional<double> parse_retry_after(std::string_view value, std::int64_t now_unix);

// The charset parameter of a Content-Type header value, unquoted and in lower case
// ("text/html; charset=\"ISO-8859-1\"" -> "iso-8859-1"); nullopt when there is none or it is empty.
std::optional<std::string> charset_of_content_type(std::string_view content_type);

// Formats Unix seconds as an RFC 3339 UTC timestamp ("2026-11-23T07:00:00Z") for source.fetched_at.
std::string format_rfc3339(std::int64_t unix_seconds);

} // namespace svcdesc::fetch
