"""Table 三 in pypdf's layout-mode text with most cells printed blank: each figure placed in the
column whose header stands above it on its page.

Many agencies print an empty cell for 0 in tables 二, 三 and 四; in table 三 nearly every row has
blank cells (科研机构 and 社会公益组织 are almost always 0), so no page has the two complete rows
that layout_columns needs to see where the columns stand. A study printed 45 real reports
(transcribed by hand) to PDF through LibreOffice as Word sets a table (fixed column widths, 公文
margins, a page number "- N -" in the footer), every 0 blank or only those of the five
法人或其他组织 columns, cells aligned left or centred, the header printed once or atop each page,
and extracted them as ../shared/real-reports' PDFs were (pypdf 7.1.1 plain and layout mode,
pdfminer.six), with pdftotext -layout beside them. pypdf's layout mode writes each word from the
character its left end stands at (x over the page's mean character width, from the page's
leftmost text): the header's words stand where their cells' text begins, and each figure within
its cell, the same on every line of the page. Cells of table 三 exact, before → after (none wrong):

    every 0 blank (473 figures)            pypdf layout 121 → 177
      cells centred                        pypdf layout 121 → 180
      header atop each page                pypdf layout 121 → 333
    法人或其他组织's 0s blank (3,497)        pypdf layout 1,341 → 1,619
      cells centred                        pypdf layout 1,341 → 1,610
      header atop each page                pypdf layout 1,341 → 3,033

pdftotext -layout is left out: it sets a row's figures after the words before them, and on these
pages a figure in twenty stood 4 to 9 characters off its column's header, a column's width; where
a page's figures happened to fit the header (1,532 cells read of the 3,497, none wrong) nothing
would tell a figure set a column off. It writes form feeds between pages, pypdf does not: the
header is read in text without them. pypdf plain mode and pdfminer keep no places: their rows
with blank cells stay refused, the problem saying that the row may have blank cells whose columns
the text cannot tell.

The header is taken only where it names each of the seven columns once, a cell's words stacked
at one place, four characters or more apart, with no other words right of the first column; and
only on a page that is one page of the file for certain: pypdf joins pages without a mark, and
each page is set out by its own character width and left edge, so a page whose end is not marked
by a page number one more than its start's may hold the next page's rows in other places. A fuzz
round that set the lines after a random row of an unmarked page at another scale read 15 cells
wrong where the header was trusted across it. Where the header's words and the figures stand in
their cells may differ (left ends, centres, right ends): one offset, less than the columns'
pitch, must put every figure of the page within a character of one column and three or more off
the others, and each row's last figure in 总计 (a row that prints a figure prints its total), with
no other offset or alignment fitting within a character and a half.
"""
from __future__ import annotations

import pytest

from build_scripts import page_numbers, synthetic, template as tpl
from build_scripts.reports import parse_bytes

from format_fixtures import at_places, pdf_text_with_table_three, pypdf_layout_header_three, with_footers, wrong_cells

PLACES = [40, 48, 56, 64, 72, 80, 88]  # each column's header words from here (cells 8 characters wide)
WIDTH = 8
# Blank cells by row in turn, as column indices: never the total, as a row with figures prints it.
BLANKS = [(1, 2, 3, 4, 5), (2, 3, 4), (0, 2, 3, 4, 5), (1, 3, 5), (1, 2, 3, 4)]
PAGE_ONE = {"三、收到": 1, "四、": 2}  # table 三 alone on page 2, bounded by - 1 - and - 2 -


def with_blanks(template_id: str, seed: int) -> dict:
    """Values with cells of each row of table 三 printed blank, as 0s are: each row's total the
    sum of the cells left (a row that does not add up may be cut otherwise where its figures ran
    together, parsing._cells_run_together)."""
    values = synthetic.make_values(template_id, seed)
    columns = [c.key for c in tpl.get(template_id).app_columns]
    keys = [r.key for r in tpl.get(template_id).app_rows if r.key is not None]
    for i, key in enumerate(keys):
        row = values["applications"][key]
        for k in BLANKS[i % len(BLANKS)]:
            row[columns[k]] = None
        row[columns[-1]] = sum(row[c] or 0 for c in columns[:-1])
    return values


def row_line(label: str, figures: list, places: list[int], align: str) -> str:
    """A row as pypdf's layout mode writes it: the label from the left (wrapped in its cell
    eighteen characters a line, the figures beside its first piece), each figure in its cell,
    `WIDTH` characters from the column's place: from its left end, centred, or ending a character
    before the next cell. None is a blank cell."""
    if len(label) > 18:
        return row_line(label[:18], figures, places, align) + "\n" + "    " + label[18:]
    pieces = [(4, label)]
    for figure, place in zip(figures, places):
        if figure is not None:
            text = str(figure)
            start = {"left": place, "centre": place + (WIDTH - len(text)) // 2,
                     "right": place + WIDTH - 1 - len(text)}[align]
            pieces.append((start, text))
    return at_places(pieces)


def table_lines(values: dict, template_id: str, align: str = "left", places=PLACES, rows=None,
                header: bool = True) -> list[str]:
    """Table 三 as pypdf's layout mode writes it: the header (where `header`), then each row's label
    and figures on a line (a group heading on a line of its own, before the first row written
    after it), a blank line after each. rows: the keys written (all by default)."""
    t = tpl.get(template_id)
    out = pypdf_layout_header_three(places) + [""] if header else []
    heading = None
    for row in t.app_rows:
        if row.key is None:
            heading = row.label
        elif rows is None or row.key in rows:
            if heading:
                out += [f"  {heading}", ""]
                heading = None
            figures = [values["applications"][row.key][c.key] for c in t.app_columns]
            out += [row_line(row.label, figures, places, align), ""]
    return out


FOOTER_TWO = ["", "                        - 2 -", ""]


def parsed(values: dict, template_id: str, table: list[str], footers=PAGE_ONE) -> dict:
    """The report, its page footers as `footers` says (format_fixtures.with_footers), with table 三
    as `table` (which may hold footers of its own)."""
    text = with_footers(pdf_text_with_table_three(values, template_id, "某某县交通运输局", 2023, ["@"]), footers)
    return parse_bytes(text.replace("\n@\n", "\n" + "\n".join(table) + "\n").encode("utf-8"), "data/report.txt")


def refused(report: dict, keys) -> list[str]:
    """The keys of the rows left unread with a problem."""
    return [key for key in keys if all(v is None for v in report["applications"][key].values())
            and any(p["rule"] == "F-cell-count" and p.get("row") == key for p in report["problems"])]


def keys_of(template_id: str) -> list[str]:
    return [r.key for r in tpl.get(template_id).app_rows if r.key is not None]


@pytest.mark.parametrize("align", ["left", "centre", "right"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_rows_with_blank_cells_are_read_in_the_columns_of_the_header_atop_their_page(template_id, align):
    # No row complete: the header's words show where the columns stand; right-aligned figures
    # stand nearer the next column's words than their own, and the totals tell the offset.
    values = with_blanks(template_id, 431)
    report = parsed(values, template_id, table_lines(values, template_id, align))
    assert wrong_cells(values, report) == []
    assert report["applications"] == values["applications"]


@pytest.mark.parametrize("footers", [{}, {"三、收到": 2, "四、": 4}, {"三、收到": 1}],
                         ids=["no page numbers", "a number skipped", "no number after the table"])
def test_the_header_places_no_blank_on_a_page_not_bounded_by_page_numbers_one_apart(footers):
    # pypdf joins pages without a mark, each set out at its own scale: where the page's end is not
    # shown by the next page number, the table may run on over a page whose columns stand elsewhere.
    values = with_blanks("2021", 432)
    report = parsed(values, "2021", table_lines(values, "2021"), footers)
    assert wrong_cells(values, report) == []
    assert refused(report, keys_of("2021")) == keys_of("2021")


def test_text_with_form_feeds_places_no_blank_by_the_header():
    # pdftotext -layout writes a form feed between pages and sets a row's figures after the words
    # before them: its header's places prove nothing, whatever the pages.
    values = with_blanks("2021", 440)
    table = table_lines(values, "2021")
    report = parsed(values, "2021", ["\f" + table[0], *table[1:], "\f"])
    assert wrong_cells(values, report) == []
    assert refused(report, keys_of("2021")) == keys_of("2021")


def test_each_page_that_repeats_the_header_places_its_own_rows():
    # Word's 重复标题行: the header atop the second page too, the page set out at another scale
    # (its columns three characters to the right): each page's rows by its own header.
    values = with_blanks("2021", 433)
    keys = keys_of("2021")
    first, second = keys[:10], keys[10:]
    table = (table_lines(values, "2021", rows=first) + FOOTER_TWO
             + table_lines(values, "2021", places=[p + 3 for p in PLACES], rows=second))
    report = parsed(values, "2021", table, {"三、收到": 1, "四、": 3})
    assert wrong_cells(values, report) == []
    assert report["applications"] == values["applications"]


def test_rows_on_a_page_without_the_header_are_refused_saying_why():
    # The second page without the header (nor any complete row): its rows stay unread, the problem
    # saying that blank cells may be among them and their columns cannot be told.
    values = with_blanks("2021", 434)
    keys = keys_of("2021")
    first, second = keys[:10], keys[10:]
    table = (table_lines(values, "2021", rows=first) + FOOTER_TWO
             + table_lines(values, "2021", rows=second, header=False))
    report = parsed(values, "2021", table, {"三、收到": 1, "四、": 3})
    assert wrong_cells(values, report) == []
    assert all(report["applications"][key] == values["applications"][key] for key in first)
    assert refused(report, second) == second
    messages = [p["message"] for p in report["problems"] if p.get("row") in second and p["rule"] == "F-cell-count"]
    assert messages and all("数值之间的空白不足以确定各列的位置" in m and "无法确定空白在哪几列" in m for m in messages), messages


def test_rows_with_blank_cells_in_text_that_keeps_no_places_are_refused_saying_why():
    # pypdf's plain mode: the figures a space apart, the header's words run together; nothing
    # shows where a blank cell stood.
    values = with_blanks("2021", 439)
    t = tpl.get("2021")
    table = ["申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for row in t.app_rows:
        figures = [] if row.key is None else [values["applications"][row.key][c.key] for c in t.app_columns]
        table.append(" ".join([row.label, *(str(f) for f in figures if f is not None)]))
    report = parsed(values, "2021", table)
    assert wrong_cells(values, report) == []
    assert refused(report, keys_of("2021")) == keys_of("2021")
    messages = [p["message"] for p in report["problems"] if p.get("table") == "三" and p["rule"] == "F-cell-count"]
    assert messages and all("本行可能有印为空白的单元格，无法确定空白在哪几列" in m for m in messages), messages


def test_a_row_without_its_total_leaves_its_pages_rows_unplaced():
    # A row printing a figure but not its total (a misprint, or a total on another line): the totals
    # no longer show the offset between the header's words and the figures. Nothing is placed.
    values = with_blanks("2021", 435)
    values["applications"]["3.1"]["total"] = None
    report = parsed(values, "2021", table_lines(values, "2021", "right"))
    assert wrong_cells(values, report) == []
    assert refused(report, keys_of("2021")) == keys_of("2021")


@pytest.mark.parametrize("change", ["备注 column", "a word among the columns", "a column named twice",
                                    "a cell's words apart"])
def test_a_header_that_does_not_name_each_column_once_at_one_place_places_no_blank(change):
    values = with_blanks("2021", 436)
    table = table_lines(values, "2021")
    header = pypdf_layout_header_three(PLACES)
    if change == "备注 column":
        table[3] = table[3] + "      备注"
    elif change == "a word among the columns":
        table[1] = at_places([(0, "（本列数据的勾稽关系为：第一项"), (PLACES[1], "法人或其他组织"), (PLACES[5] + 2, "等")])
    elif change == "a column named twice":
        table[3] = table[3] + "      总计"
    else:  # 企业 two characters right of 商业
        table[4] = at_places([(PLACES[1] + 2, "企业"), (PLACES[2], "机构"), (PLACES[3], "公益"), (PLACES[4], "服务"),
                              (PLACES[5], "其他")])
        assert table[:len(header)] != header
    report = parsed(values, "2021", table)
    assert wrong_cells(values, report) == []
    assert refused(report, keys_of("2021")) == keys_of("2021")


def test_a_first_figure_run_into_its_label_leaves_the_row_unread_not_blank_at_its_start():
    # pypdf's layout mode writes text that would overlap the text before right after it: a label
    # running past its cell takes the first figure ("2.重复申请7"), and the row's line shows one
    # figure fewer, the others in their columns. That figure is not a blank cell.
    values = with_blanks("2021", 437)
    key = "3.5.2"  # 2.重复申请
    values["applications"][key].update(natural_person=7, commercial_enterprise=None, other_org=3, total=10)
    table = table_lines(values, "2021")
    label = next(r.label for r in tpl.get("2021").app_rows if r.key == key)
    at = next(i for i, line in enumerate(table) if line.strip().startswith(label))
    table[at] = at_places([(4, label + "7"), (PLACES[5], "3"), (PLACES[6], "10")])
    report = parsed(values, "2021", table)
    assert wrong_cells(values, report) == []
    assert refused(report, [key]) == [key]


def test_a_row_whose_figures_nearly_fit_the_columns_a_place_off_places_no_blank():
    # Columns four characters apart, the page's one row with figures spanning 23 characters: within
    # a character of 自然人 and 总计 (24 apart), within a character and a half of 商业企业 and 总计
    # (20 apart). Rounding may make either: nothing is placed.
    places = [40, 44, 48, 52, 56, 60, 64]
    values = with_blanks("2021", 438)
    for key in keys_of("2021"):
        values["applications"][key] = dict.fromkeys(values["applications"][key])
    values["applications"]["3.1"].update(natural_person=5, total=5)
    table = table_lines(values, "2021", places=places, rows=["3.1"])
    at = next(i for i, line in enumerate(table) if line.strip().startswith("(一)"))
    table[at] = at_places([(4, "(一) 予以公开"), (41, "5"), (64, "5")])
    report = parsed(values, "2021", table)
    assert wrong_cells(values, report) == []
    assert refused(report, ["3.1"]) == ["3.1"]


def test_pages_bounded_by_page_breaks_or_by_page_numbers_one_apart_are_whole():
    def whole(text: str) -> set[int]:
        lines = text.split("\n")
        return page_numbers.whole_pages(lines, page_numbers.marked(lines))

    assert whole("a\n- 1 -\nb\n- 2 -\nc") == {0, 1}  # the last page: its end unmarked
    assert whole("a\n- 2 -\nb\n- 3 -\nc") == {1}  # page 1's number not printed: pages 1 and 2 as one
    assert 1 in whole("- 1 -\na\n- 2 -\nb\n- 3 -")  # the footer printed first on each page
    assert whole("a\n第1页\nb\n第2页共3页\nc") == {0, 1}
    assert whole("a\n\fb\n\fc") == {0, 1, 2}  # form feeds between all pages
    assert whole("a\nb\nc") == set()
