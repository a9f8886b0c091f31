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

# libcld2 has no pkg-config file or CMake config in Debian 12.
find_library(CLD2_LIBRARY NAMES cld2 REQUIRED)
find_path(CLD2_INCLUDE_DIR NAMES cld2/public/compact_lang_det.h REQUIRED)
if(NOT TARGET svcdesc_cld2)
  add_library(svcdesc_cld2 INTERFACE)
  target_link_libraries(svcdesc_cld2 INTERFACE ${CLD2_LIBRARY})
  target_include_directories(svcdesc_cld2 SYSTEM INTERFACE ${CLD2_INCLUDE_DIR})
endif()

# RapidJSON's Debian config sets variables only; give it a target like the others.
if(NOT TARGET svcdesc_rapidjson)
  add_library(svcdesc_rapidjson INTERFACE)
  target_include_directories(svcdesc_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
endif()

# libmodest-dev's CMake config is broken in Debian 12 (it includes a file the package lacks).
find_library(MODEST_LIBRARY NAMES modest REQUIRED)
find_path(MYHTML_INCLUDE_DIR NAMES myhtml/api.h REQUIRED)
if(NOT TARGET svcdesc_myhtml)
  add_library(svcdesc_myhtml INTERFACE)
  target_link_libraries(svcdesc_myhtml INTERFACE ${MODEST_LIBRARY} m Threads::Threads)
  target_include_directories(svcdesc_myhtml SYSTEM INTERFACE ${MYHTML_INCLUDE_DIR})
endif()
pkg_check_modules(UCHARDET REQUIRED IMPORTED_TARGET uchardet)
find_package(uriparser CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)

find_package(valijson CONFIG REQUIRED)
if(SVCDESC_BUILD_TESTS)
  find_package(doctest CONFIG REQUIRED)
endif()
