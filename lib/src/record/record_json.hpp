#pragma once

// For modules of the library that already hold a parsed RapidJSON value (validate): reading a
// record from it without parsing the text twice.

#include <svcdesc/record/record.hpp>

#include "rapidjson.hpp"

namespace svcdesc::record {

// As from_json(), from a parsed value.
Result<Record> from_value(const rapidjson::Value& value);

} // namespace svcdesc::record
