#!/usr/bin/env bash
# CTest's fuzz test of one target:
#   run_fuzz_test.sh BINARY NAME FUZZ_SOURCE_DIR SEEDS_DIR WORK_DIR SECONDS
# Runs every seed and every committed crash input (regressions/NAME/), then mutates for SECONDS
# from them. A crash, a sanitizer report, a leak, a timeout (10 s) or an OOM (2 GB) fails the
# test, with the input kept in WORK_DIR/NAME/ and named in the output.
set -u
bin=$1 name=$2 src=$3 seeds=$4 work=$5 seconds=$6
dir="$work/$name"
rm -rf "$dir" && mkdir -p "$dir/corpus" || exit 2
inputs=("$seeds/$name")
[ -d "$src/regressions/$name" ] && inputs+=("$src/regressions/$name")
dict=()
[ -f "$src/dict/$name.dict" ] && dict=("-dict=$src/dict/$name.dict")
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$dir/" "${dict[@]}" "$dir/corpus" "${inputs[@]}" >"$dir/log" 2>&1
status=$?
if [ $status -ne 0 ]; then
    tail -n 60 "$dir/log"
    echo "fuzz.$name: failed (exit $status); the input is in $dir/, the log in $dir/log"
    exit 1
fi
grep -E '^(#[0-9]+.*DONE|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb))' "$dir/log"
