#!/usr/bin/env python3
"""Makes the OLD and NEW record sets of bench/diff_bench.sh, and the same records as CSV.

  bench/diff_make_sets.py --in records.ndjson --out DIR [--seed 1]

records.ndjson is the output of bench/replicate_records.py (distinct ids). DIR/old.ndjson is those
records as they are; DIR/new.ndjson is a night later: 2 % of the records removed, 2 % added (copies
with fresh ids), 3 % with a changed title or cost, 1 % with only `updated` moved, and 5 % reformatted
(lists reordered, whitespace) so that they are not changes. DIR/old.csv and DIR/new.csv hold the same
records flattened to one row each (id, lang, kind, title, organisation, municipalities, languages,
cost, updated, sections), for daff and miller, which compare tables keyed by id. Python 3 standard
library only; the output depends only on the input and the seed.
"""
import argparse
import csv
import json
import random


def flat(r):
    org = r.get("organisation") or {}
    return [r["id"], r["lang"], r["kind"], r["title"], org.get("name", ""),
            ";".join(m["code"] for m in r["area"]["municipalities"]), ";".join(r["languages"]),
            r["cost"]["type"], r.get("updated") or "",
            "\n\n".join(s["text"] for s in r["sections"])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="inp", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    header = ["id", "lang", "kind", "title", "organisation", "municipalities", "languages", "cost",
              "updated", "sections"]
    with open(a.inp, encoding="utf-8") as f, \
         open(a.out + "/old.ndjson", "w", encoding="utf-8") as on, \
         open(a.out + "/new.ndjson", "w", encoding="utf-8") as nn, \
         open(a.out + "/old.csv", "w", encoding="utf-8", newline="") as oc, \
         open(a.out + "/new.csv", "w", encoding="utf-8", newline="") as nc:
        ow, nw = csv.writer(oc), csv.writer(nc)
        ow.writerow(header)
        nw.writerow(header)
        for n, line in enumerate(f):
            on.write(line)
            r = json.loads(line)
            ow.writerow(flat(r))
            x = rnd.random()
            if x < 0.02:
                continue  # removed
            if x < 0.04:  # added: a copy with a fresh id
                c = dict(r, id="ffffffff-0000-4000-8000-%012x" % n, title=r["title"] + " (uusi)")
                nn.write(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n")
                nw.writerow(flat(c))
            elif x < 0.07:
                r["title"] = r["title"] + ", päivitetty"
                r["cost"]["type"] = "charged" if r["cost"]["type"] != "charged" else "free"
            elif x < 0.08:
                r["updated"] = "2026-11-01"
            elif x < 0.13:
                r["area"]["municipalities"].reverse()
                r["languages"].reverse()
                for s in r["sections"]:
                    s["text"] = s["text"].replace(". ", ".  ", 2)
            nn.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
            nw.writerow(flat(r))


main()
