#!/usr/bin/env python3
"""page_weight.py: gzip -9 weight of one HTML page plus the CSS and JS files it loads.

Usage: bench/page_weight.py PAGE.html [PAGE.html ...]

Follows every <link rel="stylesheet" href> and <script src> with a relative URL, resolved from the
page's folder (what a browser loads to show the page; images are excluded), and prints each file's
raw and gzipped size and the total. Exits 1 if a referenced file is missing.
"""

import gzip
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class AssetFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.assets.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"])


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def weigh(page: Path) -> int:
    finder = AssetFinder()
    html = page.read_bytes()
    finder.feed(html.decode("utf-8", errors="replace"))
    rows = [(page, html)]
    for ref in dict.fromkeys(finder.assets):
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or ref.startswith("/"):
            print(f"  not relative, not counted: {ref}", file=sys.stderr)
            continue
        asset = (page.parent / unquote(parts.path)).resolve()
        if not asset.is_file():
            raise FileNotFoundError(f"{page}: {ref} -> {asset} is missing")
        rows.append((asset, asset.read_bytes()))
    total_raw = total_gz = 0
    print(f"{page}:")
    for path, data in rows:
        total_raw += len(data)
        total_gz += gz(data)
        print(f"  {len(data):>8} B raw {gz(data):>7} B gz  {path.name}")
    print(f"  {total_raw:>8} B raw {total_gz:>7} B gz  TOTAL (HTML + CSS + JS, gzip -9)")
    return total_gz


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        for page in argv:
            weigh(Path(page))
    except FileNotFoundError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
