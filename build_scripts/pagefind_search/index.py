"""Pagefind over a site that is already built (`python -m build_scripts pagefind SITE_DIR`).

The pagefind_search plugin indexes the pages during `mkdocs build`; a site built without MkDocs
plugins (Zensical) is indexed afterwards: the report pages of SITE_DIR (the plugin's
`report_pages` patterns matched against the built files' paths, `*` matching `/`) are staged
as the plugin stages them (title and main article, tables left out), in the same shards, and
pagefind writes `pagefind/` (`pagefind-2/` …) and `pagefind/shards.json` into SITE_DIR. The
generated search page (page.py) then searches them. Year and agency filters are not added
(they come from the pages' metadata, which only the MkDocs build has).
"""
from __future__ import annotations

import fnmatch
import json
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .plugin import _ARTICLE, _cores, run_pagefind, shard, staged_document


def index_site(site_dir: Path, config) -> dict:
    """Index the report pages of site_dir; config: the pagefind_search options. Returns
    {"pages": indexed page count, "bundles": [folders]}."""
    site = Path(site_dir)
    patterns = config.index_pages or config.report_pages
    pages = sorted(rel for rel in (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
                   if not rel.startswith(".") and any(fnmatch.fnmatchcase(rel, pat) for pat in patterns))
    shards = shard(pages, config.bundle_dir.strip("/"), config.shard_size)
    stage = Path(tempfile.mkdtemp(prefix=".pagefind-stage-", dir=site))
    indexed = 0
    try:
        for bundle, dests in shards:
            for dest in dests:
                output = (site / dest).read_text(encoding="utf-8")
                match = _ARTICLE.search(output)
                doc = staged_document(output, match.start(), config.language,
                                      "table" in config.exclude_selectors) if match else None
                if doc is None:
                    continue
                target = stage / bundle / dest
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(doc, encoding="utf-8")
                indexed += 1
        todo = [(bundle, stage / bundle) for bundle, _ in shards if (stage / bundle).is_dir()]
        for bundle, _ in shards:
            shutil.rmtree(site / bundle, ignore_errors=True)
        with ThreadPoolExecutor(max_workers=max(1, min(config.jobs or _cores(), len(todo) or 1))) as pool:
            for future in [pool.submit(run_pagefind, str(folder), str(site / bundle), config) for bundle, folder in todo]:
                future.result()
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    bundles = [bundle + "/" for bundle, _ in shards]
    (site / shards[0][0]).mkdir(parents=True, exist_ok=True)
    (site / shards[0][0] / "shards.json").write_text(json.dumps({"bundles": bundles}), encoding="utf-8")
    return {"pages": indexed, "bundles": bundles}
