#!/usr/bin/env bash
# `svcdesc diff --memory` with a limit so small (two records a run) that every input is sorted in
# runs on disk and merged back: stdout, stderr and the exit status must be those of the in-memory
# path, byte for byte, in every format and for the error cases (a duplicate key, broken JSON,
# standard input); a TMPDIR that cannot be written, or fills up, is a clear error.
#
#   diff_external_check.sh BINARY SOURCE_DIR
set -u
binary=$1 source_dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$source_dir" || exit 2
export LC_ALL=C TZ=UTC NO_COLOR=1 SOURCE_DATE_EPOCH=1763856000 TMPDIR=$tmp/spill
mkdir "$tmp/spill"
in=tests/cli/inputs/diff
# Twenty-odd sample records against the same records in reverse order, two titles changed, one
# record gone and one added (keyed by source file: the text and HTML versions of a page share id).
cat samples/*.ndjson >"$tmp/all_old.ndjson"
tac samples/*.ndjson | sed -e '3d' -e '5s/"title":"/"title":"Uusi: /' -e '9s/"title":"/"title":"Muutettu /' \
    >"$tmp/all_new.ndjson"
sed -n '3p' samples/*.ndjson | sed 's/"file":"/"file":"lisatty-/' >>"$tmp/all_new.ndjson"

status=0
check() { # ARGS...: the same command without and with --memory 128; stdin a pipe
    cat "$in/old.ndjson" | "$binary" diff "$@" >"$tmp/a.out" 2>"$tmp/a.err"
    echo $? >"$tmp/a.exit"
    cat "$in/old.ndjson" | "$binary" diff --memory 128 "$@" >"$tmp/b.out" 2>"$tmp/b.err"
    echo $? >"$tmp/b.exit"
    for s in out err exit; do
        cmp -s "$tmp/a.$s" "$tmp/b.$s" || { echo "std$s differs with --memory 128: diff $*"; status=1; }
    done
    [ -s "$tmp/a.out" ] || [ -s "$tmp/a.err" ] || { echo "no output at all: diff $*"; status=1; }
}
for format in text json ndjson patch hsds-metadata; do
    check -f "$format" "$in/old.ndjson" "$in/new.ndjson"
    check -f "$format" --key source.file,lang "$tmp/all_old.ndjson" "$tmp/all_new.ndjson"
done
check --stat -f json --key source.file,lang "$tmp/all_old.ndjson" "$tmp/all_new.ndjson"
check -f ndjson "$in/old.ndjson" "$in/new.json"
check -f ndjson - "$in/new.ndjson"
check "$in/duplicate.ndjson" "$in/new.ndjson"
check "$in/broken.ndjson" "$in/new.ndjson"
check samples/suomifi-fi-perhetyo.ndjson samples/suomifi-fi-perhetyo.ndjson
[ "$(cat "$tmp/b.exit")" = 0 ] || { echo "identical inputs differ"; status=1; }

# A temporary file that cannot grow (a file size limit of 0 stands in for a full disk; stdout and
# stderr are pipes, which the limit does not touch): exit 2, one message, no output, no crash.
{ (trap '' XFSZ; ulimit -S -f 0; "$binary" diff --memory 128 -f ndjson "$in/old.ndjson" \
    "$in/new.ndjson"; c=$?; ulimit -S -f unlimited; echo $c >"$tmp/full.exit") 2>&1 >&3 |
    cat >"$tmp/full.err"; } 3>&1 | cat >"$tmp/full.out"
code=$(cat "$tmp/full.exit")
[ "$code" = 2 ] || { echo "full TMPDIR: exit $code, not 2"; cat "$tmp/full.err"; status=1; }
grep -q "^svcdesc: error: cannot write a temporary file in $tmp/spill: File too large" "$tmp/full.err" ||
    { echo "full TMPDIR: unexpected message:"; cat "$tmp/full.err"; status=1; }
[ ! -s "$tmp/full.out" ] || { echo "full TMPDIR: output written anyway"; status=1; }

# A TMPDIR that cannot be used: exit 2 and the message says where and what to do.
TMPDIR=$tmp/missing "$binary" diff --memory 128 "$in/old.ndjson" "$in/new.ndjson" >/dev/null 2>"$tmp/err"
code=$?
[ "$code" = 2 ] || { echo "missing TMPDIR: exit $code, not 2"; status=1; }
grep -q "^svcdesc: error: cannot create a temporary file in $tmp/missing: .*; set TMPDIR to a writable directory$" "$tmp/err" ||
    { echo "missing TMPDIR: unexpected message:"; cat "$tmp/err"; status=1; }
[ "$(wc -l <"$tmp/err")" = 1 ] || { echo "missing TMPDIR: the message is repeated"; status=1; }
exit $status
