"""The generated site sources: every page, asset and download of the portal written as files
into the site's docs_dir, from which MkDocs, ProperDocs or Zensical publish the site.

    python -m build_scripts generate [-f mkdocs.yml]

reads the options of the `portal` plugin in mkdocs.yml (validated as MkDocs validates them),
parses data_dir (cached), and writes into docs_dir:

- the hand-written pages of `pages_dir` (docs/), copied;
- the pages of the home, the indexes, every year, agency and report, and the problems page:
  Jinja2 templates (render.py) rendered to HTML and written as Markdown (markdown.py), the
  report text escaped;
- the 数据下载 and 对比 pages and the downloads/ (opendata/site.py), a copy of each original
  file next to its report page, the CSS/JS assets, the search word list and the search page.

The `portal` MkDocs plugin calls the same `generate` from its on_config (one rendering path),
with the links written as the built URLs (MkDocs leaves raw HTML alone; Zensical gets Markdown
links, which it rewrites: urls.py).
Writing is incremental (writer.py): unchanged files are not rewritten, files of removed
reports are deleted. With many pages, the pages are rendered on every core (forked workers).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..opendata.site import start_open_data
from ..files import display_path
from ..forkmap import fork_map
from ..reports import add_collection_problems, load_reports, report_files
from . import inputs
from .agencies import agency_aliases, agency_kinds, load_agencies
from .markdown import front_matter, to_markdown
from .model import Model, build_model
from .pages import PER_PAGE, Pager, agency_groups, paginate
from .render import make_environment
from .searchwords import user_dictionary
from .urls import page_url, relative_url, source_link
from .writer import TreeWriter, WriteStats

log = logging.getLogger("mkdocs.plugins.portal")

ASSETS_DIR = Path(__file__).parent / "assets"
CSS_URI = "assets/portal/portal.css"
JS_URI = "assets/portal/sort.js"
USER_DICT_URI = "search/jieba_userdict.txt"
# Rows of an index page shown before "all …" links to the pages of the whole list.
PREVIEW = 10
AGENCIES_PER_PAGE = 300
# The big statistics tables are marked so the MkDocs adapter can keep them away from Material's
# search indexer (which skips them anyway) for speed; comments pass through Markdown untouched.
DEFER_START = "<!--portal:defer-->"
DEFER_END = "<!--/portal:defer-->"


@dataclass
class PageSpec:
    src_uri: str
    template: str
    title: str
    context: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)


@dataclass
class Generation:
    model: Model
    pages: list[PageSpec]
    stats: WriteStats
    docs_dir: Path
    seconds: float = 0.0
    sources: frozenset = frozenset()  # source paths of every generated page
    html_pages: frozenset = frozenset()  # those written by markdown.to_markdown (raw HTML and headings only)
    # The downloads and the copies of the original files: most of the site's bytes, never
    # changed in place (the writer replaces a file), so a site may hard-link them.
    data_files: frozenset = frozenset()

    @property
    def user_dict(self) -> Path:
        return self.docs_dir / USER_DICT_URI


def _shown(path: Path, project: Path) -> str:
    """The agencies file as shown: relative to the project (the folder of mkdocs.yml) if inside."""
    try:
        return path.resolve().relative_to(project).as_posix()
    except ValueError:
        return path.name  # never an absolute path of the build machine


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def load_model(options, project: Path) -> Model:
    """Parse (cached) and check every file of options.data_dir; the grouped model.
    Raises agencies.AgenciesFileError for a malformed agencies file."""
    data_dir = Path(options.data_dir).resolve()
    agencies_path = options.agencies_file
    if agencies_path is None:
        for name in ("agencies.yml", "agencies.yaml"):
            if (data_dir / name).is_file():
                agencies_path = str(data_dir / name)
                break
    registry = load_agencies(Path(agencies_path) if agencies_path else None,
                             _shown(Path(agencies_path), project) if agencies_path else None)
    # Shown as data/…: never the machine's path, never a symlink's target (files.display_path).
    pairs = [(p, display_path(p, project, data_dir, options.source_root)) for p in report_files([data_dir])]
    cache_dir = options.cache_dir
    if cache_dir is not None:
        cache_dir = str((project / cache_dir).resolve())
    reports = load_reports(pairs, cache_dir=cache_dir, workers=options.workers, root=data_dir, limits=options.limits)
    reports = add_collection_problems(reports, agency_kinds(registry), agency_aliases(registry))
    return build_model([(r, p, source, _mtime(p)) for r, (p, source) in zip(reports, pairs)], registry)


def page_specs(model: Model, options, site_name: str) -> list[PageSpec]:
    """Every page generated from a template, in writing order."""
    # The nav is in the header tabs (navigation.tabs); the generated pages hide the empty
    # navigation sidebar to leave the width to their tables.
    wide = {"hide": ["navigation"]}
    specs = [
        PageSpec("index.md", "home.html", "首页", {
            "title": options.title or site_name, "description": options.description,
            "latest": model.latest(options.latest_count)}, {"hide": ["navigation", "toc"]}),
        PageSpec("years/index.md", "years.html", "年度", meta=wide),
        PageSpec("problems/index.md", "problems.html", "问题", meta=wide),
    ]
    # Long lists are split into pages (pages.py): the agencies, each year's reports, each rule's
    # problems as listed (RuleGroup.listed: cells of one row listed together are never split).
    for p in paginate("agencies/index.md", len(model.agencies), AGENCIES_PER_PAGE):
        specs.append(PageSpec(p.src_uri, "agencies.html", _paged("机构", p),
                              {"pager": p, "groups": agency_groups(model, p)}, wide))
    for g in model.rule_groups:
        for p in paginate(rule_page(g.rule.id), len(g.listed)):
            specs.append(PageSpec(p.src_uri, "problems_rule.html", _paged(f"{g.rule.title}（{g.rule.id}）", p),
                                  {"g": g, "pager": p}, wide))
    for year in model.years:
        for p in paginate(year.src_uri, len(year.reports)):
            specs.append(PageSpec(p.src_uri, "year.html", _paged(f"{year.year} 年度", p), {"year": year, "pager": p},
                                  {"hide": ["navigation", "toc"]}))
    for agency in model.agencies:
        specs.append(PageSpec(agency.src_uri, "agency.html", agency.name, {"agency": agency},
                              {"search": {"boost": 4}, **wide}))
    for entry in model.reports:
        # year/agency: the search page's filters (pagefind_search `filters`).
        specs.append(PageSpec(entry.src_uri, "report.html", entry.title, {"entry": entry},
                              {**wide, "year": entry.year, "agency": entry.agency_name}))
    return specs


# Below this many pages rendering stays in this process (starting workers costs more).
PARALLEL_MIN = 300


def _render_all(render, specs: list[PageSpec], workers: int | None) -> list:
    """render(spec) for every spec; with many pages on several cores, in forked worker processes
    (they inherit the model and the templates, render and write their pages, and return what
    they wrote for the writer's record)."""
    return fork_map(render, specs, workers, PARALLEL_MIN)


class ReportModel:
    """The model as a report page sees it: the other reports by source (a problem's related
    report is linked), which inputs.report_key covers; anything else is undefined."""

    def __init__(self, model: Model):
        self.by_source = model.by_source


class AgencyModel:
    """The model as an agency page sees it: nothing (the page is made from its agency, which
    inputs.agency_key covers); anything read from it is undefined."""


def rule_page(rule_id: str) -> str:
    """The source path of the first page listing every problem of a rule."""
    return f"problems/{rule_id}.md"


def _paged(title: str, pager: Pager) -> str:
    return title if pager.number == 1 else f"{title}（第 {pager.number} 页）"


def _hand_written(pages_dir: Path | None) -> list[tuple[str, Path]]:
    if pages_dir is None or not pages_dir.is_dir():
        return []
    out = []
    for path in sorted(pages_dir.rglob("*")):
        rel = path.relative_to(pages_dir)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            out.append((rel.as_posix(), path))
    return out


def _keep(html: str, kept: list[str]) -> Markup:
    """A report table stands in the page as a comment while the page is made Markdown
    (to_markdown), which would otherwise read each of its hundreds of tags: a table is one
    whole block element, and so is the comment, so the Markdown is the same once it is put
    back (_put_back)."""
    kept.append(html)
    return Markup(f"<!--portal:kept:{len(kept) - 1}-->")


def _put_back(text: str, kept: list[str]) -> str:
    for i, html in enumerate(kept):
        text = text.replace(f"<!--portal:kept:{i}-->", html, 1)
    return text


def _render_pages(model: Model, options, specs: list[PageSpec], writer: TreeWriter, env, opendata, link,
                  entry_keys: dict, collection: str, settings: dict) -> None:
    """Render and write every page of `specs` whose inputs changed (inputs.py), on every core.
    link(target, page, anchor=None): the href from one generated file to another (generate)."""
    from .table_html import report_table
    from .tables import report_tables

    def defer(html) -> Markup:
        return Markup(DEFER_START) + Markup(html) + Markup(DEFER_END)

    base = {"opendata": opendata, "model": model, "defer": defer, "rule_page": rule_page, "PREVIEW": PREVIEW,
            "PER_PAGE": PER_PAGE}
    # A report or agency page is keyed on its own inputs (inputs.report_key, agency_key), so it
    # sees only the part of the model that key covers; a templates_dir may read anything: then
    # the whole collection.
    report_base = inputs.digest(inputs.code_version(options.templates_dir), inputs.options_part(options), settings)
    own_models = {"entry": ReportModel(model), "agency": AgencyModel()}

    def key_of(spec: PageSpec) -> str:
        if options.templates_dir:
            return collection
        if "entry" in spec.context:
            entry = spec.context["entry"]
            return inputs.report_key(entry, entry_keys, report_base, opendata.report_files(entry))
        if "agency" in spec.context:
            return inputs.agency_key(spec.context["agency"], entry_keys, report_base)
        return collection

    def render(spec: PageSpec) -> tuple:
        context = {**base, **spec.context, "url": lambda target, anchor=None: link(target, spec.src_uri, anchor)}
        kept: list[str] = []
        if "entry" in context:
            context["tables"] = report_tables(context["entry"])
            context["report_table"] = lambda t, searchable=False: _keep(report_table(t, searchable), kept)
        if not options.templates_dir:
            for kind, own in own_models.items():
                if kind in spec.context:
                    context["model"] = own
        body = env.get_template(spec.template).render(context)
        text = front_matter(spec.title, spec.meta) + _put_back(to_markdown(body), kept)
        return writer.write_unrecorded(spec.src_uri, text.encode("utf-8"), spec_keys[spec.src_uri])

    spec_keys = {spec.src_uri: key_of(spec) for spec in specs}
    todo = [spec for spec in specs if not writer.reuse(spec.src_uri, spec_keys[spec.src_uri])]
    for result in _render_all(render, todo, options.workers):
        writer.record(*result)


def generate(model: Model, options, *, docs_dir: Path, pages_dir: Path | None, site_name: str,
             site_url: str | None = None, use_directory_urls: bool = True,
             search_dict_lines: list[str] | None = None, search=None, built_links: bool = False) -> Generation:
    """Write the site sources for `model` into docs_dir (see the module docstring).
    options: the portal plugin's validated options (config.PortalConfig);
    search: the pagefind_search plugin's options, to write its search page (None: no page);
    built_links: write the pages' href/src links as the built URLs relative to the page, for
    MkDocs, which leaves raw HTML alone (else as Markdown links, relative to the page's source,
    which Zensical rewrites in raw HTML too: urls.source_link)."""
    started = time.perf_counter()
    docs_dir = Path(docs_dir)
    if pages_dir is not None and Path(pages_dir).resolve() == docs_dir.resolve():
        raise ValueError("docs_dir must be a folder of its own, not the folder of the hand-written pages")
    writer = TreeWriter(docs_dir)
    urls: dict[str, str] = {}

    def url_of(src_uri: str) -> str:
        if src_uri not in urls:
            urls[src_uri] = page_url(src_uri, use_directory_urls)
        return urls[src_uri]

    def page_link(target: str, page: str) -> str:
        """URL of target relative to the page's URL: for attributes other than href and src
        (data-src, data-root), which no site generator rewrites."""
        return relative_url(url_of(target), url_of(page))

    def built_link(target: str, page: str, anchor: str | None = None) -> str:
        url = page_link(target, page)
        return f"{url}#{anchor}" if anchor else url

    link = built_link if built_links else source_link

    specs = page_specs(model, options, site_name)
    generated = {s.src_uri for s in specs} | {"data/index.md", "compare/index.md"}
    if search is not None:
        generated.add(search.search_page)
    for rel, path in _hand_written(Path(pages_dir) if pages_dir else None):
        if rel in generated:
            log.warning(f"portal: {rel} 由本插件生成，{pages_dir} 中的同名文件被忽略")
            continue
        writer.copy_file(rel, path)

    extra = [Path(options.templates_dir)] if options.templates_dir else []
    env = make_environment(extra)
    # Input keys (inputs.py): what did not change since the last generation is not made again.
    entry_keys = {e.report["source"]: inputs.entry_digest(e) for e in model.reports}
    settings = {"site_name": site_name, "site_url": site_url, "use_directory_urls": use_directory_urls,
                "built_links": built_links}
    collection = inputs.collection_key(model, entry_keys, options, settings)
    # The files of the whole collection are written in another process while the pages render
    # (opendata/site.py); the 数据下载 pages, which list them, after the pages.
    opendata = start_open_data(model, writer, link, page_link, site_name=site_name,
                               site_url=site_url, front_matter=front_matter, inputs=collection,
                               workers=options.workers)
    try:
        if options.templates_dir:  # a template of its own may read the whole manifest
            opendata.finish()
        _render_pages(model, options, specs, writer, env, opendata, link, entry_keys, collection, settings)
    except BaseException:
        opendata.cancel()
        raise
    opendata.finish()
    generated.update(opendata.pages)
    data_files = {opendata.uri(item) for item in opendata.manifest}
    for entry in model.reports:
        if entry.publishable:  # never a symlink out of data/, a FIFO or device, an oversized file
            writer.copy_file(entry.download_uri, entry.path)
            data_files.add(entry.download_uri)
    writer.copy_file(CSS_URI, ASSETS_DIR / "portal.css")
    writer.copy_file(JS_URI, ASSETS_DIR / "sort.js")
    writer.write_text(USER_DICT_URI, user_dictionary(model, search_dict_lines or []))
    if search is not None:
        from ..pagefind_search.page import write_search_page

        write_search_page(writer, search, link, page_link, report_count=len(model.reports))
    stats = writer.finish()
    return Generation(model, specs, stats, docs_dir, time.perf_counter() - started, frozenset(generated),
                      frozenset(spec.src_uri for spec in specs), frozenset(data_files))
