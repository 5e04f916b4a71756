#!/usr/bin/env python3
"""Asks for every URL of a closecodes sitemap (or every path in PATHS_FILE)
once, on one keep-alive connection, as a browser would (brotli or gzip), and
prints how many answered 200 and how long the crawl took. Every URL must be on
127.0.0.1.

Usage: bench/crawl.py http://127.0.0.1:PORT [PATHS_FILE]
(CRAWL_ACCEPT_ENCODING overrides the Accept-Encoding sent.)
"""

import http.client
import os
import re
import sys
import time
from urllib.parse import urlsplit


def main() -> None:
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    base = urlsplit(sys.argv[1])
    encoding = os.environ.get("CRAWL_ACCEPT_ENCODING", "gzip, deflate, br")
    if base.hostname != "127.0.0.1":
        sys.exit("crawl.py only talks to 127.0.0.1")
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    if len(sys.argv) == 3:
        with open(sys.argv[2]) as listed:
            paths = [line.strip() for line in listed if line.strip()]
    else:
        connection.request("GET", "/sitemap.xml")
        sitemap = connection.getresponse().read().decode()
        paths = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    started = time.monotonic()
    ok = 0
    for path in paths:
        connection.request("GET", path, headers={"Accept-Encoding": encoding})
        response = connection.getresponse()
        response.read()
        ok += response.status == 200
    elapsed = time.monotonic() - started
    print(f"{ok} of {len(paths)} URLs answered 200 in {elapsed:.2f} s")
    if ok != len(paths):
        sys.exit(1)


if __name__ == "__main__":
    main()
