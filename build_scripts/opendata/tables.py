"""Parsed reports → flat records with keys and the template's Chinese labels.

Every download (CSV, JSON of key figures, SQLite) and every chart reads the records made here;
the key figures themselves come from build_scripts/figures.py, which the portal's pages read
too, so that a figure is computed in exactly one place. Cells that could not be read are None
here, empty in CSV and NULL in SQLite — never 0.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Callable, Iterator

from .. import figures as figures_mod
from .. import rules as rules_mod
from .. import template as tpl
from ..parsing import row_label


@dataclass(frozen=True)
class Field:
    """One column of a download: its key, its short Chinese label and what it means (Chinese)."""

    name: str
    label: str
    meaning: str
    sql: str = "TEXT"  # SQLite column type: TEXT, INTEGER, REAL, NUMERIC; "" keeps numbers and text as given
    templates: tuple[str, ...] | None = None  # the templates that have this figure; None: all

    def doc(self) -> dict:
        return {"name": self.name, "label": self.label, "meaning": self.meaning, "type": self.sql,
                "templates": list(self.templates) if self.templates else None}

    def applies_to(self, template_id: str | None) -> bool:
        return self.templates is None or template_id in self.templates


@dataclass(frozen=True)
class TableInfo:
    part: str  # 二 / 三 / 四: the part of the report the table stands in
    key: str  # key in the parsed report
    title: str


TABLES = (
    TableInfo("二", "proactive", "主动公开政府信息情况"),
    TableInfo("三", "applications", "收到和处理政府信息公开申请情况"),
    TableInfo("四", "review_litigation", "政府信息公开行政复议、行政诉讼情况"),
)
TABLE_BY_KEY = {t.key: t for t in TABLES}

# -- the identity of a report, first columns of every file ------------------------------------
REPORT_FIELDS = (
    Field("source", "来源文件", "报告文件在数据目录中的路径，是每份报告的唯一标识"),
    Field("agency", "机关名称", "报告标题中的机关名称（无法识别时为空）"),
    Field("year", "年度", "报告年度（无法识别时为空）", "INTEGER"),
    Field("template", "格式版本",
          "报告所用年度报告格式：2021 = 国办公开办函〔2021〕30号，2019 = 国办公开办函〔2019〕60号；"
          "不是年度报告的文件为空"),
)

# -- long format: one record per report × table × row × column --------------------------------
CELL_FIELDS = REPORT_FIELDS + (
    Field("table_part", "表格", "统计表所在的报告部分：二（主动公开）、三（依申请公开）、四（复议诉讼）"),
    Field("table_key", "表格键", "统计表在解析数据中的键：proactive、applications、review_litigation"),
    Field("row_key", "行键", "行在解析数据中的键，如 regulations、3.3.1、review"),
    Field("row_label", "行名称", "行在模板中印出的名称（子项前带所属分组）"),
    Field("column_key", "列键", "列在解析数据中的键，如 issued、natural_person、total"),
    Field("column_label", "列名称", "列在模板中印出的名称"),
    Field("value", "数值",
          "单元格数值：件数为整数，本年增/减可为负数，金额（万元）保留小数；单元格为空或无法识别时为空（不是 0）",
          "NUMERIC"),
    Field("printed", "原文",
          "没有数值的单元格印的是什么：空白为 blank，否则照录（/、—、-、无 等）；有数值的单元格此列为空"),
)


def _labels(t: tpl.Template) -> dict[str, str]:
    return row_label(t)


def template_cells(template_id: str) -> Iterator[tuple[TableInfo, str, str, tpl.Column]]:
    """(table, row key, row label, column) of every cell of a template, in template order."""
    t = tpl.get(template_id)
    proactive, applications, review = TABLES
    for row in t.proactive:
        for col in row.columns:
            yield proactive, row.key, row.label, col
    labels = _labels(t)
    for row in t.data_rows:
        for col in t.app_columns:
            yield applications, row.key, labels[row.key], col
    for group, group_label in t.review_groups:
        for col in t.review_columns:
            yield review, group, group_label, col


def cells(report: dict) -> Iterator[dict]:
    """Every cell of the report's tables, in template order (none for a file that is not a report)."""
    names = [f.name for f in CELL_FIELDS]
    for row in cell_rows(report):
        yield dict(zip(names, row))


# (template id, text function) -> the part of each cell's row that is the template's (its table,
# row and column), through the text function.
_TEMPLATE_PARTS: dict[tuple, list[tuple]] = {}


def cell_rows(report: dict, text: Callable = lambda value: value) -> list[list]:
    """cells(report) as rows of CELL_FIELDS values, each passed through `text` (a CSV file's cell
    text): the parts every report of a template shares are passed through it once."""
    if not report.get("template"):
        return []
    key = (report["template"], text)
    parts = _TEMPLATE_PARTS.get(key)
    if parts is None:
        parts = _TEMPLATE_PARTS[key] = [
            (info, row_key, col.key, tuple(text(v) for v in (info.part, info.key, row_key, row_lbl, col.key, col.label)))
            for info, row_key, row_lbl, col in template_cells(report["template"])]
    ident = [text(report.get(f.name)) for f in REPORT_FIELDS]
    printed_parts = report.get("printed") or {}
    rows = []
    for info, row_key, col_key, shared in parts:
        values = (report.get(info.key) or {}).get(row_key) or {}
        printed = (printed_parts.get(info.part) or {}).get(row_key, {}).get(col_key)
        rows.append([*ident, *shared, text(values.get(col_key)), text("blank" if printed == "" else printed)])
    return rows


# -- key figures: one record per report --------------------------------------------------------
# The figures read from the tables are computed by build_scripts/figures.py (the portal's pages
# show the same); here they get the downloads' column names, labels and meanings. SQL type and
# templates come from the figure: amounts are REAL, counts INTEGER.
def _table_figure(name: str, key: str, meaning: str, label: str | None = None) -> tuple[Field, str]:
    figure = figures_mod.FIGURE_BY_KEY[key]
    sql = "REAL" if figure.kind == "amount" else "INTEGER"
    return Field(name, label or figure.label, meaning, sql, figure.templates), key


_T = "（表三“总计”列）"
# (download column, key in figures.FIGURES), in the order of the columns.
TABLE_FIGURE_FIELDS: tuple[tuple[Field, str], ...] = (
    _table_figure("new_applications", "new", "一、本年新收政府信息公开申请数量" + _T, label="本年新收申请"),
    _table_figure("carried_over_in", "carried_in", "二、上年结转政府信息公开申请数量" + _T),
    _table_figure("outcomes_total", "handled", "三、本年度办理结果 (七) 总计" + _T),
    _table_figure("disclosed", "granted", "(一) 予以公开" + _T),
    _table_figure("partly_disclosed", "partial", "(二) 部分公开" + _T),
    _table_figure("not_disclosed", "refused", "(三) 不予公开，1 至 8 项之和" + _T),
    _table_figure("unable_to_provide", "unavailable", "(四) 无法提供，1 至 3 项之和" + _T),
    _table_figure("not_held", "not_held", "(四) 无法提供 1. 本机关不掌握相关政府信息" + _T),
    _table_figure("not_processed", "not_processed", "(五) 不予处理，1 至 5 项之和" + _T),
    _table_figure("other_handling", "other", "(六) 其他处理（2021 年版为 1 至 3 项之和）" + _T),
    _table_figure("carried_over_out", "carried", "四、结转下年度继续办理" + _T),
    _table_figure("reviews", "review", "表四 行政复议 总计"),
    _table_figure("reviews_corrected", "review_corrected", "表四 行政复议 结果纠正"),
    _table_figure("reviews_pending", "review_pending", "表四 行政复议 尚未审结"),
    _table_figure("lawsuits", "litigation", "表四 行政诉讼 总计（未经复议直接起诉 + 复议后起诉）"),
    _table_figure("lawsuits_corrected", "litigation_corrected", "表四 行政诉讼 结果纠正（未经复议直接起诉 + 复议后起诉）"),
    _table_figure("lawsuits_pending", "litigation_pending", "表四 行政诉讼 尚未审结（未经复议直接起诉 + 复议后起诉）"),
    _table_figure("fees_10k_yuan", "fees",
                  "表二 行政事业性收费 本年收费金额（单位：万元），保留小数；2019 年版格式没有此项，为空"),
)


# Rates (figures.RATES), as percentages with one decimal; empty when the denominator is 0 or a
# figure it needs could not be read.
RATE_FIELDS: tuple[tuple[Field, str], ...] = tuple(
    (Field(rate.key, rate.label + "（%）", f"{rate.label} = {rate.formula}，百分数，保留一位小数（四舍五入）；"
           "分母为 0 或所需数字无法读取时为空", "REAL"), rate.key)
    for rate in figures_mod.RATES)
PUBLISHED_FIELD = Field("published", "发布日期",
                        "报告的发布日期（YYYY-MM-DD，取自网页的发布时间或报告本身）；无法识别时为空")


def _count_rule(rule_id: str) -> Callable[[dict], int]:
    return lambda r: sum(1 for p in r.get("problems", []) if p["rule"] == rule_id)


def _rules_found(report: dict) -> str:
    return ";".join(dict.fromkeys(p["rule"] for p in report.get("problems", [])))


# The problems found in the report and the cross-report checks: (column, how it is read).
PROBLEM_FIGURE_FIELDS: tuple[tuple[Field, Callable[[dict], object]], ...] = (
    (Field("problems", "问题数", "本报告发现的问题总数（错误与警告）", "INTEGER"), lambda r: len(r.get("problems", []))),
    (Field("errors", "错误数", "严重程度为“错误”的问题数", "INTEGER"),
     lambda r: sum(1 for p in r.get("problems", []) if p["severity"] == rules_mod.ERROR)),
    (Field("warnings", "警告数", "严重程度为“警告”的问题数", "INTEGER"),
     lambda r: sum(1 for p in r.get("problems", []) if p["severity"] == rules_mod.WARNING)),
    (Field("carry_over_mismatches", "跨年结转不一致",
           "X-carry-over 问题数：本年“上年结转”与上一年报告“结转下年度继续办理”不相等的列数", "INTEGER"),
     _count_rule("X-carry-over")),
    (Field("in_force_mismatches", "现行有效件数不衔接", "X-in-force 问题数：现行有效件数与上一年报告不衔接的行数",
           "INTEGER"), _count_rule("X-in-force")),
    (Field("duplicate", "重复报告",
           "同一机关同一年度另有报告（F-duplicate-report）：true / false；重复的报告分别列出，不合并", "INTEGER"),
     lambda r: any(p["rule"] == "F-duplicate-report" for p in r.get("problems", []))),
    (Field("rules", "问题规则", "本报告出现的问题的规则编号，以分号分隔（规则见数据说明页）", "TEXT"), _rules_found),
    (Field("consistent", "数据一致", "没有严重程度为“错误”的问题时为 true，否则为 false", "INTEGER"),
     lambda r: bool(r.get("consistent"))),
)
KEY_FIGURE_FIELDS = (REPORT_FIELDS + (PUBLISHED_FIELD,) + tuple(f for f, _ in TABLE_FIGURE_FIELDS)
                     + tuple(f for f, _ in RATE_FIELDS) + tuple(f for f, _ in PROBLEM_FIGURE_FIELDS))
# The figures that are counts or amounts read from the tables (charts and the compare page).
TABLE_FIGURES = tuple(f.name for f, _ in TABLE_FIGURE_FIELDS)
RATE_NAMES = tuple(f.name for f, _ in RATE_FIELDS)


def key_figures(report: dict) -> dict:
    record = {f.name: report.get(f.name) for f in REPORT_FIELDS}
    record["published"] = report.get("published")
    values = figures_mod.compute(report)
    record.update((f.name, values[key]) for f, key in TABLE_FIGURE_FIELDS)
    rates = figures_mod.rates(values)
    record.update((f.name, rates[key].percent) for f, key in RATE_FIELDS)
    record.update((f.name, get(report)) for f, get in PROBLEM_FIGURE_FIELDS)
    return record


# -- problems: one record per problem -------------------------------------------------------------
PROBLEM_FIELDS = REPORT_FIELDS[:3] + (
    Field("rule", "规则编号", "问题的规则编号，如 A-balance、X-carry-over（规则见数据说明页）"),
    Field("rule_title", "问题", "规则的中文名称"),
    Field("severity", "严重程度", "error = 错误（数据不一致或无法读取），warning = 警告（如跨年核对、重复报告）"),
    Field("kind", "类别", "arithmetic = 勾稽关系，cross-year = 跨报告核对，reading = 文件读取，prose = 正文与表格核对，"
                       "timeliness = 按时公开"),
    Field("location", "位置", "问题所在的表格、行和列（即 JSON 中的 where）"),
    Field("message", "说明", "问题说明"),
    Field("found", "实际值", "报告中的数值（或读到的内容）；无则为空", ""),
    Field("expected", "应为", "按规则应有的数值；无则为空", ""),
    Field("table_part", "表格", "问题所在统计表（二、三、四）；与表格无关时为空"),
    Field("row_key", "行键", "问题所在行的键；无则为空"),
    Field("column_key", "列键", "问题所在列的键；无则为空"),
    Field("line", "行号", "问题所在的文件行号；无则为空", "INTEGER"),
    Field("related", "对比的报告", "文字重复（T-copied-text）：与之重复的报告的来源文件；其他问题为空"),
)


def problem_records(report: dict) -> Iterator[dict]:
    for p in report.get("problems", []):
        rule = rules_mod.RULES.get(p["rule"])
        yield {
            "source": report.get("source"), "agency": report.get("agency"), "year": report.get("year"),
            "rule": p["rule"], "rule_title": rule.title if rule else None, "severity": p.get("severity"),
            "kind": rule.kind if rule else None, "location": p.get("where"), "message": p.get("message"),
            "found": p.get("found"), "expected": p.get("expected"), "table_part": p.get("table"),
            "row_key": p.get("row"), "column_key": p.get("column"), "line": p.get("line"),
            "related": p.get("related"),
        }


# -- file names ------------------------------------------------------------------------------------
_UNSAFE = re.compile(r"[^0-9A-Za-z_-]+")


def report_slugs(reports: list[dict]) -> dict[str, str]:
    """A file name stem for each report's own downloads, by source: the source file's name in
    URL-safe ASCII; a short hash of the source is added when characters had to be dropped or two
    reports would get the same name (also compared without case, for Windows)."""
    def base(source: str) -> str:
        return _UNSAFE.sub("-", PurePosixPath(source).stem).strip("-")

    counts = Counter(base(r["source"]).lower() for r in reports)
    slugs: dict[str, str] = {}
    for r in reports:
        source = r["source"]
        stem = base(source)
        clean = stem == PurePosixPath(source).stem
        if not stem or not clean or counts[stem.lower()] > 1:
            digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
            stem = f"{stem}-{digest}" if stem else f"report-{digest}"
        slugs[source] = stem
    return slugs


def report_title(report: dict) -> str:
    """How a report is named in downloads: agency and year, or the file when they are unknown."""
    if report.get("agency") and report.get("year"):
        return f"{report['agency']} {report['year']} 年"
    return PurePosixPath(report.get("source") or "").name or "未知文件"
