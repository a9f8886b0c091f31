#!/usr/bin/env bash
# Records/s and peak memory of `svcdesc validate` beside ajv-cli, on the same records and schema.
#
#   bench/validate_bench.sh [SVCDESC] [RECORDS...]
#
# SVCDESC defaults to build/cli/svcdesc, RECORDS to "20000 100000". Builds nothing: point it at a
# Release build. ajv-cli comes from bench/node_modules (`npm ci --prefix bench`, versions pinned in
# bench/package.json and bench/package-lock.json).
#
# The records: bench/gen_corpus.py writes PAGES pages (default 2000) into bench/corpus/<PAGES>/ as
# parse_bench.sh does, `svcdesc -q parse` turns them into records, and bench/replicate_records.py
# repeats those to exactly N records, each copy with its own UUID-shaped id (everything else byte for
# byte as parse wrote it), into bench/corpus/validate-<N>/ (gitignored, kept while its stamp holds):
#
#   records.ndjson       one record a line, for `svcdesc validate`;
#   chunks/*.json        JSON arrays of 1,000 records, for ajv with a schema for an array of records
#                        ({"type": "array", "items": {"$ref": record.schema.json}}, -r the record schema);
#   files/*.json         one record per file, for ajv with the record schema itself.
#
# Then, for each size, in one run: `svcdesc validate -q --as-of 2026-01-01 records.ndjson` (every
# semantic rule on, as by default), and `ajv validate --spec=draft7 -c ajv-formats --all-errors`
# on the chunks and on the files. Each is run RUNS times under `/usr/bin/time -v`; the script prints the
# best wall time as records/s (start-up included: one process per run, nothing excluded), the CPU time
# of that run, and the highest peak RSS of the runs. Every run must exit 0 (all records valid).
#
# Environment: RUNS (default 3), PAGES (default 2000), SEED (default 1), AJV_MODES (default
# "chunks files"), CORPUS_DIR (default bench/corpus).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/cli/svcdesc}
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(20000 100000)
seed=${SEED:-1}
pages=${PAGES:-2000}
runs=${RUNS:-3}
read -r -a ajv_modes <<<"${AJV_MODES:-chunks files}"
corpus_root=${CORPUS_DIR:-$here/corpus}
as_of=2026-01-01
chunk_size=1000
schema=$root/schemas/record.schema.json
ajv=$here/node_modules/.bin/ajv

die() { echo "validate_bench.sh: error: $*" >&2; exit 2; }
[[ -x $bin ]] || die "$bin is not an executable; build it first (see bench/README.md)"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing; install it with: apt-get install time"
command -v python3 >/dev/null || die "python3 is missing"
command -v node >/dev/null || die "node is missing; install it with: apt-get install nodejs npm"
[[ -x $ajv ]] || die "$ajv is missing; install it with: npm ci --prefix bench"

export LC_ALL=C TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

source "$here/lib.sh"

echo "svcdesc validate benchmark, beside ajv-cli"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
  git -C "$root" diff --quiet HEAD -- lib cli 2>/dev/null || echo ' (lib/ or cli/ modified)')"
echo "binary:  $bin ($("$bin" --version 2>/dev/null | head -n1))"
echo "ajv:     ajv-cli $(node -p "require('$here/node_modules/ajv-cli/package.json').version")," \
  "ajv $(node -p "require('$here/node_modules/ajv/package.json').version")," \
  "ajv-formats $(node -p "require('$here/node_modules/ajv-formats/package.json').version")," \
  "node $(node --version)"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
  "$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "records: $pages pages of bench/gen_corpus.py --seed $seed, parsed, repeated with fresh ids;" \
  "best wall time of $runs runs"
echo

# The pages and their records.
dir=$corpus_root/$pages
stamp="seed=$seed pages=$pages $(cat "$here/gen_corpus.py" "$root"/samples/*.txt \
  "$root/lib/data/municipalities.csv" | sha256sum | cut -c1-16)"
if [[ ! -f $dir.stamp || $(cat "$dir.stamp") != "$stamp" ]]; then
  rm -rf "$dir" "$dir.stamp"
  python3 "$here/gen_corpus.py" --pages "$pages" --seed "$seed" --out "$dir"
  echo "$stamp" >"$dir.stamp"
fi
parsed=$corpus_root/validate-parsed-$pages.ndjson
# The records depend on the parser too: re-parse when the binary is newer than them.
if [[ ! -s $parsed || $parsed -ot $dir.stamp || $parsed -ot $bin ]]; then
  (cd "$dir" && find . -maxdepth 1 -name '*.txt' -printf '%f\n' | sort | xargs "$bin" -q parse) \
    >"$parsed.tmp" || die "svcdesc parse failed on $dir"
  mv "$parsed.tmp" "$parsed"
fi
[[ $(wc -l <"$parsed") -eq $pages ]] || die "$pages pages gave $(wc -l <"$parsed") records"
parsed_sum=$(sha256sum "$parsed" "$here/replicate_records.py" | sha256sum | cut -c1-16)

# The wrapper schema: an array whose items are records, by the record schema's $id.
record_id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["$id"])' "$schema")
printf '{"$schema": "http://json-schema.org/draft-07/schema#", "type": "array", "items": {"$ref": "%s"}}\n' \
  "$record_id" >"$tmp/array.schema.json"

# run LABEL RECORDS COMMAND...: RUNS measured runs; appends a row to rows.
rows=()
run() {
  local label=$1 n=$2 best= cpu_best= peak=0 r wall cpu rss status
  shift 2
  for ((r = 1; r <= runs; r++)); do
    status=0
    /usr/bin/time -v -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
    if [[ $status -ne 0 ]]; then
      head -n 20 "$tmp/out" "$tmp/err" >&2
      die "$label on $n records exited with status $status"
    fi
    wall=$(tv 'Elapsed (wall clock) time' "$tmp/time" | to_seconds)
    cpu=$(awk -v u="$(tv 'User time (seconds)' "$tmp/time")" \
      -v s="$(tv 'System time (seconds)' "$tmp/time")" 'BEGIN { printf "%.2f", u + s }')
    rss=$(tv 'Maximum resident set size (kbytes)' "$tmp/time")
    echo "  $label, $n records, run $r: wall ${wall} s, cpu ${cpu} s, peak RSS ${rss} KiB" >&2
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
      cpu_best=$cpu
    fi
    ((rss > peak)) && peak=$rss
  done
  rows+=("$(awk -v l="$label" -v n="$n" -v w="$best" -v c="$cpu_best" -v r="$peak" \
    'BEGIN { if (w <= 0) w = 0.001
             printf "%-14s  %8d  %7.2f  %7.2f  %9.0f  %12.1f", l, n, w, c, n / w, r / 1024 }')")
  last_rate=$(awk -v n="$n" -v w="$best" 'BEGIN { if (w <= 0) w = 0.001; printf "%.3f", n / w }')
  bench_result "validate-$n" "$label" "$best" "$cpu_best" "$peak" "$n" records "$@"
}

ratios=()
for n in "${sizes[@]}"; do
  set_dir=$corpus_root/validate-$n
  set_stamp="$parsed_sum count=$n chunk=$chunk_size"
  if [[ ! -f $set_dir.stamp || $(cat "$set_dir.stamp") != "$set_stamp" ]]; then
    rm -rf "$set_dir" "$set_dir.stamp"
    mkdir -p "$set_dir"
    python3 "$here/replicate_records.py" --in "$parsed" --count "$n" \
      --ndjson "$set_dir/records.ndjson" --chunks "$set_dir/chunks" --chunk-size "$chunk_size" \
      --files "$set_dir/files"
    echo "$set_stamp" >"$set_dir.stamp"
  fi
  mb=$(stat -c %s "$set_dir/records.ndjson" | awk '{ printf "%.1f", $1 / 1e6 }')
  echo "$n records, $mb MB of NDJSON" >&2
  # Warm the page cache for every form before any measured run.
  cat "$set_dir/records.ndjson" "$set_dir"/chunks/*.json >/dev/null
  find "$set_dir/files" -name '*.json' -print0 | xargs -0 cat >/dev/null

  run "svcdesc" "$n" "$bin" validate -q --as-of "$as_of" "$set_dir/records.ndjson"
  ours=$last_rate
  theirs=0
  for mode in "${ajv_modes[@]}"; do
    case $mode in
    chunks)
      run "ajv chunks" "$n" "$ajv" validate --spec=draft7 -c ajv-formats --all-errors \
        --strict-types=false -s "$tmp/array.schema.json" -r "$schema" -d "$set_dir/chunks/*.json" ;;
    files)
      run "ajv files" "$n" "$ajv" validate --spec=draft7 -c ajv-formats --all-errors \
        --strict-types=false -s "$schema" -d "$set_dir/files/*.json" ;;
    *) die "unknown AJV_MODES entry '$mode' (chunks or files)" ;;
    esac
    awk -v a="$last_rate" -v b="$theirs" 'BEGIN { exit !(a > b) }' && theirs=$last_rate
  done
  ratios+=("$(awk -v n="$n" -v o="$ours" -v t="$theirs" \
    'BEGIN { printf "%8d records: svcdesc / fastest ajv = %.3f (goal: 2)", n, (t > 0 ? o / t : 0) }')")
done

echo
printf '%-14s  %8s  %7s  %7s  %9s  %12s\n' tool records 'wall s' 'cpu s' 'records/s' 'peak RSS MiB'
printf '%s\n' "${rows[@]}"
echo
printf '%s\n' "${ratios[@]}"
