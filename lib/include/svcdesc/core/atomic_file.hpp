#pragma once

#include <svcdesc/core/result.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace svcdesc::core {

// A file written all at once or not at all: the data goes to a temporary file beside the target,
// and commit() flushes it to disk and renames it over the target. If commit() is never called (an
// error, an interrupt), the destructor removes the temporary file and the target is untouched.
// A target that is a device or a pipe (/dev/null, /dev/stdout, a FIFO) is written directly, as a
// shell redirection would: it cannot be replaced, and must not be. A symbolic link to a file is
// kept, and the file it points to replaced.
class AtomicFile {
public:
  // Creates the temporary file, or opens the device or pipe; fails if the target is a directory
  // or cannot be opened, or if its directory is missing or not writable.
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
  AtomicFile(std::string path, std::string target, std::string temp, std::FILE* file)
      : m_path(std::move(path)), m_target(std::move(target)), m_temp(std::move(temp)),
        m_file(file) {}

  std::string m_path;   // as the caller named it, for messages
  std::string m_target; // what is replaced: m_path with symbolic links resolved
  std::string m_temp;   // empty when a device or a pipe is written directly
  std::FILE* m_file = nullptr;
  bool m_failed = false;
};

// A temporary file in `dir` (/tmp when empty; callers pass TMPDIR), open for reading and writing
// and already removed from the directory, so that nothing is left behind even when the process is
// killed. `prefix` names it while it is created ("svcdesc-diff"). The caller closes it with
// fclose. Fails with "cannot create a temporary file in DIR: why; set TMPDIR to a writable
// directory".
Result<std::FILE*> temporary_file(const std::string& dir, std::string_view prefix);

// Reads a whole file, refusing directories and files larger than `max_bytes` (the error says so
// before reading anything). "-" reads standard input.
Result<std::string> read_file(const std::string& path, size_t max_bytes);

} // namespace svcdesc::core
