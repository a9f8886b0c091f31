#pragma once

// The formats behind exporting::Writer. Each encoder appends to a string buffer that the writer
// hands to its sink: begin() once, record() per record, end() once.

#include <svcdesc/export/export.hpp>
#include <svcdesc/record/record.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace svcdesc::exporting {

class Encoder {
public:
  virtual ~Encoder() = default;
  virtual void begin(std::string& out) = 0;
  virtual void record(const record::Record& r, std::string& out) = 0;
  virtual void end(std::string& out) = 0;
};

std::unique_ptr<Encoder> make_table_encoder(const Options& options); // csv, tsv
std::unique_ptr<Encoder> make_xml_encoder();
std::unique_ptr<Encoder> make_hsds_encoder();
std::unique_ptr<Encoder> make_cpsv_encoder();
std::unique_ptr<Encoder> make_schemaorg_encoder();

// What the standards call the description: the text of the record's `description` sections, or
// of its `body` sections when it has none, joined by blank lines; empty when it has neither.
std::string description_of(const record::Record& r);

// The stable UUID of an organisation: its PTV id when that is a UUID, otherwise derived from its
// name (the same name gives the same id in every record and run).
std::string organisation_uuid(const record::Organisation& org);

// "urn:uuid:<id>" when the id is a UUID (svcdesc ids are), otherwise "urn:svcdesc:<id>".
std::string record_iri(std::string_view id);


} // namespace svcdesc::exporting
