// The phone and e-mail normalizers: to_e164, find_phones and find_emails on any text. A number
// given must be E.164: '+' and 8 to 15 digits.

#include "fuzz_common.hpp"

#include <svcdesc/normalize/phone.hpp>

#include <algorithm>

using namespace svcdesc;

namespace {

void check_e164(const std::string& n) {
  SVCDESC_FUZZ_CHECK(n.size() >= 2 && n.size() <= 16 && n[0] == '+');
  SVCDESC_FUZZ_CHECK(std::all_of(n.begin() + 1, n.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s = fuzz::as_text(data, size);
  if (std::optional<std::string> n = normalize::to_e164(s))
    check_e164(*n);
  for (const normalize::PhoneMention& m : normalize::find_phones(s)) {
    if (m.e164)
      check_e164(*m.e164);
    SVCDESC_FUZZ_CHECK(!(m.masked && m.e164));
  }
  for (const normalize::EmailMention& m : normalize::find_emails(s))
    SVCDESC_FUZZ_CHECK(m.address.find('@') != std::string::npos);
  return 0;
}
