// UTF-8 validation, decoding and the text hygiene every input goes through before parsing.
//
// clean_text() is on the hot path of `parse` (every byte of every page passes through it), so it
// works in one pass over the bytes and calls utf8proc's NFC only for the lines that can change
// under it: a line whose code points are all below U+0300 (Latin-1 and Latin Extended, which is
// where Finnish and Swedish live) or in the punctuation and currency blocks is already NFC.
#include <svcdesc/text/utf8.hpp>

#include <utf8proc.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

namespace svcdesc::text {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Code points that are whitespace in running text and become a plain space.
bool is_odd_space(char32_t cp) {
  return cp == 0x00A0 || cp == '\t' || cp == '\f' || cp == '\v' || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x1680 || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x0085;  // line and paragraph separators too: lines come from LF
}

// Invisible characters that only get in the way of matching: soft hyphen, zero-width space and
// joiners, word joiner, BOM inside the text, bidi marks, and C0/C1 controls other than LF.
bool is_dropped(char32_t cp) {
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         (cp < 0x20 && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

// False only for code points whose NFC quick-check is Yes for sure (see the file comment).
bool may_change_under_nfc(char32_t cp) {
  if (cp < 0x0300)
    return false;
  if (cp >= 0x2010 && cp <= 0x205F)
    return false;
  if (cp >= 0x20A0 && cp <= 0x20CF)
    return false;
  return true;
}

std::string nfc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &out,
                                    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0)
    return std::string(s);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

std::string casefold_nfc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
      &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (n < 0)
    return std::string(s);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

bool is_dash(char32_t cp) { return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212; }

} // namespace

namespace {

// Decodes the well-formed UTF-8 sequence that starts with the non-ASCII byte s[i] and advances
// `i` past it; returns false, leaving `i` alone, for an ill-formed one (a stray continuation byte,
// an overlong form, a surrogate, a code point above U+10FFFF, or a sequence cut short).
bool decode_checked(std::string_view s, size_t& i, char32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned char c = p[i];
  size_t len = 0;
  char32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    min = 0x80;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    min = 0x800;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    min = 0x10000;
    cp = c & 0x07;
  } else {
    return false;
  }
  if (i + len > s.size())
    return false;
  for (size_t k = 1; k < len; ++k) {
    if (!is_continuation(p[i + k]))
      return false;
    cp = (cp << 6) | (p[i + k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return false;
  i += len;
  return true;
}

} // namespace

std::optional<size_t> find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t chunk = 0;
      std::memcpy(&chunk, p + i, 8);
      if (chunk & 0x8080808080808080ULL)
        break;
      i += 8;
    }
    if (i >= n)
      break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    if (!decode_checked(s, i, cp))
      return i;
  }
  return std::nullopt;
}

char32_t next_code_point(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < len && i + k < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string clean_text(std::string_view s, size_t* invalid_at) {
  size_t bom = s.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  s.remove_prefix(bom);
  std::string out;
  out.reserve(s.size());
  size_t line_start = 0;      // in `out`
  bool line_needs_nfc = false;
  auto finish_line = [&] {
    if (line_needs_nfc) {
      std::string fixed = nfc(std::string_view(out).substr(line_start));
      out.resize(line_start);
      out += fixed;
    }
    line_needs_nfc = false;
  };
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      size_t run = i + 1;
      // Eight bytes at a time while all are printable ASCII (0x20..0x7E).
      while (run + 8 <= s.size()) {
        uint64_t x = 0;
        std::memcpy(&x, s.data() + run, 8);
        constexpr uint64_t k_ones = 0x0101010101010101ULL;
        constexpr uint64_t k_highs = 0x8080808080808080ULL;
        uint64_t low = (x - k_ones * 0x20) & ~x;       // a byte below 0x20
        uint64_t del = ((x ^ (k_ones * 0x7F)) - k_ones) & ~(x ^ (k_ones * 0x7F)); // 0x7F
        if (((low | del | x) & k_highs) != 0)
          break;
        run += 8;
      }
      while (run < s.size() && static_cast<unsigned char>(s[run]) >= 0x20 &&
             static_cast<unsigned char>(s[run]) < 0x7F)
        ++run;
      out.append(s.substr(i, run - i));
      i = run;
      continue;
    }
    // Latin-1 letters (ä, ö, å, é, ...): two bytes that need no change.
    if (c == 0xC3 && i + 1 < s.size() && is_continuation(static_cast<unsigned char>(s[i + 1]))) {
      out.append(s.substr(i, 2));
      i += 2;
      continue;
    }
    if (c == '\r' || c == '\n') {
      finish_line();
      out += '\n';
      line_start = out.size();
      i += (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ? size_t{2} : size_t{1};
      continue;
    }
    char32_t cp = 0;
    if (c < 0x80) {
      cp = c;
      ++i;
    } else if (!decode_checked(s, i, cp)) {
      if (invalid_at != nullptr) {
        *invalid_at = bom + i;
        return {};
      }
      cp = 0xFFFD;
      ++i;
    }
    if (is_odd_space(cp)) {
      out += ' ';
    } else if (!is_dropped(cp)) {
      append_utf8(out, cp);
      line_needs_nfc = line_needs_nfc || may_change_under_nfc(cp);
    }
  }
  finish_line();
  return out;
}

namespace {

// Case folding of text whose code points are all Latin-1 (minus ß and µ, whose folds leave the
// range) or caseless punctuation: what almost every name and sentence on these sites is. Returns
// false, having written nothing useful, when the text needs the full Unicode algorithm.
bool fold_latin1(std::string_view s, std::string& folded) {
  folded.clear();
  folded.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = next_code_point(s, i);
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
      append_utf8(folded, cp + 0x20);
    } else if ((cp >= 0x80 && cp < 0x100 && cp != 0xDF && cp != 0xB5) ||
               (cp >= 0x2010 && cp <= 0x205F) || (cp >= 0x20A0 && cp <= 0x20CF)) {
      folded.append(s.substr(start, i - start));
    } else {
      return false;
    }
  }
  return true;
}

} // namespace

std::string fold(std::string_view s) {
  std::string folded;
  if (!fold_latin1(s, folded))
    folded = casefold_nfc(s);
  std::string out;
  out.reserve(folded.size());
  size_t i = 0;
  bool pending_space = false;
  while (i < folded.size()) {
    auto c = static_cast<unsigned char>(folded[i]);
    if (c > ' ' && c < 0x7F && c != '-') {
      if (pending_space)
        out += ' ';
      pending_space = false;
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    char32_t cp = next_code_point(folded, i);
    if (cp == ' ' || is_odd_space(cp) || cp == '\n') {
      pending_space = !out.empty();
      continue;
    }
    if (is_dropped(cp))
      continue;
    if (pending_space)
      out += ' ';
    pending_space = false;
    append_utf8(out, is_dash(cp) ? U'-' : cp);
  }
  // Outer punctuation ("Kuopio." or "(Kajaani)") is not part of a name.
  auto is_outer_punct = [](char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"' ||
           c == '\'' || c == '!' || c == '?';
  };
  size_t b = 0;
  size_t e = out.size();
  while (b < e && is_outer_punct(out[b]))
    ++b;
  while (e > b && (is_outer_punct(out[e - 1]) || out[e - 1] == ' '))
    --e;
  return out.substr(b, e - b);
}

std::string fold_ascii(std::string_view s) {
  std::string folded = fold(s);
  // Folded Latin-1 letters lose their marks by table (what utf8proc's decompose-and-strip gives
  // for them: å -> a, é -> e; æ, ð, ø and þ have no mark to lose); anything else goes to utf8proc.
  static constexpr std::string_view k_base = "aaaaaa?ceeeeiiii?nooooo??uuuuy?y";
  std::string stripped;
  stripped.reserve(folded.size());
  bool latin1 = true;
  for (size_t i = 0; i < folded.size() && latin1;) {
    auto c = static_cast<unsigned char>(folded[i]);
    if (c < 0x80) {
      stripped += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = next_code_point(folded, i);
    if (cp >= 0xE0 && cp <= 0xFF && k_base[cp - 0xE0] != '?')
      stripped += k_base[cp - 0xE0];
    else if (cp >= 0x80 && cp <= 0xFF)
      stripped.append(folded, start, i - start);
    else
      latin1 = false;
  }
  if (latin1)
    return stripped;
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(folded.data()),
      static_cast<utf8proc_ssize_t>(folded.size()), &out,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
  if (n < 0)
    return folded;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : trim(s)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space)
      out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::vector<std::string_view> split_trimmed(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos)
      end = s.size();
    std::string_view piece = trim(s.substr(start, end - start));
    if (!piece.empty())
      parts.push_back(piece);
    start = end + 1;
  }
  return parts;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c + 32);
  return out;
}

std::string casefold(std::string_view s) {
  std::string folded;
  if (!fold_latin1(s, folded))
    folded = casefold_nfc(s);
  return collapse_spaces(folded);
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size())
    return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i];
    char b = prefix[i];
    if (a >= 'A' && a <= 'Z')
      a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z')
      b = static_cast<char>(b - 'A' + 'a');
    if (a != b)
      return false;
  }
  return true;
}

size_t length_utf8(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    n += !is_continuation(static_cast<unsigned char>(c));
  return n;
}

} // namespace svcdesc::text
