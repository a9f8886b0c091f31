#!/usr/bin/env python3
"""The HTML extraction of `svcdesc parse`, written as a competent Python script with lxml.

For the speed comparison in bench/README.md: it reads the same HTML files, drops the same
boilerplate (script, style, template, noscript, nav, aside, page header and footer, cookie banners,
skip links, hidden elements), renders the visible text to lines the same way (blocks break lines,
list items are bullets, <dt>/<dd> and two glued spans are two lines) and extracts the fields a
reader checks first: lang (from the suomi.fi labels, else <html lang>), title, organisation,
updated date (ISO), area text and languages text of suomi.fi service pages, and the title and
dates (Muokattu / Päivitetty) of other pages. It writes one JSON object per page (NDJSON) so that
html_bench.sh can compare its answers with svcdesc's.

  bench/html_lxml.py FILE... > out.ndjson

Needs python3-lxml (Debian). One process, one core.
"""

import json
import re
import sys

from lxml import etree, html

SKIP = {"script", "style", "template", "noscript", "nav", "aside", "head", "title", "iframe", "svg",
        "button", "select", "textarea", "object", "canvas", "audio", "video", "dialog"}
LINE = {"div", "dt", "dd", "caption", "summary", "details", "form", "fieldset", "legend",
        "figcaption", "tr", "center"}
BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "table", "blockquote", "figure", "hr",
         "section", "article", "main", "address", "header", "footer", "body", "ul", "ol", "dl",
         "menu", "pre"}
PHRASING = {"span", "a", "strong", "b", "em", "i", "label", "time", "small", "abbr"}
BAD_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
WS = re.compile(r"[ \t\n\r\f]+")


def boilerplate(el):
    a = el.attrib
    if "hidden" in a or a.get("aria-hidden", "").lower() == "true":
        return True
    if a.get("role", "").strip().lower() in BAD_ROLES:
        return True
    style = a.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    for tok in (a.get("class", "") + " " + a.get("id", "")).lower().split():
        if ("cookie" in tok or "consent" in tok or "gdpr" in tok or tok.startswith("skip") or
                "breadcrumb" in tok or tok.startswith("share") or tok.startswith("social") or
                tok in ("sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "hidden")):
            return True
    return False


class Renderer:
    def __init__(self):
        self.lines = []
        self.cur = []
        self.pending = 0
        self.bullet = False
        self.item_depth = 0

    def brk(self, level):
        if self.item_depth:
            level = min(level, 1)
        if self.cur:
            self.lines.append("".join(self.cur).strip())
            self.cur = []
        self.pending = max(self.pending, level)

    def text(self, s):
        if not s:
            return
        s = WS.sub(" ", s)
        if not self.cur:
            s = s.lstrip()
            if not s:
                return
            if self.lines and self.pending >= 2:
                self.lines.append("")
            self.pending = 0
            if self.bullet:
                self.cur.append("• ")
                self.bullet = False
        self.cur.append(s)

    def walk(self, el, content=False):
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comments, processing instructions
            self.text(el.tail)
            return
        tag = tag.lower()
        if tag in SKIP or ((tag in ("header", "footer")) and not content) or boilerplate(el):
            self.text(el.tail)
            return
        if tag == "br":
            self.brk(1)
            self.text(el.tail)
            return
        if tag in LINE:
            self.brk(1)
        elif tag in BLOCK:
            self.brk(2)
        elif tag == "li":
            self.brk(1)
            self.bullet = True
            self.item_depth += 1
        elif tag in ("td", "th") and self.cur:
            self.cur.append(" ")
        inner = content or tag in ("main", "article", "section")
        self.text(el.text)
        kids = [k for k in el if isinstance(k.tag, str)]
        pair = (len(kids) == 2 and all(k.tag in PHRASING for k in kids) and not (el.text or "").strip()
                and not kids[0].tail and not (kids[1].tail or "").strip())
        for k in el:
            self.walk(k, inner)
            if pair and k is kids[0]:
                self.brk(1)
        if tag in LINE:
            self.brk(1)
        elif tag in BLOCK:
            self.brk(2)
        elif tag == "li":
            self.item_depth -= 1
            self.bullet = False
            self.brk(1)
        self.text(el.tail)


LABELS = {
    "fi": dict(org="Vastuuorganisaatio", basic="Perustiedot", area="Alue",
               languages=("Palvelun kielet", "Palvelun kieli"), updated="Päivitetty"),
    "sv": dict(org="Ansvarig organisation", basic="Grundläggande information", area="Område",
               languages=("Tjänstens språk",), updated="Uppdaterad"),
    "en": dict(org="Responsible organisation", basic="Basic information", area="Area",
               languages=("Service languages", "Service language"), updated="Updated"),
}
DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


def iso(text):
    m = DATE.search(text)
    return "%04d-%02d-%02d" % (int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def value_after(lines, i, label):
    v = lines[i][len(label):].lstrip(": ").strip()
    if v:
        return v
    j = i + 1
    while j < len(lines) and not lines[j]:
        j += 1
    return lines[j] if j < len(lines) else ""


def extract(path, data):
    doc = html.document_fromstring(data)
    r = Renderer()
    body = doc.find("body")
    r.walk(body if body is not None else doc)
    r.brk(2)
    lines = r.lines
    nonblank = [l for l in lines if l]
    rec = {"file": path, "lang": None, "title": None, "organisation": None, "updated": None,
           "area": None, "languages": None}
    for lang, L in LABELS.items():
        for k, l in enumerate(nonblank[:6]):
            if l.startswith(L["org"]):
                rec["lang"], rec["organisation"] = lang, l[len(L["org"]):].strip()
                rec["title"] = nonblank[k + 1] if k + 1 < len(nonblank) else None
                try:
                    start = lines.index(L["basic"])
                except ValueError:
                    start = len(lines)
                for i in range(start + 1, len(lines)):
                    l2 = lines[i]
                    if l2.startswith(L["area"]) and rec["area"] is None:
                        rec["area"] = value_after(lines, i, L["area"])
                    elif l2.startswith(L["updated"]):
                        rec["updated"] = iso(l2) or iso(value_after(lines, i, L["updated"]))
                    else:
                        for lab in L["languages"]:
                            if l2.startswith(lab) and rec["languages"] is None:
                                rec["languages"] = value_after(lines, i, lab)
                                break
                return rec
    # Other pages: the first line is the title, unless it is a news label.
    rec["lang"] = (doc.get("lang") or "und")[:2].lower()
    rec["title"] = nonblank[1] if nonblank and nonblank[0] == "Uutiset" and len(nonblank) > 1 else (nonblank[0] if nonblank else None)
    dates = []
    for l in nonblank:
        if "Muokattu" in l or "Päivitetty" in l:
            dates += [iso(x) for x in re.split(r"Päivitetty", l) if iso(x)]
    rec["updated"] = max(dates) if dates else None
    return rec


def main():
    out = sys.stdout
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        try:
            rec = extract(path, data)
        except (etree.ParserError, ValueError) as e:
            print("html_lxml.py: %s: %s" % (path, e), file=sys.stderr)
            continue
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
