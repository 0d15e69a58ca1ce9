"""Open data in the generated site (build_scripts/portal/generate.py calls write_open_data).

- writes every download (write_downloads) for the reports of the model into a temporary folder
  and hands each file to the writer under downloads/ (unchanged files are not rewritten);
  per-report files are named after the report pages' slugs;
- writes the 数据下载 page (data/index.md) and the 对比 page (compare/index.md) as Markdown pages,
  and their script and style (listed in mkdocs.yml's extra_css/extra_javascript, so Material's
  instant navigation runs the script on every page);
- returns an OpenDataSite, the `opendata` object of the portal's page context, which the slot
  templates (portal/templates/slots/*.html) use for download links and charts.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from markupsafe import Markup

from .. import charts
from . import FILES, META, render_compare_page, render_data_page, report_downloads, write_downloads
from . import pages
from ..portal.pages import paginate
from .manifest import read_manifest
from .pages import ASSETS, human_size

DOWNLOADS_DIR = "downloads"
DATA_PAGE = "data/index.md"
COMPARE_PAGE = "compare/index.md"
SCRIPT_URI = "assets/opendata/compare.js"
CSS_URI = "assets/opendata/opendata.css"


class OpenDataSite:
    """What the portal's templates ask of the open data (as `opendata`)."""

    data_page = DATA_PAGE
    compare_page = COMPARE_PAGE
    licence = META["licence"]

    def __init__(self, manifest: list[dict]):
        self.manifest = manifest
        self.pages: list[str] = []  # source paths of the pages written (the 数据下载 and 对比 pages)
        self._by_source = report_downloads(manifest)
        self.collection = [e for e in manifest if e["kind"] == "collection"]

    @staticmethod
    def uri(item: dict) -> str:
        """The source path of a download in the site (for the portal's url())."""
        return f"{DOWNLOADS_DIR}/{item['path']}"

    def file(self, key: str) -> str:
        """The source path of a collection file by its FILES key, e.g. 'sqlite'."""
        return f"{DOWNLOADS_DIR}/{FILES[key]}"

    def report_files(self, entry) -> list[dict]:
        """A report's own downloads (JSON, then CSV when it is a report)."""
        return self._by_source.get(entry.report["source"], [])

    @staticmethod
    def size(n: int) -> str:
        return human_size(n)

    @staticmethod
    def agency_charts(agency) -> Markup:
        return Markup(charts.agency_charts([e.report for e in agency.reports], agency.name))

    @staticmethod
    def year_charts(year) -> Markup:
        return Markup(charts.year_charts([e.report for e in year.reports], year.year))


def _reused_downloads(writer, inputs: str) -> list[dict] | None:
    """The manifest of the downloads written last time for the same input key, when every one
    of them is still there (writer.reuse); None: write them again."""
    manifest = read_manifest(writer.root / DOWNLOADS_DIR)
    rels = [f"{DOWNLOADS_DIR}/{item['path']}" for item in manifest or []]
    if not rels or not all(writer.reusable(rel, inputs) for rel in rels):
        return None
    for rel in rels:
        writer.reuse(rel, inputs)
    return manifest


def write_open_data(model, writer, link, page_link, *, site_name: str | None, site_url: str | None,
                    front_matter, inputs: str | None = None) -> OpenDataSite:
    """Write the downloads, the two pages and their assets through `writer`.

    link(target, page): an href to the source path target from the page with source path page
    (portal.urls.source_link); page_link(target, page): the URL of target relative to the
    page's URL, for the compare page's data-src; front_matter(title, meta) -> front matter.
    inputs: the input key of the whole collection (portal/inputs.py); the downloads and pages
    written last time for the same key are kept without being made again."""
    entries = model.reports
    reports = [e.report for e in entries]
    manifest = _reused_downloads(writer, inputs) if inputs else None
    if manifest is None:
        with tempfile.TemporaryDirectory(prefix="portal-opendata-") as folder:
            out = Path(folder)
            manifest = write_downloads(reports, out, slugs={e.report["source"]: e.slug for e in entries})
            for item in manifest:
                writer.write_bytes(f"{DOWNLOADS_DIR}/{item['path']}", (out / item["path"]).read_bytes(), inputs)
    for uri, path in ASSETS.items():
        writer.copy_file(uri, path)

    downloads = link(f"{DOWNLOADS_DIR}/{FILES['manifest']}", DATA_PAGE).rsplit("/", 1)[0]
    page_url = None
    if site_url:
        from ..portal.urls import page_url as url_of

        page_url = site_url.rstrip("/") + "/" + url_of(DATA_PAGE).lstrip("./")
    # The per-report rows of both pages are split into pages (portal/pages.py).
    report_rows = pages.report_file_rows(manifest)
    data_pagers = paginate(DATA_PAGE, len(report_rows))
    for p in data_pagers:
        if inputs and writer.reuse(p.src_uri, inputs):
            continue
        href = (lambda target, _p=p.src_uri: link(target, _p))
        if p.number == 1:
            text = render_data_page(manifest, downloads_url=downloads, site_name=site_name, page_url=page_url,
                                    pager=p, href=href)
        else:
            text = pages.render_data_reports_page(
                report_rows, downloads_url=link(f"{DOWNLOADS_DIR}/{FILES['manifest']}", p.src_uri).rsplit("/", 1)[0],
                pager=p, href=href, data_href=link(DATA_PAGE, p.src_uri))
        writer.write_text(p.src_uri, front_matter(f"数据下载（第 {p.number} 页）" if p.number > 1 else "数据下载") + text,
                          inputs)
    records = None  # made only when a page of them is rendered (not for pages kept unchanged)
    compare_pagers = paginate(COMPARE_PAGE, sum(1 for r in reports if r.get("template")))
    for p in compare_pagers:
        if inputs and writer.reuse(p.src_uri, inputs):
            continue
        href = (lambda target, _p=p.src_uri: link(target, _p))
        if p.number == 1:
            text = render_compare_page(
                reports, data_url=page_link(f"{DOWNLOADS_DIR}/{FILES['key_figures_json']}", COMPARE_PAGE),
                script_url=None, regions={key: info.region for key, info in model.registry.items() if info.region},
                pager=p, href=href)
        else:
            records = records if records is not None else pages.compare_records(reports)
            text = pages.render_compare_rows_page(records, pager=p, href=href, compare_href=link(COMPARE_PAGE, p.src_uri))
        writer.write_text(p.src_uri, front_matter(f"对比（第 {p.number} 页）" if p.number > 1 else "对比") + text, inputs)
    site = OpenDataSite(manifest)
    site.pages = [p.src_uri for p in data_pagers + compare_pagers]
    return site
