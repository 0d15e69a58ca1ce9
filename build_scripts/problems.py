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


def says_row_left_out(p: dict) -> bool:
    """Whether `p` says that its table row is not printed in the report (row_left_out)."""
    where = p.get("where") or ""
    if p.get("rule") != "F-missing-row" or " · " not in where:
        return False
    return p.get("message") == row_left_out(p.get("table") or "", where.split(" · ", 1)[1])


def has_errors(problems: list[dict]) -> bool:
    return any(p["severity"] == rules.ERROR for p in problems)


# Every character str.splitlines breaks at: text quoted from a report must not split a problem's line.
_LINE_BREAKS = {ord(ch): " " for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def format_problem(p: dict) -> str:
    """One line a staff member can act on: file, place, severity, rule id, message."""
    level = "错误" if p["severity"] == rules.ERROR else "警告"
    return f"{p['file']}: {p['where']}: {level} [{p['rule']}] {p['message']}".translate(_LINE_BREAKS)
