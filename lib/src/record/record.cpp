#include <svcdesc/record/record.hpp>

#include "json_writer.hpp"
#include "rapidjson.hpp"
#include "record_json.hpp"

#include <fmt/format.h>

namespace svcdesc::record {
namespace {

void write_optional(JsonWriter& w, std::string_view key, const std::optional<std::string>& v) {
  if (v) {
    w.key(key);
    w.value(*v);
  }
}

void write_nullable(JsonWriter& w, std::string_view key, const std::optional<std::string>& v) {
  w.key(key);
  if (v)
    w.value(*v);
  else
    w.null();
}

void write_coded(JsonWriter& w, std::string_view key, const std::vector<CodedName>& list) {
  w.key(key);
  w.begin_array();
  for (const CodedName& c : list) {
    w.begin_object();
    w.key("code");
    w.value(c.code);
    w.key("name");
    w.value(c.name);
    w.end_object();
  }
  w.end_array();
}

void write_refs(JsonWriter& w, std::string_view key, const std::vector<OrganisationRef>& list) {
  w.key(key);
  w.begin_array();
  for (const OrganisationRef& r : list) {
    w.begin_object();
    w.key("name");
    w.value(r.name);
    write_optional(w, "business_id", r.business_id);
    w.end_object();
  }
  w.end_array();
}

void write_strings(JsonWriter& w, std::string_view key, const std::vector<std::string>& list) {
  w.key(key);
  w.begin_array();
  for (const std::string& s : list)
    w.value(s);
  w.end_array();
}

// ---- reading -------------------------------------------------------------------------------

using Value = rapidjson::Value;

class Reader {
public:
  std::optional<Error> error;

  void fail(std::string_view field, std::string_view what) {
    if (!error)
      error = Error{fmt::format("field \"{}\": {}", field, what)};
  }

  std::string string(const Value& obj, const char* key, std::string_view path, bool required) {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd() || it->value.IsNull()) {
      if (required)
        fail(path, "required field is missing");
      return {};
    }
    if (!it->value.IsString()) {
      fail(path, "expected a string");
      return {};
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
  }
  std::optional<std::string> optional_string(const Value& obj, const char* key, std::string_view path) {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd() || it->value.IsNull())
      return std::nullopt;
    if (!it->value.IsString()) {
      fail(path, "expected a string or null");
      return std::nullopt;
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
  }
  const Value* member(const Value& obj, const char* key, std::string_view path, bool required,
                      bool (Value::*is_type)() const, std::string_view type_name) {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd() || it->value.IsNull()) {
      if (required)
        fail(path, "required field is missing");
      return nullptr;
    }
    if (!(it->value.*is_type)()) {
      fail(path, fmt::format("expected {}", type_name));
      return nullptr;
    }
    return &it->value;
  }
  const Value* object(const Value& obj, const char* key, std::string_view path, bool required) {
    return member(obj, key, path, required, &Value::IsObject, "an object");
  }
  const Value* array(const Value& obj, const char* key, std::string_view path, bool required) {
    return member(obj, key, path, required, &Value::IsArray, "an array");
  }
  std::vector<std::string> strings(const Value& obj, const char* key, std::string_view path) {
    std::vector<std::string> out;
    if (const Value* a = array(obj, key, path, false)) {
      for (const Value& v : a->GetArray()) {
        if (!v.IsString()) {
          fail(path, "expected an array of strings");
          break;
        }
        out.emplace_back(v.GetString(), v.GetStringLength());
      }
    }
    return out;
  }
  std::vector<CodedName> coded(const Value& obj, const char* key, std::string_view path) {
    std::vector<CodedName> out;
    if (const Value* a = array(obj, key, path, false)) {
      for (const Value& v : a->GetArray()) {
        if (!v.IsObject()) {
          fail(path, "expected an array of {code, name} objects");
          break;
        }
        out.push_back({string(v, "code", path, true), string(v, "name", path, true)});
      }
    }
    return out;
  }
  std::vector<OrganisationRef> refs(const Value& obj, const char* key, std::string_view path) {
    std::vector<OrganisationRef> out;
    if (const Value* a = array(obj, key, path, false)) {
      for (const Value& v : a->GetArray()) {
        if (!v.IsObject()) {
          fail(path, "expected an array of {name} objects");
          break;
        }
        out.push_back({string(v, "name", path, true), optional_string(v, "business_id", path)});
      }
    }
    return out;
  }
};

} // namespace

std::string json_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  JsonWriter w(out);
  w.value(s);
  return out;
}

std::string to_json(const Record& r) {
  std::string out;
  size_t text_size = 0;
  for (const Section& s : r.sections)
    text_size += s.text.size() + s.heading.size() + 64;
  out.reserve(text_size + 4096);
  JsonWriter w(out);
  w.begin_object();
  w.key("schema_version");
  w.value(r.schema_version);
  w.key("id");
  w.value(r.id);
  w.key("lang");
  w.value(r.lang);
  w.key("kind");
  w.value(r.kind);
  w.key("title");
  w.value(r.title);
  write_nullable(w, "service_type", r.service_type);
  write_nullable(w, "funding", r.funding);

  w.key("organisation");
  if (r.organisation) {
    const Organisation& o = *r.organisation;
    w.begin_object();
    w.key("name");
    w.value(o.name);
    write_optional(w, "id", o.id);
    write_optional(w, "business_id", o.business_id);
    write_optional(w, "kind", o.kind);
    write_refs(w, "producers", o.producers);
    write_refs(w, "other_responsible", o.other_responsible);
    write_optional(w, "email_pattern", o.email_pattern);
    if (o.successor) {
      w.key("successor");
      w.begin_object();
      w.key("name");
      w.value(o.successor->name);
      write_optional(w, "code", o.successor->code);
      write_optional(w, "since", o.successor->since);
      w.end_object();
    }
    w.end_object();
  } else {
    w.null();
  }

  w.key("area");
  w.begin_object();
  w.key("type");
  w.value(r.area.type);
  write_coded(w, "municipalities", r.area.municipalities);
  write_coded(w, "regions", r.area.regions);
  write_coded(w, "wellbeing_services_counties", r.area.wellbeing_services_counties);
  write_strings(w, "unmatched", r.area.unmatched);
  write_coded(w, "mentioned", r.area.mentioned);
  if (r.area.stated_count) {
    w.key("stated_count");
    w.value(*r.area.stated_count);
  }
  w.end_object();

  write_strings(w, "languages", r.languages);

  w.key("cost");
  w.begin_object();
  w.key("type");
  w.value(r.cost.type);
  write_nullable(w, "evidence", r.cost.evidence);
  w.end_object();

  write_nullable(w, "updated", r.updated);
  w.key("dates");
  w.begin_object();
  for (const auto& [kind, date] : r.dates) {
    w.data_key(kind);
    w.value(date);
  }
  w.end_object();

  w.key("sections");
  w.begin_array();
  for (const Section& s : r.sections) {
    w.begin_object();
    w.key("kind");
    w.value(s.kind);
    w.key("heading");
    w.value(s.heading);
    w.key("text");
    w.value(s.text);
    w.end_object();
  }
  w.end_array();

  w.key("contacts");
  w.begin_array();
  for (const Contact& c : r.contacts) {
    w.begin_object();
    write_optional(w, "name", c.name);
    write_optional(w, "role", c.role);
    write_optional(w, "phone", c.phone);
    write_optional(w, "phone_masked", c.phone_masked);
    write_optional(w, "email", c.email);
    w.end_object();
  }
  w.end_array();

  const Source& s = r.source;
  w.key("source");
  w.begin_object();
  write_optional(w, "url", s.url);
  write_optional(w, "file", s.file);
  w.key("sha256");
  w.value(s.sha256);
  w.key("profile");
  w.value(s.profile);
  write_optional(w, "fetched_at", s.fetched_at);
  write_optional(w, "http_last_modified", s.http_last_modified);
  write_optional(w, "etag", s.etag);
  w.key("status");
  w.value(s.status);
  write_optional(w, "status_reason", s.status_reason);
  write_optional(w, "format", s.format);
  write_optional(w, "refdata", s.refdata);
  w.end_object();

  w.key("provenance");
  w.begin_object();
  for (const Provenance& p : r.provenance) {
    w.data_key(p.field);
    w.begin_object();
    w.key("rule");
    w.value(p.rule);
    w.key("line");
    w.value(p.line);
    w.end_object();
  }
  w.end_object();

  w.key("warnings");
  w.begin_array();
  for (const Warning& wn : r.warnings) {
    w.begin_object();
    w.key("code");
    w.value(wn.code);
    w.key("message");
    w.value(wn.message);
    if (wn.line > 0) {
      w.key("line");
      w.value(wn.line);
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out;
}

Result<Record> from_json(std::string_view json) {
  if (std::optional<size_t> deep = too_deep_at(json))
    return unexpected(std::string(k_too_deep_message), 1, static_cast<int>(*deep) + 1);
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(json.data(), json.size());
  if (doc.HasParseError()) {
    return unexpected(rapidjson::GetParseError_En(doc.GetParseError()), 1,
                      static_cast<int>(doc.GetErrorOffset()) + 1);
  }
  return from_value(doc);
}

Result<Record> from_value(const rapidjson::Value& doc) {
  if (!doc.IsObject())
    return unexpected("a record must be a JSON object");

  Reader rd;
  Record r;
  auto version = doc.FindMember("schema_version");
  if (version == doc.MemberEnd() || !version->value.IsInt())
    rd.fail("schema_version", "required integer is missing");
  else
    r.schema_version = version->value.GetInt();
  r.id = rd.string(doc, "id", "id", true);
  r.lang = rd.string(doc, "lang", "lang", true);
  r.kind = rd.string(doc, "kind", "kind", true);
  r.title = rd.string(doc, "title", "title", true);
  r.service_type = rd.optional_string(doc, "service_type", "service_type");
  r.funding = rd.optional_string(doc, "funding", "funding");

  if (const Value* o = rd.object(doc, "organisation", "organisation", false)) {
    Organisation org;
    org.name = rd.string(*o, "name", "organisation.name", true);
    org.id = rd.optional_string(*o, "id", "organisation.id");
    org.business_id = rd.optional_string(*o, "business_id", "organisation.business_id");
    org.kind = rd.optional_string(*o, "kind", "organisation.kind");
    org.producers = rd.refs(*o, "producers", "organisation.producers");
    org.other_responsible = rd.refs(*o, "other_responsible", "organisation.other_responsible");
    org.email_pattern = rd.optional_string(*o, "email_pattern", "organisation.email_pattern");
    if (const Value* s = rd.object(*o, "successor", "organisation.successor", false))
      org.successor = Successor{rd.string(*s, "name", "organisation.successor.name", true),
                                rd.optional_string(*s, "code", "organisation.successor.code"),
                                rd.optional_string(*s, "since", "organisation.successor.since")};
    r.organisation = std::move(org);
  }

  if (const Value* a = rd.object(doc, "area", "area", true)) {
    r.area.type = rd.string(*a, "type", "area.type", true);
    r.area.municipalities = rd.coded(*a, "municipalities", "area.municipalities");
    r.area.regions = rd.coded(*a, "regions", "area.regions");
    r.area.wellbeing_services_counties =
        rd.coded(*a, "wellbeing_services_counties", "area.wellbeing_services_counties");
    r.area.unmatched = rd.strings(*a, "unmatched", "area.unmatched");
    r.area.mentioned = rd.coded(*a, "mentioned", "area.mentioned");
    if (auto it = a->FindMember("stated_count"); it != a->MemberEnd() && !it->value.IsNull()) {
      if (it->value.IsInt())
        r.area.stated_count = it->value.GetInt();
      else
        rd.fail("area.stated_count", "expected an integer");
    }
  }

  r.languages = rd.strings(doc, "languages", "languages");
  if (const Value* c = rd.object(doc, "cost", "cost", true)) {
    r.cost.type = rd.string(*c, "type", "cost.type", true);
    r.cost.evidence = rd.optional_string(*c, "evidence", "cost.evidence");
  }
  r.updated = rd.optional_string(doc, "updated", "updated");
  if (const Value* d = rd.object(doc, "dates", "dates", false)) {
    for (const auto& m : d->GetObject()) {
      if (!m.value.IsString()) {
        rd.fail("dates", "expected string values");
        break;
      }
      r.dates.emplace_back(m.name.GetString(), m.value.GetString());
    }
  }
  if (const Value* a = rd.array(doc, "sections", "sections", false)) {
    for (const Value& v : a->GetArray()) {
      if (!v.IsObject()) {
        rd.fail("sections", "expected objects");
        break;
      }
      r.sections.push_back({rd.string(v, "kind", "sections.kind", true),
                            rd.string(v, "heading", "sections.heading", true),
                            rd.string(v, "text", "sections.text", true)});
    }
  }
  if (const Value* a = rd.array(doc, "contacts", "contacts", false)) {
    for (const Value& v : a->GetArray()) {
      if (!v.IsObject()) {
        rd.fail("contacts", "expected objects");
        break;
      }
      r.contacts.push_back({rd.optional_string(v, "name", "contacts.name"),
                            rd.optional_string(v, "role", "contacts.role"),
                            rd.optional_string(v, "phone", "contacts.phone"),
                            rd.optional_string(v, "phone_masked", "contacts.phone_masked"),
                            rd.optional_string(v, "email", "contacts.email")});
    }
  }
  if (const Value* s = rd.object(doc, "source", "source", true)) {
    r.source.url = rd.optional_string(*s, "url", "source.url");
    r.source.file = rd.optional_string(*s, "file", "source.file");
    r.source.sha256 = rd.string(*s, "sha256", "source.sha256", true);
    r.source.profile = rd.string(*s, "profile", "source.profile", true);
    r.source.fetched_at = rd.optional_string(*s, "fetched_at", "source.fetched_at");
    r.source.http_last_modified =
        rd.optional_string(*s, "http_last_modified", "source.http_last_modified");
    r.source.etag = rd.optional_string(*s, "etag", "source.etag");
    r.source.status = rd.string(*s, "status", "source.status", true);
    r.source.status_reason = rd.optional_string(*s, "status_reason", "source.status_reason");
    r.source.format = rd.optional_string(*s, "format", "source.format");
    r.source.refdata = rd.optional_string(*s, "refdata", "source.refdata");
  }
  if (const Value* p = rd.object(doc, "provenance", "provenance", false)) {
    for (const auto& m : p->GetObject()) {
      if (!m.value.IsObject()) {
        rd.fail("provenance", "expected {rule, line} objects");
        break;
      }
      Provenance prov{m.name.GetString(), rd.string(m.value, "rule", "provenance.rule", true), 0};
      if (auto it = m.value.FindMember("line"); it != m.value.MemberEnd()) {
        if (it->value.IsInt())
          prov.line = it->value.GetInt();
        else
          rd.fail("provenance.line", "expected an integer");
      }
      r.provenance.push_back(std::move(prov));
    }
  }
  if (const Value* a = rd.array(doc, "warnings", "warnings", false)) {
    for (const Value& v : a->GetArray()) {
      if (!v.IsObject()) {
        rd.fail("warnings", "expected objects");
        break;
      }
      Warning wn{rd.string(v, "code", "warnings.code", true),
                 rd.string(v, "message", "warnings.message", true), 0};
      if (auto it = v.FindMember("line"); it != v.MemberEnd()) {
        if (it->value.IsInt())
          wn.line = it->value.GetInt();
        else
          rd.fail("warnings.line", "expected an integer");
      }
      r.warnings.push_back(std::move(wn));
    }
  }
  if (rd.error)
    return *rd.error;
  return r;
}

} // namespace svcdesc::record
