// CSV and TSV export. A column is a dotted path into the record ("organisation.name",
// "area.municipalities"); each path has an extractor that appends the cell's text. Lists are joined
// with ';' (items are written as they are: codes never contain a ';', names rarely do). CSV follows
// RFC 4180: a cell is quoted when it holds a comma, a quote, CR or LF, and quotes are doubled;
// lines end with CRLF unless LF is asked for. TSV cannot quote, so a tab, newline, carriage return
// or backslash inside a cell is written as \t, \n, \r or \\ (the convention of PostgreSQL's and
// Miller's TSV). With ExcelSafe::yes a cell starting with = + - @ tab or CR gets a leading
// apostrophe (OWASP's advice against CSV injection).
#include <svcdesc/export/export.hpp>

#include "export/encoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace svcdesc::exporting {
namespace {

using record::Record;
using Extract = void (*)(const Record&, std::string&);

void append_opt(std::string& out, const std::optional<std::string>& v) {
  if (v)
    out += *v;
}

template <typename List, typename Get> void join(std::string& out, const List& list, Get get) {
  bool first = true;
  for (const auto& item : list) {
    if (!first)
      out += ';';
    first = false;
    out += get(item);
  }
}

const std::string& code_of(const record::CodedName& c) { return c.code; }
const std::string& name_of(const record::CodedName& c) { return c.name; }
const std::string& ref_name(const record::OrganisationRef& r) { return r.name; }
const std::string& self(const std::string& s) { return s; }

void date_of(const Record& r, std::string_view kind, std::string& out) {
  for (const auto& [k, d] : r.dates)
    if (k == kind) {
      out += d;
      return;
    }
}

void section_of(const Record& r, std::string_view kind, std::string& out) {
  bool first = true;
  for (const record::Section& s : r.sections)
    if (s.kind == kind) {
      if (!first)
        out += "\n\n";
      first = false;
      out += s.text;
    }
}

template <typename Get> void contacts(const Record& r, std::string& out, Get get) {
  join(out, r.contacts, [&](const record::Contact& c) -> std::string {
    const std::optional<std::string>& v = get(c);
    return v ? *v : std::string();
  });
}

struct Column {
  std::string_view name;
  Extract extract;
};

// clang-format off
const Column k_columns[] = {
    {"id", [](const Record& r, std::string& o) { o += r.id; }},
    {"schema_version", [](const Record& r, std::string& o) { o += std::to_string(r.schema_version); }},
    {"lang", [](const Record& r, std::string& o) { o += r.lang; }},
    {"kind", [](const Record& r, std::string& o) { o += r.kind; }},
    {"title", [](const Record& r, std::string& o) { o += r.title; }},
    {"service_type", [](const Record& r, std::string& o) { append_opt(o, r.service_type); }},
    {"funding", [](const Record& r, std::string& o) { append_opt(o, r.funding); }},
    {"organisation.name", [](const Record& r, std::string& o) { if (r.organisation) o += r.organisation->name; }},
    {"organisation.id", [](const Record& r, std::string& o) { if (r.organisation) append_opt(o, r.organisation->id); }},
    {"organisation.business_id", [](const Record& r, std::string& o) { if (r.organisation) append_opt(o, r.organisation->business_id); }},
    {"organisation.kind", [](const Record& r, std::string& o) { if (r.organisation) append_opt(o, r.organisation->kind); }},
    {"organisation.producers", [](const Record& r, std::string& o) { if (r.organisation) join(o, r.organisation->producers, ref_name); }},
    {"organisation.other_responsible", [](const Record& r, std::string& o) { if (r.organisation) join(o, r.organisation->other_responsible, ref_name); }},
    {"area.type", [](const Record& r, std::string& o) { o += r.area.type; }},
    {"area.municipalities", [](const Record& r, std::string& o) { join(o, r.area.municipalities, code_of); }},
    {"area.municipalities.name", [](const Record& r, std::string& o) { join(o, r.area.municipalities, name_of); }},
    {"area.regions", [](const Record& r, std::string& o) { join(o, r.area.regions, code_of); }},
    {"area.regions.name", [](const Record& r, std::string& o) { join(o, r.area.regions, name_of); }},
    {"area.wellbeing_services_counties", [](const Record& r, std::string& o) { join(o, r.area.wellbeing_services_counties, code_of); }},
    {"area.wellbeing_services_counties.name", [](const Record& r, std::string& o) { join(o, r.area.wellbeing_services_counties, name_of); }},
    {"area.unmatched", [](const Record& r, std::string& o) { join(o, r.area.unmatched, self); }},
    {"area.stated_count", [](const Record& r, std::string& o) { if (r.area.stated_count) o += std::to_string(*r.area.stated_count); }},
    {"languages", [](const Record& r, std::string& o) { join(o, r.languages, self); }},
    {"cost.type", [](const Record& r, std::string& o) { o += r.cost.type; }},
    {"cost.evidence", [](const Record& r, std::string& o) { append_opt(o, r.cost.evidence); }},
    {"updated", [](const Record& r, std::string& o) { append_opt(o, r.updated); }},
    {"dates.updated", [](const Record& r, std::string& o) { date_of(r, "updated", o); }},
    {"dates.modified", [](const Record& r, std::string& o) { date_of(r, "modified", o); }},
    {"dates.published", [](const Record& r, std::string& o) { date_of(r, "published", o); }},
    {"sections.description", [](const Record& r, std::string& o) { section_of(r, "description", o); }},
    {"sections.instructions", [](const Record& r, std::string& o) { section_of(r, "instructions", o); }},
    {"sections.conditions", [](const Record& r, std::string& o) { section_of(r, "conditions", o); }},
    {"sections.background", [](const Record& r, std::string& o) { section_of(r, "background", o); }},
    {"sections.cost", [](const Record& r, std::string& o) { section_of(r, "cost", o); }},
    {"sections.body", [](const Record& r, std::string& o) { section_of(r, "body", o); }},
    {"contacts.name", [](const Record& r, std::string& o) { contacts(r, o, [](const record::Contact& c) -> const auto& { return c.name; }); }},
    {"contacts.role", [](const Record& r, std::string& o) { contacts(r, o, [](const record::Contact& c) -> const auto& { return c.role; }); }},
    {"contacts.phone", [](const Record& r, std::string& o) { contacts(r, o, [](const record::Contact& c) -> const auto& { return c.phone; }); }},
    {"contacts.email", [](const Record& r, std::string& o) { contacts(r, o, [](const record::Contact& c) -> const auto& { return c.email; }); }},
    {"source.url", [](const Record& r, std::string& o) { append_opt(o, r.source.url); }},
    {"source.file", [](const Record& r, std::string& o) { append_opt(o, r.source.file); }},
    {"source.sha256", [](const Record& r, std::string& o) { o += r.source.sha256; }},
    {"source.profile", [](const Record& r, std::string& o) { o += r.source.profile; }},
    {"source.fetched_at", [](const Record& r, std::string& o) { append_opt(o, r.source.fetched_at); }},
    {"source.http_last_modified", [](const Record& r, std::string& o) { append_opt(o, r.source.http_last_modified); }},
    {"source.etag", [](const Record& r, std::string& o) { append_opt(o, r.source.etag); }},
    {"source.status", [](const Record& r, std::string& o) { o += r.source.status; }},
    {"source.status_reason", [](const Record& r, std::string& o) { append_opt(o, r.source.status_reason); }},
    {"source.format", [](const Record& r, std::string& o) { append_opt(o, r.source.format); }},
    {"source.refdata", [](const Record& r, std::string& o) { append_opt(o, r.source.refdata); }},
    {"warnings", [](const Record& r, std::string& o) { join(o, r.warnings, [](const record::Warning& w) -> const std::string& { return w.code; }); }},
};
// clang-format on

const Column* find_column(std::string_view name) {
  for (const Column& c : k_columns)
    if (c.name == name)
      return &c;
  return nullptr;
}

bool needs_neutralising(std::string_view cell) {
  if (cell.empty())
    return false;
  char c = cell.front();
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

class TableEncoder final : public Encoder {
public:
  explicit TableEncoder(const Options& options)
      : m_tsv(options.format == Format::tsv), m_excel_safe(options.excel_safe == ExcelSafe::yes),
        m_bom(options.bom == Bom::yes),
        m_eol(m_tsv || options.line_end == LineEnd::lf ? "\n" : "\r\n") {
    const std::vector<std::string>& names = options.fields.empty() ? default_fields() : options.fields;
    for (const std::string& n : names) {
      m_names.push_back(n);
      m_columns.push_back(find_column(n)->extract);
    }
  }

  void begin(std::string& out) override {
    if (m_bom)
      out += "\xEF\xBB\xBF";
    for (size_t i = 0; i < m_names.size(); ++i) {
      if (i > 0)
        out += m_tsv ? '\t' : ',';
      cell(m_names[i], out);
    }
    out += m_eol;
  }

  void record(const Record& r, std::string& out) override {
    for (size_t i = 0; i < m_columns.size(); ++i) {
      if (i > 0)
        out += m_tsv ? '\t' : ',';
      m_cell.clear();
      m_columns[i](r, m_cell);
      cell(m_cell, out);
    }
    out += m_eol;
  }

  void end(std::string&) override {}

private:
  void cell(std::string_view text, std::string& out) const {
    bool neutralise = m_excel_safe && needs_neutralising(text);
    if (m_tsv) {
      if (neutralise)
        out += '\'';
      size_t run = 0;
      for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        const char* escape = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\\' ? "\\\\" : nullptr;
        if (escape == nullptr)
          continue;
        out.append(text.data() + run, i - run);
        out += escape;
        run = i + 1;
      }
      out.append(text.data() + run, text.size() - run);
      return;
    }
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
      if (neutralise)
        out += '\'';
      out += text;
      return;
    }
    out += '"';
    if (neutralise)
      out += '\'';
    size_t run = 0;
    for (size_t quote = text.find('"'); quote != std::string_view::npos;
         quote = text.find('"', quote + 1)) {
      out.append(text.data() + run, quote + 1 - run);
      out += '"';
      run = quote + 1;
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
  }

  bool m_tsv;
  bool m_excel_safe;
  bool m_bom;
  std::string m_eol;
  std::vector<std::string> m_names;
  std::vector<Extract> m_columns;
  std::string m_cell;
};

} // namespace

const std::vector<std::string>& default_fields() {
  static const std::vector<std::string> fields{
      "id",          "lang",        "kind",       "title",      "organisation.name",
      "area.type",   "area.municipalities",       "languages",  "cost.type",
      "cost.evidence", "updated",   "source.url", "source.file"};
  return fields;
}

const std::vector<std::string>& field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Column& c : k_columns)
      out.emplace_back(c.name);
    return out;
  }();
  return names;
}

Result<bool> check_fields(const std::vector<std::string>& fields) {
  for (const std::string& f : fields)
    if (find_column(f) == nullptr)
      return unexpected(fmt::format("unknown field '{}'; the fields are: {}", f,
                                    fmt::join(field_names(), ", ")));
  return true;
}

std::unique_ptr<Encoder> make_table_encoder(const Options& options) {
  return std::make_unique<TableEncoder>(options);
}

} // namespace svcdesc::exporting
