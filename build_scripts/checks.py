"""The arithmetic rules (勾稽关系) of rules.md over parsed reports.

A cell that could not be read is None: rules that need it are skipped for that row or column,
because the missing cell is already a problem of its own (P-missing-cell, F-missing-row).
"""
from __future__ import annotations

import functools
from collections import defaultdict
from itertools import chain

from . import checks_copied, checks_prose, checks_timeliness
from . import template as tpl
from .parsing import row_label
from .problems import problem


_PLAIN = frozenset({int, type(None)})


def _sum(values):
    # Cells are numbers or None: sum fails on a None, the rare case, where `None in values` would
    # ask each number whether it equals None (several calls in C for each cell).
    try:
        return sum(values)
    except TypeError:
        return None


def _fmt(value) -> str:
    return "空" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def check_report(report: dict) -> list[dict]:
    """Problems of one report's own arithmetic."""
    if not report.get("template") or "applications" not in report:
        return []
    t = tpl.get(report["template"])
    src = report["source"]
    apps = report["applications"]
    labels = row_label(t)
    found: list[dict] = []

    def add(rule_id, where, message, **kw):
        found.append(problem(rule_id, src, where, message, **kw))

    parts = [c.key for c in t.app_columns if c.key != "total"]
    for row in t.data_rows:
        values = apps.get(row.key, {})
        expected = _sum([*map(values.get, parts)])
        total = values.get("total")
        if expected is not None and total is not None and total != expected:
            add("A-row-total", f"三 · {labels[row.key]} · 总计",
                f"表三「{labels[row.key]}」行：总计为 {_fmt(total)}，各类申请人之和为 {_fmt(expected)}",
                found=total, expected=expected, table="三", row=row.key, column="total")

    # The outcome rows' cells column by column: each row's fetched at once, then transposed.
    col_keys = [c.key for c in t.app_columns]
    by_column = zip(*[[*map(apps.get(k, {}).get, col_keys)] for k in _outcome_keys(t.id)])
    new, carried, closed, open_ = (apps.get(k, {}) for k in ("1", "2", "3.7", "4"))
    for col, column in zip(t.app_columns, by_column):
        outcome = _sum(column)
        total = closed.get(col.key)
        if outcome is not None and total is not None and total != outcome:
            add("A-outcome-total", f"三 · {labels['3.7']} · {col.label}",
                f"表三「{col.label}」列：（七）总计为 {_fmt(total)}，各项办理结果之和为 {_fmt(outcome)}",
                found=total, expected=outcome, table="三", row="3.7", column=col.key)
        received = _sum([new.get(col.key), carried.get(col.key)])
        handled = _sum([total, open_.get(col.key)])
        if received is not None and handled is not None and received != handled:
            add("A-balance", f"三 · {col.label}",
                f"表三「{col.label}」列：一、本年新收 + 二、上年结转 = {_fmt(received)}，"
                f"三、（七）总计 + 四、结转下年度继续办理 = {_fmt(handled)}",
                found=handled, expected=received, table="三", row="3.7", column=col.key)

    review = report.get("review_litigation", {})
    parts4 = [c.key for c in t.review_columns if c.key != "total"]
    for group, group_label in t.review_groups:
        values = review.get(group, {})
        expected = _sum([*map(values.get, parts4)])
        total = values.get("total")
        if expected is not None and total is not None and total != expected:
            add("R-group-total", f"四 · {group_label} · 总计",
                f"表四「{group_label}」：总计为 {_fmt(total)}，结果维持、结果纠正、其他结果、尚未审结之和为 {_fmt(expected)}",
                found=total, expected=expected, table="四", row=group, column="total")

    cells = _cells_by_place(t.id)
    for part, table in tpl.TABLE_PARTS.items():
        rows = report.get(table) or {}
        # The common table: every cell plain (see below), decided for all its rows at once.
        if (_PLAIN.issuperset(map(type, _cells_of(rows)))
                and min(filter(None, _cells_of(rows)), default=0) >= 0):
            continue
        for row_key, row in rows.items():
            values = row.values()
            # The common row: whole numbers ≥ 0 and missing cells only, decided in C (filter
            # drops the None and the 0 cells, which are fine).
            if _PLAIN.issuperset(map(type, values)) and min(filter(None, values), default=0) >= 0:
                continue
            for col_key, value in row.items():
                if value is None or (type(value) is int and value >= 0):
                    continue  # the common case, decided without looking the column up
                place = cells.get((part, row_key, col_key))
                if place is not None:
                    _nonnegative(add, part, row_key, place[0], place[1], value)
    found.extend(checks_prose.check(report))
    return found


def _cells_of(rows: dict) -> chain:
    """The values of every row's cells, one after another."""
    return chain.from_iterable(map(dict.values, rows.values()))


def _nonnegative(add, table: str, row_key: str, row_lbl: str, col: tpl.Column, value) -> None:
    """P-nonnegative for one cell that is not a whole number ≥ 0."""
    bad = (value < 0 if col.kind != "signed" else False) or (col.kind != "amount" and value != int(value))
    if bad:
        what = {"count": "不小于 0 的整数", "signed": "整数", "amount": "不小于 0 的数"}[col.kind]
        add("P-nonnegative", f"{table} · {row_lbl} · {col.label}",
            f"{table} · {row_lbl} · {col.label} 为 {_fmt(value)}，应为{what}",
            found=value, table=table, row=row_key, column=col.key)


@functools.lru_cache(maxsize=None)
def _cells_by_place(template_id: str) -> dict[tuple[str, str, str], tuple[str, tpl.Column]]:
    """(table, row key, column key) → (row label, column) for every cell of a template."""
    return {(table, row_key, col.key): (row_lbl, col) for table, row_key, row_lbl, col in _all_cells(template_id)}


@functools.lru_cache(maxsize=None)
def _outcome_keys(template_id: str) -> tuple[str, ...]:
    return tpl.get(template_id).outcome_keys


@functools.lru_cache(maxsize=None)
def _all_cells(template_id: str) -> tuple[tuple[str, str, str, tpl.Column], ...]:
    """(table, row key, row label, column) of every cell of a template, computed once."""
    t = tpl.get(template_id)
    cells = []
    for row in t.proactive:
        for col in row.columns:
            cells.append(("二", row.key, row.label, col))
    labels = row_label(t)
    for row in t.data_rows:
        for col in t.app_columns:
            cells.append(("三", row.key, labels[row.key], col))
    for group, group_label in t.review_groups:
        for col in t.review_columns:
            cells.append(("四", group, group_label, col))
    return tuple(cells)


def agency_key(agency: str | None) -> str | None:
    return "".join(agency.split()) if agency else None


def agency_key_with(aliases: dict[str, str] | None):
    """agency_key, each other name of an agency (agencies.yml's aliases: the agency's key by the
    name's key) giving the agency's own key."""
    if not aliases:
        return agency_key

    def key_of(agency: str | None) -> str | None:
        key = agency_key(agency)
        return aliases.get(key, key)
    return key_of


def years_compared(counts: dict[int, int]) -> list[int]:
    """The years an agency's report is compared with the year before's (X-… rules): one report in
    each of the two years. `counts`: its number of reports by year."""
    return sorted(y for y, n in counts.items() if n == 1 and counts.get(y - 1) == 1)


def check_collection(reports: list[dict], kinds: dict[str, str] | None = None,
                     aliases: dict[str, str] | None = None) -> dict[str, list[dict]]:
    """Problems across reports (cross-year rules, duplicates, copied text) and those that need
    the collection's agencies file (timeliness), by report source. `kinds`: the kind of body
    (checks_timeliness.KINDS) by agency key, where agencies.yml states it; `aliases`: the agency
    key another name stands for (agencies.yml's aliases), by that name's key."""
    key_of = agency_key_with(aliases)
    by_agency: dict[str, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        if r.get("template") and r.get("agency") and r.get("year"):
            by_agency[key_of(r["agency"])][r["year"]].append(r)
    found: dict[str, list[dict]] = defaultdict(list)
    for years in by_agency.values():
        for year, same in years.items():
            if len(same) > 1:
                for r in same:
                    others = "、".join(o["source"] for o in same if o is not r)
                    found[r["source"]].append(problem(
                        "F-duplicate-report", r["source"], "全文",
                        f"{r['agency']} {year} 年另有报告：{others}（不合并，分别列出）"))
        for year in years_compared({year: len(same) for year, same in years.items()}):
            this, last = years[year][0], years[year - 1][0]
            found[this["source"]].extend(_cross_year(this, last))
    kinds = kinds or {}
    for r in reports:
        late = checks_timeliness.check(r, kinds.get(key_of(r.get("agency"))))
        if late:
            found[r["source"]].extend(late)
    for source, extra in checks_copied.check(reports, key_of).items():
        found[source].extend(extra)
    return found


def _cross_year(this: dict, last: dict) -> list[dict]:
    t = tpl.get(this["template"])
    labels = row_label(t)
    out = []
    for col in t.app_columns:
        now = this["applications"].get("2", {}).get(col.key)
        before = last.get("applications", {}).get("4", {}).get(col.key)
        if now is not None and before is not None and now != before:
            out.append(problem(
                "X-carry-over", this["source"], f"三 · {labels['2']} · {col.label}",
                f"{this['year']} 年「二、上年结转」{col.label}为 {_fmt(now)}，"
                f"{last['year']} 年报告（{last['source']}）「四、结转下年度继续办理」为 {_fmt(before)}",
                found=now, expected=before, table="三", row="2", column=col.key))
    if this["template"] == "2021" and last.get("template") == "2021":
        for key in ("regulations", "normative_documents"):
            row = this["proactive"].get(key, {})
            prev = last["proactive"].get(key, {}).get("in_force")
            parts = [prev, row.get("issued"), row.get("repealed"), row.get("in_force")]
            if any(v is None for v in parts):
                continue
            expected = prev + row["issued"] - row["repealed"]
            if row["in_force"] != expected:
                label = t.proactive_row(key).label
                out.append(problem(
                    "X-in-force", this["source"], f"二 · {label} · 现行有效件数",
                    f"{label}：{this['year']} 年现行有效件数为 {_fmt(row['in_force'])}，按上一年 {_fmt(prev)} "
                    f"+ 本年制发 {_fmt(row['issued'])} − 本年废止 {_fmt(row['repealed'])} 应为 {_fmt(expected)}",
                    found=row["in_force"], expected=expected, table="二", row=key, column="in_force"))
    return out
