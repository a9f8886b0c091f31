#!/usr/bin/env python3
"""The test HTTP server of `svcdesc fetch` (Python standard library only).

    server.py start DIR   start in the background on 127.0.0.1, port 0; DIR/port and DIR/pid
                          appear when it is ready
    server.py stop DIR    stop the server started with DIR
    server.py serve DIR   run in the foreground (what `start` runs)

Pages are /page/NAME. Each page has a mode, set with GET /_set?page=NAME&mode=MODE[&sample=S]
(S is a samples/ file, default suomifi-fi-perhetyo.txt):

    ok            the sample, with ETag and Last-Modified; honours If-None-Match and
                  If-Modified-Since with 304
    novalidators  the sample without ETag or Last-Modified (a second run re-downloads it)
    404, 410      that status
    500           always 500
    500once       500 on the first request after being set, then ok
    429s, 429date 429 with Retry-After in seconds (1) or as an HTTP-date (now + 1 s) on the first
                  request after being set, then ok
    429long       429 with Retry-After: 3600, always
    hang          sends nothing for 10 s
    drip          a Content-Length of 100000, then one byte every 0.5 s (for at most 10 s)
    truncated     a Content-Length of 50000 and 100 bytes, then the connection is closed
    falsegzip     Content-Encoding: gzip on a body that is not gzip
    loop          a redirect to /page/NAME-b, which redirects back here
    huge          a Content-Length of 2 GiB, then a few bytes
    latin1        the sample in ISO-8859-1 with "charset=utf-8" in Content-Type
    cp1252        the sample as it is, with "text/html; charset=windows-1252"
    slow          the sample after 0.3 s

Other paths: /robots.txt (for Host "localhost": Disallow /page/private, Crawl-delay 1; for
127.0.0.1: 404), /sitemap.xml and /sitemap-index.xml (listing /page/sm-1 .. sm-3),
/_stats?page=NAME (JSON: {"200": n, "304": n, "requests": n, "times": [...]} for the page, or the
totals without page), /_reset.
"""
import email.utils
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples")
LAST_MODIFIED = "Mon, 02 Nov 2026 10:00:00 GMT"

lock = threading.Lock()
modes = {}  # page -> {"mode": str, "sample": str, "armed": bool}
stats = {}  # page -> {"200": n, "304": n, "requests": n, "times": [...]}


def page_stats(page):
    return stats.setdefault(page, {"200": 0, "304": 0, "requests": 0, "times": []})


def sample_bytes(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read()


def content_type(name):
    if name.endswith(".html"):
        return "text/html; charset=utf-8"
    if name.endswith(".json"):
        return "application/json"
    return "text/plain; charset=utf-8"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, status, body, ctype="text/plain; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def count(self, page, status):
        with lock:
            s = page_stats(page)
            if str(status) in ("200", "304"):
                s[str(status)] += 1

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        path = url.path
        host = (self.headers.get("Host") or "").split(":")[0]
        if path == "/_set":
            with lock:
                modes[query["page"]] = {"mode": query.get("mode", "ok"),
                                        "sample": query.get("sample", "suomifi-fi-perhetyo.txt"),
                                        "armed": True}
            return self.send_body(200, b"ok\n")
        if path == "/_stats":
            with lock:
                if "page" in query:
                    data = page_stats(query["page"])
                else:
                    data = {"200": sum(s["200"] for s in stats.values()),
                            "304": sum(s["304"] for s in stats.values()),
                            "requests": sum(s["requests"] for s in stats.values())}
                body = json.dumps(data).encode()
            return self.send_body(200, body, "application/json")
        if path == "/_reset":
            with lock:
                modes.clear()
                stats.clear()
            return self.send_body(200, b"ok\n")
        if path == "/robots.txt":
            with lock:
                page_stats("robots.txt:" + host)["requests"] += 1
            if host == "localhost":
                return self.send_body(200, b"User-agent: *\nDisallow: /page/private\n"
                                           b"Crawl-delay: 1\n")
            return self.send_body(404, b"no robots.txt here\n")
        if path in ("/sitemap.xml", "/sitemap-index.xml"):
            base = "http://%s" % self.headers.get("Host")
            if path == "/sitemap-index.xml":
                body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                        '<sitemap><loc>%s/sitemap.xml</loc></sitemap>\n</sitemapindex>\n' % base)
            else:
                entries = "".join('<url><loc>%s/page/sm-%d</loc></url>\n' % (base, i)
                                  for i in (1, 2, 3))
                body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                        + entries + '</urlset>\n')
            return self.send_body(200, body.encode(), "application/xml")
        if not path.startswith("/page/"):
            return self.send_body(404, b"not found\n")
        page = path[len("/page/"):]
        with lock:
            s = page_stats(page)
            s["requests"] += 1
            s["times"].append(time.time())
            entry = modes.get(page) or modes.get(page[:-2] if page.endswith("-b") else page) or \
                {"mode": "ok", "sample": "suomifi-fi-perhetyo.txt", "armed": False}
            mode = entry["mode"]
            armed = entry["armed"]
            entry["armed"] = False
        self.serve_page(page, mode, armed, entry["sample"])

    def serve_page(self, page, mode, armed, sample):
        body = sample_bytes(sample)
        ctype = content_type(sample)
        if mode in ("404", "410", "500"):
            self.count(page, mode)
            return self.send_body(int(mode), b"error page\n")
        if mode == "500once" and armed:
            return self.send_body(500, b"error page\n")
        if mode in ("429s", "429date") and armed:
            after = "1" if mode == "429s" else email.utils.formatdate(time.time() + 1.5, usegmt=True)
            return self.send_body(429, b"slow down\n", headers=[("Retry-After", after)])
        if mode == "429long":
            return self.send_body(429, b"slow down\n", headers=[("Retry-After", "3600")])
        if mode == "hang":
            time.sleep(10)
            return self.send_body(200, body, ctype)
        if mode == "drip":
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(20):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.5)
            self.close_connection = True
            return
        if mode == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", "50000")
            self.end_headers()
            self.wfile.write(body[:100])
            self.wfile.flush()
            self.close_connection = True
            return
        if mode == "falsegzip":
            return self.send_body(200, body, ctype, headers=[("Content-Encoding", "gzip")])
        if mode == "loop":
            target = "/page/" + (page[:-2] if page.endswith("-b") else page + "-b")
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if mode == "huge":
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(2 * 1024 ** 3))
            self.end_headers()
            try:
                self.wfile.write(b"x" * 1000)
            except OSError:
                pass
            self.close_connection = True
            return
        if mode == "latin1":
            text = body.decode("utf-8").encode("iso-8859-1", errors="replace")
            self.count(page, 200)
            return self.send_body(200, text, "text/plain; charset=utf-8")
        if mode == "cp1252":
            self.count(page, 200)
            return self.send_body(200, body, "text/html; charset=windows-1252")
        if mode == "slow":
            time.sleep(0.3)
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        if mode != "novalidators":
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if (inm is not None and inm == etag) or (inm is None and ims == LAST_MODIFIED):
                self.count(page, 304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
        self.count(page, 200)
        headers = [] if mode == "novalidators" else [("ETag", etag), ("Last-Modified", LAST_MODIFIED)]
        return self.send_body(200, body, ctype, headers)


def serve(directory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_file = os.path.join(directory, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=server.shutdown).start())
    server.serve_forever()


def start(directory):
    os.makedirs(directory, exist_ok=True)
    for name in ("port", "pid"):
        try:
            os.remove(os.path.join(directory, name))
        except FileNotFoundError:
            pass
    log = open(os.path.join(directory, "server.log"), "w")
    proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "serve", directory],
                            stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    with open(os.path.join(directory, "pid"), "w") as f:
        f.write(str(proc.pid))
    for _ in range(100):  # at most 10 s
        if os.path.exists(os.path.join(directory, "port")):
            return 0
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    print("server.py: the server did not start; see %s/server.log" % directory, file=sys.stderr)
    return 1


def stop(directory):
    try:
        with open(os.path.join(directory, "pid")) as f:
            pid = int(f.read())
    except FileNotFoundError:
        return 0
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return 0
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 0
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    command, directory = sys.argv[1], sys.argv[2]
    sys.exit({"start": start, "stop": stop, "serve": lambda d: serve(d) or 0}[command](directory))
