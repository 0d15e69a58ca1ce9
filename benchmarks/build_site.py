"""Build the portal from the project's mkdocs.yml over another data folder (benchmarks).

    python benchmarks/build_site.py --data /tmp/corpus/data --site /tmp/out [--cache DIR]
        [--search auto|always|never] [--profile out.prof|out.html]

Same as `mkdocs build -f mkdocs.yml -d SITE` with the portal's data_dir and cache_dir (Pagefind's
cache_dir beside it: <cache>-pagefind) and the pagefind_search mode replaced. --profile writes a cProfile dump (.prof) or a pyinstrument page
(.html) of the whole build.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pagefind_cache(cache: Path | None) -> str | None:
    return str(cache.with_name(cache.name + "-pagefind")) if cache else None


def build_site(config_file: Path, data: Path, site: Path, cache: Path | None, search: str | None,
               pagefind_above: int | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site))
    # The pages are generated next to the site, not into the project's own docs_dir.
    docs = site.with_name(site.name + "-pages")
    docs.mkdir(parents=True, exist_ok=True)
    config["docs_dir"] = str(docs)
    portal = config.plugins["portal"]
    portal.config["data_dir"] = str(data)
    portal.config["cache_dir"] = str(cache) if cache else None
    if "pagefind_search" in config.plugins:
        # Pagefind's cache (staged pages and indexes) beside the parse cache, or none.
        config.plugins["pagefind_search"].config["cache_dir"] = pagefind_cache(cache)
        if search:
            config.plugins["pagefind_search"].config["mode"] = search
        if pagefind_above is not None:
            config.plugins["pagefind_search"].config["pagefind_above"] = pagefind_above
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--search", choices=("auto", "always", "never"))
    parser.add_argument("--pagefind-above", type=int)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(levelname)-7s -  %(message)s")

    def go():
        build_site(args.config, args.data.resolve(), args.site.resolve(),
                   args.cache.resolve() if args.cache else None, args.search, args.pagefind_above)

    if not args.profile:
        go()
    elif args.profile.suffix == ".html":
        from pyinstrument import Profiler

        with Profiler(interval=0.005) as profiler:
            go()
        args.profile.write_text(profiler.output_html(), encoding="utf-8")
        print(profiler.output_text(unicode=True, color=False, show_all=False)[:20000])
    else:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.runcall(go)
        prof.dump_stats(args.profile)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
