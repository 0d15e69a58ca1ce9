"""Options of the `pagefind_search` MkDocs plugin."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PagefindSearchConfig(Config):
    # auto: Pagefind when the site has more than `pagefind_above` report pages, Material's lunr
    # search otherwise; always / never force one of the two.
    mode = c.Choice(("auto", "always", "never"), default="auto")
    pagefind_above = c.Type(int, default=200)
    # Which pages are report pages (fnmatch patterns on the page's source path, `*` matches `/`).
    report_pages = c.ListOfItems(c.Type(str), default=["reports/*"])
    # Pages whose main content is indexed; empty: the report pages.
    index_pages = c.ListOfItems(c.Type(str), default=[])
    # Parts of the indexed content left out of the index (CSS selectors): tables, and what a page
    # keeps out of Material's search too (data-search-exclude: a report's figures, rates and
    # problem list), which was half of Pagefind's work.
    exclude_selectors = c.ListOfItems(c.Type(str), default=["table", ".headerlink", ".md-source-file",
                                                            "[data-search-exclude]"])
    # page.meta keys shown as Pagefind filters on the search page: {filter name: meta key}.
    filters = c.Type(dict, default={"年度": "year", "机关": "agency"})
    language = c.Type(str, default="zh")
    bundle_dir = c.Type(str, default="pagefind")
    # The generated full-results search page (a page source path in the docs).
    search_page = c.Type(str, default="search.md")
    # Other sites searched together with this one (multisite): their roots relative to this
    # site's root, e.g. ["../2021/", "../2022/"]; each must have its own Pagefind bundle.
    merge_sites = c.ListOfItems(c.Type(str), default=[])
    # Extra arguments for the pagefind command line.
    extra_args = c.ListOfItems(c.Type(str), default=[])
    # At most this many pages in one Pagefind index: pagefind holds every page of a run in
    # memory (~0.45 MB a page of Chinese), so larger sites get several indexes (pagefind/,
    # pagefind-2/ …) that the search merges in the browser. 0: always one index.
    shard_size = c.Type(int, default=2000)
    # Shards indexed at the same time (each pagefind run uses about one core and
    # shard_size × 0.45 MB of memory); 0: one per core.
    jobs = c.Type(int, default=0)
    # Keep the staged pages and the built indexes here between builds (relative to mkdocs.yml;
    # cache.py): a shard none of whose pages changed is not indexed again. None: no cache.
    cache_dir = c.Optional(c.Type(str))
