#!/usr/bin/env python3
"""Writes a synthetic corpus of PTV Open API v11 service JSON for benchmarking `svcdesc parse`.

    bench/gen_ptv.py --services 50000 --out bench/corpus/ptv-50000 [--page-size 1000] [--seed 1]

The services come in the API's paging envelope ({"pageNumber", "pageSize", "pageCount",
"itemList"}), PAGE_SIZE services per file (page-00001.json, ...), as `GET /api/v11/Service` pages
would. Each service has the members the v11 model returns (see samples/README.md for where the
model is documented), not only those svcdesc reads: service classes, ontology terms, target
groups, life events, keywords, legislation, service channels and vouchers, so the parser has to
skip what a real response makes it skip. Texts are sentences of samples/*.txt, shuffled and
recombined; codes and names of municipalities and regions come from lib/data/. Output is
byte-identical for the same arguments and inputs. Standard library only.
"""
import argparse
import csv
import json
import os
import random
import re
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def sentences(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if len(line) < 60:
            continue
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.strip()) > 25]
    return out


def load():
    fi = []
    for name in sorted(os.listdir(os.path.join(ROOT, "samples"))):
        if name.endswith(".txt") and "-sv-" not in name and "-en-" not in name:
            fi += sentences(os.path.join(ROOT, "samples", name))
    sv = sentences(os.path.join(ROOT, "samples", "suomifi-sv-familjearbete.txt"))
    en = sentences(os.path.join(ROOT, "samples", "suomifi-en-child-benefit.txt"))
    with open(os.path.join(ROOT, "lib", "data", "municipalities.csv"), encoding="utf-8") as f:
        municipalities = list(csv.DictReader(f))
    with open(os.path.join(ROOT, "lib", "data", "regions.csv"), encoding="utf-8") as f:
        regions = list(csv.DictReader(f))
    return {"fi": fi, "sv": sv, "en": en}, municipalities, regions


def text(rng, pool, low, high):
    """Sentences from the pool, paragraphs of 2-4 sentences, between low and high characters."""
    target = rng.randint(low, high)
    paragraphs, current, size = [], [], 0
    while size < target:
        s = rng.choice(pool)
        current.append(s)
        size += len(s) + 1
        if len(current) >= rng.randint(2, 4):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def guid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def names3(rng, pools, langs):
    return [{"value": text(rng, pools[l], 10, 40)[:60], "language": l} for l in langs]


def finto(rng, pools, kind, code):
    return {"name": names3(rng, pools, ("fi", "sv", "en")), "code": code, "ontologyType": kind,
            "uri": "http://uri.suomi.fi/codelist/ptv/%s/code/%s" % (kind.lower(), code),
            "parentId": None, "parentUri": None}


def service(rng, pools, municipalities, regions, index):
    langs = ["fi"] + (["sv"] if rng.random() < 0.5 else []) + (["en"] if rng.random() < 0.3 else [])
    org = {"id": guid(rng), "name": rng.choice(municipalities)["name_fi"] + (
        " kaupunki" if rng.random() < 0.5 else "n kunta")}
    descriptions = []
    for l in langs:
        pool = pools[l]
        descriptions.append({"value": text(rng, pool, 60, 150)[:150], "type": "Summary", "language": l})
        descriptions.append({"value": text(rng, pool, 200, 1800), "type": "Description", "language": l})
        descriptions.append({"value": text(rng, pool, 100, 700), "type": "UserInstruction", "language": l})
        if rng.random() < 0.4:
            descriptions.append({"value": text(rng, pool, 40, 300), "type": "ChargeTypeAdditionalInfo",
                                 "language": l})
        if rng.random() < 0.2:
            descriptions.append({"value": text(rng, pool, 40, 300), "type": "ProcessingTime", "language": l})
    r = rng.random()
    if r < 0.3:
        area_type, areas = "Nationwide", []
    elif r < 0.35:
        area_type, areas = "NationwideExceptAlandIslands", []
    else:
        area_type, areas = "LimitedType", []
        for m in rng.sample(municipalities, rng.randint(1, 8)):
            areas.append({"type": "Municipality", "code": m["code"],
                          "name": [{"value": m["name_fi"], "language": "fi"},
                                   {"value": m["name_sv"], "language": "sv"}],
                          "municipalities": []})
        if rng.random() < 0.2:
            reg = rng.choice(regions)
            areas.append({"type": "Region", "code": reg["code"],
                          "name": [{"value": reg["name_fi"], "language": "fi"}], "municipalities": []})
        if rng.random() < 0.1:
            ms = rng.sample(municipalities, rng.randint(3, 12))
            areas.append({"type": "HospitalDistrict", "code": str(rng.randint(1, 21)),
                          "name": [{"value": "Sairaanhoitopiiri", "language": "fi"}],
                          "municipalities": [{"code": m["code"], "name": [
                              {"value": m["name_fi"], "language": "fi"}]} for m in ms]})
    organizations = [{"roleType": "Responsible", "additionalInformation": [], "organization": org,
                      "provisionType": None}]
    organizations.append({"roleType": "Producer", "additionalInformation": [], "organization": org,
                          "provisionType": "SelfProducedServices"})
    if rng.random() < 0.2:
        organizations.append({"roleType": "OtherResponsible", "additionalInformation": [],
                              "organization": {"id": guid(rng), "name": "Kansaneläkelaitos"},
                              "provisionType": None})
    channels = []
    for _ in range(rng.randint(1, 6)):
        channels.append({
            "serviceChannel": {"id": guid(rng), "name": text(rng, pools["fi"], 10, 40)[:60]},
            "description": [], "serviceChargeType": None, "digitalAuthorizations": [],
            "serviceHours": [], "contactDetails": None,
            "modified": "2024-%02d-%02dT08:00:00Z" % (rng.randint(1, 12), rng.randint(1, 28))})
    return {
        "id": guid(rng),
        "sourceId": None,
        "type": rng.choice(["Service"] * 8 + ["PermitOrObligation", "ProfessionalQualification"]),
        "fundingType": rng.choice(["PubliclyFunded"] * 9 + ["MarketFunded"]),
        "serviceNames": [{"value": text(rng, pools[l], 10, 40)[:90], "type": "Name", "language": l}
                         for l in langs],
        "serviceChargeType": rng.choice(["FreeOfCharge", "FreeOfCharge", "Chargeable", None]),
        "areaType": area_type,
        "serviceDescriptions": descriptions,
        "languages": langs,
        "legislation": [{"names": names3(rng, pools, langs), "webPages": []}
                        for _ in range(rng.randint(0, 2))],
        "keywords": [{"value": text(rng, pools["fi"], 5, 20)[:20], "language": "fi"}
                     for _ in range(rng.randint(0, 5))],
        "requirements": [{"value": text(rng, pools[l], 50, 400), "language": l} for l in langs],
        "serviceVouchersInUse": False,
        "serviceVouchers": [],
        "versionId": guid(rng),
        "generalDescriptionId": guid(rng) if rng.random() < 0.4 else None,
        "subType": None,
        "areas": areas,
        "serviceClasses": [dict(finto(rng, pools, "PTVL", "P%d.%d" % (rng.randint(1, 27), rng.randint(1, 9))),
                                description=names3(rng, pools, ("fi", "sv", "en")))
                           for _ in range(rng.randint(1, 3))],
        "ontologyTerms": [finto(rng, pools, "YSO", "p%d" % rng.randint(1000, 30000))
                          for _ in range(rng.randint(2, 10))],
        "targetGroups": [finto(rng, pools, "KohdeRyhmat", "KR%d" % rng.randint(1, 3))
                         for _ in range(rng.randint(1, 3))],
        "lifeEvents": [finto(rng, pools, "ElamanTilanteet", "KE%d" % rng.randint(1, 14))
                       for _ in range(rng.randint(0, 2))],
        "industrialClasses": [],
        "serviceChannels": channels,
        "organizations": organizations,
        "serviceCollections": [],
        "publishingStatus": "Published" if rng.random() < 0.97 else "Archived",
        "modified": "20%02d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
            rng.randint(17, 25), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
            rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999)),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--services", type=int, default=50000)
    ap.add_argument("--page-size", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pools, municipalities, regions = load()
    os.makedirs(args.out, exist_ok=True)
    pages = (args.services + args.page_size - 1) // args.page_size
    total = 0
    for page in range(pages):
        count = min(args.page_size, args.services - page * args.page_size)
        items = [service(rng, pools, municipalities, regions, page * args.page_size + i)
                 for i in range(count)]
        envelope = {"pageNumber": page + 1, "pageSize": args.page_size, "pageCount": pages,
                    "itemList": items}
        # Compact, as the API sends it.
        data = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        total += len(data)
        with open(os.path.join(args.out, "page-%05d.json" % (page + 1)), "wb") as f:
            f.write(data)
    print("%d services in %d files, %.1f MB, %.1f KB per service" % (
        args.services, pages, total / 1e6, total / 1e3 / max(args.services, 1)))


if __name__ == "__main__":
    main()
