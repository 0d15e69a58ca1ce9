"""Open data in the portal's build (called from the portal plugin's on_files).

- writes every download (write_downloads) for the reports of `plugin.model` into a temporary
  folder and adds each file to the build under downloads/ (so `mkdocs build` and `mkdocs serve`
  both ship them); per-report files are named after the report pages' slugs;
- adds the 数据下载 page (data/index.md) and the 对比 page (compare/index.md) as Markdown pages,
  and the compare script to every page (extra_javascript, so Material's instant navigation
  runs it too);
- puts an `opendata` object (OpenDataSite) into the context of the portal's pages, which the
  slot templates (portal/templates/slots/*.html) use for download links and charts.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from markupsafe import Markup
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .. import charts
from . import FILES, META, render_compare_page, render_data_page, report_downloads, write_downloads
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

    def __init__(self, manifest: list[dict], folder: tempfile.TemporaryDirectory):
        self.manifest = manifest
        self._folder = folder  # kept alive (and removed) with this object
        self._by_source = report_downloads(manifest)
        self.collection = [e for e in manifest if e["kind"] == "collection"]

    @staticmethod
    def uri(item: dict) -> str:
        """The source path of a download in the build (for the portal's url())."""
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


def _add(files: Files, config, src_uri: str, **source) -> File:
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    f = File.generated(config, src_uri, **source)
    files.append(f)
    return f


def add_open_data(plugin, files: Files, config) -> OpenDataSite:
    """Add the downloads, the two pages and the script to `files`; set plugin.extra_context."""
    entries = plugin.model.reports
    reports = [e.report for e in entries]
    folder = tempfile.TemporaryDirectory(prefix="portal-opendata-")
    out = Path(folder.name)
    manifest = write_downloads(reports, out, slugs={e.report["source"]: e.slug for e in entries})
    for item in manifest:
        _add(files, config, f"{DOWNLOADS_DIR}/{item['path']}", abs_src_path=str(out / item["path"]))
    for uri, path in ASSETS.items():
        _add(files, config, uri, abs_src_path=str(path))
    for uri, option in ((CSS_URI, config.extra_css), (SCRIPT_URI, config.extra_javascript)):
        if uri not in option:
            option.append(uri)

    downloads_url = files.get_file_from_path(f"{DOWNLOADS_DIR}/{FILES['manifest']}").url.rsplit("/", 1)[0] + "/"
    data = _add(files, config, DATA_PAGE, content="", inclusion=InclusionLevel.UNDEFINED)
    page_url = (config.site_url.rstrip("/") + "/" + data.url) if config.site_url else None
    data.content_string = render_data_page(
        manifest, downloads_url=get_relative_url(downloads_url, data.url), site_name=config.site_name,
        page_url=page_url)
    compare = _add(files, config, COMPARE_PAGE, content="", inclusion=InclusionLevel.UNDEFINED)
    key_figures = files.get_file_from_path(f"{DOWNLOADS_DIR}/{FILES['key_figures_json']}").url
    compare.content_string = render_compare_page(
        reports, data_url=get_relative_url(key_figures, compare.url), script_url=None)

    site = OpenDataSite(manifest, folder)
    plugin.extra_context["opendata"] = site
    return site
