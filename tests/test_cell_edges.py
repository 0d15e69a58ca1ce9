"""Where one cell ends and the next begins, in text without cells and in text whose rows lost a
cell: layouts a structure-aware fuzzer of the text readers found giving a WRONG value, each
written here on a synthetic report (synthetic.make_values: a different non-zero figure in every
cell, every rule holding), so a parser that reads a neighbour's cell fails.

- 无 typed into a cell between tabs stays a cell: the matching stream joins words across tabs
  (label cells), and "数量⇥⇥无" or "无⇥无" had become one word, the row a cell short and read one
  column to the left.
- Tab text whose trailing whitespace an editor trimmed: a row whose 总计 is blank lost its last
  tab, so its first empty cell may be the label's padding, not a blank 自然人.
- Tab rows split by an empty line or a page footer keep the same columns in both pieces: the
  empty columns taken out of one piece (a merged label's covered one) shifted row 四 of the other.
- Table 三 whose total column comes first under 合计 or 小计 (variants of 总计), or whose 其他
  stands before another column under 法人或其他组织, is never read in the template's order.
- A figure a narrow cell broke over two lines whose second piece no figure starts with (2 / 003,
  917 / .07): never the first piece alone.
- A note under table 二 ("注：本年度共收到申请 5 件") gives its last row none of its figures.
- A footnote's mark after a figure (250<sup>1</sup>, 250¹, 250₁, 250①, a superscript run in Word) is
  no digit of it: NFKC would have read 2501.
- A row's first figure printed with a word or a note ("约250", "250(含修订1)") or garbled
  ("2x50") in tab text whose rows end with an empty cell: the cell was taken for a piece of the
  label, and the row's other figures and the empty last cell for its columns, each a column to
  the left. It is refused, with the cell named.
- Two rows whose labels are printed in one cell (a PDF table that lost the rule between them, as
  pdfplumber reads it: 行政处罚行政强制 beside one row of figures): the figures may be either
  row's; the second row's label had taken them. Neither row is read, and each says why.
- A character no reader sees (zero-width space, joiner, word joiner, soft hyphen) copied into a
  figure or after it: the figure is the one the reader sees (805), in text as in a page; text
  files had kept it, so the cell was refused, and a page had read "8\u200b05" as "8 05".
"""
from __future__ import annotations

import pytest

import format_fixtures as ff
from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes
from test_archive_layouts import article, browser_copy_text, tab_text

COLUMNS = [c.key for c in tpl.get("2021").app_columns]


def parse(text: str, name: str = "report.txt") -> dict:
    return parse_bytes(text.encode("utf-8"), name)


def rendered(seed: int, layout: str, values: dict | None = None) -> tuple[str, dict]:
    values = values or synthetic.make_values("2021", seed)
    return synthetic.render(values, "2021", agency="某某县水利局", year=2023, layout=layout, seed=seed), values


def line_starting(text: str, start: str) -> str:
    return next(line for line in text.split("\n") if line.startswith(start))


def problems_of(report: dict, table: str, row: str) -> list[dict]:
    return [p for p in report["problems"] if p.get("table") == table and p.get("row") == row]


@pytest.mark.parametrize("layout", ["tab", "spaced"])
def test_wu_in_the_first_cell_after_a_label_stays_that_cell(layout):
    text, values = rendered(5, layout)
    row = values["applications"]["1"]
    line = line_starting(text, "一、本")
    assert f"\t{row['natural_person']}\t" in line
    report = parse(text.replace(line, line.replace(f"\t{row['natural_person']}\t", "\t无\t", 1)))
    assert report["applications"]["1"] == {**row, "natural_person": None}
    assert report["printed"]["三"]["1"] == {"natural_person": "无"}
    assert not ff.wrong_cells(values, report)


def test_two_wu_cells_side_by_side_stay_two_cells():
    text, values = rendered(5, "tab")
    row = values["applications"]["4"]
    line = line_starting(text, "四、结转")
    pair = f"\t{row['legal_service_org']}\t{row['other_org']}\t"
    assert pair in line
    report = parse(text.replace(line, line.replace(pair, "\t无\t无\t", 1)))
    assert report["applications"]["4"] == {**row, "legal_service_org": None, "other_org": None}





@pytest.mark.parametrize("values_seed,layout_seed", [(11, 1), (3, 1)])
def test_wu_in_the_last_cell_of_a_table_two_row_of_a_pdf_stays_that_cell(values_seed, layout_seed):
    # The text of these PDFs reads table 二 (its grid is not taken) as tab rows: "规范性文件⇥708⇥699⇥无⏎"
    # and then the next article's 第二十条…. The line break after a 无 that fills a cell is kept, so
    # 无 does not run into those words, and the row keeps its three cells.
    values = synthetic.make_values("2019", values_seed)
    printed = {table: {key: dict(row) for key, row in values[table].items()} for table in ff.TABLES}
    printed["proactive"]["normative_documents"]["total_published"] = "无"
    text = synthetic.render(printed, "2019", agency="某某县水利局", year=2020, layout="tab", seed=layout_seed)
    report = parse_bytes(ff.to_pdf(ff.report_from_text(text, printed)), "report.pdf")
    assert report["proactive"]["normative_documents"] == {**values["proactive"]["normative_documents"],
                                                          "total_published": None}
    assert report["printed"]["二"]["normative_documents"] == {"total_published": "无"}
    assert not ff.wrong_cells(values, report)


def test_tab_text_with_trailing_whitespace_trimmed_never_shifts_a_row_whose_last_cell_is_blank():
    values = synthetic.make_values("2021", 1)
    values["applications"]["3.1"]["total"] = None  # (一) 予以公开: 总计 printed blank
    values["applications"]["1"]["total"] = None
    text = tab_text("2021", values, 2023)
    trimmed = "\n".join(line.rstrip() for line in text.split("\n"))
    assert trimmed != text
    for data in (text, trimmed):
        report = parse(data)
        assert not ff.wrong_cells(values, report)
    report = parse(trimmed)
    assert report["applications"]["3.1"] == {c: None for c in COLUMNS}
    assert problems_of(report, "三", "3.1")
    assert report["applications"]["3.2"] == values["applications"]["3.2"]  # whole rows are read


@pytest.mark.parametrize("word", ["合计", "小计", "总计"])
def test_total_column_printed_first_under_any_total_word_is_never_read_in_the_templates_order(word):
    values = synthetic.make_values("2021", 1)
    t3 = [list(r) for r in ff.table_rows("2021", values)["三"]]
    t3[1] = [(word, 1, 2), ("自然人", 1, 2), ("法人或其他组织", 5, 1)]
    for r in t3[3:]:
        r.insert(len(r) - 7, r.pop())  # each row's total before its first figure, as the header says
    report = parse(browser_copy_text("2021", values, 2023, {"三": t3}))
    assert not ff.wrong_cells(values, report)
    assert all(v is None for row in report["applications"].values() for v in row.values())
    assert problems_of(report, "三", "1")


@pytest.mark.parametrize("at", [0, 1, 2, 3])
@pytest.mark.parametrize("form", ["copy", "page", "tab"])
def test_other_org_column_printed_before_another_organisation_is_never_read_in_the_templates_order(at, form):
    """The five columns under 法人或其他组织 with 其他 moved to place `at`, each row's figures as
    the header says: text that cannot place a figure by its header is refused, a grid is read by it."""
    values = synthetic.make_values("2021", 2)
    t3 = [list(r) for r in ff.table_rows("2021", values)["三"]]
    assert [text for text, _, _ in t3[2]][-1] == "其他"
    t3[2].insert(at, t3[2].pop())
    for r in t3[3:]:
        r.insert(len(r) - 6 + at, r.pop(-2))
    write = {"copy": browser_copy_text, "page": article, "tab": tab_text}[form]
    report = parse(write("2021", values, 2023, {"三": t3}), "report.html" if form == "page" else "report.txt")
    assert not ff.wrong_cells(values, report)
    if form == "copy":
        assert all(v is None for row in report["applications"].values() for v in row.values())
        assert "表头各列的顺序" in problems_of(report, "三", "1")[0]["message"]
    else:
        assert report["applications"] == values["applications"]


@pytest.mark.parametrize("row,column,value,broken", [
    ("3.3.3", "total", 2003, "2\n003"),
    ("3.3.3", "total", 2003, "2 003"),
])
def test_figure_broken_before_a_piece_with_a_leading_zero_is_unread(row, column, value, broken):
    values = synthetic.make_values("2021", 60)
    values["applications"][row][column] = value
    text, _ = rendered(60, "pdf", values)
    assert text.count(f" {value}\n") == 1
    report = parse(text.replace(f" {value}\n", f" {broken}\n", 1))
    assert report["applications"][row] == {c: None for c in COLUMNS}
    [cut] = problems_of(report, "三", row)
    assert "拆成了两段" in cut["message"]
    assert not ff.wrong_cells(values, report)


@pytest.mark.parametrize("row,column,value,printed,broken", [
    ("licensing", "decisions", 106, "行政许可 106\n", "行政许可 1\n06\n"),
    ("fees", "amount_10k_yuan", 917.07, "行政事业性收费 917.07\n", "行政事业性收费 917\n.07\n"),
])
def test_table_two_figure_broken_before_a_piece_no_figure_starts_with_is_unread(row, column, value, printed, broken):
    values = synthetic.make_values("2021", 3)
    values["proactive"][row][column] = value
    text, _ = rendered(3, "pdf", values)
    assert printed in text
    report = parse(text.replace(printed, broken, 1))
    assert report["proactive"][row][column] is None
    assert problems_of(report, "二", row)


@pytest.mark.parametrize("note", ["注：本年度共收到申请 5 件。", "备注：收费 5 笔"])
def test_note_under_table_two_gives_its_blank_last_row_none_of_its_figures(note):
    values = synthetic.make_values("2021", 4)
    values["proactive"]["fees"]["amount_10k_yuan"] = None
    text, _ = rendered(4, "pdf", values)
    at = text.index("三、收到和处理政府信息公开申请情况")
    report = parse(text[:at] + note + "\n\n" + text[at:])
    assert report["proactive"]["fees"]["amount_10k_yuan"] is None
    assert report["proactive"]["licensing"] == values["proactive"]["licensing"]
    assert not ff.wrong_cells(values, report)


@pytest.mark.parametrize("form,mark", [("page", "<sup>1</sup>"), *((form, mark) for form in ("page", "tab")
                                                                   for mark in ("¹", "₁", "①"))])
def test_footnote_mark_after_a_figure_is_never_a_digit_of_it(form, mark):
    values = synthetic.make_values("2021", 3)
    rows = [list(r) for r in ff.table_rows("2021", values)["二"]]
    text, colspan, rowspan = rows[2][1]
    assert text == str(values["proactive"]["regulations"]["issued"])
    rows[2][1] = (text + "MARK", colspan, rowspan)
    if form == "page":
        data, name = article("2021", values, 2023, {"二": rows}).replace("MARK", mark), "report.html"
    else:
        data, name = tab_text("2021", values, 2023, {"二": rows}).replace("MARK", mark), "report.txt"
    report = parse(data, name)
    assert report["proactive"]["regulations"]["issued"] is None
    [bad] = [p for p in problems_of(report, "二", "regulations") if p["rule"] == "F-bad-number"]
    assert report["proactive"]["regulations"]["repealed"] == values["proactive"]["regulations"]["repealed"]


def test_superscript_run_after_a_figure_in_word_is_never_a_digit_of_it():
    import io

    import docx

    report = ff.synthetic_report("2021", 3)
    issued = str(report.values["proactive"]["regulations"]["issued"])
    document = docx.Document(io.BytesIO(ff.to_docx(report)))
    [cell] = [c for t in document.tables for row in t.rows if any("规章" in x.text for x in row.cells)
              for c in row.cells if c.text.strip() == issued]
    cell.paragraphs[0].add_run("1").font.superscript = True
    out = io.BytesIO()
    document.save(out)
    parsed = parse_bytes(out.getvalue(), "report.docx")
    assert parsed["proactive"]["regulations"] == {**report.values["proactive"]["regulations"], "issued": None}


@pytest.mark.parametrize("layout", ["tab", "spaced"])
@pytest.mark.parametrize("between", ["", "· 9 ·", "- 9 -"], ids=["empty-line", "dotted-footer", "dashed-footer"])
@pytest.mark.parametrize("template_id,year", [("2021", 2023), ("2019", 2020)])
def test_tab_table_split_by_a_line_without_tabs_keeps_its_columns_in_both_pieces(template_id, year, between, layout):
    """An empty line or a page footer after row 二 splits table 三's tab rows in two pieces: the
    columns no row of the first piece uses (a merged label's covered one) are those of the second
    too, so row 四 with its 总计 blank is read in its own columns, not one to the left."""
    values = synthetic.make_values(template_id, 2)
    values["applications"]["4"]["total"] = None
    text = synthetic.render(values, template_id, agency="某某县水利局", year=year, layout=layout, seed=2)
    lines = text.split("\n")
    at = next(k for k, line in enumerate(lines) if line.replace(" ", "").startswith("二、上年"))
    report = parse("\n".join(lines[:at + 1] + [between] + lines[at + 1:]))
    assert report["applications"] == values["applications"]


@pytest.mark.parametrize("form", ["page", "tab"])
@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"])
def test_invisible_character_in_or_after_a_figure_leaves_the_figure_the_reader_sees(form, invisible):
    values = synthetic.make_values("2021", 4)
    rows = {name: [list(r) for r in table] for name, table in ff.table_rows("2021", values).items()}
    issued, colspan, rowspan = rows["二"][2][1]
    natural, n_colspan, n_rowspan = rows["三"][3][1]
    assert (int(issued), int(natural)) == (values["proactive"]["regulations"]["issued"],
                                          values["applications"]["1"]["natural_person"])
    rows["二"][2][1] = (issued[0] + invisible + issued[1:], colspan, rowspan)
    rows["三"][3][1] = (natural + invisible, n_colspan, n_rowspan)
    if form == "page":
        data, name = article("2021", values, 2023, rows), "report.html"
    else:
        data, name = tab_text("2021", values, 2023, rows), "report.txt"
    assert invisible in data
    report = parse(data, name)
    assert ff.wrong_cells(values, report) == []
    assert report["proactive"]["regulations"]["issued"] == values["proactive"]["regulations"]["issued"]
    assert report["applications"]["1"] == values["applications"]["1"]
    assert not [p for p in report["problems"] if p["rule"] == "F-bad-number"]


# Table → (row of ff.table_rows, its first figure's cell, its key, the table's key in the report)
FIRST_FIGURE_ROWS = {"二": (2, 1, "regulations", "proactive"), "三": (3, 1, "1", "applications"),
                     "四": (3, 0, None, "review_litigation")}


# A note with its words after a figure is no longer unreadable (units.without_note); one without
# them ("(16)": a second figure? a footnote?) is.
@pytest.mark.parametrize("printed", ["约{}", "{}(16)", "{}x"], ids=["word-before", "bracket-after", "garbled"])
@pytest.mark.parametrize("table", ["二", "三", "四"])
@pytest.mark.parametrize("form", ["copy", "tab"])
def test_unreadable_first_figure_of_a_tab_row_ending_in_an_empty_cell_is_refused_never_shifted(form, table, printed):
    values = synthetic.make_values("2021", 6)
    rows = {name: [list(r) for r in t] for name, t in ff.table_rows("2021", values).items()}
    index, cell, row_key, report_key = FIRST_FIGURE_ROWS[table]
    figure, colspan, rowspan = rows[table][index][cell]
    shown = printed.format(figure) if printed != "{}x" else figure[0] + "x" + figure[1:]
    rows[table][index][cell] = (shown, colspan, rowspan)
    text = (browser_copy_text if form == "copy" else tab_text)("2021", values, 2023, rows)
    text = "\n".join(line + "\t" if "\t" in line else line for line in text.split("\n"))  # an empty last column
    report = parse(text)
    # Read by its header (a grid), only that cell is missing; read by position, the whole row.
    assert ff.wrong_cells(values, report) == []
    first = next(iter(report[report_key].values())) if row_key is None else report[report_key][row_key]
    assert next(iter(first.values())) is None
    if row_key is not None:
        others = {k: v for k, v in values[report_key].items() if k != row_key}
        assert {k: v for k, v in report[report_key].items() if k != row_key} == others
    assert any(shown in p["message"] for p in report["problems"] if p["rule"] == "F-bad-number")


def rows_run_together(rows: list, at: int, joiner: str, figures_of: int) -> list:
    """`rows` with row `at` and the one after it printed as one: both labels in its label cell,
    beside the figures of one of them (figures_of: 0 or 1); the merged cells above that reach
    over both rows (三、本年度办理结果, (三) 不予公开) reach one row less."""
    first, second = rows[at], rows[at + 1]
    label = len(first) - len(second)  # the label cell's place: after any cells merged down into the row
    merged = list((first, second)[figures_of][-len(second):])
    merged[0] = (first[label][0] + joiner + second[0][0], *second[0][1:])
    out = [list(row) for row in rows[:at]] + [first[:label] + merged]
    for r, row in enumerate(out):
        out[r] = [(text, colspan, rowspan - 1 if r + rowspan > at + 1 else rowspan) for text, colspan, rowspan in row]
    return out + [list(row) for row in rows[at + 2:]]


@pytest.mark.parametrize("figures_of", [0, 1], ids=["first-rows-figures", "second-rows-figures"])
@pytest.mark.parametrize("joiner", ["", " "], ids=["touching", "spaced"])
@pytest.mark.parametrize("table,at,keys", [("二", 9, ("penalty", "enforcement")), ("三", 8, ("3.3.2", "3.3.3")),
                                           ("三", 5, ("3.1", "3.2"))])
@pytest.mark.parametrize("form", ["page", "copy", "tab"])
def test_two_rows_labels_in_one_cell_leave_both_rows_unread_never_the_figures_given_to_either(form, table, at, keys,
                                                                                             joiner, figures_of):
    values = synthetic.make_values("2021", 6)
    rows = {name: [list(r) for r in t] for name, t in ff.table_rows("2021", values).items()}
    rows[table] = rows_run_together(rows[table], at, joiner, figures_of)
    render = {"page": article, "copy": browser_copy_text, "tab": tab_text}[form]
    report = parse(render("2021", values, 2023, rows), "report.html" if form == "page" else "report.txt")
    report_key = "proactive" if table == "二" else "applications"
    assert ff.wrong_cells(values, report) == []
    for key in keys:
        assert all(v is None for v in report[report_key][key].values()), key
        [why] = [p for p in problems_of(report, table, key) if p["rule"] == "F-cell-count"]
        assert "印在同一格中" in why["message"]
    others = {k: v for k, v in values[report_key].items() if k not in keys}
    assert {k: v for k, v in report[report_key].items() if k not in keys} == others
