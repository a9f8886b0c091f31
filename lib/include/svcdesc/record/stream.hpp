#pragma once

#include <svcdesc/core/result.hpp>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

namespace svcdesc::record {

// The JSON text of one record and the 1-based line of the input it starts on.
struct RecordText {
  std::string json;
  int line = 0;
};

// Reads records one at a time from NDJSON (one JSON object per line; blank lines are skipped) or
// from a JSON array of objects, whichever the input is: an input whose first non-space byte is
// '[' is an array. Memory holds one record at a time, whatever the size of the input.
class RecordStream {
public:
  // Opens a file, or standard input for "-". Fails if the file cannot be opened or is a
  // directory.
  static Result<RecordStream> open(const std::string& path);

  RecordStream(RecordStream&&) noexcept;
  RecordStream& operator=(RecordStream&&) noexcept;
  ~RecordStream();

  // The next record; nullopt at the end of the input. A framing problem (text after the closing
  // ']', an array that is never closed, a read error) is returned as an error with its line, and
  // the stream then ends. A record that is not valid JSON is still returned: judging JSON is the
  // caller's business, and NDJSON readers go on with the next line.
  std::optional<Result<RecordText>> next();

  // Records longer than this are refused with an error naming their line (default 64 MiB).
  void set_max_record_bytes(size_t bytes);

private:
  struct Impl;
  explicit RecordStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace svcdesc::record
