"""First-result time of the site search in headless Chromium: Material (lunr) vs Pagefind.

    python benchmarks/search_benchmark.py                  # N = 1000 and 10000
    python benchmarks/search_benchmark.py --n 1000 --runs 5 --work /tmp/search-bench

For each N it builds the portal over a generated province (benchmarks/corpus.py) twice, with
`pagefind_search` forced to `never` (Material's search) and `always` (Pagefind), serves each site
from a local static file server and, in a fresh browser profile per run, opens the home page and
types a query as soon as the page has loaded. Printed per search: the time from opening the page
to the first result, from typing to the first result, the bytes the browser fetched for it, and
whether the expected report came first (the query is an agency name and year).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from measure import tree_size  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def first_result(browser, url: str, query: str, kind: str) -> dict:
    """Open url in a fresh context, type query once loaded, wait for the first result."""
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("requestfinished", lambda r: fetched.append(r))
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    loaded = time.perf_counter()
    box = ".md-search__input"
    page.click(box)
    typed = time.perf_counter()
    page.fill(box, query)
    page.wait_for_selector(".md-search-result__item a", timeout=300_000)
    done = time.perf_counter()
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    titles = page.eval_on_selector_all(".md-search-result__item h1", "els => els.map(e => e.textContent)")
    total = 0
    for request in fetched:
        try:
            total += request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - a request without a body
            pass
    context.close()
    return {"kind": kind, "page_load_s": loaded - started, "open_to_result_s": done - started,
            "type_to_result_s": done - typed, "bytes": total, "first_title": titles[0] if titles else None,
            "first_href": hrefs[0] if hrefs else None}


def build(n: int, work: Path, search: str, config: Path, reuse: bool) -> Path:
    site = work / f"site-{n}-{search}"
    if reuse and (site / "index.html").is_file():
        return site
    data = work / f"corpus-{n}" / "data"
    if not data.is_dir():
        corpus.write(n, work / f"corpus-{n}")
    cache = work / "cache"
    cmd = [sys.executable, str(HERE / "build_site.py"), "--config", str(config), "--data", str(data),
           "--site", str(site), "--cache", str(cache), "--search", search, "-q"]
    started = time.perf_counter()
    subprocess.run(cmd, check=True)
    print(f"  built N={n} search={search} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return site


def index_bytes(site: Path) -> int:
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():
        return lunr.stat().st_size
    return sum(tree_size(d) for d in site.glob("pagefind*") if d.is_dir())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-bench"))
    parser.add_argument("--config", type=Path, default=HERE.parent / "mkdocs.yml")
    parser.add_argument("--reuse", action="store_true", help="reuse sites already built in --work")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in args.n:
            # The query: an agency and year from the middle of the corpus; its report should come first.
            city, agency, year, _ = corpus.plan(n)[n // 2]
            query = f"{agency} {year}"
            for search in ("never", "always"):
                site = build(n, args.work, search, args.config, args.reuse)
                kind = "Material (lunr)" if search == "never" else "Pagefind"
                server, url = serve(site)
                try:
                    runs = [first_result(browser, url, query, kind) for _ in range(args.runs)]
                finally:
                    server.shutdown()
                row = {"n": n, "kind": kind, "query": query, "index_bytes": index_bytes(site),
                       "open_to_result_s": statistics.median(r["open_to_result_s"] for r in runs),
                       "type_to_result_s": statistics.median(r["type_to_result_s"] for r in runs),
                       "page_load_s": statistics.median(r["page_load_s"] for r in runs),
                       "bytes": runs[-1]["bytes"], "first_title": runs[-1]["first_title"],
                       "right_first": bool(runs[-1]["first_title"] and agency in runs[-1]["first_title"]
                                           and str(year) in runs[-1]["first_title"])}
                rows.append(row)
                print(f"N={n:>6} {kind:<16} index {row['index_bytes'] / 2**20:7.1f} MB  "
                      f"open→result {row['open_to_result_s']:6.2f} s  type→result {row['type_to_result_s']:6.2f} s  "
                      f"fetched {row['bytes'] / 2**20:6.2f} MB  right first: {row['right_first']}", flush=True)
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found")
    sys.exit(main())
