#pragma once

#include <string_view>

// The CSV files of lib/data/, embedded by the build (see lib/CMakeLists.txt).
namespace svcdesc::normalize::embedded {
extern const std::string_view municipalities_csv;
extern const std::string_view regions_csv;
extern const std::string_view wellbeing_services_counties_csv;
extern const std::string_view abolished_municipalities_csv;
extern const std::string_view languages_csv;
extern const std::string_view ptv_codes_csv;
extern const std::string_view organisations_csv;
} // namespace svcdesc::normalize::embedded
