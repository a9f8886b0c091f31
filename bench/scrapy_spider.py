#!/usr/bin/env python3
"""The Scrapy peer of `svcdesc fetch` in bench/fetch_bench.sh: fetch, extract and export in one.

A Scrapy spider that downloads every URL of a list, extracts from each page the fields of
bench/html_lxml.py (its extract(), on response.body: lang, title, organisation, updated, area,
languages; "file" is the URL) and exports them as JSON lines through Scrapy's feed exports.

  /usr/bin/python3 bench/scrapy_spider.py --urls URLS.txt --out ITEMS.jsonl --concurrency 8

Run in one process by a CrawlerProcess with the settings a competent user sets for a fast crawl of
one trusted host: CONCURRENT_REQUESTS = CONCURRENT_REQUESTS_PER_DOMAIN = the concurrency, no
robots.txt, no AutoThrottle, no download delay, no retries, no HTTP cache, no cookies, no telnet
console, CONCURRENT_ITEMS 1 (one item per page), LOG_LEVEL WARNING. It exits with 1 if Scrapy
logged an error (a failed download, an exception in parse). Needs python3-scrapy (Debian, 2.8)
and python3-lxml.
"""

import argparse
import os
import sys

import scrapy
from scrapy.crawler import CrawlerProcess

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_lxml import extract  # noqa: E402


class PagesSpider(scrapy.Spider):
    name = "svcdesc_bench_pages"

    def __init__(self, urls, **kwargs):
        super().__init__(**kwargs)
        self.urls_file = urls

    def start_requests(self):
        with open(self.urls_file, encoding="utf-8") as f:
            for line in f:
                url = line.strip()
                if url and not url.startswith("#"):
                    # Each URL once; the duplicate filter has nothing to do.
                    yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        yield extract(response.url, response.body)


def main():
    ap = argparse.ArgumentParser(description="Fetch, extract and export pages with Scrapy.")
    ap.add_argument("--urls", required=True, help="file of URLs, one a line")
    ap.add_argument("--out", required=True, help="JSON lines file to write (replaced)")
    ap.add_argument("--concurrency", type=int, default=8, help="requests in flight (default 8)")
    args = ap.parse_args()
    process = CrawlerProcess(settings={
        "CONCURRENT_REQUESTS": args.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
        "ROBOTSTXT_OBEY": False,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "RETRY_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        # One item per response: the default 100 starts 100 cooperative tasks for each response.
        "CONCURRENT_ITEMS": 1,
        # The non-deprecated fingerprinter (2.8 warns about the default "2.6").
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "FEEDS": {args.out: {"format": "jsonlines", "encoding": "utf-8", "overwrite": True}},
    })
    crawler = process.create_crawler(PagesSpider)
    process.crawl(crawler, urls=args.urls)
    process.start()
    errors = crawler.stats.get_value("log_count/ERROR", 0)
    if errors:
        print("scrapy_spider.py: %d errors logged" % errors, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
