#!/usr/bin/env bash
# Peak memory of `svcdesc validate -` and `svcdesc export -f csv -` on a stream of NDJSON records,
# at two sizes, to show whether memory stays flat as the input grows.
#
#   bench/memory_bench.sh [SVCDESC] [LINES...]
#
# SVCDESC defaults to build/cli/svcdesc, LINES to "1000000 10000000". Builds nothing: point it at
# a Release build. The 10,000,000-line runs take minutes each (17.5 GB through a pipe per run).
#
# The records: one sample record (RECORD_LINE of RECORD, by default line 3 of
# samples/ptv-envelope-nationwide-archived.ndjson, the smallest sample record at 1.7 KB), repeated
# LINES times by a small Python generator with only its "id" changed (a distinct UUID-shaped id per
# line, so that no record is a duplicate of another), piped straight into svcdesc: no file on disk.
# Each command runs once per size under `/usr/bin/time -v`, which measures svcdesc alone (not the
# generator); the script checks what it printed (every record valid; one CSV row a record) and
# reports wall and CPU time, records/s and the peak RSS, then the peak RSS of the largest size over
# the smallest's.
#
#   validate          svcdesc validate --as-of 2026-01-01 -    every rule on, duplicate-id included:
#                                                              it keeps a table of the (id, lang)
#                                                              hashes seen, which grows with the input
#   validate-no-dups  the same with --disable duplicate-id     the stream alone
#   export            svcdesc export -f csv -                  one record at a time
#
# Environment: COMMANDS (default "validate validate-no-dups export"), RECORD, RECORD_LINE.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/cli/svcdesc}
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000)
record_file=${RECORD:-$root/samples/ptv-envelope-nationwide-archived.ndjson}
record_line=${RECORD_LINE:-3}
read -r -a commands <<<"${COMMANDS:-validate validate-no-dups export}"
as_of=2026-01-01

die() { echo "memory_bench.sh: error: $*" >&2; exit 2; }
[[ -x $bin ]] || die "$bin is not an executable; build it first (see bench/README.md)"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing; install it with: apt-get install time"
command -v python3 >/dev/null || die "python3 is missing"
[[ -f $record_file ]] || die "$record_file is missing"
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "'$n' is not a number of lines"
done
for name in "${commands[@]}"; do
  [[ $name =~ ^(validate|validate-no-dups|export)$ ]] ||
    die "unknown COMMANDS entry '$name' (validate, validate-no-dups or export)"
done

export LC_ALL=C TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

source "$here/lib.sh"

sed -n "${record_line}p" "$record_file" >"$tmp/record.ndjson"
[[ -s $tmp/record.ndjson ]] || die "$record_file has no line $record_line"
"$bin" validate -q --as-of "$as_of" "$tmp/record.ndjson" ||
  die "line $record_line of $record_file is not a valid record"
record_bytes=$(($(wc -c <"$tmp/record.ndjson") - 1))

# gen.py RECORD N: N copies of the record, copy n with the id 0000nnnn-0000-4000-8000-nnnnnnnnnnnn
# (n in hex), written 2,000 lines at a time: about 1 GB/s, faster than svcdesc reads them.
cat >"$tmp/gen.py" <<'EOF'
import sys
record, count = open(sys.argv[1], "rb").readline().rstrip(b"\n"), int(sys.argv[2])
key = b'"id":"'
at = record.index(key) + len(key)
if record[at + 36:at + 37] != b'"':
    sys.exit("gen.py: the record's first \"id\" is not a UUID")
prefix, suffix = record[:at], record[at + 36:] + b"\n"
out = sys.stdout.buffer
for start in range(0, count, 2000):
    out.write(b"".join(b"%s%08x-0000-4000-8000-%012x%s" % (prefix, n & 0xFFFFFFFF, n, suffix)
                       for n in range(start, min(start + 2000, count))))
EOF

echo "svcdesc memory benchmark: NDJSON streamed through a pipe"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
  git -C "$root" diff --quiet HEAD -- lib cli 2>/dev/null || echo ' (lib/ or cli/ modified)')"
echo "binary:  $bin ($("$bin" --version 2>/dev/null | head -n1))"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
  "$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "record:  line $record_line of ${record_file#"$root"/} ($record_bytes bytes), the id varied;" \
  "one run per command and size"
echo

# measure NAME N: one run of command NAME on N generated lines; appends a row to rows and sets
# peak_kib.
rows=()
measure() {
  local name=$1 n=$2 args check statuses wall cpu rss
  case $name in
  validate) args=(validate --as-of "$as_of" -) ;;
  validate-no-dups) args=(validate --as-of "$as_of" --disable duplicate-id -) ;;
  export) args=(export -f csv -) ;;
  esac
  echo "  $name, $n lines ..." >&2
  set +e
  python3 "$tmp/gen.py" "$tmp/record.ndjson" "$n" |
    /usr/bin/time -v -o "$tmp/time" "$bin" "${args[@]}" 2>"$tmp/err" | wc -l >"$tmp/lines"
  statuses=("${PIPESTATUS[@]}")
  set -e
  [[ ${statuses[0]} -eq 0 && ${statuses[1]} -eq 0 ]] || {
    head -n 20 "$tmp/err" >&2
    die "$name on $n lines: generator exit ${statuses[0]}, svcdesc exit ${statuses[1]}"
  }
  case $name in
  validate*) check="svcdesc: $n records: $n valid, 0 invalid; 0 errors, 0 warnings"
    grep -qxF "$check" "$tmp/err" || { head -n 20 "$tmp/err" >&2; die "$name: expected '$check'"; } ;;
  export) [[ $(cat "$tmp/lines") -eq $((n + 1)) ]] ||
    die "export: $(cat "$tmp/lines") CSV lines for $n records" ;;
  esac
  read -r wall cpu rss <<<"$(time_v_fields "$tmp/time")"
  peak_kib=$rss
  echo "  $name, $n lines: wall $wall s, cpu $cpu s, peak RSS $rss KiB" >&2
  rows+=("$(awk -v l="$name" -v n="$n" -v w="$wall" -v c="$cpu" -v r="$rss" \
    'BEGIN { if (w <= 0) w = 0.001
             printf "%-17s  %9d  %8.1f  %8.1f  %10.0f  %12.1f", l, n, w, c, n / w, r / 1024 }')")
  bench_result memory "svcdesc $name, $n lines" "$wall" "$cpu" "$rss" "$n" records \
    "python3 gen.py RECORD $n | $bin ${args[*]}"
}

declare -A first_kib last_kib
for name in "${commands[@]}"; do
  for n in "${sizes[@]}"; do
    measure "$name" "$n"
    [[ -n ${first_kib[$name]:-} ]] || first_kib[$name]=$peak_kib
    last_kib[$name]=$peak_kib
  done
done

echo
printf '%-17s  %9s  %8s  %8s  %10s  %12s\n' command lines 'wall s' 'cpu s' 'records/s' 'peak RSS MiB'
printf '%s\n' "${rows[@]}"
if [[ ${#sizes[@]} -gt 1 ]]; then
  echo
  for name in "${commands[@]}"; do
    awk -v l="$name" -v a="${first_kib[$name]}" -v b="${last_kib[$name]}" \
      -v na="${sizes[0]}" -v nb="${sizes[-1]}" 'BEGIN {
        printf "%-17s  peak RSS at %d lines / at %d lines = %.2f (%+.1f MiB, %.1f bytes a line)\n",
          l, nb, na, b / a, (b - a) / 1024, (b - a) * 1024 / (nb - na) }'
  done
fi
