"""D-late: 条例第四十九条 deadlines (departments 1月31日, 人民政府 3月31日 of the next year) against
the report's publication date, with the kind of body from agencies.yml or the agency's name."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import REAL_REPORTS, needs_real_reports

from build_scripts.checks import check_collection
from build_scripts.checks_timeliness import (DEPARTMENT, GOVERNMENT, LATE, ON_TIME, UNDECIDED, UNKNOWN_DATE, assess,
                                             check, kind_of)


def report(agency: str, year: int, published: str | None, source: str = "r.html") -> dict:
    return {"source": source, "agency": agency, "year": year, "template": "2021", "published": published}


@pytest.mark.parametrize("name, kind", [
    ("淮安市人民政府", GOVERNMENT), ("淮安市洪泽区人民政府", GOVERNMENT), ("洪泽区人民政府", GOVERNMENT),
    ("淮安市人民政府办公室", DEPARTMENT),  # the office of a government is a department
    ("平潭综合实验区行政审批局", DEPARTMENT), ("平潭综合实验区管委会办公室", DEPARTMENT),
    ("中卫市卫生健康委员会", DEPARTMENT), ("沙坡头区政务服务中心", DEPARTMENT),
    ("平潭综合实验区", None), ("某经济开发区管理委员会", None), ("某新区管委会", None), (None, None),
])
def test_kind_of_body_from_the_name(name, kind):
    assert kind_of(name) == kind


def test_declared_kind_wins_over_the_name():
    assert kind_of("平潭综合实验区", GOVERNMENT) == GOVERNMENT
    assert kind_of("某县人民政府", DEPARTMENT) == DEPARTMENT


# Real reports and their pages' 时间 (../shared/real-reports): all on time.
@pytest.mark.parametrize("agency, year, published, kind, status", [
    ("平潭综合实验区管委会办公室", 2025, "2026-01-30", None, ON_TIME),   # dev_08, deadline 2026-01-31
    ("平潭综合实验区行政审批局", 2024, "2025-01-24", None, ON_TIME),      # dev_09
    ("平潭综合实验区", 2022, "2023-02-20", GOVERNMENT, ON_TIME),           # dev_01, kind from agencies.yml
    ("平潭综合实验区", 2022, "2023-02-20", None, UNDECIDED),               # dev_01 without it
    ("平潭综合实验区", 2020, "2021-03-05", GOVERNMENT, ON_TIME),           # dev_02
])
def test_real_publication_dates_are_on_time(agency, year, published, kind, status):
    assert assess(report(agency, year, published), kind).status == status
    assert check(report(agency, year, published), kind) == []


def test_department_after_january_31_is_late_with_date_and_deadline():
    problems = check(report("中卫市审计局", 2024, "2025-02-01"))
    assert [(p["rule"], p["severity"], p["found"], p["expected"]) for p in problems] == \
        [("D-late", "warning", "2025-02-01", "2025-01-31")]
    assert "2025-02-01" in problems[0]["message"] and "县级以上人民政府部门" in problems[0]["message"]
    assert "1 天" in problems[0]["message"]


def test_government_until_march_31_is_on_time_and_late_after():
    assert check(report("淮安市人民政府", 2024, "2025-03-31")) == []
    late = check(report("淮安市人民政府", 2024, "2025-04-02"))
    assert [(p["found"], p["expected"]) for p in late] == [("2025-04-02", "2025-03-31")]


def test_unknown_kind_is_late_only_after_both_deadlines():
    assert assess(report("平潭综合实验区", 2024, "2025-01-31")).status == ON_TIME
    assert assess(report("平潭综合实验区", 2024, "2025-03-01")).status == UNDECIDED
    assert check(report("平潭综合实验区", 2024, "2025-03-01")) == []
    late = check(report("平潭综合实验区", 2024, "2025-04-01"))
    assert [p["expected"] for p in late] == ["2025-03-31"] and "机关类别不明" in late[0]["message"]


@pytest.mark.parametrize("published", [None, "", "2025-02-30", "2025年2月1日", 20250201])
def test_missing_or_unreadable_date_is_unknown_never_late(published):
    t = assess(report("中卫市审计局", 2024, published))
    assert (t.status, t.published) == (UNKNOWN_DATE, None)
    assert check(report("中卫市审计局", 2024, published)) == []


def test_file_that_is_not_a_report_has_no_timeliness():
    assert assess({"source": "x", "template": None, "agency": None, "year": None, "published": "2025-05-01"}) is None


def test_check_collection_uses_the_declared_kinds():
    r = report("平潭综合实验区", 2022, "2023-02-20")
    assert check_collection([r]) == {}
    found = check_collection([r], kinds={"平潭综合实验区": DEPARTMENT})
    assert [(p["rule"], p["expected"]) for p in found["r.html"]] == [("D-late", "2023-01-31")]


def test_deadline_dates_are_real_dates():
    t = assess(report("中卫市审计局", 2023, "2024-01-31"))
    assert (t.status, t.deadline) == (ON_TIME, dt.date(2024, 1, 31))
    assert assess(report("中卫市审计局", 2023, "2024-02-01")).status == LATE


# -- agencies.yml states the kind where the name does not tell --------------------------------

def test_agencies_file_kind_is_validated_and_given_by_agency_key():
    from build_scripts.portal.agencies import AgenciesFileError, agency_kinds, parse_agencies

    registry = parse_agencies("平潭综合实验区:\n  region: 福建省\n  kind: 人民政府\n中卫市 审计局:\n  kind: 部门\n某局: {}\n")
    assert agency_kinds(registry) == {"平潭综合实验区": GOVERNMENT, "中卫市审计局": DEPARTMENT}
    with pytest.raises(AgenciesFileError, match="kind「政府」"):
        parse_agencies("某局:\n  kind: 政府\n")


def test_declared_kinds_reach_the_collection_checks_through_add_collection_problems():
    from build_scripts.reports import add_collection_problems

    r = {**report("平潭综合实验区", 2022, "2023-02-20"), "problems": [], "consistent": True}
    add_collection_problems([r], kinds={"平潭综合实验区": DEPARTMENT})
    assert [p["rule"] for p in r["problems"]] == ["D-late"] and r["consistent"]


@needs_real_reports
def test_check_command_reads_the_kinds_of_the_folders_agencies_file(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    real = REAL_REPORTS
    # dev_01's page says 时间：2023-02-20 for the 2022 report of 平潭综合实验区 (not told by its name)
    (tmp_path / "dev_01.html").write_bytes((real / "dev_01_pingtan_2022.html").read_bytes())
    root = Path(__file__).resolve().parents[1]

    def late_lines():
        out = subprocess.run([sys.executable, "-m", "build_scripts", "check", str(tmp_path)], cwd=root,
                             capture_output=True, text=True, timeout=120).stdout
        return [line for line in out.splitlines() if "[D-late]" in line]

    assert late_lines() == []  # unknown kind, published before 3月31日: cannot be decided
    (tmp_path / "agencies.yml").write_text("平潭综合实验区:\n  kind: 部门\n", encoding="utf-8")
    lines = late_lines()
    assert len(lines) == 1 and "发布日期: 警告 [D-late] 发布日期为 2023-02-20，晚于县级以上人民政府部门的公开期限 2023-01-31" in lines[0]


@needs_real_reports
@pytest.mark.parametrize("name, published, status", [
    ("dev_08_pingtan_gwh_2025.html", "2026-01-30", ON_TIME),   # 时间：2026-01-30 09:49, department
    ("dev_10_pingtan_jtj_2022.txt", "2023-01-09", ON_TIME),    # 发布时间: 2023-01-09, department
    ("dev_01_pingtan_2022.html", "2023-02-20", UNDECIDED),     # 平潭综合实验区: kind not in the name
])
def test_real_pages_publication_dates_as_parsed(name, published, status):
    from pathlib import Path

    from build_scripts.reports import parse_file

    report = parse_file(REAL_REPORTS / name)
    t = assess(report)
    assert (t.published.isoformat(), t.status) == (published, status)
