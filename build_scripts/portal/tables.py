"""Tables 二, 三 and 四 of a report laid out as in the official template: rows of cells with
the template's merged cells (rowspan/colspan), every data cell with its value (None stays
None: shown as 空, 未列出 or 无法读取, never 0) and the problems that name it. Pure Python; the
report template turns these into HTML."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import rules as rules_mod
from .. import template as tpl
from ..problems import rows_left_out
from .model import (ReportEntry, cell_anchor, problem_anchor, problem_place, row_anchor,
                    table_anchor)
from .problem_items import Item

BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
# A cell of a row the report leaves out: shown as not printed, not as unreadable.
ABSENT_TEXT = "未列出"
ABSENT_TITLE = "报告的表格中没有这一行（缺少表格行，F-missing-row），不是无法读取"
MISSING_RULES = ("P-missing-cell",)


@dataclass
class Mark:
    """A problem shown at a place of a table."""
    index: int  # position in the report's problem list
    problem: dict
    rule: rules_mod.Rule
    item: int | None = None  # position of the first problem of the list item showing it (None: its own)

    @property
    def listed(self) -> int:
        return self.index if self.item is None else self.item

    @property
    def anchor(self) -> str:
        return problem_anchor(self.listed)

    @property
    def number(self) -> int:
        """The number of the list item showing the problem (problem_items: several share one)."""
        return self.listed + 1

    @property
    def text(self) -> str:
        return f"{self.rule.title}（{self.rule.id}）：{self.problem['message']}"


class _Marked:
    """A place of a table with the problems shown at it (`marks`)."""
    marks: list[Mark]

    @property
    def severity(self) -> str | None:
        if not self.marks:
            return None
        return rules_mod.ERROR if any(m.rule.severity == rules_mod.ERROR for m in self.marks) else rules_mod.WARNING

    @property
    def title(self) -> str | None:
        return "；".join(m.text for m in self.marks) or None


@dataclass
class Cell(_Marked):
    label: str | None = None  # header/label text; None for a data cell
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    css: str = ""
    id: str | None = None
    kind: str = "count"  # data cells: count | signed | amount
    value: int | float | None = None
    empty: bool = False  # data cell whose cell was left empty in the report (vs unreadable)
    absent: bool = False  # data cell of a row the report does not print (F-missing-row; vs unreadable)
    marks: list[Mark] = field(default_factory=list)

    @property
    def is_data(self) -> bool:
        return self.label is None


@dataclass
class Row(_Marked):
    cells: list[Cell]
    id: str | None = None
    css: str = ""
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Table:
    part: str  # 二 | 三 | 四
    id: str
    css: str
    head: list[Row]
    body: list[Row]
    marks: list[Mark] = field(default_factory=list)  # every problem placed in this table
    table_marks: list[Mark] = field(default_factory=list)  # problems naming the table only
    items: list[Item] = field(default_factory=list)  # the marks as listed (problem_items)

    @property
    def rules(self) -> list[rules_mod.Rule]:
        seen: dict[str, rules_mod.Rule] = {}
        for m in self.marks:
            seen.setdefault(m.rule.id, m.rule)
        return list(seen.values())


def _rows_left_out(entry: ReportEntry) -> set[tuple[str, str]]:
    """(table, row) of each row the file does not print: a row left out, or the rows of a table
    cut off from one row on (in the template's order)."""
    out: set[tuple[str, str]] = set()
    t = tpl.get(entry.template) if entry.template else None
    order = {"二": [r.key for r in t.proactive], "三": [r.key for r in t.data_rows]} if t else {}
    for p in entry.problems:
        count = rows_left_out(p)
        if not count:
            continue
        keys = order.get(p["table"], [])
        start = keys.index(p["row"]) if p["row"] in keys else None
        out.update((p["table"], key) for key in (keys[start:start + count] if start is not None else [p["row"]]))
    return out


class _Places:
    """The report's problems, by the table place they name."""

    def __init__(self, entry: ReportEntry):
        self.cells: dict[tuple, list[Mark]] = {}
        self.rows: dict[tuple, list[Mark]] = {}
        self.tables: dict[str, list[Mark]] = {}
        self.all: dict[str, list[Mark]] = {}
        self.items: dict[str, list[Item]] = {}
        self.left_out = _rows_left_out(entry)
        listed: dict[int, int] = {}  # problem position -> position of its list item's first problem
        for item in entry.problem_items:
            listed.update(dict.fromkeys(item.indexes, item.first))
            place = problem_place(item.problem)
            if place is not None:
                self.items.setdefault(place[0], []).append(item)
        for i, p in enumerate(entry.problems):
            place = problem_place(p)
            if place is None:
                continue
            table, row, column = place
            mark = Mark(i, p, rules_mod.RULES[p["rule"]], listed[i])
            self.all.setdefault(table, []).append(mark)
            if row and column:
                self.cells.setdefault((table, row, column), []).append(mark)
            elif row:
                self.rows.setdefault((table, row), []).append(mark)
            else:
                self.tables.setdefault(table, []).append(mark)

    def cell(self, table: str, row: str, column: tpl.Column, value) -> Cell:
        marks = self.cells.get((table, row, column.key), [])
        empty = value is None and any(m.rule.id in MISSING_RULES for m in marks)
        return Cell(id=cell_anchor(table, row, column.key), kind=column.kind, value=value,
                    empty=empty, absent=value is None and (table, row) in self.left_out, marks=list(marks))

    def row(self, table: str, row: str, cells: list[Cell], css: str = "") -> Row:
        """A table row; problems that name the whole row are flagged on its label cell."""
        marks = list(self.rows.get((table, row), []))
        label = next((c for c in reversed(cells) if c.header and "label" in c.css), None)
        if label is not None:
            label.marks.extend(marks)
        return Row(cells, id=row_anchor(table, row), css=css, marks=marks)


def _th(label: str, rowspan: int = 1, colspan: int = 1, css: str = "") -> Cell:
    return Cell(label=label, rowspan=rowspan, colspan=colspan, header=True, css=css)


def proactive_table(entry: ReportEntry, places: _Places) -> Table:
    t = tpl.get(entry.template)
    data = entry.report.get("proactive") or {}
    width = max(len(r.columns) for r in t.proactive)
    groups: list[tuple[str, tuple[tpl.Column, ...], list[tpl.ProactiveRow]]] = []
    for row in t.proactive:
        if groups and groups[-1][0] == row.article and groups[-1][1] == row.columns:
            groups[-1][2].append(row)
        else:
            groups.append((row.article, row.columns, [row]))
    body: list[Row] = []
    for article, columns, rows in groups:
        body.append(Row([_th(article, colspan=width + 1, css="article")], css="article"))
        head = [_th("信息内容")]
        for i, col in enumerate(columns):
            head.append(_th(col.label, colspan=width - len(columns) + 1 if i == len(columns) - 1 else 1))
        body.append(Row(head, css="subhead"))
        for row in rows:
            values = data.get(row.key) or {}
            cells: list[Cell] = [_th(row.label, css="label")]
            for i, col in enumerate(columns):
                cell = places.cell("二", row.key, col, values.get(col.key))
                if i == len(columns) - 1:
                    cell.colspan = width - len(columns) + 1
                cells.append(cell)
            body.append(places.row("二", row.key, cells))
    return Table("二", table_anchor("二"), "proactive", [], body, places.all.get("二", []),
                 places.tables.get("二", []), places.items.get("二", []))


def applications_table(entry: ReportEntry, places: _Places) -> Table:
    t = tpl.get(entry.template)
    data = entry.report.get("applications") or {}
    cols = t.app_columns
    orgs = [c for c in cols if c.key in tpl.APPLICANT_ORG_COLUMNS]
    head = [
        Row([_th(BALANCE_NOTE, rowspan=3, colspan=3, css="corner"), _th("申请人情况", colspan=len(cols))]),
        Row([_th(cols[0].label, rowspan=2), _th("法人或其他组织", colspan=len(orgs)),
             _th(cols[-1].label, rowspan=2)]),
        Row([_th(c.label) for c in orgs]),
    ]

    def spans(index: int, level: int) -> int:
        """Data rows under the heading at `index` (a row without numbers), up to the next row of
        the same or a higher level."""
        n = 0
        for row in t.app_rows[index + 1:]:
            if row.level <= level:
                break
            n += row.key is not None
        return n

    body: list[Row] = []
    pending: list[Cell] = []
    for i, row in enumerate(t.app_rows):
        if row.key is None:
            pending.append(_th(row.label, rowspan=spans(i, row.level), css=f"group level{row.level}"))
            continue
        label = _th(row.label, colspan=3 - row.level, css=f"label level{row.level}")
        values = data.get(row.key) or {}
        cells = pending + [label] + [places.cell("三", row.key, c, values.get(c.key)) for c in cols]
        pending = []
        css = "total" if row.key == "3.7" else ""
        body.append(places.row("三", row.key, cells, css))
    return Table("三", table_anchor("三"), "applications", head, body, places.all.get("三", []),
                 places.tables.get("三", []), places.items.get("三", []))


def review_table(entry: ReportEntry, places: _Places) -> Table:
    t = tpl.get(entry.template)
    data = entry.report.get("review_litigation") or {}
    cols = t.review_columns
    groups = t.review_groups
    sub = [label.split(" · ", 1)[1] for _, label in groups[1:]]
    head = [
        Row([_th(groups[0][1], rowspan=2, colspan=len(cols)),
             _th(groups[1][1].split(" · ", 1)[0], colspan=len(cols) * (len(groups) - 1))]),
        Row([_th(label, colspan=len(cols)) for label in sub]),
        Row([_th(c.label) for _ in groups for c in cols]),
    ]
    cells = [places.cell("四", g, c, (data.get(g) or {}).get(c.key)) for g, _ in groups for c in cols]
    data_row = places.row("四", "data", cells)
    # A problem naming a group as a row (not a cell) is shown on the group's total cell; one
    # naming the data row (it has no label cell) is shown with the table.
    for g, _ in groups:
        for mark in places.rows.get(("四", g), []):
            next(c for c in cells if c.id == cell_anchor("四", g, "total")).marks.append(mark)
    return Table("四", table_anchor("四"), "review", head, [data_row], places.all.get("四", []),
                 places.tables.get("四", []) + data_row.marks, places.items.get("四", []))


def report_tables(entry: ReportEntry) -> dict[str, Table]:
    """{part number: Table} for a parsed report; {} when the file could not be parsed."""
    if not entry.parsed:
        return {}
    places = _Places(entry)
    return {"二": proactive_table(entry, places), "三": applications_table(entry, places),
            "四": review_table(entry, places)}
