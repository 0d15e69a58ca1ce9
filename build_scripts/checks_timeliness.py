"""D-late: was the report published by the deadline of 《政府信息公开条例》第四十九条?

县级以上人民政府部门 publish last year's report by 1月31日, 人民政府 by 3月31日. The kind of
body is what agencies.yml says (`kind: 人民政府` or `kind: 部门`), else what the name tells: a
name ending in 人民政府 is a government; one ending in 局, 委员会, 办公室, 中心 … a department
(人民政府办公室 is a department); anything else (管委会, 平潭综合实验区 …) is not known. A report
whose body is not known is late only after 3月31日 and on time only by 1月31日; between the two
it cannot be decided and is not flagged.

The publication date is the report's `published` ("YYYY-MM-DD", from the page or the document);
a report without one is counted as of unknown date, never as late.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .problems import problem

GOVERNMENT = "人民政府"
DEPARTMENT = "部门"
KINDS = (GOVERNMENT, DEPARTMENT)

ON_TIME = "on_time"
LATE = "late"
UNKNOWN_DATE = "unknown_date"
UNDECIDED = "undecided"  # published between the two deadlines by a body of unknown kind
STATUS_LABELS = {ON_TIME: "按时", LATE: "逾期", UNKNOWN_DATE: "发布日期不明", UNDECIDED: "无法判断（机关类别不明）"}

_DEPARTMENT_END = re.compile(r"(?:局|厅|委员会|委|办公室|办|中心|署|院|部|处|所|站|队|馆|中队|支队|大队|分局|司)$")
_NOT_DEPARTMENT = re.compile(r"管理委员会$|管委会$|实验区$|新区$|开发区$")


def kind_of(agency: str | None, declared: str | None = None) -> str | None:
    """GOVERNMENT, DEPARTMENT or None (see the module docstring)."""
    if declared:
        return declared
    name = "".join((agency or "").split())
    if not name:
        return None
    if name.endswith(GOVERNMENT):
        return GOVERNMENT
    if _DEPARTMENT_END.search(name) and not _NOT_DEPARTMENT.search(name):
        return DEPARTMENT
    return None


def deadline(year: int, kind: str | None) -> dt.date:
    """The last day to publish the report of `year`; for an unknown kind the later deadline."""
    return dt.date(year + 1, 1, 31) if kind == DEPARTMENT else dt.date(year + 1, 3, 31)


def published_date(report: dict) -> dt.date | None:
    value = report.get("published")
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class Timeliness:
    status: str
    kind: str | None
    published: dt.date | None
    deadline: dt.date | None


def assess(report: dict, declared_kind: str | None = None) -> Timeliness | None:
    """How the report stands against its deadline; None for a file that is not a dated report."""
    year = report.get("year")
    if not report.get("template") or not year:
        return None
    kind = kind_of(report.get("agency"), declared_kind)
    published = published_date(report)
    if published is None:
        return Timeliness(UNKNOWN_DATE, kind, None, deadline(year, kind))
    if kind is None:
        if published <= deadline(year, DEPARTMENT):
            return Timeliness(ON_TIME, None, published, deadline(year, DEPARTMENT))
        if published <= deadline(year, GOVERNMENT):
            return Timeliness(UNDECIDED, None, published, None)
    limit = deadline(year, kind)
    return Timeliness(ON_TIME if published <= limit else LATE, kind, published, limit)


def check(report: dict, declared_kind: str | None = None) -> list[dict]:
    """D-late for one report (empty when on time or undecidable)."""
    t = assess(report, declared_kind)
    if t is None or t.status != LATE:
        return []
    who = {GOVERNMENT: "人民政府", DEPARTMENT: "县级以上人民政府部门"}.get(t.kind, "机关类别不明，按较晚的人民政府")
    days = (t.published - t.deadline).days
    message = (f"发布日期为 {t.published.isoformat()}，晚于{who}的公开期限 {t.deadline.isoformat()}"
               f"（《政府信息公开条例》第四十九条）{days} 天")
    return [problem("D-late", report["source"], "发布日期", message,
                    found=t.published.isoformat(), expected=t.deadline.isoformat())]
