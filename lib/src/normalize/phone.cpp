// Phone numbers and e-mail addresses in running text.
//
// Finnish numbers are written with a trunk prefix 0 ("040 549 9734", "(09) 771 2644") or
// internationally, sometimes with the trunk prefix in parentheses ("+358 (0)295 163 331"). E.164
// drops the trunk prefix and the punctuation: +358 followed by 5 to 12 digits. A number whose digits
// are partly replaced by "x" is a deliberate mask and is never completed or normalized.
#include <svcdesc/normalize/phone.hpp>
#include <svcdesc/text/utf8.hpp>

#include <algorithm>
#include <array>

namespace svcdesc::normalize {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters that may appear inside a written phone number.
bool is_phone_char(char c) {
  return is_digit(c) || c == ' ' || c == '-' || c == '(' || c == ')' || c == '+' || c == '/' ||
         c == 'x' || c == 'X';
}

std::string_view trim_phone(std::string_view s) {
  while (!s.empty() && !is_digit(s.front()) && s.front() != '+' && s.front() != '(')
    s.remove_prefix(1);
  while (!s.empty() && !is_digit(s.back()) && s.back() != 'x' && s.back() != 'X' && s.back() != ')')
    s.remove_suffix(1);
  return s;
}

bool is_email_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '-' ||
         c == '_' || c == '+';
}

} // namespace

std::optional<std::string> to_e164(std::string_view written) {
  std::string_view s = text::trim(written);
  if (std::any_of(s.begin(), s.end(), [](char c) { return c == 'x' || c == 'X'; }))
    return std::nullopt;
  std::string digits;
  bool international = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && digits.empty() && !international) {
      international = true;
    } else if (is_digit(c)) {
      digits += c;
    } else if (c == '(' && international && s.substr(i).starts_with("(0)")) {
      i += 2; // "+358 (0)295": the trunk prefix in parentheses is not dialled from abroad
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '/' && c != '.') {
      return std::nullopt;
    }
  }
  if (!international && digits.starts_with("00")) {
    international = true;
    digits.erase(0, 2);
  }
  std::string national;
  if (international) {
    if (!digits.starts_with("358")) {
      if (digits.size() < 7 || digits.size() > 15 || digits[0] == '0')
        return std::nullopt;
      std::string e164 = "+";
      e164 += digits;
      return e164;
    }
    national = digits.substr(3);
  } else {
    if (!digits.starts_with("0"))
      return std::nullopt;
    national = digits.substr(1);
  }
  if (national.empty() || national[0] == '0' || national.size() < 5 || national.size() > 12)
    return std::nullopt;
  std::string e164 = "+358";
  e164 += national;
  return e164;
}

std::vector<PhoneMention> find_phones(std::string_view line) {
  std::vector<PhoneMention> out;
  // A phone number has at least three digits and six digits or masks; most lines have fewer.
  if (std::count_if(line.begin(), line.end(), is_digit) < 3)
    return out;
  std::string lower = text::ascii_lower(line);
  static constexpr std::array<std::string_view, 9> k_labels{
      "puhelin", "puh.", "puh:", "puh ", "p. ", "tel.", "tel:", "tfn", "phone"};
  size_t i = 0;
  while (i < line.size()) {
    // A label, then the number.
    size_t start = std::string_view::npos;
    for (std::string_view label : k_labels) {
      if (lower.compare(i, label.size(), label) == 0 &&
          (i == 0 || !std::isalpha(static_cast<unsigned char>(lower[i - 1])))) {
        start = i + label.size();
        break;
      }
    }
    // Or a bare number starting with +358 or 0.
    if (start == std::string_view::npos && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '(') &&
        (line.substr(i).starts_with("+358") || (line[i] == '0' && i + 1 < line.size() && is_digit(line[i + 1]))))
      start = i;
    if (start == std::string_view::npos) {
      ++i;
      continue;
    }
    while (start < line.size() && (line[start] == ' ' || line[start] == ':'))
      ++start;
    size_t end = start;
    while (end < line.size() && is_phone_char(line[end]))
      ++end;
    std::string_view written = trim_phone(line.substr(start, end - start));
    size_t digits = static_cast<size_t>(std::count_if(written.begin(), written.end(), is_digit));
    size_t masks = static_cast<size_t>(
        std::count_if(written.begin(), written.end(), [](char c) { return c == 'x' || c == 'X'; }));
    if (digits + masks >= 6 && digits >= 3) {
      PhoneMention m{std::string(written), to_e164(written), masks > 0};
      if (m.e164 || m.masked)
        out.push_back(std::move(m));
    }
    i = std::max(end, i + 1);
  }
  return out;
}

std::vector<EmailMention> find_emails(std::string_view line) {
  std::vector<EmailMention> out;
  // Every address has an '@' or a spelled-out "(at)", "(a)" or "[at]".
  if (line.find('@') == std::string_view::npos && line.find("(a") == std::string_view::npos &&
      line.find("[a") == std::string_view::npos && line.find("(A") == std::string_view::npos &&
      line.find("[A") == std::string_view::npos)
    return out;
  std::string s(line);
  // "nimi(at)kunta.fi", "nimi (a) kunta.fi", "nimi [at] kunta.fi" -> "nimi@kunta.fi"
  // A bare " at " is not read as "@": "open for booking on Mondays at 8.00" is no address.
  for (std::string_view spelled : {" (at) ", "(at)", " [at] ", "[at]", " (a) ", "(a)"}) {
    for (size_t at = text::ascii_lower(s).find(spelled); at != std::string::npos;
         at = text::ascii_lower(s).find(spelled, at + 1)) {
      std::string joined = s.substr(0, at);
      joined += '@';
      joined += std::string_view(s).substr(at + spelled.size());
      s = std::move(joined);
    }
  }
  for (size_t at = s.find('@'); at != std::string::npos; at = s.find('@', at + 1)) {
    size_t b = at;
    while (b > 0 && is_email_char(s[b - 1]))
      --b;
    size_t e = at + 1;
    while (e < s.size() && is_email_char(s[e]))
      ++e;
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-'))
      --e;
    std::string local = s.substr(b, at - b);
    std::string domain = s.substr(at + 1, e - at - 1);
    if (local.empty() || domain.find('.') == std::string::npos)
      continue;
    std::string address = text::ascii_lower(local + "@" + domain);
    std::string l = text::ascii_lower(local);
    bool pattern = l == "etunimi.sukunimi" || l == "firstname.lastname" ||
                   l == "fornamn.efternamn" || l == "förnamn.efternamn" || l == "etunimi.s";
    out.push_back({std::move(address), pattern});
  }
  return out;
}

} // namespace svcdesc::normalize
