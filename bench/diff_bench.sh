#!/usr/bin/env bash
# Wall time and peak memory of `svcdesc diff` beside daff and a keyed miller diff, on the same records.
#
#   bench/diff_bench.sh [SVCDESC] [RECORDS]
#
# SVCDESC defaults to build/cli/svcdesc (point it at a Release build), RECORDS to 100000. The records:
# bench/gen_corpus.py writes PAGES pages (default 2000), `svcdesc -q parse` turns them into records,
# bench/replicate_records.py repeats them to RECORDS records with distinct ids (OLD), and
# bench/diff_make_sets.py derives NEW (2 % removed, 2 % added, 3 % changed, 1 % only `updated` moved,
# 5 % reformatted, which is no change) and writes both sets as CSV keyed by id for the peers, all into
# bench/corpus/diff-<RECORDS>/ (gitignored). Then, RUNS times each under /usr/bin/time -v:
#
#   svcdesc diff --stat OLD NEW            the counts
#   svcdesc diff --format ndjson OLD NEW   every change, field by field
#   daff diff --id id old.csv new.csv      daff 1.4.2 (npm, bench/node_modules: npm ci --prefix bench)
#   mlr join (unpaired both sides) + field comparison on the CSV, keyed by id (Debian package miller)
#
# and prints the best wall time and the highest peak RSS of each.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=$(realpath "${1:-$root/build/cli/svcdesc}")
records=${2:-100000}
pages=${PAGES:-2000}
seed=${SEED:-1}
runs=${RUNS:-3}
dir=${CORPUS_DIR:-$here/corpus}/diff-$records
daff=$here/node_modules/.bin/daff

for tool in /usr/bin/time python3 mlr "$daff"; do
  command -v "$tool" >/dev/null || { echo "diff_bench: $tool is missing (see the header of $0)" >&2; exit 2; }
done

mkdir -p "$dir"
stamp="$records $pages $seed $(cat "$here/gen_corpus.py" "$here/replicate_records.py" "$here/diff_make_sets.py" | sha256sum | cut -c1-16)"
if [[ ! -f $dir.stamp || $(<"$dir.stamp") != "$stamp" ]]; then
  echo "building the record sets in $dir ..." >&2
  pagedir=$dir/pages
  rm -rf "$pagedir"
  python3 "$here/gen_corpus.py" --pages "$pages" --seed "$seed" --out "$pagedir" --list "$dir/pages.list" >/dev/null
  (cd "$pagedir" && ls | xargs "$bin" -q parse) > "$dir/parsed.ndjson" || true
  python3 "$here/replicate_records.py" --in "$dir/parsed.ndjson" --count "$records" --ndjson "$dir/records.ndjson"
  python3 "$here/diff_make_sets.py" --in "$dir/records.ndjson" --out "$dir" --seed "$seed"
  rm -rf "$pagedir" "$dir/records.ndjson"
  echo "$stamp" >"$dir.stamp"
fi

old=$dir/old.ndjson new=$dir/new.ndjson
printf 'OLD %s records, %.1f MB; NEW %s records, %.1f MB\n' "$(wc -l <"$old")" "$(($(stat -c %s "$old") / 100000))e-1" \
  "$(wc -l <"$new")" "$(($(stat -c %s "$new") / 100000))e-1"

# The keyed miller diff: records only in OLD, only in NEW, and those whose fields differ.
mlr_diff() {
  mlr --icsv --ojson join --np --ul --ur -j id -f "$dir/old.csv" "$dir/new.csv" >/dev/null
  mlr --icsv --ojson join -j id --lp old_ --rp new_ -f "$dir/old.csv" \
    then put -q 'for (k, v in $*) { if (k =~ "^old_(.*)$") { n = "new_" . "\1"; if ($[n] != v) { emit mapsum({"id": $id, "field": "\1"}, {"old": v, "new": $[n]}) } } }' \
    "$dir/new.csv"
}
export -f mlr_diff
export dir

measure() { # NAME COMMAND...
  local name=$1 best="" peak=0
  shift
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v -o "$dir/time.txt" "$@" >"$dir/out.txt" 2>"$dir/err.txt" || true
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + t[j]; print s }' "$dir/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt")
    [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }' && best=$wall
    ((rss > peak)) && peak=$rss
  done
  printf '| %-34s | %8.2f | %9.1f | %8s |\n' "$name" "$best" "$(echo "$peak / 1024" | bc -l)" "$(wc -l <"$dir/out.txt")"
}

echo "| tool                               |   wall s | peak MiB | out lines |"
echo "|------------------------------------|---------:|---------:|----------:|"
measure "svcdesc diff --stat" "$bin" diff --stat "$old" "$new"
measure "svcdesc diff --format ndjson" "$bin" diff --format ndjson "$old" "$new"
measure "daff diff --id id (CSV)" "$daff" diff --id id "$dir/old.csv" "$dir/new.csv"
measure "mlr join, keyed by id (CSV)" bash -c mlr_diff
"$bin" diff --stat "$old" "$new" || true
