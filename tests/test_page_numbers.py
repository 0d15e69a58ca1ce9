"""Page numbers printed as a bare number ("5") in text converted from a PDF, with or without the
form feeds pdftotext and pdfminer write between pages. A blank row at the foot of a page never
takes the page number as its figure; a row cut by a page keeps its figures; a column of figures
written one per line never loses one to a page number it only looks like."""
from __future__ import annotations

import re

import pytest

from build_scripts import page_numbers, synthetic
from build_scripts.reports import parse_bytes

from format_fixtures import TABLES

YEARS = {"2021": 2023, "2019": 2020}
# synthetic's PDF text prints "- 3 -" between pages; real converters often give "3" alone.
DASHED_FOOTER = re.compile(r"\n- (\d+) -\n")


def pdf_text(template_id: str, seed: int, form_feeds: bool) -> tuple[str, dict]:
    text, values = synthetic.make_report(template_id, seed, layout="pdf", year=YEARS[template_id])
    assert len(DASHED_FOOTER.findall(text)) >= 3
    return DASHED_FOOTER.sub(r"\n\1\n\f" if form_feeds else r"\n\1\n", text), values


def cells(tables: dict) -> dict:
    """Every cell of a parsed report's (or the values') tables 二, 三, 四, by place."""
    return {(t, r, c): v for t in TABLES for r, cols in tables[t].items() for c, v in cols.items()}


def blank_at_foot_of_page(text: str, label: str) -> str:
    """The row of `label` printed blank and last on its page: the next page number follows it."""
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith(label + " "))
    number = next(j for j in range(row + 1, len(lines)) if re.fullmatch(r"\d+", lines[j]))
    page = lines.pop(number)
    lines[row] = label
    lines[row + 1:row + 1] = ["", page]
    return "\n".join(lines)


@pytest.mark.parametrize("form_feeds", [False, True], ids=["bare-numbers", "form-feeds"])
@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_rows_cut_by_a_bare_page_number_are_read_exactly(template_id, form_feeds):
    text, values = pdf_text(template_id, 5, form_feeds)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert cells(report) == cells(values)
    assert not [p for p in report["problems"] if p["rule"] in ("F-cell-count", "F-control-chars")]


@pytest.mark.parametrize("form_feeds", [False, True], ids=["bare-numbers", "form-feeds"])
@pytest.mark.parametrize("label,key,column", [("行政事业性收费", "fees", "amount_10k_yuan"),
                                              ("行政许可", "licensing", "decisions"),
                                              ("行政强制", "enforcement", "decisions")])
def test_a_blank_row_at_the_foot_of_a_page_never_takes_the_page_number(form_feeds, label, key, column):
    text, values = pdf_text("2021", 5, form_feeds)
    report = parse_bytes(blank_at_foot_of_page(text, label).encode("utf-8"), "data/report.txt")
    got = cells(report)
    assert got.pop(("proactive", key, column)) is None
    expected = cells(values)
    expected.pop(("proactive", key, column))
    assert got == expected
    [refused] = [p for p in report["problems"] if p["rule"] == "F-cell-count"]
    assert refused["where"] == f"二 · {label}" and "是页码" in refused["message"]


def test_a_page_number_is_not_part_of_the_reports_text():
    text, _ = pdf_text("2021", 5, form_feeds=False)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    prose = "\n".join([report["opening"]] + [s["text"] for s in report["sections"]])
    assert not re.search(r"(?m)^\s*[1-6]\s*$", prose)
    assert "为公民、法人和其他组织" in prose or len(prose) > 200  # the prose itself is kept


def test_form_feeds_are_page_breaks_not_control_characters():
    text, values = pdf_text("2019", 8, form_feeds=True)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert "F-control-chars" not in {p["rule"] for p in report["problems"]}
    assert cells(report) == cells(values)


def test_a_page_number_at_a_page_break_is_told_by_its_place():
    lines = ["一、总体情况", "正文第一页。", "1", "\f二、主动公开", "行政许可", "", "2", "\f三、收到", "x"]
    lines, starts = page_numbers.page_breaks(lines)
    assert starts == {3, 7} and "\f" not in "".join(lines)
    assert page_numbers.bare_page_numbers(lines, starts) == {2, 6}


def test_a_number_at_a_page_break_that_does_not_fit_the_page_is_a_figure():
    lines, starts = page_numbers.page_breaks(["正文", "行政许可", "453", "\f第二页", "正文", "97", "\f第三页"])
    assert page_numbers.bare_page_numbers(lines, starts) == set()


def test_bare_numbers_counting_up_a_page_apart_are_page_numbers():
    page = [f"第{n}行的正文。" for n in range(15)]
    lines = page + ["1"] + page + ["行政许可", "2"] + page + ["3"] + page
    assert page_numbers.bare_page_numbers(lines) == {15, 32, 48}


def test_a_page_number_at_the_next_pages_head_may_stand_close_after_the_last_pages_foot():
    # pypdf writes a page's text in the order the page draws it: one page's number may come last,
    # the next page's first, a few lines apart.
    page = [f"第{n}行的正文。" for n in range(15)]
    lines = page + ["1", "某某区司法局政府信息公开工作年度报告", "三、收到和处理", "2"] + page + ["3"] + page
    assert page_numbers.bare_page_numbers(lines) == {15, 18, 34}


def test_three_bare_numbers_within_a_page_are_not_page_numbers():
    page = [f"第{n}行的正文。" for n in range(15)]
    assert page_numbers.bare_page_numbers(page + ["1", "正文。", "2", "正文。", "3"] + page) == set()


def test_a_blank_row_before_a_page_number_that_the_next_one_follows_closely_stays_blank():
    text, values = pdf_text("2021", 5, form_feeds=False)
    lines = blank_at_foot_of_page(text, "行政事业性收费").split("\n")
    fee = lines.index("行政事业性收费")
    foot = next(j for j in range(fee + 1, len(lines)) if re.fullmatch(r"\d+", lines[j]))
    heading = next(j for j in range(foot + 1, len(lines)) if lines[j].strip().startswith("三、"))
    # The next page's number, printed at that page's head right under the table's heading.
    following = next(j for j in range(heading + 1, len(lines)) if re.fullmatch(r"\d+", lines[j]))
    lines.insert(heading + 1, lines.pop(following))
    report = parse_bytes("\n".join(lines).encode("utf-8"), "data/report.txt")
    got, expected = cells(report), cells(values)
    assert got.pop(("proactive", "fees", "amount_10k_yuan")) is None
    expected.pop(("proactive", "fees", "amount_10k_yuan"))
    assert got == expected


def test_a_column_of_figures_one_per_line_holds_no_page_number():
    # pdfminer writes a table column by column: figures one per line, which may count up.
    page = [f"第{n}行的正文。" for n in range(15)]
    column = [str(n) for n in (1, 0, 2, 0, 0, 3, 0, 4)]
    lines = page + column + page + column + page + column
    assert page_numbers.bare_page_numbers(lines) == set()


def test_two_bare_numbers_are_not_enough_to_count_pages():
    page = [f"第{n}行的正文。" for n in range(15)]
    assert page_numbers.bare_page_numbers(page + ["1"] + page + ["2"] + page) == set()


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_a_number_alone_after_table_fours_row_with_a_blank_is_not_its_fifteenth_figure(template_id):
    # Table 四's fifteen figures may wrap; one alone on the next line after a blank cell is as
    # likely a page number at the foot of the page as the row's last figure.
    text, values = synthetic.make_report(template_id, 9, layout="pdf", year=YEARS[template_id])
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if len(re.findall(r"(?<!\S)\d+(?!\S)", line)) == 15)
    figures = lines[row].split()
    figures[6] = ""  # 未经复议直接起诉 · 结果纠正 printed blank
    lines[row] = " ".join(f for f in figures if f)
    lines[row + 1:row + 1] = ["", "7"]
    report = parse_bytes("\n".join(lines).encode("utf-8"), "data/report.txt")
    assert all(v is None for cols in report["review_litigation"].values() for v in cols.values())
    assert any(p["rule"] == "F-cell-count" and p["table"] == "四" for p in report["problems"])
    assert report["applications"] == values["applications"]


def column_by_column_with_page_numbers(values: dict, template_id: str) -> str:
    """pdfminer's or pdftotext's text of a report whose tables come out column by column, with
    its pages numbered by a bare number at each page's foot and a form feed after it: page 1 ends
    after the opening, page 2 before part 三, page 3 inside table 三 (after its first page's
    figures)."""
    text = synthetic.render_column_major(values, template_id, agency="某某区司法局", year=YEARS[template_id])
    lines = text.split("\n")
    footer = lines.index("- 3 -")
    lines[footer:footer + 2] = ["3", "", "\f"]
    for page, heading in ((2, "三、"), (1, "二、")):
        at = next(i for i, line in enumerate(lines) if line.startswith(heading) and "\t" not in line)
        lines[at:at] = [str(page), "", "\f"]
    return "\n".join(lines)


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_a_page_number_at_a_page_break_inside_a_table_read_column_by_column_is_no_figure(template_id):
    """A page number told by its place (the foot of a page, before a form feed) is left out of
    the columns of figures: it is not one more figure of the page's last column."""
    values = synthetic.make_values(template_id, 13)
    text = column_by_column_with_page_numbers(values, template_id)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert report["applications"] == values["applications"]
    assert not [p for p in report["problems"] if p["rule"] == "F-cell-count" and p["table"] == "三"]


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_a_number_at_a_page_break_that_does_not_fit_the_page_stays_in_its_column(template_id):
    """The last figure of a page's last column that stands alone before a form feed but is no
    page number there (9 on page 3): a column one figure short otherwise, it stays a figure."""
    values = synthetic.make_values(template_id, 13)
    text = column_by_column_with_page_numbers(values, template_id).replace("\n3\n\n\f", "\n9\n\n\f")
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert cells(report)  # parsed
    assert [(k, v) for k, v in cells(report).items() if v is not None and v != cells(values)[k]] == []


@pytest.mark.parametrize("blanks", [("commercial_enterprise",), ("commercial_enterprise", "social_welfare_org")])
def test_a_footer_broken_over_lines_inside_a_column_read_table_gives_no_blank_cell_a_figure(blanks):
    """pdfminer may write a footer "- 3 -" as three lines. Its number, told by its place, goes
    with those dashes: left, they would stand in for the blank cells (nothing written) of the row
    above, and its 0s would fill the wrong columns."""
    from format_fixtures import item_label, with_tables, wrong_cells

    values = synthetic.make_values("2021", 13)
    values["applications"]["3.3.7"] = {c: None if c in blanks else 0 for c in values["applications"]["3.3.7"]}
    three = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for key, row in values["applications"].items():
        three += [item_label("2021", key), *(str(v) for v in row.values() if v is not None)]
        if key == "3.3.7":
            three += ["", "-", "3", "-", "", "\f"]
    text = with_tables(values, "2021", {"三": three}, agency="某某区司法局", year=2023, seed=5)
    lines = text.split("\n")
    for page, heading in ((2, "三、"), (1, "二、")):
        at = next(i for i, line in enumerate(lines) if line.startswith(heading) and "\t" not in line)
        lines[at:at] = [str(page), "", "\f"]
    report = parse_bytes("\n".join(lines).encode("utf-8"), "data/report.txt")
    assert wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"]["3.3.7"].values())
    assert any(p["rule"] == "F-cell-count" and p.get("row") == "3.3.7" for p in report["problems"])


def with_lone_number_after_row(text: str, values: dict, key: str, cut: bool = False) -> str:
    """Table 三's row `key` (its label and figures on one line) followed, at a page's foot, by a
    bare number that is not the page's (a page numbered otherwise); `cut`: its total broken over
    two lines of its narrow cell, the last digit on the next line."""
    printed = " ".join(str(v) for v in values["applications"][key].values())
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.endswith(" " + printed))
    extra = ["", "9", "\f"]
    if cut:
        lines[at], extra = lines[at][:-1], [lines[at][-1]] + extra
    lines[at + 1:at + 1] = extra
    return "\n".join(lines)


@pytest.mark.parametrize("template_id", ["2021", "2019"])
@pytest.mark.parametrize("key", ["1", "3.3.8", "3.7"])
def test_a_number_alone_under_a_whole_row_at_a_pages_foot_leaves_the_row_read(template_id, key):
    # The row's every cell stands on its label's line and adds up: the number under it at the
    # page's foot (it does not fit the page, so it may be a figure) is none of the row's.
    text, values = synthetic.make_report(template_id, 5, layout="pdf", year=YEARS[template_id])
    report = parse_bytes(with_lone_number_after_row(text, values, key).encode("utf-8"), "data/report.txt")
    assert cells(report) == cells(values)


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_a_row_whose_total_goes_on_under_its_line_at_a_pages_foot_is_refused(template_id):
    # "…302" / "4": the figures on the label's line do not add up, so the row is not whole there.
    text, values = synthetic.make_report(template_id, 5, layout="pdf", year=YEARS[template_id])
    report = parse_bytes(with_lone_number_after_row(text, values, "3.3.8", cut=True).encode("utf-8"), "data/report.txt")
    got, expected = cells(report), cells(values)
    assert all(got.pop(("applications", "3.3.8", c)) is None for c in values["applications"]["3.3.8"])
    assert all(got[k] == expected[k] for k in got)


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_a_footer_joined_to_the_next_pages_first_line_by_a_form_feed_is_a_footer(template_id):
    # Pages joined with a form feed and no line break (pypdfium2's page texts, "\f".join): the
    # footer "- 1 -" and the next page's running title stand on one line; the blank fee row at the
    # page's foot does not take the page number.
    text, values = synthetic.make_report(template_id, 5, layout="pdf", year=YEARS[template_id])
    lines = text.split("\n")
    fee = next(i for i, line in enumerate(lines) if line.startswith("行政事业性收费 "))
    footer = next(j for j in range(fee + 1, len(lines)) if DASHED_FOOTER.fullmatch(f"\n{lines[j]}\n"))
    page = lines.pop(footer)
    lines[fee] = "行政事业性收费"
    lines[fee + 1] = f"{page}\f某某区司法局政府信息公开工作年度报告\n{lines[fee + 1]}"
    values["proactive"]["fees"] = dict.fromkeys(values["proactive"]["fees"])
    report = parse_bytes("\n".join(lines).encode("utf-8"), "data/report.txt")
    assert cells(report) == cells(values)


def test_running_titles_begin_the_pages_where_the_text_has_no_page_breaks():
    title = "某某局2023年政府信息公开工作年度报告"
    page = [f"第{n}行的正文。" for n in range(15)]
    lines = [title, "某某局", "2023年政府信息公开工作年度报告", *page, "1", title, *page, "行政许可", "97", title, *page]
    # The titles atop the first page begin none; "97" fits no page.
    assert page_numbers.marked(lines) == [page_numbers.MARK + "1" if i == 18 else line for i, line in enumerate(lines)]


@pytest.mark.parametrize("label,key,column", [("行政事业性收费", "fees", "amount_10k_yuan"),
                                              ("行政强制", "enforcement", "decisions")])
def test_a_blank_row_before_a_page_number_and_the_next_pages_running_title_never_takes_it(label, key, column):
    # Text a converter wrote without page breaks (pdfplumber, pypdfium2), the report's name atop
    # every page: with two page numbers only, they do not count up far enough to be told apart,
    # and the blank row at the foot of the page took its number as its figure.
    text, values = pdf_text("2021", 5, False)
    title = "".join(text.strip().split("\n")[:2])  # 惠农区教育局 / 2023年…年度报告
    lines, numbers = [], 0
    for line in blank_at_foot_of_page(text, label).split("\n"):
        if re.fullmatch(r"\d+", line):  # a page number: the first two kept, the next page's title after them
            numbers += 1
            if numbers > 2:
                continue
            lines += [line, title]
        else:
            lines.append(line)
    text = "\n".join(lines)
    assert re.search(rf"^{label}\n\n\d+\n{title}$", text, re.M)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    got = cells(report)
    assert got.pop(("proactive", key, column)) is None
    expected = cells(values)
    expected.pop(("proactive", key, column))
    assert got == expected
