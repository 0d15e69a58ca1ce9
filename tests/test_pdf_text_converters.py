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
"""
from __future__ import annotations

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

from format_fixtures import PDF_TABLE_THREE_HEADER, assert_exact_except, pdf_text_with_table_three, wrong_cells

YEAR = 2023


def table_three_lines(values: dict, template_id: str, line_of=None) -> list[str]:
    """Table 三 as layout text: group headings on lines of their own, each row's label and its
    figures on one line; line_of(row, label, figures) may write a row otherwise (figures None for
    a group heading; "" leaves it out)."""
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


@pytest.mark.parametrize("align", ["right", "centre"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_layout_text_blank_cell_inside_a_row_is_placed_by_the_spacing_and_at_an_end_refused(template_id, align):
    # pdftotext -layout keeps the page's spacing: a blank cell between two figures leaves a gap
    # twice the row's own; a blank first or last cell leaves none, and the row is refused.
    values = synthetic.make_values(template_id, 414)
    keys = [r.key for r in tpl.get(template_id).app_rows if r.key is not None]
    columns = [c.key for c in tpl.get(template_id).app_columns]
    blanks = {key: columns[i % len(columns)] for i, key in enumerate(keys)}  # every position, row by row
    for key, column in blanks.items():
        values["applications"][key][column] = None
    pitches = {key: 8 + i % 4 for i, key in enumerate(keys)}  # each row its own spacing

    def line_of(row, label, figures):
        if row.key is None:
            return None
        return layout_row(label, [values["applications"][row.key][c] for c in columns], pitches[row.key],
                          "right" if align == "right" else "centre")

    report = parsed(values, template_id, line_of)
    assert wrong_cells(values, report) == []
    for key, column in blanks.items():
        if column in (columns[0], columns[-1]):
            assert all(v is None for v in report["applications"][key].values()), key
            assert any(p["rule"] == "F-cell-count" and p.get("row") == key for p in report["problems"]), key
        else:
            assert report["applications"][key] == values["applications"][key], key
            assert any(p["rule"] == "P-missing-cell" and p.get("row") == key and p.get("column") == column
                       for p in report["problems"]), key


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
