#!/usr/bin/env bash
# Wall time and peak memory of `svcdesc export -f csv` beside Miller, jq and a Python csv script,
# on the same records, in one run.
#
#   bench/export_bench.sh [SVCDESC] [RECORDS]
#
# SVCDESC defaults to build/cli/svcdesc (point it at a Release build), RECORDS to 100000. The
# records are those of diff_bench.sh's OLD set: bench/gen_records.py makes RECORDS short records
# (about 940 bytes each) from samples/*.ndjson (bench/corpus/records-<N>.ndjson, gitignored).
#
# The columns are svcdesc's default CSV columns (id, lang, kind, title, organisation.name,
# area.type, area.municipalities, languages, cost.type, cost.evidence, updated, source.url,
# source.file). jq and Python write the same columns (lists joined with ';'); Miller writes them
# after its own flattening (`flatten then unsparsify then cut`), without area.municipalities, which
# it flattens to one column per list item. Each tool runs RUNS times (default 3) under
# /usr/bin/time -v; the least CPU time (user + sys), the best wall time and the highest peak RSS
# are printed. Needs miller
# (apt-get install miller), jq, python3 and /usr/bin/time.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/cli/svcdesc}
n=${2:-100000}
seed=${SEED:-1}
runs=${RUNS:-3}
corpus_root=${CORPUS_DIR:-$here/corpus}

source "$here/lib.sh"
die() { echo "export_bench.sh: error: $*" >&2; exit 2; }
[[ -x $bin ]] || die "$bin is not an executable; build it first"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
for t in mlr jq python3 /usr/bin/time; do command -v "$t" >/dev/null || die "$t is missing"; done
export LC_ALL=C TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

records=$corpus_root/records-$n-$seed.ndjson
if [[ ! -s $records ]]; then
  mkdir -p "$corpus_root"
  python3 "$here/gen_records.py" --count "$n" --seed "$seed" >"$tmp/records.ndjson" &&
    mv "$tmp/records.ndjson" "$records" || die "gen_records.py failed"
fi

fields=id,lang,kind,title,organisation.name,area.type,area.municipalities,languages,cost.type,cost.evidence,updated,source.url,source.file
mlr_fields=${fields/area.municipalities,/}
cat >"$tmp/export.py" <<'PY'
import csv, json, sys
out = csv.writer(sys.stdout)
out.writerow(sys.argv[2].split(","))
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        org = r.get("organisation") or {}
        out.writerow([r["id"], r["lang"], r["kind"], r["title"], org.get("name", ""),
                      r["area"]["type"], ";".join(m["code"] for m in r["area"]["municipalities"]),
                      ";".join(r["languages"]), r["cost"]["type"], r["cost"].get("evidence") or "",
                      r.get("updated") or "", r["source"].get("url") or "", r["source"].get("file") or ""])
PY
jq_program='[.id, .lang, .kind, .title, (.organisation.name // ""), .area.type,
  ([.area.municipalities[].code] | join(";")), (.languages | join(";")), .cost.type,
  (.cost.evidence // ""), (.updated // ""), (.source.url // ""), (.source.file // "")] | @csv'


echo "svcdesc export -f csv beside Miller, jq and Python"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
echo "tools:   $("$bin" --version | head -n1); $(mlr --version); $(jq --version); $(python3 --version)"
echo "records: $n ($(($(stat -c %s "$records") / 1000000)) MB of NDJSON), best of $runs runs"
echo
printf '%-10s %8s %8s %12s %10s\n' tool cpu_s wall_s peak_rss_MB rows
run() {
  local name=$1; shift
  local best="" cpu="" peak=0
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v -o "$tmp/time" "$@" >"$tmp/$name.csv" || die "$name failed"
    local wall c rss
    wall=$(tv "Elapsed (wall clock)" "$tmp/time" | to_seconds)
    c=$(echo "$(tv "User time" "$tmp/time") + $(tv "System time" "$tmp/time")" | bc -l)
    rss=$(tv "Maximum resident set size" "$tmp/time")
    [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }' && best=$wall
    [[ -z $cpu ]] || awk -v a="$c" -v b="$cpu" 'BEGIN { exit !(a < b) }' && cpu=$c
    ((rss > peak)) && peak=$rss
  done
  printf '%-10s %8.2f %8.2f %12.1f %10s\n' "$name" "$cpu" "$best" "$(echo "$peak / 1024" | bc -l)" \
    "$(($(wc -l <"$tmp/$name.csv") - 1))"
  bench_result export-csv "$name" "$best" "$cpu" "$peak" "$n" records "$@"
}
run svcdesc "$bin" -q export -f csv "$records"
run mlr mlr --ijsonl --ocsv flatten then unsparsify -f "$mlr_fields" then cut -o -f "$mlr_fields" "$records"
run jq jq -r "$jq_program" "$records"
run python python3 "$tmp/export.py" "$records" "$fields"
