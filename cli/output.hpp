#pragma once

#include <svcdesc/core/atomic_file.hpp>
#include <svcdesc/core/result.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace svcdesc::cli {

// Where a command writes its results: standard output, or (with -o FILE) a file that is replaced
// atomically when finish() succeeds and left untouched otherwise. Every command uses this one.
class Output {
public:
  // "" and "-" mean standard output. Fails when the file's directory is missing or not writable.
  static Result<Output> open(const std::string& path);

  // Buffered by stdio or by the file's own stream; errors surface in finish().
  void write(std::string_view data);
  // Commits the file, or flushes standard output; an error names what could not be written.
  Result<bool> finish();
  // Removes the temporary file; the target keeps its old content.
  void abandon();

private:
  explicit Output(std::optional<core::AtomicFile> file) : m_file(std::move(file)) {}
  std::optional<core::AtomicFile> m_file;
};

} // namespace svcdesc::cli
