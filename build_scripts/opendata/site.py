"""Open data in the generated site (build_scripts/portal/generate.py calls start_open_data, then
finish after rendering its pages; write_open_data does both at once).

- writes every download (write_downloads' steps) for the reports of the model into a temporary
  folder and hands each file to the writer under downloads/ (unchanged files are not
  rewritten); per-report files are named after the report pages' slugs; the files of the whole
  collection (the SQLite database, reports.json …) are written in another process
  (background.py) while the pages render, on another core;
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
from ..checks import agency_key
from ..portal.agencies import agency_aliases
from . import (FILES, META, DownloadError, check_slugs, render_compare_page, render_data_page, report_downloads,
               report_files, write_collection_files, write_index_files)
from ..forkmap import fork_map
from ..background import Background, BackgroundError
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


def download_failure(error: DownloadError) -> str:
    """What a build that failed to write a download says."""
    return f"下载文件 {DOWNLOADS_DIR}/{error.name} 写入失败：{error.reason}"


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
    """Write the downloads, the two pages and their assets through `writer` (start_open_data,
    then finish at once)."""
    return start_open_data(model, writer, link, page_link, site_name=site_name, site_url=site_url,
                           front_matter=front_matter, inputs=inputs).finish()


def start_open_data(model, writer, link, page_link, *, site_name: str | None, site_url: str | None,
                    front_matter, inputs: str | None = None, workers: int | None = None) -> "PendingOpenData":
    """Start writing the downloads, the two pages and their assets through `writer`: each
    report's own files are written before this returns (report pages list them, with their
    size and checksum), on every core (forkmap.py; `workers` as there); the files of the whole collection are written in another process
    (background.py) while the caller goes on (renders the pages); PendingOpenData.finish()
    waits for them and writes the 数据下载 pages, which list them.

    link(target, page): an href to the source path target from the page with source path page
    (as portal.generate writes links); page_link(target, page): the URL of target relative to the
    page's URL, for the compare page's data-src; front_matter(title, meta) -> front matter.
    inputs: the input key of the whole collection (portal/inputs.py); the downloads and pages
    written last time for the same key are kept without being made again."""
    return PendingOpenData(model, writer, link, page_link, site_name=site_name, site_url=site_url,
                           front_matter=front_matter, inputs=inputs, workers=workers)


class PendingOpenData(OpenDataSite):
    """The open data of the site while its collection files are being written: what report
    pages ask of it (report_files …) is there; `manifest` is complete after finish()."""

    def __init__(self, model, writer, link, page_link, *, site_name, site_url, front_matter, inputs, workers=None):
        self._model, self._writer, self._link, self._page_link = model, writer, link, page_link
        self._site_name, self._site_url, self._front_matter, self._inputs = site_name, site_url, front_matter, inputs
        self._folder = None
        self._job = None
        self._finished = False
        entries = model.reports
        manifest = _reused_downloads(writer, inputs) if inputs else None
        if manifest is None:
            check_slugs([e.slug for e in entries])

            def own_files(entry) -> list[tuple]:  # in a worker process: made and written
                return [(item, writer.write_unrecorded(f"{DOWNLOADS_DIR}/{item['path']}", data, inputs))
                        for item, data in report_files(entry.report, entry.slug)]

            per_report = []
            for made in fork_map(own_files, entries, workers):
                for item, written in made:
                    writer.record(*written)
                    per_report.append(item)
            self._folder = tempfile.TemporaryDirectory(prefix="portal-opendata-")
            try:
                self._job = Background(_collection_files, [e.report for e in entries], Path(self._folder.name),
                                       per_report, writer, inputs)
            except BaseException:
                self._folder.cleanup()
                raise
            self._per_report = per_report
            manifest = per_report  # until finish(): the report files only
        super().__init__(manifest)

    def finish(self) -> OpenDataSite:
        """Wait for the collection files, hand them to the writer, write the two pages; self.
        Raises DownloadError naming the file that could not be written."""
        if self._finished:
            return self
        self._finished = True
        writer, inputs = self._writer, self._inputs
        if self._job is not None:
            out = Path(self._folder.name)
            try:
                try:
                    collection, written = self._job.join()
                except BackgroundError as exc:
                    if isinstance(exc.error, DownloadError):
                        raise exc.error from None
                    raise DownloadError(DOWNLOADS_DIR, str(exc)) from exc
                for record in written:
                    writer.record(*record)
                manifest = write_index_files(out, collection + self._per_report)
                for item in manifest[len(collection) + len(self._per_report):]:  # the checksums and manifest.json
                    writer.write_bytes(f"{DOWNLOADS_DIR}/{item['path']}", (out / item["path"]).read_bytes(), inputs)
            finally:
                self._folder.cleanup()
            OpenDataSite.__init__(self, manifest)
        self.pages = _write_pages(self._model, writer, self._link, self._page_link, self.manifest,
                                  site_name=self._site_name, site_url=self._site_url,
                                  front_matter=self._front_matter, inputs=inputs)
        return self

    def cancel(self) -> None:
        """Stop writing (the build failed before finish)."""
        if self._job is not None and not self._finished:
            self._job.cancel()
            self._folder.cleanup()
            self._finished = True


def _collection_files(reports: list[dict], folder: Path, per_report: list[dict], writer, inputs) -> tuple:
    """In the background process: the collection files written into folder (the reports' own
    files are in the writer's downloads folder already), then through the writer; their
    manifest entries and the writer's records of them (the caller records these)."""
    collection = write_collection_files(reports, folder, per_report, parts_dir=writer.root / DOWNLOADS_DIR)
    written = []
    for item in collection:
        try:
            written.append(writer.write_unrecorded(f"{DOWNLOADS_DIR}/{item['path']}", (folder / item["path"]).read_bytes(),
                                                   inputs))
        except OSError as exc:
            raise DownloadError(item["path"], f"{type(exc).__name__}: {exc}") from exc
    return collection, written


def _write_pages(model, writer, link, page_link, manifest: list[dict], *, site_name: str | None,
                 site_url: str | None, front_matter, inputs: str | None) -> list[str]:
    """The 数据下载 and 对比 pages and their assets; the source paths of the pages."""
    reports = [e.report for e in model.reports]
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
        records = records if records is not None else pages.compare_records(reports)
        if p.number == 1:
            text = render_compare_page(
                reports, data_url=page_link(f"{DOWNLOADS_DIR}/{FILES['key_figures_json']}", COMPARE_PAGE),
                script_url=None, regions=_regions(model.registry), aliases=agency_aliases(model.registry),
                pager=p, href=href, records=records)
        else:
            text = pages.render_compare_rows_page(records, pager=p, href=href, compare_href=link(COMPARE_PAGE, p.src_uri))
        writer.write_text(p.src_uri, front_matter(f"对比（第 {p.number} 页）" if p.number > 1 else "对比") + text, inputs)
    return [p.src_uri for p in data_pagers + compare_pagers]


def _regions(registry) -> dict[str, str]:
    """The region of each registered agency by agency key, its other names' keys included (their
    reports count in its region's totals)."""
    regions = {key: info.region for key, info in registry.items() if info.region}
    regions.update({agency_key(alias): info.region for info in registry.values() if info.region
                    for alias in info.aliases})
    return regions
