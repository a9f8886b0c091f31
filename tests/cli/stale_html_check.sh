#!/usr/bin/env bash
# Renders the HTML report of `svcdesc stale` and loads it in headless Chromium, then asserts on the
# DOM after the page's own script has run: the summary numbers, a known stale title (escaped, not
# executed), both SVG charts with their bars, and the table sorted by age on load (#sort=age).
# Chromium is required: when it is missing the test fails (CI installs the Debian package).
#
#   stale_html_check.sh BINARY SOURCE_DIR
set -u
binary=$1 source_dir=$2

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
        browser=$candidate
        break
    fi
done
if [ -z "$browser" ]; then
    echo "FAIL: chromium not found; install it (Debian: apt-get install chromium)"
    exit 1
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
cd "$source_dir" || exit 2

"$binary" stale tests/cli/inputs/stale_records.ndjson samples/suomifi-fi-perhetyo.ndjson \
    --as-of 2026-11-23 --by organisation -f html -o "$TMP/report.html"
status=$?
if [ "$status" != 1 ]; then
    echo "FAIL: svcdesc stale exited with $status, expected 1 (stale entries found)"
    exit 1
fi

# Nothing may be loaded from elsewhere: no src= or stylesheet links (the <a href> of sources are
# links the reader may follow, not loads).
if grep -Eq '<(script|img|iframe)[^>]* src=|<link ' "$TMP/report.html"; then
    echo "FAIL: the report loads external resources"
    exit 1
fi

# Ages in the order the page shows them, after a given hash.
dump() {
    timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$TMP/profile-$1" --virtual-time-budget=2000 \
        --dump-dom "file://$TMP/report.html$2" 2>"$TMP/chromium-$1.log"
}
dump plain "" >"$TMP/plain.html" || { echo "FAIL: chromium failed"; cat "$TMP/chromium-plain.log"; exit 1; }
dump sorted "#sort=age" >"$TMP/sorted.html" || { echo "FAIL: chromium failed"; exit 1; }
dump reversed "#sort=-age" >"$TMP/reversed.html" || { echo "FAIL: chromium failed"; exit 1; }

fail=0
check() { # check FILE EXTENDED-REGEX what
    if ! grep -Eq -- "$2" "$1"; then
        echo "FAIL: $3 (no match for $2 in $(basename "$1"))"
        fail=1
    fi
}
dom=$TMP/plain.html
check "$dom" '<div class="card" id="summary-older"><span class="n">6</span>' "6 records older than 12m"
check "$dom" '<div class="card" id="summary-no-updated"><span class="n">2</span>' "2 without a date"
check "$dom" '<div class="card" id="summary-behind"><span class="n">2</span>' "2 behind another language"
check "$dom" '<div class="card" id="summary-records"><span class="n">11</span>' "11 records read"
check "$dom" '<td class="title">Child home care allowance</td>' "a known stale title"
check "$dom" 'Neuvola &lt;script&gt;alert\("x"\)&lt;/script&gt; &amp; äitiys' "a title with markup, escaped"
check "$dom" '<figure id="chart-age">.*' "the age chart"
check "$dom" '<g class="bar" data-label="&gt; 5 y" data-value="3">' "three entries over five years old"
check "$dom" '<figure id="chart-organisations">' "the organisation chart"
check "$dom" '<g class="bar" data-label="Kuopion kaupunki" data-value="4">' "Kuopio with 4 entries"
check "$dom" '<table id="groups">' "the group table"
if grep -q 'aria-sort="' "$dom"; then
    echo "FAIL: the table is sorted without #sort"
    fail=1
fi

ages() { grep -o '<td class="num" data-sort="[0-9]*">' "$1" | grep -o '[0-9]\+'; }
check "$TMP/sorted.html" 'data-sorted="age:desc"' "sorted by age on load with #sort=age"
ages "$TMP/sorted.html" >"$TMP/sorted.txt"
if [ "$(wc -l <"$TMP/sorted.txt")" -lt 5 ] || ! sort -n -r -c "$TMP/sorted.txt" 2>/dev/null; then
    echo "FAIL: #sort=age did not put the oldest first:"; cat "$TMP/sorted.txt"; fail=1
fi
ages "$TMP/reversed.html" >"$TMP/reversed.txt"
if ! sort -n -c "$TMP/reversed.txt" 2>/dev/null; then
    echo "FAIL: #sort=-age did not put the newest first:"; cat "$TMP/reversed.txt"; fail=1
fi
# Entries without a date sort as the oldest of all.
if [ "$(head -1 "$TMP/sorted.txt")" != 999999999 ]; then
    echo "FAIL: entries without an updated date do not come first with #sort=age"; fail=1
fi
[ $fail = 0 ] && echo "ok: summary, titles, charts and sorting checked in $browser"
exit $fail
