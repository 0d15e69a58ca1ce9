"""Generated reports in every layout of the seeds × both templates × several seeds: every cell
read back exactly, rule-breaking variants reported exactly, number syntax and file encodings."""
from __future__ import annotations

import codecs
import re

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.parsing import parse_text
from build_scripts.reports import parse_bytes, parse_file
from build_scripts.textnorm import parse_number

import format_fixtures as ff
from format_fixtures import TABLES, cells

TEMPLATES = ("2021", "2019")
LAYOUTS = ("tab", "spaced", "pdf")
SEEDS = (0, 1, 2, 5)


def assert_every_cell(report: dict, values: dict) -> None:
    for table in TABLES:
        assert list(report[table]) == list(values[table]), table
        for row in values[table]:
            assert list(report[table][row]) == list(values[table][row]), (table, row)
    wrong = [(t, r, c, v, report[t][r][c]) for t, r, c, v in cells(values) if report[t][r][c] != v]
    assert wrong == []
    # numbers keep their type: counts are ints, amounts floats with their decimals
    for t, r, c, v in cells(values):
        assert type(report[t][r][c]) is type(v), (t, r, c)


def year_of(template_id: str) -> int:
    return 2024 if template_id == "2021" else 2020


# -- the generator itself -----------------------------------------------------------------------


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_generated_values_are_distinct_nonzero_and_keyed_like_the_contract(template_id):
    values = synthetic.make_values(template_id, 3)
    t = tpl.get(template_id)
    assert set(values) == set(TABLES)
    assert list(values["proactive"]) == [r.key for r in t.proactive]
    assert list(values["applications"]) == [r.key for r in t.data_rows]
    assert list(values["review_litigation"]) == [g for g, _ in t.review_groups]
    numbers = [v for *_, v in cells(values)]
    assert all(v != 0 for v in numbers)
    assert len({abs(v) for v in numbers}) == len(numbers)
    amounts = [values["proactive"]["fees"][c.key] for c in t.proactive_row("fees").columns if c.kind == "amount"]
    if template_id == "2019":
        amounts.append(values["proactive"]["procurement"]["amount"])
        changes = [row["change"] for row in values["proactive"].values() if "change" in row]
        assert min(changes) < 0 < max(changes)
    assert amounts and all(isinstance(a, float) and a != int(a) for a in amounts)


@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("distinct", [True, False])
def test_generated_values_satisfy_every_rule(template_id, distinct):
    from build_scripts.checks import check_report

    for seed in range(20):
        values = synthetic.make_values(template_id, seed, distinct=distinct)
        report = {"source": "v", "template": template_id, **values}
        assert check_report(report) == [], seed


def test_generator_is_deterministic_from_seed():
    a = synthetic.make_report("2021", 42, layout="pdf")
    b = synthetic.make_report("2021", 42, layout="pdf")
    c = synthetic.make_report("2021", 43, layout="pdf")
    assert a == b
    assert a[0] != c[0] and a[1] != c[1]


def test_tab_layout_looks_like_seed_000():
    text, _ = synthetic.make_report("2021", 1, layout="tab")
    assert "\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n" in text
    assert re.search(r"\n\t\t2\.其他法律行政法规禁止公开(\t\d+){7}\n", text)
    assert re.search(r"\n3\.其他\t\t(\d+\t){7}\n", text)
    assert "（国办公开办函〔2021〕30号）" in text


def test_spaced_layout_breaks_labels_and_loses_leading_tabs():
    text, _ = synthetic.make_report("2019", 1, layout="spaced")
    assert "（国办公开办函〔2019〕60号）" in text
    assert "尚 未 审 结" in text
    table3 = text[text.index("三、收到"):text.index("四、", text.index("三、收到"))]
    lines = [line for line in table3.split("\n") if re.search(r"\t\d", line)]
    assert any(re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", line) for line in lines)
    assert any(re.match(r"\d\.", line) or re.match(r"\t\d\.", line) for line in lines)  # leading tabs lost
    assert "(备注：" in text


def test_pdf_layout_has_page_numbers_stray_url_and_broken_labels():
    text, _ = synthetic.make_report("2021", 1, layout="pdf", paragraphs=4)
    assert "\t" not in text
    assert re.search(r"\n- 1 -\n", text) and re.search(r"\n- 3 -\n", text)
    assert re.search(r"\nhttp://\S+\.html\n", text)
    assert "\n（二）部分公开（区分处理的，只计\n\n这一情形，不计其他情形）\n" in text
    assert "\n结\n\n果\n\n维\n\n持\n" in text
    assert re.search(r"\n(\d+ ){14}\d+\n", text)  # the 15 figures of table 四 on one line


# -- every cell of every layout -------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_generated_report_reads_back_every_cell(template_id, layout, seed):
    text, values = synthetic.make_report(template_id, seed, layout=layout, year=year_of(template_id),
                                         paragraphs=1 + seed % 4)
    report = parse_text(text, f"gen/{seed}.txt")
    assert report["template"] == template_id
    assert report["agency"] == synthetic.agency_name(seed)
    assert report["year"] == year_of(template_id)
    assert_every_cell(report, values)
    assert report["problems"] == []
    titles = synthetic.section_titles(template_id, seed)
    assert [(s["number"], s["title"]) for s in report["sections"]] == list(titles.items())


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_realistic_sparse_values_read_back(template_id, layout):
    for seed in range(3):
        text, values = synthetic.make_report(template_id, seed, layout=layout, distinct=False)
        report = parse_text(text, "sparse.txt")
        assert_every_cell(report, values)
        assert report["problems"] == []


@pytest.mark.parametrize("number_format", ["fullwidth", "thousands"])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_fullwidth_digits_and_thousands_separators_read_back(template_id, layout, number_format):
    text, values = synthetic.make_report(template_id, 9, layout=layout, number_format=number_format)
    if number_format == "fullwidth":
        tables = re.sub(r"\n- \d+ -\n", "\n", text.split("二、")[1].split("五、")[0])
        assert "１" in tables and not re.search(r"[\t ][0-9]+(?:[\t\n ]|$)", tables)
    else:
        assert re.search(r"\d,\d{3}", text)
    report = parse_text(text, "numbers.txt")
    assert_every_cell(report, values)
    assert report["problems"] == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_pdf_noise_and_line_breaks_do_not_reach_the_prose(layout):
    text, _ = synthetic.make_report("2021", 4, layout=layout, paragraphs=6)
    report = parse_text(text, "prose.txt")
    body = "\n".join(s["text"] for s in report["sections"])
    assert not re.search(r"- \d+ -", body)
    assert "gkxx_" not in body  # the stray URL line
    contact = report["sections"][5]["text"].split("\n\n")[-1]
    assert contact.startswith("本报告电子版可在") and contact.endswith("@163.com）。")
    assert "<http://www.example.gov.cn/>" in contact
    one = report["sections"][0]["text"]
    assert [p[:3] for p in one.split("\n\n") if re.match(r"[（(][一二三四五六]", p)][:3] in (
        ["（一）", "（二）", "（三）"], ["(一)", "（二）", "（三）"], ["（一）", "(二)", "（三）"], ["（一）", "（二）", "(三)"],
        ["(一)", "(二)", "（三）"], ["(一)", "（二）", "(三)"], ["（一）", "(二)", "(三)"], ["(一)", "(二)", "(三)"])


# -- rule-breaking variants -----------------------------------------------------------------------

ARITHMETIC = ("A-row-total", "A-outcome-total", "A-balance", "R-group-total", "P-nonnegative", "P-missing-cell")
PARTS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
         "legal_service_org", "other_org"]


def expected_problems(template_id: str, values: dict, rule: str, layout: str) -> list[tuple]:
    """(rule, table, row, column, found, expected) computed from the broken values."""
    t = tpl.get(template_id)
    apps = values["applications"]
    if rule == "A-row-total":
        return [(rule, "三", r, "total", apps[r]["total"], sum(apps[r][c] for c in PARTS)) for r in ("3.1", "3.2")]
    if rule == "A-outcome-total":
        return [(rule, "三", "3.7", c, apps["3.7"][c], sum(apps[k][c] for k in t.outcome_keys))
                for c in ("natural_person", "total")]
    if rule == "A-balance":
        return [(rule, "三", "3.7", c, apps["3.7"][c] + apps["4"][c], apps["1"][c] + apps["2"][c])
                for c in ("natural_person", "total")]
    if rule == "R-group-total":
        g = values["review_litigation"]["review"]
        return [(rule, "四", "review", "total", g["total"], g["upheld"] + g["corrected"] + g["other"] + g["pending"])]
    if rule == "P-nonnegative":
        col = "issued" if template_id == "2021" else "new_made"
        return [(rule, "二", "regulations", col, values["proactive"]["regulations"][col], None)]
    if rule == "P-missing-cell":
        if layout == "pdf":  # the empty cell vanishes from a PDF line: only the count is known
            return [("F-cell-count", "三", "3.1", None, 6, 7)]
        return [(rule, "三", "3.1", "natural_person", None, None)]
    raise AssertionError(rule)


@pytest.mark.parametrize("rule", ARITHMETIC)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_broken_rule_is_reported_exactly_where_it_was_broken(template_id, layout, rule):
    values = synthetic.break_rule(synthetic.make_values(template_id, 6), rule)
    text = synthetic.render(values, template_id, agency="某某县教育局", year=year_of(template_id), layout=layout, seed=6)
    source = f"broken/{rule}.txt"
    report = parse_bytes(text.encode("utf-8"), source)
    got = sorted((p["rule"], p["table"], p["row"], p["column"], p["found"], p["expected"])
                 for p in report["problems"])
    assert got == sorted(expected_problems(template_id, values, rule, layout))
    assert all(p["file"] == source and p["where"] and p["message"] for p in report["problems"])
    assert all(p["severity"] == "error" for p in report["problems"])
    assert report["consistent"] is False
    # everything not broken still reads back
    unbroken = synthetic.make_values(template_id, 6)
    same = [(t, r, c) for t, r, c, v in cells(unbroken) if values[t][r][c] == v]
    if not (rule == "P-missing-cell" and layout == "pdf"):
        assert all(report[t][r][c] == values[t][r][c] for t, r, c in same)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_broken_rule_places_use_printed_labels(template_id):
    values = synthetic.make_values(template_id, 2)
    wheres = {}
    for rule in ("A-row-total", "A-outcome-total", "A-balance", "R-group-total", "P-nonnegative", "P-missing-cell"):
        text = synthetic.render(synthetic.break_rule(values, rule), template_id, agency="某局", year=2024)
        report = parse_text(text, "w.txt")
        from build_scripts.checks import check_report

        wheres[rule] = sorted(p["where"] for p in report["problems"] + check_report(report))
    assert wheres["A-row-total"] == ["三 · (一) 予以公开 · 总计",
                                     "三 · (二) 部分公开（区分处理的，只计这一情形，不计其他情形） · 总计"]
    assert wheres["A-outcome-total"] == ["三 · (七) 总计 · 总计", "三 · (七) 总计 · 自然人"]
    assert wheres["A-balance"] == ["三 · 总计", "三 · 自然人"]
    assert wheres["R-group-total"] == ["四 · 行政复议 · 总计"]
    first = "本年制发件数" if template_id == "2021" else "本年新制作数量"
    assert wheres["P-nonnegative"] == [f"二 · 规章 · {first}"]
    assert wheres["P-missing-cell"] == ["三 · (一) 予以公开 · 自然人"]


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_break_places_name_the_cells_the_checker_reports(template_id):
    from build_scripts.checks import check_collection, check_report

    first = synthetic.make_values(template_id, 14)
    following = synthetic.make_values(template_id, 15, previous=first)
    for rule in synthetic.BREAKS:
        if rule == "X-in-force" and template_id == "2019":
            continue
        broken = synthetic.break_rule(following, rule)
        report = {"source": "b", "agency": "某局", "year": 2021, "template": template_id, **broken}
        if rule.startswith("X-"):
            last = {"source": "a", "agency": "某局", "year": 2020, "template": template_id, **first}
            problems = check_collection([last, report])["b"]
        else:
            problems = check_report(report)
            if rule == "P-missing-cell":  # checks skip None; the parser reports it (see tests above)
                assert problems == []
                continue
        assert sorted((p["table"], p["row"], p["column"]) for p in problems) == \
            sorted(synthetic.break_places(template_id, rule))
        assert {p["rule"] for p in problems} == {rule}


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_breaking_sparse_values_breaks_only_that_rule(template_id):
    from build_scripts.checks import check_report

    for seed in range(15):
        values = synthetic.make_values(template_id, seed, distinct=False)
        for rule in ("A-row-total", "A-outcome-total", "A-balance", "R-group-total", "P-nonnegative"):
            problems = check_report({"source": "s", "template": template_id, **synthetic.break_rule(values, rule)})
            assert problems and {p["rule"] for p in problems} == {rule}, (seed, rule)


def test_break_rule_leaves_the_original_untouched():
    values = synthetic.make_values("2021", 1)
    before = repr(values)
    for rule in synthetic.BREAKS:
        broken = synthetic.break_rule(values, rule)
        assert broken != values
    assert repr(values) == before
    with pytest.raises(ValueError):
        synthetic.break_rule(values, "no-such-rule")


# -- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("token, value", [
    ("0", 0), ("12", 12), ("12.35", 12.35), ("+4", 4), ("-1", -1), ("１２", 12), ("1,234", 1234),
    ("１,２３４", 1234), ("１２.３５", 12.35), (" 7 ", 7), ("1,234.5", 1234.5),
])
def test_number_syntax_of_rules_md(token, value):
    got = parse_number(token)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("token", ["", "12a", "1,23", "１２件", "--1", "+", "1.2.3", "无"])
def test_non_numbers_are_not_read_as_numbers(token):
    assert parse_number(token) is None


@pytest.mark.parametrize("layout", LAYOUTS)
def test_number_syntax_inside_a_report(layout):
    values = synthetic.make_values("2019", 8)
    values["proactive"]["licensing"].update(previous_count=0, change=4, decisions=12)
    values["proactive"]["other_services"].update(previous_count=1234, change=-1, decisions=7)
    values["proactive"]["procurement"].update(projects=3, amount=12.35)
    text = synthetic.render(values, "2019", agency="某局", year=2019, layout=layout)
    text = text.replace("\t1234\t", "\t1,234\t").replace(" 1234 ", " 1,234 ")
    text = re.sub(r"(?<=[\t ])12(?=\n|\t| )", "１２", text, count=1)
    assert "1,234" in text and "１２" in text and "+4" in text and "-1" in text and "12.35" in text
    report = parse_text(text, "n.txt")
    assert report["proactive"]["licensing"] == {"previous_count": 0, "change": 4, "decisions": 12}
    assert report["proactive"]["other_services"] == {"previous_count": 1234, "change": -1, "decisions": 7}
    assert report["proactive"]["procurement"] == {"projects": 3, "amount": 12.35}
    assert report["problems"] == []


# -- encodings ------------------------------------------------------------------------------------

ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "gb18030": lambda s: s.encode("gb18030"),
    "gbk": lambda s: s.encode("gbk"),
    "utf-16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-16-le": lambda s: s.encode("utf-16-le"),
    "utf-16-be": lambda s: s.encode("utf-16-be"),
    "utf-8-crlf": lambda s: s.replace("\n", "\r\n").encode("utf-8"),
}
SAME = ("agency", "year", "template", "opening", "sections") + TABLES


@pytest.mark.parametrize("layout", ["tab", "pdf"])
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_every_encoding_parses_like_utf8(tmp_path, encoding, layout):
    text, values = synthetic.make_report("2021", 12, layout=layout)
    baseline = parse_text(text, "base")
    # the name says nothing: a GBK file named .txt, a UTF-8 file named .gbk
    path = tmp_path / ("report.gbk" if encoding.startswith("utf") else "report.txt")
    path.write_bytes(ENCODINGS[encoding](text))
    report = parse_file(path)
    for key in SAME:
        assert report[key] == baseline[key], key
    assert_every_cell(report, values)
    rules = [p["rule"] for p in report["problems"]]
    assert rules == ([] if encoding.startswith("utf-8") else ["F-encoding"])
    assert report["consistent"] is True


def test_seed_in_gbk_parses_like_the_original(tmp_path):
    from pathlib import Path

    seed = next((Path(__file__).parent / "fixtures" / "seeds").glob("004_*.txt"))
    original = parse_file(seed)
    path = tmp_path / "004.utf8"
    path.write_bytes(seed.read_text(encoding="utf-8").encode("gbk"))
    report = parse_file(path)
    for key in SAME:
        assert report[key] == original[key], key
    assert report["proactive"]["licensing"] == {"decisions": 6}


@pytest.mark.parametrize("layout", LAYOUTS + ("html",))
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_prose_of_a_part_whose_heading_is_missing_stays_with_the_table_part_before_it(template_id, layout):
    text, values = synthetic.make_report(template_id, 3, layout="tab" if layout == "html" else layout,
                                         year=year_of(template_id), paragraphs=2)
    heading = re.search(r"^ *五、[^\n]*\n", text, re.M)
    text = text[:heading.start()] + text[heading.end():]
    five = text[heading.start():].lstrip().split("\n", 1)[0]
    data = ff.to_html(ff.report_from_text(text, values)) if layout == "html" else text.encode("utf-8")
    report = parse_bytes(data, "report.html" if layout == "html" else "report.txt")

    assert [p["where"] for p in report["problems"] if p["rule"] == "F-missing-part"] == ["第五部分"]
    sections = {s["number"]: s["text"] for s in report["sections"]}
    assert "五" not in sections
    # The part's prose is shown under part 四, where it now stands, and not lost; before it only
    # the table's note, none of the table's words or figures.
    assert five[:12] in sections["四"].replace("\n", "")
    before = [p for p in sections["四"].split(five[:12])[0].split("\n\n") if p]
    assert all(p.startswith("(备注：") for p in before)
    assert_every_cell(report, values)
