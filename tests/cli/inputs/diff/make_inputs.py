#!/usr/bin/env python3
"""Writes the inputs of the diff_* golden tests from samples/*.ndjson (run from the repository root).

old.ndjson          the seven sample records, as svcdesc parse wrote them
new.ndjson          the same set a night later: one removed, one added (a Swedish version of an
                    existing id), three changed, three changed only in ways that are not changes
new.json            new.ndjson as a pretty-printed JSON array
reformatted.ndjson  old.ndjson with only non-changes: lists reordered, whitespace, NFD text,
                    member order, volatile fields
duplicate.ndjson    old.ndjson with line 2 repeated as line 5
broken.ndjson       old.ndjson with a syntax error on line 3
"""
import glob
import json
import unicodedata

D = "tests/cli/inputs/diff/"
lines = [open(f, encoding="utf-8").readline().rstrip("\n") for f in sorted(glob.glob("samples/*.ndjson"))]
old = [json.loads(l) for l in lines]
by_title = {r["title"]: r for r in old}


def dump(r):
    return json.dumps(r, ensure_ascii=False, separators=(",", ":"))


def copy(r):
    return json.loads(json.dumps(r))


with open(D + "old.ndjson", "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")

# Non-changes, applied to every record of reformatted.ndjson and to three records of new.ndjson.
def reformat(r):
    r = copy(r)
    r["area"]["municipalities"].reverse()
    r["languages"].reverse()
    for s in r["sections"]:
        s["text"] = "  " + s["text"].replace(". ", ".  \n", 3) + " "
        s["text"] = unicodedata.normalize("NFD", s["text"])
    r["source"]["fetched_at"] = "2026-11-23T02:00:00Z"
    r["source"]["sha256"] = "0" * 64
    for p in r["provenance"].values():
        p["line"] += 2
    return dict(reversed(list(r.items())))


with open(D + "reformatted.ndjson", "w", encoding="utf-8") as f:
    for r in old:
        f.write(dump(reformat(r)) + "\n")

new = []
for r in old:
    t = r["title"]
    if t.startswith("Lasten") or r["id"].startswith("2271467b"):
        continue  # removed
    r = copy(r)
    if r["id"].startswith("a4cdb1da"):
        r["title"] = "Perhekeskus Kaisla, Kajaani"  # content changed, updated did not move
    elif r["id"].startswith("fc517f11"):
        r["updated"] = "2025-03-01"  # updated moved alone
        r["dates"]["updated"] = "2025-03-01"
        r["source"]["sha256"] = "1" * 64
    elif r["id"].startswith("1d039710"):
        r["updated"] = "2026-10-01"
        r["dates"]["updated"] = "2026-10-01"
        r["cost"]["type"] = "charged"
        r["area"]["municipalities"].append({"code": "749", "name": "Siilinjärvi"})
        for s in r["sections"]:
            if s["kind"] == "conditions":
                s["text"] += "\n\nPalvelu on maksullinen 1.1.2027 alkaen."
    else:
        r = reformat(r)
    new.append(r)
sv = copy(by_title["Perhetyö"])
sv["lang"] = "sv"
sv["title"] = "Familjearbete"
sv["source"]["file"] = "samples/suomifi-sv-perhetyo.txt"
new.append(sv)

with open(D + "new.ndjson", "w", encoding="utf-8") as f:
    for r in new:
        f.write(dump(r) + "\n")
with open(D + "new.json", "w", encoding="utf-8") as f:
    json.dump(new, f, ensure_ascii=False, indent=2)
    f.write("\n")

dup = lines[:4] + [lines[1]] + lines[4:]
with open(D + "duplicate.ndjson", "w", encoding="utf-8") as f:
    f.write("\n".join(dup) + "\n")
broken = list(lines)
broken[2] = broken[2].replace('"kind":', '"kind"', 1)
with open(D + "broken.ndjson", "w", encoding="utf-8") as f:
    f.write("\n".join(broken) + "\n")
