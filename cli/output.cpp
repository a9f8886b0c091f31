#include "output.hpp"

#include <cstdio>

namespace svcdesc::cli {

Result<Output> Output::open(const std::string& path) {
  if (path.empty() || path == "-")
    return Output(std::nullopt);
  auto file = core::AtomicFile::create(path);
  if (!file)
    return file.error();
  return Output(std::move(*file));
}

void Output::write(std::string_view data) {
  if (m_file)
    m_file->write(data);
  else
    std::fwrite(data.data(), 1, data.size(), stdout);
}

Result<bool> Output::finish() {
  if (m_file)
    return m_file->commit();
  if (std::fflush(stdout) != 0 || std::ferror(stdout))
    return unexpected("cannot write to standard output");
  return true;
}

void Output::abandon() {
  if (m_file)
    m_file->discard();
}

} // namespace svcdesc::cli
