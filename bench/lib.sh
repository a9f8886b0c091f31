# Shared by the bench/*.sh scripts: sourced, not run.
#
# The scripts print their tables for a reader; each measured command is also given to
# bench_result, which appends one tab-separated line to $BENCH_TSV when it is set (bench/run sets
# it and turns the lines into bench/results/DATE.md with the ratios):
#
#   bench  tool  wall_s  cpu_s  peak_rss_kib  units  unit  command
#
# `units` is how much work the run did in `unit`s (pages, MB, records, services), so a rate is
# units / wall_s; `command` is the exact command line, for the report.

# Field of a /usr/bin/time -v report: tv KEY FILE.
tv() { awk -v key="$1" -F': ' 'index($0, key) { print $NF; exit }' "$2"; }

# "h:mm:ss" or "m:ss.ss" to seconds.
to_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }'; }

# wall, user + system CPU and peak RSS (KiB) of a /usr/bin/time -v report: time_v_fields FILE.
time_v_fields() {
  local wall cpu rss
  wall=$(tv 'Elapsed (wall clock) time' "$1" | to_seconds)
  cpu=$(awk -v u="$(tv 'User time (seconds)' "$1")" -v s="$(tv 'System time (seconds)' "$1")" \
    'BEGIN { printf "%.2f", u + s }')
  rss=$(tv 'Maximum resident set size (kbytes)' "$1")
  echo "$wall $cpu $rss"
}

# bench_result BENCH TOOL WALL CPU RSS_KIB UNITS UNIT COMMAND...
bench_result() {
  [[ -n ${BENCH_TSV:-} ]] || return 0
  local bench=$1 tool=$2 wall=$3 cpu=$4 rss=$5 units=$6 unit=$7
  shift 7
  local cmd="$*"
  cmd=${cmd//$'\t'/ }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$bench" "$tool" "$wall" "$cpu" "${rss:-0}" "$units" \
    "$unit" "${cmd//$'\n'/ }" >>"$BENCH_TSV"
}
