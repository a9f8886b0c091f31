#!/usr/bin/env python3
"""End-to-end tests of `svcdesc fetch` against tests/fetch/server.py.

    fetch_test.py SVCDESC SERVER_DIR CASE

Each case runs the real binary in a fresh temporary directory against the server the CTest
fixture started (its port is in SERVER_DIR/port) and checks what a maintainer would look at: the
records and their source.status, the messages, the exit status, the state file (sqlite3) and the
server's counts of 200s and 304s. Page names start with the case name, so cases can run in
parallel against one server. Every timeout is small and every wait is bounded.
"""
import json
import os
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

BIN, SERVER_DIR, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
with open(os.path.join(SERVER_DIR, "port")) as f:
    PORT = int(f.read())
BASE = "http://127.0.0.1:%d" % PORT
# Small timeouts, one retry, no rate limit: every fault ends within a few seconds.
FAST_OPTIONS = {"rate": "0", "timeout": "2", "connect-timeout": "1", "retries": "1",
                "backoff": "0.05", "low-speed": "1000", "low-speed-time": "1", "max-wait": "5"}


def fast(**changes):
    """The FAST options with some changed: fast(timeout="1", low_speed_time="5")."""
    options = dict(FAST_OPTIONS)
    options.update({k.replace("_", "-"): v for k, v in changes.items()})
    return [x for k, v in options.items() for x in ("--" + k, v)]


FAST = fast()
TMP = tempfile.mkdtemp(prefix="svcdesc-fetch-")
STATE = os.path.join(TMP, "state.sqlite")
OUT = os.path.join(TMP, "records.ndjson")
ENV = dict(os.environ, LC_ALL="C", TZ="UTC", NO_COLOR="1")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message)


def http(path):
    with urllib.request.urlopen(BASE + path, timeout=5) as r:
        return r.read().decode()


def set_mode(page, mode, sample=None):
    http("/_set?page=%s&mode=%s%s" % (page, mode, "&sample=" + sample if sample else ""))


def stats(page):
    return json.loads(http("/_stats?page=" + page))


def url(page, base=BASE):
    return "%s/page/%s" % (base, page)


class Run:
    def __init__(self, args, stdin=None, state=STATE, env=None):
        p = subprocess.run([BIN, "fetch", "--state", state, "-o", OUT] + args,
                           env=dict(ENV, **(env or {})), capture_output=True, text=True,
                           timeout=60, input=stdin)
        self.exit, self.stdout, self.stderr = p.returncode, p.stdout, p.stderr
        print("$ svcdesc fetch %s\n-> exit %d\n%s" % (" ".join(args), self.exit, self.stderr))


def records():
    if not os.path.exists(OUT):
        return []
    with open(OUT) as f:
        return [json.loads(line) for line in f if line.strip()]


def by_url(recs):
    return {r["source"]["url"]: r for r in recs}


def state_row(page_url):
    db = sqlite3.connect(STATE)
    db.row_factory = sqlite3.Row
    row = db.execute("SELECT u.*, coalesce(r.lines, '') AS records FROM urls u "
                     "LEFT JOIN url_records r ON r.url = u.url WHERE u.url = ?", (page_url,)).fetchone()
    attempts = db.execute("SELECT * FROM attempts WHERE url = ? ORDER BY time, rowid",
                          (page_url,)).fetchall()
    db.close()
    return (dict(row) if row else None), [dict(a) for a in attempts]


def integrity_ok():
    db = sqlite3.connect(STATE)
    ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    return ok


# --- cases ---------------------------------------------------------------------------------------

def case_incremental():
    """A first run fetches; a second sends validators and downloads nothing; a changed page is
    parsed again; a page without validators but with the same body is not re-parsed."""
    pages = ["incr-a", "incr-b", "incr-c"]
    set_mode("incr-a", "ok", "suomifi-fi-perhetyo.txt")
    set_mode("incr-b", "ok", "suomifi-sv-familjearbete.txt")
    set_mode("incr-c", "novalidators", "stm-perhekeskukset.txt")
    urls = [url(p) for p in pages]
    r = Run(FAST + urls)
    check(r.exit == 0, "first run exits 0")
    recs = records()
    check(len(recs) == 3, "three records")
    check([x["id"] for x in recs] == sorted(x["id"] for x in recs), "records sorted by id")
    for x in recs:
        check(x["source"]["status"] == "fetched", "fresh records are fetched")
        check(x["source"].get("fetched_at", "").endswith("Z"), "fetched_at is set")
        check("file" not in x["source"], "no source.file for a fetched page")
    a = by_url(recs)[urls[0]]
    check(a["source"].get("etag", "").startswith('"'), "etag kept verbatim")
    check(a["source"].get("http_last_modified") == "Mon, 02 Nov 2026 10:00:00 GMT",
          "Last-Modified kept")
    check(a["title"] == "Perhetyö", "the page was parsed")
    check("1 URL" not in r.stderr and "3 fetched, 0 unchanged" in r.stderr, "summary line")
    row, attempts = state_row(urls[0])
    check(row is not None and row["etag"] == a["source"]["etag"], "state keeps the ETag")
    check(row is not None and len(row["sha256"]) == 64 and row["records"].count("\n") == 1,
          "state keeps the hash and the record")
    check(len(attempts) == 1 and attempts[0]["http_status"] == 200, "one attempt recorded")

    before = [stats(p) for p in pages]
    r = Run(FAST + urls)
    check(r.exit == 0, "second run exits 0")
    after = [stats(p) for p in pages]
    check(after[0]["200"] == before[0]["200"] and after[0]["304"] == before[0]["304"] + 1,
          "unchanged page: a 304, no body downloaded")
    check(after[1]["200"] == before[1]["200"], "second page not downloaded again")
    recs2 = by_url(records())
    check(all(x["source"]["status"] == "unchanged" for x in recs2.values()), "all unchanged")
    check(recs2[urls[0]]["title"] == "Perhetyö" and recs2[urls[0]]["id"] == a["id"],
          "the stored record is carried forward")
    check("0 fetched, 3 unchanged" in r.stderr, "summary says unchanged")

    set_mode("incr-a", "ok", "suomifi-en-child-benefit.txt")
    r = Run(FAST + urls)
    recs3 = by_url(records())
    check(recs3[urls[0]]["source"]["status"] == "fetched" and
          recs3[urls[0]]["title"] != "Perhetyö", "a changed page is parsed again")
    check(recs3[urls[1]]["source"]["status"] == "unchanged", "others stay unchanged")


def case_state_migration():
    """A state file of schema version 2 (records in the urls row) is migrated to 3 (records in
    url_records) with its records: the next run's 304 carries them forward."""
    set_mode("migr-a", "ok", "suomifi-fi-perhetyo.txt")
    r = Run(FAST + [url("migr-a")])
    check(r.exit == 0, "first run exits 0")
    first = records()
    db = sqlite3.connect(STATE)  # back to version 2, as an older svcdesc left it
    db.executescript("""
        CREATE TABLE urls2 (url TEXT PRIMARY KEY NOT NULL, final_url TEXT NOT NULL DEFAULT '',
          etag TEXT, last_modified TEXT, sha256 TEXT NOT NULL DEFAULT '',
          records TEXT NOT NULL DEFAULT '', http_status INTEGER NOT NULL DEFAULT 0,
          good_at INTEGER NOT NULL DEFAULT 0, withdrawn INTEGER NOT NULL DEFAULT 0,
          withdrawn_reason TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
        INSERT INTO urls2 SELECT u.url, u.final_url, u.etag, u.last_modified, u.sha256,
          coalesce(r.lines, ''), u.http_status, u.good_at, u.withdrawn, u.withdrawn_reason
          FROM urls u LEFT JOIN url_records r ON r.url = u.url;
        DROP TABLE urls; DROP TABLE url_records; ALTER TABLE urls2 RENAME TO urls;
        PRAGMA user_version = 2;""")
    db.close()
    before = stats("migr-a")
    r = Run(FAST + [url("migr-a")])
    check(r.exit == 0, "the run on the migrated file exits 0")
    check(stats("migr-a")["304"] == before["304"] + 1, "the validators survived: a 304")
    again = records()
    check(len(again) == 1 and again[0]["source"]["status"] == "unchanged" and
          again[0]["title"] == first[0]["title"], "the stored record survived the migration")
    db = sqlite3.connect(STATE)
    check(db.execute("PRAGMA user_version").fetchone()[0] == 3, "version 2 migrated to 3")
    check("records" not in [c[1] for c in db.execute("PRAGMA table_info(urls)")],
          "the records left the urls row")
    db.close()
    check(integrity_ok(), "state file intact")


def case_spool():
    """The records wait for the end of the run in a temporary file in TMPDIR, not in memory: the
    output is the same, sorted by id, and a TMPDIR that cannot be written is a clear error (exit 2)
    that leaves the output alone, while the state keeps what was fetched for the next run."""
    pages = ["spool-a", "spool-b", "spool-c"]
    for p, sample in zip(pages, ["suomifi-fi-perhetyo.txt", "suomifi-sv-familjearbete.txt",
                                 "stm-perhekeskukset.txt"]):
        set_mode(p, "ok", sample)
    spool_dir = os.path.join(TMP, "spool")
    os.mkdir(spool_dir)
    r = Run(FAST + [url(p) for p in pages], env={"TMPDIR": spool_dir})
    recs = records()
    check(r.exit == 0 and len(recs) == 3, "three records through the spool")
    check([x["id"] for x in recs] == sorted(x["id"] for x in recs), "sorted by id")
    check(os.listdir(spool_dir) == [], "nothing left in TMPDIR")
    before = open(OUT, "rb").read()
    set_mode("spool-a", "ok", "suomifi-en-child-benefit.txt")
    r = Run(FAST + [url(p) for p in pages], env={"TMPDIR": os.path.join(TMP, "missing")})
    check(r.exit == 2, "TMPDIR missing: exit 2")
    check("cannot create a temporary file in %s" % os.path.join(TMP, "missing") in r.stderr and
          "the next run writes them" in r.stderr, "the message says where and what follows")
    check(open(OUT, "rb").read() == before, "the output is left as it was")
    row, _ = state_row(url("spool-a"))
    check(row is not None and "Child benefit" in row["records"], "the state has the new record")
    r = Run(FAST + [url(p) for p in pages])
    check(r.exit == 0 and any(x["title"] == "Child benefit" for x in records()),
          "the next run writes it")


def case_withdrawn():
    """404 and 410 after a good fetch keep the record, marked withdrawn; a 404 of a page never
    fetched is a failure without a record."""
    for p in ("gone-404", "gone-410"):
        set_mode(p, "ok")
    urls = [url("gone-404"), url("gone-410")]
    r = Run(FAST + urls)
    check(r.exit == 0, "first run exits 0")
    set_mode("gone-404", "404")
    set_mode("gone-410", "410")
    r = Run(FAST + urls)
    check(r.exit == 0, "withdrawn pages are not failures (exit 0)")
    recs = by_url(records())
    check(len(recs) == 2, "withdrawn records are kept")
    w = recs.get(urls[0], {}).get("source", {})
    check(w.get("status") == "withdrawn", "404 -> withdrawn")
    check(w.get("status_reason", "").startswith("HTTP 404 Not Found on 20"), "reason names 404 and the day")
    check(recs.get(urls[1], {}).get("source", {}).get("status_reason", "").startswith("HTTP 410 Gone"),
          "410 reason")
    check("2 withdrawn" in r.stderr, "summary counts withdrawn")
    row, _ = state_row(urls[0])
    check(row["withdrawn"] == 1 and row["http_status"] == 404, "state marks the page withdrawn")

    set_mode("gone-never", "404")
    os.remove(OUT)
    r = Run(FAST + [url("gone-never")])
    check(r.exit == 1, "a page never fetched that is 404 fails (exit 1)")
    check(records() == [], "and has no record")
    check("gone-never: error: HTTP 404 Not Found" in r.stderr, "message names the URL and 404")


def case_carried_over():
    """A page fetched once, then failing (500, hang, drip, truncated, false gzip, wrong charset,
    huge, redirect loop), keeps its last good record as carried_over with the reason; exit 1."""
    faults = {
        "co-500": ("500", "HTTP 500 Internal Server Error (after 2 attempts)"),
        "co-drip": ("drip", "too slow"),
        "co-trunc": ("truncated", "truncated body"),
        "co-gzip": ("falsegzip", "Content-Encoding"),
        "co-latin1": ("latin1", "could not be parsed: invalid UTF-8"),
        "co-huge": ("huge", "more than --max-size"),
        "co-loop": ("loop", "redirects"),
    }
    for p in faults:
        set_mode(p, "ok")
    urls = [url(p) for p in faults]
    args = fast(timeout="3")
    r = Run(args + urls)
    check(r.exit == 0 and len(records()) == len(faults), "first run fetches every page")
    good = {u: state_row(u)[0]["sha256"] for u in urls}
    for p, (mode, _) in faults.items():
        set_mode(p, mode)
    r = Run(args + ["--concurrency", "16", "--per-host", "16"] + urls)
    check(r.exit == 1, "failures give exit 1")
    recs = by_url(records())
    check(len(recs) == len(faults), "every page still has its record")
    for p, (mode, reason) in faults.items():
        s = recs.get(url(p), {}).get("source", {})
        check(s.get("status") == "carried_over", "%s: carried_over" % mode)
        check(reason in s.get("status_reason", ""),
              "%s: reason %r in %r" % (mode, reason, s.get("status_reason")))
        check(("%s: warning: carried-over: " % url(p)) in r.stderr, "%s: warning printed" % mode)
        row, attempts = state_row(url(p))
        check(row["sha256"] == good[url(p)], "%s: state keeps the last good hash" % mode)
        check(attempts[-1]["outcome"] == "carried_over", "%s: the attempt is in the history" % mode)
    check("%d carried over" % len(faults) in r.stderr, "summary counts carried over")
    # The failed attempts left the validators alone: once the server is well, a 304 ends it.
    set_mode("co-500", "ok")
    r = Run(FAST + [url("co-500")])
    check(r.exit == 0 and records()[0]["source"]["status"] == "unchanged", "recovers as unchanged")


def peak_rss_mib():
    """The peak resident set of the largest child run so far, in MiB (ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def case_gzip_bomb():
    """Content-Encoding: gzip on 104 KB that decompress to 100 MiB: the page is too large (the
    limit holds after decompression), the last good record is carried over, memory stays bounded
    and the run is quick; a page never fetched fails without a record; a sitemap that is a gzip
    bomb or a billion laughs is refused by name."""
    set_mode("bomb-a", "ok")
    r = Run(FAST + [url("bomb-a")])
    check(r.exit == 0 and len(records()) == 1, "first run fetches the page")
    good = state_row(url("bomb-a"))[0]["sha256"]
    baseline = peak_rss_mib()
    set_mode("bomb-a", "gzipbomb")
    before = stats("bomb-a")["requests"]
    started = time.monotonic()
    r = Run(FAST + [url("bomb-a")])
    elapsed = time.monotonic() - started
    check(r.exit == 1, "a page too large gives exit 1")
    check("%s: warning: carried-over: body larger than --max-size 16777216 bytes" % url("bomb-a")
          in r.stderr, "the page is reported as too large, by its URL")
    s = records()[0]["source"] if records() else {}
    check(s.get("status") == "carried_over"
          and "larger than --max-size" in s.get("status_reason", ""),
          "the last good record is carried over: %r" % s.get("status_reason"))
    check(stats("bomb-a")["requests"] - before == 1, "a body too large is not asked for again")
    # Holding the whole body would take 100 MiB more than the first run; the limit allows 16 MiB
    # (about 30 MiB with the buffer's growth, under ASan too).
    growth = peak_rss_mib() - baseline
    check(growth < 64, "memory stays bounded (peak RSS %.0f MiB over the first run's)" % growth)
    check(elapsed < 5, "the run is quick (%.1f s)" % elapsed)
    row, attempts = state_row(url("bomb-a"))
    check(row["sha256"] == good and attempts[-1]["outcome"] == "carried_over",
          "the state keeps the last good hash and records the attempt")
    check(integrity_ok(), "state file intact")

    set_mode("bomb-new", "gzipbomb")
    with open(OUT, "w") as f:
        f.write("old output\n")
    r = Run(FAST + [url("bomb-new")])
    check(r.exit == 1, "a page never fetched that is too large fails (exit 1)")
    check("%s: error: body larger than --max-size 16777216 bytes; no record" % url("bomb-new")
          in r.stderr, "the failed page is named")
    check(open(OUT).read() == "old output\n", "no record: the output is left as it was")

    set_mode("bomb-sitemap", "gzipbomb")
    set_mode("laughs-sitemap", "laughs")
    started = time.monotonic()
    r = Run(FAST + ["--sitemap", url("bomb-sitemap"), "--sitemap", url("laughs-sitemap")])
    elapsed = time.monotonic() - started
    check(r.exit == 2, "sitemaps that give no URL: exit 2")
    check("%s: error: body larger than --max-size 16777216 bytes" % url("bomb-sitemap") in r.stderr,
          "the gzip bomb sitemap is named")
    check("%s: error: line 2: the sitemap's <!DOCTYPE> declares entities" % url("laughs-sitemap")
          in r.stderr, "the billion laughs sitemap is named, with the line of its <!DOCTYPE>")
    check("svcdesc: error: no usable URL to fetch" in r.stderr, "and nothing is fetched")
    check(open(OUT).read() == "old output\n", "the output is left as it was")
    check(elapsed < 5, "the run is quick (%.1f s)" % elapsed)
    check(integrity_ok(), "state file intact")


def case_hang():
    """A server that accepts the request and answers nothing: --timeout ends it."""
    set_mode("hang-a", "ok")
    args = fast(timeout="1", low_speed_time="5", retries="0")
    r = Run(args + [url("hang-a")])
    check(r.exit == 0, "first run exits 0")
    set_mode("hang-a", "hang")
    r = Run(args + [url("hang-a")])
    check(r.exit == 1, "a timeout gives exit 1")
    s = records()[0]["source"] if records() else {}
    check(s.get("status") == "carried_over" and s.get("status_reason", "").startswith("timed out"),
          "carried over with the timeout as the reason: %r" % s.get("status_reason"))


def case_retries():
    """500 then 200, 429 with Retry-After in seconds and as a date: fetched after a wait; a
    Retry-After longer than --max-wait fails at once."""
    set_mode("retry-500", "500once")
    set_mode("retry-429s", "429s")
    set_mode("retry-429d", "429date")
    set_mode("retry-429l", "429long")
    urls = [url(p) for p in ("retry-500", "retry-429s", "retry-429d", "retry-429l")]
    r = Run(FAST + urls)
    check(r.exit == 1, "the page that asks for an hour fails (exit 1)")
    recs = by_url(records())
    for u in urls[:3]:
        check(recs.get(u, {}).get("source", {}).get("status") == "fetched", "%s fetched after a retry" % u)
        _, attempts = state_row(u)
        check(len(attempts) == 2, "%s: two attempts in the history" % u)
    _, attempts = state_row(urls[1])
    check(attempts[0]["http_status"] == 429, "the first attempt was the 429")
    for p in ("retry-429s", "retry-429d"):
        times = stats(p)["times"]
        check(len(times) == 2 and times[1] - times[0] >= 0.9, "%s: Retry-After honoured" % p)
    check("retry-429l: error: HTTP 429 Too Many Requests; the server asks to wait 3600 s" in r.stderr,
          "too long a Retry-After is reported")
    check(stats("retry-429l")["requests"] == 1, "and not retried")


def case_robots():
    """robots.txt of host "localhost" disallows /page/private and asks for Crawl-delay 1."""
    base = "http://localhost:%d" % PORT
    set_mode("private", "ok")
    set_mode("robots-a", "ok")
    set_mode("robots-b", "ok")
    before = stats("private")["requests"]
    r = Run(FAST + [url("private", base), url("robots-a", base), url("robots-b", base)])
    check(r.exit == 1, "a disallowed page is a failure (exit 1)")
    check("private: error: disallowed by robots.txt" in r.stderr, "disallowed page named")
    check(stats("private")["requests"] == before, "the disallowed page was not requested")
    check(len(records()) == 2, "the allowed pages were fetched")
    ta, tb = stats("robots-a")["times"][-1], stats("robots-b")["times"][-1]
    check(abs(tb - ta) >= 0.9, "Crawl-delay 1 between requests (%.2f s)" % abs(tb - ta))
    r = Run(FAST + ["--ignore-robots", url("private", base)])
    check(r.exit == 0 and stats("private")["requests"] == before + 1, "--ignore-robots fetches it")


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def case_unreachable():
    """Nothing listens: exit 2; a host that keeps failing is given up with one message."""
    dead = "http://127.0.0.1:%d" % closed_port()
    urls = [url("dead-%d" % i, dead) for i in range(12)]
    r = Run(fast(retries="3") + ["--concurrency", "1"] + urls)
    check(r.exit == 2, "no server reached -> exit 2")
    check("no server could be reached" in r.stderr, "says no server could be reached")
    check(r.stderr.count("cannot be reached") == 1, "one message for the host")
    check(r.stderr.count("error:") == 1, "not one message per URL")
    check(not os.path.exists(OUT), "no output written when nothing was fetched")
    # A host that answers, but only with errors, is given up after 8 failed attempts in a row.
    pages = ["failing-%d" % i for i in range(10)]
    for p in pages:
        set_mode(p, "500")
    r = Run(FAST + ["--concurrency", "1"] + [url(p) for p in pages])
    check(r.exit == 1, "a failing host gives exit 1 (it was reached)")
    check(r.stderr.count("giving up on this host") == 1, "one give-up message for the host")
    check(r.stderr.count(": error: ") <= 5, "no message per URL after the give-up")
    check(sum(stats(p)["requests"] for p in pages) == 8, "no request after the give-up")
    # With a reachable page beside it, the dead host is a failure, not trouble.
    set_mode("dead-mixed", "ok")
    r = Run(FAST + [url("dead-mixed"), urls[0]])
    check(r.exit == 1, "one host down, another up -> exit 1")


def case_state_file():
    """A damaged, foreign, newer or locked state file: exit 2, clear message, file untouched."""
    set_mode("state-a", "ok")
    with open(STATE, "wb") as f:
        f.write(b"this is not a database\n" * 100)
    data = open(STATE, "rb").read()
    r = Run(FAST + [url("state-a")])
    check(r.exit == 2 and "is not an svcdesc state file or is damaged" in r.stderr, "damaged file")
    check(open(STATE, "rb").read() == data, "damaged file untouched")
    os.remove(STATE)
    db = sqlite3.connect(STATE)
    db.execute("CREATE TABLE t(x)")
    db.commit()
    db.close()
    r = Run(FAST + [url("state-a")])
    check(r.exit == 2 and "some other program" in r.stderr, "foreign database refused")
    os.remove(STATE)
    r = Run(FAST + [url("state-a")])
    check(r.exit == 0, "a new state file is created")
    db = sqlite3.connect(STATE)
    check(db.execute("PRAGMA user_version").fetchone()[0] == 3, "schema version 3")
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    r = Run(FAST + [url("state-a")])
    check(r.exit == 2 and "newer svcdesc" in r.stderr, "newer schema refused")
    db = sqlite3.connect(STATE)
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.execute("BEGIN EXCLUSIVE")
    r = Run(FAST + [url("state-a")])
    check(r.exit == 2 and "is locked by another process" in r.stderr, "locked file reported")
    db.rollback()
    db.close()
    check(integrity_ok(), "state file intact")


def case_interrupt():
    """SIGINT and SIGKILL in the middle: the state stays usable, the output is not half-written,
    the next run completes and does not download again what was done."""
    pages = ["int-%d" % i for i in range(12)]
    for p in pages:
        set_mode(p, "slow")
    urls = [url(p) for p in pages]
    for sig in (signal.SIGINT, signal.SIGKILL):
        if os.path.exists(STATE):
            os.remove(STATE)
        with open(OUT, "w") as f:
            f.write("old output\n")
        p = subprocess.Popen([BIN, "fetch", "--state", STATE, "-o", OUT, "--concurrency", "1"]
                             + FAST + urls, env=ENV, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        time.sleep(1.2)
        p.send_signal(sig)
        _, err = p.communicate(timeout=20)
        print("%s -> exit %d\n%s" % (sig.name, p.returncode, err))
        if sig == signal.SIGINT:
            check(p.returncode == 130, "SIGINT -> exit 130")
            check("interrupted after" in err and "was not written" in err, "SIGINT message")
        check(open(OUT).read() == "old output\n", "%s: output left as it was" % sig.name)
        check(integrity_ok(), "%s: state file intact" % sig.name)
        db = sqlite3.connect(STATE)
        done = db.execute("SELECT count(*) FROM urls WHERE sha256 != ''").fetchone()[0]
        db.close()
        check(0 < done < len(pages), "%s: part of the run is in the state (%d)" % (sig.name, done))
        before = sum(stats(x)["200"] for x in pages)
        r = Run(FAST + ["--concurrency", "4"] + urls)
        check(r.exit == 0 and len(records()) == len(pages), "%s: the next run completes" % sig.name)
        got = sum(stats(x)["200"] for x in pages) - before
        # The request in flight at the signal may have been counted by the server after `before`.
        check(len(pages) - done <= got <= len(pages) - done + 1,
              "%s: only the rest is downloaded (%d)" % (sig.name, got))


def case_inputs():
    """A URL list with comments, duplicates and a bad line; a sitemap index; the report."""
    for i in (1, 2, 3):
        set_mode("sm-%d" % i, "ok")
    set_mode("list-a", "ok")
    listing = os.path.join(TMP, "urls.txt")
    with open(listing, "w") as f:
        f.write("# nightly list\n%s\n\nftp://example.org/x\n%s#fragment\n%s\n" % (
            url("list-a"), url("list-a"), BASE.upper().replace("HTTP", "http") + "/page/list-a"))
    report = os.path.join(TMP, "report.ndjson")
    r = Run(FAST + ["-i", listing, "--report", report])
    check(r.exit == 1, "a bad line in the list gives exit 1")
    check("urls.txt:4: error: ftp://example.org/x" in r.stderr, "the bad line is named with its line")
    check(len(records()) == 1, "duplicates after normalization are fetched once")
    lines = [json.loads(x) for x in open(report)]
    check(len(lines) == 1 and lines[0]["outcome"] == "fetched" and lines[0]["http_status"] == 200
          and lines[0]["bytes"] > 0, "report line")
    r = Run(FAST + ["--sitemap", BASE + "/sitemap-index.xml"])
    check(r.exit == 0 and len(records()) == 3, "the sitemap index gives three pages")
    r = Run(FAST, stdin=url("list-a") + "\n")
    check(r.exit == 0 and len(records()) == 1, "URLs from standard input")
    r = Run(FAST + ["--insecure", url("list-a")])
    check("--insecure: TLS certificates are not checked" in r.stderr, "--insecure warns")
    r = Run(FAST + ["ftp://example.org/"])
    check(r.exit == 2 and "ftp://example.org/" in r.stderr, "a bad URL argument is a usage error")
    r = Run(FAST + ["file://" + os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..",
                                                              "samples", "stm-perhekeskukset.txt"))])
    check(r.exit == 2, "file:// needs --allow-file")


def case_html():
    """HTML pages are parsed as HTML, and the charset of Content-Type outranks the page's own."""
    set_mode("html-a", "ok", "suomifi-fi-perhetyo-html.html")
    set_mode("html-cp1252", "cp1252", "../tests/cli/inputs/html/declared-utf8-is-latin1.html")
    r = Run(FAST + [url("html-a"), url("html-cp1252")])
    check(r.exit == 0, "HTML pages fetched")
    recs = by_url(records())
    a = recs.get(url("html-a"), {})
    check(a.get("title") == "Perhetyö" and a.get("source", {}).get("format") == "html",
          "an HTML page is read as HTML")
    b = recs.get(url("html-cp1252"), {})
    org = (b.get("organisation") or {}).get("name")
    check(org == "Jyväskylän kaupunki", "windows-1252 from the header decodes the page (%r)" % org)
    check(not any(w["code"] == "charset-invalid" for w in b.get("warnings", [])),
          "no charset warning when the header says the truth")


def case_ptv_archived_page():
    """Issue 5: a PTV JSON page whose service is archived gives a withdrawn record, fetched and
    when carried forward, while the published service beside it is fetched, then unchanged."""
    set_mode("ptvpage-a", "ok", "ptv-envelope-nationwide-archived.json")
    for run in ("fetched", "unchanged"):
        r = Run(FAST + [url("ptvpage-a")])
        check(r.exit == 0, "%s run exits 0" % run)
        statuses = sorted((x["source"]["status"], x["source"].get("status_reason", ""))
                          for x in records())
        check(len(statuses) >= 2, "both services have records")
        check(("withdrawn", "PTV publishingStatus Archived") in statuses,
              "%s run: the archived service is withdrawn: %r" % (run, statuses))
        check(any(st == run for st, _ in statuses), "%s run: the published one is %s" % (run, run))


# --- PTV Open API (server.py's fake under /ptv/DATASET/api/v11/) --------------------------------

PTV_SERVICES = 120  # as server.py makes them: every tenth trilingual
PTV_RECORDS = PTV_SERVICES + 2 * (PTV_SERVICES // 10)
PTV_ORG_A = "aaaaaaaa-0000-4000-8000-000000000001"


def ptv_guid(i):
    return "00000000-0000-4000-8000-%012d" % i


def ptv_base(dataset):
    return "%s/ptv/%s/api/v11/" % (BASE, dataset)


def ptv_control(dataset, op, **params):
    query = "".join("&%s=%s" % kv for kv in params.items())
    return json.loads(http("/_ptv?ds=%s&op=%s%s" % (dataset, op, query)))


def ptv_run(dataset, *args, state=STATE):
    return Run(FAST + ["--ptv", "--ptv-base", ptv_base(dataset)] + list(args), state=state)


def report(path):
    return [json.loads(x) for x in open(path)] if os.path.exists(path) else []


def by_id(recs):
    out = {}
    for r in recs:
        out.setdefault(r["id"], []).append(r)
    return out


def ptv_since_stored(state=STATE):
    db = sqlite3.connect(state)
    rows = db.execute("SELECT since FROM ptv_selections").fetchall()
    db.close()
    return [r[0] for r in rows]


def case_ptv_incremental():
    """A first run gets every service (one record per language, sorted); a second asks only for
    what changed since and still writes every service; an archived service becomes withdrawn."""
    ds = "incr"
    rep = os.path.join(TMP, "report.ndjson")
    r = ptv_run(ds, "--report", rep)
    check(r.exit == 0, "first run exits 0")
    recs = records()
    check(len(recs) == PTV_RECORDS, "one record per service and language (%d)" % len(recs))
    keys = [(x["id"], x["lang"]) for x in recs]
    check(keys == sorted(keys) and len(set(keys)) == len(keys), "sorted by id, no duplicates")
    check(len(by_id(recs)) == PTV_SERVICES, "every service")
    check(all(x["source"]["status"] == "fetched" for x in recs), "all fetched")
    check(by_id(recs)[ptv_guid(3)][0]["source"].get("url") == ptv_base(ds) + "Service/" + ptv_guid(3),
          "source.url is the service in the API")
    check("120 services: 120 fetched" in r.stderr, "summary counts services")
    lines = report(rep)
    check(len(lines) == PTV_SERVICES and all(x["outcome"] == "fetched" for x in lines),
          "one report line per service")
    stats = ptv_control(ds, "stats")
    check(len(stats["list_guids"]) == PTV_SERVICES, "each service asked for once")
    check(not any("date=" in p for p in stats["paths"]), "a first run asks for the full listing")
    check(sum("/Service?page=" in p for p in stats["paths"]) == 5, "all five pages listed")
    check(all(len(p.split("guids=")[1].split(",")) <= 100 for p in stats["paths"] if "guids=" in p),
          "at most 100 GUIDs a call")
    since = ptv_since_stored()
    check(len(since) == 1 and since[0].startswith("20"), "the since-date is stored: %r" % since)
    db = sqlite3.connect(STATE)
    check(db.execute("PRAGMA user_version").fetchone()[0] == 3, "state schema 3")
    db.close()

    asked = len(stats["list_guids"])
    r = ptv_run(ds)
    stats = ptv_control(ds, "stats")
    check(r.exit == 0 and len(stats["list_guids"]) == asked, "nothing changed: no service fetched")
    check(any("date=" + since[0] in p for p in stats["paths"]), "the stored date is asked from")
    check(len(records()) == PTV_RECORDS and
          all(x["source"]["status"] == "unchanged" for x in records()), "all unchanged, all written")

    ptv_control(ds, "modify", n="4")
    ptv_control(ds, "modify", n="10")
    ptv_control(ds, "archive", n="7")
    r = ptv_run(ds, "--report", rep)
    check(r.exit == 0, "third run exits 0")
    stats = ptv_control(ds, "stats")
    check(sorted(stats["list_guids"][asked:]) == [ptv_guid(4), ptv_guid(10)],
          "only the changed services are downloaded: %r" % stats["list_guids"][asked:])
    ids = by_id(records())
    check(len(ids) == PTV_SERVICES and len(records()) == PTV_RECORDS, "every service is written")
    check(ids[ptv_guid(4)][0]["source"]["status"] == "fetched" and
          ids[ptv_guid(4)][0]["title"].endswith("4 v1"), "a changed service is fresh")
    check(all(x["source"]["status"] == "fetched" for x in ids[ptv_guid(10)]),
          "all languages of a changed service are fresh")
    w = ids[ptv_guid(7)][0]["source"]
    check(w["status"] == "withdrawn" and w.get("status_reason", "").startswith("PTV status Archived on 20"),
          "an archived service is withdrawn with the reason: %r" % w)
    check(ids[ptv_guid(8)][0]["source"]["status"] == "unchanged", "the others unchanged")
    check("2 fetched, 117 unchanged, 0 carried over, 1 withdrawn" in r.stderr, "summary")
    outcomes = {x["url"].rsplit("/", 1)[1]: x["outcome"] for x in report(rep)}
    check(len(outcomes) == PTV_SERVICES and outcomes[ptv_guid(7)] == "withdrawn", "report lines")
    r = ptv_run(ds)
    check(by_id(records())[ptv_guid(7)][0]["source"]["status"] == "withdrawn", "withdrawn stays so")


def case_ptv_faults():
    """A list call that fails once (500; 503 with Retry-After) is retried; one that keeps failing
    carries its services over with the reason, exit 1, and the date is not advanced."""
    ds = "faults"
    ptv_control(ds, "fail", n="3", mode="500once")
    ptv_control(ds, "fail", n="110", mode="503once")
    started = time.time()
    r = ptv_run(ds)
    check(r.exit == 0 and len(records()) == PTV_RECORDS, "retried batches succeed (exit 0)")
    check(time.time() - started >= 0.9, "Retry-After: 1 honoured")
    since = ptv_since_stored()
    _, attempts = state_row("ptv:" + ptv_guid(3))
    check(len(attempts) == 2 and attempts[0]["http_status"] == 500, "the 500 is in the history")

    ptv_control(ds, "modify", n="3")
    ptv_control(ds, "modify", n="50")
    ptv_control(ds, "fail", n="3", mode="500")
    r = ptv_run(ds)
    check(r.exit == 1, "a failing batch gives exit 1")
    ids = by_id(records())
    check(len(ids) == PTV_SERVICES, "the output still holds every service")
    s = ids[ptv_guid(3)][0]["source"]
    check(s["status"] == "carried_over" and "HTTP 500" in s.get("status_reason", ""),
          "carried over with the reason: %r" % s)
    check(ids[ptv_guid(3)][0]["title"] == "Perhetyö 3", "the last good record is kept")
    check(ids[ptv_guid(50)][0]["source"]["status"] == "carried_over", "its batch-mate too")
    check("warning: carried-over: HTTP 500" in r.stderr, "the warning names the failure")
    check("2 services failed; the next run asks for them again" in r.stderr,
          "says that the failed services will be asked for again")
    db = sqlite3.connect(STATE)
    retry = [v for k, v in db.execute("SELECT key, value FROM meta") if k.startswith("ptv_retry")]
    db.close()
    check(retry and sorted(retry[0].split(",")) == sorted([ptv_guid(3), ptv_guid(50)]),
          "the failed services are kept by GUID: %r" % retry)

    # The next run asks for them by GUID, even with a --since that lists nothing changed.
    ptv_control(ds, "fail", n="3", mode="ok")
    r = ptv_run(ds, "--since", "2099-01-01")
    ids = by_id(records())
    check(r.exit == 0 and ids[ptv_guid(3)][0]["title"] == "Perhetyö 3 v1",
          "the next run fetches what failed")
    check(ids[ptv_guid(50)][0]["source"]["status"] == "fetched", "its batch-mate too")
    db = sqlite3.connect(STATE)
    retry = [v for k, v in db.execute("SELECT key, value FROM meta") if k.startswith("ptv_retry")]
    db.close()
    check(retry == [""], "nothing left to retry")

    # The listing itself fails: nothing says which services changed, so all are carried over.
    since = ptv_since_stored()
    ptv_control(ds, "faillisting", mode="500")
    r = ptv_run(ds)
    ptv_control(ds, "faillisting", mode="ok")
    check(r.exit == 1 and len(records()) == PTV_RECORDS, "a failed listing: exit 1, every record")
    check(all(x["source"]["status"] == "carried_over" and
              "list of changed services could not be read (HTTP 500" in x["source"]["status_reason"]
              for x in records()), "all carried over with the reason")
    # (server.py fails the archived and withdrawn listings too: three listings, three messages)
    check(r.stderr.count("error:") == 3 and "warning: carried-over" not in r.stderr,
          "one message per listing, not one per service")
    check("incomplete; the next run asks again from " + since[0] in r.stderr, "says what happens next")
    check(ptv_since_stored() == since, "the date is not advanced")


def case_ptv_since():
    """--since overrides the stored date; a bad --since and --ptv with URLs are usage errors."""
    ds = "since"
    r = ptv_run(ds)
    check(r.exit == 0, "first run")
    asked = len(ptv_control(ds, "stats")["list_guids"])
    r = ptv_run(ds, "--since", "2026-01-05")
    stats = ptv_control(ds, "stats")
    check(any("date=2026-01-05T00:00:00&" in p for p in stats["paths"]), "--since is asked from")
    # Services 0-119 are modified 2026-01-01 + i hours: from the 5th on, i >= 96.
    check(len(stats["list_guids"]) - asked == PTV_SERVICES - 96,
          "only the services modified since are downloaded (%d)" % (len(stats["list_guids"]) - asked))
    check(r.exit == 0 and len(records()) == PTV_RECORDS and
          all(x["source"]["status"] == "unchanged" for x in records()), "unchanged bodies")
    for args, message in (([ "--since", "yesterday"], "--since yesterday is not a date"),
                          (["--ptv-area", "091"], "--ptv-area 091 is not TYPE:CODE"),
                          (["--ptv-organization", "x"], "--ptv-organization x is not a GUID"),
                          ([url("x")], "give either --ptv or URLs")):
        r = ptv_run(ds, *args)
        check(r.exit == 2 and message in r.stderr, "usage error: %s" % message)
    r = Run(FAST + ["--since", "2026-01-01", url("x")])
    check(r.exit == 2 and "are for --ptv" in r.stderr, "--since without --ptv")
    r = Run(FAST + ["--ptv", "--ptv-base", "http://127.0.0.1:%d/api/v11/" % closed_port()],
            state=os.path.join(TMP, "dead.sqlite"))
    check(r.exit == 2 and "no server could be reached" in r.stderr, "API unreachable: exit 2")


def case_ptv_filters():
    """An organisation's services come whole from Service/list/organization; an area's from its
    guid listing; a state file of schema version 1 is migrated."""
    ds = "filters"
    db = sqlite3.connect(STATE)  # the schema of version 1, as an older svcdesc left it
    db.executescript("""
        CREATE TABLE urls (url TEXT PRIMARY KEY NOT NULL, final_url TEXT NOT NULL DEFAULT '',
          etag TEXT, last_modified TEXT, sha256 TEXT NOT NULL DEFAULT '',
          records TEXT NOT NULL DEFAULT '', http_status INTEGER NOT NULL DEFAULT 0,
          good_at INTEGER NOT NULL DEFAULT 0, withdrawn INTEGER NOT NULL DEFAULT 0,
          withdrawn_reason TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
        CREATE TABLE attempts (url TEXT NOT NULL, time INTEGER NOT NULL,
          http_status INTEGER NOT NULL, outcome TEXT NOT NULL, error TEXT NOT NULL DEFAULT '');
        CREATE INDEX attempts_by_url ON attempts (url, time);
        CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
        PRAGMA user_version = 1;""")
    db.close()
    r = ptv_run(ds, "--ptv-organization", PTV_ORG_A)
    check(r.exit == 0, "organisation run exits 0")
    ids = by_id(records())
    check(sorted(ids) == [ptv_guid(i) for i in range(0, PTV_SERVICES, 3)],
          "only the organisation's services (%d)" % len(ids))
    stats = ptv_control(ds, "stats")
    check(stats["list_guids"] == [] and
          sum("list/organization?organizationId=" + PTV_ORG_A in p for p in stats["paths"]) == 2,
          "read whole from the organisation's two pages")
    db = sqlite3.connect(STATE)
    check(db.execute("PRAGMA user_version").fetchone()[0] == 3, "version 1 migrated to 3")
    db.close()
    r = ptv_run(ds, "--ptv-organization", PTV_ORG_A)
    check(r.exit == 0 and all(x["source"]["status"] == "unchanged" for x in records()),
          "the same bodies again: unchanged, not parsed again")

    area_state = os.path.join(TMP, "area.sqlite")
    r = ptv_run(ds, "--ptv-area", "Municipality:091", state=area_state)
    ids = by_id(records())
    check(r.exit == 0 and sorted(ids) == [ptv_guid(i) for i in range(0, PTV_SERVICES, 2)],
          "only the area's services (%d)" % len(ids))
    r = ptv_run(ds, "--ptv-area", "Nowhere:1", state=os.path.join(TMP, "bad.sqlite"))
    check(r.exit == 1 and "HTTP 400" in r.stderr and "incomplete" in r.stderr,
          "an area the API refuses is reported, exit 1")


def case_ptv_killed():
    """SIGKILL in the middle of a run: the state stays usable and the next run completes, without
    parsing again the services already done."""
    ds = "killed"
    ptv_control(ds, "slow", seconds="1.5")
    p = subprocess.Popen([BIN, "fetch", "--state", STATE, "-o", OUT, "--concurrency", "1", "--ptv",
                          "--ptv-base", ptv_base(ds)] + fast(timeout="5", low_speed_time="5"),
                         env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Kill while the second batch is asked for: the first has been answered by then.
    deadline = time.time() + 10
    while len(ptv_control(ds, "stats")["list_guids"]) < PTV_SERVICES and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    p.send_signal(signal.SIGKILL)
    p.communicate(timeout=20)
    check(not os.path.exists(OUT), "no output from the killed run")
    check(integrity_ok(), "state file intact")
    db = sqlite3.connect(STATE)
    done = db.execute("SELECT count(*) FROM urls WHERE url LIKE 'ptv:%' AND sha256 != ''").fetchone()[0]
    db.close()
    check(done == 100, "the first batch is in the state (%d)" % done)
    check(ptv_since_stored() == [], "no since-date from an incomplete run")
    ptv_control(ds, "slow", seconds="0")
    rep = os.path.join(TMP, "report.ndjson")
    r = ptv_run(ds, "--report", rep)
    check(r.exit == 0 and len(records()) == PTV_RECORDS, "the next run completes")
    outcomes = [x["outcome"] for x in report(rep)]
    check(outcomes.count("unchanged") == 100 and outcomes.count("fetched") == 20,
          "what was done is not parsed again")


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    CASES[CASE]()
    if failures:
        print("%d check(s) failed in %s" % (len(failures), CASE))
        sys.exit(1)
    print("ok: " + CASE)
