// The HTML wrapper: myhtml (libmodest) for HTML5 parsing and its encoding tables, uchardet for
// detection. No other file includes either.
//
// Decoding follows the order of the HTML standard's encoding sniffing: BOM, HTTP Content-Type,
// the <meta charset> / http-equiv prescan, then detection (a page
// that is valid UTF-8 is UTF-8; otherwise uchardet), then UTF-8. Everything is converted to UTF-8
// before parsing, so that line numbers are counted on one buffer whose newlines are those of the
// source. Pages lie: a declared single-byte charset on bytes that are valid UTF-8 with non-ASCII
// sequences is read as UTF-8, a declared UTF-8 with invalid bytes is read as what uchardet says
// (windows-1252 for Finnish pages, in practice), and each such decision is an Issue.
//
// Rendering walks the tree once, depth first, without recursion. Block elements ask for a line
// break (div, li, dt, dd, tr) or a blank line (p, headings, lists, tables, sections); breaks
// collapse, the strongest wins, so nested blocks do not pile up empty lines. Text runs collapse
// ASCII whitespace as a browser does; no-break spaces stay (the text hygiene turns them into
// spaces later, as for text renderings). Each rendered line remembers the source line of the
// text that opened it.
#include <svcdesc/html/html.hpp>

#include <svcdesc/text/utf8.hpp>

#include <myencoding/encoding.h>
#include <myhtml/api.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fmt/format.h>
#include <unordered_set>

namespace svcdesc::html {
namespace {

// The deepest nesting of elements a page may have; see prescan().
constexpr size_t k_max_nesting = 8192;

// ---- the parser, one per thread ------------------------------------------------------------

class Parser {
public:
  Parser() {
    m_myhtml = myhtml_create();
    if (m_myhtml == nullptr || myhtml_init(m_myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != 0)
      return;
    m_tree = myhtml_tree_create();
    if (m_tree != nullptr && myhtml_tree_init(m_tree, m_myhtml) != 0) {
      myhtml_tree_destroy(m_tree);
      m_tree = nullptr;
    }
  }
  ~Parser() {
    if (m_tree != nullptr)
      myhtml_tree_destroy(m_tree);
    if (m_myhtml != nullptr)
      myhtml_destroy(m_myhtml);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // The tree of `utf8`, valid until the next call on this thread; nullptr on failure.
  myhtml_tree_t* parse(std::string_view utf8) {
    if (m_tree == nullptr)
      return nullptr;
    if (m_used)
      myhtml_tree_clean(m_tree);
    m_used = true;
    if (myhtml_parse(m_tree, MyENCODING_UTF_8, utf8.data(), utf8.size()) != 0)
      return nullptr;
    return m_tree;
  }

private:
  myhtml_t* m_myhtml = nullptr;
  myhtml_tree_t* m_tree = nullptr;
  bool m_used = false;
};

Parser& thread_parser() {
  thread_local Parser parser;
  return parser;
}

// ---- charsets --------------------------------------------------------------------------------

std::string encoding_name(myencoding_t encoding) {
  size_t length = 0;
  const char* name = myencoding_name_by_id(encoding, &length);
  return name == nullptr ? std::string("utf-8") : text::ascii_lower(std::string_view(name, length));
}

std::optional<myencoding_t> encoding_by_label(std::string_view label) {
  std::string_view trimmed = text::trim(label);
  if (trimmed.size() >= 2 && (trimmed.front() == '"' || trimmed.front() == '\''))
    trimmed = trimmed.substr(1, trimmed.size() - 2);
  myencoding_t encoding = MyENCODING_DEFAULT;
  if (trimmed.empty() || !myencoding_by_name(trimmed.data(), trimmed.size(), &encoding))
    return std::nullopt;
  return encoding;
}

// What uchardet makes of `bytes`, as a myencoding id.
std::optional<myencoding_t> detect_charset(std::string_view bytes) {
  uchardet_t detector = uchardet_new();
  if (detector == nullptr)
    return std::nullopt;
  std::optional<myencoding_t> out;
  if (uchardet_handle_data(detector, bytes.data(), bytes.size()) == 0) {
    uchardet_data_end(detector);
    const char* name = uchardet_get_charset(detector);
    if (name != nullptr && *name != '\0')
      out = encoding_by_label(name);
  }
  uchardet_delete(detector);
  return out;
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// `bytes` converted from `encoding` to UTF-8 with myencoding's decoders; undecodable bytes become
// U+FFFD.
std::string convert_to_utf8(std::string_view bytes, myencoding_t encoding) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  myencoding_custom_f decode = myencoding_get_function_by_id(encoding);
  myencoding_result_t state{};
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    switch (decode(byte, &state)) {
    case MyENCODING_STATUS_OK:
      text::append_utf8(out, static_cast<char32_t>(state.result));
      break;
    case MyENCODING_STATUS_CONTINUE:
      break;
    default:
      text::append_utf8(out, U'\uFFFD');
      std::memset(&state, 0, sizeof state);
      break;
    }
  }
  return out;
}

// The 1-based line of `offset` in `s`.
int line_at(std::string_view s, size_t offset) {
  return 1 +
         static_cast<int>(std::count(
             s.begin(), s.begin() + static_cast<std::ptrdiff_t>(std::min(offset, s.size())), '\n'));
}

struct Decoded {
  std::string owned;
  std::string_view utf8; // into `owned` or into the input
  std::string charset;
  CharsetSource source = CharsetSource::fallback;
  std::vector<Issue> issues;
};

Decoded decode(std::string_view bytes, const RenderOptions& options) {
  Decoded d;
  std::optional<myencoding_t> declared;
  if (options.http_charset) {
    declared = encoding_by_label(*options.http_charset);
    if (declared)
      d.source = CharsetSource::http;
    else
      d.issues.push_back({"charset-unknown",
                          fmt::format("the HTTP charset \"{}\" is not a known encoding; ignored",
                                      *options.http_charset),
                          0});
  }
  myencoding_t bom = MyENCODING_DEFAULT;
  const char* after_bom = bytes.data();
  size_t after_bom_size = bytes.size();
  bool has_bom =
      myencoding_detect_and_cut_bom(bytes.data(), bytes.size(), &bom, &after_bom, &after_bom_size);
  if (has_bom) {
    // A BOM is a fact about the bytes; an HTTP label that disagrees with it loses, as in browsers.
    declared = bom;
    d.source = CharsetSource::bom;
    bytes = std::string_view(after_bom, after_bom_size);
  }
  if (!declared) {
    myencoding_t meta = myencoding_prescan_stream_to_determine_encoding(
        bytes.data(), std::min<size_t>(bytes.size(), 4096));
    if (meta != MyENCODING_NOT_DETERMINED) {
      declared = meta;
      d.source = CharsetSource::meta;
    }
  }
  std::optional<size_t> invalid = text::find_invalid_utf8(bytes);
  myencoding_t encoding = MyENCODING_UTF_8;
  if (declared) {
    encoding = *declared;
    bool utf16 = encoding == MyENCODING_UTF_16LE || encoding == MyENCODING_UTF_16BE;
    if (encoding != MyENCODING_UTF_8 && !utf16 && !has_bom && !invalid && has_non_ascii(bytes)) {
      d.issues.push_back(
          {"charset-mismatch",
           fmt::format("the page declares {} ({}) but its bytes are UTF-8; read as UTF-8",
                       encoding_name(encoding),
                       d.source == CharsetSource::http ? "HTTP header" : "meta charset"),
           0});
      encoding = MyENCODING_UTF_8;
    } else if (encoding == MyENCODING_UTF_8 && invalid) {
      std::optional<myencoding_t> guess = detect_charset(bytes);
      int line = line_at(bytes, *invalid);
      std::string why =
          fmt::format("the page declares UTF-8 but byte 0x{:02X} on line {} is not UTF-8",
                      static_cast<unsigned char>(bytes[*invalid]), line);
      if (guess && *guess != MyENCODING_UTF_8) {
        encoding = *guess;
        why += fmt::format("; read as {}", encoding_name(encoding));
      } else {
        why += "; invalid bytes replaced with U+FFFD";
      }
      d.issues.push_back({"charset-invalid", std::move(why), line});
    }
  } else if (invalid) {
    std::optional<myencoding_t> guess = detect_charset(bytes);
    encoding = guess && *guess != MyENCODING_UTF_8 ? *guess : MyENCODING_WINDOWS_1252;
    d.source = guess ? CharsetSource::detected : CharsetSource::fallback;
  } else {
    d.source = has_non_ascii(bytes) ? CharsetSource::detected : CharsetSource::fallback;
  }
  d.charset = encoding_name(encoding);
  if (encoding == MyENCODING_UTF_8) {
    if (invalid)
      d.owned = text::clean_text(bytes); // ill-formed bytes become U+FFFD
    d.utf8 = invalid ? std::string_view(d.owned) : bytes;
  } else {
    d.owned = convert_to_utf8(bytes, encoding);
    d.utf8 = d.owned;
  }
  return d;
}

// ---- cutting boilerplate before parsing --------------------------------------------------------
//
// Menus are the densest markup of a page (a mega menu is hundreds of links in nested lists) and
// are thrown away after parsing anyway. So before parsing, the content of each <nav> and <aside>
// is cut from the buffer, keeping its newlines (line numbers stay right) and the empty element
// itself (its start tag still closes an open <p>, as in the parser). A light scanner finds them
// the way the tokenizer would: it skips comments, markup declarations, quoted attribute values
// and the raw text of script, style and the like. A span is cut only when it is plain: no raw
// text element, template, table, foreign content (svg, math) or document-level tag inside it,
// and a matching end tag; anything else is left to the parser.

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The position of "</name" (any case) at or after `from`, or npos.
size_t find_end_tag(std::string_view s, std::string_view name, size_t from) {
  while (true) {
    size_t at = s.find("</", from);
    if (at == std::string_view::npos || at + 2 + name.size() > s.size())
      return std::string_view::npos;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k)
      same = lower(s[at + 2 + k]) == name[k];
    if (same)
      return at;
    from = at + 2;
  }
}

struct Tag {
  std::string name; // lower case; empty for a comment or declaration
  bool end = false;
  bool self_closing = false; // written <name ... />
  size_t close = 0;          // the position after the tag's '>'
};

// Reads the markup at `s[lt]` == '<'; nullopt when it is not markup (text such as "a < b") and
// npos in `close` when the input ends inside it.
std::optional<Tag> read_tag(std::string_view s, size_t lt) {
  Tag tag;
  size_t i = lt + 1;
  if (i >= s.size())
    return std::nullopt;
  if (s.compare(lt, 4, "<!--") == 0) {
    size_t end = s.find("-->", lt + 4);
    tag.close = end == std::string_view::npos ? end : end + 3;
    return tag;
  }
  if (s[i] == '!' || s[i] == '?') {
    size_t end = s.find('>', i);
    tag.close = end == std::string_view::npos ? end : end + 1;
    return tag;
  }
  if (s[i] == '/') {
    tag.end = true;
    ++i;
  }
  if (i >= s.size() || !ascii_alpha(s[i]))
    return std::nullopt;
  while (i < s.size() && !is_space(s[i]) && s[i] != '/' && s[i] != '>')
    tag.name += lower(s[i++]);
  // Attributes: a quote opens a value only right after '=' (and spaces).
  bool after_equals = false;
  while (i < s.size()) {
    char c = s[i];
    if (c == '>') {
      tag.self_closing = s[i - 1] == '/';
      tag.close = i + 1;
      return tag;
    }
    if (after_equals && (c == '"' || c == '\'')) {
      size_t end = s.find(c, i + 1);
      if (end == std::string_view::npos)
        break;
      i = end + 1;
      after_equals = false;
      continue;
    }
    if (c == '=')
      after_equals = true;
    else if (!is_space(c))
      after_equals = false;
    ++i;
  }
  tag.close = std::string_view::npos;
  return tag;
}

bool raw_text_element(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp" || name == "noembed" || name == "noframes" || name == "iframe" ||
         name == "noscript";
}

// Tags after which the scanner cannot tell where an element ends without the tree builder.
bool unsafe_inside(std::string_view name) {
  return raw_text_element(name) || name == "plaintext" || name == "template" || name == "table" ||
         name == "svg" || name == "math" || name == "html" || name == "head" || name == "body" ||
         name == "frameset" || name == "select";
}

// The position of the end tag closing the <name> element whose start tag ends at `from`, or npos
// when the span is not plain.
size_t plain_element_end(std::string_view s, std::string_view name, size_t from) {
  int depth = 1;
  size_t i = from;
  while (true) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos)
      return lt;
    auto tag = read_tag(s, lt);
    if (!tag) {
      i = lt + 1;
      continue;
    }
    if (tag->close == std::string_view::npos)
      return tag->close;
    if (!tag->end && unsafe_inside(tag->name))
      return std::string_view::npos;
    if (tag->name == name) {
      depth += tag->end ? -1 : 1;
      if (depth == 0)
        return lt;
    }
    i = tag->close;
  }
}

// Elements that never stay open for what follows: void elements, and those whose end tag may be
// left out (the next sibling closes them).
bool never_nests(std::string_view name) {
  static const std::unordered_set<std::string_view> names = {
      "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
      "keygen", "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd",
      "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb", "rt", "rtc", "rp",
      "colgroup", "caption", "html", "head", "body"};
  return names.contains(name);
}

struct Prescan {
  std::string cut;                             // empty when nothing was cut
  size_t too_deep = std::string_view::npos;    // the start tag past k_max_nesting, if any
};

// One light pass over the page before the parser sees it. It cuts the content of plain <nav> and
// <aside> elements (newlines kept), when `cut` is set. And it bounds the nesting: for each start
// tag the tree builder walks its stack of open elements, so the time grows with the square of the
// depth (100,000 nested <div>s took 14 s, a million would take half an hour). The depth counted
// here is that of elements that need an end tag, the same as the parser's stack for any page that
// closes what it opens; a real page stays in the tens.
Prescan prescan(std::string_view s, bool cut) {
  Prescan result;
  std::string& out = result.cut;
  size_t copied = 0;
  size_t i = 0;
  size_t depth = 0;
  size_t foreign = 0; // inside <svg> or <math>, where "<x/>" closes itself
  while (true) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos)
      break;
    auto tag = read_tag(s, lt);
    if (!tag) {
      i = lt + 1;
      continue;
    }
    if (tag->close == std::string_view::npos || tag->name == "plaintext")
      break;
    i = tag->close;
    if (tag->name.empty())
      continue;
    bool nests = !never_nests(tag->name);
    bool is_foreign = tag->name == "svg" || tag->name == "math";
    if (tag->end) {
      if (nests && depth > 0)
        --depth;
      if (is_foreign && foreign > 0)
        --foreign;
      continue;
    }
    if (nests && !(tag->self_closing && (foreign > 0 || is_foreign)) && ++depth > k_max_nesting) {
      result.too_deep = lt;
      break;
    }
    if (is_foreign && !tag->self_closing)
      ++foreign;
    if (raw_text_element(tag->name)) {
      size_t end = find_end_tag(s, tag->name, i);
      if (end == std::string_view::npos)
        break;
      i = end;
      continue;
    }
    if (!cut || (tag->name != "nav" && tag->name != "aside"))
      continue;
    size_t end = plain_element_end(s, tag->name, i);
    if (end == std::string_view::npos)
      continue; // not plain: the parser will see it all
    if (out.empty())
      out.reserve(s.size());
    out.append(s.substr(copied, i - copied));
    out.append(static_cast<size_t>(std::count(s.begin() + static_cast<std::ptrdiff_t>(i),
                                              s.begin() + static_cast<std::ptrdiff_t>(end), '\n')),
               '\n');
    copied = end;
    i = end;
  }
  if (copied != 0)
    out.append(s.substr(copied));
  return result;
}

// ---- rendering -------------------------------------------------------------------------------

std::string_view node_text(myhtml_tree_node_t* node) {
  size_t length = 0;
  const char* s = myhtml_node_text(node, &length);
  return s == nullptr ? std::string_view() : std::string_view(s, length);
}

std::string_view attr_key(myhtml_tree_attr_t* attr) {
  size_t length = 0;
  const char* s = myhtml_attribute_key(attr, &length);
  return s == nullptr ? std::string_view() : std::string_view(s, length);
}

std::string_view attr_value(myhtml_tree_attr_t* attr) {
  size_t length = 0;
  const char* s = myhtml_attribute_value(attr, &length);
  return s == nullptr ? std::string_view() : std::string_view(s, length);
}

std::string_view attribute(myhtml_tree_node_t* node, std::string_view key) {
  for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(node); a != nullptr;
       a = myhtml_attribute_next(a))
    if (attr_key(a) == key)
      return attr_value(a);
  return {};
}


// True if the space-separated `tokens` (a class or id, any case) mark boilerplate: cookie and
// consent banners, skip links, screen-reader-only text, breadcrumbs, share buttons.
bool boilerplate_tokens(std::string_view tokens) {
  size_t i = 0;
  while (i < tokens.size()) {
    while (i < tokens.size() && is_space(tokens[i]))
      ++i;
    size_t start = i;
    while (i < tokens.size() && !is_space(tokens[i]))
      ++i;
    if (i == start)
      break;
    std::string token = text::ascii_lower(tokens.substr(start, i - start));
    if (token.find("cookie") != std::string::npos || token.find("consent") != std::string::npos ||
        token.find("gdpr") != std::string::npos || token.starts_with("skip") ||
        token.find("breadcrumb") != std::string::npos || token.starts_with("share") ||
        token.starts_with("social") || token == "sr-only" || token == "visually-hidden" ||
        token == "visuallyhidden" || token == "screen-reader-text" || token == "hidden")
      return true;
  }
  return false;
}

bool boilerplate_role(std::string_view role) {
  std::string r = text::ascii_lower(text::trim(role));
  return r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" ||
         r == "search" || r == "dialog" || r == "alertdialog";
}

// True if the element's attributes hide it or mark it as boilerplate.
bool hidden_by_attributes(myhtml_tree_node_t* node) {
  for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(node); a != nullptr;
       a = myhtml_attribute_next(a)) {
    std::string_view key = attr_key(a);
    if (key == "hidden")
      return true;
    if (key == "class" || key == "id") {
      if (boilerplate_tokens(attr_value(a)))
        return true;
    } else if (key == "role") {
      if (boilerplate_role(attr_value(a)))
        return true;
    } else if (key == "aria-hidden") {
      if (text::ascii_lower(attr_value(a)) == "true")
        return true;
    } else if (key == "style") {
      std::string style = text::ascii_lower(attr_value(a));
      std::erase(style, ' ');
      if (style.find("display:none") != std::string::npos ||
          style.find("visibility:hidden") != std::string::npos)
        return true;
    }
  }
  return false;
}

enum class Kind { inline_, skip, line, block, list, item, cell, row, pre, br };

Kind kind_of(myhtml_tag_id_t tag) {
  switch (tag) {
  case MyHTML_TAG_SCRIPT:
  case MyHTML_TAG_STYLE:
  case MyHTML_TAG_TEMPLATE:
  case MyHTML_TAG_NOSCRIPT:
  case MyHTML_TAG_NAV:
  case MyHTML_TAG_ASIDE:
  case MyHTML_TAG_HEAD:
  case MyHTML_TAG_TITLE:
  case MyHTML_TAG_IFRAME:
  case MyHTML_TAG_SVG:
  case MyHTML_TAG_MATH:
  case MyHTML_TAG_BUTTON:
  case MyHTML_TAG_SELECT:
  case MyHTML_TAG_TEXTAREA:
  case MyHTML_TAG_OBJECT:
  case MyHTML_TAG_CANVAS:
  case MyHTML_TAG_AUDIO:
  case MyHTML_TAG_VIDEO:
  case MyHTML_TAG_DIALOG:
  case MyHTML_TAG__COMMENT:
  case MyHTML_TAG__DOCTYPE:
    return Kind::skip;
  case MyHTML_TAG_DIV:
  case MyHTML_TAG_DT:
  case MyHTML_TAG_DD:
  case MyHTML_TAG_CAPTION:
  case MyHTML_TAG_SUMMARY:
  case MyHTML_TAG_DETAILS:
  case MyHTML_TAG_FORM:
  case MyHTML_TAG_FIELDSET:
  case MyHTML_TAG_LEGEND:
  case MyHTML_TAG_FIGCAPTION:
  case MyHTML_TAG_CENTER:
    return Kind::line;
  case MyHTML_TAG_P:
  case MyHTML_TAG_H1:
  case MyHTML_TAG_H2:
  case MyHTML_TAG_H3:
  case MyHTML_TAG_H4:
  case MyHTML_TAG_H5:
  case MyHTML_TAG_H6:
  case MyHTML_TAG_HGROUP:
  case MyHTML_TAG_TABLE:
  case MyHTML_TAG_BLOCKQUOTE:
  case MyHTML_TAG_FIGURE:
  case MyHTML_TAG_HR:
  case MyHTML_TAG_SECTION:
  case MyHTML_TAG_ARTICLE:
  case MyHTML_TAG_MAIN:
  case MyHTML_TAG_ADDRESS:
  case MyHTML_TAG_HEADER:
  case MyHTML_TAG_FOOTER:
  case MyHTML_TAG_BODY:
    return Kind::block;
  case MyHTML_TAG_UL:
  case MyHTML_TAG_OL:
  case MyHTML_TAG_DL:
  case MyHTML_TAG_MENU:
    return Kind::list;
  case MyHTML_TAG_LI:
    return Kind::item;
  case MyHTML_TAG_TR:
    return Kind::row;
  case MyHTML_TAG_TD:
  case MyHTML_TAG_TH:
    return Kind::cell;
  case MyHTML_TAG_PRE:
  case MyHTML_TAG_LISTING:
  case MyHTML_TAG_XMP:
    return Kind::pre;
  case MyHTML_TAG_BR:
    return Kind::br;
  default:
    return Kind::inline_;
  }
}

// The break a block asks for before and after itself: 1 a line break, 2 a blank line, 0 none.
int break_level(Kind kind) {
  switch (kind) {
  case Kind::line:
  case Kind::row:
  case Kind::item:
    return 1;
  case Kind::block:
  case Kind::list:
  case Kind::pre:
    return 2;
  default:
    return 0;
  }
}

bool is_phrasing(myhtml_tag_id_t tag) {
  switch (tag) {
  case MyHTML_TAG_SPAN:
  case MyHTML_TAG_A:
  case MyHTML_TAG_STRONG:
  case MyHTML_TAG_B:
  case MyHTML_TAG_EM:
  case MyHTML_TAG_I:
  case MyHTML_TAG_LABEL:
  case MyHTML_TAG_TIME:
  case MyHTML_TAG_SMALL:
  case MyHTML_TAG_ABBR:
    return true;
  default:
    return false;
  }
}

// The first of exactly two phrasing children of `node` with nothing at all between them, not
// even a space (<span>Palvelun kieli</span><span>suomi</span>): a label and its value, which a
// browser would glue together into "Palvelun kielisuomi". nullptr when `node` is not such a pair.
myhtml_tree_node_t* pair_label(myhtml_tree_node_t* node) {
  myhtml_tree_node_t* first = nullptr;
  int elements = 0;
  for (myhtml_tree_node_t* c = myhtml_node_child(node); c != nullptr; c = myhtml_node_next(c)) {
    myhtml_tag_id_t tag = myhtml_node_tag_id(c);
    if (tag == MyHTML_TAG__TEXT) {
      std::string_view t = node_text(c);
      if (elements == 1 || !std::all_of(t.begin(), t.end(), is_space))
        return nullptr;
      continue;
    }
    if (tag == MyHTML_TAG__COMMENT)
      continue;
    if (!is_phrasing(tag) || ++elements > 2)
      return nullptr;
    if (first == nullptr)
      first = c;
  }
  return elements == 2 ? first : nullptr;
}

// Maps byte offsets of the UTF-8 buffer to 1-based lines; offsets mostly grow, so it walks forward
// from the last answer and restarts only when asked about an earlier one.
class LineCounter {
public:
  explicit LineCounter(std::string_view s) : m_s(s) {}
  int line(size_t offset) {
    offset = std::min(offset, m_s.size());
    if (offset < m_offset) {
      m_offset = 0;
      m_line = 1;
    }
    while (true) {
      const void* nl = std::memchr(m_s.data() + m_offset, '\n', offset - m_offset);
      if (nl == nullptr)
        break;
      m_offset = static_cast<size_t>(static_cast<const char*>(nl) - m_s.data()) + 1;
      ++m_line;
    }
    return m_line;
  }

private:
  std::string_view m_s;
  size_t m_offset = 0;
  int m_line = 1;
};

class Renderer {
public:
  Renderer(std::string_view utf8, Page& page) : m_lines(utf8), m_page(page) {}

  void run(myhtml_tree_node_t* root);

private:
  struct Frame {
    myhtml_tree_node_t* node;
    Kind kind;
    myhtml_tree_node_t* pair_first; // the label child of a label/value pair, else nullptr
  };

  void brk(int level) {
    if (m_item_depth > 0)
      level = std::min(level, 1);
    m_line_open = false;
    m_pending = std::max(m_pending, level);
    m_space = false;
  }
  // <br> or a newline in <pre>: ends the line, and a second one in a row leaves a blank line.
  void hard_break() {
    if (m_line_open)
      brk(1);
    else
      m_pending = std::max(m_pending, 2);
  }
  void text(std::string_view s, size_t offset);
  void open_line(size_t offset);
  void enter(myhtml_tree_node_t* node, myhtml_tag_id_t tag);
  void leave(const Frame& frame);
  void signal_of_skipped(myhtml_tree_node_t* node, myhtml_tag_id_t tag);
  int line_of_element(myhtml_tree_node_t* node) {
    return m_lines.line(myhtml_node_element_position(node).begin);
  }

  LineCounter m_lines;
  Page& m_page;
  std::vector<Frame> m_stack;
  int m_pending = 0;
  bool m_line_open = false;
  bool m_space = false;
  bool m_bullet = false;
  int m_item_depth = 0;
  int m_pre_depth = 0;
  int m_content_depth = 0; // inside main, article or section: a header or footer there is content
};

void Renderer::open_line(size_t offset) {
  std::string& out = m_page.text;
  int line = m_lines.line(offset);
  if (!m_page.source_lines.empty()) {
    out += '\n';
    if (m_pending >= 2) {
      out += '\n';
      m_page.source_lines.push_back(line);
    }
  }
  m_page.source_lines.push_back(line);
  if (m_bullet)
    out += "• ";
  m_bullet = false;
  m_pending = 0;
  m_line_open = true;
  m_space = false;
}

void Renderer::text(std::string_view s, size_t offset) {
  std::string& out = m_page.text;
  size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      if (m_pre_depth > 0 && s[i] == '\n') {
        hard_break();
      } else if (m_line_open) {
        m_space = true;
      }
      ++i;
      continue;
    }
    size_t start = i;
    while (i < s.size() && !is_space(s[i]))
      ++i;
    if (!m_line_open)
      open_line(offset + start);
    else if (m_space)
      out += ' ';
    m_space = false;
    out.append(s.substr(start, i - start));
  }
}

void Renderer::signal_of_skipped(myhtml_tree_node_t* node, myhtml_tag_id_t tag) {
  Signals& sig = m_page.signals;
  if (tag == MyHTML_TAG_HEAD) {
    // The head is not rendered, but its links, metas and scripts carry the signals.
    for (myhtml_tree_node_t* c = myhtml_node_child(node); c != nullptr; c = myhtml_node_next(c)) {
      myhtml_tag_id_t t = myhtml_node_tag_id(c);
      if (t == MyHTML_TAG_LINK || t == MyHTML_TAG_META)
        enter(c, t);
      else if (t == MyHTML_TAG_SCRIPT)
        signal_of_skipped(c, t);
    }
  } else if (tag == MyHTML_TAG_SCRIPT) {
    if (text::ascii_lower(text::trim(attribute(node, "type"))) == "application/ld+json") {
      myhtml_tree_node_t* body = myhtml_node_child(node);
      if (body != nullptr)
        sig.json_ld.push_back({"", std::string(node_text(body)), line_of_element(node)});
    }
  }
}

void Renderer::enter(myhtml_tree_node_t* node, myhtml_tag_id_t tag) {
  Signals& sig = m_page.signals;
  switch (tag) {
  case MyHTML_TAG_LINK: {
    std::string rel = text::ascii_lower(attribute(node, "rel"));
    if (sig.canonical.value.empty() && rel.find("canonical") != std::string::npos) {
      std::string_view href = text::trim(attribute(node, "href"));
      if (!href.empty())
        sig.canonical = {"", std::string(href), line_of_element(node)};
    }
    return;
  }
  case MyHTML_TAG_META: {
    std::string_view key = attribute(node, "property");
    if (key.empty())
      key = attribute(node, "name");
    if (key.empty())
      key = attribute(node, "http-equiv");
    std::string lower = text::ascii_lower(text::trim(key));
    std::string_view content = text::trim(attribute(node, "content"));
    if (!content.empty() &&
        (lower.find("time") != std::string::npos || lower.find("date") != std::string::npos ||
         lower.find("modified") != std::string::npos))
      sig.meta.push_back({std::move(lower), std::string(content), line_of_element(node)});
    return;
  }
  default:
    break;
  }
}

void Renderer::run(myhtml_tree_node_t* root) {
  myhtml_tree_node_t* node = root;
  while (node != nullptr) {
    myhtml_tag_id_t tag = myhtml_node_tag_id(node);
    bool descend = false;
    if (tag == MyHTML_TAG__TEXT) {
      text(node_text(node), myhtml_node_raw_position(node).begin);
    } else if (tag == MyHTML_TAG_HTML) {
      std::string_view lang = text::trim(attribute(node, "lang"));
      if (!lang.empty() && m_page.signals.lang.value.empty())
        m_page.signals.lang = {"", std::string(lang), line_of_element(node)};
      descend = true;
    } else {
      Kind kind = kind_of(tag);
      bool content = m_content_depth > 0;
      if ((tag == MyHTML_TAG_HEADER || tag == MyHTML_TAG_FOOTER) && !content)
        kind = Kind::skip;
      if (kind != Kind::skip && kind != Kind::br && hidden_by_attributes(node))
        kind = Kind::skip;
      if (kind == Kind::skip) {
        signal_of_skipped(node, tag);
      } else if (kind == Kind::br) {
        hard_break();
      } else {
        enter(node, tag);
        if (tag == MyHTML_TAG_TIME) {
          std::string_view when = text::trim(attribute(node, "datetime"));
          if (!when.empty())
            m_page.signals.times.push_back({"", std::string(when), line_of_element(node)});
        }
        if (int level = break_level(kind))
          brk(level);
        if (kind == Kind::item) {
          m_bullet = true;
          ++m_item_depth;
        } else if (kind == Kind::cell && m_line_open) {
          m_space = true;
        }
        if (kind == Kind::pre)
          ++m_pre_depth;
        if (tag == MyHTML_TAG_MAIN || tag == MyHTML_TAG_ARTICLE || tag == MyHTML_TAG_SECTION)
          ++m_content_depth;
        m_stack.push_back({node, kind, kind == Kind::inline_ ? nullptr : pair_label(node)});
        descend = true;
      }
    }
    myhtml_tree_node_t* child = descend ? myhtml_node_child(node) : nullptr;
    if (child != nullptr) {
      node = child;
      continue;
    }
    if (descend && tag != MyHTML_TAG_HTML) {
      leave(m_stack.back());
      m_stack.pop_back();
    }
    // Up until there is a next sibling.
    while (node != nullptr) {
      myhtml_tree_node_t* next = myhtml_node_next(node);
      if (!m_stack.empty() && m_stack.back().pair_first == node)
        brk(1);
      if (next != nullptr) {
        node = next;
        break;
      }
      node = myhtml_node_parent(node);
      if (node == nullptr || node == root)
        return;
      if (!m_stack.empty() && m_stack.back().node == node) {
        leave(m_stack.back());
        m_stack.pop_back();
      }
    }
  }
}

void Renderer::leave(const Frame& frame) {
  myhtml_tag_id_t tag = myhtml_node_tag_id(frame.node);
  if (frame.kind == Kind::item) {
    --m_item_depth;
    m_bullet = false;
  }
  if (int level = break_level(frame.kind))
    brk(level);
  if (frame.kind == Kind::pre)
    --m_pre_depth;
  if (tag == MyHTML_TAG_MAIN || tag == MyHTML_TAG_ARTICLE || tag == MyHTML_TAG_SECTION)
    --m_content_depth;
}

} // namespace

std::string_view charset_source_name(CharsetSource source) {
  switch (source) {
  case CharsetSource::http:
    return "http";
  case CharsetSource::bom:
    return "bom";
  case CharsetSource::meta:
    return "meta";
  case CharsetSource::detected:
    return "detected";
  case CharsetSource::fallback:
    break;
  }
  return "fallback";
}

Result<Page> render(std::string_view bytes, const RenderOptions& options) {
  Decoded decoded = decode(bytes, options);
  Prescan scan = prescan(decoded.utf8, options.cut_boilerplate);
  if (scan.too_deep != std::string_view::npos) {
    std::string_view before = std::string_view(decoded.utf8).substr(0, scan.too_deep);
    size_t line_start = before.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    return Error{fmt::format("elements nested more than {} deep; a page this deep would take the "
                             "HTML parser minutes, so it is not read",
                             k_max_nesting),
                 static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1,
                 static_cast<int>(scan.too_deep - line_start) + 1};
  }
  std::string_view html = scan.cut.empty() ? decoded.utf8 : std::string_view(scan.cut);
  myhtml_tree_t* tree = thread_parser().parse(html);
  if (tree == nullptr)
    return unexpected("the HTML parser could not be started or failed (out of memory?)");
  Page page;
  page.text.reserve(html.size() / 4);
  page.charset = std::move(decoded.charset);
  page.charset_source = decoded.source;
  page.issues = std::move(decoded.issues);
  Renderer renderer(html, page);
  myhtml_tree_node_t* document = myhtml_tree_get_document(tree);
  if (document != nullptr)
    renderer.run(document);
  return page;
}

Result<size_t> parse_only(std::string_view bytes, const RenderOptions& options) {
  Decoded decoded = decode(bytes, options);
  myhtml_tree_t* tree = thread_parser().parse(decoded.utf8);
  if (tree == nullptr)
    return unexpected("the HTML parser could not be started or failed (out of memory?)");
  size_t nodes = 0;
  myhtml_tree_node_t* root = myhtml_tree_get_document(tree);
  myhtml_tree_node_t* node = root;
  while (node != nullptr) {
    ++nodes;
    if (myhtml_tree_node_t* child = myhtml_node_child(node)) {
      node = child;
      continue;
    }
    while (node != nullptr && node != root && myhtml_node_next(node) == nullptr)
      node = myhtml_node_parent(node);
    node = node == nullptr || node == root ? nullptr : myhtml_node_next(node);
  }
  return nodes;
}

} // namespace svcdesc::html
