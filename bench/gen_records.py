#!/usr/bin/env python3
"""Writes COUNT short, realistic records (about 580 bytes each, the size of the issue's corpus:
100,000 records = 58 MB) for bench/diff_bench.sh and bench/export_bench.sh.

  bench/gen_records.py --count 100000 [--seed 1] [--samples samples] > records.ndjson

Each record starts from one of the sample records (samples/*.ndjson, the expected output of
`svcdesc parse` on real pages) and keeps its shape and field order: lang, kind, organisation,
languages, cost, source. It then varies what differs from service to service: a distinct id, the
title (with a place name), up to three municipalities (with their official codes), the dates, a
description of one to three sentences cut from the sample's own section text, the source file
and its SHA-256. Provenance and warnings are left empty and only one section is kept, which is
what makes the records short. The output depends only on the samples, the count and the seed;
Python 3 standard library only.
"""
import argparse
import glob
import hashlib
import json
import os
import random
import re

MUNICIPALITIES = [("091", "Helsinki"), ("049", "Espoo"), ("092", "Vantaa"), ("837", "Tampere"),
                  ("853", "Turku"), ("564", "Oulu"), ("297", "Kuopio"), ("179", "Jyväskylä"),
                  ("398", "Lahti"), ("286", "Kouvola"), ("075", "Hamina"), ("405", "Lappeenranta"),
                  ("167", "Joensuu"), ("698", "Rovaniemi"), ("905", "Vaasa"), ("272", "Kokkola"),
                  ("609", "Pori"), ("109", "Hämeenlinna"), ("491", "Mikkeli"), ("743", "Seinäjoki")]


def fresh_id(n):
    """A version-4-shaped UUID made from n: distinct for every n below 2**48, the same every run."""
    mix = (n * 0x9E3779B1) & 0xFFFFFFFF
    return "%08x-%04x-4%03x-8%03x-%012x" % (mix, (mix ^ (mix >> 13)) & 0xFFFF, n & 0xFFF,
                                            (n >> 12) & 0xFFF, n)


def load_samples(folder):
    samples = []
    for path in sorted(glob.glob(os.path.join(folder, "*.ndjson"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                text = " ".join(s["text"] for s in r["sections"])
                sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if 20 <= len(s) <= 90]
                if sentences:
                    samples.append((r, sentences))
    return samples


def make(n, rnd, samples):
    template, sentences = samples[rnd.randrange(len(samples))]
    r = json.loads(json.dumps(template))
    places = rnd.sample(MUNICIPALITIES, rnd.choice((0, 1, 1, 1, 2)))
    r["id"] = fresh_id(n)
    r["title"] = template["title"] + (" – " + places[0][1] if places else "")
    org = r["organisation"]
    org.pop("id", None)
    org["producers"] = []
    org["other_responsible"] = []
    area = r["area"]
    if places:
        area["type"] = "limited"
    area["municipalities"] = [{"code": c, "name": name} for c, name in places]
    for k in ("regions", "wellbeing_services_counties", "unmatched", "mentioned"):
        area[k] = []
    area.pop("stated_count", None)
    day = "20%02d-%02d-%02d" % (rnd.randint(18, 26), rnd.randint(1, 12), rnd.randint(1, 28))
    r["updated"] = day
    r["dates"] = {"updated": day}
    first = rnd.randrange(len(sentences))
    text = sentences[first]
    r["sections"] = [{"kind": "description", "heading": "", "text": text}]
    r["contacts"] = []
    r["provenance"] = {}
    r["warnings"] = []
    source = r["source"]
    source.pop("refdata", None)
    source["file"] = "p%07d.txt" % n
    source.pop("format", None)
    source["sha256"] = hashlib.sha256(("%d %s" % (n, text)).encode()).hexdigest()
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--samples", default=os.path.join(os.path.dirname(__file__), "..", "samples"))
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    samples = load_samples(a.samples)
    out = open(1, "w", encoding="utf-8", closefd=False)
    for n in range(a.count):
        out.write(json.dumps(make(n, rnd, samples), ensure_ascii=False, separators=(",", ":")) + "\n")


main()
