"""T-copied-text: parts 一 and 五 repeating another report (same agency's other years, other
agencies), on real report text and generated reports."""
from __future__ import annotations

import random

import pytest

from conftest import REAL_REPORTS, needs_real_reports

from build_scripts import synthetic
from build_scripts.checks import agency_key, check_collection
from build_scripts.checks_copied import THRESHOLD, check, find_matches, share, shingles, text_of
from build_scripts.reports import parse_file

REAL = REAL_REPORTS
_CHARS = "政府信息公开工作年度报告主动依申请办理答复平台网站新媒体监督保障制度建设规范管理审核发布解读回应培训考核"


def report(source: str, agency: str, year: int, one: str, five: str = "") -> dict:
    return {"source": source, "agency": agency, "year": year, "template": "2021",
            "sections": [{"number": "一", "title": "总体情况", "text": one},
                         {"number": "三", "title": "收到和处理政府信息公开申请情况", "text": ""},
                         {"number": "五", "title": "存在的主要问题及改进情况", "text": five}]}


def prose(seed: int, sentences: int = 30) -> str:
    rng = random.Random(seed)
    return "。".join("".join(rng.choice(_CHARS) for _ in range(rng.randint(15, 30))) for _ in range(sentences)) + "。"


def rewrite(text: str, fraction: float, seed: int) -> str:
    """The text with `fraction` of its sentences replaced by new ones."""
    rng = random.Random(seed)
    parts = text.split("。")
    return "。".join(prose(rng.random(), 1)[:-1] if rng.random() < fraction else p for p in parts)


@pytest.fixture(scope="module")
def huaian():
    return parse_file(REAL / "dev_04_huaian_2024.txt")


@needs_real_reports
def test_real_report_copied_next_year_with_new_numbers_is_flagged_with_its_share(huaian):
    one = {s["number"]: s["text"] for s in huaian["sections"]}
    # The 2025 report keeps the 2024 text, every number changed.
    copy = report("huaian-2025.txt", "淮安市人民政府", 2025,
                  one["一"].replace("2024", "2025").replace("3119", "3321").replace("351", "298"), one["五"])
    original = report("huaian-2024.txt", "淮安市人民政府", 2024, one["一"], one["五"])
    problems = check([original, copy], agency_key)
    assert list(problems) == ["huaian-2025.txt"]
    p = problems["huaian-2025.txt"][0]
    assert (p["rule"], p["severity"], p["found"], p["related"]) == ("T-copied-text", "warning", 100, "huaian-2024.txt")
    assert p["message"] == "第一、五部分与本机关 2024 年报告（huaian-2024.txt）文字重复 100%"


@needs_real_reports
def test_real_reports_of_different_agencies_are_not_flagged(huaian):
    hongze = parse_file(REAL / "dev_06_hongze_2024.txt")
    pieces = shingles(text_of(huaian)), shingles(text_of(hongze))
    # Both follow the same template and share phrases, far below the threshold.
    assert 0 < share(*pieces) < 0.3
    assert check([huaian, hongze], agency_key) == {}


def test_share_is_the_part_of_this_report_found_in_the_other():
    base = prose(1)
    half = rewrite(base, 0.5, 2)
    s = share(shingles(text_of(report("a", "甲局", 2024, half))), shingles(text_of(report("b", "甲局", 2023, base))))
    assert 0.3 < s < 0.7


def test_numbers_and_spaces_do_not_hide_a_copy():
    sentences = prose(3).split("。")
    last_year = "。".join(f"{s}共{i}件" for i, s in enumerate(sentences))
    this_year = "。\n\n".join(f"{s[:9]} {s[9:]}共 {(i * 37 + 1) * 100:,} 件" for i, s in enumerate(sentences))
    a, b = report("a", "甲局", 2023, last_year), report("b", "甲局", 2024, this_year)
    assert share(shingles(text_of(b)), shingles(text_of(a))) == 1.0


def test_only_the_later_report_is_flagged_against_the_same_agency():
    base = prose(4)
    problems = check([report("y2023", "甲局", 2023, base), report("y2024", "甲局", 2024, rewrite(base, 0.05, 5))],
                     agency_key)
    assert list(problems) == ["y2024"]
    assert problems["y2024"][0]["found"] >= 85


def test_other_agency_copy_is_flagged_with_a_link_to_the_other_report():
    base = prose(6)
    problems = check([report("a.txt", "甲局", 2024, base), report("b.txt", "乙局", 2024, rewrite(base, 0.05, 7)),
                      report("c.txt", "丙局", 2024, prose(8))], agency_key)
    assert sorted(problems) == ["a.txt", "b.txt"]  # same year: neither is known to be the original
    assert problems["b.txt"][0]["related"] == "a.txt"
    assert "甲局 2024 年报告（a.txt）" in problems["b.txt"][0]["message"]


def test_a_report_is_not_flagged_for_being_copied_by_a_later_one():
    base = prose(9)
    problems = check([report("old", "甲局", 2022, base), report("new", "乙局", 2024, base)], agency_key)
    assert list(problems) == ["new"]


def test_below_the_threshold_is_not_flagged():
    base = prose(10, 60)
    changed = rewrite(base, 0.4, 11)
    assert share(shingles(text_of(report("x", "甲局", 2024, changed))), shingles(text_of(report("y", "甲局", 2023, base)))) < THRESHOLD
    assert check([report("y", "甲局", 2023, base), report("x", "甲局", 2024, changed)], agency_key) == {}


def test_short_texts_are_not_compared():
    assert check([report("a", "甲局", 2023, "本年度无。"), report("b", "甲局", 2024, "本年度无。")], agency_key) == {}


def test_parts_other_than_one_and_five_are_ignored():
    base = prose(12)
    a, b = report("a", "甲局", 2023, prose(13)), report("b", "甲局", 2024, prose(14))
    for r in (a, b):
        r["sections"][1]["text"] = base  # part 三 identical
    assert check([a, b], agency_key) == {}


def test_lsh_finds_copies_among_many_unrelated_reports():
    reports = [report(f"r{i}", f"机关{i}", 2024, prose(100 + i)) for i in range(300)]
    reports[250] = report("r250", "机关250", 2024, rewrite(reports[17]["sections"][0]["text"], 0.1, 3))
    matches = find_matches(reports, agency_key)
    assert {(s, m.other) for s, m in matches.items()} == {("r250", "r17"), ("r17", "r250")}


def test_check_collection_adds_copied_text_problems():
    base = prose(15)
    found = check_collection([report("a", "甲局", 2023, base), report("b", "乙局", 2024, base)])
    assert [p["rule"] for p in found["b"]] == ["T-copied-text"] and "a" not in found


def test_generated_reports_of_one_agency_repeating_last_year_are_flagged():
    values = synthetic.make_values("2021", 3)
    from build_scripts.reports import parse_bytes
    texts = [synthetic.render(values, "2021", agency="中卫市审计局", year=year, seed=3, paragraphs=4)
             for year in (2023, 2024)]
    reports = [parse_bytes(t.encode("utf-8"), f"{y}.txt") for t, y in zip(texts, (2023, 2024))]
    problems = check(reports, agency_key)
    assert list(problems) == ["2024.txt"] and problems["2024.txt"][0]["found"] == 100


@needs_real_reports
def test_real_reports_of_one_district_in_consecutive_years_are_not_flagged():
    # 洪泽 2023 and 2024 share their boilerplate (about half), far from word for word.
    reports = [parse_file(REAL / "dev_05_hongze_2023.txt"), parse_file(REAL / "dev_06_hongze_2024.txt")]
    pieces = [shingles(text_of(r)) for r in reports]
    assert 0.3 < share(pieces[1], pieces[0]) < THRESHOLD
    assert check(reports, agency_key) == {}


def test_two_files_of_one_agency_and_year_are_one_report_saved_twice_not_a_copy():
    # F-duplicate-report says so; the same text in another agency's report of that year, or in the
    # agency's next year, is still a copy.
    base = prose(16)
    reports = [report("a", "甲局", 2024, base), report("a-again", "甲局", 2024, base),
               report("b", "乙局", 2024, base), report("a-next", "甲局", 2025, base)]
    matches = find_matches(reports, agency_key)
    assert "a" not in matches or matches["a"].other == "b"
    assert "a-again" not in matches or matches["a-again"].other == "b"
    assert matches["a-next"].other in ("a", "a-again") and matches["a-next"].same_agency
    assert check([report("x", "甲局", 2024, base), report("y", "甲局", 2024, base)], agency_key) == {}
