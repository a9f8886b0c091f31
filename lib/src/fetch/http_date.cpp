// HTTP header values the fetcher reads and writes: dates (RFC 9110 5.6.7), Retry-After (RFC 9110
// 10.2.3) and the charset parameter of Content-Type (RFC 9110 8.3).
//
// Senders must write IMF-fixdate, but recipients must also read the two obsolete forms, so one
// small scanner reads all three: a day name, then either ", DD Mon YYYY" (IMF-fixdate),
// ", DD-Mon-YY" (RFC 850) or " Mon D" (asctime, whose year comes after the time). Names are read
// without regard to case and runs of spaces count as one, as servers are not always exact; any
// other deviation, a date that does not exist or a time out of range makes the value invalid, so
// a caller never acts on a guessed date. The calendar arithmetic is normalize/date's.
#include <svcdesc/fetch/http_date.hpp>
#include <svcdesc/normalize/date.hpp>
#include <svcdesc/text/utf8.hpp>

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace svcdesc::fetch {
namespace {

constexpr std::array<std::string_view, 7> k_days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> k_long_days{"sunday",   "monday", "tuesday", "wednesday",
                                                      "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr std::int64_t k_seconds_per_day = 86'400;
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years four digits can write.
constexpr std::int64_t k_min_unix = -62'135'596'800;
constexpr std::int64_t k_max_unix = 253'402'300'799;

struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i == s.size(); }
  bool eat(char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  // One or more spaces.
  bool spaces() {
    std::size_t start = i;
    while (i < s.size() && s[i] == ' ')
      ++i;
    return i > start;
  }
  std::string word() {
    std::size_t start = i;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
      ++i;
    return text::ascii_lower(s.substr(start, i - start));
  }
  // Between `min` and `max` decimal digits.
  std::optional<int> number(std::size_t min, std::size_t max) {
    std::size_t start = i;
    int value = 0;
    while (i < s.size() && i - start < max && s[i] >= '0' && s[i] <= '9')
      value = value * 10 + (s[i++] - '0');
    if (i - start < min)
      return std::nullopt;
    return value;
  }
  // number(), stored in `field`; false if there is none.
  bool number_into(int& field, std::size_t min, std::size_t max) {
    auto value = number(min, max);
    field = value.value_or(0);
    return value.has_value();
  }
};

struct Fields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

bool day_name(const std::string& word) {
  auto is = [&](std::string_view name) { return text::ascii_lower(name) == word; };
  return std::any_of(k_days.begin(), k_days.end(), is) ||
         std::any_of(k_long_days.begin(), k_long_days.end(), is);
}

std::optional<int> month_of(const std::string& word) {
  for (std::size_t m = 0; m < k_months.size(); ++m)
    if (text::ascii_lower(k_months[m]) == word)
      return static_cast<int>(m) + 1;
  return std::nullopt;
}

bool read_time(Cursor& c, Fields& f) {
  return c.number_into(f.hour, 2, 2) && c.eat(':') && c.number_into(f.minute, 2, 2) && c.eat(':') &&
         c.number_into(f.second, 2, 2);
}

bool read_month(Cursor& c, Fields& f) {
  auto month = month_of(c.word());
  if (!month)
    return false;
  f.month = *month;
  return true;
}

// After the day name and the comma: "06 Nov 1994 08:49:37 GMT" or "06-Nov-94 08:49:37 GMT".
bool read_imf_or_rfc850(Cursor& c, Fields& f) {
  c.spaces();
  if (!c.number_into(f.day, 1, 2))
    return false;
  if (c.eat('-')) {
    if (!read_month(c, f) || !c.eat('-'))
      return false;
    std::size_t start = c.i;
    auto year = c.number(2, 4);
    if (!year || c.i - start == 3)
      return false;
    // Without a clock, "more than 50 years in the future" (RFC 9110 5.6.7) becomes a fixed pivot.
    f.year = c.i - start == 4 ? *year : *year + (*year < 70 ? 2000 : 1900);
  } else if (!c.spaces() || !read_month(c, f) || !c.spaces() || !c.number_into(f.year, 4, 4)) {
    return false;
  }
  if (!c.spaces() || !read_time(c, f) || !c.spaces())
    return false;
  std::string zone = c.word();
  return zone == "gmt" || zone == "utc";
}

// After the day name: "Nov  6 08:49:37 1994".
bool read_asctime(Cursor& c, Fields& f) {
  return c.spaces() && read_month(c, f) && c.spaces() && c.number_into(f.day, 1, 2) &&
         c.spaces() && read_time(c, f) && c.spaces() && c.number_into(f.year, 4, 4);
}

std::optional<std::int64_t> to_unix(const Fields& f) {
  if (f.year < 1 || f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour > 23 ||
      f.minute > 59 || f.second > 60)
    return std::nullopt;
  normalize::Date date{f.year, f.month, f.day};
  std::int64_t days = normalize::days_from_date(date);
  if (normalize::date_from_days(days) != date) // 31 April, 29 February of a common year
    return std::nullopt;
  return days * k_seconds_per_day + f.hour * 3600 + f.minute * 60 + f.second;
}

struct Broken {
  normalize::Date date;
  std::int64_t seconds_of_day = 0;
  std::size_t weekday = 0; // 0 is Sunday
};

Broken break_down(std::int64_t unix_seconds) {
  unix_seconds = std::clamp(unix_seconds, k_min_unix, k_max_unix);
  std::int64_t days = unix_seconds / k_seconds_per_day;
  std::int64_t rest = unix_seconds % k_seconds_per_day;
  if (rest < 0) {
    rest += k_seconds_per_day;
    --days;
  }
  // 1970-01-01 was a Thursday.
  auto weekday = static_cast<std::size_t>(((days % 7) + 7 + 4) % 7);
  return Broken{normalize::date_from_days(days), rest, weekday};
}

} // namespace

std::optional<std::int64_t> parse_http_date(std::string_view text) {
  Cursor c{text::trim(text)};
  if (c.s.size() > 64)
    return std::nullopt;
  if (!day_name(c.word()))
    return std::nullopt;
  Fields fields;
  bool ok = c.eat(',') ? read_imf_or_rfc850(c, fields) : read_asctime(c, fields);
  if (!ok || !c.done())
    return std::nullopt;
  return to_unix(fields);
}

std::string format_http_date(std::int64_t unix_seconds) {
  Broken b = break_down(unix_seconds);
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", k_days[b.weekday], b.date.day,
                     k_months[static_cast<std::size_t>(b.date.month - 1)], b.date.year,
                     b.seconds_of_day / 3600, b.seconds_of_day / 60 % 60, b.seconds_of_day % 60);
}

std::optional<double> parse_retry_after(std::string_view value, std::int64_t now_unix) {
  value = text::trim(value);
  if (!value.empty() && std::all_of(value.begin(), value.end(),
                                    [](char ch) { return ch >= '0' && ch <= '9'; })) {
    // Digits past the fifteenth cannot matter: that is 30 million years already.
    double seconds = 0;
    for (char ch : value.substr(0, 15))
      seconds = seconds * 10 + (ch - '0');
    if (value.size() > 15)
      seconds = 1e15;
    return seconds;
  }
  auto date = parse_http_date(value);
  if (!date)
    return std::nullopt;
  return std::max(0.0, static_cast<double>(*date) - static_cast<double>(now_unix));
}

std::optional<std::string> charset_of_content_type(std::string_view content_type) {
  // The media type, then "; name=value" parameters whose value may be a quoted-string.
  std::size_t i = content_type.find(';');
  while (i != std::string_view::npos && i < content_type.size()) {
    ++i; // past ';'
    std::size_t name_end = content_type.find_first_of("=;", i);
    if (name_end == std::string_view::npos)
      break;
    std::string name = text::ascii_lower(text::trim(content_type.substr(i, name_end - i)));
    i = name_end;
    if (content_type[i] == ';')
      continue;
    ++i; // past '='
    while (i < content_type.size() && (content_type[i] == ' ' || content_type[i] == '\t'))
      ++i;
    std::string value;
    if (i < content_type.size() && content_type[i] == '"') {
      for (++i; i < content_type.size() && content_type[i] != '"'; ++i) {
        if (content_type[i] == '\\' && i + 1 < content_type.size())
          ++i;
        value += content_type[i];
      }
      if (i >= content_type.size()) // no closing quote: the header is broken from here on
        return std::nullopt;
      i = content_type.find(';', i);
    } else {
      std::size_t end = content_type.find(';', i);
      value = text::trim(content_type.substr(i, end == std::string_view::npos ? end : end - i));
      i = end;
    }
    if (name == "charset") {
      value = text::ascii_lower(text::trim(value));
      if (value.empty() || value.size() > 64)
        return std::nullopt;
      return value;
    }
  }
  return std::nullopt;
}

std::string format_rfc3339(std::int64_t unix_seconds) {
  Broken b = break_down(unix_seconds);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", b.date.year, b.date.month, b.date.day,
                     b.seconds_of_day / 3600, b.seconds_of_day / 60 % 60, b.seconds_of_day % 60);
}

} // namespace svcdesc::fetch
