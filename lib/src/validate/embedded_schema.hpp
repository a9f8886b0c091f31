#pragma once

#include <string_view>

// schemas/record.schema.json, embedded by the build (see lib/CMakeLists.txt).
namespace svcdesc::validate::embedded {
extern const std::string_view record_schema_json;
} // namespace svcdesc::validate::embedded
