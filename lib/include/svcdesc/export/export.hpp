#pragma once

#include <svcdesc/core/result.hpp>
#include <svcdesc/record/record.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The namespace is `exporting` because `export` is a C++ keyword (modules) and a trailing
// underscore (`export_`) reads like a private name; the folder stays `export/`.
namespace svcdesc::exporting {

enum class Format {
  ndjson,    // the records as they are, one a line
  json,      // a JSON array of records
  csv,       // RFC 4180: comma separated, quoted where needed, CRLF (or LF) line ends
  tsv,       // tab separated, one line per record, \t \n \r \\ escaped
  xml,       // schemas/record.xsd
  hsds,      // Open Referral HSDS 3.0 service objects (a JSON array)
  cpsv,      // CPSV-AP 3.2.0 JSON-LD (cpsv:PublicService)
  schemaorg, // schema.org JSON-LD (WebPage with a GovernmentService as mainEntity)
};

// "ndjson", "json", "csv", "tsv", "xml", "hsds", "cpsv-ap", "schema.org"; nullopt otherwise
// ("cpsv" and "schemaorg" are accepted too).
std::optional<Format> format_from_name(std::string_view name);
std::string_view format_name(Format format);
// Every format name, in the order above.
std::vector<std::string> format_names();

enum class ExcelSafe { no, yes };
enum class Bom { no, yes };
enum class LineEnd { crlf, lf };

struct Options {
  Format format = Format::ndjson;
  // CSV and TSV columns as dotted paths (see field_names()); empty: default_fields().
  std::vector<std::string> fields;
  // CSV and TSV: a cell that starts with '=', '+', '-', '@', a tab or a carriage return gets a
  // leading apostrophe so that spreadsheets show it as text instead of running it as a formula.
  ExcelSafe excel_safe = ExcelSafe::no;
  // CSV and TSV: begin with the UTF-8 byte order mark, which Excel needs to read UTF-8.
  Bom bom = Bom::no;
  // CSV only (RFC 4180 says CRLF); TSV always ends lines with LF.
  LineEnd line_end = LineEnd::crlf;
};

// The CSV/TSV columns written without --fields.
const std::vector<std::string>& default_fields();
// Every column name --fields accepts, in a sensible order.
const std::vector<std::string>& field_names();
// Checks column names; the error names the first unknown one and says where the list is.
Result<bool> check_fields(const std::vector<std::string>& fields);

// Writes records in one format, one record at a time: the memory held is one record's output,
// whatever the number of records. Output goes to `sink` in pieces of about 64 KiB; finish() writes
// what is left (the closing bracket of a JSON array, the end tag of XML) and must be called once,
// after the last record, also when there were no records (an empty array or document is still
// valid). The writer never fails: the sink reports its own errors.
class Writer {
public:
  using Sink = std::function<void(std::string_view)>;

  // Fails on unknown fields (see check_fields()).
  static Result<Writer> create(const Options& options, Sink sink);

  Writer(Writer&&) noexcept;
  Writer& operator=(Writer&&) noexcept;
  ~Writer();

  void write(const record::Record& record);
  void finish();

private:
  struct Impl;
  explicit Writer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// Reads records as record::from_json() does, with the same errors, but faster on large inputs: the
// text is parsed in place (read() modifies `json`; keep a copy for messages if needed) and the
// parser's memory is kept from one record to the next. One reader per thread.
class RecordReader {
public:
  RecordReader();
  RecordReader(RecordReader&&) noexcept;
  RecordReader& operator=(RecordReader&&) noexcept;
  ~RecordReader();

  Result<record::Record> read(std::string& json);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace svcdesc::exporting
