#include <svcdesc/normalize/date.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

using svcdesc::normalize::Date;
using svcdesc::normalize::parse_date;
using svcdesc::normalize::parse_date_prefix;

namespace {

// The ISO form of a parsed date, or "none".
std::string iso_of(std::string_view s) {
  auto d = parse_date(s);
  return d ? d->iso() : std::string("none");
}

} // namespace

TEST_CASE("normalize::Date::iso") {
  CHECK(Date{2020, 2, 6}.iso() == "2020-02-06");
  CHECK(Date{1999, 12, 31}.iso() == "1999-12-31");
  CHECK(Date{2020, 2, 6} < Date{2020, 2, 7});
  CHECK(Date{2019, 12, 31} < Date{2020, 1, 1});
}

TEST_CASE("normalize::parse_date") {
  SUBCASE("Finnish numeric dates") {
    CHECK(iso_of("6.2.2020") == "2020-02-06");
    CHECK(iso_of("06.02.2020") == "2020-02-06");
    CHECK(iso_of("31.7.2020") == "2020-07-31");
    CHECK(iso_of("14.3.2023") == "2023-03-14");
    CHECK(iso_of("19.2.2019") == "2019-02-19");
  }
  SUBCASE("with a time") {
    CHECK(iso_of("6.2.2020 klo 12.30") == "2020-02-06");
    CHECK(iso_of("20.9.2018 9.13") == "2018-09-20");
    CHECK(iso_of("13.4.2025 klo 15:38") == "2025-04-13");
    CHECK(iso_of("13.4.2025 kl. 9:00") == "2025-04-13");
    CHECK(iso_of("13.4.2025 at 15.38") == "2025-04-13");
  }
  SUBCASE("month names") {
    CHECK(iso_of("6. helmikuuta 2020") == "2020-02-06");
    CHECK(iso_of("6 helmikuuta 2020") == "2020-02-06");
    CHECK(iso_of("1. joulukuuta 2019") == "2019-12-01");
    CHECK(iso_of("24. kesäkuuta 2022") == "2022-06-24");
    CHECK(iso_of("13 april 2025") == "2025-04-13");
    CHECK(iso_of("13 April 2025") == "2025-04-13");
    CHECK(iso_of("3 mars 2021") == "2021-03-03");
    CHECK(iso_of("April 13, 2025") == "2025-04-13");
    CHECK(iso_of("Sept. 5, 2024") == "2024-09-05");
  }
  SUBCASE("slashes are day first, as on English suomi.fi pages") {
    CHECK(iso_of("1/2/2024") == "2024-02-01");
    CHECK(iso_of("13/4/2025") == "2025-04-13");
    CHECK(iso_of("4/13/2025") == "none"); // month 13
  }
  SUBCASE("ISO") {
    CHECK(iso_of("2020-02-06") == "2020-02-06");
    CHECK(iso_of("2020-02-06T10:00:00Z") == "2020-02-06");
    CHECK(iso_of("2020-02-06T10:00:00+02:00") == "2020-02-06");
    CHECK(iso_of("2020-02-06 10:00") == "2020-02-06");
  }
  SUBCASE("spaces around and a final period are allowed") {
    CHECK(iso_of("  6.2.2020  ") == "2020-02-06");
    CHECK(iso_of("6.2.2020.") == "2020-02-06");
  }
  SUBCASE("a law number is not a date") {
    CHECK(iso_of("734/1992") == "none");
    CHECK(iso_of("1301/2014") == "none");
    CHECK(iso_of("417/2007") == "none");
    CHECK(iso_of("12/2020") == "none");
  }
  SUBCASE("impossible calendar dates") {
    CHECK(iso_of("31.2.2020") == "none");
    CHECK(iso_of("29.2.2023") == "none");
    CHECK(iso_of("31.4.2024") == "none");
    CHECK(iso_of("0.1.2020") == "none");
    CHECK(iso_of("1.13.2020") == "none");
    CHECK(iso_of("2020-13-01") == "none");
    CHECK(iso_of("2020-02-30") == "none");
  }
  SUBCASE("leap days") {
    CHECK(iso_of("29.2.2024") == "2024-02-29");
    CHECK(iso_of("29.2.2000") == "2000-02-29");
    CHECK(iso_of("29.2.1900") == "none");
  }
  SUBCASE("ranges are not dates") {
    CHECK(iso_of("2020-2022") == "none");
    CHECK(iso_of("1.1.2020-31.12.2020") == "none");
    CHECK(iso_of("1.1.2020 - 31.12.2020") == "none");
    CHECK(iso_of("1.1.2020–31.12.2020") == "none");
  }
  SUBCASE("a year alone, or a year out of range") {
    CHECK(iso_of("2020") == "none");
    CHECK(iso_of("2020.") == "none");
    CHECK(iso_of("1.1.1899") == "none");
    CHECK(iso_of("1.1.2101") == "none");
    CHECK(iso_of("6.2.20") == "none");
    CHECK(iso_of("6.2.20201") == "none");
  }
  SUBCASE("other things that are not dates") {
    CHECK(iso_of("") == "none");
    CHECK(iso_of("suomi") == "none");
    CHECK(iso_of("7 kuntaa") == "none");
    CHECK(iso_of("12,50 €") == "none");
    CHECK(iso_of("6.2.2020 Kuopio") == "none");
    CHECK(iso_of("6. helmikuu") == "none");
  }
}

TEST_CASE("normalize::parse_date_prefix") {
  SUBCASE("a long run of digits is no date part (and no signed overflow)") {
    // Found by fuzzing (tests/fuzz/regressions/date/): UBSan reported the overflow.
    CHECK_FALSE(parse_date_prefix("2023-03-777777777701.2101").has_value());
    CHECK_FALSE(parse_date_prefix("99999999999.2.2020").has_value());
    CHECK_FALSE(parse_date("6.2.202099999999999").has_value());
  }
  SUBCASE("the length covers the date only") {
    auto m = parse_date_prefix("6.2.2020 Kotkassa avoin varhaiskasvatus");
    REQUIRE(m);
    CHECK(m->date == Date{2020, 2, 6});
    CHECK(m->length == 8);
  }
  SUBCASE("a time after the date is consumed with it") {
    std::string_view s = "6.2.2020 klo 12.30 alkaen";
    auto m = parse_date_prefix(s);
    REQUIRE(m);
    CHECK(m->date == Date{2020, 2, 6});
    CHECK(s.substr(m->length) == " alkaen");
    std::string_view t = "20.9.2018 9.13";
    auto m2 = parse_date_prefix(t);
    REQUIRE(m2);
    CHECK(m2->length == t.size());
  }
  SUBCASE("the slash before another date is left for the caller") {
    std::string_view s = "2.2.2021/ Päivitetty 19.2.2019";
    auto m = parse_date_prefix(s);
    REQUIRE(m);
    CHECK(m->date == Date{2021, 2, 2});
    CHECK(s.substr(m->length) == "/ Päivitetty 19.2.2019");
  }
  SUBCASE("no date at the start") {
    CHECK_FALSE(parse_date_prefix("Päivitetty 6.2.2020").has_value());
    CHECK_FALSE(parse_date_prefix("734/1992 mukaan").has_value());
    CHECK_FALSE(parse_date_prefix("").has_value());
  }
  SUBCASE("a date followed by more digits is part of something longer") {
    CHECK_FALSE(parse_date_prefix("6.2.20201").has_value());
  }
}
