#!/usr/bin/env python3
"""Writes a synthetic corpus of public-service pages for the svcdesc benchmarks.

The pages imitate the text renderings in samples/: mostly suomi.fi service pages in Finnish, some in
Swedish and English, and some generic pages (news releases, ministry and joint-authority texts). The
prose is not invented: every body sentence and subheading is taken from samples/*.txt and shuffled
and recombined; municipality lists come from lib/data/municipalities.csv. Page sizes follow a
log-normal distribution clamped to 2-40 KB (most pages 3-8 KB, a thin tail of long ones), so the
corpus averages about 6-7 KB a page.

The output depends only on --seed, --pages, this file, samples/*.txt and the municipality table:
the same inputs give byte-identical files. Python 3 standard library only.

  bench/gen_corpus.py --pages 5000 --seed 1 --out bench/corpus/5000
  bench/gen_corpus.py --pages 2000 --out DIR --list DIR.list      # plus a file list for xargs
  bench/gen_corpus.py --pages 200 --out DIR --concat all.txt       # plus one concatenated file
"""

import argparse
import csv
import math
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Lines of the samples that belong to the page chrome, not to the prose pools.
CHROME = {
    "suomi.fi", "Siirry suoraan sisältöön.", "Gå direkt till innehållet.", "Go directly to contents.",
    "Toimi näin", "Kenelle ja millä ehdoin", "Tausta ja lainsäädäntö", "Perustiedot",
    "Gör så här", "För vem och på vilka villkor", "Bakgrund och lagstiftning",
    "Grundläggande information", "Instructions", "Who is it for and on what conditions",
    "Background and legislation", "Basic information", "Lisätietoja", "Lisätietoja:",
    "Uutiset", "Tiedote", "Aineistoja",
}
BASIC_PREFIXES = (
    "Vastuuorganisaatio", "Ansvarig organisation", "Responsible organisation", "Palvelun ",
    "Palvelusta vastaa", "Alue ", "Tekstistä vastaa", "Päivitetty", "Tjänsten", "Ansvarig för",
    "Område ", "Uppdaterad", "Service ", "Responsible for", "Area ", "Text by", "Updated",
    "Muokattu", "puh.", "www.", "Neuvotteleva virkamies", "Perhekeskuskoordinaattori ",
)

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ–\-0-9])")


def read_samples():
    """Pools of sentences, subheadings and bullet items per language, from samples/*.txt."""
    pools = {lang: {"sentences": [], "headings": [], "bullets": [], "conditions": [],
                    "background": [], "instructions": []} for lang in ("fi", "sv", "en")}
    sample_dir = os.path.join(ROOT, "samples")
    names = sorted(n for n in os.listdir(sample_dir) if n.endswith(".txt"))
    if not names:
        sys.exit("gen_corpus.py: error: no samples/*.txt found under " + ROOT)
    section_of_heading = {
        "Toimi näin": "instructions", "Gör så här": "instructions", "Instructions": "instructions",
        "Kenelle ja millä ehdoin": "conditions", "För vem och på vilka villkor": "conditions",
        "Who is it for and on what conditions": "conditions",
        "Tausta ja lainsäädäntö": "background", "Bakgrund och lagstiftning": "background",
        "Background and legislation": "background",
    }
    for name in names:
        lang = "sv" if name.startswith("suomifi-sv") else "en" if name.startswith("suomifi-en") else "fi"
        pool = pools[lang]
        with open(os.path.join(sample_dir, name), encoding="utf-8") as f:
            lines = [l.rstrip() for l in f.read().split("\n")]
        section = "sentences"
        past_title = not name.startswith("suomifi-")
        for line in lines:
            text = line.strip()
            if not text:
                continue
            if text in section_of_heading:
                section = section_of_heading[text]
                continue
            if text in ("Perustiedot", "Grundläggande information", "Basic information"):
                break
            if text in CHROME or text.startswith(BASIC_PREFIXES):
                continue
            if line.startswith("  •"):
                item = text.lstrip("• ").strip()
                if not name.startswith("suomifi-"):
                    pool["bullets"].append(item)
                past_title = True
                continue
            if not past_title:
                continue  # the suomi.fi title, before the chips
            if len(text) < 70 and not text.endswith("."):
                pool["headings"].append(text.rstrip(":"))
                section = "sentences"
                continue
            target = pool[section] if section != "sentences" else pool["sentences"]
            target.extend(s.strip() for s in SENTENCE_END.split(text) if len(s.strip()) > 2)
    for lang, pool in pools.items():
        for key, items in pool.items():
            # Keep first occurrences in order, so the pools never depend on hash randomisation.
            pool[key] = list(dict.fromkeys(items))
        if not pool["sentences"]:
            sys.exit("gen_corpus.py: error: no {} sentences in samples/".format(lang))
    return pools


def read_municipalities():
    path = os.path.join(ROOT, "lib", "data", "municipalities.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    counties = {}
    for row in rows:
        counties.setdefault(row["hyvinvointialue_code"], []).append(row)
    return rows, [counties[k] for k in sorted(counties)]


# Service titles and organisations in the style of the suomi.fi pages.
TITLES = {
    "fi": ["Perhetyö", "Sosiaalihuollon vertaistukitoiminta", "Lapsiperheiden kotipalvelu",
           "Perheneuvola", "Kasvatus- ja perheneuvonta", "Äitiysneuvola", "Lastenneuvola",
           "Perhekeskus", "Ehkäisevä perhetyö", "Lastensuojelun perhetyö", "Perheohjaus",
           "Avoin varhaiskasvatus", "Perhekahvila", "Vanhemmuuden tuki", "Eroperheiden tuki",
           "Perheasioiden sovittelu", "Kouluterveydenhuolto", "Opiskeluterveydenhuolto",
           "Lapsen puheterapia", "Perhevalmennus", "Kohtaamispaikkatoiminta",
           "Lapsiperheiden sosiaalityö", "Tukihenkilötoiminta", "Perheterapia"],
    "sv": ["Familjearbete", "Hemservice för barnfamiljer", "Familjerådgivning", "Mödrarådgivning",
           "Barnrådgivning", "Familjecenter", "Stödperson för barn", "Familjeträffar"],
    "en": ["Child benefit", "Family work", "Home help for families with children",
           "Family counselling", "Maternity clinic", "Child health clinic", "Family centre"],
}
CITY_ORGS = [("Kuopion kaupunki", "Kuopio"), ("Helsingin kaupunki", "Helsinki"),
             ("Espoon kaupunki", "Espoo"), ("Vantaan kaupunki", "Vantaa"),
             ("Tampereen kaupunki", "Tampere"), ("Turun kaupunki", "Turku"),
             ("Oulun kaupunki", "Oulu"), ("Jyväskylän kaupunki", "Jyväskylä"),
             ("Lahden kaupunki", "Lahti"), ("Porin kaupunki", "Pori"),
             ("Kouvolan kaupunki", "Kouvola"), ("Kauhavan kaupunki", "Kauhava")]
CITY_ORGS_SV = [("Esbo stad", "Esbo"), ("Helsingfors stad", "Helsingfors"),
                ("Vasa stad", "Vasa"), ("Åbo stad", "Åbo"), ("Borgå stad", "Borgå")]
NATIONWIDE_ORGS = {"fi": "Kansaneläkelaitos", "sv": "Folkpensionsanstalten",
                   "en": "The Social Insurance Institution of Finland (Kela)"}

LABELS = {
    "fi": dict(skip="Siirry suoraan sisältöön.", org="Vastuuorganisaatio", service="Palvelu",
               public="Julkinen palvelu", private="Yksityinen palvelu", count="{} kuntaa",
               nationwide="Koko maa", instructions="Toimi näin",
               conditions="Kenelle ja millä ehdoin", background="Tausta ja lainsäädäntö",
               basic="Perustiedot", producer="Palvelun toteuttaa", responsible="Palvelusta vastaa",
               area="Alue ", lang1="Palvelun kieli", langn="Palvelun kielet",
               text_by="Tekstistä vastaa: ", updated="Päivitetty: ",
               languages=["suomi", "ruotsi", "englanti", "pohjoissaame"]),
    "sv": dict(skip="Gå direkt till innehållet.", org="Ansvarig organisation", service="Tjänst",
               public="Offentlig tjänst", private="Privat tjänst", count="{} kommuner",
               nationwide="Hela landet", instructions="Gör så här",
               conditions="För vem och på vilka villkor", background="Bakgrund och lagstiftning",
               basic="Grundläggande information", producer="Tjänsten produceras av",
               responsible="Ansvarig för tjänsten", area="Område ", lang1="Tjänstens språk",
               langn="Tjänstens språk", text_by="Ansvarig för texten: ", updated="Uppdaterad: ",
               languages=["finska", "svenska", "engelska", "nordsamiska"]),
    "en": dict(skip="Go directly to contents.", org="Responsible organisation", service="Service",
               public="Public service", private="Private service", count="{} municipalities",
               nationwide="Nationwide", instructions="Instructions",
               conditions="Who is it for and on what conditions",
               background="Background and legislation", basic="Basic information",
               producer="Service provided by", responsible="Responsible for the service",
               area="Area ", lang1="Service language", langn="Service languages",
               text_by="Text by: ", updated="Updated: ",
               languages=["Finnish", "Swedish", "English", "Northern Sami"]),
}

COSTS = {
    "fi": ["Palvelu on maksuton.", "Palvelu on asiakkaalle maksuton.", "Palvelu on maksullinen.",
           "Palvelusta peritään asiakasmaksulain mukainen maksu.",
           "Asiakasmaksu on {e},{c:02d} euroa käynniltä.", "Kotikäynnin hinta on {e} €/tunti.",
           "Maksu määräytyy perheen tulojen mukaan, enintään {e} euroa kuukaudessa."],
    "sv": ["Tjänsten är avgiftsfri.", "Familjearbetet är avgiftsfritt för familjen.",
           "För hemservice tas en avgift ut enligt avgiftstabellen, {e} euro per besök.",
           "Avgiften är {e},{c:02d} euro per timme."],
    "en": ["The service is free of charge.", "Applying for the benefit is free of charge.",
           "The fee is EUR {e} per visit.", "A client fee of EUR {e}.{c:02d} is charged per hour."],
}


def pick_size(rng):
    """Target page size in bytes: log-normal around 5 KB, clamped to 2-40 KB, 3 % long pages."""
    if rng.random() < 0.03:
        return rng.randint(20_000, 40_000)
    return int(min(40_000, max(2_000, rng.lognormvariate(math.log(5_000), 0.55))))


def paragraph(rng, sentences, low=1, high=5):
    k = min(len(sentences), rng.randint(low, high))
    return " ".join(rng.sample(sentences, k))


def body(rng, pool, budget, headings=True, bullets=True):
    """Paragraphs (and now and then a subheading or a bullet list) up to `budget` bytes."""
    out = []
    size = 0
    while size < budget:
        r = rng.random()
        if headings and pool["headings"] and r < 0.12:
            block = rng.choice(pool["headings"])
        elif bullets and pool["bullets"] and r < 0.18:
            items = rng.sample(pool["bullets"], min(len(pool["bullets"]), rng.randint(2, 7)))
            block = "\n".join("  • " + item for item in items)
        else:
            block = paragraph(rng, pool["sentences"])
        out.append(block)
        size += len(block.encode("utf-8")) + 2
    return out


def date(rng, lang):
    y, m, d = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    return "{}/{}/{}".format(d, m, y) if lang == "en" else "{}.{}.{}".format(d, m, y)


def cost_sentence(rng, lang):
    return rng.choice(COSTS[lang]).format(e=rng.randint(5, 60), c=rng.choice([0, 50, 80]))


def name_key(lang):
    return {"fi": "name_fi", "sv": "name_sv", "en": "name_en"}[lang]


def join_names(names, lang, rng):
    if len(names) > 1 and lang != "fi" and rng.random() < 0.5:
        word = {"sv": " och ", "en": " and "}[lang]
        return ", ".join(names[:-1]) + word + names[-1]
    return ", ".join(names)


def suomifi_page(rng, lang, pools, municipalities, counties):
    L = LABELS[lang]
    pool = pools[lang]
    # Who runs it and where: a city, a wellbeing services county (all or part of its
    # municipalities), or the whole country.
    r = rng.random()
    if r < 0.08:
        org = NATIONWIDE_ORGS[lang]
        chip_area, area = L["nationwide"], L["nationwide"]
    elif r < 0.45:
        org, town = rng.choice(CITY_ORGS_SV if lang == "sv" else CITY_ORGS)
        chip_area, area = town, town
    else:
        county = rng.choice(counties)
        org = county[0]["hyvinvointialue_" + ("fi" if lang == "fi" else lang)]
        towns = [row[name_key(lang)] for row in county]
        if rng.random() < 0.4 and len(towns) > 2:
            towns = sorted(rng.sample(towns, rng.randint(2, len(towns) - 1)))
        if rng.random() < 0.1:  # now and then a neighbour from elsewhere
            extra = rng.choice(municipalities)[name_key(lang)]
            if extra not in towns:
                towns.append(extra)
        chip_area = L["count"].format(len(towns)) if len(towns) > 1 else towns[0]
        area = join_names(towns, lang, rng)
    title = rng.choice(TITLES[lang])
    funding = L["public"] if rng.random() < 0.92 else L["private"]
    budget = pick_size(rng) - 700  # the chrome and the basic block take about 700 bytes

    lines = ["suomi.fi", L["skip"], "{} {}".format(L["org"], org), "", title, "",
             "  • " + L["service"], "  • " + chip_area, "  • " + funding, ""]
    sections = [(None, 0.70), ("instructions", 0.08), ("conditions", 0.07), ("background", 0.15)]
    for key, share in sections:
        if key is not None:
            if key == "instructions" and rng.random() < 0.3:
                continue
            lines += [L[key], ""]
        paras = []
        if key == "conditions":
            paras.append(cost_sentence(rng, lang))
        own = pool.get(key or "sentences") or pool["sentences"]
        if key is not None and own:
            paras.append(paragraph(rng, own, 1, 3))
        paras += body(rng, pool, int(budget * share), headings=key is None, bullets=False)
        for p in paras:
            lines += [p, ""]
    langs = L["languages"][: rng.choice([1, 1, 1, 2, 2, 3, 4])]
    lines += [L["basic"], ""]
    lines += [L["producer"] + org]
    if rng.random() < 0.9:
        lines += [L["responsible"] + org]
    lines += [L["area"] + area,
              (L["lang1"] if len(langs) == 1 else L["langn"]) + ", ".join(langs),
              L["text_by"] + org,
              L["updated"] + date(rng, lang)]
    # Most real pages end without a newline after the date.
    return "\n".join(lines) + ("\n" if rng.random() < 0.3 else "")


def generic_page(rng, pools):
    pool = pools["fi"]
    kind = rng.choice(["news", "ministry", "jointauthority"])
    budget = pick_size(rng)
    lines = []
    if kind == "news":
        lines += ["Uutiset", "", rng.choice(pool["headings"]), "", "Tiedote", ""]
    else:
        lines += [rng.choice(pool["headings"]), ""]
    for block in body(rng, pool, budget):
        lines += [block, ""]
    if kind == "ministry":
        lines += ["Lisätietoja", "", "Neuvotteleva virkamies Marjaana Pelkonen, p. 0295 163 331, "
                  "etunimi.sukunimi@stm.fi", ""]
    elif kind == "jointauthority":
        # As in the sample, the page was modified after it was last reviewed.
        reviewed, modified = date(rng, "fi"), date(rng, "fi")
        if reviewed.split(".")[::-1] > modified.split(".")[::-1]:
            reviewed, modified = modified, reviewed
        lines += ["Lisätietoja:", "", "Perhekeskuskoordinaattori Julia Ekola", "",
                  "puh. 040 549 9734", "", "Muokattu {}/ Päivitetty {}".format(modified, reviewed)]
    else:
        lines += ["www.kymenlaaksonperhekeskus.fi"]
    return kind, "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description="Write a synthetic, reproducible corpus of pages.")
    ap.add_argument("--out", required=True, help="directory to write the pages into (created)")
    ap.add_argument("-n", "--pages", type=int, default=5000, help="number of pages (default 5000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--list", metavar="FILE",
                    help="also write the page paths, one a line, for xargs or a shell loop")
    ap.add_argument("--list0", metavar="FILE", help="the same list, NUL-separated (xargs -0)")
    ap.add_argument("--concat", metavar="FILE",
                    help="also write every page into one file, separated by a form-feed line "
                         "(svcdesc parse reads one page per file, so this is for other tools)")
    args = ap.parse_args()
    if args.pages < 0:
        ap.error("--pages must not be negative")

    pools = read_samples()
    municipalities, counties = read_municipalities()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    paths = []
    total = 0
    concat = open(args.concat, "w", encoding="utf-8", newline="\n") if args.concat else None
    for i in range(args.pages):
        r = rng.random()
        if r < 0.75:
            kind, text = "fi", suomifi_page(rng, "fi", pools, municipalities, counties)
        elif r < 0.83:
            kind, text = "sv", suomifi_page(rng, "sv", pools, municipalities, counties)
        elif r < 0.88:
            kind, text = "en", suomifi_page(rng, "en", pools, municipalities, counties)
        else:
            kind, text = generic_page(rng, pools)
        name = "{:06d}-{}.txt".format(i, kind if kind in ("fi", "sv", "en") else "gen-" + kind)
        path = os.path.join(args.out, name)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
        paths.append(path)
        if concat:
            concat.write(text if i == 0 else "\n\f\n" + text)
    if concat:
        concat.close()
    if args.list:
        with open(args.list, "w", encoding="utf-8") as f:
            f.writelines(p + "\n" for p in paths)
    if args.list0:
        with open(args.list0, "wb") as f:
            f.write(b"".join(p.encode("utf-8") + b"\0" for p in paths))
    mean = total / args.pages if args.pages else 0
    print("gen_corpus.py: wrote {} pages, {} bytes (mean {:.0f} bytes) into {}".format(
        args.pages, total, mean, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
