"""Build time, memory and size of the portal at province scale, against plain MkDocs.

    python benchmarks/scale_benchmark.py                       # N = 1000, 5000, 10000
    python benchmarks/scale_benchmark.py --n 1000 --work /tmp/scale-bench --json out.json

For each N: a generated province (benchmarks/corpus.py: distinct agencies, 2020–2024, the
layouts of the seeds) is built with the project's mkdocs.yml (portal + pagefind_search, default
settings, so Pagefind replaces Material search above 2,000 reports):

- cold: empty parse cache, Pagefind cache and generated pages;
- warm: nothing changed, caches full;
- add one: one new report file, caches full (one file is parsed);
- render all: parse cache full, generated pages and Pagefind cache empty (every page, download
  and index made again, as after a change of the code or the templates);

with --zensical, the same site published by Zensical: `python -m build_scripts generate`,
`zensical build`, `python -m build_scripts pagefind` (parse cache warm; fresh output, then again
with nothing changed);

and, for comparison, plain MkDocs (Material theme, its search plugin, Chinese) over N plain
Markdown pages holding the same report texts, with a nav of one page (so the nav does not grow
with N on every page); and the same plain MkDocs over as many pages as the portal's site has
(its agency, year, problem and paged index pages too: the report texts again as the extra
pages), the comparison over the same number of pages.

Printed: build seconds, peak memory (the largest process, from rusage; and the whole process tree
with the parsing workers, sampled), site size, mean bytes of a report page, search index size, and
portal / plain ratios. Nothing is asserted; the aims are in docs/scale.md.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from build_site import pagefind_cache  # noqa: E402
from measure import run, tree_size  # noqa: E402

MB = 2**20


def report_pages(site: Path) -> list[Path]:
    return [p for p in (site / "reports").rglob("index.html")] if (site / "reports").is_dir() else []


def index_size(site: Path) -> tuple[str, int]:
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():
        return "lunr", lunr.stat().st_size
    bundles = [d for d in site.glob("pagefind*") if d.is_dir()]  # pagefind/, pagefind-2/ … (shards)
    if bundles:
        return f"pagefind×{len(bundles)}", sum(tree_size(d) for d in bundles)
    return "none", 0


def figures(site: Path, measured: dict) -> dict:
    pages = report_pages(site)
    kind, index = index_size(site)
    return {"seconds": round(measured["seconds"], 1), "pages": site_pages(site), "maxrss_mb": round(measured["maxrss_mb"]),
            "tree_peak_mb": round(measured["tree_peak_mb"]), "site_mb": round(tree_size(site) / MB, 1),
            "report_pages": len(pages),
            "bytes_per_report_page": round(sum(p.stat().st_size for p in pages) / len(pages)) if pages else 0,
            "max_report_page": max((p.stat().st_size for p in pages), default=0),
            "index": kind, "index_mb": round(index / MB, 2)}


def build_portal(n: int, work: Path, config: Path, label: str, cache: Path, profile: Path | None = None) -> dict:
    site = work / f"site-{n}"
    cmd = [sys.executable, str(HERE / "build_site.py"), "--config", str(config),
           "--data", str(work / f"corpus-{n}" / "data"), "--site", str(site), "--cache", str(cache), "-q"]
    if profile:
        cmd += ["--profile", str(profile)]
    measured = run(cmd)
    if measured["returncode"]:
        raise SystemExit(f"portal build failed ({label}, N={n}):\n{measured['output'][-5000:]}")
    return figures(site, measured)


def zensical_project(n: int, work: Path, config: Path, cache: Path) -> Path:
    """The project's mkdocs.yml in a folder of its own (Zensical wants docs_dir and site_dir
    inside the project), over the corpus, with the same parse cache as the portal builds."""
    import yaml

    root = work / f"zensical-{n}"
    root.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["docs_dir"], data["site_dir"] = "generated", "site"
    (root / "generated").mkdir(exist_ok=True)
    for i, plugin in enumerate(data["plugins"]):
        if isinstance(plugin, dict) and "portal" in plugin:
            data["plugins"][i] = {"portal": {**(plugin["portal"] or {}), "data_dir": str(work / f"corpus-{n}" / "data"),
                                             "pages_dir": str(config.parent / "docs"), "cache_dir": str(cache)}}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def build_zensical(n: int, work: Path, root: Path, label: str) -> dict:
    """`python -m build_scripts generate && zensical build && python -m build_scripts pagefind`,
    timed as one build (seconds added, peak memory the largest of the three)."""
    zensical = Path(sys.executable).with_name("zensical")
    if not zensical.exists():
        raise SystemExit("zensical is not installed: pip install -e \".[zensical]\"")
    total = {"seconds": 0.0, "maxrss_mb": 0.0, "tree_peak_mb": 0.0}
    for cmd in ([sys.executable, "-m", "build_scripts", "generate"], [str(zensical), "build"],
                [sys.executable, "-m", "build_scripts", "pagefind"]):
        measured = run(cmd, cwd=root)
        if measured["returncode"]:
            raise SystemExit(f"zensical build failed ({label}, N={n}, {cmd[-1]}):\n{measured['output'][-5000:]}")
        total["seconds"] += measured["seconds"]
        total["maxrss_mb"] = max(total["maxrss_mb"], measured["maxrss_mb"])
        total["tree_peak_mb"] = max(total["tree_peak_mb"], measured["tree_peak_mb"])
    return figures(root / "site", total)


def site_pages(site: Path) -> int:
    """The pages of a built site (use_directory_urls: an index.html each; 404.html is not one)."""
    return sum(1 for _ in site.rglob("index.html"))


def plain_project(n: int, work: Path, pages: int | None = None) -> Path:
    """N Markdown pages with the same report texts, Material + search, nav of one page; with
    `pages`, report texts again as more pages up to that many pages in all (the home page counted)."""
    extra = max(0, (pages or 0) - n - 1)
    root = work / (f"plain-{n}" if pages is None else f"plain-{n}-{pages}")
    if (root / "mkdocs.yml").is_file() and len(list((root / "docs" / "reports").glob("*.md"))) == n + extra:
        return root
    shutil.rmtree(root, ignore_errors=True)
    docs = root / "docs" / "reports"
    docs.mkdir(parents=True)
    links = []
    plan = corpus.plan(n)
    for i in range(n + extra):
        city, agency, year, seed = plan[i % n]
        text = corpus.report_text(agency, year, seed)
        body = "\n\n".join(line.replace("\t", " ").strip() for line in text.splitlines() if line.strip())
        (docs / f"r{i:06d}.md").write_text(f"# {agency} {year} 年政府信息公开工作年度报告\n\n{body}\n",
                                           encoding="utf-8")
        links.append(f"- [{agency} {year}](reports/r{i:06d}.md)")
    (root / "docs" / "index.md").write_text("# 全部报告\n\n" + "\n".join(links) + "\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 对照：普通 MkDocs\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search\n"
        "nav:\n  - index.md\n"
        "not_in_nav: |\n  /reports/\n"
        "validation:\n  links:\n    not_found: ignore\n", encoding="utf-8")
    return root


def build_plain(n: int, work: Path, pages: int | None = None) -> dict:
    root = plain_project(n, work, pages)
    site = work / (f"plain-site-{n}" if pages is None else f"plain-site-{n}-{pages}")
    measured = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                    "-d", str(site)])
    if measured["returncode"]:
        raise SystemExit(f"plain build failed (N={n}):\n{measured['output'][-5000:]}")
    return figures(site, measured)


def line(label: str, f: dict) -> str:
    return (f"  {label:<22} {f['seconds']:7.1f} s  {f['pages']:6d} pages  peak {f['maxrss_mb']:6d} MB (tree {f['tree_peak_mb']:6d} MB)  "
            f"site {f['site_mb']:8.1f} MB  report page {f['bytes_per_report_page'] / 1024:5.1f} KB "
            f"(max {f['max_report_page'] / 1024:5.1f} KB)  index {f['index']} {f['index_mb']:.2f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/scale-bench"))
    parser.add_argument("--config", type=Path, default=HERE.parent / "mkdocs.yml")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain MkDocs comparison")
    parser.add_argument("--profile", action="store_true", help="also write a profile of the cold build")
    parser.add_argument("--zensical", action="store_true",
                        help="also build with generate + zensical build + pagefind (parse cache warm)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.n:
        data = args.work / f"corpus-{n}" / "data"
        if not data.is_dir() or sum(1 for _ in data.rglob("*.txt")) != n:
            shutil.rmtree(args.work / f"corpus-{n}", ignore_errors=True)
            corpus.write(n, args.work / f"corpus-{n}")
        cache = args.work / f"cache-{n}"
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(pagefind_cache(cache), ignore_errors=True)  # build_site.py keeps Pagefind's cache there
        # The generated pages are kept by their input keys (portal/inputs.py): a cold build starts without them.
        shutil.rmtree(args.work / f"site-{n}-pages", ignore_errors=True)
        print(f"N = {n}", flush=True)
        row = {"n": n}
        profile = args.work / f"profile-{n}.html" if args.profile else None
        row["cold"] = build_portal(n, args.work, args.config, "cold", cache, profile)
        print(line("portal, cold cache", row["cold"]), flush=True)
        row["warm"] = build_portal(n, args.work, args.config, "warm", cache)
        print(line("portal, warm cache", row["warm"]), flush=True)
        extra = corpus.extra_report(args.work / f"corpus-{n}", n)
        try:
            row["add_one"] = build_portal(n, args.work, args.config, "add one", cache)
        finally:
            extra.unlink()
        print(line("portal, +1 report", row["add_one"]), flush=True)
        shutil.rmtree(args.work / f"site-{n}-pages", ignore_errors=True)
        shutil.rmtree(pagefind_cache(cache), ignore_errors=True)
        row["render_all"] = build_portal(n, args.work, args.config, "render all", cache)
        print(line("portal, render all", row["render_all"]), flush=True)
        if args.zensical:
            root = zensical_project(n, args.work, args.config, cache)
            shutil.rmtree(root / "generated", ignore_errors=True)
            shutil.rmtree(root / "site", ignore_errors=True)
            shutil.rmtree(root / ".cache", ignore_errors=True)  # Zensical's own cache
            (root / "generated").mkdir()
            row["zensical"] = build_zensical(n, args.work, root, "fresh")
            print(line("zensical, fresh", row["zensical"]), flush=True)
            row["zensical_again"] = build_zensical(n, args.work, root, "again")
            print(line("zensical, unchanged", row["zensical_again"]), flush=True)
        if not args.no_plain:
            row["plain"] = build_plain(n, args.work)
            print(line("plain MkDocs", row["plain"]), flush=True)
            row["plain_same_pages"] = build_plain(n, args.work, row["cold"]["pages"])
            print(line("plain, same pages", row["plain_same_pages"]), flush=True)
            p, same = row["plain"], row["plain_same_pages"]
            row["ratio_same_pages"] = {k: round(row[k]["seconds"] / same["seconds"], 2)
                                       for k in ("cold", "warm", "add_one", "render_all")}
            row["ratio"] = {
                "seconds_cold": round(row["cold"]["seconds"] / p["seconds"], 2),
                "seconds_warm": round(row["warm"]["seconds"] / p["seconds"], 2),
                "seconds_render_all": round(row["render_all"]["seconds"] / p["seconds"], 2),
                "seconds_add_one": round(row["add_one"]["seconds"] / p["seconds"], 2),
                "peak": round(row["cold"]["maxrss_mb"] / max(1, p["maxrss_mb"]), 2),
                "site": round(row["cold"]["site_mb"] / max(0.1, p["site_mb"]), 2),
                "bytes_per_page": round(row["cold"]["bytes_per_report_page"] / max(1, p["bytes_per_report_page"]), 2),
            }
            if args.zensical:
                row["ratio"]["seconds_zensical"] = round(row["zensical"]["seconds"] / p["seconds"], 2)
                print(f"  zensical / plain: time {row['ratio']['seconds_zensical']}×", flush=True)
            print(f"  portal / plain: time cold {row['ratio']['seconds_cold']}×, warm {row['ratio']['seconds_warm']}×, "
                  f"+1 {row['ratio']['seconds_add_one']}×, render all {row['ratio']['seconds_render_all']}×, "
                  f"peak memory {row['ratio']['peak']}×, site {row['ratio']['site']}×, "
                  f"bytes per page {row['ratio']['bytes_per_page']}×", flush=True)
            r = row["ratio_same_pages"]
            print(f"  portal / plain over the same {same['pages']} pages (portal: {row['cold']['pages']}): "
                  f"time cold {r['cold']}×, warm {r['warm']}×, +1 {r['add_one']}×, render all {r['render_all']}×",
                  flush=True)
        results.append(row)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
