#!/usr/bin/env python3
"""Makes the OLD and NEW record sets of bench/diff_bench.sh, and the same records as CSV.

  bench/diff_make_sets.py --in records.ndjson --out DIR [--seed 1] [--no-csv]

records.ndjson is the output of bench/gen_records.py (distinct ids). DIR/old.ndjson is those records
as they are; DIR/new.ndjson is a night later: 1 % of the records removed, 1 % added (copies with
fresh ids and titles), and 5 % changed: a new title, the cost type turned, a new description, a
municipality added, or only `updated` moved (one of the five each), every changed record with a new
source.sha256 as a re-fetched page has. DIR/old.csv and DIR/new.csv hold the same records flattened
to one row each (id, lang, kind, title, organisation, municipalities, languages, cost, evidence,
updated, description, file, sha256), for daff and miller, which compare tables keyed by id; every
change above shows in a column, so each tool must find the same 7 % of the records. DIR/expected.txt
holds the counts. Python 3 standard library only; the output depends only on the input and the seed.
"""
import argparse
import csv
import hashlib
import json
import random

HEADER = ["id", "lang", "kind", "title", "organisation", "municipalities", "languages", "cost",
          "evidence", "updated", "description", "file", "sha256"]


def flat(r):
    return [r["id"], r["lang"], r["kind"], r["title"], r["organisation"].get("name", ""),
            ";".join(m["code"] for m in r["area"]["municipalities"]), ";".join(r["languages"]),
            r["cost"]["type"], r["cost"]["evidence"], r.get("updated") or "",
            r["sections"][0]["text"], r["source"].get("file", ""), r["source"]["sha256"]]


def change(r, rnd):
    what = rnd.randrange(5)
    if what == 0:
        r["title"] += ", päivitetty"
    elif what == 1:
        r["cost"]["type"] = "charged" if r["cost"]["type"] != "charged" else "free"
    elif what == 2:
        r["sections"][0]["text"] += " Palvelu on siirtynyt hyvinvointialueelle."
    elif what == 3:
        r["area"]["type"] = "limited"
        r["area"]["municipalities"].append({"code": "999", "name": "Uusikunta"})
    if what == 4 or rnd.random() < 0.5:
        r["updated"] = "2026-11-%02d" % rnd.randint(1, 22)
        r["dates"]["updated"] = r["updated"]
    r["source"]["sha256"] = hashlib.sha256(r["source"]["sha256"].encode()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="inp", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-csv", action="store_true")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    counts = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
    csv_mode = "w" if not a.no_csv else None
    with open(a.inp, encoding="utf-8") as f, \
         open(a.out + "/old.ndjson", "w", encoding="utf-8") as on, \
         open(a.out + "/new.ndjson", "w", encoding="utf-8") as nn, \
         open(a.out + "/old.csv" if csv_mode else "/dev/null", "w", encoding="utf-8", newline="") as oc, \
         open(a.out + "/new.csv" if csv_mode else "/dev/null", "w", encoding="utf-8", newline="") as nc:
        ow, nw = csv.writer(oc), csv.writer(nc)
        ow.writerow(HEADER)
        nw.writerow(HEADER)
        for n, line in enumerate(f):
            on.write(line)
            r = json.loads(line)
            if csv_mode:
                ow.writerow(flat(r))
            x = rnd.random()
            if x < 0.01:
                counts["removed"] += 1
                continue
            if x < 0.02:  # added: a copy with a fresh id, next to the original
                c = json.loads(line)
                c["id"] = "ffffffff-0000-4000-8000-%012x" % n
                c["title"] += " (uusi)"
                nn.write(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n")
                if csv_mode:
                    nw.writerow(flat(c))
                counts["added"] += 1
                counts["unchanged"] += 1
                nn.write(line)
                if csv_mode:
                    nw.writerow(flat(r))
                continue
            if x < 0.07:
                change(r, rnd)
                counts["changed"] += 1
                line = json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
            else:
                counts["unchanged"] += 1
            nn.write(line)
            if csv_mode:
                nw.writerow(flat(r))
    with open(a.out + "/expected.txt", "w") as f:
        f.write("%(added)d added, %(removed)d removed, %(changed)d changed, %(unchanged)d unchanged\n"
                % counts)


main()
