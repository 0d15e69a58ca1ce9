"""Time `mkdocs build` of the portal over N generated reports, against plain Markdown pages.

    python benchmarks/build_benchmark.py --reports 100 --agencies 25 --years 4
    python benchmarks/build_benchmark.py --reports 1000 --agencies 250 --years 4 --keep /tmp/bench

Writes N reports (build_scripts/synthetic.py: M agencies × Y years, the three layouts, both
templates) into a temporary project that uses the repository's mkdocs.yml and docs/, runs
`mkdocs build` in a subprocess (no parse cache unless --cache), then builds N plain Markdown
pages of the same text with mkdocs + Material and the same search configuration but no portal.
Prints figures only.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_scripts import synthetic  # noqa: E402

MKDOCS = Path(sys.executable).with_name("mkdocs")
PLACES = synthetic._PLACES
BODIES = synthetic._BODIES
LAYOUTS = ("tab", "tab", "spaced", "pdf")


def agency_names(count: int) -> list[str]:
    names = [place + body for body in BODIES for place in PLACES]
    if count > len(names):
        raise SystemExit(f"at most {len(names)} agencies")
    return names[:count]


def write_reports(data: Path, reports: int, agencies: int, years: int) -> list[Path]:
    if reports > agencies * years:
        raise SystemExit("reports must be at most agencies × years (one report per agency and year)")
    names = agency_names(agencies)
    span = list(range(2025 - years, 2025))
    data.mkdir(parents=True)
    files = []
    for i in range(reports):
        agency, year = names[i % agencies], span[(i // agencies) % years]
        template = "2019" if year <= 2020 else "2021"
        text, _ = synthetic.make_report(template, i, agency=agency, year=year,
                                        layout=LAYOUTS[i % len(LAYOUTS)], distinct=False, paragraphs=3)
        path = data / f"{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def portal_project(tmp: Path, cache: Path | None, search: str | None) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (tmp / "generated").mkdir(exist_ok=True)
    config["docs_dir"] = "generated"
    for i, plugin in enumerate(config["plugins"]):
        if search and isinstance(plugin, dict) and "pagefind_search" in plugin:
            config["plugins"][i] = {"pagefind_search": {**(plugin["pagefind_search"] or {}), "mode": search}}
        if isinstance(plugin, dict) and "portal" in plugin:
            options = dict(plugin["portal"] or {})
            options["data_dir"] = "data"
            options["pages_dir"] = str(ROOT / "docs")
            if cache:
                options["cache_dir"] = str(cache)
            else:
                options.pop("cache_dir", None)
            config["plugins"][i] = {"portal": options}
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def plain_project(tmp: Path, files: list[Path]) -> Path:
    """The same texts as plain Markdown pages (title, paragraphs), Material and its search only."""
    docs = tmp / "docs"
    (docs / "reports").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    for path in files:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        body = "\n\n".join(line.replace("\t", " ") for line in lines if line)
        (docs / "reports" / f"{path.stem}.md").write_text(f"# {path.stem}\n\n{body}\n", encoding="utf-8")
    repo = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    search = next(p for p in repo["plugins"] if isinstance(p, dict) and "search" in p)
    config = {"site_name": repo["site_name"], "theme": repo["theme"], "plugins": [search],
              "nav": [{"首页": "index.md"}], "validation": {"nav": {"omitted_files": "ignore"}}}
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([str(MKDOCS), "build", "-q", "-f", str(config)], cwd=config.parent,
                            capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr[-3000:]}")
    return seconds


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--agencies", type=int, default=25)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--cache", type=Path, help="parse cache folder (default: none, every file parsed)")
    parser.add_argument("--search", choices=("auto", "always", "never"),
                        help="pagefind_search mode (default: as in mkdocs.yml; never keeps Material's search)")
    parser.add_argument("--keep", type=Path, help="build here and keep the projects (default: a temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="build-benchmark-") as tmp_name:
        tmp = args.keep or Path(tmp_name)
        portal, plain = tmp / "portal", tmp / "plain"
        portal.mkdir(parents=True)
        plain.mkdir(parents=True)
        start = time.perf_counter()
        files = write_reports(portal / "data", args.reports, args.agencies, args.years)
        generated = time.perf_counter() - start
        portal_seconds = build(portal_project(portal, args.cache, args.search))
        plain_seconds = build(plain_project(plain, files))
        site, plain_site = portal / "site", plain / "site"
        index = site / "search" / "search_index.json"
        if index.is_file():
            search = f"Material search index {mb(index.stat().st_size)} ({index.stat().st_size / args.reports / 1000:.1f} KB per report)"
        else:  # the pagefind_search plugin replaced it (above its pagefind_above)
            search = f"Pagefind index {mb(size(site / 'pagefind'))} (Material search index replaced)"
        pages = sum(1 for _ in site.rglob("index.html"))
        print(f"reports: {args.reports} ({args.agencies} agencies × {args.years} years), "
              f"data {mb(size(portal / 'data'))}, generated in {generated:.1f} s")
        print(f"portal build: {portal_seconds:.1f} s, {portal_seconds / args.reports * 1000:.0f} ms per report, "
              f"{pages} pages")
        print(f"portal site: {mb(size(site))}, {search}")
        print(f"plain Markdown build ({args.reports} pages, Material + search, no plugin): {plain_seconds:.1f} s, "
              f"site {mb(size(plain_site))}, search index "
              f"{mb((plain_site / 'search' / 'search_index.json').stat().st_size)}")
        print(f"ratio portal / plain: {portal_seconds / plain_seconds:.2f}")


if __name__ == "__main__":
    main()
