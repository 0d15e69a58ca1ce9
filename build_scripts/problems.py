"""The one shape every problem has (data-contract.md), whoever finds it."""
from __future__ import annotations

from . import rules


def problem(rule_id: str, source: str, where: str, message: str, *, found=None, expected=None,
            table: str | None = None, row: str | None = None, column: str | None = None,
            line: int | None = None) -> dict:
    rule = rules.get(rule_id)
    return {
        "rule": rule_id,
        "severity": rule.severity,
        "file": source,
        "where": where,
        "message": message,
        "found": found,
        "expected": expected,
        "table": table,
        "row": row,
        "column": column,
        "line": line,
    }


def row_left_out(table: str, label: str) -> str:
    """The message of F-missing-row for a row the report does not print at all, told apart from a
    row whose label was found but could not be taken for the row's (its figures are unread)."""
    return f"表{table}缺少「{label}」行"


def rows_cut_off(table: str, label: str, count: int) -> str:
    """The message of F-missing-row for the last `count` rows of a table, from the row `label`
    on, that the file does not hold (the table ends early, or the file was cut off)."""
    return f"表{table}自「{label}」起的 {count} 行缺失（表格不完整或文件被截断）"


def rows_left_out(p: dict) -> int:
    """How many rows of its table, from its own row on, `p` says the file does not print: 1 for a
    row left out (row_left_out), the rest of the table for rows cut off (rows_cut_off), 0 for any
    other problem (a row whose label was found but could not be taken for the row's)."""
    where = p.get("where") or ""
    if p.get("rule") != "F-missing-row" or " · " not in where:
        return 0
    table, label = p.get("table") or "", where.split(" · ", 1)[1]
    message = p.get("message")
    if message == row_left_out(table, label):
        return 1
    count = p.get("expected", 0) - p.get("found", 0) if isinstance(p.get("expected"), int) \
        and isinstance(p.get("found"), int) else 0
    return count if count > 0 and message == rows_cut_off(table, label, count) else 0


def has_errors(problems: list[dict]) -> bool:
    return any(p["severity"] == rules.ERROR for p in problems)


# Every character str.splitlines breaks at: text quoted from a report must not split a problem's line.
_LINE_BREAKS = {ord(ch): " " for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def format_problem(p: dict) -> str:
    """One line a staff member can act on: file, place, severity, rule id, message."""
    level = "错误" if p["severity"] == rules.ERROR else "警告"
    return f"{p['file']}: {p['where']}: {level} [{p['rule']}] {p['message']}".translate(_LINE_BREAKS)
