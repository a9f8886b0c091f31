#include "record_spool.hpp"

#include <svcdesc/core/atomic_file.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <tuple>
#include <unistd.h>

namespace svcdesc::cli {
namespace {

std::string write_error(const std::string& temp_dir) {
  return fmt::format("cannot write a temporary file in {}: {}",
                     temp_dir.empty() ? "/tmp" : temp_dir, std::strerror(errno));
}

} // namespace

Result<bool> RecordSpool::add(std::string id, std::string lang, std::string url,
                              std::string_view json) {
  if (!m_error.empty())
    return unexpected(m_error);
  if (!m_file) {
    auto file = core::temporary_file(m_temp_dir, "svcdesc-fetch");
    if (!file) {
      m_error = file.error().message;
      return unexpected(m_error);
    }
    m_file.reset(*file);
  }
  if (std::fwrite(json.data(), 1, json.size(), m_file.get()) != json.size()) {
    m_error = write_error(m_temp_dir);
    return unexpected(m_error);
  }
  m_entries.push_back(Entry{std::move(id), std::move(lang), std::move(url), m_end,
                            static_cast<std::uint32_t>(json.size())});
  m_end += json.size();
  return true;
}

Result<bool> RecordSpool::write_sorted(Output& out) {
  if (!m_error.empty())
    return unexpected(m_error);
  if (m_entries.empty())
    return true;
  if (std::fflush(m_file.get()) != 0)
    return unexpected(write_error(m_temp_dir));
  std::sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.id, a.lang, a.url) < std::tie(b.id, b.lang, b.url);
  });
  std::string line;
  int fd = ::fileno(m_file.get());
  for (const Entry& e : m_entries) {
    line.resize(e.length);
    ssize_t got = ::pread(fd, line.data(), e.length, static_cast<off_t>(e.offset));
    if (got != static_cast<ssize_t>(e.length))
      return unexpected(fmt::format("cannot read a temporary file: {}",
                                    got < 0 ? std::strerror(errno) : "short read"));
    line += '\n';
    out.write(line);
  }
  return true;
}

} // namespace svcdesc::cli
