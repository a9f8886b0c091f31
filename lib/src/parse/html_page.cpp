// HTML pages: rendered to lines by the HTML wrapper (charset, boilerplate, line numbers of the
// HTML source), read by the same profiles as text renderings, then completed from what only the
// markup carries. Those signals rank below what the page shows: the canonical URL gives source.url
// and the id only when no --source-url was given; <html lang> gives the language only when neither
// the labels nor the text decide it (and a disagreement with the text is a warning); JSON-LD
// (name, provider, dateModified, datePublished), meta dates (article:modified_time,
// og:updated_time, ...) and <time datetime> fill the title, the organisation and the dates only
// when the visible page states none. Each value they give names its signal in provenance.
#include "formats.hpp"
#include "page.hpp"

#include <svcdesc/core/hash.hpp>
#include <svcdesc/html/html.hpp>
#include <svcdesc/normalize/date.hpp>
#include <svcdesc/text/utf8.hpp>

#include "record/rapidjson.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace svcdesc::parse {
namespace {

struct Found {
  std::string value;
  std::string rule;
  int line = 0;
};

// "2020-07-31T10:00:00+03:00" -> "2020-07-31"; the date as written, in the writer's time zone.
std::optional<std::string> iso_date(std::string_view s) {
  auto match = normalize::parse_date_prefix(text::trim(s));
  if (!match || text::trim(s).size() < 10 || text::trim(s)[4] != '-')
    return std::nullopt;
  return match->date.iso();
}

// What the JSON-LD blocks of a page say: the first name, provider and dates found, depth first
// through arrays and @graph.
struct JsonLd {
  std::optional<Found> name;
  std::optional<Found> provider;
  std::optional<Found> modified;
  std::optional<Found> published;
};

void read_json_ld(const rapidjson::Value& v, int line, JsonLd& out) {
  if (v.IsArray()) {
    for (const auto& item : v.GetArray())
      read_json_ld(item, line, out);
    return;
  }
  if (!v.IsObject())
    return;
  auto str = [&](const char* key) -> std::optional<std::string> {
    auto it = v.FindMember(key);
    if (it == v.MemberEnd() || !it->value.IsString())
      return std::nullopt;
    std::string s = text::collapse_spaces({it->value.GetString(), it->value.GetStringLength()});
    return s.empty() ? std::nullopt : std::optional(s);
  };
  if (!out.name)
    if (auto s = str("name"))
      out.name = Found{*s, "html.jsonld.name", line};
  if (!out.modified)
    if (auto s = str("dateModified"); s && iso_date(*s))
      out.modified = Found{*iso_date(*s), "html.jsonld.dateModified", line};
  if (!out.published)
    if (auto s = str("datePublished"); s && iso_date(*s))
      out.published = Found{*iso_date(*s), "html.jsonld.datePublished", line};
  if (auto it = v.FindMember("provider"); !out.provider && it != v.MemberEnd()) {
    const rapidjson::Value& p =
        it->value.IsArray() && !it->value.Empty() ? it->value[0] : it->value;
    if (p.IsString() && p.GetStringLength() > 0)
      out.provider = Found{text::collapse_spaces(p.GetString()), "html.jsonld.provider", line};
    else if (p.IsObject())
      if (auto n = p.FindMember("name");
          n != p.MemberEnd() && n->value.IsString() && n->value.GetStringLength() > 0)
        out.provider =
            Found{text::collapse_spaces(n->value.GetString()), "html.jsonld.provider", line};
  }
  if (auto it = v.FindMember("@graph"); it != v.MemberEnd())
    read_json_ld(it->value, line, out);
}

// The meta keys that date a page, by kind.
constexpr std::array k_modified_meta{
    std::string_view("article:modified_time"), std::string_view("og:updated_time"),
    std::string_view("dcterms.modified"), std::string_view("dc.date.modified"),
    std::string_view("last-modified")};
constexpr std::array k_published_meta{
    std::string_view("article:published_time"), std::string_view("dcterms.created"),
    std::string_view("dcterms.issued"), std::string_view("dc.date.issued"),
    std::string_view("datepublished")};

template <size_t N>
std::optional<Found> meta_date(const std::vector<html::Signal>& metas,
                               const std::array<std::string_view, N>& keys) {
  for (std::string_view key : keys)
    for (const html::Signal& m : metas)
      if (m.key == key)
        if (auto d = iso_date(m.value))
          return Found{*d, "html.meta." + m.key, m.line};
  return std::nullopt;
}

bool is_http_url(std::string_view url) {
  return text::starts_with_icase(url, "http://") || text::starts_with_icase(url, "https://");
}

// The primary language subtag of a lang attribute ("fi-FI" -> "fi"), or "" when it is not one.
std::string primary_language(std::string_view lang) {
  std::string tag = text::ascii_lower(lang.substr(0, lang.find_first_of("-_")));
  bool letters = tag.size() >= 2 && tag.size() <= 3 &&
                 std::all_of(tag.begin(), tag.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return letters ? tag : std::string();
}

std::string rule_of(const record::Record& rec, std::string_view field) {
  for (const record::Provenance& p : rec.provenance)
    if (p.field == field)
      return p.rule;
  return {};
}

void apply_lang(const html::Signals& signals, PageBuilder& page) {
  record::Record& rec = page.record();
  std::string lang = primary_language(signals.lang.value);
  if (lang.empty())
    return;
  if (rec.lang == "und") {
    rec.lang = lang;
    page.provenance("lang", "html.lang", signals.lang.line);
    std::erase_if(rec.warnings, [](const record::Warning& w) { return w.code == "lang-unknown"; });
  } else if (rule_of(rec, "lang") == "lang.detect" && rec.lang != lang) {
    page.warn("html-lang-disagrees",
              fmt::format("<html lang=\"{}\"> but the text reads as {}; kept {}",
                          signals.lang.value, rec.lang, rec.lang),
              signals.lang.line);
  }
}

void apply_signals(const html::Signals& signals, PageBuilder& page) {
  record::Record& rec = page.record();
  apply_lang(signals, page);

  JsonLd ld;
  for (const html::Signal& block : signals.json_ld) {
    if (record::too_deep_at(block.value)) {
      page.warn("html-jsonld-invalid",
                fmt::format("a JSON-LD block is {}; ignored", record::k_too_deep_message),
                block.line);
      continue;
    }
    rapidjson::Document d;
    d.Parse(block.value.data(), block.value.size());
    if (d.HasParseError()) {
      page.warn("html-jsonld-invalid",
                fmt::format("a JSON-LD block is not valid JSON ({}); ignored",
                            rapidjson::GetParseError_En(d.GetParseError())),
                block.line);
      continue;
    }
    read_json_ld(d, block.line, ld);
  }

  if (rec.title.empty() && ld.name) {
    rec.title = ld.name->value;
    page.provenance("title", ld.name->rule, ld.name->line);
    std::erase_if(rec.warnings, [](const record::Warning& w) { return w.code == "title-missing"; });
  }
  if (!rec.organisation && ld.provider) {
    record::Organisation org;
    org.name = ld.provider->value;
    org.kind = organisation_kind(org.name);
    rec.organisation = std::move(org);
    page.provenance("organisation", ld.provider->rule, ld.provider->line);
  }

  // Dates only when the page shows none: a visible "Päivitetty" outranks every signal.
  if (!rec.dates.empty() || rec.updated)
    return;
  std::optional<Found> modified =
      ld.modified ? ld.modified : meta_date(signals.meta, k_modified_meta);
  std::optional<Found> published =
      ld.published ? ld.published : meta_date(signals.meta, k_published_meta);
  if (!published)
    for (const html::Signal& t : signals.times)
      if (auto d = iso_date(t.value)) {
        published = Found{*d, "html.time", t.line};
        break;
      }
  if (modified) {
    rec.dates.emplace_back("modified", modified->value);
    page.provenance("dates.modified", modified->rule, modified->line);
  }
  if (published) {
    rec.dates.emplace_back("published", published->value);
    page.provenance("dates.published", published->rule, published->line);
  }
  if (const std::optional<Found>& newest = modified ? modified : published) {
    rec.updated = newest->value;
    page.provenance("updated", newest->rule, newest->line);
  }
}

} // namespace

Result<record::Record> parse_html(std::string_view source_name, std::string_view bytes,
                                  const Options& options) {
  if (bytes.size() > options.max_bytes)
    return unexpected(fmt::format("input is {} bytes, more than the limit of {} bytes for one page",
                                  bytes.size(), options.max_bytes));
  if (text::trim(bytes).empty())
    return unexpected(bytes.empty() ? "empty input" : "input has only whitespace");

  html::RenderOptions render_options;
  render_options.http_charset = options.http_charset;
  auto rendered = html::render(bytes, render_options);
  if (!rendered)
    return rendered.error();

  std::string cleaned = text::clean_text(rendered->text);
  if (text::trim(cleaned).empty())
    return unexpected("the HTML page has no visible text (only markup, scripts or boilerplate)");

  record::Record record;
  if (!source_name.empty())
    record.source.file = std::string(source_name);
  record.source.sha256 = core::sha256_hex(bytes);
  record.source.format = "html";

  const html::Signals& signals = rendered->signals;
  Options read_options = options;
  bool canonical = !options.source_url && is_http_url(signals.canonical.value);
  if (canonical)
    read_options.source_url = signals.canonical.value;

  const document::Document doc(std::move(cleaned), rendered->source_lines);
  record = read_document(doc, std::move(record), read_options);

  PageBuilder page(record);
  if (canonical)
    page.provenance("source.url", "html.canonical", signals.canonical.line);
  apply_signals(signals, page);
  for (html::Issue& issue : rendered->issues)
    page.warn(issue.code, std::move(issue.message), issue.line);
  return record;
}

} // namespace svcdesc::parse
