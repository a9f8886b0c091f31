# Compiler warnings and sanitizers, as INTERFACE targets that our own targets link PRIVATE.
# CI turns warnings into errors with -DCMAKE_COMPILE_WARNING_AS_ERROR=ON; nothing here hard-codes -Werror.

add_library(svcdesc_warnings INTERFACE)
target_compile_options(svcdesc_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)

add_library(svcdesc_sanitizers INTERFACE)
if(SVCDESC_SANITIZE)
  target_compile_options(svcdesc_sanitizers INTERFACE
    -fsanitize=${SVCDESC_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(svcdesc_sanitizers INTERFACE -fsanitize=${SVCDESC_SANITIZE})
endif()

# The fuzz build instruments the library for libFuzzer (coverage, no main) and always has ASan and
# UBSan; the fuzz targets themselves link -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt).
if(SVCDESC_FUZZ)
  target_compile_options(svcdesc_sanitizers INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
    "-fsanitize-ignorelist=${PROJECT_SOURCE_DIR}/cmake/ubsan_ignorelist.txt")
  target_link_options(svcdesc_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
