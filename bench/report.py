#!/usr/bin/env python3
"""Turns the rows of bench/lib.sh's bench_result (one TSV file) into the tables of bench/run.

    report.py RESULTS.tsv

For each benchmark: every tool's wall time, CPU time, peak memory and rate (by wall and by CPU),
and svcdesc's ratio to each peer (how many times the peer's wall time, CPU time and peak memory
svcdesc takes the inverse of). Then the goals the issues set, each with the measured ratio and
whether it is met. Markdown on stdout.
"""
import sys
from collections import OrderedDict


def load(path):
    benches = OrderedDict()
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            continue
        bench, tool, wall, cpu, rss, units, unit, command = line.split("\t", 7)
        benches.setdefault(bench, []).append({
            "tool": tool, "wall": max(float(wall), 0.001), "cpu": max(float(cpu), 0.001),
            "rss": float(rss) / 1024.0, "units": float(units), "unit": unit, "command": command})
    return benches


def reference(rows):
    """The svcdesc row the peers are compared with: the first one named svcdesc."""
    preferred = ("svcdesc diff -f ndjson", "svcdesc first run", "svcdesc parse --jobs 1")
    for name in preferred:
        for r in rows:
            if r["tool"] == name:
                return r
    for r in rows:
        if r["tool"].startswith("svcdesc"):
            return r
    return None


def fmt_rate(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def table(bench, rows):
    ref = reference(rows)
    unit = rows[0]["unit"]
    out = [f"### {bench}", "",
           f"| tool | wall s | CPU s | peak MiB | {unit}/s (wall) | {unit}/s (CPU) |"
           " svcdesc: x faster (wall) | x less CPU | x less memory |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        ratios = ["", "", ""]
        if ref is not None and r is not ref and not r["tool"].startswith("svcdesc"):
            ratios = [f"{r['wall'] / ref['wall']:.2f}", f"{r['cpu'] / ref['cpu']:.2f}",
                      f"{r['rss'] / ref['rss']:.2f}" if ref["rss"] > 0 and r["rss"] > 0 else ""]
        out.append(f"| {r['tool']} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.1f} | "
                   f"{fmt_rate(r['units'] / r['wall'])} | {fmt_rate(r['units'] / r['cpu'])} | "
                   + " | ".join(ratios) + " |")
    out.append("")
    out.append("Commands:")
    out.append("")
    for r in rows:
        out.append(f"- {r['tool']}: `{r['command']}`")
    out.append("")
    return out


def find(rows, *names):
    for name in names:
        for r in rows:
            if r["tool"] == name or r["tool"].startswith(name):
                return r
    return None


def goals(benches):
    """(goal, measured, met) for each goal whose rows were measured in this run."""
    found = []

    def add(goal, measured, met):
        found.append((goal, measured, "yes" if met else "**no**"))

    for bench, rows in benches.items():
        if bench.startswith("parse-text-"):
            r = find(rows, "svcdesc parse")
            if r:
                # The goal is for suomi.fi pages; the corpus mixes in ministry and regional pages,
                # which cost about seven times as much per byte (bench/README.md, Results).
                add(f"parse, text renderings ({bench[11:]} pages, mixed corpus; the goal is for "
                    "suomi.fi pages): at least 100 MB/s on one core (wall)",
                    f"{r['units'] / r['wall']:.0f} MB/s", r["units"] / r["wall"] >= 100)
    html = benches.get("html", [])
    ours = find(html, "svcdesc parse --jobs 1")
    if ours:
        lxml = find(html, "html_lxml", "lxml")
        if lxml:
            add("HTML: at least 3x the pages/s of the lxml script (wall)",
                f"{lxml['wall'] / ours['wall']:.2f}x", lxml["wall"] / ours["wall"] >= 3)
            add("HTML: at least 3x the pages/s of the lxml script (CPU)",
                f"{lxml['cpu'] / ours['cpu']:.2f}x", lxml["cpu"] / ours["cpu"] >= 3)
    for bench, rows in benches.items():
        if bench.startswith("html-mb"):
            r = find(rows, "svcdesc parse --jobs 1")
            if r:
                add("HTML: at least 150 MB/s on one core (CPU)", f"{r['units'] / r['cpu']:.0f} MB/s",
                    r["units"] / r["cpu"] >= 150)
    ptv = find(benches.get("ptv", []), "svcdesc")
    if ptv:
        add("PTV JSON: at least 50,000 services/s (CPU)", f"{ptv['units'] / ptv['cpu']:,.0f}/s",
            ptv["units"] / ptv["cpu"] >= 50000)
    for bench, rows in benches.items():
        if bench.startswith("validate-"):
            ours, ajv = find(rows, "svcdesc"), find(rows, "ajv")
            if ours and ajv:
                add(f"validate ({bench[9:]} records): at least 2x ajv-cli's records/s (wall)",
                    f"{ajv['wall'] / ours['wall']:.2f}x", ajv["wall"] / ours["wall"] >= 2)
    diff = benches.get("diff", [])
    ours = find(diff, "svcdesc diff -f ndjson")
    if ours:
        for peer, need in (("daff", 20), ("mlr", 5)):
            p = find(diff, peer)
            if p:
                add(f"diff: at least {need}x faster than {p['tool']} (wall)",
                    f"{p['wall'] / ours['wall']:.1f}x", p["wall"] / ours["wall"] >= need)
        peers = [r for r in diff if not r["tool"].startswith("svcdesc")]
        if peers:
            low = min(peers, key=lambda r: r["rss"])
            add("diff: lower peak memory than every peer",
                f"{ours['rss']:.1f} MiB against {low['rss']:.1f} ({low['tool']})", ours["rss"] < low["rss"])
    export = benches.get("export-csv", [])
    ours = find(export, "svcdesc")
    peers = [r for r in export if not r["tool"].startswith("svcdesc")]
    if ours and peers:
        fast = min(peers, key=lambda r: r["wall"])
        add("export CSV: at least 3x faster than the fastest peer (wall)",
            f"{fast['wall'] / ours['wall']:.1f}x ({fast['tool']})", fast["wall"] / ours["wall"] >= 3)
        low = min(peers, key=lambda r: r["rss"])
        add("export CSV: lower peak memory than every peer",
            f"{ours['rss']:.1f} MiB against {low['rss']:.1f} ({low['tool']})", ours["rss"] < low["rss"])
    fetch = benches.get("fetch-text", [])
    first, second = find(fetch, "svcdesc first run"), find(fetch, "svcdesc second run")
    peers = [r for r in (find(fetch, "wget2 first run"), find(fetch, "curl")) if r]
    if first and peers:
        fast = min(peers, key=lambda r: r["wall"])
        add("fetch: first run at least as fast as the faster of wget2 and curl (wall)",
            f"{first['wall']:.2f} s against {fast['wall']:.2f} s ({fast['tool']})", first["wall"] <= fast["wall"])
        low = min(peers, key=lambda r: r["cpu"])
        add("fetch: first run with less CPU than wget2 and curl",
            f"{first['cpu']:.2f} s against {low['cpu']:.2f} s ({low['tool']})", first["cpu"] < low["cpu"])
    if first and second:
        add("fetch: unchanged second run at least 5x faster than the first (wall)",
            f"{first['wall'] / second['wall']:.1f}x", first["wall"] / second["wall"] >= 5)
    return found


def main():
    benches = load(sys.argv[1])
    out = ["## Goals", ""]
    g = goals(benches)
    if g:
        out += ["| goal | measured | met |", "|---|---|---|"]
        out += [f"| {goal} | {measured} | {met} |" for goal, measured, met in g]
    else:
        out.append("(no goal's rows were measured in this run)")
    out += ["", "## Side by side", "",
            "Ratios are the peer's figure divided by svcdesc's: above 1, svcdesc is faster, uses less"
            " CPU or less memory by that factor.", ""]
    for bench, rows in benches.items():
        out += table(bench, rows)
    print("\n".join(out))


if __name__ == "__main__":
    main()
