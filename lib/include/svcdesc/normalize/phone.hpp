#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::normalize {

// A Finnish phone number as written ("0295 163 331", "(09) 771 2644", "+358 (0)295 163 331",
// "040-549 9734") in E.164 ("+358295163331"); nullopt when it is not a plausible number. A
// masked number ("0295 163 xxx") is not a number.
std::optional<std::string> to_e164(std::string_view written);

struct PhoneMention {
  std::string written; // as on the page, without the "puh." label
  std::optional<std::string> e164;
  bool masked = false; // digits replaced by x: kept as written, never turned into a number
};

// The phone numbers in a line of text, found after a label (p., puh., puhelin, tel., tfn,
// phone) or as a number that starts with +358 or 0 and has enough digits.
std::vector<PhoneMention> find_phones(std::string_view line);

struct EmailMention {
  std::string address; // normalized: "(at)" and "(a)" spellings turned into "@", lower case
  bool pattern = false; // "etunimi.sukunimi@stm.fi": how the organisation's addresses are made
};

// The e-mail addresses in a line, including "nimi(at)kunta.fi" and "nimi (a) kunta.fi".
std::vector<EmailMention> find_emails(std::string_view line);

} // namespace svcdesc::normalize
