#!/usr/bin/env python3
"""Replicates NDJSON records to an exact count, each copy with a distinct id, for bench/validate_bench.sh.

The input is the output of `svcdesc parse`: one record a line, each starting with
{"schema_version":1,"id":"<uuid>",. Copy k of the records goes out in input order, cycling, and only
the value of that first "id" changes: it becomes a UUID-shaped string made from the copy number, so
that the records differ only in their id and no two records share one (duplicate-id findings would
otherwise dominate the report). Every other byte of a record is kept, so the records a validator sees
are those `svcdesc parse` wrote.

It writes up to three forms of the same records, all from one pass:

  --ndjson FILE      one record a line (what `svcdesc validate` reads);
  --chunks DIR       DIR/chunk-NNNNN.json, JSON arrays of --chunk-size records each (for
                     `ajv validate` with a schema for an array of records);
  --files DIR        DIR/NNNNNN.json, one record per file (for `ajv validate` with the record schema).

The output depends only on the input and the arguments. Python 3 standard library only.

  bench/replicate_records.py --in parsed.ndjson --count 100000 --ndjson records.ndjson
"""

import argparse
import os
import shutil
import sys

PREFIX = b'{"schema_version":1,"id":"'
UUID_LEN = 36


def fresh_id(n):
    """A lower-case, version-4-shaped UUID whose last 12 hex digits are the copy number n: distinct
    for every n below 2**48, and the same on every run."""
    mix = (n * 0x9E3779B1) & 0xFFFFFFFF
    return "%08x-%04x-4%03x-8%03x-%012x" % (mix, (mix ^ (mix >> 13)) & 0xFFFF, n & 0xFFF, (n >> 12) & 0xFFF, n)


def reset_dir(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--in", dest="inp", required=True, help="NDJSON records from svcdesc parse")
    ap.add_argument("--count", type=int, required=True, help="number of records to write")
    ap.add_argument("--ndjson", help="write the records here, one a line")
    ap.add_argument("--chunks", help="write JSON arrays of --chunk-size records into this directory")
    ap.add_argument("--chunk-size", type=int, default=1000)
    ap.add_argument("--files", help="write one record per file into this directory")
    args = ap.parse_args()

    with open(args.inp, "rb") as f:
        lines = [l for l in f.read().split(b"\n") if l]
    if not lines:
        sys.exit("replicate_records.py: error: no records in " + args.inp)
    for i, line in enumerate(lines):
        if not line.startswith(PREFIX) or line[len(PREFIX) + UUID_LEN:len(PREFIX) + UUID_LEN + 2] != b'",':
            sys.exit("replicate_records.py: error: %s:%d: the record does not start with "
                     '{"schema_version":1,"id":"<uuid>",' % (args.inp, i + 1))

    nd = open(args.ndjson, "wb") if args.ndjson else None
    if args.chunks:
        reset_dir(args.chunks)
    if args.files:
        reset_dir(args.files)
    chunk = None
    for n in range(args.count):
        line = lines[n % len(lines)]
        rec = PREFIX + fresh_id(n).encode() + line[len(PREFIX) + UUID_LEN:]
        if nd:
            nd.write(rec + b"\n")
        if args.chunks:
            if n % args.chunk_size == 0:
                if chunk:
                    chunk.write(b"\n]\n")
                    chunk.close()
                chunk = open(os.path.join(args.chunks, "chunk-%05d.json" % (n // args.chunk_size)), "wb")
                chunk.write(b"[\n")
            else:
                chunk.write(b",\n")
            chunk.write(rec)
        if args.files:
            with open(os.path.join(args.files, "%06d.json" % n), "wb") as f:
                f.write(rec + b"\n")
    if chunk:
        chunk.write(b"\n]\n")
        chunk.close()
    if nd:
        nd.close()


if __name__ == "__main__":
    main()
