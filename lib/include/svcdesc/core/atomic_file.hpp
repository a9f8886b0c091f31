#pragma once

#include <svcdesc/core/result.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace svcdesc::core {

// A file written all at once or not at all: the data goes to a temporary file beside the target,
// and commit() flushes it to disk and renames it over the target. If commit() is never called (an
// error, an interrupt), the destructor removes the temporary file and the target is untouched.
class AtomicFile {
public:
  // Creates the temporary file; fails if the directory is missing or not writable.
  static Result<AtomicFile> create(const std::string& path);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  ~AtomicFile();

  // Appends data; errors (a full disk) are reported by commit().
  void write(std::string_view data);
  // Makes the file appear under its name. Returns an error naming the file on any failure.
  Result<bool> commit();
  // Removes the temporary file without touching the target.
  void discard();

  const std::string& path() const { return m_path; }

private:
  AtomicFile(std::string path, std::string temp, std::FILE* file)
      : m_path(std::move(path)), m_temp(std::move(temp)), m_file(file) {}

  std::string m_path;
  std::string m_temp;
  std::FILE* m_file = nullptr;
  bool m_failed = false;
};

// Reads a whole file, refusing directories and files larger than `max_bytes` (the error says so
// before reading anything). "-" reads standard input.
Result<std::string> read_file(const std::string& path, size_t max_bytes);

} // namespace svcdesc::core
