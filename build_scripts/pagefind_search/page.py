"""The Pagefind search page (搜索, `search.md`), written with the generated pages.

It holds the full-results element (#pagefind-page) and a hidden copy of the search box's data
attributes, so search.js finds the site root and the index bundles on this page alone: under
Zensical, whose header has its own search, this page is the Chinese search of the site once
`python -m build_scripts pagefind SITE_DIR` has indexed it. Under MkDocs the pagefind_search
plugin keeps it when Pagefind is on (the header box then comes first) and drops it otherwise.
"""
from __future__ import annotations

import json
from html import escape

MARKER = 'id="pagefind-page"'
SCRIPT_URI = "assets/pagefind-search/search.js"
CSS_URI = "assets/pagefind-search/search.css"


def bundles(report_count: int, bundle_dir: str, shard_size: int) -> list[str]:
    """The index folders the search reads: as many shards as plugin.shard makes of report_count pages."""
    from .plugin import shard

    return [bundle + "/" for bundle, _ in shard([str(i) for i in range(report_count)], bundle_dir.strip("/"), shard_size)]


# The page as the pagefind_search plugin adds it to a site that has none (the header's search
# box holds the data attributes there); search_page adds them and the script for a page of its own.
SEARCH_PAGE = """---
title: 搜索
search:
  exclude: true
hide:
  - navigation
  - toc
---

# 搜索报告

<div id="pagefind-page" class="pagefind-page" data-pagefind-ignore="all">
<p class="pagefind-page__loading">正在加载搜索……</p>
</div>

<noscript>搜索需要启用 JavaScript。也可以按机关或年度浏览全部报告。</noscript>
"""


def search_page(root: str, script: str, bundle_list: list[str]) -> str:
    """The page's Markdown; root and script: URLs relative to the page."""
    return (SEARCH_PAGE
            + f'\n<div hidden data-pagefind-search data-root="{escape(root)}" '
              f'data-bundles="{escape(json.dumps(bundle_list))}" data-page="" data-merge="[]"></div>\n'
            + f'\n<script src="{escape(script)}" defer></script>\n')


def write_search_page(writer, config, link, page_link, report_count: int) -> None:
    """Write the page (at config.search_page) and the script and style it needs.
    config: the pagefind_search options; link(target, page): an href from the page (as
    portal.generate writes links); page_link(target, page): a URL relative to the page's URL."""
    from .plugin import ASSETS, HERE

    page = config.search_page
    for uri, name in ASSETS.items():
        writer.copy_file(uri, HERE / name)
    root = page_link("index.md", page)
    writer.write_text(page, search_page(root, link(SCRIPT_URI, page),
                                        bundles(report_count, config.bundle_dir, config.shard_size)))
