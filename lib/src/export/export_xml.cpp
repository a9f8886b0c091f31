// XML export with pugixml (wrapped here and only here). pugixml builds documents in memory, so
// each record is its own small document, printed and dropped; the root element's start and end
// tags are written around them by hand. The vocabulary is schemas/record.xsd: element names are
// the record's field names, codes and kinds are attributes. XML 1.0 cannot carry most control
// characters, so any that a record holds (other than tab, LF and CR) become U+FFFD.
#include "export/encoder.hpp"

#include <pugixml.hpp>

#include <string>

namespace svcdesc::exporting {
namespace {

using record::Record;

constexpr const char* k_namespace = "urn:svcdesc:record:1";

bool clean_for_xml(std::string_view s) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
      return false;
  }
  return true;
}

std::string xml_text(std::string_view s) {
  if (clean_for_xml(s))
    return std::string(s);
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
      out += "\xEF\xBF\xBD";
    else
      out += ch;
  }
  return out;
}

void text(pugi::xml_node parent, const char* name, std::string_view value) {
  parent.append_child(name).text().set(xml_text(value).c_str());
}

void optional_text(pugi::xml_node parent, const char* name, const std::optional<std::string>& v) {
  if (v)
    text(parent, name, *v);
}

void attr(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(xml_text(value).c_str());
}

void coded(pugi::xml_node parent, const char* name, const std::vector<record::CodedName>& list) {
  for (const record::CodedName& c : list) {
    pugi::xml_node n = parent.append_child(name);
    attr(n, "code", c.code);
    n.text().set(xml_text(c.name).c_str());
  }
}

void refs(pugi::xml_node parent, const char* name, const std::vector<record::OrganisationRef>& list) {
  pugi::xml_node group = parent.append_child(name);
  for (const record::OrganisationRef& r : list) {
    pugi::xml_node n = group.append_child("organisation");
    text(n, "name", r.name);
    optional_text(n, "business_id", r.business_id);
  }
}

struct StringWriter final : pugi::xml_writer {
  std::string& out;
  explicit StringWriter(std::string& o) : out(o) {}
  void write(const void* data, size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

class XmlEncoder final : public Encoder {
public:
  void begin(std::string& out) override {
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records xmlns=\"";
    out += k_namespace;
    out += "\">\n";
  }

  void record(const Record& r, std::string& out) override {
    pugi::xml_document doc;
    pugi::xml_node n = doc.append_child("record");
    n.append_attribute("schema_version").set_value(r.schema_version);
    text(n, "id", r.id);
    text(n, "lang", r.lang);
    text(n, "kind", r.kind);
    text(n, "title", r.title);
    optional_text(n, "service_type", r.service_type);
    optional_text(n, "funding", r.funding);
    if (r.organisation) {
      pugi::xml_node o = n.append_child("organisation");
      text(o, "name", r.organisation->name);
      optional_text(o, "id", r.organisation->id);
      optional_text(o, "business_id", r.organisation->business_id);
      optional_text(o, "kind", r.organisation->kind);
      refs(o, "producers", r.organisation->producers);
      refs(o, "other_responsible", r.organisation->other_responsible);
    }
    pugi::xml_node area = n.append_child("area");
    attr(area, "type", r.area.type);
    if (r.area.stated_count)
      area.append_attribute("stated_count").set_value(*r.area.stated_count);
    coded(area, "municipality", r.area.municipalities);
    coded(area, "region", r.area.regions);
    coded(area, "wellbeing_services_county", r.area.wellbeing_services_counties);
    for (const std::string& u : r.area.unmatched)
      text(area, "unmatched", u);
    pugi::xml_node langs = n.append_child("languages");
    for (const std::string& l : r.languages)
      text(langs, "language", l);
    pugi::xml_node cost = n.append_child("cost");
    attr(cost, "type", r.cost.type);
    optional_text(cost, "evidence", r.cost.evidence);
    optional_text(n, "updated", r.updated);
    pugi::xml_node dates = n.append_child("dates");
    for (const auto& [kind, date] : r.dates) {
      pugi::xml_node d = dates.append_child("date");
      attr(d, "kind", kind);
      d.text().set(xml_text(date).c_str());
    }
    pugi::xml_node sections = n.append_child("sections");
    for (const record::Section& s : r.sections) {
      pugi::xml_node sec = sections.append_child("section");
      attr(sec, "kind", s.kind);
      attr(sec, "heading", s.heading);
      sec.text().set(xml_text(s.text).c_str());
    }
    pugi::xml_node contacts = n.append_child("contacts");
    for (const record::Contact& c : r.contacts) {
      pugi::xml_node cn = contacts.append_child("contact");
      optional_text(cn, "name", c.name);
      optional_text(cn, "role", c.role);
      optional_text(cn, "phone", c.phone);
      optional_text(cn, "email", c.email);
    }
    pugi::xml_node source = n.append_child("source");
    attr(source, "status", r.source.status);
    attr(source, "profile", r.source.profile);
    optional_text(source, "url", r.source.url);
    optional_text(source, "file", r.source.file);
    text(source, "sha256", r.source.sha256);
    optional_text(source, "fetched_at", r.source.fetched_at);
    optional_text(source, "http_last_modified", r.source.http_last_modified);
    optional_text(source, "etag", r.source.etag);
    optional_text(source, "status_reason", r.source.status_reason);
    optional_text(source, "format", r.source.format);
    optional_text(source, "refdata", r.source.refdata);
    pugi::xml_node provenance = n.append_child("provenance");
    for (const record::Provenance& p : r.provenance) {
      pugi::xml_node f = provenance.append_child("field");
      attr(f, "name", p.field);
      attr(f, "rule", p.rule);
      f.append_attribute("line").set_value(p.line);
    }
    pugi::xml_node warnings = n.append_child("warnings");
    for (const record::Warning& w : r.warnings) {
      pugi::xml_node wn = warnings.append_child("warning");
      attr(wn, "code", w.code);
      if (w.line > 0)
        wn.append_attribute("line").set_value(w.line);
      wn.text().set(xml_text(w.message).c_str());
    }
    StringWriter writer(out);
    doc.save(writer, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  }

  void end(std::string& out) override { out += "</records>\n"; }
};

} // namespace

std::unique_ptr<Encoder> make_xml_encoder() { return std::make_unique<XmlEncoder>(); }

} // namespace svcdesc::exporting
