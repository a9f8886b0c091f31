#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target: make_seeds.py SOURCE_DIR OUT_DIR [TARGET...]

The seeds are the samples (samples/) of the target's input format and the phrases of its unit
tests: every string literal of the named test files, adjacent literals joined as the compiler
joins them (a page written as "line\\n" "line\\n" is one seed), raw strings included. OUT_DIR/TARGET
is emptied and refilled; each seed is named by its SHA-1, so identical phrases are one file.
"""

import hashlib
import pathlib
import re
import sys

# Unit-test files whose literals seed each target.
TESTS = {
    "text": ["test_parse_generic.cpp", "test_parse_suomifi.cpp", "test_parse_parse.cpp",
             "test_normalize_cost.cpp", "test_normalize_organisation.cpp",
             "test_document_document.cpp", "test_text_sentences.cpp"],
    "html": ["test_html_html.cpp", "test_parse_html.cpp"],
    "html_charset": ["test_html_html.cpp", "test_parse_html.cpp"],
    "ptv_json": ["test_parse_ptv.cpp"],
    "record": ["test_record_json.cpp", "test_record_filter.cpp", "test_diff_diff.cpp"],
    "validate": ["test_validate_validate.cpp", "test_record_json.cpp"],
    "date": ["test_normalize_date.cpp"],
    "phone": ["test_normalize_phone.cpp"],
    "area": ["test_normalize_area.cpp"],
    "sitemap": ["test_fetch_sitemap.cpp", "test_fetch_incremental.cpp"],
    "robots": ["test_fetch_robots.cpp"],
    "url": ["test_fetch_url.cpp", "test_fetch_sitemap.cpp"],
}

# Samples, by file name pattern, for each target.
SAMPLES = {
    "text": ["*.txt"],
    "html": ["*.html"],
    "html_charset": ["*.html"],
    "ptv_json": ["ptv-*.json"],
    "record": ["*.ndjson"],
    "validate": ["*.ndjson"],
}

# The text target's first byte picks the profile and the source URL (fuzz_text.cpp): automatic
# with no URL, and automatic with the suomi.fi URL.
TEXT_PREFIXES = [b"\x00", b"\x08"]
# The charset target's first byte picks the HTTP charset (fuzz_html_charset.cpp).
CHARSET_PREFIXES = [b"\x00", b"\x01", b"\x02", b"\x06", b"\x0f"]

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'", "a": "\a",
           "b": "\b", "f": "\f", "v": "\v", "?": "?"}

TOKEN = re.compile(r'''
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<raw>(?:u8)?R"(?P<delim>[^(\s]{0,16})\((?P<rawbody>.*?)\)(?P=delim)")
  | (?P<str>(?:u8)?"(?P<body>(?:[^"\\\n]|\\.)*)")
  | (?P<char>'(?:[^'\\\n]|\\.)*')
  | (?P<space>\s+)
  | (?P<other>.)
''', re.S | re.X)


def unescape(body):
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        e = body[i + 1]
        if e == "x":
            m = re.match(r"[0-9a-fA-F]+", body[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF)
            i += 2 + len(m.group(0))
        elif e in "uU":
            n = 4 if e == "u" else 8
            out += chr(int(body[i + 2:i + 2 + n], 16)).encode("utf-8", "surrogatepass")
            i += 2 + n
        elif e in "01234567" and re.match(r"[0-7]{1,3}", body[i + 1:]):
            m = re.match(r"[0-7]{1,3}", body[i + 1:])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        else:
            out += ESCAPES.get(e, e).encode()
            i += 2
    return bytes(out)


def literals(source):
    """The string literals of a C++ source, adjacent ones joined."""
    found, current = [], None
    for m in TOKEN.finditer(source):
        if m.group("raw") is not None:
            piece = m.group("rawbody").encode()
        elif m.group("str") is not None:
            piece = unescape(m.group("body"))
        elif m.group("space") is not None or m.group("comment") is not None:
            continue
        else:
            piece = None
        if piece is None:
            if current is not None:
                found.append(current)
            current = None
        else:
            current = piece if current is None else current + piece
    if current is not None:
        found.append(current)
    return [s for s in found if s]


def seeds_for(root, target):
    out = []
    for pattern in SAMPLES.get(target, []):
        for path in sorted((root / "samples").glob(pattern)):
            data = path.read_bytes()
            if target == "validate":
                out += [line for line in data.splitlines() if line.strip()]
            else:
                out.append(data)
    for name in TESTS[target]:
        path = root / "tests" / "unit" / name
        if path.exists():
            out += literals(path.read_text(encoding="utf-8"))
    if target == "text":
        out = [p + s for s in out for p in TEXT_PREFIXES]
    elif target == "html_charset":
        out = [p + s for s in out for p in CHARSET_PREFIXES]
    elif target == "url":
        # resolve_url pairs: a base, a line feed, a reference (RFC 3986 5.4's examples).
        refs = [s for s in out if len(s) < 64]
        out += [b"http://a/b/c/d;p?q\n" + r for r in refs]
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root, out_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    targets = sys.argv[3:] or list(TESTS)
    for target in targets:
        if target not in TESTS:
            sys.exit(f"make_seeds.py: unknown target {target}")
        d = out_dir / target
        d.mkdir(parents=True, exist_ok=True)
        for old in d.iterdir():
            old.unlink()
        seeds = seeds_for(root, target)
        for s in seeds:
            (d / hashlib.sha1(s).hexdigest()).write_bytes(s)
        print(f"{target}: {len(list(d.iterdir()))} seeds")


if __name__ == "__main__":
    main()
