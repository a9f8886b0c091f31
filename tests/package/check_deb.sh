#!/usr/bin/env bash
# Builds the Debian package with CPack and checks what a maintainer installing it gets: metadata
# (name, version, a Depends computed from the shared libraries, the description), contents (the
# binary, man pages, completions, schemas, reference tables, examples, the library), and the
# binary of the unpacked package running on a sample.
#   check_deb.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check_deb: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(ls "$tmp"/out/svcdesc_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no svcdesc_*.deb was made"

field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = svcdesc ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = 0.1.0 ] || fail "Version is '$(field Version)'"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
depends=$(field Depends)
for lib in libcurl4 libsqlite3-0 libvoikko1 libutf8proc2 libpugixml1v5 libfmt9 libstdc++6 libc6 voikko-fi; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
field Description | grep -q "suomi.fi" || fail "the description does not say what the tool is for"

dpkg-deb --contents "$deb" >"$tmp/contents" || fail "dpkg-deb --contents failed"
for f in ./usr/bin/svcdesc ./usr/share/man/man1/svcdesc.1 ./usr/share/man/man1/svcdesc-fetch.1 \
         ./usr/share/bash-completion/completions/svcdesc ./usr/share/zsh/vendor-completions/_svcdesc \
         ./usr/share/fish/vendor_completions.d/svcdesc.fish ./usr/share/svcdesc/schemas/record.schema.json \
         ./usr/share/svcdesc/refdata/municipalities.csv ./usr/share/doc/svcdesc/examples/svcdesc-nightly.service \
         ./usr/include/svcdesc/record/record.hpp; do
  grep -q " $f\$" "$tmp/contents" || fail "the package lacks $f"
done
grep -q "/usr/lib/.*libsvcdesc.so.0" "$tmp/contents" || fail "the package lacks libsvcdesc.so.0"

dpkg-deb -x "$deb" "$tmp/root" || fail "dpkg-deb -x failed"
(cd "$source" && "$tmp/root/usr/bin/svcdesc" parse samples/*.txt) >"$tmp/records.ndjson" 2>"$tmp/stderr" \
  || { cat "$tmp/stderr"; fail "the unpacked binary does not parse the samples"; }
expected=$(cd "$source" && for f in samples/*.txt; do cat "${f%.txt}.ndjson"; done)
[ "$(cat "$tmp/records.ndjson")" = "$expected" ] || fail "the unpacked binary's records differ from the samples' expected records"
echo "check_deb: $(basename "$deb"): metadata, contents and the unpacked binary are fine"
echo "Depends: $depends"
