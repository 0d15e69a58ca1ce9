"""The arithmetic rules of one report and the rules across reports (same agency, consecutive
years; duplicates), on generated reports whose values are known."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from build_scripts import synthetic
from build_scripts.checks import check_collection, check_report
from build_scripts.reports import parse_paths


def report_of(template_id: str, values: dict, source: str = "r.txt") -> dict:
    return {"source": source, "template": template_id, **copy.deepcopy(values)}


def found(problems: list[dict]) -> list[tuple]:
    return sorted((p["rule"], p["table"], p["row"], p["column"], p["found"], p["expected"]) for p in problems)


# -- one report ---------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_consistent_values_have_no_problems(template_id):
    assert check_report(report_of(template_id, synthetic.make_values(template_id, 1))) == []


def test_row_total_compares_total_with_sum_of_applicants():
    values = synthetic.make_values("2021", 2)
    values["applications"]["3.5.3"]["total"] += 1
    problems = check_report(report_of("2021", values))
    row = values["applications"]["3.5.3"]
    parts = sum(v for k, v in row.items() if k != "total")
    assert ("A-row-total", "三", "3.5.3", "total", row["total"], parts) in found(problems)
    p = next(p for p in problems if p["rule"] == "A-row-total")
    assert p["where"] == "三 · (五) 不予处理 3.要求提供公开出版物 · 总计"
    assert p["severity"] == "error"
    assert f"{row['total']}" in p["message"] and f"{parts}" in p["message"]


@pytest.mark.parametrize("template_id, other_rows", [("2021", ["3.6.1", "3.6.2", "3.6.3"]), ("2019", ["3.6"])])
def test_outcome_total_sums_the_outcome_rows_of_each_template(template_id, other_rows):
    values = synthetic.make_values(template_id, 3)
    apps = values["applications"]
    outcome = ["3.1", "3.2"] + [f"3.3.{i}" for i in range(1, 9)] + ["3.4.1", "3.4.2", "3.4.3"] + \
        [f"3.5.{i}" for i in range(1, 6)] + other_rows
    for col in apps["3.7"]:
        assert apps["3.7"][col] == sum(apps[r][col] for r in outcome)
    apps[other_rows[-1]]["legal_service_org"] += 2
    apps[other_rows[-1]]["total"] += 2
    assert found(check_report(report_of(template_id, values))) == [
        ("A-outcome-total", "三", "3.7", "legal_service_org", apps["3.7"]["legal_service_org"],
         apps["3.7"]["legal_service_org"] + 2),
        ("A-outcome-total", "三", "3.7", "total", apps["3.7"]["total"], apps["3.7"]["total"] + 2),
    ]


def test_balance_compares_received_with_handled_per_column():
    values = synthetic.make_values("2019", 4)
    apps = values["applications"]
    apps["4"]["other_org"] -= 3
    apps["4"]["total"] -= 3
    assert found(check_report(report_of("2019", values))) == [
        ("A-balance", "三", "3.7", "other_org", apps["3.7"]["other_org"] + apps["4"]["other_org"],
         apps["1"]["other_org"] + apps["2"]["other_org"]),
        ("A-balance", "三", "3.7", "total", apps["3.7"]["total"] + apps["4"]["total"],
         apps["1"]["total"] + apps["2"]["total"]),
    ]


@pytest.mark.parametrize("group, label", [("review", "行政复议"), ("litigation_direct", "行政诉讼 · 未经复议直接起诉"),
                                          ("litigation_after_review", "行政诉讼 · 复议后起诉")])
def test_group_total_of_table_four(group, label):
    values = synthetic.make_values("2021", 5)
    g = values["review_litigation"][group]
    g["pending"] += 1
    problems = check_report(report_of("2021", values))
    assert found(problems) == [("R-group-total", "四", group, "total", g["total"], g["total"] + 1)]
    assert problems[0]["where"] == f"四 · {label} · 总计"


def test_nonnegative_allows_signed_change_and_decimal_amounts_only():
    values = synthetic.make_values("2019", 6)
    pro = values["proactive"]
    pro["licensing"]["change"] = -5          # signed: fine
    pro["procurement"]["amount"] = 12.35     # amount: decimals fine
    pro["fees"]["change"] = -1
    assert check_report(report_of("2019", values)) == []
    pro["penalty"]["decisions"] = -2         # a count below zero
    pro["regulations"]["new_made"] = 2.5     # a count with decimals
    pro["procurement"]["amount"] = -0.5      # a negative amount
    pro["licensing"]["change"] = 1.5         # a change with decimals
    assert found(check_report(report_of("2019", values))) == [
        ("P-nonnegative", "二", "licensing", "change", 1.5, None),
        ("P-nonnegative", "二", "penalty", "decisions", -2, None),
        ("P-nonnegative", "二", "procurement", "amount", -0.5, None),
        ("P-nonnegative", "二", "regulations", "new_made", 2.5, None),
    ]


def test_missing_cells_skip_the_rules_that_need_them():
    values = synthetic.make_values("2021", 7)
    values["applications"]["3.2"]["natural_person"] = None
    values["applications"]["3.2"]["total"] += 100  # row total wrong, but the row has a missing cell
    problems = check_report(report_of("2021", values))
    # the total column still checks (七) and the balance; the row and the natural-person column do not
    assert {p["rule"] for p in problems} == {"A-outcome-total"}
    assert {p["column"] for p in problems} == {"total"}


def test_report_without_tables_has_no_arithmetic_problems():
    assert check_report({"source": "x", "template": None, "problems": []}) == []


# -- across reports ---------------------------------------------------------------------------------


def two_years(tmp_path: Path, template_ids=("2021", "2021"), years=(2022, 2023), agency="中宁县水务局",
              break_second: str | None = None, layout=("tab", "pdf")) -> tuple[list[dict], dict, dict]:
    first = synthetic.make_values(template_ids[0], 70)
    second = synthetic.make_values(template_ids[1], 71, previous=first)
    if break_second:
        second = synthetic.break_rule(second, break_second)
    for n, (tid, values, year) in enumerate(zip(template_ids, (first, second), years)):
        text = synthetic.render(values, tid, agency=agency, year=year, layout=layout[n], seed=n)
        (tmp_path / f"{year}-{n}.txt").write_text(text, encoding="utf-8")
    return parse_paths([tmp_path]), first, second


def test_carry_over_and_in_force_hold_across_generated_years(tmp_path):
    reports, first, second = two_years(tmp_path)
    assert second["applications"]["2"] == first["applications"]["4"]
    assert [r["problems"] for r in reports] == [[], []]
    assert all(r["consistent"] for r in reports)


def test_broken_carry_over_is_a_warning_on_the_later_report(tmp_path):
    reports, first, second = two_years(tmp_path, break_second="X-carry-over")
    earlier, later = reports
    assert earlier["problems"] == []
    assert found(later["problems"]) == [
        ("X-carry-over", "三", "2", "natural_person", second["applications"]["2"]["natural_person"],
         first["applications"]["4"]["natural_person"]),
        ("X-carry-over", "三", "2", "total", second["applications"]["2"]["total"], first["applications"]["4"]["total"]),
    ]
    assert all(p["severity"] == "warning" and p["file"] == later["source"] for p in later["problems"])
    assert earlier["source"] in later["problems"][0]["message"]
    assert later["problems"][0]["where"] == "三 · 二、上年结转政府信息公开申请数量 · 自然人"
    assert later["consistent"] is True  # warnings only


def test_broken_in_force_is_a_warning_naming_the_expected_count(tmp_path):
    reports, first, second = two_years(tmp_path, break_second="X-in-force")
    later = reports[1]
    reg = second["proactive"]["regulations"]
    expected = first["proactive"]["regulations"]["in_force"] + reg["issued"] - reg["repealed"]
    assert found(later["problems"]) == [("X-in-force", "二", "regulations", "in_force", reg["in_force"], expected)]
    assert later["problems"][0]["where"] == "二 · 规章 · 现行有效件数"
    assert later["problems"][0]["severity"] == "warning"


def test_in_force_does_not_apply_to_the_2019_template(tmp_path):
    reports, first, second = two_years(tmp_path, template_ids=("2019", "2019"), years=(2019, 2020))
    assert [r["problems"] for r in reports] == [[], []]
    second = copy.deepcopy(second)
    second["proactive"]["regulations"]["total_published"] += 50
    later = dict(reports[1], proactive=second["proactive"])
    assert all(not v for v in check_collection([reports[0], later]).values())


def test_carry_over_spans_the_change_of_template(tmp_path):
    reports, first, second = two_years(tmp_path, template_ids=("2019", "2021"), years=(2020, 2021),
                                       break_second="X-carry-over", layout=("spaced", "tab"))
    assert [r["template"] for r in reports] == ["2019", "2021"]
    assert {p["rule"] for p in reports[1]["problems"]} == {"X-carry-over"}


def test_no_cross_year_check_across_a_gap_or_another_agency(tmp_path):
    reports, *_ = two_years(tmp_path, years=(2021, 2023), break_second="X-carry-over")
    assert [r["problems"] for r in reports] == [[], []]
    first = synthetic.make_values("2021", 80)
    second = synthetic.break_rule(synthetic.make_values("2021", 81, previous=first), "X-carry-over")
    a = {"source": "a", "agency": "甲局", "year": 2022, "template": "2021", **first}
    b = {"source": "b", "agency": "乙局", "year": 2023, "template": "2021", **second}
    assert all(not v for v in check_collection([a, b]).values())
    b["agency"] = "甲 局"  # spacing in the name does not make another agency
    assert {p["rule"] for p in check_collection([a, b])["b"]} == {"X-carry-over"}


def test_duplicate_reports_of_the_same_agency_and_year(tmp_path):
    values = synthetic.make_values("2021", 90)
    for name, layout in (("copy-a.txt", "tab"), ("copy-b.txt", "pdf")):
        text = synthetic.render(values, "2021", agency="海原县司法局", year=2024, layout=layout)
        (tmp_path / name).write_text(text, encoding="utf-8")
    other, _ = synthetic.make_report("2021", 91, agency="海原县司法局", year=2023)
    (tmp_path / "other-year.txt").write_text(other, encoding="utf-8")
    reports = {Path(r["source"]).name: r for r in parse_paths([tmp_path])}
    for name, twin in (("copy-a.txt", "copy-b.txt"), ("copy-b.txt", "copy-a.txt")):
        dup = [p for p in reports[name]["problems"] if p["rule"] == "F-duplicate-report"]
        assert len(dup) == 1
        assert dup[0]["severity"] == "warning" and dup[0]["file"] == reports[name]["source"]
        assert reports[twin]["source"] in dup[0]["message"]
    assert not any(p["rule"] == "F-duplicate-report" for p in reports["other-year.txt"]["problems"])
    # with two reports for 2024, the carry-over from 2023 cannot be checked against either
    assert not any(p["rule"].startswith("X-") for r in reports.values() for p in r["problems"])
