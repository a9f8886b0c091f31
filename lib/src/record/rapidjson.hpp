#pragma once

// The one way the library includes RapidJSON. valijson's RapidJSON adapter redefines
// RAPIDJSON_ASSERT to throw, and must come first; every translation unit of the library that uses
// RapidJSON includes this header, so they all agree on that definition (one definition rule).
#include <valijson/adapters/rapidjson_adapter.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
