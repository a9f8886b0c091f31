# What `cmake --install` puts where (GNUInstallDirs), the CMake package and pkg-config file for
# other C++ projects, and the Debian package (CPack). Included from the top-level CMakeLists.txt
# after lib/ and cli/.

include(CMakePackageConfigHelpers)

# The library for other projects: a shared libsvcdesc built from the static library's objects
# (compiled position-independent), so that its many private dependencies stay private: a consumer
# links libsvcdesc.so and includes <svcdesc/...>, whose headers use the standard library only.
set_target_properties(svcdesc_lib PROPERTIES POSITION_INDEPENDENT_CODE ON)
add_library(svcdesc_shared SHARED "${PROJECT_SOURCE_DIR}/lib/src/core/shared_library.cpp")
target_link_libraries(svcdesc_shared PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,svcdesc_lib>"
                                             svcdesc_sanitizers)
target_include_directories(svcdesc_shared
  PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/lib/include>
         $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(svcdesc_shared PUBLIC cxx_std_20)
set_target_properties(svcdesc_shared PROPERTIES
  OUTPUT_NAME svcdesc
  EXPORT_NAME lib
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR})

install(TARGETS svcdesc_shared EXPORT svcdescTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/lib/include/svcdesc" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT svcdescTargets NAMESPACE svcdesc:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/svcdesc)
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/svcdesc-config.cmake.in"
  "${PROJECT_BINARY_DIR}/svcdesc-config.cmake"
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/svcdesc)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/svcdesc-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/svcdesc-config.cmake" "${PROJECT_BINARY_DIR}/svcdesc-config-version.cmake"
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/svcdesc)
# Relocatable: the prefix is found from where the .pc file is (an unpacked package, --prefix).
file(RELATIVE_PATH pc_to_prefix "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" pc_to_prefix "${pc_to_prefix}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/svcdesc.pc.in" "${PROJECT_BINARY_DIR}/svcdesc.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/svcdesc.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Data: the record and export schemas, and the reference tables the binary has compiled in (the
# starting point for a newer table, see `svcdesc refdata check` and --refdata).
install(FILES "${PROJECT_SOURCE_DIR}/schemas/record.schema.json" "${PROJECT_SOURCE_DIR}/schemas/record.xsd"
  DESTINATION ${CMAKE_INSTALL_DATADIR}/svcdesc/schemas)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/schemas/hsds" DESTINATION ${CMAKE_INSTALL_DATADIR}/svcdesc/schemas)
file(GLOB refdata_tables "${PROJECT_SOURCE_DIR}/lib/data/*.csv")
install(FILES ${refdata_tables} "${PROJECT_SOURCE_DIR}/lib/data/README.md"
  DESTINATION ${CMAKE_INSTALL_DATADIR}/svcdesc/refdata)

# Shell completions, made by the built binary from its own option definitions.
set(completions_dir "${PROJECT_BINARY_DIR}/completions")
set(completion_files "")
foreach(shell_and_file IN ITEMS "bash|svcdesc" "zsh|_svcdesc" "fish|svcdesc.fish")
  string(REPLACE "|" ";" pair "${shell_and_file}")
  list(GET pair 0 shell)
  list(GET pair 1 name)
  add_custom_command(OUTPUT "${completions_dir}/${name}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${completions_dir}"
    COMMAND sh -c "\"$1\" completion ${shell} > \"$2\"" sh $<TARGET_FILE:svcdesc> "${completions_dir}/${name}"
    DEPENDS svcdesc
    COMMENT "Generating the ${shell} completion"
    VERBATIM)
  list(APPEND completion_files "${completions_dir}/${name}")
endforeach()
add_custom_target(svcdesc_completions ALL DEPENDS ${completion_files})
install(FILES "${completions_dir}/svcdesc" DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES "${completions_dir}/_svcdesc" DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES "${completions_dir}/svcdesc.fish" DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# The nightly job: a script, a systemd service and timer, and a cron line.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/examples/" DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
  USE_SOURCE_PERMISSIONS)
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The Debian package: `cpack -G DEB` in the build directory. Depends is computed from the shared
# libraries the binary and libsvcdesc link (dpkg-shlibdeps), not typed by hand.
set(CPACK_PACKAGE_NAME svcdesc)
set(CPACK_PACKAGE_VENDOR "svcdesc maintainers")
set(CPACK_PACKAGE_CONTACT "svcdesc maintainers <maintainers@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "normalize Finnish public-service descriptions into records")
set(CPACK_PACKAGE_DESCRIPTION
  "svcdesc reads descriptions of Finnish public services (suomi.fi service pages, the PTV Open API,
ministry, wellbeing services county and municipal pages) and turns them into normalized records:
organisation, area with official codes, languages, cost, updated date. Its commands parse, fetch
(polite, incremental HTTP with a state file), validate, diff, export (CSV, XML, HSDS, CPSV-AP,
schema.org) and report stale entries for audits.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/svcdesc/svcdesc")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# voikko-fi is data, not a shared library: dpkg-shlibdeps cannot find it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "voikko-fi")
set(CPACK_STRIP_FILES ON)
include(CPack)
