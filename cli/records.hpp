#pragma once

#include "app.hpp"

#include <svcdesc/core/result.hpp>
#include <svcdesc/record/stream.hpp>

#include <functional>
#include <string>
#include <vector>

namespace svcdesc::cli {

// What a command does with the records of its inputs. `display` names the input in messages
// ("<stdin>" for standard input). Each callback returns false to stop reading the current input.
struct RecordHandlers {
  // True when the command wants no more input at all (validate's --max-errors).
  std::function<bool()> done = [] { return false; };
  std::function<void(const std::string& display)> begin_input = [](const std::string&) {};
  std::function<bool(const std::string& display, record::RecordText& text)> record;
  // A problem of the stream itself (a JSON array not closed, a record too long, a read error).
  std::function<bool(const std::string& display, const Error& error)> problem;
};

// Reads the record files of a command (NDJSON or JSON arrays; standard input for "-" or when
// `files` is empty), one record at a time, until all are read or SIGINT arrives. An input that
// cannot be opened is reported on stderr and skipped. Returns false if some input could not be
// opened.
bool read_records(const std::vector<std::string>& files, const Diagnostics& diag,
                  const RecordHandlers& handlers);

} // namespace svcdesc::cli
