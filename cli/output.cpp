#include "output.hpp"
#include "app.hpp"

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
    print(stdout, data);
}

Result<bool> Output::finish() {
  if (m_file)
    return m_file->commit();
  if (auto failure = stdout_failure())
    return unexpected(*failure);
  return true;
}

void Output::abandon() {
  if (m_file)
    m_file->discard();
}

} // namespace svcdesc::cli
