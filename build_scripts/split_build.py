"""Build a very large collection as several MkDocs sites under one home page and one search.

    python -m build_scripts split-build --by folder            # one site per first folder of data/
    python -m build_scripts split-build --by year              # one site per report year
    python -m build_scripts split-build --by folder --list     # show the parts, build nothing
    python -m build_scripts split-build --by folder --part 宁夏 # build one part (e.g. on another machine)
    python -m build_scripts split-build --by folder --home-only # the shared home page only

Output (default `site-split/`): one folder per part, each a complete portal built from the same
mkdocs.yml with the portal's data_dir narrowed to that part, plus `index.html` (the shared home
page: the parts and a search over all of them) and `parts.json`. Every part gets its own Pagefind
index; the search box of every part and of the home page merges the indexes of all parts at query
time (Pagefind's mergeIndex), so the indexes never have to be rebuilt together and each part can
be built on its own machine: copy the part folders side by side and run --home-only.

Nothing here schedules or distributes work: parts are built one after another, each in its own
process (so memory is returned between parts); run `--part` yourself wherever you like.

Splitting by folder (e.g. data/<市>/…) keeps all years of an agency in one part, so the cross-year
checks (X-carry-over, X-in-force) still see the previous year. Splitting by year cannot compare
a report with the previous year's, which is in another part: those warnings are not produced.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from .files import display_path, inside
from .reports import load_reports, report_files

UNKNOWN_YEAR = "未识别年度"
TOP_LEVEL = "其他"


def _load_config(config_file: Path, **overrides):
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), **overrides)


def _portal(config):
    for name in ("portal",):
        if name in config.plugins:
            return config.plugins[name]
    raise SystemExit("split-build: mkdocs.yml has no `portal` plugin")


def _pagefind(config):
    if "pagefind_search" not in config.plugins:
        raise SystemExit("split-build: mkdocs.yml needs the `pagefind_search` plugin for the shared search")
    return config.plugins["pagefind_search"]


def _safe(name: str) -> str:
    """A folder name for a part: the group name without path separators or leading dots."""
    name = re.sub(r"[\\/:*?\"<>|\s]+", "-", name).strip("-.") or "part"
    return name


def group_files(data_dir: Path, by: str, cache_dir: Path | None) -> dict[str, list[Path]]:
    """Report files of data_dir by part name, parts sorted by name."""
    files = report_files([data_dir])
    groups: dict[str, list[Path]] = defaultdict(list)
    if by == "folder":
        for f in files:
            rel = f.relative_to(data_dir)
            groups[_safe(rel.parts[0]) if len(rel.parts) > 1 else TOP_LEVEL].append(f)
    elif by == "year":
        for f, report in zip(files, load_reports(files, cache_dir=cache_dir, root=data_dir)):
            groups[str(report["year"]) if report.get("year") else UNKNOWN_YEAR].append(f)
    else:
        raise ValueError(f"unknown split: {by}")
    return dict(sorted(groups.items()))


def _link_part(part_dir: Path, data_dir: Path, files: list[Path]) -> None:
    """part_dir mirrors data_dir for these files only (agencies.yml too): hard links (copies
    across file systems), since a part's build reads only files inside its own folder. A file
    that leads out of data_dir stays a symbolic link to where it leads, so the part's build
    refuses it as the whole site's would (files.read_file)."""
    if part_dir.exists():
        shutil.rmtree(part_dir)
    part_dir.mkdir(parents=True)
    real_data = Path(os.path.realpath(data_dir))
    for f in files + [p for p in (data_dir / "agencies.yml", data_dir / "agencies.yaml") if p.is_file()]:
        target = part_dir / f.relative_to(data_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        real = os.path.realpath(f)
        if not inside(f, real_data):
            os.symlink(real, target)
            continue
        try:
            os.link(real, target)
        except OSError:
            if not os.path.isfile(real):
                continue  # a FIFO or device on another file system: nothing to mirror
            shutil.copyfile(real, target)


def build_part(config_file: Path, out: Path, part: str, part_data: Path, others: list[str]) -> None:
    """One part: the whole portal over part_data, into out/part, searching the other parts too."""
    from mkdocs.commands.build import build

    config = _load_config(config_file, site_dir=str(out / part))
    portal = _portal(config)
    portal.config["source_root"] = display_path(Path(portal.config["data_dir"]), config_file.resolve().parent,
                                                Path(portal.config["data_dir"]).parent)
    portal.config["data_dir"] = str(part_data)
    # Each part generates its pages into a folder of its own (parts may build at the same time).
    config["docs_dir"] = str(part_data.with_name(part_data.name + ".pages"))
    pagefind = _pagefind(config)
    pagefind.config["mode"] = "always"
    pagefind.config["merge_sites"] = [f"../{quote(o)}/" for o in others if o != part]
    config["site_name"] = f"{config['site_name']} · {part}"
    config["extra"] = dict(config.get("extra") or {}, homepage="../")  # the logo leads to the shared home
    if config.get("site_url"):
        config["site_url"] = config["site_url"].rstrip("/") + f"/{quote(part)}/"
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def part_bundles(out: Path, part: str, bundle_dir: str = "pagefind") -> list[str]:
    """The Pagefind indexes of a built part, relative to `out` (its shards.json, else one)."""
    manifest = out / part / bundle_dir / "shards.json"
    bundles = [f"{bundle_dir}/"]
    if manifest.is_file():
        bundles = json.loads(manifest.read_text(encoding="utf-8"))["bundles"]
    return [f"{quote(part)}/{b}" for b in bundles]


def write_home(out: Path, site_name: str, parts: dict[str, int], bundle_dir: str = "pagefind") -> Path:
    """The shared home page: every part with its number of reports, and one search over all."""
    names = list(parts)
    items = "\n".join(
        f'      <li><a href="{html.escape(quote(p))}/">{html.escape(p)}</a>'
        f'<span class="count">{n} 份报告</span></li>' for p, n in parts.items())
    # [bundle, the root of its part] for every index of every part.
    bundles = json.dumps([[b, f"{quote(p)}/"] for p in names for b in part_bundles(out, p, bundle_dir)])
    first_css = f"{html.escape(quote(names[0]))}/{bundle_dir}/pagefind-ui.css" if names else ""
    first_js = f"{html.escape(quote(names[0]))}/{bundle_dir}/pagefind-ui.js" if names else ""
    total = sum(parts.values())
    page = f"""<!doctype html>
<html lang="zh">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(site_name)}</title>
  <link rel="stylesheet" href="{first_css}">
  <style>
    body {{ margin: 0; font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
           "WenQuanYi Micro Hei", sans-serif; color: #1f2328; background: #fff; }}
    header {{ background: #8c1c13; color: #fff; padding: 1.5rem max(1rem, calc(50% - 30rem)); }}
    header h1 {{ margin: 0 0 .3rem; font-size: 1.6rem; }}
    main {{ padding: 1rem max(1rem, calc(50% - 30rem)) 3rem; }}
    ul.parts {{ list-style: none; padding: 0; display: grid; gap: .5rem;
               grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); }}
    ul.parts li {{ border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .8rem; }}
    ul.parts a {{ font-weight: 600; color: #8c1c13; text-decoration: none; display: block; }}
    .count {{ color: #59636e; font-size: .9rem; }}
    #search {{ --pagefind-ui-primary: #8c1c13; --pagefind-ui-scale: .9; }}
  </style>
</head>
<body>
  <header>
    <h1>{html.escape(site_name)}</h1>
    <p>共 {total} 份政府信息公开工作年度报告，分为 {len(parts)} 个部分。</p>
  </header>
  <main>
    <section>
      <h2>搜索全部报告</h2>
      <div id="search"></div>
      <noscript>搜索需要启用 JavaScript；也可以进入下面的各部分浏览。</noscript>
    </section>
    <section>
      <h2>分部分浏览</h2>
      <ul class="parts">
{items}
      </ul>
    </section>
  </main>
  <script src="{first_js}"></script>
  <script>
    (function () {{
      var bundles = {bundles}.map(function (b) {{
        return {{ bundlePath: new URL(b[0], location.href).pathname, baseUrl: new URL(b[1], location.href).pathname }};
      }});
      if (!bundles.length || !window.PagefindUI) return;
      var ui = new PagefindUI({{
        element: "#search",
        bundlePath: bundles[0].bundlePath,
        baseUrl: bundles[0].baseUrl,
        mergeIndex: bundles.slice(1),
        showImages: false,
        showSubResults: false,
        excerptLength: 40,
        translations: {{
          placeholder: "搜索全部报告：机关名称、年度、关键词",
          zero_results: "没有找到与“[SEARCH_TERM]”匹配的报告",
          many_results: "找到 [COUNT] 份与“[SEARCH_TERM]”匹配的报告",
          one_result: "找到 [COUNT] 份与“[SEARCH_TERM]”匹配的报告",
          load_more: "显示更多结果",
          filters_label: "筛选",
          clear_search: "清除"
        }}
      }});
      var q = new URLSearchParams(location.search).get("q");
      if (q) ui.triggerSearch(q);
    }})();
  </script>
</body>
</html>
"""
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(page, encoding="utf-8")
    (out / "parts.json").write_text(json.dumps({"site_name": site_name, "parts": parts}, ensure_ascii=False,
                                               indent=2), encoding="utf-8")
    return out / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts split-build",
                                     description="Build the portal as several sites with one home page and search.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", choices=("folder", "year"), default="folder",
                        help="folder: one site per first folder under data_dir (keeps cross-year checks); "
                             "year: one site per report year")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.add_argument("--data", type=Path, help="the report folder (default: the portal's data_dir)")
    parser.add_argument("-o", "--out", default=Path("site-split"), type=Path, help="output folder")
    parser.add_argument("--part", action="append", help="build only this part (repeatable)")
    parser.add_argument("--home-only", action="store_true", help="write the shared home page only")
    parser.add_argument("--list", action="store_true", help="print the parts and their sizes, build nothing")


def run(args) -> int:
    config_file = args.config_file.resolve()
    config = _load_config(config_file)
    portal = _portal(config)
    _pagefind(config)
    root = config_file.parent
    data_dir = (args.data or Path(portal.config["data_dir"])).resolve()
    cache = portal.config.get("cache_dir")
    cache_dir = (root / cache) if cache else None
    groups = group_files(data_dir, args.by, cache_dir)
    parts = {name: len(files) for name, files in groups.items()}
    if args.list:
        for name, n in parts.items():
            print(f"{name}\t{n}")
        print(f"共 {len(parts)} 个部分，{sum(parts.values())} 份文件")
        return 0
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    if not args.home_only:
        chosen = args.part or list(groups)
        unknown = [p for p in chosen if p not in groups]
        if unknown:
            print(f"没有这些部分：{'、'.join(unknown)}（可用 --list 查看）", file=sys.stderr)
            return 2
        links = root / ".cache" / "split" / args.by
        for name in chosen:
            started = time.perf_counter()
            _link_part(links / name, data_dir, groups[name])
            # Each part in its own process: its memory is returned before the next part starts.
            cmd = [sys.executable, "-m", "build_scripts.split_build", "--_build-one", str(config_file),
                   str(out), name, str(links / name), json.dumps(list(groups))]
            done = subprocess.run(cmd)
            if done.returncode:
                print(f"部分 {name} 构建失败", file=sys.stderr)
                return done.returncode
            print(f"部分 {name}：{parts[name]} 份报告，{time.perf_counter() - started:.1f} 秒", file=sys.stderr)
    home = write_home(out, config["site_name"], parts, _pagefind(config).config["bundle_dir"])
    print(f"首页：{home}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--_build-one":
        _, _, cfg, out_dir, part_name, part_data, all_parts = sys.argv
        import logging

        logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
        logging.getLogger("mkdocs").propagate = True
        build_part(Path(cfg), Path(out_dir), part_name, Path(part_data), json.loads(all_parts))
        sys.exit(0)
    sys.exit(main())
