#pragma once

#include <svcdesc/core/result.hpp>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

namespace svcdesc::record {

// The JSON text of one record, the 1-based line of the input it starts on, and the byte offset of
// its first byte in the input (`json` is the `json.size()` bytes from there, without the line feed
// or the comma that ends it, and without a carriage return before a line feed).
struct RecordText {
  std::string json;
  int line = 0;
  std::uint64_t offset = 0;
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

  // Reads records from an open file, which the stream closes when `owned`. read_at() needs a
  // file that can seek (a regular file, or a temporary copy of a pipe).
  static RecordStream from_file(std::FILE* file, bool owned);

  // Reads `length` bytes at byte `offset` again (a RecordText seen before), without moving the
  // stream's own position. Fails on an input that cannot seek, such as a pipe, and on a short read.
  Result<std::string> read_at(std::uint64_t offset, size_t length) const;

  // Records longer than this are refused with an error naming their line (default 64 MiB).
  void set_max_record_bytes(size_t bytes);

private:
  struct Impl;
  explicit RecordStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace svcdesc::record
