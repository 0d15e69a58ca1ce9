"""The `portal` MkDocs plugin: a thin adapter that runs the site generation (generate.py) inside
`mkdocs build` / `mkdocs serve`, and keeps what only MkDocs offers.

- on_config (priority 100, before the search plugin's own on_config): parse every file of
  data_dir once (cached), log every data problem, and write the generated pages, assets and
  downloads into docs_dir (generate.generate: the same files `python -m build_scripts generate`
  writes for Zensical).
- on_nav: when Material's search indexes the site (pagefind_search, deciding in on_files, did not
  turn it off), point it at the generated jieba user dictionary and load it, as the search
  plugin does with `jieba_dict_user` in its on_config (loading jieba costs about a second, for
  nothing when Pagefind indexes the site).
- on_files: the generated report, agency and year pages are reached from the index pages, not
  from the nav (NOT_IN_NAV); the downloads and copies of the original files (most of the site's
  bytes) are hard-linked into site_dir instead of copied (_hard_link).
- on_page_context (priority 50, before the search plugin indexes the page): give report and
  agency pages their search keywords (searchwords.search_keywords); at priority -50, keep them
  on the page's own index entry only.
- on_page_markdown / on_page_content: a page written by markdown.to_markdown (raw HTML blocks
  and headings) is turned into HTML by markdown.to_html instead of Markdown (same result, much
  faster), with its table of contents.
- on_page_content / on_post_page: the statistics tables 三 and 四 (marked by generate.defer,
  excluded from the index anyway) stand in as comments while the search plugin parses the page,
  which is most of its work; they are put back in the written page.
- on_post_build: with fail_on_data_errors, fail after the whole site is written.
- on_serve: `mkdocs serve` also rebuilds when data_dir or pages_dir change.

`plugin.model` is the grouped collection (model.Model), `plugin.generation` what was written.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from ..problems import format_problem
from ..opendata import DownloadError
from ..opendata.site import CSS_URI as OPENDATA_CSS, SCRIPT_URI as OPENDATA_JS, download_failure
from .agencies import AgenciesFileError
from .config import PortalConfig
from .generate import CSS_URI, DEFER_END, DEFER_START, JS_URI, Generation, generate, load_model
from .markdown import titled_html_to_html, to_html
from .model import Model
from .searchwords import dictionary_words, name_keywords, page_keywords, search_keywords, template_terms

__all__ = ["PortalPlugin", "dictionary_words", "name_keywords", "search_keywords", "template_terms"]

log = get_plugin_logger("portal")

# Generated pages listed in the nav (mkdocs.yml); the others are reached from these.
NAV_PAGES = frozenset({"index.md", "agencies/index.md", "years/index.md", "problems/index.md", "data/index.md",
                       "compare/index.md"})


class PortalPlugin(BasePlugin[PortalConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.model: Model | None = None
        self.generation: Generation | None = None
        self.keywords: dict[str, list[str]] = {}
        self._search = None
        self._watch: list[Path] = []
        self._deferred: dict[str, dict[str, str]] = {}
        self._html: dict[str, str] = {}

    # -- configuration, data and generation ------------------------------------------------

    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        project = Path(config.config_file_path or ".").resolve().parent
        try:
            self.model = load_model(self.config, project)
        except AgenciesFileError as exc:
            raise PluginError(f"portal: {exc}") from exc
        self._log_problems()

        self._search = _search_plugin(config)
        docs_dir = Path(config.docs_dir)
        pages_dir = Path(self.config.pages_dir) if self.config.pages_dir else None
        pagefind = config.plugins.get("pagefind_search")
        try:
            self.generation = generate(
                self.model, self.config, docs_dir=docs_dir, pages_dir=pages_dir,
                site_name=config.site_name, site_url=config.site_url,
                use_directory_urls=config.use_directory_urls,
                search_dict_lines=self._own_dictionary(config, docs_dir),
                search=pagefind.config if pagefind is not None else None, built_links=True)
        except DownloadError as exc:
            raise PluginError(f"portal: {download_failure(exc)}") from exc
        except ValueError as exc:
            raise PluginError(f"portal: {exc}") from exc
        stats = self.generation.stats
        log.info(f"生成 {docs_dir}：写入 {len(stats.written)} 个文件，{stats.unchanged} 个未变，"
                 f"删除 {len(stats.removed)} 个（{self.generation.seconds:.1f} 秒）")
        for uri, option in ((CSS_URI, config.extra_css), (OPENDATA_CSS, config.extra_css),
                            (JS_URI, config.extra_javascript), (OPENDATA_JS, config.extra_javascript)):
            if uri not in option:
                option.append(uri)
        self.keywords = page_keywords(self.model)
        self._watch = [Path(self.config.data_dir).resolve()] + ([pages_dir.resolve()] if pages_dir else [])
        return config

    def _own_dictionary(self, config, docs_dir: Path) -> list[str]:
        """The lines of a jieba user dictionary given in mkdocs.yml (kept first in ours)."""
        if self._search is None or not self._search.config.jieba_dict_user:
            return []
        own = Path(self._search.config.jieba_dict_user)
        if not own.is_absolute():
            own = Path(config.config_file_path).resolve().parent / own
        if own.is_file() and not own.resolve().is_relative_to(docs_dir.resolve()):
            return own.read_text(encoding="utf-8").splitlines()
        return []

    def _log_problems(self) -> None:
        level = {"debug": 10, "info": 20, "warning": 30}[self.config.problem_log_level]
        model = self.model
        if log.isEnabledFor(level):  # thousands of lines: not formatted for nothing (mkdocs build -q)
            for entry in model.reports:
                for p in entry.problems:
                    log.log(level, format_problem(p))
        log.info(
            f"{len(model.reports)} 个文件，{len(model.agencies)} 个机构，{len(model.years)} 个年度："
            f"{model.consistent_count} 份一致，{len(model.inconsistent)} 份有错误"
            f"（其中 {len(model.unreadable)} 个文件无法解析）；错误 {model.error_count} 个，警告 {model.warning_count} 个"
        )

    def on_files(self, files: Files, config):
        if not self.config.enabled or self.generation is None:
            return files
        for src_uri in self.generation.sources - NAV_PAGES:
            f = files.get_file_from_path(src_uri)
            if f is not None:
                f.inclusion = InclusionLevel.NOT_IN_NAV
        folders: set[str] = set()  # made in site_dir by this build's links
        for src_uri in self.generation.data_files:
            f = files.get_file_from_path(src_uri)
            if f is not None:
                _hard_link(f, folders)
        return files

    # -- search ----------------------------------------------------------------------------

    def on_nav(self, nav, config, files):
        search = self._search
        if self.generation is None or search is None or not search.config.enabled:
            return nav
        path = str(self.generation.user_dict)
        search.config.jieba_dict_user = path
        from material.plugins.search import plugin as material_search

        if material_search.jieba is not None and Path(path).is_file():
            material_search.jieba.load_userdict(path)
        return nav

    @event_priority(50)
    def _set_keywords(self, context, page, config, nav):
        keywords = self.keywords.get(page.file.src_uri) if self.config.enabled else None
        if keywords:
            page.meta["tags"] = keywords
        return context

    @event_priority(-50)
    def _keywords_on_the_page_entry_only(self, context, page, config, nav):
        """Material copies a page's tags into the index entry of every section of the page; the
        keywords only need to be on the page's own entry (which the results show first), so
        they are taken off the section entries it has just added (about a fifth of the index)."""
        if not self.keywords.get(page.file.src_uri) or self._search is None:
            return context
        entries = getattr(self._search.search_index, "entries", [])
        for entry in reversed(entries):
            location = entry.get("location", "")
            if not location.startswith(page.url):
                break
            if "#" in location:
                entry.pop("tags", None)
        return context

    on_page_context = CombinedEvent(_set_keywords, _keywords_on_the_page_entry_only)

    def on_page_markdown(self, markdown, page, config, files):
        """A page written by markdown.to_markdown skips Markdown: to_html gives what Markdown
        would (raw HTML blocks and headings), in a fraction of the time; so does a generated
        page of a title and raw HTML only (titled_html_to_html: the paged 数据下载 and 对比 pages)."""
        src = page.file.src_uri
        if self.generation is None or src not in self.generation.sources:
            return markdown
        converted = to_html(markdown) if src in self.generation.html_pages else titled_html_to_html(markdown)
        if converted is None:
            return markdown
        self._html[src] = converted
        return ""

    def on_page_content(self, html, page, config, files):
        if self.generation is None or page.file.src_uri not in self.generation.sources:
            return html
        converted = self._html.pop(page.file.src_uri, None)
        if converted is not None:
            html, headings = converted
            page.toc = _toc(headings)
        if DEFER_START not in html:
            return html
        deferred: dict[str, str] = {}
        out: list[str] = []
        pos = 0
        while (start := html.find(DEFER_START, pos)) >= 0:
            end = html.find(DEFER_END, start)
            if end < 0:
                break
            key = f"<!--portal:deferred:{len(deferred)}-->"
            deferred[key] = html[start + len(DEFER_START):end]
            out += [html[pos:start], key]
            pos = end + len(DEFER_END)
        out.append(html[pos:])
        self._deferred[page.file.src_uri] = deferred
        return "".join(out)

    def on_post_page(self, output, page, config):
        deferred = self._deferred.pop(page.file.src_uri, None)
        if not deferred:
            return output
        for key, html in deferred.items():
            output = output.replace(key, html, 1)
        return output

    # -- end of the build --------------------------------------------------------------------

    def on_post_build(self, config):
        if not self.config.enabled or not self.config.fail_on_data_errors:
            return
        bad = self.model.inconsistent
        if bad:
            raise PluginError(
                f"portal: {len(bad)} 份报告未通过检查（错误 {self.model.error_count} 个，见 problems/ 页和上面的日志）；"
                f"站点已经生成。fail_on_data_errors: true 使构建失败。"
            )

    def on_serve(self, server, config, builder):
        for path in self._watch:
            server.watch(str(path))
        return server


def _hard_link(file: File, folders: set[str]) -> None:
    """Make MkDocs hard-link this generated file into site_dir instead of copying it (a copy of
    every download and original is most of a build's writing). Safe because neither side is
    written in place: the generation replaces a changed file with a new one, MkDocs empties
    site_dir or, with --dirty, skips a link that is up to date (same file, same time)."""
    def copy_file(dirty: bool = False) -> None:
        if file.abs_src_path is None or file.generated_by:  # not a file of docs_dir
            return File.copy_file(file, dirty)
        if dirty and not file.is_modified():
            return
        dest = file.abs_dest_path
        folder = os.path.dirname(dest)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        try:
            os.link(file.abs_src_path, dest)
            return
        except FileExistsError:  # a file of an earlier build (--dirty)
            os.unlink(dest)
        except OSError:  # another file system, links not allowed
            return File.copy_file(file, dirty)
        try:
            os.link(file.abs_src_path, dest)
        except OSError:
            File.copy_file(file, dirty)

    file.copy_file = copy_file


def _toc(headings: list[tuple[int, str, str]]):
    """The table of contents of a page from its (level, id, name) headings: h3 under their h2."""
    items: list[dict] = []
    for level, anchor, name in headings:
        item = {"level": level, "id": anchor, "name": name, "children": []}
        if level > 2 and items:
            items[-1]["children"].append(item)
        else:
            items.append(item)
    return get_toc(items)


def _search_plugin(config):
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover - material is a dependency
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            return plugin
    return None
