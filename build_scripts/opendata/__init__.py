"""Open data: the downloads of the portal, the data page that documents them and the compare page.

Public API (what the MkDocs plugin calls):

- write_downloads(reports, out_dir) -> manifest: writes every download under out_dir and
  returns one entry per file written (path relative to out_dir, format, Chinese title and
  description, columns with meaning and Chinese label, rows, byte size, sha256; per-report
  files also carry the report's `source`).
- write_report_files, write_collection_files, write_index_files: the three steps of
  write_downloads, to run apart (DownloadError names a file that could not be written).
- report_downloads(manifest) -> {source: [entries]}: the per-report files, for report pages.
- render_data_page(manifest, ...) -> Markdown of the 数据下载 page.
- render_compare_page(reports, ...) -> Markdown of the 对比 page; ASSETS are the files it needs
  shipped with the site (the compare script).

Files (under out_dir):

    cells.csv            every table cell of every report, long format
    key-figures.csv      one row per report: the key figures (wide)
    key-figures.json     the same, with field labels (read by the compare page)
    problems.csv         every problem, cross-report checks included
    reports.json         every parsed report (data contract)
    reports.sqlite       all of the above as a SQLite database (schema in sqlite.py)
    reports/<slug>.json  one report (data contract)
    reports/<slug>.csv   one report's cells, long format (same columns as cells.csv)
    SHA256SUMS.txt       checksums of the files above
    manifest.json        this manifest
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from . import csvfiles, jsonfiles, manifest as manifest_mod, sqlite, tables
from .pages import ASSETS, render_compare_page, render_data_page

__all__ = ["write_downloads", "write_report_files", "report_files", "check_slugs", "write_collection_files", "write_index_files", "DownloadError",
           "report_downloads", "render_data_page", "render_compare_page", "ASSETS",
           "META", "FILES"]

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"
META = {
    "title": "政府信息公开工作年度报告开放数据",
    "licence": LICENCE,
    "licence_url": LICENCE_URL,
    "source": "各行政机关依《中华人民共和国政府信息公开条例》公开发布的政府信息公开工作年度报告；"
              "数值由本站从报告文本中解析，并按国办公开办函规定的勾稽关系核对",
    "note": "单元格为空或无法识别时为空值（CSV 为空单元格，SQLite 为 NULL，JSON 为 null），不是 0",
}

# Names of the collection files, for the plugin and the data page.
FILES = {
    "cells_csv": "cells.csv",
    "key_figures_csv": "key-figures.csv",
    "key_figures_json": "key-figures.json",
    "problems_csv": "problems.csv",
    "reports_json": "reports.json",
    "sqlite": "reports.sqlite",
    "checksums": "SHA256SUMS.txt",
    "manifest": "manifest.json",
}
REPORTS_DIR = "reports"


def _columns(fields) -> list[dict]:
    return [f.doc() for f in fields]


def write_downloads(reports: list[dict], out_dir: Path, *, meta: dict | None = None,
                    slugs: dict[str, str] | None = None) -> list[dict]:
    """Write every download for `reports` (as from reports.parse_paths) under `out_dir`; return the
    manifest: one entry per file written, the checksum list and manifest.json last.

    slugs: the file name stem of each report's own files, by source (the site passes the slugs of
    its report pages); by default tables.report_slugs. Stems must be unique and contain no / or ..

    The three steps below may be run apart (the site writes the collection files in another
    process while it renders its pages); together they are this function."""
    meta = {**META, **(meta or {})}
    per_report = write_report_files(reports, out_dir, slugs=slugs)
    collection = write_collection_files(reports, out_dir, per_report, meta=meta)
    return write_index_files(out_dir, collection + per_report, meta=meta)


def write_report_files(reports: list[dict], out_dir: Path, *, slugs: dict[str, str] | None = None) -> list[dict]:
    """Each report's own files (report_files) written under out_dir; their manifest entries, in
    the order of `reports`."""
    slugs = slugs or tables.report_slugs(reports)
    check_slugs([slugs[r["source"]] for r in reports])
    out_dir = Path(out_dir)
    entries: list[dict] = []
    for report in reports:
        for item, data in report_files(report, slugs[report["source"]]):
            target = out_dir / item["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            entries.append(item)
    return entries


def check_slugs(slugs: list[str]) -> None:
    """Raise ValueError unless the reports' file name stems can name files side by side."""
    stems = [s.lower() for s in slugs]
    if len(set(stems)) != len(stems) or any(not s or "/" in s or "\\" in s or s.startswith(".") for s in stems):
        raise ValueError("report file names must be unique, non-empty and without / \\ or a leading dot")


def report_files(report: dict, slug: str) -> list[tuple[dict, bytes]]:
    """One report's own files, (manifest entry, content): reports/<slug>.json, and
    reports/<slug>.csv (its cells, long format) when it is a report."""
    title = tables.report_title(report)
    about = {"kind": "report", "source": report["source"], "agency": report.get("agency"), "year": report.get("year")}
    name = f"{REPORTS_DIR}/{slug}.json"
    data = jsonfiles.dumps(report).encode("utf-8")
    out = [(manifest_mod.data_entry(name, data, "json", f"{title}（JSON）", "本报告的解析结果（结构见数据说明）",
                                    rows=1, **about), data)]
    if report.get("template"):
        name = f"{REPORTS_DIR}/{slug}.csv"
        rows = tables.cell_rows(report, csvfiles.cell_text)
        data = csvfiles.csv_bytes(tables.CELL_FIELDS, rows)
        out.append((manifest_mod.data_entry(name, data, "csv", f"{title}（CSV）",
                                            "本报告三张统计表的全部单元格，长格式，列与 cells.csv 相同",
                                            columns=_columns(tables.CELL_FIELDS), rows=len(rows), **about), data))
    return out


def write_collection_files(reports: list[dict], out_dir: Path, per_report: list[dict], *,
                           meta: dict | None = None, parts_dir: Path | None = None) -> list[dict]:
    """The files of the whole collection (cells.csv, key figures, problems, reports.json, the
    SQLite database) written under out_dir; their manifest entries. per_report: the reports'
    own files (report_files), written under parts_dir (default out_dir): cells.csv is their CSV
    files one after another, under one header. A file that cannot be written raises
    DownloadError naming it."""
    out_dir = Path(out_dir)
    parts_dir = Path(parts_dir) if parts_dir is not None else out_dir
    meta = {**META, **(meta or {})}
    entries: list[dict] = []

    def add(name: str, fmt: str, title: str, description: str, **kw) -> None:
        entries.append(manifest_mod.entry(out_dir, out_dir / name, fmt, title, description, **kw))

    with _naming(FILES["cells_csv"]):
        parts = [e for e in per_report if e["format"] == "csv"]
        csvfiles.join_csv(out_dir / FILES["cells_csv"], tables.CELL_FIELDS, [parts_dir / e["path"] for e in parts])
        rows = sum(e["rows"] for e in parts)
        add(FILES["cells_csv"], "csv", "全部单元格（长格式 CSV）",
            "每份报告 × 统计表（二、三、四）× 行 × 列一行：来源文件、机关、年度、格式版本、表格、行键、行名称、"
            "列键、列名称和数值。可直接在 Excel 或 pandas 中筛选、透视。",
            columns=_columns(tables.CELL_FIELDS), rows=rows)

    figures = [tables.key_figures(r) for r in reports]  # three files hold them
    with _naming(FILES["key_figures_csv"]):
        rows = csvfiles.write_csv(out_dir / FILES["key_figures_csv"], tables.KEY_FIGURE_FIELDS, figures)
        add(FILES["key_figures_csv"], "csv", "关键数字（宽格式 CSV）",
            "每份报告一行：本年新收申请、上年结转、办理结果及其构成、结转下年度、行政复议、行政诉讼、"
            "行政事业性收费金额，以及问题数、跨年核对结果、是否重复报告和数据是否一致。",
            columns=_columns(tables.KEY_FIGURE_FIELDS), rows=rows)

    with _naming(FILES["key_figures_json"]):
        jsonfiles.write_json(out_dir / FILES["key_figures_json"], jsonfiles.key_figures_json(figures, meta))
        add(FILES["key_figures_json"], "json", "关键数字（JSON）",
            "与 key-figures.csv 相同的数据：fields 为各字段的键、中文名称和含义，reports 为每份报告一个对象。"
            "对比页读取此文件。", columns=_columns(tables.KEY_FIGURE_FIELDS), rows=len(reports))

    with _naming(FILES["problems_csv"]):
        rows = csvfiles.write_csv(out_dir / FILES["problems_csv"], tables.PROBLEM_FIELDS,
                                  (p for r in reports for p in tables.problem_records(r)))
        add(FILES["problems_csv"], "csv", "问题清单（CSV）",
            "每个问题一行：勾稽关系不符、单元格缺失、文件读取问题，正文与表格不符（T-prose-table）、逾期公开（D-late），"
            "以及跨报告核对（X-carry-over 跨年结转、X-in-force 现行有效件数、F-duplicate-report 重复报告、"
            "T-copied-text 文字重复，related 列为与之重复的报告）。",
            columns=_columns(tables.PROBLEM_FIELDS), rows=rows)

    with _naming(FILES["reports_json"]):
        jsonfiles.write_json(out_dir / FILES["reports_json"], jsonfiles.collection_json(reports, meta))
        add(FILES["reports_json"], "json", "全部报告（JSON）",
            "所有报告的解析结果：meta 为许可和来源说明，reports 为报告数组，每份报告的结构与单份报告 JSON 相同"
            "（source、agency、year、template、sections、proactive、applications、review_litigation、problems、consistent）。",
            rows=len(reports))

    with _naming(FILES["sqlite"]):
        counts = sqlite.write_sqlite(out_dir / FILES["sqlite"], reports, {k: str(v) for k, v in meta.items()},
                                     figures)
        add(FILES["sqlite"], "sqlite", "SQLite 数据库",
            "以上全部数据的 SQLite 数据库：reports（报告及关键数字）、proactive_2021 / proactive_2019（表二）、"
            "applications（表三）、review_litigation（表四）、cells 和 labels（全部单元格及其名称，视图 cells_view 与 "
            "cells.csv 相同）、problems（问题）、rules（规则）、meta（说明）。空单元格为 NULL；件数为 INTEGER，金额为 REAL。",
            rows=counts["reports"], tables=[dict(t.doc(), rows=counts.get(t.name, 0)) for t in sqlite.TABLES],
            views=[{"name": name, "sql": sql} for name, sql in sqlite.VIEWS.items()], schema=sqlite.schema_sql())
    return entries


def write_index_files(out_dir: Path, entries: list[dict], *, meta: dict | None = None) -> list[dict]:
    """The checksum list and manifest.json of the files of `entries` (written under out_dir);
    the whole manifest: entries, then these two."""
    out_dir = Path(out_dir)
    meta = {**META, **(meta or {})}
    entries = list(entries)
    entries.append(manifest_mod.write_checksums(out_dir, entries))
    entries.append(manifest_mod.write_manifest(out_dir, entries, meta))
    return entries


class DownloadError(Exception):
    """A download could not be written: `name` is its path under the downloads folder."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason

    def __reduce__(self):  # it comes back from the process that writes the collection files
        return DownloadError, (self.name, self.reason)


@contextmanager
def _naming(name: str):
    try:
        yield
    except DownloadError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure is reported with the file it hit
        raise DownloadError(name, f"{type(exc).__name__}: {exc}") from exc


def report_downloads(manifest: list[dict]) -> dict[str, list[dict]]:
    """The per-report files of a manifest, by report source (JSON first, then CSV)."""
    out: dict[str, list[dict]] = {}
    for item in manifest:
        if item["kind"] == "report":
            out.setdefault(item["source"], []).append(item)
    return out
