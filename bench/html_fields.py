"""What the Python peers of the HTML benchmarks share: the boilerplate rules, the line builder and
the field rules of the extraction (bench/html_lxml.py, bench/html_bs4.py, bench/scrapy_spider.py).

Each script walks its own tree (lxml elements, BeautifulSoup tags) with the same rules, feeding a
Lines object; record() then turns the rendered lines into the fields a reader checks first.
compare() prints the accuracy of a peer's answers against svcdesc's records:

  python3 bench/html_fields.py compare SVCDESC.ndjson PEER.ndjson

No third-party module is imported here.
"""

import json
import re
import sys

# Elements whose content is never text.
SKIP = {"script", "style", "template", "noscript", "nav", "aside", "head", "title", "iframe", "svg",
        "button", "select", "textarea", "object", "canvas", "audio", "video", "dialog"}
# Elements that start and end a line, and those that also leave a blank line.
LINE = {"div", "dt", "dd", "caption", "summary", "details", "form", "fieldset", "legend",
        "figcaption", "tr", "center"}
BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "table", "blockquote", "figure", "hr",
         "section", "article", "main", "address", "header", "footer", "body", "ul", "ol", "dl",
         "menu", "pre"}
# Two of these, glued, as the only children of an element are a label and a value: two lines.
PHRASING = {"span", "a", "strong", "b", "em", "i", "label", "time", "small", "abbr"}
# <header> and <footer> are the page's own unless inside one of these.
SECTIONING = ("main", "article", "section")
BAD_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
WS = re.compile(r"[ \t\n\r\f]+")


def boilerplate(a):
    """True for an element to drop, from its attributes (a mapping of name to string)."""
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


class Lines:
    """Visible text to lines: brk(1) ends a line, brk(2) also leaves a blank one (not in a list
    item); text() collapses white space and starts a pending bullet."""

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


def record(path, lines, html_lang):
    """The fields of a page from its rendered lines and its <html lang> (or None)."""
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
    rec["lang"] = (html_lang or "und")[:2].lower()
    rec["title"] = nonblank[1] if nonblank and nonblank[0] == "Uutiset" and len(nonblank) > 1 else (nonblank[0] if nonblank else None)
    dates = []
    for l in nonblank:
        if "Muokattu" in l or "Päivitetty" in l:
            dates += [iso(x) for x in re.split(r"Päivitetty", l) if iso(x)]
    rec["updated"] = max(dates) if dates else None
    return rec


def main(extract, errors, name):
    """The command line of a peer: FILE... to one JSON line each on standard output; a file that
    raises one of `errors` is reported on standard error and skipped."""
    out = sys.stdout
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        try:
            rec = extract(path, data)
        except errors as e:
            print("%s: %s: %s" % (name, path, e), file=sys.stderr)
            continue
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


FIELDS = ["lang", "title", "organisation", "updated"]


def compare(ours_path, theirs_path, out=sys.stdout):
    """Prints how often a peer's lang, title, organisation and updated agree with svcdesc's records,
    matched by source.file (parse) or source.url (fetch) against the peer's "file", out of all of
    svcdesc's pages (a page the peer has no line for counts as a disagreement)."""
    ours = {}
    with open(ours_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            src = r.get("source") or {}
            ours[src.get("file") or src.get("url")] = {
                "lang": r["lang"], "title": r["title"],
                "organisation": (r.get("organisation") or {}).get("name"), "updated": r.get("updated")}
    with open(theirs_path, encoding="utf-8") as f:
        theirs = [json.loads(l) for l in f]
    agree = {f: 0 for f in FIELDS}
    all_agree = 0
    seen = set()
    for t in theirs:
        o = ours.get(t["file"])
        if o is None or t["file"] in seen:
            continue
        seen.add(t["file"])
        ok = True
        for f in FIELDS:
            # The peers extract the organisation of suomi.fi pages only; svcdesc also names it on others.
            if f == "organisation" and t["organisation"] is None:
                agree[f] += 1
                continue
            if o[f] == t[f]:
                agree[f] += 1
            else:
                ok = False
        all_agree += ok
    # Out of svcdesc's pages: a page the peer did not answer for counts as a disagreement.
    n = max(1, len(ours))
    print("  pages compared: %d of %d (peer lines: %d)" % (len(seen), len(ours), len(theirs)), file=out)
    for f in FIELDS:
        print("  %-13s %5.1f %% agree" % (f, 100.0 * agree[f] / n), file=out)
    print("  %-13s %5.1f %% of pages" % ("all four", 100.0 * all_agree / n), file=out)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: html_fields.py compare SVCDESC.ndjson PEER.ndjson")
