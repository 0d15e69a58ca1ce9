"""Parsed reports → flat records with keys and the template's Chinese labels.

Every download (CSV, JSON of key figures, SQLite) and every chart reads the records made here,
so that a figure is computed in exactly one place. Cells that could not be read are None here,
empty in CSV and NULL in SQLite — never 0.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Callable, Iterator

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
    if not report.get("template"):
        return
    ident = {f.name: report.get(f.name) for f in REPORT_FIELDS}
    for info, row_key, row_lbl, col in template_cells(report["template"]):
        values = (report.get(info.key) or {}).get(row_key) or {}
        yield {**ident, "table_part": info.part, "table_key": info.key, "row_key": row_key,
               "row_label": row_lbl, "column_key": col.key, "column_label": col.label,
               "value": values.get(col.key)}


# -- key figures: one record per report --------------------------------------------------------
def _sum(values) -> int | float | None:
    values = list(values)
    return None if not values or any(v is None for v in values) else sum(values)


def _app(report: dict, row: str, column: str = "total"):
    return ((report.get("applications") or {}).get(row) or {}).get(column)


def _app_group(prefix: str) -> Callable[[dict], int | None]:
    """The total column summed over the outcome rows of one group: 3.3 → 3.3.1 … 3.3.8."""

    def get(report: dict):
        if not report.get("template"):
            return None
        keys = [r.key for r in tpl.get(report["template"]).data_rows
                if r.key == prefix or r.key.startswith(prefix + ".")]
        return _sum(_app(report, k) for k in keys)

    return get


def _review(group: str, column: str = "total") -> Callable[[dict], int | None]:
    return lambda r: ((r.get("review_litigation") or {}).get(group) or {}).get(column)


def _lawsuits(column: str) -> Callable[[dict], int | None]:
    def get(report: dict):
        if not report.get("template"):
            return None
        return _sum([_review("litigation_direct", column)(report), _review("litigation_after_review", column)(report)])

    return get


def _fees(report: dict):
    if report.get("template") != "2021":
        return None  # the 2019 template has no fee amount (only item counts)
    return ((report.get("proactive") or {}).get("fees") or {}).get("amount_10k_yuan")


def _count_rule(rule_id: str) -> Callable[[dict], int]:
    return lambda r: sum(1 for p in r.get("problems", []) if p["rule"] == rule_id)


def _rules_found(report: dict) -> str:
    return ";".join(dict.fromkeys(p["rule"] for p in report.get("problems", [])))


@dataclass(frozen=True)
class Figure:
    field: Field
    get: Callable[[dict], object]


def _f(name, label, meaning, sql, get, templates=None) -> Figure:
    return Figure(Field(name, label, meaning, sql, templates), get)


_T = "（表三“总计”列）"
KEY_FIGURES: tuple[Figure, ...] = (
    _f("new_applications", "本年新收申请", "一、本年新收政府信息公开申请数量" + _T, "INTEGER",
       lambda r: _app(r, "1")),
    _f("carried_over_in", "上年结转", "二、上年结转政府信息公开申请数量" + _T, "INTEGER", lambda r: _app(r, "2")),
    _f("outcomes_total", "办理结果总计", "三、本年度办理结果 (七) 总计" + _T, "INTEGER", lambda r: _app(r, "3.7")),
    _f("disclosed", "予以公开", "(一) 予以公开" + _T, "INTEGER", lambda r: _app(r, "3.1")),
    _f("partly_disclosed", "部分公开", "(二) 部分公开" + _T, "INTEGER", lambda r: _app(r, "3.2")),
    _f("not_disclosed", "不予公开", "(三) 不予公开，1 至 8 项之和" + _T, "INTEGER", _app_group("3.3")),
    _f("unable_to_provide", "无法提供", "(四) 无法提供，1 至 3 项之和" + _T, "INTEGER", _app_group("3.4")),
    _f("not_processed", "不予处理", "(五) 不予处理，1 至 5 项之和" + _T, "INTEGER", _app_group("3.5")),
    _f("other_handling", "其他处理", "(六) 其他处理（2021 年版为 1 至 3 项之和）" + _T, "INTEGER", _app_group("3.6")),
    _f("carried_over_out", "结转下年度", "四、结转下年度继续办理" + _T, "INTEGER", lambda r: _app(r, "4")),
    _f("reviews", "行政复议", "表四 行政复议 总计", "INTEGER", _review("review")),
    _f("reviews_corrected", "复议结果纠正", "表四 行政复议 结果纠正", "INTEGER", _review("review", "corrected")),
    _f("lawsuits", "行政诉讼", "表四 行政诉讼 总计（未经复议直接起诉 + 复议后起诉）", "INTEGER", _lawsuits("total")),
    _f("lawsuits_corrected", "诉讼结果纠正", "表四 行政诉讼 结果纠正（未经复议直接起诉 + 复议后起诉）", "INTEGER",
       _lawsuits("corrected")),
    _f("fees_10k_yuan", "行政事业性收费（万元）",
       "表二 行政事业性收费 本年收费金额（单位：万元），保留小数；2019 年版格式没有此项，为空", "REAL", _fees,
       ("2021",)),
    _f("problems", "问题数", "本报告发现的问题总数（错误与警告）", "INTEGER", lambda r: len(r.get("problems", []))),
    _f("errors", "错误数", "严重程度为“错误”的问题数", "INTEGER",
       lambda r: sum(1 for p in r.get("problems", []) if p["severity"] == rules_mod.ERROR)),
    _f("warnings", "警告数", "严重程度为“警告”的问题数", "INTEGER",
       lambda r: sum(1 for p in r.get("problems", []) if p["severity"] == rules_mod.WARNING)),
    _f("carry_over_mismatches", "跨年结转不一致",
       "X-carry-over 问题数：本年“上年结转”与上一年报告“结转下年度继续办理”不相等的列数", "INTEGER",
       _count_rule("X-carry-over")),
    _f("in_force_mismatches", "现行有效件数不衔接", "X-in-force 问题数：现行有效件数与上一年报告不衔接的行数",
       "INTEGER", _count_rule("X-in-force")),
    _f("duplicate", "重复报告",
       "同一机关同一年度另有报告（F-duplicate-report）：true / false；重复的报告分别列出，不合并", "INTEGER",
       lambda r: any(p["rule"] == "F-duplicate-report" for p in r.get("problems", []))),
    _f("rules", "问题规则", "本报告出现的问题的规则编号，以分号分隔（规则见数据说明页）", "TEXT", _rules_found),
    _f("consistent", "数据一致", "没有严重程度为“错误”的问题时为 true，否则为 false", "INTEGER",
       lambda r: bool(r.get("consistent"))),
)
KEY_FIGURE_FIELDS = REPORT_FIELDS + tuple(k.field for k in KEY_FIGURES)
# The figures that are counts or amounts read from the tables (charts and the compare page).
TABLE_FIGURES = tuple(k.field.name for k in KEY_FIGURES[:15])


def key_figures(report: dict) -> dict:
    record = {f.name: report.get(f.name) for f in REPORT_FIELDS}
    for figure in KEY_FIGURES:
        record[figure.field.name] = figure.get(report)
    return record


# -- problems: one record per problem -------------------------------------------------------------
PROBLEM_FIELDS = REPORT_FIELDS[:3] + (
    Field("rule", "规则编号", "问题的规则编号，如 A-balance、X-carry-over（规则见数据说明页）"),
    Field("rule_title", "问题", "规则的中文名称"),
    Field("severity", "严重程度", "error = 错误（数据不一致或无法读取），warning = 警告（如跨年核对、重复报告）"),
    Field("kind", "类别", "arithmetic = 勾稽关系，cross-year = 跨报告核对，reading = 文件读取"),
    Field("location", "位置", "问题所在的表格、行和列（即 JSON 中的 where）"),
    Field("message", "说明", "问题说明"),
    Field("found", "实际值", "报告中的数值（或读到的内容）；无则为空", ""),
    Field("expected", "应为", "按规则应有的数值；无则为空", ""),
    Field("table_part", "表格", "问题所在统计表（二、三、四）；与表格无关时为空"),
    Field("row_key", "行键", "问题所在行的键；无则为空"),
    Field("column_key", "列键", "问题所在列的键；无则为空"),
    Field("line", "行号", "问题所在的文件行号；无则为空", "INTEGER"),
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
