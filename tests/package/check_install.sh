#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then what a user of the installed tree sees: the
# binary runs on a sample, man pages, schemas, reference tables and completions are where
# GNUInstallDirs puts them, and a tiny C++ project builds against the library both with
# find_package(svcdesc) and with pkg-config.
#   check_install.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "check_install: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "cmake --install failed"; }
for f in bin/svcdesc share/man/man1/svcdesc.1 share/man/man1/svcdesc-parse.1 \
         share/svcdesc/schemas/record.schema.json share/svcdesc/schemas/record.xsd \
         share/svcdesc/refdata/municipalities.csv share/svcdesc/refdata/README.md \
         share/bash-completion/completions/svcdesc share/zsh/vendor-completions/_svcdesc \
         share/fish/vendor_completions.d/svcdesc.fish include/svcdesc/parse/parse.hpp \
         share/doc/svcdesc/examples/svcdesc-nightly share/doc/svcdesc/examples/svcdesc-nightly.timer; do
  [ -e "$prefix/$f" ] || fail "$f is not installed"
done
libdir=$(cd "$prefix" && ls -d lib*/ | head -1)
ls "$prefix"/lib*/libsvcdesc.so.0* >/dev/null 2>&1 || fail "libsvcdesc.so.0 is not installed"
ls "$prefix"/lib*/cmake/svcdesc/svcdesc-config.cmake >/dev/null 2>&1 || fail "the CMake package is not installed"

# The installed binary on a sample gives the sample's expected record.
"$prefix/bin/svcdesc" parse "$source/samples/suomifi-fi-perhetyo.txt" --source-url https://www.suomi.fi/palvelut/x >/dev/null \
  || fail "the installed binary does not parse a sample"
(cd "$source" && "$prefix/bin/svcdesc" parse samples/suomifi-fi-perhetyo.txt) | cmp -s - "$source/samples/suomifi-fi-perhetyo.ndjson" \
  || fail "the installed binary's record differs from samples/suomifi-fi-perhetyo.ndjson"
grep -q "complete -o filenames -F _svcdesc svcdesc" "$prefix/share/bash-completion/completions/svcdesc" \
  || fail "the bash completion is not the generated script"

# A library built with sanitizers (the CI's second build) needs its consumers built with them.
sanitize=
if ldd "$prefix"/lib*/libsvcdesc.so.0 | grep -q libasan; then
  sanitize="-fsanitize=address,undefined"
fi

# A consumer with find_package(svcdesc).
cmake -S "$source/tests/package/consumer" -B "$tmp/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_FLAGS="$sanitize" -DCMAKE_EXE_LINKER_FLAGS="$sanitize" \
  >"$tmp/consumer.log" 2>&1 || { cat "$tmp/consumer.log"; fail "the consumer does not configure with find_package(svcdesc)"; }
cmake --build "$tmp/consumer" >>"$tmp/consumer.log" 2>&1 || { cat "$tmp/consumer.log"; fail "the consumer does not build"; }
out=$(LD_LIBRARY_PATH="$prefix/$libdir" "$tmp/consumer/consumer" "$source/samples/suomifi-fi-perhetyo.txt") \
  || fail "the consumer does not run"
[ "$out" = "svcdesc 0.1.0: Perhetyö | Kuopion kaupunki | 297" ] || fail "the consumer printed '$out'"

# The same with pkg-config.
flags=$(PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig" pkg-config --cflags --libs svcdesc) || fail "pkg-config does not know svcdesc"
g++ $sanitize $flags -o "$tmp/consumer-pc" "$source/tests/package/consumer/main.cpp" $flags 2>"$tmp/pc.log" \
  || { cat "$tmp/pc.log"; fail "the consumer does not build with pkg-config --cflags --libs svcdesc"; }
out=$(LD_LIBRARY_PATH="$prefix/$libdir" "$tmp/consumer-pc" "$source/samples/suomifi-fi-perhetyo.txt") || fail "the pkg-config consumer does not run"
[ "$out" = "svcdesc 0.1.0: Perhetyö | Kuopion kaupunki | 297" ] || fail "the pkg-config consumer printed '$out'"
echo "check_install: installed tree, binary, completions, find_package and pkg-config consumers all fine"
