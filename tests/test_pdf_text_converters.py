"""PDF text as real converters write it, each layout written here in a converter's exact output
shape with made-up values.

A study printed synthetic reports (both templates, several seeds) as Word prints them: ruled
tables with merged cells (三、本年度办理结果 over the outcome rows, 申请人情况 and 法人或其他组织 over
columns), text centred in tall cells, row labels wrapping in a narrow column, narrow figure
columns, blank cells, table 三 split by a page break with a "— 4 —" footer, small fonts. Each PDF
went through pdftotext (-layout, default, -raw), pdfminer.six (default, all_texts, line_margin
0.1), pdfplumber (default, layout=True) and PyMuPDF (get_text(), sort=True, blocks), and every
cell of tables 二, 三 and 四 was scored.

One layout gave WRONG values: a figure too wide for its narrow column, which Word breaks over two
lines of the cell ("3012" as "301" over "2"), in PyMuPDF's get_text(sort=True), which orders the
page's lines top to bottom and so writes the upper piece before the row's label and the lower one
after its figures ("301 (一) 予以公开 409 964 416 27 594 602 2", the total read as 2), or between
the pieces of a wrapped label ("(二) 部分公开（区分处理的，只 415 306 … 946 计这一情形…） 6", every
figure read one column to the right). A row of table 三 whose label's line starts with a figure,
and a row of table 二 or 三 whose line goes on after its figures with words and then a figure,
are now refused with a problem (F-cell-count): the line's order is not the table's.

Read now, where rows were left unread: pdftotext -layout and pdfplumber text of a narrow label
column, where the merged cells left of the row labels print beside them: 三、本年度办理结果 a
character a line, （三）不予公开 or （六）其他处理 cut in two ("办   予公开       5.属于三类内部事",
"他处理" on a line of its own between two pieces of item 2's label). A piece of a group label of
the template at the start of a line, apart from the rest, is passed over, and so is a line that
is only such a piece (found in no row's label) among a wrapped label's pieces
(wrapped_labels.group_pieces_apart, figures_inside).

And a row of table 三 (or table 四's row) with a blank cell, refused in every text form, is read
from layout text (pdftotext -layout, pdfplumber layout=True, PyMuPDF sort=True keep the page's
spacing) when one gap between two figures is twice the row's own even spacing, measured between
centres and between right ends alike: the blank stands there. On the study's PDFs: pdftotext
-layout 11,110 → 11,516 cells of 14,328, pdfplumber layout=True 11,068 → 11,556, PyMuPDF sort=True
9,675 → 10,331, none wrong. A blank first or last cell shows no gap: the row is still refused.

A second study printed 132 reports (both templates, 66 seeds each) from .docx through LibreOffice
with cells aligned left (Word's default), centred or right, label columns narrow or wide, each
row of table 三 complete or blank at its start, its end, inside, at both ends or twice inside, a
blank in table 四, tables over two pages. Its figures showed that a row's own spacing is no safe
guide in table 三: pdftotext -layout may set a column further apart than the others (the
total's, in the 2019 template), and a row whose first cell is blank then shows a gap twice its
spacing before the total: 25 cells were read one column off. The columns are the page's: in
pdftotext -layout and pdfplumber layout=True every figure of a column stands at the same place
in each row of a page, whatever the row's label (not across pages for pdftotext); in PyMuPDF
sort=True the places move with the label (each gap is spaced by its own width), but the gaps
between columns do not. So a row of table 三 with blank cells, at its ends too, is read in the
columns the complete rows of its page agree on (build_scripts/layout_columns.py), where its
place or its gaps fit one choice of columns only; without complete rows on its page, or where
they disagree, it is refused. Table 四's one row keeps the rule of its own spacing: it has no
other row to show its columns, and a blank first or last cell there stays unread. Cells exact of
23,832 printed (2,436 blank), before → after (and after the fuzz round's refusals that followed:
no blank placed beside a figure a single space from the one before it, or where figures drift a
character each, or beside the edge between table 四's groups):

    pdftotext -layout             11,391 (39 wrong) → 13,647 (14 wrong) → 13,467 (12 wrong)
    pdfplumber layout=True        12,866            → 16,278            → 15,150
    PyMuPDF sort=True             11,323            → 12,023            → 11,839
    pdftotext, -raw; pdfminer; pdfplumber; PyMuPDF get_text(): unchanged, none wrong

The wrong cells left are complete rows of （六）其他处理 whose first figures pdftotext -layout
itself writes out of their order on the page ("625   441" for 441, 625), before as after, on a
line of their own under the label where the page's other complete rows do not agree on columns.
The same text with its form feeds and footers taken out (pages run together): pdftotext -layout
11,536 → 11,468, pdfplumber 18,270 → 17,046, PyMuPDF 12,023 → 11,839, no new wrong cell.

A third study printed 168 reports through LibreOffice from .docx (both templates; 96 with the
label columns as wide as Word's template and small figures, many 0; 72 with ten even columns and
three-digit figures), blank cells in six patterns, and read them with pypdf 7.1.1 (plain and
layout mode, as the real reports in ../shared/real-reports were extracted), pdfminer.six,
pdftotext, pdfplumber and PyMuPDF. Wrong cells found, each now refused with a problem:

- table 四's row with a figure broken over two lines of its narrow cell ("11" over "7" for 117)
  and a blank cell: fifteen figures as printed, every one after the break a column off (pypdf
  plain 13, pypdf layout, pdftotext -layout and pdfplumber 8 each, PyMuPDF sort=True 125 where a
  page's footer ran into the row's line): lines of several figures and of one mixed, or figures
  one a line apart in some places only, are refused;
- a row printed a cell a line (PyMuPDF get_text()) with a misprinted 总计 beside an 其他 equal to
  the sum of the rest read with the two swapped (36), and a blank row's label running into the
  next row's cut label taking that row's figures (14): column_major now asks two rows to tell
  the order, and refuses a block naming or beginning another row after its own;
- pdftotext -layout writing the figures beside a label that spans the group columns and wraps
  (四、结转下年度继续办 / 理) swapped and set apart (53 on the narrow set): a complete row standing
  clearly off its page's columns is refused (out_of_place). On the wide set this refuses 30 rows
  of 一、本年新收… that it read right (210 of 19,104 cells): their line is laid out off the page's
  columns too, which is when the order cannot be trusted.

Left: 21 cells of PyMuPDF get_text() (table 四 one figure a line with no blank lines, a figure
broken in two and a blank cell: the text shows nothing of it), and 7 of pdftotext -layout on the
narrow set (the same swaps where the page's other rows do not agree on columns).
"""
from __future__ import annotations

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

from format_fixtures import PDF_TABLE_THREE_HEADER, assert_exact_except, pdf_text_with_table_three, wrong_cells

YEAR = 2023


def table_three_lines(values: dict, template_id: str, line_of=None, blank_lines: bool = True) -> list[str]:
    """Table 三 as layout text: group headings on lines of their own, each row's label and its
    figures on one line, a blank line after each row (blank_lines); line_of(row, label, figures)
    may write a row otherwise (figures None for a group heading; "" leaves it out)."""
    t = tpl.get(template_id)
    out = list(PDF_TABLE_THREE_HEADER)
    for row in t.app_rows:
        label = row.label.replace("(", "（").replace(")", "）")
        figures = None if row.key is None else [str(values["applications"][row.key][c.key]) for c in t.app_columns]
        line = line_of(row, label, figures) if line_of else None
        if line is not None:
            out.append(line)
        elif row.key is None:
            out.append(f"      {label}")
            continue
        else:
            out.append(f"          {label}         {'    '.join(figures)}")
        if blank_lines:
            out.append("")
    return out


def parsed(values: dict, template_id: str, line_of) -> dict:
    text = pdf_text_with_table_three(values, template_id, "某某县交通运输局", YEAR,
                                     table_three_lines(values, template_id, line_of))
    return parse_bytes(text.encode("utf-8"), "data/report.txt")


def test_a_figure_broken_over_two_lines_around_the_row_label_is_refused():
    # PyMuPDF sort=True: "301   （一）予以公开   409 964 416 27 594 602   2" for a total of 3012.
    values = synthetic.make_values("2021", 411)
    total = str(values["applications"]["3.1"]["total"])
    assert len(total) > 1

    def line_of(row, label, figures):
        if row.key == "3.1":
            return f"{total[:-1]}   {label}   {'    '.join(figures[:-1])}   {total[-1]}"
        return None

    report = parsed(values, "2021", line_of)
    assert_exact_except(values, report, unsure_rows=("2", "3.1"))
    assert all(v is None for v in report["applications"]["3.1"].values())
    assert "F-cell-count" in [p["rule"] for p in report["problems"] if p.get("row") == "3.1"]


def test_a_figure_broken_over_two_lines_between_the_pieces_of_a_wrapped_label_is_refused():
    # PyMuPDF sort=True: "（二）部分公开（区分处理的，只   415   306 920 474 938 572 946   计这一情形，
    # 不计其他情形）   6" for a total of 4156: the upper piece of the total stands first.
    values = synthetic.make_values("2021", 412)
    total = str(values["applications"]["3.2"]["total"])
    assert len(total) > 1

    def line_of(row, label, figures):
        if row.key == "3.2":
            cut = label.index("，") + 2
            return (f"{label[:cut]}   {total[:-1]}   {'    '.join(figures[:-1])}   {label[cut:]}"
                    f"   {total[-1]}")
        return None

    report = parsed(values, "2021", line_of)
    assert_exact_except(values, report, unsure_rows=("3.2",))
    assert all(v is None for v in report["applications"]["3.2"].values())
    assert "F-cell-count" in [p["rule"] for p in report["problems"] if p.get("row") == "3.2"]


def test_a_figure_broken_after_a_short_label_in_table_three_is_refused_in_both_templates():
    # The 2019 template too; the lower piece after the figures, the upper one before the label.
    for template_id in tpl.TEMPLATES:
        values = synthetic.make_values(template_id, 413)
        key = tpl.get(template_id).data_rows[-1].key  # 四、结转下年度继续办理
        total = str(values["applications"][key]["total"])

        def line_of(row, label, figures, key=key, total=total):
            if row.key == key:
                return f"{total[:-1]} {label}         {'    '.join(figures[:-1])}        {total[-1]}"
            return None

        report = parsed(values, template_id, line_of)
        prev = tpl.get(template_id).data_rows[-2].key
        assert_exact_except(values, report, unsure_rows=(prev, key))
        assert all(v is None for v in report["applications"][key].values()), template_id


# pdftotext -layout (and pdfplumber) of a narrow label column: 三、本年度办理结果 printed a character
# a line at the left, the group labels （三）不予公开 and （四）无法提供 cut in two beside their rows,
# each row's label cut in two with the figures centred between the pieces.
def narrow_column_line(row, label, figures):
    if row.key is None:
        return "" if label.startswith(("（三）", "（四）")) else None
    figs = "                          " + "     ".join(figures)
    shapes = {
        "3.3.3": ["三             3.危及三安全一", figs, "、                 稳定", "本"],
        "3.3.4": ["              4.保护第三方合法", "年" + figs[1:], "                  权益"],
        "3.3.5": ["度   （三）不", "办   予公开       5.属于三类内部事", figs, "理                 务信息"],
        "3.4.1": ["    （四）无     1.本机关不掌握相", figs, "    法提供          关政府信息"],
    }
    if row.key in shapes:
        return "\n".join(shapes[row.key])
    return None


def test_merged_label_pieces_beside_wrapped_row_labels_are_passed_over():
    values = synthetic.make_values("2021", 414)
    report = parsed(values, "2021", narrow_column_line)
    assert report["applications"] == values["applications"]
    assert not [p for p in report["problems"] if p.get("table") == "三"]


# pdftotext -layout of （六）其他处理 centred beside its three items: its second piece on a line of
# its own between the first two pieces of item 2's label.
def group_piece_between_label_pieces(row, label, figures):
    if row.key is None and label.startswith("（六）"):
        return "      （六）其"
    if row.key == "3.6.2":
        return "\n".join(["              2.申请人逾期未按收费通知要",
                          "      他处理",
                          "              求缴纳费用、行政机关不再处               " + "    ".join(figures),
                          "                 理其政府信息公开申请"])
    return None


def test_a_group_label_piece_between_the_pieces_of_a_row_label_is_passed_over():
    values = synthetic.make_values("2021", 415)
    report = parsed(values, "2021", group_piece_between_label_pieces)
    assert report["applications"] == values["applications"]
    assert not [p for p in report["problems"] if p.get("table") == "三"]


# A PDF converter's Markdown of 上海市科委's 2024 report: the second piece of （四）无法提供 set inside
# item 2's wrapped label ("2.没有现成信息需要另" + "法提供" + "行制作"), so the whole label is nowhere.
def group_piece_inside_a_label(row, label, figures):
    if row.key is None and label.startswith("（四）"):
        return "      （四）无"
    if row.key == "3.4.2":
        return "\n".join(["          2.没有现成信息需要另法提供",
                          "          行制作         " + "    ".join(figures)])
    return None


def test_a_row_whose_label_is_cut_by_other_words_is_said_to_be_printed_not_missing():
    values = synthetic.make_values("2021", 416)
    report = parsed(values, "2021", group_piece_inside_a_label)
    app = report["applications"]
    assert all(v is None for v in app["3.4.2"].values())
    assert {k: v for k, v in app.items() if k != "3.4.2"} == \
        {k: v for k, v in values["applications"].items() if k != "3.4.2"}
    [cut] = [p for p in report["problems"] if p.get("row") == "3.4.2"]
    assert cut["rule"] == "F-missing-row" and "隔断" in cut["message"] and "缺少" not in cut["message"]


def test_an_items_own_number_written_apart_from_its_words_is_no_figure_before_the_label():
    # "1   属于国家秘密   5  0 …": the item's number, its period lost, is its numbering, not the
    # upper piece of a broken figure; the row is read.
    for template_id in tpl.TEMPLATES:
        values = synthetic.make_values(template_id, 413)

        def line_of(row, label, figures):
            if row.key is not None and row.key.count(".") == 2:
                number, words = label.split(".", 1)
                return f"          {number}   {words}         {'    '.join(figures)}"
            return None

        report = parsed(values, template_id, line_of)
        assert wrong_cells(values, report) == []
        assert not [p for p in report["problems"] if "标签前有数值" in p["message"]], template_id
        # The last item of each group is read: no next item's number runs on after its figures.
        for key in ("3.3.8", "3.4.3"):
            assert report["applications"][key] == values["applications"][key], (template_id, key)


def layout_row(label: str, figures: list, pitch: int = 9, align: str = "right") -> str:
    """A row as pdftotext -layout prints it: the label, then each figure in a column `pitch`
    characters wide, right-aligned or centred; None is a blank cell (spaces only)."""
    cells = ["" if f is None else str(f) for f in figures]
    body = "".join(c.rjust(pitch) if align == "right" else c.center(pitch) for c in cells)
    return f"    {label}   {body}"


def page_row(label: str, figures: list, places: list[int], align: str = "right") -> str:
    """A row as pdftotext -layout prints it: the label at the left, each figure where its column
    stands on the page (`places`: each column's right end, centre or left end, by `align`),
    whatever the label's length; None is a blank cell."""
    line = f"    {label}"
    for figure, place in zip(figures, places):
        if figure is not None:
            text = str(figure)
            start = {"right": place - len(text), "centre": place - len(text) // 2, "left": place}[align]
            line = line.ljust(start - 1) + " " + text
    return line


# Blank cells by row, as column indices, in turn: complete rows between rows blank at the start,
# the end, inside, at both ends, twice inside.
BLANKS = [(), (0,), (), (6,), (), (3,), (), (0, 6), (), (2, 4)]
EVEN = [52 + 9 * k for k in range(7)]
TOTAL_APART = [52, 60, 68, 76, 84, 92, 106]  # the total's column set apart, wider than the others


def with_blanks(template_id: str, seed: int, blanks=BLANKS) -> tuple[dict, dict]:
    """Values with cells blanked row by row, and the blank columns of each row."""
    values = synthetic.make_values(template_id, seed)
    columns = [c.key for c in tpl.get(template_id).app_columns]
    keys = [r.key for r in tpl.get(template_id).app_rows if r.key is not None]
    blank = {key: blanks[i % len(blanks)] for i, key in enumerate(keys)}
    for key, where in blank.items():
        for k in where:
            values["applications"][key][columns[k]] = None
    return values, blank


def row_figures(values: dict, template_id: str, key: str) -> list:
    return [values["applications"][key][c.key] for c in tpl.get(template_id).app_columns]


def assert_blanks_read(values: dict, report: dict, blank: dict, template_id: str) -> None:
    """Every row read as printed, each blank cell missing with its own problem."""
    assert wrong_cells(values, report) == []
    assert report["applications"] == values["applications"]
    columns = [c.key for c in tpl.get(template_id).app_columns]
    for key, where in blank.items():
        for k in where:
            assert any(p["rule"] == "P-missing-cell" and p.get("row") == key and p.get("column") == columns[k]
                       for p in report["problems"]), (key, columns[k])


def parsed_rows(values: dict, template_id: str, write) -> dict:
    """The report with each row of table 三 that holds figures written by write(label, figures)."""
    def line_of(row, label, _):
        return None if row.key is None else write(label, row_figures(values, template_id, row.key))

    return parsed(values, template_id, line_of)


def assert_refused(values: dict, report: dict, keys) -> None:
    assert wrong_cells(values, report) == []
    for key in keys:
        assert all(v is None for v in report["applications"][key].values()), key
        assert any(p["rule"] == "F-cell-count" and p.get("row") == key for p in report["problems"]), key


@pytest.mark.parametrize("align", ["right", "centre", "left"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_layout_text_blank_cells_are_read_in_the_columns_the_pages_complete_rows_share(template_id, align):
    # pdftotext -layout, pdfplumber layout=True: every figure where its column stands on the page,
    # whatever the label's length. A blank at the start or the end of a row, or two, leave no gap
    # in the row itself; the complete rows of the page show where each figure stands.
    values, blank = with_blanks(template_id, 421)
    report = parsed_rows(values, template_id, lambda label, figures: page_row(label, figures, TOTAL_APART, align))
    assert_blanks_read(values, report, blank, template_id)


def gap_row(label: str, figures: list, places: list[int]) -> str:
    """A row as PyMuPDF get_text(sort=True) prints it: each gap spaced by its own width from the
    end of the label on, so the figures stand further right the longer the label (`places`: each
    column's right end from the label's end); None is a blank cell."""
    return page_row(label, figures, [len(label) + 4 + p for p in places]).rstrip()


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pymupdf_sort_text_places_blank_cells_by_the_gaps_between_the_pages_columns(template_id):
    # The places move with the label, the gaps between the columns do not: with the total's column
    # set apart, each row's gaps fit one choice of columns, a blank first cell told from a blank last.
    # Blank at both ends, the five figures fit any five columns side by side before the total's.
    values, blank = with_blanks(template_id, 422)
    report = parsed_rows(values, template_id, lambda label, figures: gap_row(label, figures, TOTAL_APART))
    both_ends = [key for key, where in blank.items() if where == (0, 6)]
    assert_refused(values, report, both_ends)
    for key, where in blank.items():
        if key not in both_ends:
            assert report["applications"][key] == values["applications"][key], key


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pymupdf_sort_text_with_even_columns_leaves_a_blank_at_either_end_unknown(template_id):
    # Evenly spaced columns: a row one figure short at either end fits two choices of columns alike.
    values, blank = with_blanks(template_id, 423)
    report = parsed_rows(values, template_id, lambda label, figures: gap_row(label, figures, EVEN))
    inside = {key: where for key, where in blank.items() if where in ((3,), (2, 4))}
    assert_refused(values, report, [key for key, where in blank.items() if where and key not in inside])
    for key in inside:
        assert report["applications"][key] == values["applications"][key], key


def test_a_row_whose_gaps_nearly_fit_two_choices_of_columns_places_no_blank():
    # pdftotext -layout pushes a long label's figures together: the row's gaps (5 5 8 7 6) come
    # within a character of columns two to seven (6 6 7 6 7) and two characters of one to six,
    # where they stand (the total blank). Not clearly one choice: the row is refused.
    values, _ = with_blanks("2021", 429, blanks=[()])
    values["applications"]["3.1"] = dict(zip([c.key for c in tpl.get("2021").app_columns],
                                             [101, 202, 303, 404, 505, 606, None]))
    columns = [52, 58, 64, 70, 77, 83, 90]

    def line_of(row, label, figures):
        if row.key is None:
            return None
        places = [52, 57, 62, 70, 77, 83, 90] if row.key == "3.1" else columns
        return gap_row(label, row_figures(values, "2021", row.key), places)

    assert_refused(values, parsed(values, "2021", line_of), ["3.1"])


def test_complete_rows_whose_labels_end_alike_show_no_place_of_the_columns():
    # A copy that leaves blank cells out, its figures spaced from the label's end on: complete rows
    # whose labels are of one length agree on the places, which follow the label, not the page.
    # A row with its first cell blank (a label of that length too) stands as if its last were; the
    # columns' places are taken as the page's only where labels ending apart still agree.
    complete, short = ("3.3.4", "3.3.6", "3.5.1"), "3.5.3"  # labels of eleven characters
    keys = [r.key for r in tpl.get("2021").app_rows if r.key is not None]
    values, _ = with_blanks("2021", 430, blanks=[(2, 4)])
    for key in (*complete, short):
        values["applications"][key] = synthetic.make_values("2021", 430)["applications"][key]
    values["applications"][short]["natural_person"] = None

    def line_of(row, label, figures):
        if row.key is None:
            return None
        shown = [f for f in row_figures(values, "2021", row.key) if f is not None]
        if row.key in complete or row.key == short:
            return gap_row(label, shown, EVEN)
        return f"{label} " + " ".join(map(str, shown))  # single spaces: no spacing to read

    report = parsed(values, "2021", line_of)
    assert_refused(values, report, [key for key in keys if key not in complete])
    for key in complete:
        assert report["applications"][key] == values["applications"][key], key


def test_complete_rows_that_disagree_on_the_columns_place_no_blank():
    # Complete rows whose figures stand neither in the same places nor the same gaps (a copy, not
    # a page's layout): no row one figure short is placed.
    values, blank = with_blanks("2021", 424)
    keys = [r.key for r in tpl.get("2021").app_rows if r.key is not None]

    def line_of(row, label, figures):
        if row.key is None:
            return None
        shift = keys.index(row.key) % 3
        places = [p + shift * k for k, p in enumerate(EVEN)]
        return page_row(label, row_figures(values, "2021", row.key), places)

    assert_refused(values, parsed(values, "2021", line_of), [key for key, where in blank.items() if where])


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_complete_row_whose_figures_stand_off_the_pages_columns_is_refused(template_id):
    # Found by the study on Word tables printed through LibreOffice: beside a label that spans the
    # group columns and wraps (四、结转下年度继续办 / 理), pdftotext -layout wrote the row's first
    # two figures swapped and set apart ("731        121           678" for 121, 731, 678), where
    # the page's other rows stand in even columns: all seven figures are there and add up, only
    # their places show that the line's order is not the table's.
    values = synthetic.make_values(template_id, 425)
    keys = [r.key for r in tpl.get(template_id).app_rows if r.key is not None]
    swapped = keys[-1]  # 四、结转下年度继续办理
    first, second = (c.key for c in tpl.get(template_id).app_columns[:2])
    values["applications"][swapped].update({first: 121, second: 731})

    def line_of(row, label, _):
        if row.key is None:
            return None
        shown = row_figures(values, template_id, row.key)
        if row.key == swapped:
            return page_row(label, [shown[1], shown[0], *shown[2:]], [48, 59] + EVEN[2:])
        return page_row(label, shown, EVEN)

    report = parsed(values, template_id, line_of)
    assert_refused(values, report, [swapped])
    assert all(report["applications"][key] == values["applications"][key] for key in keys[:-1])


@pytest.mark.parametrize("page_break", ["\f", "\n                              — 4 —\n"])
def test_complete_rows_on_another_page_place_no_blank(page_break):
    # Table 三 over two pages, the second one's columns a column's width to the right: rows of the
    # second page, each one figure short, are not read in the first page's columns (a blank last
    # cell would read as a blank first one), whether a form feed or a footer parts the pages.
    keys = [r.key for r in tpl.get("2021").app_rows if r.key is not None]
    second = keys[len(keys) // 2:]
    values, blank = with_blanks("2021", 425, blanks=[()] * (len(keys) - len(second)) + [(6,), (0,)] * len(second))

    def line_of(row, label, figures):
        if row.key is None:
            return None
        if row.key not in second:
            return page_row(label, row_figures(values, "2021", row.key), EVEN)
        line = page_row(label, row_figures(values, "2021", row.key), [p + 9 for p in EVEN])
        return page_break + line if row.key == second[0] else line

    report = parsed(values, "2021", line_of)
    assert_refused(values, report, second)
    for key in keys[:len(keys) // 2]:
        assert report["applications"][key] == values["applications"][key], key


def test_a_row_under_the_upper_pieces_of_figures_too_wide_for_their_cells_places_no_blank():
    # pdftotext -layout of a figure broken over two lines of its narrow cell: "43" on a line of its
    # own, "21" beside the label with the row's other figures, its last cell blank. The row's line
    # holds a piece, not the figure: it is not read in the page's columns.
    values, _ = with_blanks("2021", 428, blanks=[()])
    row = values["applications"]["3.3.4"]
    row.update(natural_person=4321, total=None)

    def line_of(r, label, figures):
        if r.key is None:
            return None
        shown = row_figures(values, "2021", r.key)
        if r.key != "3.3.4":
            return page_row(label, shown, EVEN)
        return page_row("", ["43"], EVEN) + "\n" + page_row(label, ["21", *shown[1:]], EVEN)

    report = parsed(values, "2021", line_of)
    assert_refused(values, report, ["3.3.4"])
    assert_exact_except(values, report, unsure_rows=("3.3.3", "3.3.4"))


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_without_complete_rows_on_the_page_a_gap_twice_the_spacing_places_no_blank(template_id):
    # pdftotext -layout may set the total's column further apart than the others: a row whose first
    # cell is blank then shows a gap twice its spacing before the total, as if a cell there were
    # blank. Without a complete row on the page to show the columns, the row is refused.
    values, blank = with_blanks(template_id, 426, blanks=[(0,), (6,)])
    places = [52, 59, 66, 73, 80, 87, 101]
    report = parsed_rows(values, template_id, lambda label, figures: page_row(label, figures, places))
    assert_refused(values, report, list(blank))


def test_text_written_with_single_spaces_places_no_blank():
    # pdftotext -raw, pdfplumber's default: one space between figures, no page's spacing kept.
    values, blank = with_blanks("2021", 427)

    def line_of(row, label, figures):
        if row.key is None:
            return None
        return f"{label} " + " ".join(str(f) for f in row_figures(values, "2021", row.key) if f is not None)

    assert_refused(values, parsed(values, "2021", line_of), [key for key, where in blank.items() if where])


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_text_whose_spacing_is_uneven_gets_no_blank_placed_by_it(template_id):
    # Figures joined by a varying run of spaces (a copy, not a page's layout): no gap tells the
    # blank's column, the row is refused.
    values = synthetic.make_values(template_id, 415)
    columns = [c.key for c in tpl.get(template_id).app_columns]
    values["applications"]["3.1"][columns[3]] = None

    def line_of(row, label, figures):
        if row.key != "3.1":
            return None
        shown = [values["applications"]["3.1"][c] for c in columns]
        return f"    {label}   " + "".join(f"{f}{' ' * (2 + 3 * (i % 3))}" for i, f in enumerate(shown) if f is not None)

    report = parsed(values, template_id, line_of)
    assert wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"]["3.1"].values())


@pytest.mark.parametrize("blank", [0, 3, 7, 14])
def test_layout_text_table_four_with_a_blank_cell_is_placed_by_the_spacing_or_refused(blank):
    # Table 四's fifteen figures on one line of layout text, one cell blank: inside the row its
    # gap places it; first or last, the row is refused.
    values = synthetic.make_values("2021", 416)
    t = tpl.get("2021")
    places = [(g, c.key) for g, _ in t.review_groups for c in t.review_columns]
    group, column = places[blank]
    values["review_litigation"][group][column] = None
    lines = synthetic.render(values, "2021", agency="某某县交通运输局", year=YEAR, layout="pdf").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("四、") and "复议" in line)
    end = next(i for i, line in enumerate(lines) if line.strip().startswith("五、"))
    lines[start + 1:end] = ["    行政复议                     行政诉讼",
                            "    " + "".join(h.center(9) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
                            layout_row("", [values["review_litigation"][g][c] for g, c in places], 9).rstrip()[1:], ""]
    report = parse_bytes("\n".join(lines).encode("utf-8"), "data/report.txt")
    assert wrong_cells(values, report) == []
    if blank in (0, 14):
        assert all(v is None for cols in report["review_litigation"].values() for v in cols.values())
    else:
        assert report["review_litigation"] == values["review_litigation"]
        assert any(p["rule"] == "P-missing-cell" and p.get("column") == f"{group}.{column}" for p in report["problems"])


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
@pytest.mark.parametrize("blank", [0, 4, 5, 9, 10, 14])
def test_table_four_with_a_group_set_apart_places_no_blank_beside_the_groups_edge(template_id, blank):
    # Found by a fuzz round: 行政诉讼 set a column's width further from 行政复议 than the columns
    # stand apart, and the row's first or last cell blank: the edge shows a gap twice the row's
    # spacing, taken for the blank's place, and every figure before it (or after it) was read a
    # column off. A blank beside a groups' edge is not told by the spacing: the row is refused.
    values = synthetic.make_values(template_id, 426)
    t = tpl.get(template_id)
    places = [(g, c.key) for g, _ in t.review_groups for c in t.review_columns]
    group, column = places[blank]
    values["review_litigation"][group][column] = None
    figures = [values["review_litigation"][g][c] for g, c in places]
    apart = blank in (0, 14)  # the group set apart; else even columns, the blank beside the edge
    line = "".join(("" if f is None else str(f)).rjust(9 + (9 if apart and k == 5 else 0))
                   for k, f in enumerate(figures))
    report = parse_bytes(table_four_text(values, template_id, [line]), "data/report.txt")
    assert wrong_cells(values, report) == []
    assert all(v is None for cols in report["review_litigation"].values() for v in cols.values())
    assert any(p["rule"] == "F-cell-count" and p["table"] == "四" for p in report["problems"])


def table_four_text(values: dict, template_id: str, block: list[str]) -> bytes:
    """The report as PDF text with table 四's header and then `block` as its figures."""
    lines = synthetic.render(values, template_id, agency="某某县交通运输局", year=YEAR, layout="pdf").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("四、") and "复议" in line)
    end = next(i for i, line in enumerate(lines) if line.strip().startswith("五、"))
    head = ["行政复议 行政诉讼", *"结果维持 结果纠正 其他结果 尚未审结 总计".split(),
            "未经复议直接起诉 复议后起诉", *"结果维持 结果纠正 其他结果 尚未审结 总计".split() * 2]
    lines[start + 1:end] = head + block
    return "\n".join(lines).encode("utf-8")


def _broken_row(template_id: str) -> tuple[dict, list]:
    """Values whose 行政复议 · 其他结果 is 117, with 复议后起诉 · 结果维持 printed blank: the row
    has fifteen figures as printed once 117 is broken in two."""
    values = synthetic.make_values(template_id, 417)
    values["review_litigation"]["review"]["other"] = 117
    values["review_litigation"]["litigation_after_review"]["upheld"] = None
    t = tpl.get(template_id)
    row = [values["review_litigation"][g][c.key] for g, _ in t.review_groups for c in t.review_columns]
    return values, row


def _pieces(row: list) -> list[str]:
    """The row's printed figures with 117 as the two pieces a narrow cell breaks it into."""
    out = []
    for i, f in enumerate(row):
        if f is None:
            continue
        out.extend(["11", "7"] if i == 2 else [str(f)])
    return out


@pytest.mark.parametrize("template_id", ["2021", "2019"])
@pytest.mark.parametrize("form", ["pypdf plain", "layout", "pdfminer"])
def test_table_four_figure_broken_over_two_lines_of_its_cell_is_refused_not_shifted(template_id, form):
    # A study of Word tables printed to PDF (narrow columns, a blank cell) through pypdf, pdftotext
    # -layout and pypdf's layout mode: 117 broken into "11" over "7" made the row's fifteen
    # figures with the blank left out, every figure after it read one column to the left.
    values, row = _broken_row(template_id)
    pieces = _pieces(row)
    assert len(pieces) == 15
    if form == "pypdf plain":  # "80 69 11" / "7" / the rest
        block = [" ".join(pieces[:3]), "7", " ".join(pieces[4:])]
    elif form == "layout":  # the lower piece under the upper one on the next line
        upper = "".join(p.rjust(6) for p in pieces[:3] + pieces[4:])
        block = [upper, " " * 17 + "7"]
    else:  # pdfminer: a block a cell, the broken figure's two pieces in one
        block = []
        for i, p in enumerate(pieces):
            block += [p] if i == 3 else [p, ""]
    report = parse_bytes(table_four_text(values, template_id, block), "data/report.txt")
    assert wrong_cells(values, report) == []
    assert all(v is None for cols in report["review_litigation"].values() for v in cols.values())
    assert any(p["rule"] == "F-cell-count" and p["table"] == "四" and "拆成两行" in p["message"]
               for p in report["problems"])
    assert report["applications"] == values["applications"]


@pytest.mark.parametrize("form", ["one line", "one a line"])
def test_table_four_row_on_one_line_or_one_figure_a_line_is_read(form):
    values = synthetic.make_values("2021", 418)
    t = tpl.get("2021")
    row = [str(values["review_litigation"][g][c.key]) for g, _ in t.review_groups for c in t.review_columns]
    block = [" ".join(row)] if form == "one line" else [line for f in row for line in (f, "")]
    report = parse_bytes(table_four_text(values, "2021", block), "data/report.txt")
    assert report["review_litigation"] == values["review_litigation"]
    assert not [p for p in report["problems"] if p.get("table") == "四"]


def test_a_first_figure_pushed_by_a_long_label_places_no_blank():
    # Found by fuzzing: pdftotext -layout writes a word that would overlap the one before a space
    # after it, so a label running past the first column's place pushes the row's first figure
    # right ("…申请 142          360 …" for 142 in the first column, its next two cells blank).
    # Its label ends past the complete rows' labels: by the gaps alone the pushed figure fit the
    # second column, and 142 was read as 商业企业.
    values, _ = with_blanks("2021", 431, blanks=[()])
    columns = [c.key for c in tpl.get("2021").app_columns]
    row = values["applications"]["3.6.1"]
    row.update({columns[0]: 142, columns[1]: None, columns[2]: None, columns[5]: None})

    def line_of(r, label, figures):
        if r.key is None:
            return "" if label.startswith("（六）") else None
        shown = row_figures(values, "2021", r.key)
        return page_row(("（六）其他处理" + " " * 12 if r.key == "3.6.1" else "") + label, shown, TOTAL_APART)

    assert_refused(values, parsed(values, "2021", line_of), ["3.6.1"])


def test_figures_too_wide_for_their_columns_place_no_blank_by_gaps_that_drift():
    # Found by fuzzing: five-digit figures in columns five characters apart push the rest of the
    # row a character further right each ("9382 11706 11537 10973 10809       64629", the sixth
    # cell blank). Each gap alone is within a character of the columns' pitch, so by the gaps
    # the figures fit columns two to seven; from the first figure on they stand four characters
    # off. Only two complete rows, their labels ending before the row's: its place proves
    # nothing, the gaps decide.
    values, _ = with_blanks("2021", 432, blanks=[(3,)])
    columns = [c.key for c in tpl.get("2021").app_columns]
    complete = ("3.3.1", "3.3.6")
    for key in complete:
        values["applications"][key] = synthetic.make_values("2021", 432)["applications"][key]
    values["applications"]["1"] = dict(zip(columns, [9382, 11706, 11537, 10973, 10809, None, 64629]))
    places = [50, 55, 60, 65, 70, 75, 85]

    def line_of(r, label, figures):
        if r.key is None:
            return None
        shown = row_figures(values, "2021", r.key)
        if r.key in (*complete, "1"):
            return page_row(label, shown, places, "left")
        return f"{label} " + " ".join(str(f) for f in shown if f is not None)

    assert_refused(values, parsed(values, "2021", line_of), ["1"])


def test_a_figure_a_single_space_after_a_wide_one_places_no_blank():
    # Found by fuzzing: in columns four characters apart, pdftotext -layout writes a figure that
    # would overlap the wider one before it a space after it ("12138 11627 13886   68569", the
    # second pushed two characters right, cells three, five and seven blank). The page's complete
    # rows, figures of one width, agree in every alignment: by right ends the pushed figure fit
    # the third column, and 11627 was read as 科研机构.
    columns = [c.key for c in tpl.get("2021").app_columns]
    values, _ = with_blanks("2021", 433, blanks=[(3,)])
    values["applications"]["3.4.2"] = dict(zip(columns, [430, 432, 203, 961, 186, 322, 2534]))
    values["applications"]["3.5.3"] = dict(zip(columns, [965, 127, 124, 836, 111, 966, 2929]))
    values["applications"]["3.4.1"] = dict(zip(columns, [12138, 11627, None, 13886, None, 68569, None]))
    places = [50 + 4 * k for k in range(7)]

    def line_of(r, label, figures):
        if r.key is None:
            return None
        shown = row_figures(values, "2021", r.key)
        if r.key in ("3.4.1", "3.4.2", "3.5.3"):
            return page_row(label, shown, places, "left")
        return f"{label} " + " ".join(str(f) for f in shown if f is not None)

    assert_refused(values, parsed(values, "2021", line_of), ["3.4.1"])


def off_columns(shown: list, swapped: bool) -> tuple[list, list[int]]:
    """A row's figures and places as pdftotext -layout may print a row of 5-digit figures: one set
    three characters and more off its column (`swapped`: its first two figures swapped as well)."""
    places = list(EVEN)
    places[3] -= 4
    if swapped:
        shown = [shown[1], shown[0], *shown[2:]]
        places[:2] = [48, 59]
    return shown, places


def parsed_with_a_row_off_columns(values: dict, template_id: str, key: str, swapped: bool) -> dict:
    """The report of layout text whose row `key` stands off the page's columns (off_columns), every
    other row on them."""
    def line_of(row, label, _):
        if row.key is None:
            return None
        shown = row_figures(values, template_id, row.key)
        return page_row(label, *off_columns(shown, swapped)) if row.key == key else page_row(label, shown, EVEN)

    return parsed(values, template_id, line_of)


@pytest.mark.parametrize("key", ["3.7", "1", "4"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_row_off_its_pages_columns_is_read_where_the_tables_rules_prove_its_order(template_id, key):
    # pdftotext -layout sets a figure of (七)总计 (5 digits, centred) apart from its column; the
    # results' sums in every column, or 一 + 二 = (七) + 四, prove the line's order.
    values = synthetic.make_values(template_id, 426)
    report = parsed_with_a_row_off_columns(values, template_id, key, swapped=False)
    assert report["applications"] == values["applications"]
    assert not [p for p in report["problems"] if p.get("table") == "三"]


@pytest.mark.parametrize("key", ["3.7", "1", "4"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_row_off_its_pages_columns_with_figures_swapped_stays_refused(template_id, key):
    values = synthetic.make_values(template_id, 426)
    first, second = (values["applications"][key][c.key] for c in tpl.get(template_id).app_columns[:2])
    assert first != second
    report = parsed_with_a_row_off_columns(values, template_id, key, swapped=True)
    assert_refused(values, report, [key])
    assert all(report["applications"][k] == values["applications"][k] for k in values["applications"] if k != key)


# A fourth study printed real published reports (HTML pages, their cells as published) to PDF
# with headless Chromium and read them with pypdf 7.1.1, pdfminer.six and pdftotext. pypdf's plain
# mode writes a cell's "5419886元" as "5419886 元" when the font changes between the figure and
# the unit: 元 stands apart, and the amount, in 元, was read as 万元 (ten thousand times too large).

TEMPLATE_YEAR = {"2019": 2020, "2021": 2023}


def procurement_line(values: dict, template_id: str, written: str) -> str:
    """The report as pypdf plain text with table 二's 政府集中采购 row replaced by `written`."""
    text = synthetic.render(values, template_id, agency="某某区司法局", year=TEMPLATE_YEAR[template_id], layout="pdf")
    pro = values["proactive"]["procurement"]
    line = f"政府集中采购 {pro['projects']} {pro['amount']:.2f}"
    assert text.count(line) == 1
    return text.replace(line, written)


@pytest.mark.parametrize("unit", ["元", "千元", "亿元"])
def test_an_amount_whose_unit_pypdf_set_apart_is_never_read_as_wan_yuan(unit):
    values = synthetic.make_values("2019", 4)
    projects = values["proactive"]["procurement"]["projects"]
    text = procurement_line(values, "2019", f"政府集中采购 {projects} 5419886 {unit}")
    report = parse_bytes(text.encode("utf-8"), "report.txt")
    assert report["proactive"]["procurement"] == {"projects": projects, "amount": None}
    [problem] = [p for p in report["problems"] if p["where"].startswith("二 · 政府集中采购")]
    assert problem["rule"] == "F-bad-number" and unit in problem["message"]
    assert {k: v for k, v in report["proactive"].items() if k != "procurement"} == \
        {k: v for k, v in values["proactive"].items() if k != "procurement"}
    assert report["applications"] == values["applications"]


def test_an_amount_and_a_count_whose_units_pypdf_set_apart_are_read_as_printed_in_the_templates_units():
    # "282 笔 650.83 万元": a count's unit and the template's own amount unit, apart from their figures.
    values = synthetic.make_values("2019", 4)
    pro = values["proactive"]["procurement"]
    text = procurement_line(values, "2019", f"政府集中采购 {pro['projects']} 笔 {pro['amount']:.2f} 万元")
    report = parse_bytes(text.encode("utf-8"), "report.txt")
    assert report["proactive"] == values["proactive"]
    assert not [p for p in report["problems"] if p["where"].startswith("二 ·")]


# pypdf's layout mode sets the last two figures of a row of table 三 together when Chromium
# prints the page with narrow columns ("6.属于四类过程性信息   0   0    0   0     0     00",
# "(七)总计   18  0    0   0     0     018"): no cell is printed with a leading 0, so "018" is 0 and
# 18. The next item's number on the line under the row ("7.", its words after it) is no figure
# of the row.

def natural_persons_only(template_id: str, seed: int) -> dict:
    """Values whose applications all come from natural persons: every other column 0, the total
    the natural persons' figure (a small agency's report)."""
    values = synthetic.make_values(template_id, seed)
    for cells_ in values["applications"].values():
        for key in cells_:
            cells_[key] = cells_["natural_person"] if key == "total" else cells_[key] if key == "natural_person" else 0
    return values


def pypdf_layout_table_three(values: dict, template_id: str, glued_rows) -> list[str]:
    """Table 三 as pypdf's layout mode writes it: a row a line, no blank line between rows; in
    `glued_rows` the last two figures with nothing between them."""
    def line_of(row, label, figures):
        if figures is None:
            return f"       {label}"
        if row.key in glued_rows:
            figures = figures[:-2] + [figures[-2] + figures[-1]]
        return f"                 {label}                 " + "   ".join(figures)
    return table_three_lines(values, template_id, line_of, blank_lines=False)


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_rows_whose_last_two_figures_pypdf_layout_set_together_are_split_at_the_leading_zero(template_id):
    values = natural_persons_only(template_id, 5)
    keys = [r.key for r in tpl.get(template_id).data_rows]
    text = pdf_text_with_table_three(values, template_id, "某某县交通运输局", YEAR,
                                     pypdf_layout_table_three(values, template_id, keys))
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert report["applications"] == values["applications"]
    assert not [p for p in report["problems"] if p.get("table") == "三"]


# pdftotext -layout of a page whose label columns are so narrow that the merged group labels
# beside the rows stand a single space from the wrapped row labels (Chromium or Word printing a
# small page): "（三）不 1.属于国家秘" / figures / "予公开 密", and the figures' line opened by a
# group piece too ("法提供 息需要另行制     0 …").
def group_pieces_one_space_apart(row, label, figures):
    if row.key is None:
        return "" if label.startswith(("（三）", "（四）")) else None
    figs = "     ".join(figures)
    shapes = {
        "3.3.1": ["       （三）不 1.属于国家秘", "                      " + figs, "       予公开 密"],
        "3.4.2": ["    （四）无 2.没有现成信", "    法提供 息需要另行制     " + figs, "         作"],
    }
    return "\n".join(shapes[row.key]) if row.key in shapes else None


def test_group_label_pieces_one_space_from_a_wrapped_row_label_are_passed_over():
    values = synthetic.make_values("2021", 417)
    report = parsed(values, "2021", group_pieces_one_space_apart)
    assert report["applications"] == values["applications"]
    assert not [p for p in report["problems"] if p.get("table") == "三"]


# The same off-column place, beside a tall wrapped label ("(二)部分公开（区分处理的，只计这" /
# "0      0   0   0   0    0    0" / "一情形，不计其他情形）"), for a row of zeros: whatever the
# order of its figures on the line, each cell holds 0.

@pytest.mark.parametrize("zeros", [True, False])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_complete_row_off_the_pages_columns_is_read_only_where_its_figures_are_all_one(template_id, zeros):
    values = synthetic.make_values(template_id, 425)
    if zeros:
        values["applications"]["3.2"] = {c.key: 0 for c in tpl.get(template_id).app_columns}

    def line_of(row, label, _):
        if row.key is None:
            return None
        shown = row_figures(values, template_id, row.key)
        return page_row(label, *off_columns(shown, swapped=False)) if row.key == "3.2" else page_row(label, shown, EVEN)

    report = parsed(values, template_id, line_of)
    if zeros:
        assert report["applications"] == values["applications"]
        assert not [p for p in report["problems"] if p["rule"].startswith("F-")]
    else:
        assert_refused(values, report, ["3.2"])


def test_a_row_whose_figures_ran_together_with_a_figure_on_the_line_under_it_stays_refused():
    # "6.属于四类过程性信息  138 0 0 0 0 0138" over a line "  12" (a page number, or a piece of
    # a figure a narrow cell broke): the row may go on over the next line, so it is not split.
    values = natural_persons_only("2021", 5)
    keys = [r.key for r in tpl.get("2021").data_rows]
    lines = pypdf_layout_table_three(values, "2021", keys)
    at = next(i for i, line in enumerate(lines) if "6.属于四类过程性信息" in line)
    lines.insert(at + 1, "                                      12")
    text = pdf_text_with_table_three(values, "2021", "某某县交通运输局", YEAR, lines)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert_refused(values, report, ["3.3.6"])
    assert {k: v for k, v in report["applications"].items() if k != "3.3.6"} == \
        {k: v for k, v in values["applications"].items() if k != "3.3.6"}
