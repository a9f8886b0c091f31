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
    gzipbomb      Content-Encoding: gzip on 104 KB that decompress to 100 MiB of zeros
    loop          a redirect to /page/NAME-b, which redirects back here
    huge          a Content-Length of 2 GiB, then a few bytes
    latin1        the sample in ISO-8859-1 with "charset=utf-8" in Content-Type
    cp1252        the sample as it is, with "text/html; charset=windows-1252"
    slow          the sample after 0.3 s
    laughs        a sitemap whose <!DOCTYPE> is a billion laughs (entities nine levels deep, 3 GB
                  if expanded), as application/xml

Other paths: /robots.txt (for Host "localhost": Disallow /page/private, Crawl-delay 1; for
127.0.0.1: 404), /sitemap.xml and /sitemap-index.xml (listing /page/sm-1 .. sm-3),
/_stats?page=NAME (JSON: {"200": n, "304": n, "requests": n, "times": [...]} for the page, or the
totals without page), /_reset.

A fake PTV Open API v11 under /ptv/DATASET/api/v11/ (each test case its own DATASET, made on first
use with PTV_SERVICES services, PTV_PAGE_SIZE GUIDs a page):

    Service?date=D&page=N&status=S          guid page {pageNumber, pageSize, pageCount, itemList}
                                            of the services with status S (Published) modified
                                            at or after D
    Service/list?guids=G1,...               the published ones of those services, an array; more
                                            than 100 GUIDs: 400
    Service/list/organization?organizationId=G&page=N    the organisation's services, in pages
    Service/area/Municipality/code/C?date=D&page=N       guid page of a municipality's services

Service i has GUID 00000000-0000-4000-8000-00000000000i (12 digits), organisation PTV_ORG_A when
i % 3 == 0 (else PTV_ORG_B), municipality 091 when i is even (else 049), and is trilingual when
i % 10 == 0. Control: /_ptv?ds=DATASET&op=OP with OP modify&n=I (a new name, modified now),
archive&n=I (status Archived, modified now), fail&n=I&mode=M (the list calls that ask for service
I: 500 always, 500once or 503once with Retry-After: 1; ok ends it),
faillisting&mode=500|ok (the Service listing answers 500, or again well), slow&seconds=S (each list call waits),
stats (JSON: {"list_guids": [...], "paths": [...]}: the GUIDs asked of Service/list and every
path asked, in order).
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
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples")
LAST_MODIFIED = "Mon, 02 Nov 2026 10:00:00 GMT"
PTV_SERVICES = 120
PTV_PAGE_SIZE = 25
PTV_ORG_A = "aaaaaaaa-0000-4000-8000-000000000001"
PTV_ORG_B = "bbbbbbbb-0000-4000-8000-000000000002"
GZIP_BOMB_MIB = 100
gzip_bomb = None  # made on first use by make_gzip_bomb()
ptv = {}  # dataset -> {"services": [...], "fail": {i: mode}, "slow": s, "list_guids": [], "paths": []}

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


def make_gzip_bomb():
    """GZIP_BOMB_MIB MiB of zeros as one gzip member, built without compressing them all: after a
    full flush the deflate state is reset, so the compressed form of each 1 MiB of zeros is the
    same bytes, which are repeated (0.05 s instead of 0.3 s)."""
    global gzip_bomb
    with lock:
        if gzip_bomb is None:
            chunk = bytes(1 << 20)
            deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
            block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
            crc = 0
            for _ in range(GZIP_BOMB_MIB):
                crc = zlib.crc32(chunk, crc)
            size = GZIP_BOMB_MIB << 20
            gzip_bomb = (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + block * GZIP_BOMB_MIB
                         + deflate.flush() + crc.to_bytes(4, "little")
                         + (size & 0xFFFFFFFF).to_bytes(4, "little"))
        return gzip_bomb


BILLION_LAUGHS = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<!DOCTYPE urlset [\n <!ENTITY lol "lol">\n'
                  + "".join(' <!ENTITY lol%d "%s">\n' % (i, ("&lol%s;" % (i - 1 or "")) * 10)
                            for i in range(1, 10))
                  + ']>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                    '<url><loc>http://127.0.0.1/page/&lol9;</loc></url>\n</urlset>\n').encode()


def ptv_guid(i):
    return "00000000-0000-4000-8000-%012d" % i


def ptv_dataset(name):
    if name not in ptv:
        services = []
        for i in range(PTV_SERVICES):
            services.append({"i": i, "id": ptv_guid(i), "status": "Published",
                             "modified": "2026-01-%02dT%02d:00:00" % (1 + i // 24, i % 24),
                             "org": PTV_ORG_A if i % 3 == 0 else PTV_ORG_B,
                             "municipality": "091" if i % 2 == 0 else "049", "version": 0})
        ptv[name] = {"services": services, "fail": {}, "slow": 0, "list_guids": [], "paths": []}
    return ptv[name]


def ptv_json(service):
    sample = "ptv-trilingual.json" if service["i"] % 10 == 0 else "ptv-fi-perhetyo.json"
    data = json.loads(sample_bytes(sample))
    data["id"] = service["id"]
    for name in data["serviceNames"]:
        name["value"] += " %d" % service["i"] + (" v%d" % service["version"] if service["version"] else "")
    data["publishingStatus"] = service["status"]
    data["modified"] = service["modified"] + ".000Z"
    return data


def ptv_page(items, query):
    page = int(query.get("page", "1"))
    count = max(1, (len(items) + PTV_PAGE_SIZE - 1) // PTV_PAGE_SIZE)
    return {"pageNumber": page, "pageSize": PTV_PAGE_SIZE, "pageCount": count,
            "itemList": items[(page - 1) * PTV_PAGE_SIZE:page * PTV_PAGE_SIZE] or None}


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
        if path == "/_ptv":
            return self.ptv_control(query)
        if path.startswith("/ptv/"):
            return self.ptv_api(path, query)
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

    def ptv_control(self, query):
        with lock:
            ds = ptv_dataset(query["ds"])
            op = query["op"]
            if op in ("modify", "archive"):
                service = ds["services"][int(query["n"])]
                service["modified"] = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
                if op == "modify":
                    service["version"] += 1
                else:
                    service["status"] = "Archived"
            elif op == "fail" and query["mode"] == "ok":
                ds["fail"].pop(int(query["n"]), None)
            elif op == "fail":
                ds["fail"][int(query["n"])] = query["mode"]
            elif op == "faillisting":
                ds["fail_listing"] = query["mode"] == "500"
            elif op == "slow":
                ds["slow"] = float(query["seconds"])
            body = json.dumps({"list_guids": ds["list_guids"], "paths": ds["paths"]})
        return self.send_body(200, body.encode(), "application/json")

    def ptv_api(self, path, query):
        parts = path.split("/")  # "", "ptv", DATASET, "api", "v11", "Service", ...
        with lock:
            ds = ptv_dataset(parts[2])
            ds["paths"].append(self.path)
        rest = parts[5:]
        send_json = lambda data: self.send_body(200, json.dumps(data).encode(), "application/json")
        since = query.get("date", "")
        changed = lambda s: s["modified"] >= since
        if rest == ["Service"]:
            if ds.get("fail_listing"):
                return self.send_body(500, b"error\n")
            status = query.get("status", "Published")
            items = [{"id": s["id"], "name": "service %d" % s["i"]} for s in ds["services"]
                     if s["status"] == status and changed(s)]
            return send_json(ptv_page(items, query))
        if rest == ["Service", "list"]:
            guids = [g for g in query.get("guids", "").split(",") if g]
            if not guids or len(guids) > 100:
                return self.send_body(400, json.dumps({"guids": ["Max 100 guids"]}).encode(),
                                      "application/json")
            with lock:
                ds["list_guids"].extend(guids)
                faults = [ds["fail"][s["i"]] for s in ds["services"]
                          if s["id"] in guids and s["i"] in ds["fail"]]
                for s in ds["services"]:
                    if s["id"] in guids and ds["fail"].get(s["i"]) in ("500once", "503once"):
                        del ds["fail"][s["i"]]
                slow = ds["slow"]
            if slow:
                time.sleep(slow)
            if "500" in faults or "500once" in faults:
                return self.send_body(500, b"error\n")
            if "503once" in faults:
                return self.send_body(503, b"busy\n", headers=[("Retry-After", "1")])
            return send_json([ptv_json(s) for s in ds["services"]
                              if s["id"] in guids and s["status"] == "Published"])
        if rest == ["Service", "list", "organization"]:
            org = query.get("organizationId", "")
            return send_json(ptv_page([ptv_json(s) for s in ds["services"]
                                       if s["org"] == org and s["status"] == "Published"], query))
        if len(rest) == 5 and rest[:2] == ["Service", "area"] and rest[3] == "code":
            if rest[2] != "Municipality":
                return self.send_body(400, b'{"area": ["The area is invalid."]}', "application/json")
            items = [{"id": s["id"], "name": "service %d" % s["i"]} for s in ds["services"]
                     if s["municipality"] == rest[4] and s["status"] == "Published" and changed(s)]
            return send_json(ptv_page(items, query))
        return self.send_body(404, b"not found\n")

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
        if mode == "gzipbomb":
            self.count(page, 200)
            return self.send_body(200, make_gzip_bomb(), ctype,
                                  headers=[("Content-Encoding", "gzip")])
        if mode == "laughs":
            self.count(page, 200)
            return self.send_body(200, BILLION_LAUGHS, "application/xml")
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
