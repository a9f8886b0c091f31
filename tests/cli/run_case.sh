#!/usr/bin/env bash
# Runs one golden CLI case: the real binary with the arguments of a case, compared with the
# expected standard output, standard error and exit status.
#
#   run_case.sh BINARY SOURCE_DIR ARGS_FILE EXPECTED_STDOUT EXPECTED_STDERR EXPECTED_EXIT
#
# ARGS_FILE holds the command line after the program name, as bash words (redirections allowed),
# after optional NAME=VALUE words for the environment;
# it runs in SOURCE_DIR with $TMP pointing at a fresh temporary directory. With
# SVCDESC_UPDATE_GOLDEN=1 the expected files are rewritten from what the binary did; review the
# diff before committing.
set -u
binary=$1 source_dir=$2 args_file=$3 want_out=$4 want_err=$5 want_exit=$6

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export TMP LC_ALL=C TZ=UTC NO_COLOR=1
unset SVCDESC_CONFIG SVCDESC_REFDATA
# No configuration file of the person running the tests: an empty XDG directory.
export XDG_CONFIG_HOME=$TMP/config

cd "$source_dir" || exit 2
SVCDESC=$binary
args=$(<"$args_file")
# Leading NAME=VALUE words are set in the environment: "SVCDESC_REFDATA=dir refdata".
while [[ $args =~ ^([A-Z_]+=[^\ ]*)\ (.*)$ ]]; do
    export "${BASH_REMATCH[1]}"
    args=${BASH_REMATCH[2]}
done
timeout 60 bash -c "\"\$0\" $args" "$SVCDESC" >"$TMP/stdout" 2>"$TMP/stderr" </dev/null
echo $? >"$TMP/exit"
# Paths of the temporary directory are not stable; show them as $TMP.
sed -i "s|$TMP|\$TMP|g" "$TMP/stdout" "$TMP/stderr"

if [ "${SVCDESC_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$TMP/stdout" "$want_out"
    cp "$TMP/stderr" "$want_err"
    cp "$TMP/exit" "$want_exit"
    echo "updated golden files for $args_file"
    exit 0
fi

status=0
for stream in stdout stderr exit; do
    case $stream in stdout) want=$want_out ;; stderr) want=$want_err ;; exit) want=$want_exit ;; esac
    if [ ! -f "$want" ]; then
        echo "missing golden file $want (run with SVCDESC_UPDATE_GOLDEN=1)"
        status=1
        continue
    fi
    if ! diff -u "$want" "$TMP/$stream" >"$TMP/diff"; then
        echo "--- $stream differs for: svcdesc $args"
        head -c 20000 "$TMP/diff"
        status=1
    fi
done
exit $status
