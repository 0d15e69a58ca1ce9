"""`python -m build_scripts generate` and `python -m build_scripts pagefind SITE_DIR`: the site
without MkDocs' build, for Zensical (`generate && zensical build && pagefind site`).

Both read mkdocs.yml with MkDocs' own loader, so the portal's options are validated exactly as
`mkdocs build` validates them.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path


def _load(config_file: Path):
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return load_config(config_file=str(config_file))
    except ConfigurationError as exc:
        raise SystemExit(f"{config_file}: {exc}")


def _own_dictionary(config, docs_dir: Path) -> list[str]:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    own = getattr(getattr(search, "config", None), "jieba_dict_user", None)
    if not own:
        return []
    path = Path(own) if Path(own).is_absolute() else Path(config.config_file_path).resolve().parent / own
    if path.is_file() and not path.resolve().is_relative_to(docs_dir.resolve()):
        return path.read_text(encoding="utf-8").splitlines()
    return []


def cmd_generate(args) -> int:
    from ..opendata import DownloadError
    from ..opendata.site import download_failure
    from ..problems import format_problem
    from .agencies import AgenciesFileError
    from .generate import generate, load_model

    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s")
    config = _load(args.config_file)
    portal = config.plugins.get("portal")
    if portal is None:
        raise SystemExit(f"{args.config_file}: no `portal` plugin in plugins")
    project = Path(config.config_file_path).resolve().parent
    try:
        model = load_model(portal.config, project)
    except AgenciesFileError as exc:
        print(f"portal: {exc}", file=sys.stderr)
        return 2
    if args.verbose:
        for entry in model.reports:
            for p in entry.problems:
                print(format_problem(p))
    docs_dir = Path(config.docs_dir)
    pagefind = config.plugins.get("pagefind_search")
    try:
        result = generate(model, portal.config, docs_dir=docs_dir,
                          pages_dir=Path(portal.config.pages_dir) if portal.config.pages_dir else None,
                          site_name=config.site_name, site_url=config.site_url,
                          use_directory_urls=config.use_directory_urls,
                          search_dict_lines=_own_dictionary(config, docs_dir),
                          search=pagefind.config if pagefind is not None else None)
    except DownloadError as exc:
        print(f"portal: {download_failure(exc)}", file=sys.stderr)
        return 1
    stats = result.stats
    print(f"{len(model.reports)} 个文件，{len(model.agencies)} 个机构，{len(model.years)} 个年度："
          f"{model.consistent_count} 份一致，{len(model.inconsistent)} 份有错误；"
          f"{docs_dir}：写入 {len(stats.written)} 个文件，{stats.unchanged} 个未变，删除 {len(stats.removed)} 个"
          f"（{result.seconds:.1f} 秒）")
    return 1 if portal.config.fail_on_data_errors and model.inconsistent else 0


def cmd_pagefind(args) -> int:
    from ..pagefind_search.index import index_site

    config = _load(args.config_file)
    pagefind = config.plugins.get("pagefind_search")
    if pagefind is None:
        raise SystemExit(f"{args.config_file}: no `pagefind_search` plugin (its options say what to index)")
    site = Path(args.site_dir or config.site_dir)
    if not site.is_dir():
        raise SystemExit(f"{site}: no built site here")
    done = index_site(site, pagefind.config)
    print(f"pagefind: {done['pages']} 个页面，索引 {', '.join(done['bundles'])}（{site}）")
    return 0


def add_arguments(sub) -> None:
    g = sub.add_parser("generate", help="write the site's pages, assets and downloads into docs_dir")
    g.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    g.add_argument("-v", "--verbose", action="store_true", help="print every data problem")
    g.set_defaults(func=cmd_generate)
    p = sub.add_parser("pagefind", help="build the Pagefind search index of a built site (Zensical)")
    p.add_argument("site_dir", nargs="?", type=Path, help="default: site_dir of mkdocs.yml")
    p.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    p.set_defaults(func=cmd_pagefind)
