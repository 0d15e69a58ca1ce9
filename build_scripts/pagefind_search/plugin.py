"""`pagefind_search`: Pagefind instead of Material's lunr search when a site has many reports.

Material's search plugin puts every page into one JSON index that each visitor downloads and
loads before the first result shows: at 10,000 reports that is tens of MB. Pagefind splits the
index into small chunks fetched on demand, so the first result costs a few hundred KB whatever
the size of the site, and the extended build segments Chinese words.

What the plugin does when it is active (mode `always`, or `auto` with more than
`pagefind_above` report pages):

1. on_files (last): counts the report pages, decides, turns Material's search plugin off (no lunr
   index is built, which also saves build time) and adds the search page (`search.md`) and the
   script and style of the search box.
2. on_env: replaces the search block of Material's `partials/header.html` (read from the theme
   at build time, so a custom_dir override of the header is kept) by
   `partials/pagefind-search.html`: the same Material search dialog, backed by Pagefind's JS API.
3. on_page_content (last): stages a small copy of every indexed page (its title and article
   without the excluded tables: material_article, what Material's page template makes of the
   content), in the folder of its shard; on_post_page marks the main article of the written
   page `data-pagefind-body` and adds hidden filter values (年度, 机关) from page.meta, the same
   in both. With another theme, or the tags plugin adding to the article, the page is staged
   from the written page in on_post_page instead.
4. on_env (once every page is staged, before MkDocs writes them): runs the pagefind binary of
   the `pagefind[extended]` wheel over each shard's staged pages (`shard_size` pages at most,
   `jobs` at a time: pagefind holds a run's pages in memory) in a thread, while MkDocs writes
   the pages on the other core; on_post_build waits for it (or runs it, for pages staged
   late), writing `pagefind/`, `pagefind-2/` … and `pagefind/shards.json`; the browser
   merges the shards (and the indexes of `merge_sites`, for a site built in parts) at query
   time.

Everything the browser loads comes from the site itself (same origin, relative URLs), so the
search works from any static file server, offline, and under a sub-path.
"""
from __future__ import annotations

import fnmatch
import glob
import html
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .cache import IndexCache, link_or_copy
from .config import PagefindSearchConfig
from .page import MARKER, SEARCH_PAGE

log = logging.getLogger("mkdocs.plugins.pagefind_search")

HERE = Path(__file__).parent
# Site path -> file of this package (kept flat so package-data "*.js" etc. ships them).
ASSETS = {"assets/pagefind-search/search.js": "search.js", "assets/pagefind-search/search.css": "search.css"}
MATERIAL_SEARCH = ("material/search", "search")
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_SEARCH_BLOCK_START = '{% if "material/search" in config.plugins %}'
_JINJA_TAG = re.compile(r"{%-?\s*(if|endif)\b[^%]*-?%}")


def pagefind_executable() -> Path:
    """The pagefind binary shipped in the pagefind[extended] wheel (the extended build segments Chinese)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:  # pragma: no cover - dependency is pinned in pyproject.toml
        raise PluginError("pagefind_search: 需要安装 pagefind[extended]（pip install -e .）") from exc
    return Path(get_executable())


def patch_header(source: str) -> str | None:
    """Material's header template with its search block replaced by the Pagefind search box."""
    start = source.find(_SEARCH_BLOCK_START)
    if start < 0:
        return None
    depth = 0
    for match in _JINJA_TAG.finditer(source, start):
        depth += 1 if match.group(1) == "if" else -1
        if depth == 0:
            return source[:start] + '{% include "partials/pagefind-search.html" %}' + source[match.end():]
    return None


def _filter_value(value) -> str:
    # Pagefind splits inline filters at commas and reads the first colon as the separator.
    return str(value).replace(",", "，").strip()


class PagefindSearchPlugin(BasePlugin[PagefindSearchConfig]):
    def __init__(self):
        super().__init__()
        self.active = False
        self.report_count = 0
        self.indexed = 0
        self._patterns: list[str] = []
        # (bundle folder, output paths of its pages) of every Pagefind index, in order.
        self.shards: list[tuple[str, list[str]]] = []
        self._shard_of: dict[str, str] = {}  # output path of an indexed page -> its bundle
        self._stage: Path | None = None  # the pages as pagefind reads them, by bundle
        self._cache: IndexCache | None = None  # with cache_dir: the stage and indexes kept between builds
        self._early = False  # pages staged from their content (on_page_content), indexed while the site is written
        self._indexing = None  # the indexing started in on_env (a Future), or None

    # -- decision ---------------------------------------------------------------------------

    def _matches(self, src_uri: str, patterns: list[str]) -> bool:
        return any(fnmatch.fnmatchcase(src_uri, p) for p in patterns)

    @event_priority(-100)  # after every plugin that generates pages (the portal)
    def on_files(self, files: Files, *, config) -> Files:
        self.indexed = 0
        self.shards = []
        self._indexing = None
        pages = files.documentation_pages()
        self.report_count = sum(1 for f in pages if self._matches(f.src_uri, self.config.report_pages))
        mode = self.config.mode
        self.active = mode == "always" or (mode == "auto" and self.report_count > self.config.pagefind_above)
        self._patterns = self.config.index_pages or self.config.report_pages
        if not self.active:
            log.info(f"pagefind_search: {self.report_count} report pages, Pagefind off "
                     f"(mode {mode}, above {self.config.pagefind_above}): Material search stays")
            # The generated search page (pagefind_search/page.py) has no index to search here.
            page = files.get_file_from_path(self.config.search_page)
            if page is not None and MARKER in page.content_string:
                files.remove(page)
            return files
        log.info(f"pagefind_search: {self.report_count} report pages: Pagefind search replaces Material search")
        for name in MATERIAL_SEARCH:
            if name in config.plugins and hasattr(config.plugins[name].config, "enabled"):
                config.plugins[name].config.enabled = False
        indexed = sorted(f.dest_uri for f in pages if self._matches(f.src_uri, self._patterns))
        self.shards = shard(indexed, self.config.bundle_dir.strip("/"), self.config.shard_size)
        self._shard_of = {dest: bundle for bundle, pages in self.shards for dest in pages}
        self._remove_stage()
        self._cache = None
        if self.config.cache_dir:
            root = Path(config.config_file_path or ".").resolve().parent / self.config.cache_dir
            self._cache = IndexCache(root, self._version())
        page = files.get_file_from_path(self.config.search_page)
        if page is None:
            files.append(File.generated(config, self.config.search_page, content=SEARCH_PAGE,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        elif MARKER in page.content_string:  # written by the portal's generation
            page.inclusion = InclusionLevel.NOT_IN_NAV
        else:
            log.warning(f"pagefind_search: {self.config.search_page} exists in the docs; "
                        "it must hold <div id=\"pagefind-page\"></div> for the full results")
        for uri, name in ASSETS.items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(HERE / name)))
        # With Material's own article (and no plugin adding to it), a page is staged from its
        # content as soon as it is made, and Pagefind runs while the pages are written.
        self._early = self._stages_early(config)
        return files

    def _stages_early(self, config) -> bool:
        """Whether the pages are staged from their content: with Material's own article, which
        no plugin adds to (the tags plugin does)."""
        return config.theme.name == "material" and not any(name in config.plugins for name in ("material/tags", "tags"))

    # -- templates ----------------------------------------------------------------------------

    def on_env(self, env, *, config, files):
        if not self.active:
            return env
        source, _, _ = env.loader.get_source(env, "partials/header.html")
        header = patch_header(source)
        if header is None:
            raise PluginError("pagefind_search: partials/header.html has no Material search block "
                              "to replace; keep Material's header or include partials/pagefind-search.html")
        own = (HERE / "pagefind-search.html").read_text(encoding="utf-8")
        env.loader = ChoiceLoader([
            DictLoader({"partials/header.html": header, "partials/pagefind-search.html": own}),
            env.loader,
        ])
        search_file = files.get_file_from_path(self.config.search_page)
        env.globals["pagefind_search"] = {
            "page": search_file.url if search_file else "",
            "bundles": [bundle + "/" for bundle, _ in self.shards] or [self.config.bundle_dir.strip("/") + "/"],
            "merge": list(self.config.merge_sites),
        }
        if self._early and self.indexed:
            # Every page is staged (on_page_content): Pagefind indexes them while MkDocs writes the
            # pages, on another core; on_post_build waits for it.
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind")
            self._indexing = pool.submit(self._index, config)
            pool.shutdown(wait=False)  # the thread ends with the indexing
        return env

    # -- pages --------------------------------------------------------------------------------

    def _filters(self, page) -> str:
        return "".join(
            # The value in the attribute: an empty element adds nothing to the indexed text.
            f'<span hidden data-pagefind-filter="{html.escape(name)}:{html.escape(_filter_value(page.meta[key]))}"></span>'
            for name, key in self.config.filters.items() if page.meta.get(key) not in (None, ""))

    @event_priority(-100)  # the page's content as every other plugin left it
    def on_page_content(self, content: str, *, page, config, files) -> str:
        """Stage the page from its content, as Material's article will hold it (material_article):
        Pagefind reads the same text as from the written page, and can start before the pages
        are written (on_env)."""
        if self.active and self._early and self._matches(page.file.src_uri, self._patterns):
            output = material_article(content, page, config.site_name, self._filters(page))
            self.indexed += 1
            self._stage_page(config, page.file.dest_uri, output, output.index("<article"))
        return content

    def on_post_page(self, output: str, *, page, config) -> str:
        if not self.active or not self._matches(page.file.src_uri, self._patterns):
            return output
        extra = self._filters(page)
        match = _ARTICLE.search(output)
        if not match:
            return output
        body = match.group(0) + " data-pagefind-body"
        output = output[:match.start()] + body + output[match.end():]
        if extra:
            output = output.replace("data-pagefind-body>", "data-pagefind-body>" + extra, 1)
        if not self._early:
            self.indexed += 1
            self._stage_page(config, page.file.dest_uri, output, match.start())
        return output

    def _version(self) -> str:
        """What an index is made with besides its pages: the pagefind binary and its options."""
        exe = pagefind_executable()
        st = exe.stat()
        return json.dumps([str(exe), st.st_size, st.st_mtime_ns, self.config.language,
                           list(self.config.exclude_selectors), list(self.config.extra_args)])

    def _stage_page(self, config, dest_uri: str, output: str, start: int) -> None:
        doc = staged_document(output, start, self.config.language, "table" in self.config.exclude_selectors)
        if doc is None:
            return
        bundle = self._shard_of.get(dest_uri, self.shards[0][0])
        if self._cache is not None:
            self._cache.stage(bundle, dest_uri, doc)
            return
        if self._stage is None:
            Path(config.site_dir).mkdir(parents=True, exist_ok=True)
            self._stage = Path(tempfile.mkdtemp(prefix=".pagefind-stage-", dir=config.site_dir))
        target = self._stage / bundle / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc, encoding="utf-8")

    # -- index --------------------------------------------------------------------------------

    def _pagefind(self, site: str, output: str, glob_dir: str | None = None) -> None:
        run_pagefind(site, output, self.config, glob_dir)

    def on_post_build(self, *, config) -> None:
        if not self.active:
            return
        started = time.perf_counter()
        if self._indexing is not None:
            indexing, self._indexing = self._indexing, None
            shards, reused = indexing.result()
        else:
            shards, reused = self._index(config)
        log.info(f"pagefind_search: indexed {self.indexed} pages in {len(shards)} "
                 f"index{'es' if len(shards) > 1 else ''} ({time.perf_counter() - started:.1f} s after the pages; "
                 f"{', '.join(b for b, _ in shards)}; {reused} unchanged, from the cache)")

    def _index(self, config) -> tuple[list, int]:
        """Build every index (the shards not in the cache) and pagefind/shards.json; the shards
        and how many came from the cache."""
        site = Path(config.site_dir)
        shards = self.shards or [(self.config.bundle_dir.strip("/"), [])]
        reused = 0
        try:
            if self._cache is not None and self.indexed:
                reused = self._index_with_cache(site, shards)
            elif self._stage is None:
                log.warning("pagefind_search: no page had Material's article to index; Pagefind indexes every page")
                self._pagefind(str(site), str(site / shards[0][0]))
            else:
                # One pagefind run per shard, over the staged pages of that shard: pagefind keeps
                # every page of a run in memory (~0.45 MB a page of Chinese). A run uses about
                # one core, so `jobs` shards are indexed at the same time.
                todo = [(bundle, self._stage / bundle) for bundle, _ in shards if (self._stage / bundle).is_dir()]
                jobs = max(1, min(self.config.jobs or _cores(), len(todo)))
                with ThreadPoolExecutor(max_workers=jobs) as pool:
                    for future in [pool.submit(self._pagefind, str(folder), str(site / bundle))
                                   for bundle, folder in todo]:
                        future.result()
        finally:
            self._remove_stage()
        manifest = {"bundles": [bundle + "/" for bundle, _ in shards]}
        (site / shards[0][0]).mkdir(parents=True, exist_ok=True)
        (site / shards[0][0] / "shards.json").write_text(json.dumps(manifest), encoding="utf-8")
        return shards, reused

    def _index_with_cache(self, site: Path, shards: list) -> int:
        """Index the shards whose staged pages changed, copy the others from the cache; returns
        how many were copied."""
        cache = self._cache
        cache.finish_stage()
        todo, reused = [], 0
        for bundle, _ in shards:
            if not cache.stage_dir(bundle).is_dir():
                continue
            # The site's index files may be links to the cache's (a --dirty build): never written into.
            shutil.rmtree(site / bundle, ignore_errors=True)
            kept = cache.cached(bundle)
            if kept is not None:
                shutil.copytree(kept, site / bundle, dirs_exist_ok=True, copy_function=link_or_copy)
                reused += 1
            else:
                todo.append(bundle)
        jobs = max(1, min(self.config.jobs or _cores(), len(todo) or 1))
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for bundle, future in [(b, pool.submit(self._pagefind, str(cache.stage_dir(b)), str(site / b)))
                                   for b in todo]:
                future.result()
                cache.store(bundle, site / bundle)
        cache.save()
        return reused

    def _remove_stage(self) -> None:
        if self._stage is not None:
            shutil.rmtree(self._stage, ignore_errors=True)
            self._stage = None

    def on_build_error(self, *, error) -> None:
        if self._indexing is not None:  # started in on_env: let it end before its stage goes
            self._indexing.exception()
            self._indexing = None
        self._remove_stage()


def staged_document(output: str, start: int, language: str, drop_tables: bool) -> str | None:
    """What pagefind reads of a built page whose main article starts at `start`: its title and
    that article, nothing else (and no tables when they are excluded anyway): pagefind takes
    half the time on these small files than on the whole pages."""
    end = output.find("</article>", start)
    if end < 0:
        return None
    article = output[start:end + len("</article>")]
    if drop_tables:
        article = _TABLE.sub("", article)
    title = _TITLE.search(output)
    return (f'<!doctype html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            f"<title>{title.group(1) if title else ''}</title></head>\n<body>{article}</body></html>\n")


def material_article(content: str, page, site_name: str, filters: str) -> str:
    """What Material's page template makes of a page's content, as far as staged_document reads
    it: the <title> of base.html and the <article> of main.html (with content.html's <h1> when
    the content has none), marked for Pagefind as on_post_page marks it. Only whitespace and
    the statistics tables, which staged_document drops, are left out: the staged text is the
    same (tests/test_pagefind.py compares the indexes)."""
    if page.meta and page.meta.get("title"):
        title = f"{page.meta['title']} - {site_name}"
    elif page.title and not page.is_homepage:
        title = f"{Markup(page.title).striptags()} - {site_name}"
    else:
        title = site_name
    h1 = "" if "<h1" in content else f"<h1>{page.title or site_name}</h1>"  # MkDocs' templates do not escape
    return (f"<title>{title}</title>\n"
            f'<article class="md-content__inner md-typeset" data-pagefind-body>{filters}{h1}{content}</article>')


def run_pagefind(site: str, output: str, config, glob_dir: str | None = None) -> None:
    """One pagefind run (the extended binary of the wheel) over the pages in `site`."""
    cmd = [str(pagefind_executable()), "--site", site, "--output-path", output,
           "--force-language", config.language, "--quiet"]
    if glob_dir:
        cmd += ["--glob", f"{glob.escape(glob_dir)}/**/*.html"]
    for selector in config.exclude_selectors:
        cmd += ["--exclude-selectors", selector]
    cmd += list(config.extra_args)
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise PluginError(f"pagefind_search: pagefind failed ({done.returncode}):\n{done.stderr or done.stdout}")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def shard(pages: list[str], bundle_dir: str, size: int) -> list[tuple[str, list[str]]]:
    """Pages split into Pagefind indexes of at most `size` pages (0: one index):
    `pagefind/`, `pagefind-2/`, `pagefind-3/` …"""
    if size <= 0 or len(pages) <= size:
        return [(bundle_dir, pages)]
    count = -(-len(pages) // size)
    per = -(-len(pages) // count)  # equal shards
    return [(bundle_dir if i == 0 else f"{bundle_dir}-{i + 1}", pages[i * per:(i + 1) * per]) for i in range(count)]


def bundle_stats(site_dir: str | Path, bundle_dir: str = "pagefind") -> dict:
    """Files and bytes of a built Pagefind bundle (for benchmarks and the docs)."""
    root = Path(site_dir) / bundle_dir
    files = [p for p in root.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files),
            "entry": json.loads((root / "pagefind-entry.json").read_text(encoding="utf-8"))
            if (root / "pagefind-entry.json").is_file() else None}
