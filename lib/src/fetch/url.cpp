// URL normalization and reference resolution (RFC 3986 sections 5.2 and 6.2).
//
// Input URLs come from people (lists typed by hand), sitemaps and Location headers, so before
// uriparser sees a URL it is made parseable the way browsers do: bytes outside ASCII, spaces and the
// few characters RFC 3986 never allows are percent-encoded, and a '%' not followed by two hex digits
// becomes "%25". Control characters are refused. uriparser then splits the URL into components and,
// for resolve_url, applies a reference to a base; the normal form is built here from the components,
// so every rule of section 6.2 is visible in one place: case, percent-encodings, dot segments,
// default ports, the empty path and the fragment. A host written in Unicode stays in Unicode,
// case-folded (curl converts it with libidn2), so "HÄMEENLINNA.fi" and "h%C3%A4meenlinna.fi" give
// the same key.
#include <svcdesc/fetch/url.hpp>
#include <svcdesc/text/utf8.hpp>

#include "fetch/percent.hpp"

#include <uriparser/Uri.h>

#include <string>
#include <vector>

namespace svcdesc::fetch {
namespace {

using detail::append_pct;
using detail::canonical_percent;
using detail::hex_value;
using detail::is_pct_triplet;

// Longer URLs are refused: the sitemap protocol allows 2,048 characters and servers commonly stop
// at 8 KiB, so nothing longer is a URL worth fetching, and a bound keeps every step linear.
constexpr std::size_t k_max_url_bytes = 8192;

char ascii_lower_char(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char ascii_upper_char(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Makes `s` parseable by a strict RFC 3986 parser, or says why it is not a URL at all.
Result<std::string> make_parseable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x20 || byte == 0x7F)
      return unexpected("not a URL: it contains a control character");
    if (byte >= 0x80 || byte == ' ' || byte == '"' || byte == '<' || byte == '>' || byte == '\\' ||
        byte == '^' || byte == '`' || byte == '{' || byte == '|' || byte == '}')
      append_pct(out, byte);
    else if (byte == '%' && !is_pct_triplet(s, i))
      append_pct(out, byte);
    else
      out += s[i];
  }
  return out;
}

// A registered name in lower case, with encoded non-ASCII bytes decoded back to UTF-8 when they
// form valid UTF-8 (an IDN as written, case-folded); other encodings stay, in upper case.
std::string normalize_reg_name(std::string_view raw) {
  std::string pct = canonical_percent(raw);
  std::string decoded;
  decoded.reserve(pct.size());
  for (std::size_t i = 0; i < pct.size(); ++i) {
    if (is_pct_triplet(pct, i) && hex_value(pct[i + 1]) >= 8) {
      decoded += static_cast<char>(hex_value(pct[i + 1]) * 16 + hex_value(pct[i + 2]));
      i += 2;
    } else {
      decoded += pct[i];
    }
  }
  bool unicode = !text::find_invalid_utf8(decoded) && decoded.size() < pct.size();
  // Unicode letters are case-folded as IDNA maps them; ASCII ones lowered, except the hex digits
  // of the percent-encodings that remain.
  std::string host = unicode ? text::casefold(decoded) : std::move(pct);
  for (std::size_t i = 0; i < host.size(); ++i) {
    if (is_pct_triplet(host, i)) {
      host[i + 1] = ascii_upper_char(host[i + 1]);
      host[i + 2] = ascii_upper_char(host[i + 2]);
      i += 2;
    } else {
      host[i] = ascii_lower_char(host[i]);
    }
  }
  return host;
}

// RFC 3986 5.2.4 for an absolute path: "." and ".." segments resolved, a trailing slash kept when
// the last segment was one of them.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> kept;
  bool trailing_slash = false;
  std::size_t start = 1; // path[0] is '/'
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos)
      end = path.size();
    std::string_view segment = path.substr(start, end - start);
    bool last = end == path.size();
    if (segment == ".") {
      trailing_slash = last;
    } else if (segment == "..") {
      if (!kept.empty())
        kept.pop_back();
      trailing_slash = last;
    } else {
      kept.push_back(segment);
      trailing_slash = false;
    }
    start = end + 1;
  }
  std::string out = "/";
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i > 0)
      out += '/';
    out += kept[i];
  }
  if (trailing_slash && !kept.empty())
    out += '/';
  return out;
}

std::string_view range(const UriTextRangeA& r) {
  if (r.first == nullptr || r.afterLast == nullptr || r.afterLast < r.first)
    return {};
  return {r.first, static_cast<std::size_t>(r.afterLast - r.first)};
}

// uriparser's URI with its members freed on every path out.
class ParsedUri {
public:
  ParsedUri() = default;
  ParsedUri(const ParsedUri&) = delete;
  ParsedUri& operator=(const ParsedUri&) = delete;
  ~ParsedUri() {
    if (m_parsed)
      uriFreeUriMembersA(&m_uri);
  }

  // Parses `text`, which must outlive this object (the URI points into it).
  bool parse(const std::string& text) {
    const char* error_pos = nullptr;
    m_parsed = uriParseSingleUriExA(&m_uri, text.data(), text.data() + text.size(), &error_pos) ==
               URI_SUCCESS;
    return m_parsed;
  }
  // Fills this from a base and a reference (RFC 3986 5.2); on failure uriparser frees what it
  // allocated itself.
  bool resolve(const ParsedUri& reference, const ParsedUri& base) {
    m_parsed = uriAddBaseUriExA(&m_uri, &reference.m_uri, &base.m_uri, URI_RESOLVE_STRICTLY) ==
               URI_SUCCESS;
    return m_parsed;
  }
  const UriUriA& uri() const { return m_uri; }

private:
  UriUriA m_uri{};
  bool m_parsed = false;
};

// Trims, bounds and makes parseable the text of a URL or reference.
Result<std::string> prepare(std::string_view url) {
  std::string_view trimmed = text::trim(url);
  if (trimmed.empty())
    return unexpected("not a URL: it is empty");
  if (trimmed.size() > k_max_url_bytes)
    return unexpected("not a URL: it is longer than 8192 bytes");
  return make_parseable(trimmed);
}

Result<std::string> authority_of(const UriUriA& uri, std::string_view scheme) {
  std::string host;
  if (uri.hostData.ip6 != nullptr || range(uri.hostData.ipFuture).size() > 0) {
    host = "[";
    host += text::ascii_lower(range(uri.hostText));
    host += ']';
  } else {
    host = normalize_reg_name(range(uri.hostText));
  }
  if (host.empty())
    return unexpected("no host");

  std::string authority;
  if (uri.userInfo.first != nullptr) {
    authority += canonical_percent(range(uri.userInfo));
    authority += '@';
  }
  authority += host;

  std::string_view port = range(uri.portText);
  while (port.size() > 1 && port.front() == '0')
    port.remove_prefix(1);
  if (port.size() > 5 || (port.size() == 5 && port > "65535")) {
    std::string message = "port ";
    message += port;
    message += " is out of range";
    return unexpected(std::move(message));
  }
  bool default_port = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  if (!port.empty() && !default_port) {
    authority += ':';
    authority += port;
  }
  return authority;
}

Result<std::string> normalize_parsed(const UriUriA& uri, bool allow_file) {
  std::string_view scheme_raw = range(uri.scheme);
  if (scheme_raw.empty())
    return unexpected("not a URL: it has no scheme (such as https://)");
  std::string scheme = text::ascii_lower(scheme_raw);
  bool file = scheme == "file";
  if (scheme != "http" && scheme != "https" && !(file && allow_file)) {
    std::string message = "scheme '";
    message += scheme;
    message += allow_file ? "' is not http, https or file" : "' is not http or https";
    return unexpected(std::move(message));
  }

  std::string out = scheme;
  out += "://";
  if (file) {
    // RFC 8089: "file:///p", "file:/p" and "file://localhost/p" are the same file.
    std::string host = normalize_reg_name(range(uri.hostText));
    if (!host.empty() && host != "localhost") {
      std::string message = "file URL with host '";
      message += host;
      message += "' is not supported (write file:///path)";
      return unexpected(std::move(message));
    }
  } else {
    auto authority = authority_of(uri, scheme);
    if (!authority)
      return authority.error();
    out += *authority;
  }

  std::string path;
  for (const UriPathSegmentA* segment = uri.pathHead; segment != nullptr; segment = segment->next) {
    path += '/';
    path += canonical_percent(range(segment->text));
  }
  out += path.empty() ? std::string("/") : remove_dot_segments(path);

  if (uri.query.first != nullptr) {
    out += '?';
    out += canonical_percent(range(uri.query));
  }
  return out;
}

// The authority of a normalized URL: what lies between "://" and the path.
std::string_view authority_part(std::string_view normalized_url, std::size_t* end_of_authority) {
  std::size_t start = normalized_url.find("://");
  if (start == std::string_view::npos) {
    *end_of_authority = normalized_url.size();
    return {};
  }
  start += 3;
  std::size_t end = normalized_url.find_first_of("/?#", start);
  if (end == std::string_view::npos)
    end = normalized_url.size();
  *end_of_authority = end;
  return normalized_url.substr(start, end - start);
}

} // namespace

Result<std::string> normalize_url(std::string_view url, bool allow_file) {
  auto text = prepare(url);
  if (!text)
    return text.error();
  ParsedUri parsed;
  if (!parsed.parse(*text))
    return unexpected("not a URL");
  return normalize_parsed(parsed.uri(), allow_file);
}

std::string host_key(std::string_view normalized_url) {
  std::size_t end = 0;
  std::string_view authority = authority_part(normalized_url, &end);
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  return std::string(authority);
}

Result<std::string> resolve_url(std::string_view base, std::string_view reference,
                                bool allow_file) {
  auto base_text = normalize_url(base, allow_file);
  if (!base_text)
    return base_text.error();
  auto reference_text = make_parseable(text::trim(reference));
  if (!reference_text)
    return reference_text.error();
  if (reference_text->size() > k_max_url_bytes)
    return unexpected("not a URL: it is longer than 8192 bytes");

  ParsedUri parsed_base;
  ParsedUri parsed_reference;
  if (!parsed_base.parse(*base_text) || !parsed_reference.parse(*reference_text))
    return unexpected("not a URL");
  ParsedUri resolved;
  if (!resolved.resolve(parsed_reference, parsed_base))
    return unexpected("not a URL");
  return normalize_parsed(resolved.uri(), allow_file);
}

std::string path_and_query(std::string_view normalized_url) {
  std::size_t end = 0;
  authority_part(normalized_url, &end);
  std::string_view rest = normalized_url.substr(end);
  rest = rest.substr(0, rest.find('#'));
  std::string out;
  if (rest.empty() || rest.front() != '/')
    out += '/';
  out += rest;
  return out;
}

} // namespace svcdesc::fetch
