// The date normalizer.
//
// Dates on these sites are written by hand in many ways, so this is a small hand-written scanner
// rather than a regular expression: a number, a separator, then either a number or a month name,
// then a year, and optionally a time. Numeric dates are read day first, which is the Finnish and
// Swedish order and also what English suomi.fi pages use (`Updated: 1/2/2024` is 1 February).
// Anything that does not validate as a calendar date is rejected rather than guessed, and the
// caller records a warning: a wrong date is worse than none.
#include <svcdesc/normalize/date.hpp>
#include <svcdesc/text/utf8.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <fmt/format.h>

namespace svcdesc::normalize {
namespace {

struct MonthName {
  std::string_view name;
  int month;
};

// Finnish (partitive and nominative), Swedish and English month names, longest forms first where
// one is a prefix of another.
constexpr std::array k_months{
    MonthName{"tammikuuta", 1}, MonthName{"helmikuuta", 2}, MonthName{"maaliskuuta", 3},
    MonthName{"huhtikuuta", 4}, MonthName{"toukokuuta", 5}, MonthName{"kesäkuuta", 6},
    MonthName{"heinäkuuta", 7}, MonthName{"elokuuta", 8},   MonthName{"syyskuuta", 9},
    MonthName{"lokakuuta", 10}, MonthName{"marraskuuta", 11}, MonthName{"joulukuuta", 12},
    MonthName{"tammikuu", 1},   MonthName{"helmikuu", 2},   MonthName{"maaliskuu", 3},
    MonthName{"huhtikuu", 4},   MonthName{"toukokuu", 5},   MonthName{"kesäkuu", 6},
    MonthName{"heinäkuu", 7},   MonthName{"elokuu", 8},     MonthName{"syyskuu", 9},
    MonthName{"lokakuu", 10},   MonthName{"marraskuu", 11}, MonthName{"joulukuu", 12},
    MonthName{"januari", 1},    MonthName{"februari", 2},   MonthName{"mars", 3},
    MonthName{"april", 4},      MonthName{"maj", 5},        MonthName{"juni", 6},
    MonthName{"juli", 7},       MonthName{"augusti", 8},    MonthName{"september", 9},
    MonthName{"oktober", 10},   MonthName{"november", 11},  MonthName{"december", 12},
    MonthName{"january", 1},    MonthName{"february", 2},   MonthName{"march", 3},
    MonthName{"may", 5},        MonthName{"june", 6},       MonthName{"july", 7},
    MonthName{"august", 8},     MonthName{"october", 10},   MonthName{"jan", 1},
    MonthName{"feb", 2},        MonthName{"mar", 3},        MonthName{"apr", 4},
    MonthName{"jun", 6},        MonthName{"jul", 7},        MonthName{"aug", 8},
    MonthName{"sep", 9},        MonthName{"sept", 9},       MonthName{"oct", 10},
    MonthName{"okt", 10},       MonthName{"nov", 11},       MonthName{"dec", 12},
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

bool valid(const Date& d) {
  if (d.year < 1900 || d.year > 2100 || d.month < 1 || d.month > 12 || d.day < 1)
    return false;
  static constexpr std::array<int, 12> k_days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.day > k_days[static_cast<size_t>(d.month - 1)])
    return false;
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  return !(d.month == 2 && d.day == 29 && !leap);
}

class Scanner {
public:
  explicit Scanner(std::string_view s) : m_s(s) {}

  size_t pos() const { return m_pos; }
  void reset(size_t pos) { m_pos = pos; }
  bool done() const { return m_pos >= m_s.size(); }
  char peek() const { return done() ? '\0' : m_s[m_pos]; }

  // Up to `max` digits; returns -1 when there are none or more than `max`.
  int number(size_t max) {
    size_t start = m_pos;
    int value = 0;
    while (!done() && is_digit(peek())) {
      // A long run of digits is not a date part: count it, but keep `value` from overflowing.
      if (m_pos - start < max)
        value = value * 10 + (peek() - '0');
      ++m_pos;
    }
    size_t n = m_pos - start;
    if (n == 0 || n > max) {
      m_pos = start;
      return -1;
    }
    return value;
  }
  // "-3", "–31.12.", " - 31.12.": a range continues after the date.
  bool starts_range() const {
    std::string_view rest = m_s.substr(m_pos);
    while (!rest.empty() && rest.front() == ' ')
      rest.remove_prefix(1);
    for (std::string_view dash : {"-", "–", "—"}) {
      if (rest.starts_with(dash)) {
        rest.remove_prefix(dash.size());
        while (!rest.empty() && rest.front() == ' ')
          rest.remove_prefix(1);
        return !rest.empty() && is_digit(rest.front());
      }
    }
    return false;
  }
  bool accept(char c) {
    if (peek() != c)
      return false;
    ++m_pos;
    return true;
  }
  void spaces() {
    while (!done() && peek() == ' ')
      ++m_pos;
  }
  int month_name() {
    size_t end = m_pos;
    while (end < m_s.size() && is_letter_byte(m_s[end]))
      ++end;
    std::string word = text::fold(m_s.substr(m_pos, end - m_pos));
    for (const MonthName& m : k_months) {
      if (word == m.name) {
        m_pos = end;
        accept('.'); // "Sept." / "jan."
        return m.month;
      }
    }
    return -1;
  }
  // A time after a date: ` klo 12.30`, ` 9.13`, ` at 15.38`, ` kl. 9:00`, `T10:00:00Z`.
  void optional_time() {
    size_t start = m_pos;
    if (accept('T')) {
      while (!done() && (is_digit(peek()) || peek() == ':' || peek() == '.' || peek() == 'Z' ||
                         peek() == '+' || peek() == '-'))
        ++m_pos;
      return;
    }
    spaces();
    for (std::string_view word : {"klo", "kl.", "kl", "at"}) {
      if (m_s.substr(m_pos).starts_with(word)) {
        m_pos += word.size();
        spaces();
        break;
      }
    }
    int hour = number(2);
    char sep = peek();
    if (hour >= 0 && hour < 24 && (sep == '.' || sep == ':')) {
      ++m_pos;
      int minute = number(2);
      if (minute >= 0 && minute < 60) {
        if (accept(':') || accept('.'))
          number(2);
        return;
      }
    }
    m_pos = start;
  }

private:
  std::string_view m_s;
  size_t m_pos = 0;
};

std::optional<DateMatch> finish(Scanner& sc, Date d) {
  if (!valid(d))
    return std::nullopt;
  // A digit right after, or a dash and a digit ("1.1.2020-31.12.2020", "2020-2022"), means this
  // was part of something longer: a number, a range.
  if (is_digit(sc.peek()))
    return std::nullopt;
  if (sc.starts_range())
    return std::nullopt;
  sc.optional_time();
  return DateMatch{d, sc.pos()};
}

} // namespace

int64_t days_from_date(const Date& date) {
  std::chrono::year_month_day ymd{std::chrono::year{date.year},
                                  std::chrono::month{static_cast<unsigned>(date.month)},
                                  std::chrono::day{static_cast<unsigned>(date.day)}};
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

Date date_from_days(int64_t days) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

Date date_from_unix_seconds(int64_t seconds) {
  return date_from_days(
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{seconds}})
          .time_since_epoch()
          .count());
}

Result<Date> parse_iso_date(std::string_view s) {
  auto digits = [&](size_t at, size_t n) {
    return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(at),
                       s.begin() + static_cast<std::ptrdiff_t>(at + n), is_digit);
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2))
    return unexpected(fmt::format("'{}' is not a date of the form YYYY-MM-DD", s));
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i)
      v = v * 10 + (s[i] - '0');
    return v;
  };
  Date d{num(0, 4), num(5, 2), num(8, 2)};
  std::chrono::year_month_day ymd{std::chrono::year{d.year},
                                  std::chrono::month{static_cast<unsigned>(d.month)},
                                  std::chrono::day{static_cast<unsigned>(d.day)}};
  if (!ymd.ok())
    return unexpected(fmt::format("'{}' is not a date in the calendar", s));
  return d;
}

Date add_months(const Date& date, int months) {
  using namespace std::chrono;
  year_month ym = year_month{year{date.year}, month{static_cast<unsigned>(date.month)}} +
                  std::chrono::months{months};
  unsigned last = static_cast<unsigned>(year_month_day_last{ym.year(), month_day_last{ym.month()}}.day());
  return Date{static_cast<int>(ym.year()), static_cast<int>(static_cast<unsigned>(ym.month())),
              static_cast<int>(std::min(static_cast<unsigned>(date.day), last))};
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

std::optional<DateMatch> parse_date_prefix(std::string_view s) {
  Scanner sc(s);
  int first = sc.number(4);
  if (first >= 0 && sc.pos() == 4) {
    // ISO: 2020-02-06
    if (!sc.accept('-'))
      return std::nullopt;
    int month = sc.number(2);
    if (month < 0 || !sc.accept('-'))
      return std::nullopt;
    int day = sc.number(2);
    if (day < 0)
      return std::nullopt;
    return finish(sc, Date{first, month, day});
  }
  if (first > 0) {
    size_t after_day = sc.pos();
    // 6.2.2020, 1/2/2024
    for (char sep : {'.', '/'}) {
      sc.reset(after_day);
      if (!sc.accept(sep))
        continue;
      int month = sc.number(2);
      if (month < 0 || !sc.accept(sep))
        continue;
      int year = sc.number(4);
      if (year < 1000)
        continue;
      return finish(sc, Date{year, month, first});
    }
    // 6. helmikuuta 2020, 13 april 2025
    sc.reset(after_day);
    sc.accept('.');
    sc.spaces();
    int month = sc.month_name();
    if (month < 0)
      return std::nullopt;
    sc.spaces();
    int year = sc.number(4);
    if (year < 1000)
      return std::nullopt;
    return finish(sc, Date{year, month, first});
  }
  // April 13, 2025
  int month = sc.month_name();
  if (month < 0)
    return std::nullopt;
  sc.spaces();
  int day = sc.number(2);
  if (day < 0)
    return std::nullopt;
  sc.accept(',');
  sc.spaces();
  int year = sc.number(4);
  if (year < 1000)
    return std::nullopt;
  return finish(sc, Date{year, month, day});
}

std::optional<Date> parse_date(std::string_view s) {
  s = text::trim(s);
  auto match = parse_date_prefix(s);
  if (!match)
    return std::nullopt;
  std::string_view rest = text::trim(s.substr(match->length));
  if (!rest.empty() && rest != ".")
    return std::nullopt;
  return match->date;
}

} // namespace svcdesc::normalize
