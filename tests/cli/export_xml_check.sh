#!/usr/bin/env bash
# `svcdesc export -f xml` on every record of samples/ and on a purpose-built record with
# characters XML must escape, checked against schemas/record.xsd with xmllint (libxml2-utils).
#
#   export_xml_check.sh BINARY SOURCE_DIR
set -u
binary=$1 source_dir=$2
command -v xmllint >/dev/null || { echo "xmllint is missing: apt-get install libxml2-utils"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$source_dir" || exit 2
"$binary" export -f xml samples/*.ndjson tests/cli/inputs/export/formula.ndjson -o "$tmp/records.xml" || exit 1
[ "$(grep -c '<record ' "$tmp/records.xml")" -eq "$(($(cat samples/*.ndjson | wc -l) + 1))" ] ||
    { echo "not every record was exported"; exit 1; }
xmllint --noout --schema schemas/record.xsd "$tmp/records.xml" || exit 1
# An empty export is a valid document too.
"$binary" export -f xml </dev/null >"$tmp/empty.xml" || exit 1
xmllint --noout --schema schemas/record.xsd "$tmp/empty.xml"
