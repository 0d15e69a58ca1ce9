"""MkDocs wiring of the portal: read the reports once, generate the pages, render their bodies.

Events, in build order:

- on_config (priority 100, before the search plugin's own on_config): read agencies.yml, parse
  every file of data_dir once (reports.load_reports, then the cross-report checks), build the
  model (`self.model`), log every data problem, write the jieba user dictionary (agency names,
  regions and template terms) and point Material's search at it, since the search plugin loads
  `jieba_dict_user` in its on_config.
- on_files: add the generated pages (a front matter and an empty body each; report pages and
  agency and year pages are NOT_IN_NAV), the copies of the original files, the CSS/JS assets
  and the word list.
- on_page_content: replace the (empty) Markdown output of a generated page by its Jinja2
  template rendered with autoescape. Report text never goes through Markdown.
  Tables 三 and 四 (not searched) stand in as comments until on_post_page puts them in, so
  the search plugin does not parse them.
- on_page_context (priority 50, before the search plugin indexes the page): give report and
  agency pages their search keywords (see search_keywords); at priority -50, keep them on the
  page's own index entry only.
- on_post_build: with fail_on_data_errors, fail after the whole site is written.

Extension point (open data, charts): `plugin.model` is the grouped collection (model.Model),
built once; `plugin.add_page(files, config, src_uri, template, title, context)` adds a
generated page rendered from one of the Jinja2 templates (from on_files, after this plugin's);
`plugin.extra_context` is merged into the context of every page; templates named
slots/report_data.html, slots/agency_data.html, slots/year_data.html and slots/home_data.html
are included in those pages when they exist (in templates_dir or the package's templates/).
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .. import template as tpl
from ..problems import format_problem
from ..opendata.site import add_open_data
from ..files import display_path
from ..reports import add_collection_problems, load_reports, report_files
from .agencies import AgenciesFileError, load_agencies
from .config import PortalConfig
from .model import Model, build_model, safe_title
from .render import make_environment

log = get_plugin_logger("portal")

ASSETS_DIR = Path(__file__).parent / "assets"
CSS_URI = "assets/portal/portal.css"
JS_URI = "assets/portal/sort.js"
USER_DICT_URI = "search/jieba_userdict.txt"

# Words of the templates that a reader searches for and jieba would otherwise cut apart.
EXTRA_TERMS = ("政府信息公开", "信息处理费", "依申请公开", "主动公开", "政务公开", "上年结转",
               "结转下年度", "年度报告", "行政复议", "行政诉讼")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
_HAN_ONLY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.S)


def template_terms() -> list[str]:
    """The labels of tables 二, 三 and 四 that are worth one search word each."""
    words = set(EXTRA_TERMS)
    for t in tpl.BY_ID.values():
        words.update(row.label for row in t.proactive)
        words.update(c.label for c in t.app_columns)
        words.update(row.core for row in t.app_rows if row.level == 1)
        words.update(c.label for c in t.review_columns)
        for _, label in t.review_groups:
            words.update(label.split(" · "))
    return sorted(w for w in words if _HAN_ONLY.fullmatch(w))


def dictionary_words(names: list[str]) -> list[str]:
    """Search words for names: a name written in Chinese characters only is one word; of any
    other name, its runs of two or more Chinese characters (the search only segments those)."""
    words: set[str] = set()
    for name in names:
        if _HAN_ONLY.fullmatch(name):
            words.add(name)
        else:
            words.update(_HAN_RUN.findall(name))
    return sorted(words)


def search_keywords(words: list[str], text: str) -> list[str]:
    """Keywords that make Material's search find a page by the dictionary words it contains.

    Material segments a Chinese query in the browser greedily, by the longest tokens of the
    index found in the query *without its last character* (search/query/segment in its
    worker), then appends a wildcard: "沙坡头区科学技术局" is looked up as "沙坡头区科学技术*".
    With every agency name one word of the index (the user dictionary), that prefix is no token
    of the index, and the query would fall back to its first short word (沙坡头区*), matching
    every agency of the district. So each page that contains a dictionary word of three or
    more characters carries that word less its last character as a keyword (the search index's
    `tags` field, which is not segmented): the query becomes exactly that prefix and finds the
    pages that contain the word, those first. Only Chinese-only words (what the search
    segments) are used."""
    return sorted({w[:-1] for w in words if len(w) >= 3 and _HAN_ONLY.fullmatch(w) and w in text})


# Characters that end the name of a place in an agency's name (沙坡头区|科学技术局).
_PLACE_END = "省市区县州盟旗镇乡"


def name_keywords(name: str | None) -> list[str]:
    """search_keywords for an agency's pages: its name, and the endings of its name after each
    place in it, so that 科学技术局 or 工业和信息化局 finds those of every place."""
    words = dictionary_words([name]) if name else []
    endings = [w[k + 1:] for w in words for k, ch in enumerate(w) if ch in _PLACE_END and k]
    return search_keywords(words + endings, "\n".join(words))


@dataclass
class PageSpec:
    template: str
    context: dict = field(default_factory=dict)


class PortalPlugin(BasePlugin[PortalConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.model: Model | None = None
        self.pages: dict[str, PageSpec] = {}
        self.extra_context: dict = {}
        self.env = None
        self.files_by_uri: dict[str, File] = {}
        self.keywords: dict[str, list[str]] = {}
        self.user_dict = ""
        self._dict_path: str | None = None
        self._data_dir: Path | None = None
        self._search = None
        self._deferred: dict[str, dict[str, str]] = {}

    # -- configuration and data ----------------------------------------------------------

    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        project = Path(config.config_file_path or ".").resolve().parent
        data_dir = Path(self.config.data_dir).resolve()
        self._data_dir = data_dir

        agencies_path = self.config.agencies_file
        if agencies_path is None:
            for name in ("agencies.yml", "agencies.yaml"):
                if (data_dir / name).is_file():
                    agencies_path = str(data_dir / name)
                    break
        try:
            registry = load_agencies(Path(agencies_path) if agencies_path else None,
                                     _display(Path(agencies_path), project) if agencies_path else None)
        except AgenciesFileError as exc:
            raise PluginError(f"portal: {exc}") from exc

        files = report_files([data_dir])
        # Shown as data/…: never the machine's path, never a symlink's target (files.display_path).
        pairs = [(p, display_path(p, project, data_dir)) for p in files]
        cache_dir = self.config.cache_dir
        if cache_dir is not None:
            cache_dir = str((project / cache_dir).resolve())
        reports = add_collection_problems(load_reports(pairs, cache_dir=cache_dir, workers=self.config.workers,
                                                       root=data_dir, limits=self.config.limits))
        items = [(r, p, source, _mtime(p)) for r, (p, source) in zip(reports, pairs)]
        self.model = build_model(items, registry)
        self._log_problems()

        self._search = _search_plugin(config)
        self.user_dict = self._write_user_dict(config)
        for uri, option in ((CSS_URI, config.extra_css), (JS_URI, config.extra_javascript)):
            if uri not in option:
                option.append(uri)
        extra = [Path(self.config.templates_dir)] if self.config.templates_dir else []
        self.env = make_environment(extra)
        return config

    def _log_problems(self) -> None:
        level = {"debug": 10, "info": 20, "warning": 30}[self.config.problem_log_level]
        model = self.model
        for entry in model.reports:
            for p in entry.problems:
                log.log(level, format_problem(p))
        log.info(
            f"{len(model.reports)} 个文件，{len(model.agencies)} 个机构，{len(model.years)} 个年度："
            f"{model.consistent_count} 份一致，{len(model.inconsistent)} 份有错误"
            f"（其中 {len(model.unreadable)} 个文件无法解析）；错误 {model.error_count} 个，警告 {model.warning_count} 个"
        )

    def _write_user_dict(self, config) -> str:
        """The jieba user dictionary: written to a temporary file that Material's search plugin
        loads in its on_config (after this one), and shipped in the site as USER_DICT_URI."""
        search = _search_plugin(config)
        lines: list[str] = []
        if search is not None and search.config.jieba_dict_user:
            own = Path(search.config.jieba_dict_user)
            if not own.is_absolute():
                own = Path(config.config_file_path).resolve().parent / own
            if own.is_file():
                lines.extend(line.strip() for line in own.read_text(encoding="utf-8").splitlines() if line.strip())
        known = {line.split()[0] for line in lines}
        words = dictionary_words(self.model.search_words()) + template_terms()
        lines.extend(w for w in dict.fromkeys(words) if w not in known)
        text = "\n".join(lines) + "\n"
        if search is not None:
            fd, path = tempfile.mkstemp(prefix="portal-jieba-", suffix=".txt")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            self._dict_path = path
            search.config.jieba_dict_user = path
        return text

    # -- pages -------------------------------------------------------------------------------

    def add_page(self, files: Files, config, src_uri: str, template: str, title: str,
                 context: dict | None = None, meta: dict | None = None, in_nav: bool = False) -> File:
        """Add a generated page whose body is `template` rendered with `context`."""
        front = {"title": safe_title(title), **(meta or {})}
        content = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            log.warning(f"{src_uri} 由本插件生成，docs 中的同名文件被忽略")
            files.remove(existing)
        f = File.generated(config, src_uri, content=content, inclusion=inclusion)
        files.append(f)
        self.pages[src_uri] = PageSpec(template, context or {})
        return f

    def _keywords(self) -> dict[str, list[str]]:
        """Search keywords (search_keywords) of the report and agency pages, by source path."""
        terms = template_terms()
        out: dict[str, list[str]] = {}
        for agency in self.model.agencies:
            out[agency.src_uri] = name_keywords(agency.name)
        for entry in self.model.reports:
            r = entry.report
            parts = [entry.agency_name or "", r.get("opening") or ""]
            parts += [s.get("text") or "" for s in r.get("sections", [])]
            if entry.parsed:  # the labels of its tables are on the page too
                t = tpl.get(entry.template)
                parts += [row.label for row in t.proactive] + [row.label for row in t.app_rows]
                parts += [c.label for c in t.app_columns + t.review_columns]
                parts += [label for _, label in t.review_groups]
            keywords = set(name_keywords(entry.agency_name)) | set(search_keywords(terms, "\n".join(parts)))
            out[entry.src_uri] = sorted(keywords)
        return out

    def _add_file(self, files: Files, config, src_uri: str, **source) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, **source))

    def on_files(self, files: Files, config):
        if not self.config.enabled:
            return files
        self._remove_dict_file()
        model = self.model
        title = self.config.title or config.site_name
        # The nav is in the header tabs (navigation.tabs); the generated pages hide the empty
        # navigation sidebar to leave the width to their tables.
        wide = {"hide": ["navigation"]}
        self.add_page(files, config, "index.md", "home.html", "首页", in_nav=True,
                      meta={"hide": ["navigation", "toc"]})
        self.add_page(files, config, "agencies/index.md", "agencies.html", "机构", in_nav=True, meta=wide)
        self.add_page(files, config, "years/index.md", "years.html", "年度", in_nav=True, meta=wide)
        self.add_page(files, config, "problems/index.md", "problems.html", "问题", in_nav=True, meta=wide)
        self.pages["index.md"].context.update(title=title, description=self.config.description,
                                              latest=model.latest(self.config.latest_count))
        for year in model.years:
            self.add_page(files, config, year.src_uri, "year.html", f"{year.year} 年度",
                          {"year": year}, meta={"hide": ["navigation", "toc"]})
        for agency in model.agencies:
            self.add_page(files, config, agency.src_uri, "agency.html", agency.name,
                          {"agency": agency}, meta={"search": {"boost": 4}, **wide})
        for entry in model.reports:
            # year/agency: the search page's filters (pagefind_search `filters`).
            self.add_page(files, config, entry.src_uri, "report.html", entry.title, {"entry": entry},
                          meta={**wide, "year": entry.year, "agency": entry.agency_name})
            if entry.publishable:  # never a symlink out of data/, a FIFO or device, an oversized file
                self._add_file(files, config, entry.download_uri, abs_src_path=str(entry.path))
        self._add_file(files, config, CSS_URI, abs_src_path=str(ASSETS_DIR / "portal.css"))
        self._add_file(files, config, JS_URI, abs_src_path=str(ASSETS_DIR / "sort.js"))
        self._add_file(files, config, USER_DICT_URI, content=self.user_dict)
        # Downloads, the 数据下载 and 对比 pages, charts in the slots (build_scripts/opendata/site.py).
        add_open_data(self, files, config)
        self.files_by_uri = {f.src_uri: f for f in files}
        self.keywords = self._keywords()
        return files

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

    def on_page_content(self, html, page, config, files):
        spec = self.pages.get(page.file.src_uri)
        if spec is None or not self.config.enabled:
            return html
        from .tables import report_tables

        deferred: dict[str, str] = {}

        def defer(html: str) -> Markup:
            """Stand-in for a block kept out of the search index: the search plugin parses
            page.content, and the big statistics tables (excluded from the index anyway) are
            most of its work; on_post_page puts them in. Report text is escaped, so it can
            never contain the stand-in."""
            key = f"<!--portal:deferred:{len(deferred)}-->"
            deferred[key] = str(html)
            return Markup(key)

        context = {**self.extra_context, **spec.context, "model": self.model, "url": self._linker(page.url),
                   "defer": defer}
        if "entry" in context:
            context["tables"] = report_tables(context["entry"])
        body = self.env.get_template(spec.template).render(context)
        if deferred:
            self._deferred[page.file.src_uri] = deferred
        page.toc = get_toc([{"level": int(level), "id": anchor, "name": name, "children": []}
                            for level, anchor, name in _HEADING.findall(body) if level == "2"])
        return body

    def on_post_page(self, output, page, config):
        deferred = self._deferred.pop(page.file.src_uri, None)
        if not deferred:
            return output
        for key, html in deferred.items():
            output = output.replace(key, html, 1)
        return output

    def _linker(self, page_url: str):
        files = self.files_by_uri

        def url(src_uri: str, anchor: str | None = None) -> str:
            target = get_relative_url(files[src_uri].url, page_url)
            return f"{target}#{anchor}" if anchor else target

        return url

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
        if self._data_dir is not None:
            server.watch(str(self._data_dir))
        return server

    def on_shutdown(self):
        self._remove_dict_file()

    def _remove_dict_file(self) -> None:
        if self._dict_path:
            try:
                os.unlink(self._dict_path)
            except OSError:
                pass
            self._dict_path = None


def _display(path: Path, project: Path) -> str:
    """A file's path as shown: relative to the project (the folder of mkdocs.yml) if inside."""
    try:
        return path.resolve().relative_to(project).as_posix()
    except ValueError:
        return path.name  # never an absolute path of the build machine


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _search_plugin(config):
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover - material is a dependency
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            return plugin
    return None
