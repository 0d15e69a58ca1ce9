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


def has_errors(problems: list[dict]) -> bool:
    return any(p["severity"] == rules.ERROR for p in problems)


# Every character str.splitlines breaks at: text quoted from a report must not split a problem's line.
_LINE_BREAKS = {ord(ch): " " for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def format_problem(p: dict) -> str:
    """One line a staff member can act on: file, place, severity, rule id, message."""
    level = "错误" if p["severity"] == rules.ERROR else "警告"
    return f"{p['file']}: {p['where']}: {level} [{p['rule']}] {p['message']}".translate(_LINE_BREAKS)
