// The date normalizer: parse_date_prefix and parse_date on any text. A date found must exist in
// the calendar (days and ISO round trips), within the input, and be found again from its ISO form.

#include "fuzz_common.hpp"

#include <svcdesc/normalize/date.hpp>

using namespace svcdesc;

namespace {

void check_date(const normalize::Date& d) {
  SVCDESC_FUZZ_CHECK(d.year >= 1900 && d.year <= 2100);
  SVCDESC_FUZZ_CHECK(normalize::date_from_days(normalize::days_from_date(d)) == d);
  Result<normalize::Date> iso = normalize::parse_iso_date(d.iso());
  SVCDESC_FUZZ_CHECK(iso.has_value() && *iso == d);
  std::optional<normalize::Date> again = normalize::parse_date(d.iso());
  SVCDESC_FUZZ_CHECK(again.has_value() && *again == d);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s = fuzz::as_text(data, size);
  if (std::optional<normalize::DateMatch> m = normalize::parse_date_prefix(s)) {
    SVCDESC_FUZZ_CHECK(m->length > 0 && m->length <= s.size());
    check_date(m->date);
  }
  if (std::optional<normalize::Date> d = normalize::parse_date(s))
    check_date(*d);
  Result<normalize::Date> iso = normalize::parse_iso_date(s);
  if (iso.has_value())
    SVCDESC_FUZZ_CHECK(iso->iso() == s);
  return 0;
}
