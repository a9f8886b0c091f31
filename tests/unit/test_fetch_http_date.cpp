#include <svcdesc/fetch/http_date.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

using svcdesc::fetch::charset_of_content_type;
using svcdesc::fetch::format_http_date;
using svcdesc::fetch::format_rfc3339;
using svcdesc::fetch::parse_http_date;
using svcdesc::fetch::parse_retry_after;

namespace {

// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example.
constexpr std::int64_t k_rfc_example = 784'111'777;

} // namespace

TEST_CASE("fetch::parse_http_date") {
  SUBCASE("RFC 9110 5.6.7: the three forms of the same instant") {
    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == k_rfc_example);
    CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == k_rfc_example);
    CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == k_rfc_example);
  }
  SUBCASE("what servers send besides") {
    CHECK(parse_http_date("  Mon, 23 Nov 2026 07:00:00 GMT ") == 1'795'417'200);
    CHECK(parse_http_date("mon, 23 nov 2026 07:00:00 gmt") == 1'795'417'200);
    CHECK(parse_http_date("Mon, 23 Nov 2026 07:00:00 UTC") == 1'795'417'200);
    CHECK(parse_http_date("Mon, 3 Nov 2026 07:00:00 GMT") == 1'793'689'200);
    CHECK(parse_http_date("Monday, 23-Nov-2026 07:00:00 GMT") == 1'795'417'200);
    CHECK(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT") == 0);
    CHECK(parse_http_date("Wed, 31 Dec 1969 23:59:59 GMT") == -1);
    CHECK(parse_http_date("Thursday, 01-Jan-70 00:00:00 GMT") == 0);
    CHECK(parse_http_date("Friday, 31-Dec-49 23:59:59 GMT") == 2'524'607'999);
    CHECK(parse_http_date("Thu, 29 Feb 2024 12:00:00 GMT") == 1'709'208'000);
    CHECK(parse_http_date("Wed Nov 25 10:11:12 2026") == 1'795'601'472);
  }
  SUBCASE("invalid dates and garbage are nullopt") {
    for (std::string_view bad :
         {"", "0", "yesterday", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 EET",
          "Sun, 06 Nov 1994 08:49:37 GMT junk", "Sun, 31 Nov 1994 08:49:37 GMT",
          "Sun, 29 Feb 2023 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
          "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Xyz 1994 08:49:37 GMT",
          "Sun, 06 Nov 94 08:49:37 GMT", "Sun, 06-Nov-994 08:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT",
          "Sun, 06 Nov 1994 8:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT", "2026-11-23T07:00:00Z",
          "Sun Nov  6 08:49:37", "Sun, 06 Nov 0000 08:49:37 GMT"})
      CHECK_MESSAGE(!parse_http_date(bad), bad);
  }
}

TEST_CASE("fetch::format_http_date and format_rfc3339") {
  CHECK(format_http_date(k_rfc_example) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(format_http_date(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
  CHECK(format_http_date(-1) == "Wed, 31 Dec 1969 23:59:59 GMT");
  CHECK(format_http_date(1'795'417'200) == "Mon, 23 Nov 2026 07:00:00 GMT");
  CHECK(parse_http_date(format_http_date(1'709'208'000)) == 1'709'208'000);
  CHECK(format_rfc3339(1'795'417'200) == "2026-11-23T07:00:00Z");
  CHECK(format_rfc3339(1'709'251'199) == "2024-02-29T23:59:59Z");
  CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
  // Out-of-range times are clamped to the four-digit years, never undefined.
  CHECK(format_rfc3339(INT64_MAX) == "9999-12-31T23:59:59Z");
  CHECK(format_rfc3339(INT64_MIN) == "0001-01-01T00:00:00Z");
  CHECK(format_http_date(INT64_MAX) == "Fri, 31 Dec 9999 23:59:59 GMT");
}

TEST_CASE("fetch::parse_retry_after") {
  constexpr std::int64_t now = 1'795'417'200; // Mon, 23 Nov 2026 07:00:00 GMT
  CHECK(parse_retry_after("120", now) == doctest::Approx(120.0));
  CHECK(parse_retry_after(" 0 ", now) == doctest::Approx(0.0));
  CHECK(parse_retry_after("Mon, 23 Nov 2026 07:01:30 GMT", now) == doctest::Approx(90.0));
  CHECK(parse_retry_after("Mon, 23 Nov 2026 06:00:00 GMT", now) == doctest::Approx(0.0));
  CHECK(parse_retry_after("99999999999999999999999", now) == doctest::Approx(1e15));
  CHECK_FALSE(parse_retry_after("-5", now));
  CHECK_FALSE(parse_retry_after("1.5", now));
  CHECK_FALSE(parse_retry_after("soon", now));
  CHECK_FALSE(parse_retry_after("", now));
}

TEST_CASE("fetch::charset_of_content_type") {
  CHECK(charset_of_content_type("text/html; charset=\"ISO-8859-1\"") == "iso-8859-1");
  CHECK(charset_of_content_type("text/html;charset=UTF-8") == "utf-8");
  CHECK(charset_of_content_type("text/html; Charset = windows-1252 ; q=1") == "windows-1252");
  CHECK(charset_of_content_type("text/plain; format=flowed; charset=us-ascii") == "us-ascii");
  CHECK(charset_of_content_type("text/html; title=\"a;charset=x\"; charset=utf-8") == "utf-8");
  CHECK(charset_of_content_type("text/html; charset=\"ut\\f-8\"") == "utf-8");
  CHECK_FALSE(charset_of_content_type("text/html"));
  CHECK_FALSE(charset_of_content_type("text/html; charset="));
  CHECK_FALSE(charset_of_content_type("text/html; charset=\"\""));
  CHECK_FALSE(charset_of_content_type("text/html; charset"));
  CHECK_FALSE(charset_of_content_type("text/html; charset=\"unterminated"));
  CHECK_FALSE(charset_of_content_type(""));
}
