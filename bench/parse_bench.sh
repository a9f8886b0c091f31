#!/usr/bin/env bash
# Throughput and peak memory of `svcdesc parse` on synthetic corpora of two sizes.
#
#   bench/parse_bench.sh [SVCDESC] [PAGES...]
#
# SVCDESC defaults to build/cli/svcdesc, PAGES to "2000 20000". Builds nothing: point it at a Release
# build. For each size it generates a corpus with bench/gen_corpus.py into bench/corpus/<pages>/
# (kept between runs, gitignored), runs `svcdesc -q parse FILE...` once to warm the page cache and
# check that every page gives a record, then three measured runs with the records going to
# /dev/null, each under `/usr/bin/time -v`. It prints the best wall time of the three as MB/s
# (10^6 bytes of input per second) and pages/s, and the highest peak RSS of the three.
#
# All files of a corpus go to ONE svcdesc process (one core, one address space), which is what makes
# the peak RSS comparable between sizes. If the argument list is too long for exec, the script says
# so and falls back to xargs batches, whose figures are then totals over several processes.
#
# Environment: SEED (default 1) for the corpus, RUNS (default 3), CORPUS_DIR (default bench/corpus).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/cli/svcdesc}
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(2000 20000)
seed=${SEED:-1}
runs=${RUNS:-3}
corpus_root=${CORPUS_DIR:-$here/corpus}

die() { echo "parse_bench.sh: error: $*" >&2; exit 2; }
[[ -x $bin ]] || die "$bin is not an executable; build it first (see bench/README.md)"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing; install it with: apt-get install time"
command -v python3 >/dev/null || die "python3 is missing"

export LC_ALL=C TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

source "$here/lib.sh"

echo "svcdesc parse benchmark"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
  git -C "$root" diff --quiet HEAD -- lib cli 2>/dev/null || echo ' (lib/ or cli/ modified)')"
echo "binary:  $bin ($("$bin" --version 2>/dev/null | head -n1))"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
  "$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)"
echo "corpus:  bench/gen_corpus.py --seed $seed; best wall time of $runs runs after a warm-up run"
echo

rows=()
for pages in "${sizes[@]}"; do
  dir=$corpus_root/$pages
  stamp="seed=$seed pages=$pages $(cat "$here/gen_corpus.py" "$root"/samples/*.txt \
    "$root/lib/data/municipalities.csv" | sha256sum | cut -c1-16)"
  if [[ ! -f $dir.stamp || $(cat "$dir.stamp") != "$stamp" ]]; then
    rm -rf "$dir" "$dir.stamp"
    python3 "$here/gen_corpus.py" --pages "$pages" --seed "$seed" --out "$dir"
    echo "$stamp" >"$dir.stamp"
  fi
  # Relative names keep the argument list short: 20,000 names take about 300 KB.
  cd "$dir"
  mapfile -t files < <(find . -maxdepth 1 -name '*.txt' -printf '%f\n' | sort)
  [[ ${#files[@]} -eq $pages ]] || die "$dir holds ${#files[@]} pages, expected $pages"
  bytes=$(find . -maxdepth 1 -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')

  # One process if exec accepts the list, xargs batches otherwise.
  mode=single
  if ! "$bin" -q parse "${files[@]}" >"$tmp/warm.ndjson" 2>"$tmp/warm.err"; then
    status=$?
    if grep -q 'Argument list too long' "$tmp/warm.err" || [[ $status -eq 126 ]]; then
      mode=xargs
      echo "note: the argument list is too long for one exec; running in xargs batches" >&2
      printf '%s\0' "${files[@]}" | xargs -0 "$bin" -q parse >"$tmp/warm.ndjson" ||
        die "svcdesc parse failed on $dir (see above)"
    else
      cat "$tmp/warm.err" >&2
      die "svcdesc parse failed on $dir with status $status"
    fi
  fi
  records=$(wc -l <"$tmp/warm.ndjson")
  [[ $records -eq $pages ]] || die "$pages pages gave $records records"

  best=
  peak=0
  cpu_best=
  for ((run = 1; run <= runs; run++)); do
    if [[ $mode == single ]]; then
      /usr/bin/time -v -o "$tmp/time" "$bin" -q parse "${files[@]}" >/dev/null
    else
      printf '%s\0' "${files[@]}" >"$tmp/list0"
      /usr/bin/time -v -o "$tmp/time" xargs -0 -a "$tmp/list0" "$bin" -q parse >/dev/null
    fi
    wall=$(tv 'Elapsed (wall clock) time' "$tmp/time" | to_seconds)
    cpu=$(awk -v u="$(tv 'User time (seconds)' "$tmp/time")" \
      -v s="$(tv 'System time (seconds)' "$tmp/time")" 'BEGIN { printf "%.2f", u + s }')
    rss=$(tv 'Maximum resident set size (kbytes)' "$tmp/time")
    echo "  $pages pages, run $run: wall ${wall} s, cpu ${cpu} s, peak RSS ${rss} KiB" >&2
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
      cpu_best=$cpu
    fi
    ((rss > peak)) && peak=$rss
  done
  bench_result "parse-text-$pages" "svcdesc parse" "$best" "$cpu_best" "$peak" \
    "$(awk -v b="$bytes" 'BEGIN { printf "%.3f", b / 1e6 }')" MB "$bin" -q parse "FILE... ($pages pages)"

  # The ceiling: reading the same files and nothing else.
  cat_best=
  cat_cpu=
  for ((run = 1; run <= runs; run++)); do
    /usr/bin/time -v -o "$tmp/time" cat "${files[@]}" >/dev/null
    read -r wall cpu rss < <(time_v_fields "$tmp/time")
    if [[ -z $cat_best ]] || awk -v a="$wall" -v b="$cat_best" 'BEGIN { exit !(a < b) }'; then
      cat_best=$wall cat_cpu=$cpu cat_rss=$rss
    fi
  done
  echo "  $pages pages, cat to /dev/null: best wall ${cat_best} s" >&2
  bench_result "parse-text-$pages" "cat (ceiling)" "$cat_best" "$cat_cpu" "$cat_rss" \
    "$(awk -v b="$bytes" 'BEGIN { printf "%.3f", b / 1e6 }')" MB cat "FILE... >/dev/null"
  cd "$root"
  rows+=("$(awk -v p="$pages" -v b="$bytes" -v w="$best" -v c="$cpu_best" -v r="$peak" -v m="$mode" \
    'BEGIN { if (w <= 0) w = 0.001
             printf "%8d  %9.1f  %7.2f  %6.2f  %8.1f  %9.0f  %12.1f  %s",
                    p, b / 1e6, w, c, b / 1e6 / w, p / w, r / 1024, m }')")
done

echo
printf '%8s  %9s  %7s  %6s  %8s  %9s  %12s  %s\n' pages 'input MB' 'wall s' 'cpu s' 'MB/s' \
  'pages/s' 'peak RSS MiB' process
printf '%s\n' "${rows[@]}"
