#!/usr/bin/env bash
# CPU time, wall time and peak memory of `svcdesc diff` beside daff, a keyed miller diff and a jq
# keyed diff, on the same records, in one run; each tool's counts are checked against the changes
# that were made.
#
#   bench/diff_bench.sh [SVCDESC] [RECORDS]
#
# SVCDESC defaults to build/cli/svcdesc (point it at a Release build), RECORDS to 100000. The records:
# bench/gen_records.py writes RECORDS short records made from samples/*.ndjson (OLD), and
# bench/diff_make_sets.py derives NEW (1 % removed, 1 % added, 5 % changed) and writes both sets as
# CSV keyed by id for daff and miller, all into bench/corpus/diff-<RECORDS>/ (gitignored). Then, RUNS
# times (default 3) each under /usr/bin/time -v:
#
#   svcdesc diff --stat OLD NEW                 the counts
#   svcdesc diff -f ndjson OLD NEW              every change, field by field
#   svcdesc diff -f ndjson --memory 2M OLD NEW  the same through the external sort (runs on disk)
#   daff diff --id id old.csv new.csv           daff 1.4.2 (npm, bench/node_modules: npm ci --prefix bench)
#   mlr ... join --ul --ur -j id ... then put   a keyed miller diff, one line per changed field
#   jq ... group_by(.id) ...                    a keyed jq diff, one line per changed record
#
# and prints the least CPU time (user + sys), the least wall time and the highest peak RSS of each,
# and the added/removed/changed counts each found. PEERS=0 runs svcdesc alone (for a million
# records, where daff and jq would need tens of GB). Needs python3, miller, jq, node and
# /usr/bin/time.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=$(realpath "${1:-$root/build/cli/svcdesc}")
records=${2:-100000}
seed=${SEED:-1}
runs=${RUNS:-3}
peers=${PEERS:-1}
dir=${CORPUS_DIR:-$here/corpus}/diff-$records
daff=$here/node_modules/.bin/daff
export LC_ALL=C TZ=UTC
source "$here/lib.sh"

for tool in /usr/bin/time python3 mlr jq "$daff"; do
  command -v "$tool" >/dev/null || { echo "diff_bench: $tool is missing (see the header of $0)" >&2; exit 2; }
done

mkdir -p "$dir"
stamp="$records $seed $(cat "$here/gen_records.py" "$here/diff_make_sets.py" "$root"/samples/*.ndjson | sha256sum | cut -c1-16)"
if [[ ! -f $dir.stamp || $(<"$dir.stamp") != "$stamp" ]]; then
  echo "building the record sets in $dir ..." >&2
  python3 "$here/gen_records.py" --count "$records" --seed "$seed" >"$dir/records.ndjson"
  python3 "$here/diff_make_sets.py" --in "$dir/records.ndjson" --out "$dir" --seed "$seed" \
    $( ((peers)) || echo --no-csv)
  rm -f "$dir/records.ndjson"
  echo "$stamp" >"$dir.stamp"
fi

old=$dir/old.ndjson new=$dir/new.ndjson
echo "svcdesc diff beside daff, miller and jq"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tools:   $("$bin" --version | head -n1); daff $("$daff" version 2>/dev/null || echo '?'); $(mlr --version); $(jq --version)"
printf 'records: OLD %s (%.1f MB), NEW %s (%.1f MB); made: %s\n' "$(wc -l <"$old")" \
  "$(echo "$(stat -c %s "$old") / 1000000" | bc -l)" "$(wc -l <"$new")" \
  "$(echo "$(stat -c %s "$new") / 1000000" | bc -l)" "$(cat "$dir/expected.txt")"
echo "best of $runs runs"
echo

# The keyed miller diff: NEW's fields renamed new_*, joined to OLD by id with the unpaired records
# of both sides; a record with only old fields was removed, one with only new fields was added, and
# a pair is compared field by field.
mlr_diff() {
  mlr --icsv --ojsonl rename -r '^(.*)$,new_\1' \
    then join --ul --ur -l id -r new_id -j id -f "$dir/old.csv" \
    then put -q '
      if (is_absent($new_lang)) {
        emit1 {"change": "removed", "id": $id}
      } elif (is_absent($lang)) {
        emit1 {"change": "added", "id": $new_id}
      } else {
        for (k, v in $*) {
          if (k =~ "^new_(.+)$") {
            f = "\1";
            if ($[f] != v) { emit1 {"change": "changed", "id": $id, "field": f, "old": $[f], "new": v} }
          }
        }
      }' "$dir/new.csv"
}
# The keyed jq diff: both sets in memory, grouped by id, whole records compared.
jq_program='[($old[] | {side: "old", r: .}), ($new[] | {side: "new", r: .})]
  | group_by(.r.id)[]
  | if length == 2 then (if .[0].r != .[1].r then {change: "changed", id: .[0].r.id} else empty end)
    elif .[0].side == "old" then {change: "removed", id: .[0].r.id}
    else {change: "added", id: .[0].r.id} end'
export -f mlr_diff
export dir

# Counts of added, removed and changed records in each tool's output.
count_svcdesc() { awk '/"change":"added"/ { a++ } /"change":"removed"/ { r++ } /"change":"changed"/ { c++ }
  END { printf "%d/%d/%d", a, r, c }' "$1"; }
count_stat() { sed -E 's/.*: ([0-9]+) added, ([0-9]+) removed, ([0-9]+) changed.*/\1\/\2\/\3/' "$1" | tr -d '\n'; }
count_daff() { python3 -c 'import csv, sys
n = {"+++": 0, "---": 0, "->": 0}
for row in csv.reader(open(sys.argv[1], encoding="utf-8")):
    if row and row[0] in n: n[row[0]] += 1
print("%d/%d/%d" % (n["+++"], n["---"], n["->"]), end="")' "$1"; }
count_mlr() { printf '%d/%d/%d' "$(grep -c '"change": "added"' "$1")" "$(grep -c '"change": "removed"' "$1")" \
  "$(grep '"change": "changed"' "$1" | cut -d'"' -f8 | sort -u | wc -l)"; }
count_jq() { printf '%d/%d/%d' "$(grep -c '"change":"added"' "$1")" "$(grep -c '"change":"removed"' "$1")" \
  "$(grep -c '"change":"changed"' "$1")"; }

printf '| %-40s | %6s | %6s | %8s | %-21s |\n' tool "CPU s" "wall s" "peak MiB" "added/removed/changed"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "-------:" "-------:" "---------:" "-----------------------"
measure() { # NAME COUNTER COMMAND...
  local name=$1 counter=$2 cpu="" wall="" peak=0
  shift 2
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v -o "$dir/time.txt" "$@" >"$dir/out.txt" 2>"$dir/err.txt" || true
    local w c rss
    w=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + t[j]; print s }' "$dir/time.txt")
    c=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$dir/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt")
    [[ -z $wall ]] || awk -v a="$w" -v b="$wall" 'BEGIN { exit !(a < b) }' && wall=$w
    [[ -z $cpu ]] || awk -v a="$c" -v b="$cpu" 'BEGIN { exit !(a < b) }' && cpu=$c
    ((rss > peak)) && peak=$rss
  done
  printf '| %-40s | %6.2f | %6.2f | %8.1f | %-21s |\n' "$name" "$cpu" "$wall" "$(echo "$peak / 1024" | bc -l)" \
    "$("$counter" "$dir/out.txt")"
  bench_result diff "$name" "$wall" "$cpu" "$peak" "$records" records "$@"
}

measure "svcdesc diff --stat" count_stat "$bin" diff --stat "$old" "$new"
measure "svcdesc diff -f ndjson" count_svcdesc "$bin" diff -f ndjson "$old" "$new"
measure "svcdesc diff -f ndjson --memory 2M" count_svcdesc "$bin" diff -f ndjson --memory 2M "$old" "$new"
if ((peers)); then
  measure "daff diff --id id (CSV)" count_daff "$daff" diff --id id "$dir/old.csv" "$dir/new.csv"
  measure "mlr join --ul --ur -j id, put (CSV)" count_mlr bash -c mlr_diff
  measure "jq group_by(.id) (NDJSON)" count_jq jq -nc --slurpfile old "$old" --slurpfile new "$new" "$jq_program"
fi
