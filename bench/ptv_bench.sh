#!/usr/bin/env bash
# Services per second of `svcdesc parse` on PTV Open API JSON, on one core.
#
#   bench/ptv_bench.sh [SVCDESC] [SERVICES]
#
# SVCDESC defaults to build/cli/svcdesc (point it at a Release or RelWithDebInfo build), SERVICES
# to 50000. bench/gen_ptv.py writes the corpus to bench/corpus/ptv-SERVICES (gitignored; kept
# while its .stamp matches the seed, the size and the generator): paging envelopes of 1,000
# services, as the API serves them. Each run is ONE process, `svcdesc -q parse` with every page on
# the command line and the records going to /dev/null, under /usr/bin/time -v. One warm-up run
# fills the page cache and counts the records; then RUNS runs (default 3) report the best wall
# time, the CPU time (user + system) of that run and the highest peak RSS. On a busy machine the
# CPU time is the figure to trust; services/s are given for both.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/cli/svcdesc}
n=${2:-50000}
seed=${SEED:-1}
runs=${RUNS:-3}
corpus=${CORPUS_DIR:-$here/corpus}/ptv-$n

source "$here/lib.sh"
die() { echo "ptv_bench.sh: error: $*" >&2; exit 2; }
[ -x "$bin" ] || die "$bin is not an executable; build first or give SVCDESC"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"

stamp="seed=$seed services=$n gen=$(sha256sum "$here/gen_ptv.py" | cut -c1-16)"
if [ ! -f "$corpus.stamp" ] || [ "$(cat "$corpus.stamp")" != "$stamp" ]; then
  rm -rf "$corpus"
  python3 "$here/gen_ptv.py" --services "$n" --seed "$seed" --out "$corpus"
  echo "$stamp" > "$corpus.stamp"
fi
files=("$corpus"/page-*.json)
bytes=$(cat "${files[@]}" | wc -c)

records=$("$bin" -q parse "${files[@]}" | wc -l)
best_wall="" best_cpu="" peak=0
for ((i = 0; i < runs; ++i)); do
  /usr/bin/time -v -o "$corpus.time" "$bin" -q parse "${files[@]}" > /dev/null
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0;
         for (j = 1; j <= n; ++j) s = s * 60 + p[j]; print s}' "$corpus.time")
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$corpus.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$corpus.time")
  if [ -z "$best_wall" ] || awk "BEGIN {exit !($wall < $best_wall)}"; then
    best_wall=$wall best_cpu=$cpu
  fi
  ((rss > peak)) && peak=$rss
done
rm -f "$corpus.time"
bench_result ptv "svcdesc parse" "$best_wall" "$best_cpu" "$peak" "$n" services \
  "$bin" -q parse "page-*.json (${#files[@]} envelopes)"

awk -v n="$n" -v rec="$records" -v bytes="$bytes" -v wall="$best_wall" -v cpu="$best_cpu" \
    -v rss="$peak" -v files="${#files[@]}" 'BEGIN {
  printf "corpus: %d services in %d files, %.1f MB (%.1f KB per service), %d records\n",
         n, files, bytes / 1e6, bytes / 1e3 / n, rec
  printf "wall %.2f s: %.0f services/s, %.0f records/s, %.0f MB/s\n",
         wall, n / wall, rec / wall, bytes / 1e6 / wall
  printf "cpu  %.2f s: %.0f services/s, %.0f records/s, %.0f MB/s\n",
         cpu, n / cpu, rec / cpu, bytes / 1e6 / cpu
  printf "peak RSS %.1f MB\n", rss / 1024
}'
