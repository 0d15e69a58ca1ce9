"""Tables 二 and 四 in pypdf's layout-mode text with cells printed blank: each figure placed in the
column whose header stands above it on its page (layout_columns, as for table 三).

Agencies that print 0 as a blank cell leave rows of table 二 (规章 / 行政规范性文件 under 本年制发件数,
本年废止件数, 现行有效件数) and table 四's one row with fewer figures than columns, and the text keeps
no mark of the blanks. pypdf's layout mode writes each word from the character its left end
stands at, so the header's words show where the columns stand, on a page that is one page of the
file for certain (page numbers one apart) and in text without form feeds (pdftotext -layout sets
a row's figures after the words before them). A study of 45 real reports printed with every 0
blank (cells left or centred, the header once or atop each page) read, in pypdf's layout text,
cells of table 二 missing 76 → 64 and of table 四 34 → 2 (header atop each page: 34 → 14), none
wrong, also with each word of the tables moved a character at random.

Table 四: its header names 结果维持 … 总计 under each of its three groups, taken in their order
across the page; its fifteen columns stand three characters apart, so a figure must stand right
at its column's place, and the offset between the header's words and the figures is pinned by
the groups' totals: a group that prints a figure prints its 总计, the sum of the group's other
figures (a blank being 0).

Table 二: a part's header is what stands above its first row on its page, from the article's
heading (第二十条第（一）项) on. Nothing pins the offset (a row need not print its last column),
so a row is placed only where the gaps between its figures fit one choice of columns alone (two
figures a column apart fit 本年制发件数 and 本年废止件数 as well as the next two; a lone figure fits
any), or where a complete row of the part on the page pins the offset; and only under a header whose columns' words are all
as wide: words of other widths, centred in their cells, begin at places that do not stand as far
apart as the columns do (上一年项目数量 over 本年增/减: a row read a column off under noise).
"""
from __future__ import annotations

import pytest

from build_scripts import synthetic
from build_scripts.reports import parse_bytes

from format_fixtures import at_places, with_footers, wrong_cells

AGENCY = "某某县交通运输局"
# Each part on a page of its own, bounded by page numbers one apart: - 1 - ends the page before
# table 二, - 2 - ends table 二's page, and so on.
FOOTERS = {"二、主动公开": 1, "三、收到": 2, "四、因政府": 3, "五、": 4}
TWO_PLACES = [20, 31, 42]  # 本年制发件数, 本年废止件数, 现行有效件数: each from here
FOUR_PLACES = [0, 3, 6, 10, 13, 16, 20, 23, 26, 30, 33, 36, 40, 43, 47]
GROUPS = ("review", "litigation_direct", "litigation_after_review")
RESULTS = ("upheld", "corrected", "other", "pending", "total")


def report(values: dict, template_id: str, two: list[str] | None = None, four: list[str] | None = None,
           footers=FOOTERS) -> dict:
    """The report as PDF text (synthetic's "pdf" layout) with table 二 and table 四 as `two` and
    `four` (the lines after each part's heading), its page numbers as `footers` says."""
    lines = synthetic.render(values, template_id, agency=AGENCY, year=2023, layout="pdf").split("\n")
    for heading, end, table in (("二、主动公开", "三、收到", two), ("四、因政府", "五、", four)):
        if table is not None:
            start = next(i for i, line in enumerate(lines) if line.startswith(heading))
            stop = next(i for i, line in enumerate(lines) if i > start and line.startswith(end))
            lines[start + 1:stop] = table
    return parse_bytes(with_footers("\n".join(lines), footers).encode("utf-8"), "data/report.txt")


def figure_line(figures: list, places: list[int], shift: int, label: tuple[int, str] | None = None) -> str:
    """A row as pypdf's layout mode writes it: each figure `shift` characters right of its
    column's place (0: cells aligned left; 1: centred in table 四's narrow cells); None is blank."""
    pieces = [label] if label else []
    pieces += [(place + shift, str(figure)) for figure, place in zip(figures, places) if figure is not None]
    return at_places(pieces)


# -- table 四 ------------------------------------------------------------------------------------

def four_values(seed: int, rows: dict[str, tuple]) -> dict:
    """Values whose table 四 prints `rows` (figures by group, None blank; single digits, as the
    narrow cells hold them a character apart)."""
    values = synthetic.make_values("2021", seed)
    values["review_litigation"] = {group: dict(zip(RESULTS, rows[group])) for group in GROUPS}
    return values


# Blank cells in every group (litigation_direct all blank), each printed group adding up.
ROWS = {"review": (1, None, 2, None, 3), "litigation_direct": (None,) * 5,
        "litigation_after_review": (4, 1, None, 2, 7)}


def four_header(places=FOUR_PLACES, drop: int | None = None) -> list[str]:
    """Table 四's header as pypdf's layout mode writes a Word table's narrow cells: each result's
    words two characters a line (结果 / 维持), stacked from its column's place; 行政复议 over the
    first group, 行政诉讼 and then 未经复议直接起诉 and 复议后起诉 over the others; the first group's
    words a line higher. drop: a column whose words are left out."""
    top, bottom = ["结果", "结果", "其他", "尚未", "总计"], ["维持", "纠正", "结果", "审结", None]
    p = places
    words = [[(p[5 * g + c], w) for c, w in enumerate(pieces) if w and 5 * g + c != drop]
             for pieces in (top, bottom) for g in range(3)]
    return [at_places([(p[0], "行政复议"), (p[5], "行政诉讼")]), "",
            at_places([(p[5], "未经复议直接起诉"), (p[10], "复议后起诉")]),
            at_places(words[0]),                       # the first group's upper words
            at_places(words[3] + words[1] + words[2]),  # its lower words, the others' upper ones
            at_places(words[4] + words[5]), ""]


def four_row(values: dict) -> list:
    return [values["review_litigation"][g][r] for g in GROUPS for r in RESULTS]


@pytest.mark.parametrize("shift", [0, 1], ids=["figures left", "figures centred"])
def test_table_four_row_with_blank_cells_is_read_in_the_columns_of_its_header(shift):
    values = four_values(501, ROWS)
    table = four_header() + [figure_line(four_row(values), FOUR_PLACES, shift), ""]
    parsed = report(values, "2021", four=table)
    assert wrong_cells(values, parsed) == []
    assert parsed["review_litigation"] == values["review_litigation"]


@pytest.mark.parametrize("footers", [{}, {"四、因政府": 3}], ids=["no page numbers", "no number after the table"])
def test_table_four_header_places_no_blank_on_a_page_not_bounded_by_page_numbers_one_apart(footers):
    values = four_values(502, ROWS)
    parsed = report(values, "2021", four=four_header() + [figure_line(four_row(values), FOUR_PLACES, 0), ""],
                    footers=footers)
    assert wrong_cells(values, parsed) == []
    assert all(v is None for group in parsed["review_litigation"].values() for v in group.values())
    assert any(p["table"] == "四" and "无法确定空白在哪几列" in p["message"] for p in parsed["problems"])


def test_table_four_header_places_no_blank_in_text_with_form_feeds():
    # pdftotext -layout: a form feed between pages; its rows' figures stand after the words before.
    values = four_values(503, ROWS)
    table = four_header() + [figure_line(four_row(values), FOUR_PLACES, 0), ""]
    parsed = report(values, "2021", four=["\f" + table[0], *table[1:], "\f"])
    assert wrong_cells(values, parsed) == []
    assert all(v is None for group in parsed["review_litigation"].values() for v in group.values())


def test_table_four_figures_whose_group_does_not_add_up_to_its_total_place_no_blank():
    # 行政复议's figures a column off would not add up to its 总计: the totals pin the columns, and
    # a group that does not add up (a misprint) leaves the row unplaced.
    values = four_values(504, ROWS)
    values["review_litigation"]["review"]["total"] += 1
    parsed = report(values, "2021", four=four_header() + [figure_line(four_row(values), FOUR_PLACES, 0), ""])
    assert wrong_cells(values, parsed) == []
    assert all(v is None for group in parsed["review_litigation"].values() for v in group.values())


def test_table_four_header_missing_a_column_places_no_blank():
    values = four_values(505, ROWS)
    table = four_header(drop=7) + [figure_line(four_row(values), FOUR_PLACES, 0), ""]
    parsed = report(values, "2021", four=table)
    assert wrong_cells(values, parsed) == []
    assert all(v is None for group in parsed["review_litigation"].values() for v in group.values())


# -- table 二 ------------------------------------------------------------------------------------

def two_lines(values: dict, header_words=("本年制发件数", "本年废止件数", "现行有效件数"), break_after_header=False,
              shift: int = 0) -> list[str]:
    """Table 二 of the 2021 template as pypdf's layout mode writes it: each part's article heading,
    its header (信息内容 at the left, each column's words from its place) and its rows (the label
    at the left, each figure `shift` characters right of its column's place, None blank).
    break_after_header: a page ends between the first part's header and its rows."""
    proactive = values["proactive"]
    out = ["第二十条第（一）项", "",
           at_places([(0, "信息内容")] + list(zip(TWO_PLACES, header_words))), ""]
    if break_after_header:
        out += ["", "                        - 2 -", ""]
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        out += [figure_line([proactive[key][c] for c in ("issued", "repealed", "in_force")], TWO_PLACES, shift,
                            (0, label)), ""]
    for article, keys in (("五", ["licensing"]), ("六", ["penalty", "enforcement"])):
        out += [f"第二十条第（{article}）项", "", at_places([(0, "信息内容"), (TWO_PLACES[0], "本年处理决定数量")]), ""]
        labels = {"licensing": "行政许可", "penalty": "行政处罚", "enforcement": "行政强制"}
        out += [at_places([(0, labels[key]), (TWO_PLACES[0] + shift, str(proactive[key]["decisions"]))]) for key in keys]
    out += ["第二十条第（八）项", "", at_places([(0, "信息内容"), (TWO_PLACES[0], "本年收费金额（单位：万元）")]), "",
            at_places([(0, "行政事业性收费"), (TWO_PLACES[0] + shift, str(values["proactive"]["fees"]["amount_10k_yuan"]))]),
            ""]
    return out


def two_values(seed: int, regulations: tuple, normative: tuple) -> dict:
    values = synthetic.make_values("2021", seed)
    for key, figures in (("regulations", regulations), ("normative_documents", normative)):
        values["proactive"][key] = dict(zip(("issued", "repealed", "in_force"), figures))
    return values


@pytest.mark.parametrize("shift", [0, 3], ids=["figures left", "figures centred"])
def test_table_two_row_whose_figures_fit_one_choice_of_columns_is_read_under_its_parts_header(shift):
    # 6 _ 6: two columns apart, which only 本年制发件数 and 现行有效件数 are; 规章 all blank.
    values = two_values(511, (None, None, None), (6, None, 6))
    parsed = report(values, "2021", two=two_lines(values, shift=shift))
    assert wrong_cells(values, parsed) == []
    assert parsed["proactive"] == values["proactive"]


def test_table_two_complete_row_of_the_part_places_figures_a_column_apart():
    # 7 9 a column apart fit 本年废止件数 and 现行有效件数 as well as the first two columns, but 规章
    # prints its three figures: the offset between the header's words and the figures is known.
    values = two_values(512, (12, 3, 40), (None, 7, 9))
    parsed = report(values, "2021", two=two_lines(values, shift=2))
    assert wrong_cells(values, parsed) == []
    assert parsed["proactive"] == values["proactive"]


@pytest.mark.parametrize("normative", [(None, 5, None), (None, 7, 9), (4, 7, None)],
                         ids=["one figure", "last two", "first two"])
def test_table_two_row_whose_figures_fit_several_choices_of_columns_is_refused_saying_why(normative):
    values = two_values(513, (None, None, None), normative)
    parsed = report(values, "2021", two=two_lines(values))
    assert wrong_cells(values, parsed) == []
    assert all(v is None for v in parsed["proactive"]["normative_documents"].values())
    messages = [p["message"] for p in parsed["problems"] if p.get("row") == "normative_documents"]
    assert messages and all("本行可能有印为空白的单元格" in m for m in messages), messages


def test_table_two_header_on_another_page_than_the_row_places_no_blank():
    # pypdf sets each page out at its own scale: the header's places are its page's only.
    values = two_values(514, (None, None, None), (6, None, 6))
    parsed = report(values, "2021", two=two_lines(values, break_after_header=True),
                    footers={"二、主动公开": 1, "三、收到": 3, "四、因政府": 4, "五、": 5})
    assert wrong_cells(values, parsed) == []
    assert all(v is None for v in parsed["proactive"]["normative_documents"].values())


def test_table_two_header_whose_columns_words_differ_in_width_places_no_blank():
    # Centred words of other widths begin at places that do not stand as far apart as the columns.
    values = two_values(515, (None, None, None), (6, None, 6))
    parsed = report(values, "2021", two=two_lines(values, header_words=("本年制发件数", "本年废止数", "现行有效件数")))
    assert wrong_cells(values, parsed) == []
    assert all(v is None for v in parsed["proactive"]["normative_documents"].values())
