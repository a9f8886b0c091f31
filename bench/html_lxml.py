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

Needs python3-lxml (Debian). One process, one core. The rules it shares with html_bs4.py and
scrapy_spider.py (boilerplate, line building, fields) are in html_fields.py; the walk over the lxml
tree is here.
"""

import os
import sys

from lxml import etree, html

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_fields import BLOCK, LINE, PHRASING, SECTIONING, SKIP, Lines, boilerplate, main, record  # noqa: E402


class Renderer(Lines):
    """Walks an lxml tree."""

    def walk(self, el, content=False):
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comments, processing instructions
            self.text(el.tail)
            return
        tag = tag.lower()
        if tag in SKIP or ((tag in ("header", "footer")) and not content) or boilerplate(el.attrib):
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
        inner = content or tag in SECTIONING
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


def extract(path, data):
    doc = html.document_fromstring(data)
    r = Renderer()
    body = doc.find("body")
    r.walk(body if body is not None else doc)
    r.brk(2)
    return record(path, r.lines, doc.get("lang"))


if __name__ == "__main__":
    main(extract, (etree.ParserError, ValueError), "html_lxml.py")
