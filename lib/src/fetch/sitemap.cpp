// The sitemap reader (sitemaps.org protocol 0.9) and the URL list reader.
//
// pugixml builds the whole document, which is fine within the protocol's 50 MB limit, enforced
// before parsing. pugixml never expands entities other than the five predefined ones and character
// references, so an entity bomb cannot grow; a document type declaration that declares entities is
// refused all the same, with its line, because a sitemap has no use for one and the URLs it would
// yield are not what the author meant. Elements are matched by local name under the root's prefix,
// so "<sm:urlset xmlns:sm=...>" reads like "<urlset>".
#include <svcdesc/fetch/sitemap.hpp>
#include <svcdesc/text/utf8.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>

namespace svcdesc::fetch {
namespace {

constexpr std::array<std::string_view, 5> k_namespaces{
    "http://www.sitemaps.org/schemas/sitemap/0.9", "https://www.sitemaps.org/schemas/sitemap/0.9",
    "http://www.sitemaps.org/schemas/sitemap/0.9/", "https://www.sitemaps.org/schemas/sitemap/0.9/",
    "http://www.google.com/schemas/sitemap/0.84"};

// The 1-based line of byte `offset` of `text`.
int line_at(std::string_view text, std::ptrdiff_t offset) {
  if (offset < 0)
    return 0;
  auto end = std::min(text.size(), static_cast<std::size_t>(offset));
  auto newlines = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n');
  return newlines >= INT_MAX ? INT_MAX : static_cast<int>(newlines) + 1;
}

int line_of(std::string_view text, const pugi::xml_node& node) {
  return line_at(text, node.offset_debug());
}

// pugixml's description ("Error parsing start element tag") as a clause of our messages.
std::string xml_error(const pugi::xml_parse_result& result) {
  std::string message = "not well-formed XML: ";
  message += text::ascii_lower(result.description());
  if (result.status == pugi::status_end_element_mismatch ||
      result.status == pugi::status_bad_end_element)
    message += " (is the sitemap truncated?)";
  return message;
}

std::string_view prefix_of(std::string_view name) {
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon + 1);
}

std::optional<std::string> trimmed_text(const pugi::xml_node& node) {
  std::string_view value = text::trim(node.text().get());
  if (value.empty())
    return std::nullopt;
  return std::string(value);
}

} // namespace

Result<Sitemap> parse_sitemap(std::string_view xml) {
  if (xml.size() >= 2 && static_cast<unsigned char>(xml[0]) == 0x1F &&
      static_cast<unsigned char>(xml[1]) == 0x8B)
    return unexpected("the sitemap is gzip-compressed, which svcdesc does not read; give the "
                      "uncompressed sitemap's URL or serve it with Content-Encoding: gzip");
  if (xml.size() > k_max_sitemap_bytes)
    return unexpected("the sitemap is larger than 50 MB, the protocol's limit");
  if (text::trim(xml).empty())
    return unexpected("not a sitemap: the body is empty");

  pugi::xml_document document;
  pugi::xml_parse_result parsed = document.load_buffer(
      xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_auto);
  if (!parsed)
    return unexpected(xml_error(parsed), line_at(xml, parsed.offset));

  for (pugi::xml_node node : document.children())
    if (node.type() == pugi::node_doctype && std::strstr(node.value(), "<!ENTITY") != nullptr)
      return unexpected("the sitemap's <!DOCTYPE> declares entities, which a sitemap has no use "
                        "for; refused rather than expanded",
                        line_of(xml, node));

  pugi::xml_node root = document.document_element();
  std::string_view root_name = root.name();
  std::string_view prefix = prefix_of(root_name);
  std::string_view local = root_name.substr(prefix.size());
  Sitemap sitemap;
  if (local == "sitemapindex") {
    sitemap.index = true;
  } else if (local != "urlset") {
    std::string message = "not a sitemap: root element is <";
    message += root_name;
    message += ">, not <urlset> or <sitemapindex>";
    return unexpected(std::move(message), line_of(xml, root));
  }

  std::string xmlns = "xmlns";
  if (!prefix.empty()) {
    xmlns += ':';
    xmlns += prefix.substr(0, prefix.size() - 1);
  }
  pugi::xml_attribute ns = root.attribute(xmlns.c_str());
  if (ns && std::find(k_namespaces.begin(), k_namespaces.end(), std::string_view(ns.value())) ==
                k_namespaces.end()) {
    std::string message = "not a sitemap: <";
    message += root_name;
    message += "> is in namespace '";
    message += ns.value();
    message += "', not http://www.sitemaps.org/schemas/sitemap/0.9";
    return unexpected(std::move(message), line_of(xml, root));
  }

  std::string entry_name(prefix);
  entry_name += sitemap.index ? "sitemap" : "url";
  std::string loc_name(prefix);
  loc_name += "loc";
  std::string lastmod_name(prefix);
  lastmod_name += "lastmod";
  for (pugi::xml_node entry : root.children(entry_name.c_str())) {
    auto url = trimmed_text(entry.child(loc_name.c_str()));
    if (!url)
      continue;
    if (sitemap.entries.size() == k_max_sitemap_entries)
      return unexpected("the sitemap has more than 50,000 entries, the protocol's limit",
                        line_of(xml, entry));
    sitemap.entries.push_back(
        SitemapEntry{std::move(*url), trimmed_text(entry.child(lastmod_name.c_str()))});
  }
  return sitemap;
}

std::vector<ListedUrl> read_url_list(std::string_view text) {
  std::vector<ListedUrl> urls;
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    text.remove_prefix(3);
  int line = 0;
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view content = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (line < INT_MAX)
      ++line;
    // A '#' after white space starts a comment; one inside a URL is its fragment.
    for (std::size_t hash = content.find('#'); hash != std::string_view::npos;
         hash = content.find('#', hash + 1)) {
      if (hash == 0 || content[hash - 1] == ' ' || content[hash - 1] == '\t') {
        content = content.substr(0, hash);
        break;
      }
    }
    content = text::trim(content);
    if (!content.empty())
      urls.push_back(ListedUrl{std::string(content), line});
  }
  return urls;
}

} // namespace svcdesc::fetch
