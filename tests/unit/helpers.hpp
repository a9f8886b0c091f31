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

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(source_path(relative), std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot open " + relative);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace svcdesc::test
