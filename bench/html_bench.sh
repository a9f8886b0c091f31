#!/usr/bin/env bash
# HTML input of `svcdesc parse`: throughput on one and two cores, the HTML parser's own time
# against the extraction, and the same extraction by a Python lxml script and by a BeautifulSoup 4
# script, all from one run.
#
#   bench/html_bench.sh [BUILD_DIR] [PAGES]
#
# BUILD_DIR defaults to build (a Release build: cmake -DCMAKE_BUILD_TYPE=Release), PAGES to 1000.
# It builds the svcdesc_html_bench helper in BUILD_DIR, generates the corpus with
# bench/gen_html_corpus.py into bench/corpus/html-<pages>/ (kept, gitignored), then:
#   1. svcdesc -q parse FILE... (one process, --jobs 1), a warm-up and RUNS measured runs;
#   2. the same with --jobs 2 (the output must be byte-identical to --jobs 1);
#   3. svcdesc_html_bench: parser only, parser + rendering, whole parse, in thread CPU time;
#   4. bench/html_lxml.py FILE... (one process), RUNS measured runs, and its answers compared
#      with svcdesc's for lang, title, organisation and updated on every page;
#   5. bench/html_bs4.py FILE... (the same extraction on BeautifulSoup's tree, "lxml" builder),
#      the same way; its output must also be identical to html_lxml.py's (said, not fatal).
# Wall times are the best of RUNS, CPU is that run's, RSS the highest of the runs; MB are 10^6
# bytes of HTML input. Each measured command is also given to bench_result (bench/lib.sh).
#
# Environment: SEED (default 1), RUNS (default 3), CORPUS_DIR (default bench/corpus), PYTHON (default
# /usr/bin/python3, Debian's, which has python3-lxml and python3-bs4; a python3 earlier on PATH may
# not).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build}
pages=${2:-1000}
seed=${SEED:-1}
runs=${RUNS:-3}
corpus_root=${CORPUS_DIR:-$here/corpus}
python=${PYTHON:-/usr/bin/python3}

die() { echo "html_bench.sh: error: $*" >&2; exit 2; }
[[ -x $build/cli/svcdesc ]] || die "$build/cli/svcdesc is missing; build it first (see bench/README.md)"
"$python" -c 'import lxml' 2>/dev/null || die "python3-lxml is missing; apt-get install python3-lxml"
"$python" -c 'import bs4' 2>/dev/null || die "python3-bs4 is missing; apt-get install python3-bs4"
source "$here/lib.sh"
cmake --build "$build" --target svcdesc_html_bench >/dev/null || die "cannot build svcdesc_html_bench"
build=$(cd "$build" && pwd)
bin=$build/cli/svcdesc

export LC_ALL=C TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dir=$corpus_root/html-$pages
stamp="seed=$seed pages=$pages $(cat "$here/gen_html_corpus.py" "$here/gen_corpus.py" "$root"/samples/*.txt \
  "$root/lib/data/municipalities.csv" | sha256sum | cut -c1-16)"
if [[ ! -f $dir.stamp || $(cat "$dir.stamp") != "$stamp" ]]; then
  rm -rf "$dir" "$dir.stamp"
  python3 "$here/gen_html_corpus.py" --pages "$pages" --seed "$seed" --out "$dir"
  echo "$stamp" >"$dir.stamp"
fi
cd "$dir"
mapfile -t files < <(find . -maxdepth 1 -name '*.html' -printf '%f\n' | sort)
[[ ${#files[@]} -eq $pages ]] || die "$dir holds ${#files[@]} pages, expected $pages"
bytes=$(find . -maxdepth 1 -name '*.html' -printf '%s\n' | awk '{ s += $1 } END { print s }')

# best_wall NAME COMMAND...: runs COMMAND (stdout to $tmp/NAME.out) RUNS times after a warm-up,
# prints the best wall time, the CPU time (user + system) of that run and the highest peak RSS
# (KiB) of the runs.
best_wall() {
  local name=$1 best='' cpu='' peak=0 t
  shift
  "$@" >"$tmp/$name.out"
  for ((run = 1; run <= runs; run++)); do
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null
    read -r w u s m <"$tmp/time"
    t=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    echo "  $name run $run: wall $w s, cpu $t s, rss $m KiB" >&2
    if [[ -z $best ]] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$w cpu=$t
    fi
    ((m > peak)) && peak=$m
  done
  echo "$best $cpu $peak"
}
row() { # LABEL WALL CPU
  awk -v l="$1" -v b="$bytes" -v p="$pages" -v w="$2" -v c="$3" 'BEGIN { if (w <= 0) w = 0.001
    printf "%-36s %7.2f %7.2f %8.1f %9.0f\n", l, w, c, b / 1e6 / w, p / w }'
}

echo "svcdesc parse, HTML input"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
  git -C "$root" diff --quiet HEAD -- lib cli 2>/dev/null || echo ' (lib/ or cli/ modified)')"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
echo "corpus:  $pages pages, $(awk -v b="$bytes" -v p="$pages" 'BEGIN { printf "%.1f MB, mean %.1f KB", b / 1e6, b / p / 1e3 }'); best of $runs runs"
echo

# The commands as the results file shows them: the file list abridged.
files_arg="FILE... ($pages pages of $dir)"
read -r w1 c1 m1 < <(best_wall jobs1 "$bin" -q parse "${files[@]}")
bench_result html "svcdesc parse --jobs 1" "$w1" "$c1" "$m1" "$pages" pages "$bin" -q parse "$files_arg"
# The same run in MB of HTML, for the MB/s goal of bench/report.py.
bench_result html-mb "svcdesc parse --jobs 1" "$w1" "$c1" "$m1" "$(awk -v b="$bytes" 'BEGIN { printf "%.3f", b / 1e6 }')" \
  MB "$bin" -q parse "$files_arg"
read -r w2 c2 m2 < <(best_wall jobs2 "$bin" -q parse --jobs 2 "${files[@]}")
bench_result html "svcdesc parse --jobs 2" "$w2" "$c2" "$m2" "$pages" pages "$bin" -q parse --jobs 2 "$files_arg"
cmp -s "$tmp/jobs1.out" "$tmp/jobs2.out" || die "--jobs 2 output differs from --jobs 1"
[[ $(wc -l <"$tmp/jobs1.out") -eq $pages ]] || die "svcdesc parse did not give one record per page"
read -r wl cl ml < <(best_wall lxml "$python" "$here/html_lxml.py" "${files[@]}")
bench_result html "html_lxml.py (Python, lxml)" "$wl" "$cl" "$ml" "$pages" pages "$python" "$here/html_lxml.py" "$files_arg"
read -r wb cb mb < <(best_wall bs4 "$python" "$here/html_bs4.py" "${files[@]}")
bench_result html "html_bs4.py (Python, BeautifulSoup 4, lxml builder)" "$wb" "$cb" "$mb" "$pages" pages \
  "$python" "$here/html_bs4.py" "$files_arg"

printf '%-36s %7s %7s %8s %9s\n' "" "wall s" "cpu s" "MB/s" "pages/s"
row "svcdesc parse --jobs 1" "$w1" "$c1"
row "svcdesc parse --jobs 2" "$w2" "$c2"
row "html_lxml.py (Python, lxml)" "$wl" "$cl"
row "html_bs4.py (Python, bs4 + lxml)" "$wb" "$cb"
awk -v a="$w1" -v b="$w2" -v l="$wl" -v s="$wb" 'BEGIN {
  printf "--jobs 2 speed-up: %.2fx; svcdesc --jobs 1 against lxml: %.1fx the pages/s, against bs4: %.1fx\n",
    a / b, l / a, s / a }'
echo "(--jobs 2 output byte-identical to --jobs 1: yes)"
printf 'peak RSS: svcdesc --jobs 1 %d KiB, --jobs 2 %d KiB, lxml %d KiB, bs4 %d KiB\n' "$m1" "$m2" "$ml" "$mb"
echo
echo "in one process, pages in memory, thread CPU time (svcdesc_html_bench):"
"$build/bench/svcdesc_html_bench" --runs "$runs" "${files[@]}" | sed 's/^/  /'
echo
echo "accuracy of html_lxml.py against svcdesc (same pages, same fields):"
"$python" "$here/html_fields.py" compare "$tmp/jobs1.out" "$tmp/lxml.out"
echo "accuracy of html_bs4.py against svcdesc (same pages, same fields):"
"$python" "$here/html_fields.py" compare "$tmp/jobs1.out" "$tmp/bs4.out"
echo "html_bs4.py output identical to html_lxml.py's: $(cmp -s "$tmp/lxml.out" "$tmp/bs4.out" && echo yes || echo NO)"
