#include <svcdesc/core/atomic_file.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace svcdesc::core {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

} // namespace

Result<AtomicFile> AtomicFile::create(const std::string& path) {
  // What the name points at now (links followed). A directory is refused here, before the caller
  // does any work, rather than by the rename at the end. A device or a pipe (/dev/null,
  // /dev/stdout, a FIFO) is written to directly: a file renamed over it would replace the node
  // itself, which as root breaks /dev/null for the whole system.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode))
      return unexpected(fmt::format("cannot write {}: {}", path, errno_text(EISDIR)));
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    std::FILE* file = fd < 0 ? nullptr : ::fdopen(fd, "wb");
    if (file == nullptr) {
      int err = errno;
      if (fd >= 0)
        ::close(fd);
      return unexpected(fmt::format("cannot write {}: {}", path, errno_text(err)));
    }
    return AtomicFile(path, path, std::string(), file);
  }
  // A link to a file: the file it points to is replaced and the link kept. Renaming over the link
  // would replace the link itself, and /dev/stdout is one when standard output is a file.
  std::string target = path;
  struct stat entry {};
  if (::lstat(path.c_str(), &entry) == 0 && S_ISLNK(entry.st_mode)) {
    if (char* resolved = ::realpath(path.c_str(), nullptr)) {
      target = resolved;
      std::free(resolved);
    }
  }
  std::string temp_template = target + ".tmp.XXXXXX";
  int fd = ::mkstemp(temp_template.data());
  if (fd < 0)
    return unexpected(fmt::format("cannot create a file beside {}: {}", path, errno_text(errno)));
  // mkstemp creates 0600; give the output the usual permissions for a new file.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  std::FILE* file = ::fdopen(fd, "wb");
  if (file == nullptr) {
    int err = errno;
    ::close(fd);
    ::unlink(temp_template.c_str());
    return unexpected(fmt::format("cannot write {}: {}", path, errno_text(err)));
  }
  return AtomicFile(path, std::move(target), std::move(temp_template), file);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_target(std::move(other.m_target)),
      m_temp(std::move(other.m_temp)), m_file(other.m_file), m_failed(other.m_failed) {
  other.m_file = nullptr;
  other.m_temp.clear();
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::write(std::string_view data) {
  if (m_file == nullptr || m_failed || data.empty())
    return;
  if (std::fwrite(data.data(), 1, data.size(), m_file) != data.size())
    m_failed = true;
}

Result<bool> AtomicFile::commit() {
  if (m_file == nullptr)
    return unexpected(fmt::format("cannot write {}: already closed", m_path));
  // No temporary file: a device or a pipe, written directly, which has nothing to sync or rename.
  bool direct = m_temp.empty();
  int err = 0;
  if (m_failed || std::fflush(m_file) != 0 || (!direct && ::fsync(::fileno(m_file)) != 0))
    err = errno != 0 ? errno : EIO;
  if (std::fclose(m_file) != 0 && err == 0)
    err = errno;
  m_file = nullptr;
  if (err == 0 && !direct && ::rename(m_temp.c_str(), m_target.c_str()) != 0)
    err = errno;
  if (err != 0) {
    if (!direct)
      ::unlink(m_temp.c_str());
    m_temp.clear();
    return unexpected(fmt::format("cannot write {}: {}", m_path, errno_text(err == 0 ? EIO : err)));
  }
  m_temp.clear();
  return true;
}

void AtomicFile::discard() {
  if (m_file != nullptr) {
    std::fclose(m_file);
    m_file = nullptr;
  }
  if (!m_temp.empty()) {
    ::unlink(m_temp.c_str());
    m_temp.clear();
  }
}

Result<std::string> read_file(const std::string& path, size_t max_bytes) {
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return unexpected(fmt::format("cannot open: {}", errno_text(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    if (fd != STDIN_FILENO)
      ::close(fd);
    return unexpected(fmt::format("cannot read: {}", errno_text(err)));
  }
  if (S_ISDIR(st.st_mode)) {
    if (fd != STDIN_FILENO)
      ::close(fd);
    return unexpected("is a directory");
  }
  if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > max_bytes) {
    if (fd != STDIN_FILENO)
      ::close(fd);
    return unexpected(fmt::format("input is {} bytes, more than the limit of {} bytes for one page",
                                  st.st_size, max_bytes));
  }
  // Reads straight into the string: a regular file in one read of its size (plus one byte, to see
  // the end), anything else in doubling chunks.
  std::string data;
  data.resize(S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) + 1 : size_t{1} << 16);
  size_t used = 0;
  while (true) {
    if (used == data.size())
      data.resize(data.size() * 2);
    // EINTR is not retried: a signal (Ctrl-C) must be able to stop a read from a terminal.
    ssize_t n = ::read(fd, data.data() + used, data.size() - used);
    if (n < 0) {
      int err = errno;
      if (fd != STDIN_FILENO)
        ::close(fd);
      return unexpected(fmt::format("cannot read: {}", errno_text(err)));
    }
    if (n == 0)
      break;
    used += static_cast<size_t>(n);
    if (used > max_bytes) {
      if (fd != STDIN_FILENO)
        ::close(fd);
      return unexpected(
          fmt::format("input is more than the limit of {} bytes for one page", max_bytes));
    }
  }
  if (fd != STDIN_FILENO)
    ::close(fd);
  data.resize(used);
  return data;
}

Result<std::FILE*> temporary_file(const std::string& dir, std::string_view prefix) {
  std::string where = dir.empty() ? std::string("/tmp") : dir;
  std::string name = fmt::format("{}/{}-XXXXXX", where, prefix);
  int fd = ::mkstemp(name.data());
  if (fd < 0)
    return unexpected(fmt::format("cannot create a temporary file in {}: {}; set TMPDIR to a "
                                  "writable directory",
                                  where, std::strerror(errno)));
  ::unlink(name.c_str());
  std::FILE* file = ::fdopen(fd, "w+b");
  if (file == nullptr) {
    int saved = errno;
    ::close(fd);
    return unexpected(fmt::format("cannot open a temporary file in {}: {}", where,
                                  std::strerror(saved)));
  }
  return file;
}

} // namespace svcdesc::core
