#!/usr/bin/env python3
"""Writes a synthetic corpus of HTML pages for the HTML benchmarks of svcdesc parse.

Each page is one page of gen_corpus.py (the same mix: suomi.fi service pages in Finnish, Swedish
and English, news releases, ministry and joint-authority pages, all prose from samples/*.txt)
marked up the way the sites in samples/*-html.html are: a suomi.fi service page with its skip
link, cookie banner, header with the main menu, breadcrumb, chips as a list, sections, the
Perustiedot block as <dt>/<dd> and label/value spans, feedback aside and footer; the other pages
with a WordPress or Liferay template. Around the content goes the boilerplate real pages carry
and that makes them 30-60 KB: a mega menu of links, inline CSS, inline scripts with the site's
JSON state and translations, SVG icons and a long footer. The size of each page is drawn
uniformly from 30-60 KB and reached with that boilerplate, never with invented content.

The output depends only on --seed, --pages, this file, gen_corpus.py and its inputs.

  bench/gen_html_corpus.py --pages 1000 --seed 1 --out bench/corpus/html-1000
"""

import argparse
import html
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus as gc  # noqa: E402

MENU_WORDS = ["Asuminen", "Perhe", "Terveys", "Työ", "Opiskelu", "Yrittäjyys", "Liikenne",
              "Verotus", "Sosiaaliturva", "Oikeusturva", "Ympäristö", "Kulttuuri", "Vapaa-aika",
              "Maahanmuutto", "Eläkkeet", "Vammaisuus", "Ikääntyminen", "Lapset", "Nuoret",
              "Kriisitilanteet", "Asiointi", "Palveluhaku", "Viestit", "Valtuudet"]


def esc(s):
    return html.escape(s, quote=False).replace("\xa0", "&nbsp;")


def paragraphs(text):
    out, cur = [], []
    for line in text.split("\n"):
        if line.strip():
            cur.append(line)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def block(lines):
    """A paragraph of text lines: a list when they are bullets, else a <p> with <br>s."""
    if lines[0].lstrip().startswith("• "):
        items = "".join("<li>%s</li>\n" % esc(l.strip()[2:]) for l in lines)
        return "<ul>\n%s</ul>\n" % items
    if len(lines) == 1 and len(lines[0]) < 70 and not lines[0].rstrip().endswith((".", ":", "?", "!")):
        return "<h3>%s</h3>\n" % esc(lines[0])
    return "<p>%s</p>\n" % "<br>\n".join(esc(l) for l in lines)


def mega_menu(rng, n):
    items = []
    for i in range(n):
        w = rng.choice(MENU_WORDS)
        sub = "".join('<li class="menu__item menu__item--sub"><a class="menu__link" href="/%s/%s-%d">%s %d</a></li>'
                      % (w.lower(), rng.choice(MENU_WORDS).lower(), k, rng.choice(MENU_WORDS), k)
                      for k in range(rng.randint(3, 8)))
        items.append('<li class="menu__item"><a class="menu__link" href="/%s">%s</a>\n<ul class="menu__sub">%s</ul></li>\n'
                     % (w.lower(), w, sub))
    return '<nav class="mega-menu" aria-label="Päävalikko"><ul class="menu">\n%s</ul></nav>\n' % "".join(items)


def state_script(rng, n):
    entries = ",".join('"%s.%d":{"label":"%s","href":"/%s/%d","visible":%s}'
                       % (rng.choice(MENU_WORDS).lower(), i, rng.choice(MENU_WORDS), rng.choice(MENU_WORDS).lower(),
                          i, "true" if rng.random() < 0.5 else "false")
                       for i in range(n))
    return '<script id="__APP_STATE__" type="application/json">{"translations":{%s}}</script>\n' % entries


CSS = ("<style>" + "".join(".c%d{margin:%dpx %dpx;padding:0 %dpx;color:#%06x}" % (i, i % 17, i % 23, i % 11, i * 7919 % 0xFFFFFF)
                           for i in range(120)) + "</style>\n")
SVG = ('<svg style="display:none" xmlns="http://www.w3.org/2000/svg">' +
       "".join('<symbol id="icon-%d" viewBox="0 0 24 24"><path d="M%d %dl%d %dh-%dv%dz"/></symbol>' % (i, i % 24, i % 13, i % 7, i % 5, i % 9, i % 11)
               for i in range(40)) + "</svg>\n")
COOKIE = ('<div id="cookie-consent" class="cookie-banner" role="dialog"><p>Sivusto käyttää evästeitä. '
          'Välttämättömät evästeet ovat tarpeen sivuston toiminnalle.</p><button>Hyväksy kaikki</button>'
          '<button>Vain välttämättömät</button></div>\n')


def footer(rng):
    links = "".join('<li><a href="/%s">%s</a></li>' % (rng.choice(MENU_WORDS).lower(), rng.choice(MENU_WORDS)) for _ in range(40))
    return '<footer class="site-footer"><nav aria-label="Alatunniste"><ul>%s</ul></nav><p>Ylläpito: Digi- ja väestötietovirasto</p></footer>\n' % links


def suomifi_html(text, lang):
    L = gc.LABELS[lang]
    P = paragraphs(text)
    org = P[0][2][len(L["org"]):].strip()
    out = ['<main id="main">\n<div class="service-header"><span class="label">%s</span> <a href="/o">%s</a></div>\n'
           % (esc(L["org"]), esc(org)), '<h1>%s</h1>\n' % esc(P[1][0])]
    out.append('<ul class="chips">%s</ul>\n' % "".join('<li class="chip"><span>%s</span></li>' % esc(c.strip()[2:]) for c in P[2]))
    headings = {L["instructions"], L["conditions"], L["background"]}
    out.append('<div class="description">\n')
    closing = '</div>\n'
    rest = P[3:]
    i = 0
    while i < len(rest) and rest[i] != [L["basic"]]:
        p = rest[i]
        if len(p) == 1 and p[0] in headings:
            out.append(closing + '<section><h2>%s</h2>\n' % esc(p[0]))
            closing = '</section>\n'
        else:
            out.append('<div class="rich-text">%s</div>' % block(p))
        i += 1
    out.append(closing)
    out.append('<section class="basic-info"><h2>%s</h2>\n<dl>\n' % esc(L["basic"]))
    tail = []
    for line in (rest[i + 1] if i + 1 < len(rest) else []):
        for key in ("producer", "responsible", "area"):
            label = L[key].strip()
            if line.startswith(label):
                out.append('<div class="row"><dt>%s</dt><dd>%s</dd></div>\n' % (esc(label), esc(line[len(label):].strip())))
                break
        else:
            for key in ("langn", "lang1"):
                if line.startswith(L[key]):
                    tail.append('<div class="languages"><span>%s</span><span>%s</span></div>\n'
                                % (esc(L[key]), esc(line[len(L[key]):].strip())))
                    break
            else:
                tail.append('<p class="meta">%s</p>\n' % esc(line))
    out.append('</dl>\n' + "".join(tail) + '</section>\n</main>\n')
    return "".join(out)


def generic_html(text):
    P = paragraphs(text)
    out = ['<main id="content"><article class="post">\n']
    if P[0] == ["Uutiset"]:
        out.append('<header><p class="category">Uutiset</p><h1>%s</h1><div class="meta">%s</div></header>\n'
                   % (esc(P[1][0]), esc(P[2][0])))
        P = P[3:]
    else:
        out.append('<header><h1>%s</h1></header>\n' % esc(P[0][0]))
        P = P[1:]
    out.append('<div class="entry-content">\n%s</div>\n</article></main>\n' % "".join(block(p) for p in P))
    return "".join(out)


def page(rng, kind, text, size):
    lang = kind if kind in ("fi", "sv", "en") else "fi"
    content = suomifi_html(text, lang) if kind in ("fi", "sv", "en") else generic_html(text)
    head = ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n<title>%s</title>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="stylesheet" href="/static/main.css">\n' % (lang, esc(paragraphs(text)[1 if kind in ("fi", "sv", "en") else 0][0])))
    top = '<body>\n<a class="skip-link" href="#main">%s</a>\n' % esc(gc.LABELS[lang]["skip"]) + COOKIE
    parts_fixed = head + CSS + "</head>\n" + top + SVG + content + footer(rng)
    # Fill up to the drawn size with the menu and the app state, half and half.
    room = max(0, size - len(parts_fixed.encode("utf-8")))
    menu = ""
    while len(menu) < room // 2:
        menu += mega_menu(rng, 4)
    state = ""
    n = 0
    while len(state) + len(menu) < room:
        n += 20
        state = state_script(rng, n)
    return (head + CSS + "<script>window.dataLayer=window.dataLayer||[];</script>\n</head>\n" + top +
            '<header class="site-header"><a class="logo" href="/">suomi.fi</a>\n' + menu + "</header>\n" +
            SVG + content + '<aside class="feedback"><h2>Oliko sivusta apua?</h2><button>Kyllä</button></aside>\n' +
            footer(rng) + state + '<script src="/static/main.js" defer></script>\n</body>\n</html>\n')


def main():
    ap = argparse.ArgumentParser(description="Write a synthetic, reproducible corpus of HTML pages.")
    ap.add_argument("--out", required=True, help="directory to write the pages into (created)")
    ap.add_argument("-n", "--pages", type=int, default=1000, help="number of pages (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = ap.parse_args()
    pools = gc.read_samples()
    municipalities, counties = gc.read_municipalities()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for i in range(args.pages):
        r = rng.random()
        if r < 0.75:
            kind, text = "fi", gc.suomifi_page(rng, "fi", pools, municipalities, counties)
        elif r < 0.83:
            kind, text = "sv", gc.suomifi_page(rng, "sv", pools, municipalities, counties)
        elif r < 0.88:
            kind, text = "en", gc.suomifi_page(rng, "en", pools, municipalities, counties)
        else:
            kind, text = gc.generic_page(rng, pools)
        data = page(rng, kind, text, rng.randint(30000, 60000)).encode("utf-8")
        name = "{:06d}-{}.html".format(i, kind if kind in ("fi", "sv", "en") else "gen-" + kind)
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
        total += len(data)
    print("gen_html_corpus.py: wrote {} pages, {} bytes (mean {:.0f} bytes) into {}".format(
        args.pages, total, total / max(1, args.pages), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
