#pragma once

#include <svcdesc/core/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace svcdesc::normalize {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // "YYYY-MM-DD".
  std::string iso() const;
  auto operator<=>(const Date&) const = default;
};

struct DateMatch {
  Date date;
  size_t length = 0; // bytes of the input the date (and any time after it) took
};

// Reads the calendar date at the start of `s` in the forms seen on Finnish public-sector sites:
// `6.2.2020`, `06.02.2020`, `6.2.2020 klo 12.30`, `20.9.2018 9.13`, `6. helmikuuta 2020`,
// `13 april 2025`, `April 13, 2025`, `1/2/2024` (day first, as English suomi.fi pages write it), and
// ISO `2020-02-06` or `2020-02-06T10:00:00Z`. A time after the date is consumed with it. Returns
// nullopt when `s` does not start with a real date: `734/1992` (a law number), `31.2.2020`, a bare
// year, or a year outside 1900-2100.
std::optional<DateMatch> parse_date_prefix(std::string_view s);

// Days since 1970-01-01 of a valid date (negative before 1970).
int64_t days_from_date(const Date& date);
// The date `days` days after 1970-01-01.
Date date_from_days(int64_t days);
// The UTC calendar date of a Unix time in seconds (SOURCE_DATE_EPOCH, time()).
Date date_from_unix_seconds(int64_t seconds);
// A strict ISO date "YYYY-MM-DD" that exists in the calendar; an error saying what is wrong
// otherwise.
Result<Date> parse_iso_date(std::string_view text);
// `date` moved by `months` calendar months (negative goes back). The day is kept, or clamped to
// the last day of the target month: 2026-03-31 - 1 month is 2026-02-28, 2024-02-29 - 12 months is
// 2023-02-28.
Date add_months(const Date& date, int months);

// Like parse_date_prefix(), but the whole of `s` (leading and trailing spaces and a final period
// aside) must be the date. A range such as `1.1.2020-31.12.2020` is not a date.
std::optional<Date> parse_date(std::string_view s);

} // namespace svcdesc::normalize
