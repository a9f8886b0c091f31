#pragma once

// Small helpers shared by the unit tests.

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace svcdesc::test {

// The repository root, for reading samples/ and schemas/.
inline std::string source_path(const std::string& relative) {
  return std::string(SVCDESC_SOURCE_DIR) + "/" + relative;
}

// The whole of the file at `path`.
inline std::string read_source_file_abs(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string read_source_file(const std::string& relative) {
  return read_source_file_abs(source_path(relative));
}

} // namespace svcdesc::test
