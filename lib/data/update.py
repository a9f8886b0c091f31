#!/usr/bin/env python3
"""Rebuild lib/data/*.csv from the official reference data in ../shared/data/fi-reference.

Run from the repository root: python3 lib/data/update.py [REFERENCE_DIR]
The outputs are committed; the build embeds them and never reads the reference directory.
"""
import csv
import json
import shutil
import sys
from pathlib import Path

ref = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/fi-reference")
out = Path(__file__).resolve().parent


def load(path):
    return json.loads(path.read_text(encoding="utf-8-sig"))


def write(name, header, rows):
    with open(out / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


shutil.copyfile(ref / "municipalities_2025.csv", out / "municipalities.csv")
shutil.copyfile(ref / "abolished_municipalities.csv", out / "abolished_municipalities.csv")
shutil.copyfile(ref / "wellbeing_services_counties.csv", out / "wellbeing_services_counties.csv")

names = {}
for lang in ("fi", "sv", "en"):
    for item in load(ref / f"statfi/maakunta_1_20250101_{lang}.json"):
        names.setdefault(item["code"], {})[lang] = item["classificationItemNames"][0]["name"]
write("regions.csv", ["code", "name_fi", "name_sv", "name_en"],
      [[code, n["fi"], n["sv"], n["en"]] for code, n in sorted(names.items())])

write("languages.csv", ["code", "name_fi", "name_sv", "name_en"],
      [[l["code"], l["fi"], l["sv"], l["en"]] for l in load(ref / "ptv/LanguageCodes.json")])

rows = []
for kind in ("ServiceType", "ServiceFundingType", "AreaInformationType", "ServiceChargeType",
             "AreaType", "OrganizationType"):
    for item in load(ref / f"ptv/types/{kind}.json"):
        code = item.get("Code") or item.get("code")
        by_lang = {(n.get("Language") or n.get("language")): n["Name"] for n in item.get("Names") or item.get("names", [])}
        rows.append([kind, code, by_lang.get("fi", ""), by_lang.get("sv", ""), by_lang.get("en", "")])
write("ptv_codes.csv", ["list", "code", "name_fi", "name_sv", "name_en"], rows)
