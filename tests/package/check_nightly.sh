#!/usr/bin/env bash
# The nightly job of examples/svcdesc-nightly, run twice on the samples (fetched as file:// URLs):
# the first night publishes, the second also writes what changed; a second run while one holds
# the lock refuses to start. What cron and systemd see is the exit status.
#   check_nightly.sh SVCDESC SOURCE_DIR
set -u
bin=$1 source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check_nightly: $*" >&2; exit 1; }
mkdir -p "$tmp/bin" "$tmp/work"
ln -s "$bin" "$tmp/bin/svcdesc"
export PATH="$tmp/bin:$PATH" SVCDESC_DIR="$tmp/work" SVCDESC_FETCH_OPTIONS="--allow-file --rate 0"
export SOURCE_DATE_EPOCH=1795392000 # 2026-11-23: the stale audit counts from here
for f in suomifi-fi-perhetyo suomifi-sv-familjearbete suomifi-en-child-benefit; do
  echo "file://$source/samples/$f.txt"
done >"$tmp/work/urls.txt"
script=$source/examples/svcdesc-nightly

"$script" >"$tmp/out1" 2>"$tmp/err1"
status=$?
# The samples are years old, so the audit finds stale entries: a finding (1), not trouble.
[ "$status" -eq 1 ] || { cat "$tmp/err1"; fail "first night exited $status, expected 1 (stale entries found)"; }
for f in records.ndjson fetch-report.ndjson validate-report.json publish/hsds.json \
         publish/services.csv publish/stale.html history/last.ndjson; do
  [ -s "$tmp/work/$f" ] || { cat "$tmp/err1"; fail "first night left no $f"; }
done
[ "$(wc -l <"$tmp/work/records.ndjson")" -eq 3 ] || fail "expected 3 records, got $(wc -l <"$tmp/work/records.ndjson")"
[ ! -e "$tmp/work/changes.json" ] || fail "the first night wrote changes.json without a previous night"

"$script" >"$tmp/out2" 2>"$tmp/err2"
status=$?
[ "$status" -eq 1 ] || { cat "$tmp/err2"; fail "second night exited $status, expected 1"; }
[ -s "$tmp/work/changes.json" ] || fail "the second night wrote no changes.json"
grep -q '"changed": *0' "$tmp/work/changes.json" \
  || fail "nothing changed between the nights, but changes.json says otherwise: $(head -c 300 "$tmp/work/changes.json")"

# A run while another holds the lock does not start.
flock "$tmp/work/.nightly.lock" sleep 5 &
holder=$!
sleep 0.5
"$script" >"$tmp/out3" 2>"$tmp/err3"
status=$?
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
[ "$status" -eq 2 ] || fail "a run while the lock was held exited $status, expected 2"
grep -q "another run holds" "$tmp/err3" || fail "the refused run did not say why: $(cat "$tmp/err3")"
echo "check_nightly: two nights and a refused overlapping run behave as documented"
