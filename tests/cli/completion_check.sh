#!/usr/bin/env bash
# bash completion of svcdesc, from the script `svcdesc completion bash` prints: a subcommand, a
# flag of a subcommand, the values of a format option and of a positional argument.
#   completion_check.sh SVCDESC SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
script=$("$bin" completion bash) || { echo "svcdesc completion bash failed"; exit 1; }
eval "$script" || { echo "the script does not load in bash"; exit 1; }
complete -p svcdesc >/dev/null || { echo "no completion registered for svcdesc"; exit 1; }

failures=0
# expect "WORDS..." "EXPECTED REPLIES": completes the last word of WORDS.
expect() {
  local line=$1 want=$2
  read -r -a COMP_WORDS <<<"$line"
  [[ $line == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _svcdesc
  local got="${COMPREPLY[*]}"
  if [[ $got != "$want" ]]; then
    echo "completing '$line': expected '$want', got '$got'"
    failures=$((failures + 1))
  fi
}

expect "svcdesc va" "validate"
expect "svcdesc --color never st" "stale"
expect "svcdesc export --ex" "--excel-safe"
expect "svcdesc parse --input-f" "--input-format"
expect "svcdesc export -f " "ndjson json csv tsv xml hsds cpsv-ap schema.org"
expect "svcdesc export --format c" "csv cpsv-ap"
expect "svcdesc diff --format p" "patch"
expect "svcdesc --color a" "auto always"
expect "svcdesc completion f" "fish"
expect "svcdesc validate tests/cli/inputs/diff/make_in" "tests/cli/inputs/diff/make_inputs.py"
expect "svcdesc parse --source-url " ""
[[ $failures -eq 0 ]] || exit 1
echo "bash completion: all cases pass"
