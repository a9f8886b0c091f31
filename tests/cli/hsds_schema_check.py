#!/usr/bin/env python3
"""The real binary's HSDS output checked against the official HSDS 3.0 schema.

    hsds_schema_check.py BINARY SOURCE_DIR

- `svcdesc export -f hsds` on every record of samples/ (and tests/cli/inputs/export/formula.ndjson):
  each service must validate against schemas/hsds/service_with_definitions.json (the official
  compiled HSDS 3.0 service schema, see its README), formats included: uuid, date-time and email
  by jsonschema's format checker, uri by a check of our own (jsonschema needs the rfc3987 package
  for it).
- `svcdesc diff -f hsds-metadata`, keyed by id (both ways, for create and delete rows) and by
  organisation.name and title (a key without the id): each row must validate against
  the official metadata schema (#/definitions/metadata of the same file) and use only its
  property names.
- Negative controls: a wrong status, a non-UUID id and a metadata row with a misspelt property
  must be rejected, so a schema that accepted anything would fail here.
"""
import copy
import json
import re
import subprocess
import sys
from pathlib import Path

try:
    import jsonschema
except ImportError:
    print("python3 has no jsonschema: apt-get install python3-jsonschema")
    sys.exit(1)

SCHEMA = "schemas/hsds/service_with_definitions.json"
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")  # RFC 3986 absolute URI, loosely


def run(binary, source_dir, *args):
    p = subprocess.run([binary, *args], cwd=source_dir, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def validator_for(schema):
    checker = jsonschema.FormatChecker()
    checker.checks("uri")(lambda v: not isinstance(v, str) or bool(URI.match(v)))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    return cls(schema, format_checker=checker)


def report(what, errors):
    for e in errors:
        where = "/".join(str(p) for p in e.absolute_path)
        print(f"{what}: /{where}: {e.message}")
    return len(errors)


def main():
    binary, source_dir = sys.argv[1], Path(sys.argv[2])
    schema = json.loads((source_dir / SCHEMA).read_text(encoding="utf-8"))
    service = validator_for(schema)
    metadata_schema = dict(schema["definitions"]["metadata"], definitions=schema["definitions"])
    metadata = validator_for(metadata_schema)
    failures = 0

    samples = (source_dir / "samples").glob("*.ndjson")
    inputs = sorted(str(p.relative_to(source_dir)) for p in samples)
    inputs.append("tests/cli/inputs/export/formula.ndjson")
    code, out, err = run(binary, source_dir, "export", "-f", "hsds", *inputs)
    if code != 0:
        print(f"export failed ({code}): {err}")
        return 1
    services = json.loads(out)
    expected = sum(1 for f in inputs for line in (source_dir / f).read_text().splitlines() if line)
    if len(services) != expected:
        print(f"{len(services)} services for {expected} records")
        failures += 1
    for s in services:
        failures += report(f"service {s.get('id')}", list(service.iter_errors(s)))

    # Negative controls on a copy of the first service.
    broken = copy.deepcopy(services[0])
    broken["status"] = "open"
    if service.is_valid(broken):
        print("a status outside the enum was accepted")
        failures += 1
    broken = copy.deepcopy(services[0])
    broken["service_areas"][0]["id"] = "area-1"
    if service.is_valid(broken):
        print("a service_area id that is not a UUID was accepted")
        failures += 1

    allowed = set(schema["definitions"]["metadata"]["properties"])
    rows = []
    old, new = "tests/cli/inputs/diff/old.ndjson", "tests/cli/inputs/diff/new.ndjson"
    runs = (("id,lang", old, new), ("id,lang", new, old),
            ("organisation.name,title,lang", old, new))
    for key, a, b in runs:
        code, out, err = run(binary, source_dir, "diff", "-f", "hsds-metadata", "--as-of",
                             "2026-11-23", "--key", key, a, b)
        if code not in (0, 1):
            print(f"diff --key {key} {a} {b} failed ({code}): {err}")
            return 1
        rows += [json.loads(line) for line in out.splitlines()]
    if not rows:
        print("diff wrote no metadata rows")
        failures += 1
    for r in rows:
        failures += report(f"metadata row {r.get('id')}", list(metadata.iter_errors(r)))
        if set(r) - allowed:
            print(f"metadata row {r.get('id')}: not HSDS properties: {sorted(set(r) - allowed)}")
            failures += 1
    actions = {r["last_action_type"] for r in rows}
    if not {"create", "update", "delete"} <= actions:
        print(f"the test input should give create, update and delete rows, not only {actions}")
        failures += 1
    broken = dict(rows[0])
    broken["replacement"] = broken.pop("replacement_value")
    if metadata.is_valid(broken):
        print("a metadata row without replacement_value was accepted")
        failures += 1

    print(f"{len(services)} services, {len(rows)} metadata rows, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
