// The open standards: Open Referral HSDS 3.0, CPSV-AP 3.2.0 and schema.org, each a JSON document
// written one record at a time (a JSON array, or a JSON-LD document whose @graph is the array).
// The field-by-field mappings are in man/svcdesc-export.1.md; the comments here say only why a
// choice was made where the standard leaves room.
#include <svcdesc/normalize/refdata.hpp>

#include <svcdesc/core/hash.hpp>

#include "export/encoder.hpp"
#include "record/json_writer.hpp"

#include <string>

namespace svcdesc::exporting {
namespace {

using record::JsonWriter;
using record::Record;

void key_value(JsonWriter& w, std::string_view key, std::string_view value) {
  w.key(key);
  w.value(value);
}

void key_optional(JsonWriter& w, std::string_view key, const std::optional<std::string>& value) {
  if (value)
    key_value(w, key, *value);
}

// A literal with a language tag: {"@language": "fi", "@value": "..."}.
void lang_literal(JsonWriter& w, std::string_view key, std::string_view lang, std::string_view v) {
  w.key(key);
  w.begin_object();
  if (!lang.empty())
    key_value(w, "@language", lang);
  key_value(w, "@value", v);
  w.end_object();
}

void id_ref(JsonWriter& w, std::string_view iri) {
  w.begin_object();
  key_value(w, "@id", iri);
  w.end_object();
}

// The EU Publications Office language table (ISO 639-3 based) for the codes PTV uses; nullptr for
// codes it has no entry for (they are written as plain codes).
const char* eu_language(std::string_view code) {
  struct Pair {
    std::string_view code;
    const char* eu;
  };
  static constexpr Pair k_pairs[] = {
      {"fi", "FIN"}, {"sv", "SWE"}, {"en", "ENG"}, {"se", "SME"}, {"smn", "SMN"}, {"sms", "SMS"},
      {"ru", "RUS"}, {"et", "EST"}, {"de", "DEU"}, {"fr", "FRA"}, {"es", "SPA"}, {"so", "SOM"},
      {"ar", "ARA"}, {"fa", "FAS"}, {"ku", "KUR"}, {"zh", "ZHO"}, {"uk", "UKR"}, {"sgn-fi", "FSE"},
      {"sgn-fi-sv", "FSS"}};
  for (const Pair& p : k_pairs)
    if (p.code == code)
      return p.eu;
  return nullptr;
}

bool nationwide(const Record& r) {
  return r.area.type == "nationwide" || r.area.type == "nationwide_except_aland";
}

// Areas of a record as (kind, code, name), municipalities first.
template <typename F> void for_each_area(const Record& r, F f) {
  for (const record::CodedName& c : r.area.municipalities)
    f("municipality", c);
  for (const record::CodedName& c : r.area.regions)
    f("region", c);
  for (const record::CodedName& c : r.area.wellbeing_services_counties)
    f("wellbeing_services_county", c);
}

class ArrayEncoder : public Encoder {
public:
  void record(const Record& r, std::string& out) override {
    out += m_first ? "\n" : ",\n";
    m_first = false;
    JsonWriter w(out);
    item(r, w);
  }

protected:
  virtual void item(const Record& r, JsonWriter& w) = 0;
  bool m_first = true;
};

// ---- HSDS 3.0 --------------------------------------------------------------------------------

class HsdsEncoder final : public ArrayEncoder {
public:
  void begin(std::string& out) override { out += '['; }
  void end(std::string& out) override { out += m_first ? "]\n" : "\n]\n"; }

private:
  void item(const Record& r, JsonWriter& w) override {
    // HSDS ids are UUIDs; svcdesc ids are UUIDs already (PTV GUIDs or UUIDv5), and every nested
    // object gets a UUIDv5 of the record id and its part, so a re-export gives the same ids.
    std::string id = core::record_uuid(r.id);
    w.begin_object();
    key_value(w, "id", id);
    std::string org_id;
    if (r.organisation) {
      org_id = organisation_uuid(*r.organisation);
      key_value(w, "organization_id", org_id);
    }
    key_value(w, "name", r.title);
    if (std::string description = description_of(r); !description.empty())
      key_value(w, "description", description);
    key_optional(w, "url", r.source.url);
    key_value(w, "status", r.source.status == "withdrawn" ? "inactive" : "active");
    key_optional(w, "fees_description", r.cost.evidence);
    if (r.updated)
      key_value(w, "last_modified", *r.updated + "T00:00:00Z");
    if (r.organisation) {
      w.key("organization");
      w.begin_object();
      key_value(w, "id", org_id);
      key_value(w, "name", r.organisation->name);
      key_value(w, "description", ""); // required by HSDS; svcdesc knows no description
      key_optional(w, "legal_status", r.organisation->kind);
      if (r.organisation->business_id) {
        w.key("organization_identifiers");
        w.begin_array();
        w.begin_object();
        key_value(w, "id", core::derived_uuid(r.id, "organization_identifier"));
        key_value(w, "organization_id", org_id);
        key_value(w, "identifier_scheme", "FI-PRO"); // org-id.guide: Finnish Trade Register
        key_value(w, "identifier_type", "Y-tunnus");
        key_value(w, "identifier", *r.organisation->business_id);
        w.end_object();
        w.end_array();
      }
      w.end_object();
    }
    w.key("service_areas");
    w.begin_array();
    if (nationwide(r)) {
      w.begin_object();
      key_value(w, "id", core::derived_uuid(r.id, "service_area:FI"));
      key_value(w, "service_id", id);
      key_value(w, "name", r.area.type == "nationwide" ? "Finland" : "Finland except Åland");
      key_value(w, "description", r.area.type);
      w.end_object();
    }
    for_each_area(r, [&](std::string_view kind, const record::CodedName& c) {
      w.begin_object();
      key_value(w, "id", core::derived_uuid(r.id, std::string("service_area:") + std::string(kind) + ":" + c.code));
      key_value(w, "service_id", id);
      key_value(w, "name", c.name);
      key_value(w, "description", std::string(kind) + " " + c.code);
      w.end_object();
    });
    w.end_array();
    w.key("languages");
    w.begin_array();
    const auto& ref = normalize::RefData::builtin();
    for (const std::string& code : r.languages) {
      w.begin_object();
      key_value(w, "id", core::derived_uuid(r.id, "language:" + code));
      key_value(w, "service_id", id);
      const normalize::Language* known = ref.language_by_code(code);
      key_value(w, "name", known != nullptr && !known->name_en.empty() ? known->name_en : code);
      key_value(w, "code", code);
      w.end_object();
    }
    w.end_array();
    w.key("cost_options");
    w.begin_array();
    if (r.cost.type != "unknown") {
      w.begin_object();
      key_value(w, "id", core::derived_uuid(r.id, "cost_option"));
      key_value(w, "service_id", id);
      key_optional(w, "option", r.cost.evidence);
      if (r.cost.type == "free") {
        w.key("amount");
        w.value(0);
        key_value(w, "currency", "EUR");
      }
      key_value(w, "amount_description", r.cost.type);
      w.end_object();
    }
    w.end_array();
    w.key("contacts");
    w.begin_array();
    for (size_t i = 0; i < r.contacts.size(); ++i) {
      const record::Contact& c = r.contacts[i];
      std::string contact_id = core::derived_uuid(r.id, "contact:" + std::to_string(i));
      w.begin_object();
      key_value(w, "id", contact_id);
      key_value(w, "service_id", id);
      key_optional(w, "name", c.name);
      key_optional(w, "title", c.role);
      key_optional(w, "email", c.email);
      w.key("phones");
      w.begin_array();
      if (c.phone) {
        w.begin_object();
        key_value(w, "id", core::derived_uuid(r.id, "contact:" + std::to_string(i) + ":phone"));
        key_value(w, "contact_id", contact_id);
        key_value(w, "number", *c.phone);
        w.end_object();
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
};

// ---- CPSV-AP 3.2.0 ---------------------------------------------------------------------------

class CpsvEncoder final : public ArrayEncoder {
public:
  void begin(std::string& out) override {
    out += "{\"@context\":{\"cpsv\":\"http://purl.org/vocab/cpsv#\","
           "\"cv\":\"http://data.europa.eu/m8g/\",\"dct\":\"http://purl.org/dc/terms/\","
           "\"skos\":\"http://www.w3.org/2004/02/skos/core#\","
           "\"xsd\":\"http://www.w3.org/2001/XMLSchema#\","
           "\"svcdesc\":\"urn:svcdesc:vocabulary#\"},\n\"@graph\":[";
  }
  void end(std::string& out) override { out += m_first ? "]}\n" : "\n]}\n"; }

private:
  void item(const Record& r, JsonWriter& w) override {
    w.begin_object();
    key_value(w, "@id", record_iri(r.id));
    key_value(w, "@type", "cpsv:PublicService");
    key_value(w, "dct:identifier", r.id);
    lang_literal(w, "dct:title", r.lang, r.title);
    if (std::string description = description_of(r); !description.empty())
      lang_literal(w, "dct:description", r.lang, description);
    if (r.organisation) {
      w.key("cv:hasCompetentAuthority");
      w.begin_object();
      key_value(w, "@id", "urn:uuid:" + organisation_uuid(*r.organisation));
      key_value(w, "@type", "cv:PublicOrganisation");
      lang_literal(w, "skos:prefLabel", r.lang, r.organisation->name);
      key_optional(w, "dct:identifier", r.organisation->business_id);
      w.end_object();
    }
    w.key("dct:spatial");
    w.begin_array();
    if (nationwide(r))
      id_ref(w, "http://publications.europa.eu/resource/authority/country/FIN");
    for_each_area(r, [&](std::string_view kind, const record::CodedName& c) {
      w.begin_object();
      key_value(w, "@type", "dct:Location");
      key_value(w, "dct:identifier", c.code);
      key_value(w, "skos:prefLabel", c.name);
      key_value(w, "svcdesc:areaKind", kind);
      w.end_object();
    });
    w.end_array();
    w.key("dct:language");
    w.begin_array();
    for (const std::string& code : r.languages) {
      if (const char* eu = eu_language(code))
        id_ref(w, std::string("http://publications.europa.eu/resource/authority/language/") + eu);
      else
        w.value(code);
    }
    w.end_array();
    if (r.cost.type != "unknown") {
      w.key("cv:hasCost");
      w.begin_array();
      w.begin_object();
      key_value(w, "@id", "urn:uuid:" + core::derived_uuid(r.id, "cost"));
      key_value(w, "@type", "cv:Cost");
      if (r.cost.type == "free") {
        w.key("cv:value");
        w.value(0);
        w.key("cv:currency");
        id_ref(w, "http://publications.europa.eu/resource/authority/currency/EUR");
      }
      if (r.cost.evidence)
        lang_literal(w, "dct:description", r.lang, *r.cost.evidence);
      key_value(w, "svcdesc:costType", r.cost.type);
      w.end_object();
      w.end_array();
    }
    if (r.updated) {
      // Not in CPSV-AP 3.2.0: a documented extension with the Dublin Core term.
      w.key("dct:modified");
      w.begin_object();
      key_value(w, "@type", "xsd:date");
      key_value(w, "@value", *r.updated);
      w.end_object();
    }
    w.end_object();
  }
};

// ---- schema.org ------------------------------------------------------------------------------

class SchemaOrgEncoder final : public ArrayEncoder {
public:
  void begin(std::string& out) override {
    out += "{\"@context\":\"https://schema.org\",\n\"@graph\":[";
  }
  void end(std::string& out) override { out += m_first ? "]}\n" : "\n]}\n"; }

private:
  void item(const Record& r, JsonWriter& w) override {
    // dateModified belongs to the page (schema.org's GovernmentService has no date of its own),
    // so each service is the mainEntity of the WebPage it was read from.
    w.begin_object();
    key_value(w, "@type", "WebPage");
    if (r.source.url) {
      key_value(w, "@id", *r.source.url);
      key_value(w, "url", *r.source.url);
    }
    key_value(w, "inLanguage", r.lang);
    key_optional(w, "dateModified", r.updated);
    w.key("mainEntity");
    w.begin_object();
    key_value(w, "@type", "GovernmentService");
    key_value(w, "@id", record_iri(r.id));
    key_value(w, "identifier", r.id);
    key_value(w, "name", r.title);
    if (std::string description = description_of(r); !description.empty())
      key_value(w, "description", description);
    key_optional(w, "serviceType", r.service_type);
    if (r.organisation) {
      w.key("provider");
      w.begin_object();
      key_value(w, "@type", "GovernmentOrganization");
      key_value(w, "@id", "urn:uuid:" + organisation_uuid(*r.organisation));
      key_value(w, "name", r.organisation->name);
      key_optional(w, "taxID", r.organisation->business_id);
      w.end_object();
    }
    w.key("areaServed");
    w.begin_array();
    if (nationwide(r)) {
      w.begin_object();
      key_value(w, "@type", "Country");
      key_value(w, "name", "Finland");
      key_value(w, "identifier", "FI");
      w.end_object();
    }
    for_each_area(r, [&](std::string_view, const record::CodedName& c) {
      w.begin_object();
      key_value(w, "@type", "AdministrativeArea");
      key_value(w, "name", c.name);
      key_value(w, "identifier", c.code);
      w.end_object();
    });
    w.end_array();
    w.key("availableChannel");
    w.begin_object();
    key_value(w, "@type", "ServiceChannel");
    key_optional(w, "serviceUrl", r.source.url);
    w.key("availableLanguage");
    w.begin_array();
    const auto& ref = normalize::RefData::builtin();
    for (const std::string& code : r.languages) {
      w.begin_object();
      key_value(w, "@type", "Language");
      const normalize::Language* known = ref.language_by_code(code);
      key_value(w, "name", known != nullptr && !known->name_en.empty() ? known->name_en : code);
      key_value(w, "alternateName", code);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    if (r.cost.type != "unknown") {
      w.key("offers");
      w.begin_object();
      key_value(w, "@type", "Offer");
      if (r.cost.type == "free") {
        w.key("price");
        w.value(0);
        key_value(w, "priceCurrency", "EUR");
      }
      key_optional(w, "description", r.cost.evidence);
      w.end_object();
    }
    w.end_object();
    w.end_object();
  }
};

} // namespace

std::unique_ptr<Encoder> make_hsds_encoder() { return std::make_unique<HsdsEncoder>(); }
std::unique_ptr<Encoder> make_cpsv_encoder() { return std::make_unique<CpsvEncoder>(); }
std::unique_ptr<Encoder> make_schemaorg_encoder() { return std::make_unique<SchemaOrgEncoder>(); }

} // namespace svcdesc::exporting
