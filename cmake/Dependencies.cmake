# Every dependency is a Debian package; see scripts/packages for the list the scripts install.

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(pugixml CONFIG REQUIRED)
find_package(CURL REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(RapidJSON CONFIG REQUIRED)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(VOIKKO REQUIRED IMPORTED_TARGET libvoikko)

# RapidJSON's Debian config sets variables only; give it a target like the others.
if(NOT TARGET svcdesc_rapidjson)
  add_library(svcdesc_rapidjson INTERFACE)
  target_include_directories(svcdesc_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
endif()

find_package(valijson CONFIG REQUIRED)
if(SVCDESC_BUILD_TESTS)
  find_package(doctest CONFIG REQUIRED)
endif()
