"""Files that are not clean reports: each one gives a problem that names the file and the place,
never a traceback, and the other files of the folder are still parsed."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from build_scripts import synthetic
from build_scripts.reports import parse_bytes, parse_file, parse_paths

TABLES = ("proactive", "applications", "review_litigation")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
       + bytes(range(256)) * 8)


def wrong_cells(report: dict, values: dict, skip_rows=()) -> list:
    return [(t, r, c) for t in TABLES for r, cols in values[t].items() if r not in skip_rows
            for c, v in cols.items() if report.get(t, {}).get(r, {}).get(c) != v]


def rules_of(report: dict) -> list[str]:
    return sorted(p["rule"] for p in report["problems"])


def only(report: dict, rule: str) -> dict:
    found = [p for p in report["problems"] if p["rule"] == rule]
    assert len(found) == 1, report["problems"]
    return found[0]


def table3_line(text: str, core: str) -> int:
    """Index of the line of table 三 whose label contains `core` (after the table's first row)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    return next(i for i, line in enumerate(lines) if i >= start and core in line.replace(" ", ""))


# -- not a report at all ----------------------------------------------------------------------------

NOT_REPORTS = {
    "empty": b"",
    "blank": b"  \n\n\t \n",
    "png": PNG,
    "random-bytes": bytes(random.Random(5).randrange(128, 256) for _ in range(4000)),
    "prose": "今天天气很好，我们去公园散步吧。\n\n公园里有很多人。\n".encode("utf-8"),
    "html-page": "<!doctype html><html><body><h1>欢迎</h1><p>本站介绍</p></body></html>".encode("utf-8"),
    "markdown": "# 标题\n\n- 一项\n- 两项\n\n```python\nprint(1)\n```\n".encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(NOT_REPORTS))
def test_not_a_report_gives_f_not_report_naming_the_file(name):
    source = f"data/{name}.txt"
    report = parse_bytes(NOT_REPORTS[name], source)
    problem = only(report, "F-not-report")
    assert problem["file"] == source
    assert problem["where"] == "全文"
    assert problem["severity"] == "error"
    assert re.search(r"[\u4e00-\u9fff]", problem["message"])  # a message in Chinese
    assert report["template"] is None
    assert report["consistent"] is False
    assert not any(t in report for t in TABLES)


def test_empty_file_says_it_is_empty():
    assert "为空" in only(parse_bytes(b"", "e.txt"), "F-not-report")["message"]


def test_binary_file_says_it_is_binary():
    message = only(parse_bytes(PNG, "p.png"), "F-not-report")["message"]
    assert "二进制" in message or "PNG" in message
    message = only(parse_bytes(b"\x00\x01\x02binary\x00" * 100, "b.dat"), "F-not-report")["message"]
    assert "二进制" in message


def test_report_words_without_structure_is_not_a_report():
    text = "关于政府信息公开工作年度报告的说明\n\n本单位将按时发布政府信息公开年度报告。\n"
    report = parse_bytes(text.encode("utf-8"), "x.txt")
    assert rules_of(report) == ["F-metadata", "F-not-report"]
    assert report["template"] is None


# -- damaged reports --------------------------------------------------------------------------------


def test_one_row_missing_at_the_end_of_a_table_is_named_as_missing_not_as_a_cut_file():
    # A table that ends one row early (a 2021 report printing table 二 without the 2019 template's
    # 政府集中采购) says which row it lacks; "the file is cut" is said of several rows only.
    text, values = synthetic.make_report("2019", 21, layout="tab")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("第二十条第（九）项"))
    report = parse_bytes("\n".join(lines[:start] + lines[start + 3:]).encode("utf-8"), "short.txt")
    [missing] = [p for p in report["problems"] if p["rule"] == "F-missing-row"]
    assert (missing["table"], missing["row"], missing["where"]) == ("二", "procurement", "二 · 政府集中采购")
    assert missing["message"] == "表二缺少「政府集中采购」行"
    assert report["proactive"]["procurement"] == {"projects": None, "amount": None}
    assert wrong_cells(report, values, skip_rows=("procurement",)) == []


@pytest.mark.parametrize("layout", ["tab", "spaced", "pdf"])
def test_file_truncated_in_table_three(layout):
    text, values = synthetic.make_report("2021", 21, layout=layout)
    cut = table3_line(text, "属于四类过程性信息")
    truncated = "\n".join(text.split("\n")[:cut])
    report = parse_bytes(truncated.encode("utf-8"), "cut.txt")
    [missing] = [p for p in report["problems"] if p["rule"] == "F-missing-row" and p["table"] == "三"]
    assert (missing["file"], missing["table"], missing["row"]) == ("cut.txt", "三", "3.3.6")
    assert missing["where"] == "三 · (三) 不予公开 6.属于四类过程性信息"
    assert (missing["found"], missing["expected"]) == (9, 25)  # 9 of the 25 data rows were read
    assert [p["where"] for p in report["problems"] if p["rule"] == "F-missing-part"] == ["第四部分", "第五部分", "第六部分"]
    four = [p for p in report["problems"] if p["table"] == "四"]
    assert [(p["rule"], p["where"]) for p in four] == [("F-missing-row", "四 · 数据行")]
    # what was there before the cut is read; what was cut is None, never 0
    rows_read = ["1", "2", "3.1", "3.2", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5"]
    assert all(report["applications"][r] == values["applications"][r] for r in rows_read)
    assert all(v is None for r in ("3.3.6", "3.7", "4") for v in report["applications"][r].values())
    assert report["proactive"] == values["proactive"]
    assert all(v is None for g in report["review_litigation"].values() for v in g.values())
    assert report["consistent"] is False


@pytest.mark.parametrize("layout", ["tab", "spaced", "pdf"])
@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_table_with_a_missing_row(template_id, layout):
    text, values = synthetic.make_report(template_id, 22, layout=layout)
    lines = text.split("\n")
    del lines[table3_line(text, "2.重复申请")]
    report = parse_bytes("\n".join(lines).encode("utf-8"), "missing.txt")
    problem = only(report, "F-missing-row")
    assert (problem["file"], problem["table"], problem["row"]) == ("missing.txt", "三", "3.5.2")
    assert problem["where"] == "三 · (五) 不予处理 2.重复申请"
    assert "2.重复申请" in problem["message"]
    assert report["applications"]["3.5.2"] == {c: None for c in values["applications"]["3.5.2"]}
    assert wrong_cells(report, values, skip_rows=("3.5.2",)) == []
    # the row's figures are missing, so the column rules that need them are not checked
    assert rules_of(report) == ["F-missing-row"]


@pytest.mark.parametrize("layout", ["tab", "spaced", "pdf"])
@pytest.mark.parametrize("core", ["2.重复申请", "3.其他", "予以公开"])
def test_table_with_a_duplicated_row_keeps_the_first_only_when_the_copies_agree(layout, core):
    """A row printed twice is read once when both copies print the same figures; when they
    differ (999999 in the copy of 2.重复申请) which is right is unknown and the row is refused."""
    text, values = synthetic.make_report("2021", 23, layout=layout)
    lines = text.split("\n")
    at = table3_line(text, core)
    copy = lines[at].replace(str(values["applications"]["3.5.2"]["natural_person"]), "999999")
    lines.insert(at + 1, copy)
    report = parse_bytes("\n".join(lines).encode("utf-8"), "dup.txt")
    key = {"2.重复申请": "3.5.2", "3.其他": "3.6.3", "予以公开": "3.1"}[core]
    problem = only(report, "F-duplicate-row")
    assert (problem["file"], problem["table"], problem["row"]) == ("dup.txt", "三", key)
    differing = copy != lines[at]
    assert ("数值不同" in problem["message"]) == differing
    assert wrong_cells(report, values, skip_rows=(key,) if differing else ()) == []
    if differing:
        assert all(v is None for v in report["applications"][key].values())
    assert rules_of(report) == ["F-duplicate-row"]


@pytest.mark.parametrize("layout", ["tab", "spaced"])
def test_empty_cell_is_missing_not_zero(layout):
    values = synthetic.make_values("2021", 24)
    values["applications"]["3.3.4"]["research_institution"] = None
    values["proactive"]["licensing"]["decisions"] = None  # the only cell of its row
    text = synthetic.render(values, "2021", agency="某县民政局", year=2024, layout=layout)
    report = parse_bytes(text.encode("utf-8"), "empty-cell.txt")
    problems = {(p["rule"], p["table"], p["row"], p["column"]) for p in report["problems"]}
    assert problems == {("P-missing-cell", "三", "3.3.4", "research_institution"),
                        ("P-missing-cell", "二", "licensing", "decisions")}
    assert len(report["problems"]) == 2
    assert report["applications"]["3.3.4"]["research_institution"] is None
    assert report["proactive"]["licensing"]["decisions"] is None
    assert wrong_cells(report, values) == []
    wheres = {p["where"] for p in report["problems"]}
    assert wheres == {"三 · (三) 不予公开 4.保护第三方合法权益 · 科研机构", "二 · 行政许可 · 本年处理决定数量"}


@pytest.mark.parametrize("placeholder", ["-", "—", "/", "无"])
def test_placeholder_in_a_cell_is_a_missing_cell(placeholder):
    values = synthetic.make_values("2019", 25)
    text = synthetic.render(values, "2019", agency="某县财政局", year=2019)
    value = values["applications"]["3.4.2"]["other_org"]
    line_at = table3_line(text, "没有现成信息需要另行制作")
    lines = text.split("\n")
    cells = lines[line_at].split("\t")
    cells[cells.index(str(value))] = placeholder
    lines[line_at] = "\t".join(cells)
    report = parse_bytes("\n".join(lines).encode("utf-8"), "ph.txt")
    problem = only(report, "P-missing-cell")
    assert (problem["row"], problem["column"], problem["found"]) == ("3.4.2", "other_org", placeholder)
    assert report["applications"]["3.4.2"]["other_org"] is None


def test_text_in_a_cell_is_a_bad_number():
    values = synthetic.make_values("2021", 26)
    text = synthetic.render(values, "2021", agency="某县审计局", year=2024)
    value = values["review_litigation"]["litigation_direct"]["pending"]
    text = re.sub(rf"(?<=\t){value}(?=\t)", "五件", text)
    report = parse_bytes(text.encode("utf-8"), "bad.txt")
    problem = only(report, "F-bad-number")
    assert problem["where"] == "四 · 数据行 · 行政诉讼 · 未经复议直接起诉 · 尚未审结"
    assert problem["found"] == "五件"
    assert report["review_litigation"]["litigation_direct"]["pending"] is None


def test_row_with_too_many_figures_is_a_cell_count_problem():
    values = synthetic.make_values("2021", 27)
    text = synthetic.render(values, "2021", agency="某县统计局", year=2024, layout="pdf")
    lines = text.split("\n")
    at = table3_line(text, "2.重复申请")
    lines[at] += " 5"
    report = parse_bytes("\n".join(lines).encode("utf-8"), "count.txt")
    problem = only(report, "F-cell-count")
    assert (problem["row"], problem["found"], problem["expected"]) == ("3.5.2", 8, 7)
    assert report["applications"]["3.5.2"] == {c: None for c in values["applications"]["3.5.2"]}


def test_undecodable_bytes_inside_a_report_are_reported_by_line():
    text, values = synthetic.make_report("2021", 28, layout="tab")
    data = text.encode("utf-8")
    at = data.index("。".encode("utf-8"), data.index("一、总体".encode("utf-8")))
    line = data[:at].count(b"\n") + 1
    damaged = data[:at] + b"\xff\xfe\x80" + data[at:]
    report = parse_bytes(damaged, "damaged.txt")
    problem = only(report, "F-encoding")
    assert (problem["where"], problem["line"], problem["file"]) == (f"第 {line} 行", line, "damaged.txt")
    assert problem["severity"] == "warning"
    assert "\ufffd" in report["sections"][0]["text"]
    assert wrong_cells(report, values) == []
    assert report["consistent"] is True


def test_bytes_in_no_encoding_at_all_are_not_a_report():
    data = "政府信息公开工作年度报告".encode("utf-8") + bytes(random.Random(1).randrange(0x80, 0x100) for _ in range(3000))
    problem = only(parse_bytes(data, "garbage.txt"), "F-not-report")
    assert problem["file"] == "garbage.txt"


MARKUP = ("<script>alert(1)</script> <b>粗体</b> <a href=\"javascript:alert(2)\">链接</a> **重点** "
          "[文字](http://evil.example/) {{ config }} {% for x in y %}{{ x }}{% endfor %} &lt;&amp; `code` # 标题")


@pytest.mark.parametrize("layout", ["tab", "spaced", "pdf"])
def test_markup_survives_as_literal_text(layout):
    values = synthetic.make_values("2021", 29)
    agency = "某县<b>教育局</b>{{x}}"
    text = synthetic.render(values, "2021", agency=agency, year=2024, layout=layout,
                            extra={n: MARKUP for n in ("head", "一", "五", "六")})
    report = parse_bytes(text.encode("utf-8"), "markup.txt")
    assert report["agency"] == agency
    assert wrong_cells(report, values) == []
    assert report["problems"] == []
    sections = {s["number"]: s["text"] for s in report["sections"]}
    for part in ("一", "五", "六"):
        if layout == "pdf":  # printed lines are joined without the spaces a line break replaced
            assert MARKUP.replace(" ", "") in sections[part].replace(" ", "")
        else:
            assert MARKUP in sections[part]
    assert "<script>alert(1)</script>" in report["opening"]


def test_control_characters_are_removed_and_reported():
    text, values = synthetic.make_report("2019", 30, layout="spaced")
    lines = text.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    lines[heading] = "五、\x07" + lines[heading][2:] + "\x1b\u202e"
    row = table3_line(text, "属于国家秘密")
    lines[row] = lines[row].replace("\t", "\t\x0b", 1)
    report = parse_bytes("\n".join(lines).encode("utf-8"), "ctrl.txt")
    problem = only(report, "F-control-chars")
    first, second = sorted((row + 1, heading + 1))
    assert (problem["where"], problem["line"]) == (f"第 {first} 行", first)
    assert f"第 {first}、{second} 行" in problem["message"]
    assert wrong_cells(report, values) == []
    assert [s["number"] for s in report["sections"]] == ["一", "二", "三", "四", "五", "六"]
    assert not any(ch in s["title"] + s["text"] for s in report["sections"] for ch in "\x07\x1b\u202e\x0b")


def test_notice_that_disagrees_with_the_tables_is_reported():
    text, values = synthetic.make_report("2021", 31, notice="2019")
    report = parse_bytes(text.encode("utf-8"), "notice.txt")
    problem = only(report, "F-template")
    assert (problem["found"], problem["expected"], problem["where"]) == ("2019", "2021", "开头段落")
    assert report["template"] == "2021"
    assert wrong_cells(report, values) == []


def test_missing_notice_is_no_problem_where_the_tables_tell_the_template():
    # Most published reports cite no notice: the tables' own rows and columns decide.
    text, values = synthetic.make_report("2019", 32, notice=None, layout="pdf")
    report = parse_bytes(text.encode("utf-8"), "nonotice.txt")
    assert "F-template" not in rules_of(report)
    assert report["template"] == "2019"
    assert wrong_cells(report, values) == []


def test_missing_notice_where_the_tables_do_not_tell_is_reported_and_the_year_decides():
    from build_scripts import template as tpl

    text, _ = synthetic.make_report("2021", 33, notice=None, year=2022)
    markers = [m for marks in tpl.LAYOUT_MARKERS.values() for m in marks]
    text = "\n".join(line for line in text.split("\n") if not any(m in line for m in markers))
    report = parse_bytes(text.encode("utf-8"), "nonotice.txt")
    problem = only(report, "F-template")
    assert problem["where"] == "开头段落" and "按年度判断为 2021 年版格式" in problem["message"]
    assert (report["template"], report["year"]) == ("2021", 2022)


@pytest.mark.parametrize("layout", ["tab", "pdf"])
def test_missing_parts_are_reported_and_tables_still_found(layout):
    text, values = synthetic.make_report("2019", 33, layout=layout, omit_parts=("二", "五"))
    report = parse_bytes(text.encode("utf-8"), "parts.txt")
    assert sorted(p["where"] for p in report["problems"]) == ["第二部分", "第五部分"]
    assert rules_of(report) == ["F-missing-part", "F-missing-part"]
    assert [s["number"] for s in report["sections"]] == ["一", "三", "四", "六"]
    assert wrong_cells(report, values) == []


def test_missing_title_line_falls_back_to_the_report_named_in_the_opening():
    text, values = synthetic.make_report("2021", 34, agency="灵武市民政局", year=2023)
    lines = [line for line in text.split("\n") if "年政府信息公开工作年度报告" not in line or "《" in line]
    report = parse_bytes("\n".join(lines).encode("utf-8"), "notitle.txt")
    assert (report["agency"], report["year"]) == ("灵武市民政局", 2023)
    assert report["problems"] == []


def test_missing_title_is_a_metadata_problem():
    text, values = synthetic.make_report("2021", 34)
    lines = [line for line in text.split("\n") if "年政府信息公开工作年度报告" not in line]
    report = parse_bytes("\n".join(lines).encode("utf-8"), "notitle.txt")
    problem = only(report, "F-metadata")
    assert problem["where"] == "标题"
    assert (report["agency"], report["year"]) == (None, None)
    assert report["template"] == "2021"
    assert wrong_cells(report, values) == []


# -- a folder of good and bad files ---------------------------------------------------------------


def write_mixed_folder(folder: Path) -> dict[str, dict]:
    """Two good reports and one file of each kind of bad input; returns values of the good ones."""
    good = {}
    for n, (template_id, layout) in enumerate([("2021", "pdf"), ("2019", "spaced")]):
        text, values = synthetic.make_report(template_id, 40 + n, layout=layout)
        (folder / f"good-{n}.txt").write_text(text, encoding="utf-8")
        good[f"good-{n}.txt"] = values
    text, _ = synthetic.make_report("2021", 50)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(PNG)
    (folder / "notes.txt").write_text("会议纪要\n\n今天讨论了三件事。\n", encoding="utf-8")
    (folder / "cut.txt").write_text(text[: text.index("(七) 总计")], encoding="utf-8")
    (folder / "garbage.bin").write_bytes(bytes(random.Random(2).randrange(0x80, 0x100) for _ in range(2000)))
    (folder / "gbk.txt").write_bytes(synthetic.make_report("2021", 51)[0].encode("gbk"))
    return good


def test_folder_with_bad_files_parses_every_file(tmp_path):
    good = write_mixed_folder(tmp_path)
    reports = {Path(r["source"]).name: r for r in parse_paths([tmp_path])}
    assert sorted(reports) == ["cut.txt", "empty.txt", "garbage.bin", "gbk.txt", "good-0.txt", "good-1.txt",
                               "image.txt", "notes.txt"]
    for name, values in good.items():
        assert reports[name]["problems"] == []
        assert wrong_cells(reports[name], values) == []
    for name in ("empty.txt", "image.txt", "notes.txt", "garbage.bin"):
        errors = [p["rule"] for p in reports[name]["problems"] if p["severity"] == "error"]
        assert errors == ["F-not-report"], name
        assert reports[name]["template"] is None
    assert "F-missing-row" in rules_of(reports["cut.txt"])
    assert rules_of(reports["gbk.txt"]) == ["F-encoding"]
    for report in reports.values():
        for p in report["problems"]:
            assert p["file"] == report["source"] and p["where"]


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path):
    report = parse_file(tmp_path / "does-not-exist.txt")
    assert rules_of(report) == ["F-not-report"]
    assert report["source"].endswith("does-not-exist.txt")
