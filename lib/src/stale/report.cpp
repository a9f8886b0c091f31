// The stale report as text (an aligned table), CSV (RFC 4180), JSON and NDJSON.
#include <svcdesc/stale/stale.hpp>
#include <svcdesc/text/utf8.hpp>

#include "record/json_writer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace svcdesc::stale {
namespace {

std::string date_text(const std::optional<Date>& d) { return d ? d->iso() : std::string("-"); }

std::string source_of(const Entry& e) {
  if (!e.url.empty())
    return e.url;
  if (!e.file.empty())
    return e.file;
  return fmt::format("{}:{}", e.input, e.line);
}

// `s` cut to `width` code points, the last one replaced by "…" when cut.
std::string cut(std::string_view s, size_t width) {
  if (text::length_utf8(s) <= width)
    return std::string(s);
  std::string out;
  size_t i = 0;
  for (size_t n = 0; n + 1 < width && i < s.size(); ++n) {
    size_t before = i;
    text::next_code_point(s, i);
    out.append(s.substr(before, i - before));
  }
  return out + "…";
}

// Rows of cells printed in columns two spaces apart; the last column is not padded. Columns
// listed in `right` are right-aligned (numbers).
std::string table(const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& right) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], text::length_utf8(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      size_t pad = widths[i] - text::length_utf8(row[i]);
      bool last = i + 1 == row.size();
      if (i > 0)
        line += "  ";
      if (i < right.size() && right[i])
        line += std::string(pad, ' ') + row[i];
      else
        line += last ? row[i] : row[i] + std::string(pad, ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string org_or_dash(const Entry& e) { return e.organisation.empty() ? "-" : e.organisation; }

std::string heading_line(const Report& r) {
  return fmt::format("as of {}: {} older than {} (updated before {}), {} without an updated date, "
                     "{} behind another language version; {} records read, {} matched{}\n",
                     r.as_of.iso(), r.summary.older_than, r.threshold, r.cutoff.iso(),
                     r.summary.no_updated, r.summary.behind_other_language, r.summary.records,
                     r.summary.matched,
                     r.summary.bad > 0 ? fmt::format(", {} not records", r.summary.bad) : "");
}

std::string group_table(const Report& r) {
  std::vector<std::vector<std::string>> rows = {
      {fmt::format("{}", group_by_name(r.group_by)), "OLDER", "NO DATE", "BEHIND", "TOTAL"}};
  for (char& c : rows[0][0])
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const Group& g : r.groups)
    rows.push_back({g.label, std::to_string(g.older_than), std::to_string(g.no_updated),
                    std::to_string(g.behind_other_language), std::to_string(g.total())});
  return table(rows, {false, true, true, true, true});
}

} // namespace

std::string render_text(const Report& r, size_t title_width) {
  std::string out = heading_line(r);
  if (r.group_by != GroupBy::none) {
    out += "\n" + group_table(r);
    return out;
  }
  if (!r.stale.empty()) {
    out += fmt::format("\nOlder than {} ({}):\n", r.threshold, r.stale.size());
    std::vector<std::vector<std::string>> rows = {
        {"AGE", "UPDATED", "LANG", "ORGANISATION", "TITLE", "ID", "SOURCE"}};
    for (const Entry& e : r.stale)
      rows.push_back({std::to_string(e.age_days), date_text(e.updated), e.lang,
                      cut(org_or_dash(e), 32), cut(e.title, title_width), e.id, source_of(e)});
    out += table(rows, {true});
  }
  if (!r.missing_updated.empty()) {
    out += fmt::format("\nNo updated date ({}):\n", r.missing_updated.size());
    std::vector<std::vector<std::string>> rows = {
        {"LANG", "KIND", "ORGANISATION", "TITLE", "ID", "SOURCE"}};
    for (const Entry& e : r.missing_updated)
      rows.push_back({e.lang, e.kind, cut(org_or_dash(e), 32), cut(e.title, title_width), e.id,
                      source_of(e)});
    out += table(rows, {});
  }
  if (!r.cross_language.empty()) {
    out += fmt::format("\nBehind another language version ({}):\n", r.cross_language.size());
    std::vector<std::vector<std::string>> rows = {
        {"BEHIND", "UPDATED", "LANG", "NEWEST", "ORGANISATION", "TITLE", "ID", "SOURCE"}};
    for (const Entry& e : r.cross_language)
      rows.push_back({std::to_string(e.behind_days), date_text(e.updated), e.lang,
                      e.newest_lang + " " + date_text(e.newest_updated), cut(org_or_dash(e), 32),
                      cut(e.title, title_width), e.id, source_of(e)});
    out += table(rows, {true});
  }
  return out;
}

namespace {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"')
      out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0)
      out += ',';
    out += csv_field(cells[i]);
  }
  return out + "\r\n";
}

std::string optional_date(const std::optional<Date>& d) { return d ? d->iso() : std::string(); }

} // namespace

std::string render_csv(const Report& r) {
  std::string out;
  if (r.group_by != GroupBy::none) {
    out += csv_row({std::string(group_by_name(r.group_by)), "label", "older_than", "no_updated",
                    "behind_other_language", "total"});
    for (const Group& g : r.groups)
      out += csv_row({g.key, g.label, std::to_string(g.older_than), std::to_string(g.no_updated),
                      std::to_string(g.behind_other_language), std::to_string(g.total())});
    return out;
  }
  out += csv_row({"reason", "age_days", "updated", "lang", "kind", "organisation", "title", "id",
                  "url", "file", "newest_lang", "newest_updated", "behind_days"});
  for (const auto* list : {&r.stale, &r.missing_updated, &r.cross_language})
    for (const Entry& e : *list)
      out += csv_row({std::string(reason_name(e.reason)),
                      e.updated ? std::to_string(e.age_days) : std::string(),
                      optional_date(e.updated), e.lang, e.kind, e.organisation, e.title, e.id,
                      e.url, e.file, e.newest_lang, optional_date(e.newest_updated),
                      e.reason == Reason::behind_other_language ? std::to_string(e.behind_days)
                                                                : std::string()});
  return out;
}

namespace {

using record::JsonWriter;

void optional_string(JsonWriter& w, std::string_view key, const std::string& s) {
  w.key(key);
  if (s.empty())
    w.null();
  else
    w.value(s);
}

void number(JsonWriter& w, std::string_view key, int64_t n) {
  w.key(key);
  w.value(static_cast<int>(n));
}

void write_entry(JsonWriter& w, const Entry& e) {
  w.begin_object();
  w.key("reason");
  w.value(reason_name(e.reason));
  w.key("id");
  w.value(e.id);
  w.key("lang");
  w.value(e.lang);
  w.key("kind");
  w.value(e.kind);
  w.key("title");
  w.value(e.title);
  optional_string(w, "organisation", e.organisation);
  w.key("updated");
  if (e.updated) {
    w.value(e.updated->iso());
    number(w, "age_days", e.age_days);
  } else {
    w.null();
  }
  if (e.reason == Reason::behind_other_language) {
    w.key("newest_lang");
    w.value(e.newest_lang);
    w.key("newest_updated");
    w.value(e.newest_updated->iso());
    number(w, "behind_days", e.behind_days);
  }
  optional_string(w, "url", e.url);
  optional_string(w, "file", e.file);
  w.key("input");
  w.value(e.input);
  number(w, "line", e.line);
  w.end_object();
}

void write_group(JsonWriter& w, const Report& r, const Group& g) {
  w.begin_object();
  w.key("by");
  w.value(group_by_name(r.group_by));
  w.key("key");
  w.value(g.key);
  w.key("label");
  w.value(g.label);
  number(w, "older_than", g.older_than);
  number(w, "no_updated", g.no_updated);
  number(w, "behind_other_language", g.behind_other_language);
  number(w, "total", g.total());
  w.end_object();
}

} // namespace

std::string render_json(const Report& r) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("as_of");
  w.value(r.as_of.iso());
  w.key("threshold");
  w.value(r.threshold);
  w.key("cutoff");
  w.value(r.cutoff.iso());
  w.key("summary");
  w.begin_object();
  number(w, "records", r.summary.records);
  number(w, "matched", r.summary.matched);
  number(w, "bad", r.summary.bad);
  number(w, "older_than", r.summary.older_than);
  number(w, "no_updated", r.summary.no_updated);
  number(w, "behind_other_language", r.summary.behind_other_language);
  w.end_object();
  if (r.group_by != GroupBy::none) {
    w.key("groups");
    w.begin_array();
    for (const Group& g : r.groups)
      write_group(w, r, g);
    w.end_array();
  }
  for (auto [name, list] : {std::pair{"stale", &r.stale}, {"missing_updated", &r.missing_updated},
                            {"cross_language", &r.cross_language}}) {
    w.key(name);
    w.begin_array();
    for (const Entry& e : *list)
      write_entry(w, e);
    w.end_array();
  }
  w.end_object();
  out += '\n';
  return out;
}

std::string render_ndjson(const Report& r) {
  std::string out;
  if (r.group_by != GroupBy::none) {
    for (const Group& g : r.groups) {
      JsonWriter w(out);
      write_group(w, r, g);
      out += '\n';
    }
    return out;
  }
  for (const auto* list : {&r.stale, &r.missing_updated, &r.cross_language}) {
    for (const Entry& e : *list) {
      JsonWriter w(out);
      write_entry(w, e);
      out += '\n';
    }
  }
  return out;
}

} // namespace svcdesc::stale
