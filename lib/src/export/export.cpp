// exporting::Writer: the format names, the buffer between the encoders and the sink, and the two
// formats that are records as they are (NDJSON and a JSON array).
#include <svcdesc/core/hash.hpp>
#include <svcdesc/export/export.hpp>

#include "export/encoder.hpp"
#include "record/record_json.hpp"

#include <array>
#include <utility>

namespace svcdesc::exporting {
namespace {

struct Name {
  Format format;
  std::string_view name;
};
constexpr std::array<Name, 8> k_names{{{Format::ndjson, "ndjson"},
                                       {Format::json, "json"},
                                       {Format::csv, "csv"},
                                       {Format::tsv, "tsv"},
                                       {Format::xml, "xml"},
                                       {Format::hsds, "hsds"},
                                       {Format::cpsv, "cpsv-ap"},
                                       {Format::schemaorg, "schema.org"}}};

constexpr size_t k_flush_bytes = 64 * 1024;

class NdjsonEncoder final : public Encoder {
public:
  void begin(std::string&) override {}
  void record(const record::Record& r, std::string& out) override {
    out += record::to_json(r);
    out += '\n';
  }
  void end(std::string&) override {}
};

class JsonArrayEncoder final : public Encoder {
public:
  void begin(std::string& out) override { out += '['; }
  void record(const record::Record& r, std::string& out) override {
    out += m_first ? "\n" : ",\n";
    m_first = false;
    out += record::to_json(r);
  }
  void end(std::string& out) override { out += m_first ? "]\n" : "\n]\n"; }

private:
  bool m_first = true;
};

} // namespace

std::optional<Format> format_from_name(std::string_view name) {
  for (const Name& n : k_names)
    if (n.name == name)
      return n.format;
  if (name == "cpsv")
    return Format::cpsv;
  if (name == "schemaorg")
    return Format::schemaorg;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  for (const Name& n : k_names)
    if (n.format == format)
      return n.name;
  return "ndjson";
}

std::vector<std::string> format_names() {
  std::vector<std::string> out;
  for (const Name& n : k_names)
    out.emplace_back(n.name);
  return out;
}

std::string organisation_uuid(const record::Organisation& org) {
  if (org.id && core::is_uuid(*org.id))
    return *org.id;
  return core::uuid_v5(core::k_uuid_namespace_url, "urn:svcdesc:organisation:" + org.name);
}

std::string record_iri(std::string_view id) {
  return core::is_uuid(id) ? "urn:uuid:" + std::string(id) : "urn:svcdesc:" + std::string(id);
}

std::string description_of(const record::Record& r) {
  for (std::string_view kind : {"description", "body"}) {
    std::string text;
    for (const record::Section& s : r.sections) {
      if (s.kind != kind || s.text.empty())
        continue;
      if (!text.empty())
        text += "\n\n";
      text += s.text;
    }
    if (!text.empty())
      return text;
  }
  return {};
}

// In-situ parsing copies no string into a stack of its own (the strings stay in the buffer), and
// the pool allocator's first chunk is reused, so a record costs almost no allocation.
struct RecordReader::Impl {
  static constexpr size_t k_pool_bytes = 256 * 1024;
  std::vector<char> pool = std::vector<char>(k_pool_bytes);
};

RecordReader::RecordReader() : m_impl(std::make_unique<Impl>()) {}
RecordReader::RecordReader(RecordReader&&) noexcept = default;
RecordReader& RecordReader::operator=(RecordReader&&) noexcept = default;
RecordReader::~RecordReader() = default;

Result<record::Record> RecordReader::read(std::string& json) {
  using Allocator = rapidjson::MemoryPoolAllocator<>;
  Allocator values(m_impl->pool.data(), m_impl->pool.size());
  rapidjson::Document doc(&values);
  json.push_back('\0');
  doc.ParseInsitu<rapidjson::kParseFullPrecisionFlag>(json.data());
  if (doc.HasParseError())
    return unexpected(rapidjson::GetParseError_En(doc.GetParseError()), 1,
                      static_cast<int>(doc.GetErrorOffset()) + 1);
  return record::from_value(doc);
}

struct Writer::Impl {
  Sink sink;
  std::unique_ptr<Encoder> encoder;
  std::string buffer;
  bool finished = false;

  void flush_if_full() {
    if (buffer.size() >= k_flush_bytes) {
      sink(buffer);
      buffer.clear();
    }
  }
};

Result<Writer> Writer::create(const Options& options, Sink sink) {
  auto impl = std::make_unique<Impl>();
  impl->sink = std::move(sink);
  switch (options.format) {
  case Format::ndjson:
    impl->encoder = std::make_unique<NdjsonEncoder>();
    break;
  case Format::json:
    impl->encoder = std::make_unique<JsonArrayEncoder>();
    break;
  case Format::csv:
  case Format::tsv:
    if (auto ok = check_fields(options.fields); !ok)
      return ok.error();
    impl->encoder = make_table_encoder(options);
    break;
  case Format::xml:
    impl->encoder = make_xml_encoder();
    break;
  case Format::hsds:
    impl->encoder = make_hsds_encoder();
    break;
  case Format::cpsv:
    impl->encoder = make_cpsv_encoder();
    break;
  case Format::schemaorg:
    impl->encoder = make_schemaorg_encoder();
    break;
  }
  impl->buffer.reserve(k_flush_bytes + 64 * 1024);
  impl->encoder->begin(impl->buffer);
  return Writer(std::move(impl));
}

Writer::Writer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Writer::Writer(Writer&&) noexcept = default;
Writer& Writer::operator=(Writer&&) noexcept = default;
Writer::~Writer() = default;

void Writer::write(const record::Record& record) {
  m_impl->encoder->record(record, m_impl->buffer);
  m_impl->flush_if_full();
}

void Writer::finish() {
  if (m_impl->finished)
    return;
  m_impl->finished = true;
  m_impl->encoder->end(m_impl->buffer);
  if (!m_impl->buffer.empty())
    m_impl->sink(m_impl->buffer);
  m_impl->buffer.clear();
}

} // namespace svcdesc::exporting
