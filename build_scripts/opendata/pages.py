"""The 数据下载 (data) page and the 对比 (compare) page, rendered from Jinja2 templates.

Both return Markdown for MkDocs: headings and trusted prose in Markdown, everything that holds
report data (agency names are untrusted text) in HTML blocks rendered with autoescape, so that
Markdown never interprets it and no markup can get through.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import rules as rules_mod
from ..checks import agency_key
from . import tables

HERE = Path(__file__).resolve().parent
# Files the pages need in the built site: {path in the site: file in this package}.
ASSETS = {
    "assets/opendata/compare.js": HERE / "assets" / "compare.js",
    "assets/opendata/opendata.css": HERE / "assets" / "opendata.css",
}

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(enabled_extensions=("html", "md", "j2"), default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def human_size(n: int) -> str:
    """"823 字节", "94.9 KB（97157 字节）": readable, with the exact count to compare against."""
    if n < 1024:
        return f"{n} 字节"
    size = float(n)
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}（{n} 字节）"
    raise AssertionError("unreachable")


_env.filters["size"] = human_size


def _join(base: str, path: str) -> str:
    return base.rstrip("/") + "/" + path if base else path


def report_file_rows(manifest: list[dict]) -> list[tuple[str, list[dict]]]:
    """The per-report downloads as (source, its files), in manifest order."""
    by_source: dict[str, list[dict]] = {}
    for e in manifest:
        if e["kind"] == "report":
            by_source.setdefault(e["source"], []).append(e)
    return list(by_source.items())


def render_data_reports_page(rows: list[tuple[str, list[dict]]], *, downloads_url: str, pager, href,
                             data_href: str) -> str:
    """Page pager.number (≥ 2) of the 数据下载 page's table of per-report files (rows: report_file_rows)."""
    return _env.get_template("data_reports.md.j2").render(
        rows=pager.rows(rows), url=lambda p: _join(downloads_url, p), pager=pager,
        href=href, data_href=data_href)


def render_compare_rows_page(records: list[dict], *, pager, href, compare_href: str) -> str:
    """Page pager.number (≥ 2) of the 对比 page's static table of every report's key figures
    (records: compare_records)."""
    return _env.get_template("compare_rows.md.j2").render(
        records=pager.rows(records), total=len(records), figures=compare_figures(), show=figure_text,
        pager=pager, href=href, compare_href=compare_href)


def compare_records(reports: list[dict]) -> list[dict]:
    return sorted((tables.key_figures(r) for r in reports if r.get("template")),
                  key=lambda k: (k["agency"] or "", k["year"] or 0, k["source"]))


def compare_figures() -> list:
    return [f for f in tables.KEY_FIGURE_FIELDS if f.name in tables.TABLE_FIGURES]


def render_data_page(manifest: list[dict], *, downloads_url: str = "downloads", site_name: str | None = None,
                     page_url: str | None = None, today: _dt.date | None = None, pager=None, href=None) -> str:
    """The 数据下载 page. downloads_url: the downloads folder as a URL relative to the page;
    page_url: the page's absolute URL, for the citation (when the site has a site_url);
    pager, href: the first page of the per-report files (portal.pages.Pager) and links to the
    others (None: every report on this page)."""
    from . import FILES, META

    collection = [e for e in manifest if e["kind"] == "collection"]
    per_report = [e for e in manifest if e["kind"] == "report"]
    index = [e for e in manifest if e["kind"] == "index"]
    by_source: dict[str, list[dict]] = {}
    for e in per_report:
        by_source.setdefault(e["source"], []).append(e)
    sqlite_entry = next((e for e in collection if e["format"] == "sqlite"), None)
    today = today or _dt.date.today()
    return _env.get_template("data.md.j2").render(
        meta=META, files=FILES, collection=collection, index=index, by_source=by_source,
        sqlite=sqlite_entry, rules=list(rules_mod.RULES.values()), url=lambda p: _join(downloads_url, p),
        site_name=site_name, full_url=page_url, today=today,
        contract_fields=_CONTRACT_FIELDS,
        report_rows=pager.rows(report_file_rows(manifest)) if pager else report_file_rows(manifest),
        pager=pager, href=href,
    )


_CONTRACT_FIELDS = (
    ("source", "来源文件", "报告文件在数据目录中的路径"),
    ("agency", "机关名称", "报告标题中的机关名称，无法识别时为 null"),
    ("year", "年度", "报告年度，无法识别时为 null"),
    ("template", "格式版本", "\"2021\" 或 \"2019\"；不是年度报告的文件为 null，且没有下面三张表"),
    ("published", "发布日期", "报告的发布日期 YYYY-MM-DD（取自网页的“发布日期/公开日期/时间”等字段、报告开头的同类字段或标题下的日期行）；"
                            "报告和网页都没有写明时为 null"),
    ("published_from", "发布日期出处", "发布日期是从哪里读到的：字段名（如“发布日期”“时间”）或“标题下日期”"),
    ("sections", "报告各部分", "六个部分的编号（一…六）、标题和正文"),
    ("proactive", "表二 主动公开", "行键 → 列键 → 数值，键见 cells.csv 的 row_key、column_key"),
    ("applications", "表三 依申请公开", "行键（1、2、3.1 … 3.7、4）→ 列键（natural_person … total）→ 数值"),
    ("review_litigation", "表四 复议诉讼", "组键（review、litigation_direct、litigation_after_review）→ 列键 → 数值"),
    ("printed", "未填数字的单元格",
     "表格键（二、三、四）→ 行键 → 列键 → 原文：应填数字却没有数字的单元格印的是什么，\"\" 为空白，"
     "或照录“/”“—”“-”“无”等；这些单元格在上面三张表中为 null（不是 0），印着 0 的单元格是数值 0，不在此列。"
     "表四的行键是组键（review 等）"),
    ("problems", "问题", "每个问题的 rule、severity、file、where、message、found、expected、table、row、column、line"),
    ("consistent", "数据一致", "没有“错误”级问题时为 true"),
)


def render_compare_page(reports: list[dict], *, data_url: str, script_url: str | None,
                        regions: dict[str, str] | None = None, aliases: dict[str, str] | None = None,
                        pager=None, href=None, records: list[dict] | None = None) -> str:
    """The 对比 (query) page: compare.js reads data_url (key-figures.json) to choose agencies or
    regions, figures and years, show them and download the selection as CSV; under it a static
    table of every report's key figures that works without JavaScript.
    data_url and script_url are relative to the page; script_url None leaves the script to the
    site (the portal loads it on every page through extra_javascript). regions: the region of
    each agency by agency key (agencies.yml), for region totals; aliases: the agency key each
    other name of an agency stands for (agencies.agency_aliases), so that its reports under two
    names in one year count once in a region total. pager, href: the first page of
    the static table (portal.pages.Pager) and links to the others (None: every report here).
    records: compare_records(reports), when the caller has them already."""
    records = records if records is not None else compare_records(reports)
    figures = compare_figures()
    regions = regions or {}
    by_name = {r["agency"]: regions[key] for r in records
               if r["agency"] and (key := agency_key(r["agency"])) in regions}
    aliases = aliases or {}
    same = {r["agency"]: aliases[key] for r in records if r["agency"] and (key := agency_key(r["agency"])) in aliases}
    config = {"regions": by_name, "same": same, "sum": list(tables.TABLE_FIGURES), "rates": list(tables.RATE_NAMES)}
    return _env.get_template("compare.md.j2").render(
        records=pager.rows(records) if pager else records, total=len(records), figures=figures,
        data_url=data_url, script_url=script_url, show=figure_text, config=config, pager=pager, href=href)


def figure_text(record: dict, field: tables.Field) -> str:
    """A key figure as the compare page shows it; 无此项 where the report's template has no such figure."""
    if not field.applies_to(record.get("template")):
        return "无此项"
    return format_value(record.get(field.name))


def format_value(value) -> str:
    """A figure as shown in tables: empty cells say so, amounts keep their decimals."""
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return repr(value)
    return str(value)
