#!/usr/bin/env python3
"""The extraction of bench/html_lxml.py, written with BeautifulSoup 4 instead of lxml's own tree.

Same files, same rules (html_fields.py: boilerplate, rendering to lines, fields), same output lines,
so that html_bench.sh can compare its answers with svcdesc's as it does the lxml script's, and
check that the two scripts answer alike.

  bench/html_bs4.py FILE... > out.ndjson

Written the way a competent user of bs4 would for speed: BeautifulSoup(data, "lxml"), that is
bs4's tree built from lxml's HTML parser (libxml2) fed the bytes with the encoding bs4's
EncodingDetector settles on (the <meta charset> here), the fastest tree builder bs4 offers
("html.parser" took 1.65x as long to build the trees of 300 of these pages);
multi_valued_attributes=None so that class is a string as in lxml; and one recursive walk over
.contents with type checks instead of find_all or get_text. The tree comes from the same libxml2
parser as lxml's, so the answers are the same (html_bench.sh checks).

Needs python3-bs4 and python3-lxml (Debian). One process, one core.
"""

import os
import sys

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString  # Comment, CData, Doctype, Declaration, PI

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_fields import BLOCK, LINE, PHRASING, SECTIONING, SKIP, Lines, boilerplate, main, record  # noqa: E402


def glued(contents, a, b):
    """lxml's test for a label/value pair a, b (the only two child elements): no text before the
    first child node, none between a and the next node, only white space after b. Comments are
    nodes, as in lxml, where text after one is its tail."""
    lead = after_a = after_b = ""
    cur = 0  # 0 before the first node, 1 after a, 2 after b, 3 after another node
    for c in contents:
        if isinstance(c, (Tag, PreformattedString)):
            cur = 1 if c is a else 2 if c is b else 3
        elif cur == 0:
            lead += c
        elif cur == 1:
            after_a += c
        elif cur == 2:
            after_b += c
    return not lead.strip() and not after_a and not after_b.strip()


class Renderer(Lines):
    """Walks a BeautifulSoup tree: text is a NavigableString child (not a comment, doctype, CDATA
    or processing instruction, which bs4 makes PreformattedStrings)."""

    def walk(self, el, content=False):
        tag = el.name
        if tag in SKIP or ((tag in ("header", "footer")) and not content) or boilerplate(el.attrs):
            return
        if tag == "br":
            self.brk(1)
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
        contents = el.contents
        first = None
        if len(contents) >= 2:
            kids = [k for k in contents if isinstance(k, Tag)]
            if (len(kids) == 2 and kids[0].name in PHRASING and kids[1].name in PHRASING
                    and glued(contents, kids[0], kids[1])):
                first = kids[0]
        for k in contents:
            if isinstance(k, Tag):
                self.walk(k, inner)
                if k is first:
                    self.brk(1)
            elif not isinstance(k, PreformattedString):
                self.text(k)
        if tag in LINE:
            self.brk(1)
        elif tag in BLOCK:
            self.brk(2)
        elif tag == "li":
            self.item_depth -= 1
            self.bullet = False
            self.brk(1)


def extract(path, data):
    soup = BeautifulSoup(data, "lxml", multi_valued_attributes=None)
    root = soup.find("html", recursive=False)
    if root is None:
        raise ValueError("Document is empty")  # as lxml.html says
    r = Renderer()
    body = root.find("body", recursive=False)
    r.walk(body if body is not None else root)
    if body is not None:  # lxml's body.tail: text right after </body>
        for s in body.next_siblings:
            if not isinstance(s, NavigableString) or isinstance(s, PreformattedString):
                break
            r.text(s)
    r.brk(2)
    return record(path, r.lines, root.get("lang"))


if __name__ == "__main__":
    main(extract, (ValueError,), "html_bs4.py")
