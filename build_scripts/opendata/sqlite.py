"""The whole collection as one SQLite database (stdlib sqlite3).

Schema (TABLES below; the data page documents it from the same definitions):

- reports: one row per report file, with the key figures of key-figures.csv.
- proactive_2021 / proactive_2019: table 二, one row per report of that template; one column
  per cell, named <row key>_<column key> (e.g. regulations_issued).
- applications: table 三, one row per report × data row (key 1, 2, 3.1 … 3.7, 4), one column per
  applicant column.
- review_litigation: table 四, one row per report × group (review, litigation_direct,
  litigation_after_review).
- cells: every cell of every table in long format (report, table, row and column keys, value);
  labels: the printed row and column labels of every cell of both templates; the view
  cells_view joins them into the rows of cells.csv.
- problems: every problem of every report, cross-report ones (X-carry-over, X-in-force,
  F-duplicate-report, T-copied-text) included; rules: every rule id with its Chinese title and description.
- meta: licence and provenance.

A cell that is empty or could not be read is NULL, never 0. Counts are INTEGER, amounts REAL.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .. import rules as rules_mod
from .. import template as tpl
from ..parsing import row_label
from .tables import (CELL_FIELDS, KEY_FIGURE_FIELDS, PROBLEM_FIELDS, REPORT_FIELDS, Field, key_figures,
                     problem_records, template_cells)


@dataclass(frozen=True)
class Table:
    name: str
    title: str  # Chinese
    description: str  # Chinese
    columns: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()
    of_report: bool = True  # has report_id, a foreign key to reports

    def doc(self) -> dict:
        return {"name": self.name, "title": self.title, "description": self.description,
                "columns": [c.doc() for c in self.columns], "primary_key": list(self.primary_key),
                "indexes": [list(i) for i in self.indexes]}


REPORT_ID = Field("report_id", "报告编号", "数据库内的报告编号，与 reports 表关联", "INTEGER")


def _kind_sql(col: tpl.Column) -> str:
    return "REAL" if col.kind == "amount" else "INTEGER"


def _proactive_table(template_id: str) -> Table:
    t = tpl.get(template_id)
    columns = [REPORT_ID]
    for row in t.proactive:
        for col in row.columns:
            columns.append(Field(f"{row.key}_{col.key}", f"{row.label} · {col.label}",
                                 f"{row.article} {row.label}：{col.label}", _kind_sql(col)))
    name = f"proactive_{template_id}"
    return Table(name, f"表二 主动公开（{template_id} 年版格式）",
                 f"二、主动公开政府信息情况，{template_id} 年版格式（{tpl.NOTICES[template_id]}）的报告每份一行，"
                 "每个单元格一列，列名为“行键_列键”", tuple(columns), ("report_id",))


def _row_table(name: str, title: str, description: str, key: Field, label: Field,
               columns: tuple[tpl.Column, ...], meaning: str) -> Table:
    cols = (REPORT_ID, key, label, Field("position", "顺序", "行在模板中的顺序（从 1 起）", "INTEGER"))
    cols += tuple(Field(c.key, c.label, meaning.format(c.label), _kind_sql(c)) for c in columns)
    return Table(name, title, description, cols, ("report_id", key.name), ((key.name,),))


TABLES: tuple[Table, ...] = (
    Table("reports", "报告", "每份报告文件一行：机关、年度、格式版本和关键数字（与 key-figures.csv 相同）",
          (REPORT_ID,) + KEY_FIGURE_FIELDS, ("report_id",),
          (("agency", "year"), ("year",), ("source",)), of_report=False),
    _proactive_table("2021"),
    _proactive_table("2019"),
    _row_table("applications", "表三 依申请公开",
               "三、收到和处理政府信息公开申请情况，每份报告的每个数据行一行（行键 1、2、3.1 … 3.7、4；"
               "2019 年版格式的 (六) 其他处理 为 3.6，2021 年版为 3.6.1–3.6.3）",
               Field("row_key", "行键", "行在解析数据中的键，如 1、3.3.1、4"),
               Field("row_label", "行名称", "行在模板中印出的名称（子项前带所属分组）"),
               tpl.APP_COLUMNS, "申请人情况：{}（件）"),
    _row_table("review_litigation", "表四 行政复议、行政诉讼",
               "四、政府信息公开行政复议、行政诉讼情况，每份报告每组一行（review = 行政复议，"
               "litigation_direct = 行政诉讼·未经复议直接起诉，litigation_after_review = 行政诉讼·复议后起诉）",
               Field("group_key", "组键", "review、litigation_direct 或 litigation_after_review"),
               Field("group_label", "组名称", "行政复议、行政诉讼 · 未经复议直接起诉、行政诉讼 · 复议后起诉"),
               tpl.REVIEW_COLUMNS, "{}（件）"),
    Table("labels", "单元格名称",
          "两种格式每个单元格一行：所在表格、行和列的键与模板中印出的名称，以及数值类型；cells 表通过格式版本和键与本表关联",
          (Field("template", "格式版本", "2021 或 2019"),) + CELL_FIELDS[len(REPORT_FIELDS):-2]
          + (Field("kind", "数值类型", "count = 不小于 0 的整数，signed = 整数（本年增/减），amount = 金额（可有小数）"),
             Field("position", "顺序", "单元格在模板中的顺序（从 1 起）", "INTEGER")),
          ("template", "table_key", "row_key", "column_key"), of_report=False),
    Table("cells", "全部单元格（长格式）",
          "每份报告 × 表格 × 行 × 列一行（数值）；视图 cells_view 带上机关、年度、格式版本和 labels 表中的名称，与 cells.csv 相同",
          (REPORT_ID, Field("table_key", "表格键", "proactive、applications 或 review_litigation"),
           Field("row_key", "行键", "行在解析数据中的键"), Field("column_key", "列键", "列在解析数据中的键"),
           *CELL_FIELDS[-2:]),
          ("report_id", "table_key", "row_key", "column_key"), (("table_key", "row_key", "column_key"),)),
    Table("problems", "问题", "每个问题一行（含跨报告核对 X-carry-over、X-in-force、重复报告 F-duplicate-report 和文字重复 "
          "T-copied-text），与 problems.csv 相同",
          (Field("problem_id", "问题编号", "数据库内的问题编号", "INTEGER"), REPORT_ID)
          + PROBLEM_FIELDS[len(REPORT_FIELDS) - 1:], ("problem_id",), (("report_id",), ("rule",))),
    Table("rules", "规则", "每个问题规则编号一行：严重程度、中文名称和说明",
          (Field("rule", "规则编号", "规则编号"), Field("severity", "严重程度", "error 或 warning"),
           Field("title", "名称", "规则的中文名称"), Field("description", "说明", "规则的中文说明"),
           Field("kind", "类别", "arithmetic、cross-year 或 reading")), ("rule",), of_report=False),
    Table("meta", "说明", "数据的许可协议、来源和生成信息（键值对）",
          (Field("key", "键", "键"), Field("value", "值", "值")), ("key",), of_report=False),
)
BY_NAME = {t.name: t for t in TABLES}
VIEWS = {
    "cells_view": "SELECT r.source, r.agency, r.year, r.template, l.table_part, c.table_key, c.row_key, "
                  "l.row_label, c.column_key, l.column_label, c.value, c.printed FROM cells c "
                  "JOIN reports r USING (report_id) "
                  "JOIN labels l ON l.template = r.template AND l.table_key = c.table_key "
                  "AND l.row_key = c.row_key AND l.column_key = c.column_key "
                  "ORDER BY c.report_id, l.position",
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_sql(table: Table) -> list[str]:
    cols = []
    for c in table.columns:
        cols.append(f"{_q(c.name)} {c.sql}".rstrip())
    if table.primary_key:
        cols.append(f"PRIMARY KEY ({', '.join(_q(k) for k in table.primary_key)})")
    if table.of_report:
        cols.append("FOREIGN KEY (report_id) REFERENCES reports (report_id)")
    if table.name == "problems":
        cols.append("FOREIGN KEY (rule) REFERENCES rules (rule)")
    statements = [f"CREATE TABLE {_q(table.name)} (\n  " + ",\n  ".join(cols) + "\n)"]
    for index in table.indexes:
        name = f"{table.name}_{'_'.join(index)}"
        statements.append(f"CREATE INDEX {_q(name)} ON {_q(table.name)} ({', '.join(_q(c) for c in index)})")
    return statements


def schema_sql() -> str:
    statements = [s for t in TABLES for s in create_sql(t)]
    statements += [f"CREATE VIEW {_q(name)} AS {sql}" for name, sql in VIEWS.items()]
    return ";\n".join(statements) + ";\n"


def _insert(con: sqlite3.Connection, table: Table, records) -> int:
    """Insert dicts keyed by column name (missing keys are NULL; sqlite3 stores True/False as 1/0)."""
    names = [c.name for c in table.columns]
    sql = f"INSERT INTO {_q(table.name)} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})"
    rows = [[r.get(n) for n in names] for r in records]
    con.executemany(sql, rows)
    return len(rows)


def _label_rows():
    for template_id in tpl.TEMPLATES:
        for position, (info, row_key, row_lbl, col) in enumerate(template_cells(template_id), start=1):
            yield {"template": template_id, "table_part": info.part, "table_key": info.key, "row_key": row_key,
                   "row_label": row_lbl, "column_key": col.key, "column_label": col.label, "kind": col.kind,
                   "position": position}


def write_sqlite(path: Path, reports: list[dict], meta: dict[str, str], figures: list[dict] | None = None) -> dict[str, int]:
    """Write the database (replacing any old file); returns the number of rows per table.
    figures: tables.key_figures of each report, when the caller has them already."""
    if figures is None:
        figures = [key_figures(r) for r in reports]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    counts: dict[str, int] = {}
    con = sqlite3.connect(tmp)
    try:
        # A new file that replaces the download only once complete: no journal or sync needed,
        # and a cache that holds the indexes while they are filled (the file's bytes are the same).
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;")
        con.executescript(schema_sql())
        with con:
            report_rows, proactive = [], {"2021": [], "2019": []}
            apps, review, all_cells, problems = [], [], [], []
            for report_id, (report, record) in enumerate(zip(reports, figures), start=1):
                report_rows.append({"report_id": report_id, **record})
                for p in problem_records(report):
                    problems.append({"report_id": report_id, **p})
                if not report.get("template"):
                    continue
                t = tpl.get(report["template"])
                flat = {"report_id": report_id}
                printed = report.get("printed") or {}
                for info, row_key, _, col in template_cells(t.id):
                    value = ((report.get(info.key) or {}).get(row_key) or {}).get(col.key)
                    shown = (printed.get(info.part) or {}).get(row_key, {}).get(col.key)
                    all_cells.append((report_id, info.key, row_key, col.key, value,
                                      "blank" if shown == "" else shown))
                    if info.key == "proactive":
                        flat[f"{row_key}_{col.key}"] = value
                proactive[t.id].append(flat)
                for position, (row, label) in enumerate(_app_rows(t), start=1):
                    values = (report.get("applications") or {}).get(row) or {}
                    apps.append({"report_id": report_id, "row_key": row, "row_label": label, "position": position,
                                 **{c.key: values.get(c.key) for c in t.app_columns}})
                for position, (group, label) in enumerate(t.review_groups, start=1):
                    values = (report.get("review_litigation") or {}).get(group) or {}
                    review.append({"report_id": report_id, "group_key": group, "group_label": label,
                                   "position": position, **{c.key: values.get(c.key) for c in t.review_columns}})
            counts["reports"] = _insert(con, BY_NAME["reports"], report_rows)
            counts["proactive_2021"] = _insert(con, BY_NAME["proactive_2021"], proactive["2021"])
            counts["proactive_2019"] = _insert(con, BY_NAME["proactive_2019"], proactive["2019"])
            counts["applications"] = _insert(con, BY_NAME["applications"], apps)
            counts["review_litigation"] = _insert(con, BY_NAME["review_litigation"], review)
            counts["labels"] = _insert(con, BY_NAME["labels"], _label_rows())
            con.executemany("INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?)", all_cells)
            counts["cells"] = len(all_cells)
            counts["rules"] = _insert(con, BY_NAME["rules"], (
                {"rule": r.id, "severity": r.severity, "title": r.title, "description": r.description, "kind": r.kind}
                for r in rules_mod.RULES.values()))
            for n, p in enumerate(problems, start=1):
                p["problem_id"] = n
            counts["problems"] = _insert(con, BY_NAME["problems"], problems)
            counts["meta"] = _insert(con, BY_NAME["meta"], ({"key": k, "value": v} for k, v in meta.items()))
        con.execute("VACUUM")
    finally:
        con.close()
    os.replace(tmp, path)
    return counts


def _app_rows(t: tpl.Template):
    labels = row_label(t)
    return [(r.key, labels[r.key]) for r in t.data_rows]
