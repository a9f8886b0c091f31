#pragma once

#include <string>

namespace svcdesc::normalize {

// Something a normalizer noticed but could not resolve; the parser turns it into a record warning.
struct Note {
  std::string code;    // stable, kebab-case: "area-unknown-name"
  std::string message; // one sentence for a person
};

} // namespace svcdesc::normalize
