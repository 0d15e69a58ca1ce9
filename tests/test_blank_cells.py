"""No value is ever taken from the wrong cell: reports with blank cells in every position of tables
二, 三 and 四, in every format that has cells (tab-separated text, Markdown pipe tables, a web
page, Word, a PDF with ruled tables). Each blank is reported in its own place and recorded as
printed blank; every other cell is read exactly."""
from __future__ import annotations

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.grid import Grid
from build_scripts.reports import parse_bytes

from format_fixtures import (NOTE_3, TABLE, Report, applications_table, html2text_markdown, opening, report_from_text, table_of,
                             to_docx, to_html, to_pdf, trafilatura_txt, trafilatura_txt_cell_lines_padded_after,
                             trafilatura_txt_outer_pipes, trafilatura_txt_paragraph_cells,
                             trafilatura_txt_paragraph_cells_padded_on_the_last, w3m_box)

SPREAD = 5  # report k blanks the cells whose index in the template is k modulo SPREAD
YEARS = {"2021": 2023, "2019": 2019}


def positions(t: tpl.Template) -> list[tuple[str, str, str]]:
    """(table key, row, column) of every figure of the template, in a fixed order."""
    out = [("proactive", r.key, c.key) for r in t.proactive for c in r.columns]
    out += [("applications", r.key, c.key) for r in t.data_rows for c in t.app_columns]
    out += [("review_litigation", g, c.key) for g, _ in t.review_groups for c in t.review_columns]
    return out


def blanked_report(template_id: str, k: int) -> tuple[Report, set]:
    t = tpl.get(template_id)
    values = synthetic.make_values(template_id, 40 + k)
    blank = {p for i, p in enumerate(positions(t)) if i % SPREAD == k}
    for table, row, col in blank:
        values[table][row][col] = None
    text = synthetic.render(values, template_id, agency="某某县水利局", year=YEARS[template_id], layout="tab", seed=k)
    return report_from_text(text, values), blank


def _text_with_tables(report: Report, heading: str, table_lines) -> bytes:
    lines = [f"{heading}{report.title}", "", *report.opening, ""]
    for part in report.parts:
        lines += [f"{heading}{part.number}、{part.title}", ""]
        for item in part.items:
            if item is TABLE:
                lines += table_lines(Grid.from_spans(table_of(report, part.number)).text_rows())
            else:
                lines.append(item)
            lines.append("")
    return "\n".join(lines).encode("utf-8")


def to_markdown(report: Report) -> bytes:
    """The report as OCR or a converter writes Markdown: pipe tables with a merged cell written
    once and the cells it covers left empty."""
    def pipe(rows):
        return (["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
                + ["| " + " | ".join(row) + " |" for row in rows[1:]])
    return _text_with_tables(report, "", pipe)


def w3m_box_of_text_rows(rows: list[list[str]]) -> list[str]:
    """A text browser's dump of the table (format_fixtures.w3m_box) from its text rows."""
    return w3m_box([[(text, 1, 1) for text in row] for row in rows])


def to_tsv(report: Report) -> bytes:
    """The report as a spreadsheet exports it: every row of a table with one cell per column."""
    return _text_with_tables(report, "", lambda rows: ["\t".join(row) for row in rows])


FORMATS = {
    "tsv": to_tsv,
    "w3m": lambda report: _text_with_tables(report, "", w3m_box_of_text_rows),
    "markdown": to_markdown,
    "html": to_html,
    "docx": to_docx,
    "pdf": to_pdf,
}


def _own_cells_text(render):
    """The report as a page-to-text tool writes it: each row's own cells (a merged cell written
    once), through `render` (format_fixtures.trafilatura_txt …)."""
    def text(report: Report) -> bytes:
        lines = [report.title, "", *report.opening, ""]
        for part in report.parts:
            lines += [f"{part.number}、{part.title}", ""]
            for item in part.items:
                lines += render(table_of(report, part.number)) if item is TABLE else [item]
                lines.append("")
        return "\n".join(lines).encode("utf-8")
    return text


# Text pasted from Word: tabs that do not line up with the columns (the seeds' layout); text of a
# page written by trafilatura or html2text: a row's own cells joined by pipes. With the share of
# all cells that must still be read: a blank after a row's last figure is lost among trafilatura's
# padding pipes, and trafilatura leaves out a cell with no text at all: its row is short of a
# cell, and refused (every row here has a blank, so little is read).
WORD_PASTE = {"tab": (lambda report: report.text.encode("utf-8"), 0.6),
              "trafilatura": (_own_cells_text(trafilatura_txt), 0.5),
              "trafilatura-empty-cells-left-out": (_own_cells_text(
                  lambda rows: trafilatura_txt([[cell for cell in row if cell[0]] for row in rows])), 0),
              "trafilatura-cell-lines": (_own_cells_text(trafilatura_txt_paragraph_cells), 0.5),
              "trafilatura-outer-pipes": (_own_cells_text(trafilatura_txt_outer_pipes), 0.5),
              "trafilatura-cell-lines-padded-on-the-last": (_own_cells_text(trafilatura_txt_paragraph_cells_padded_on_the_last), 0.5),
              "trafilatura-cell-lines-padded-after-empty-cells-left-out": (
                  _own_cells_text(trafilatura_txt_cell_lines_padded_after), 0),
              "html2text": (_own_cells_text(html2text_markdown), 0.5)}
PLACE = {"proactive": "二", "applications": "三", "review_litigation": "四"}


@pytest.mark.parametrize("k", range(SPREAD))
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_each_blank_cell_is_reported_in_its_own_place_and_no_value_moves(template_id, fmt, k):
    report, blank = blanked_report(template_id, k)
    parsed = parse_bytes(FORMATS[fmt](report), f"blank/{fmt}-{k}")
    assert parsed["template"] == template_id
    t = tpl.get(template_id)
    missing = {(p["table"], p["row"], p["column"]) for p in parsed["problems"] if p["rule"] == "P-missing-cell"}
    for table, row, col in positions(t):
        got = parsed[table][row][col]
        if (table, row, col) in blank:
            assert got is None, (table, row, col)
            place = ("四", "data", f"{row}.{col}") if table == "review_litigation" else (PLACE[table], row, col)
            assert place in missing, (table, row, col)
            assert parsed["printed"][PLACE[table]][row][col] == "", (table, row, col)
        else:
            assert got == report.values[table][row][col], (table, row, col)
    # Nothing but the blanks is missing, and no cell was reported twice.
    assert len(missing) == len(blank)
    assert not [p for p in parsed["problems"] if p["rule"] in ("F-cell-count", "F-bad-number", "F-missing-row")]


@pytest.mark.parametrize("k", range(SPREAD))
@pytest.mark.parametrize("fmt", WORD_PASTE)
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_blank_cells_in_word_pasted_text_are_placed_or_the_row_is_refused_never_shifted(template_id, fmt, k):
    """In text pasted from Word the tabs before a row's figures vary with its merged label cells,
    so a blank at either end of a row may have no certain column: such a row is refused with a
    problem; every value read is the value of its own cell."""
    report, blank = blanked_report(template_id, k)
    write, share = WORD_PASTE[fmt]
    parsed = parse_bytes(write(report), f"blank/{fmt}-{k}")
    t = tpl.get(template_id)
    refused = {(p["table"], p["row"]) for p in parsed["problems"] if p["rule"] == "F-cell-count"}
    missing = {(p["table"], p["row"], p["column"]) for p in parsed["problems"] if p["rule"] == "P-missing-cell"}
    placed = 0
    for table, row, col in positions(t):
        got = parsed[table][row][col]
        place = ("四", "data") if table == "review_litigation" else (PLACE[table], row)
        if place in refused:
            assert got is None, (table, row, col)
        elif (table, row, col) in blank:
            assert got is None and (*place, f"{row}.{col}" if table == "review_litigation" else col) in missing
        else:
            assert got == report.values[table][row][col], (table, row, col)
            placed += 1
    assert placed >= len(positions(t)) * share  # most rows are still read


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_page_that_leaves_out_the_td_of_blank_cells_in_most_rows_refuses_those_rows_never_shifts_them(template_id):
    """A CMS that writes no <td> for a blank cell: where most rows of table 三 have a blank, most
    are a cell short, and only the header (its merged cells filling the table's width) and the
    rows that kept all their cells show it. Each short row is refused with a problem, never read
    one column to the left; a row that kept all its cells is read exactly."""
    t = tpl.get(template_id)
    values = synthetic.make_values(template_id, 7)
    columns = [c.key for c in t.app_columns]
    short = {r.key for i, r in enumerate(t.data_rows) if i % 4}
    for i, r in enumerate(t.data_rows):
        if r.key in short:
            values["applications"][r.key][columns[i % len(columns)]] = None
    text = synthetic.render(values, template_id, agency="某某县水利局", year=YEARS[template_id], layout="tab")
    page = to_html(report_from_text(text, values)).decode("utf-8")
    empty_td = '<td valign="middle"><p align="center"><span></span></p></td>'
    assert page.count(empty_td) >= len(short)
    parsed = parse_bytes(page.replace(empty_td, "").encode("utf-8"), "blank/lost-td.html")
    refused = {p["row"] for p in parsed["problems"] if p["rule"] == "F-cell-count" and p.get("table") == "三"}
    assert refused == short
    for r in t.data_rows:
        expected = {c: None for c in columns} if r.key in short else values["applications"][r.key]
        assert parsed["applications"][r.key] == expected, r.key


def test_blank_placeholder_and_zero_stay_apart_in_the_report_and_in_cells_csv():
    """A cell printed blank, one printed "/", one printed "—" and one printed 0 are four different
    facts: null with printed "", null with printed "/", null with printed "—", and the number 0."""
    from build_scripts.opendata import tables

    report, _ = blanked_report("2021", 0)
    apps = report.values["applications"]
    apps["3.1"]["natural_person"], apps["3.1"]["research_institution"] = None, 0
    grid_rows = Grid.from_spans(table_of(report, "三")).text_rows()
    first = next(row.index("自然人") for row in grid_rows if "自然人" in row)
    for row in grid_rows:  # print "/" and "—" into the first two cells of row 3.2
        if any("部分公开" in c for c in row):
            row[first], row[first + 1] = "/", "—"
    text = _text_with_tables(report, "", lambda rows: ["\t".join(r) for r in (grid_rows if "申请人情况" in "".join(rows[0]) else rows)])
    parsed = parse_bytes(text, "blank/apart.txt")
    row_31, row_32 = parsed["applications"]["3.1"], parsed["applications"]["3.2"]
    assert (row_31["natural_person"], row_31["research_institution"]) == (None, 0)
    assert (row_32["natural_person"], row_32["commercial_enterprise"]) == (None, None)
    assert parsed["printed"]["三"]["3.1"]["natural_person"] == ""
    assert (parsed["printed"]["三"]["3.2"]["natural_person"], parsed["printed"]["三"]["3.2"]["commercial_enterprise"]) == ("/", "—")
    assert "research_institution" not in parsed["printed"]["三"].get("3.1", {})
    csv_rows = {(c["row_key"], c["column_key"]): (c["value"], c["printed"]) for c in tables.cells(parsed)
                if c["table_key"] == "applications"}
    assert csv_rows[("3.1", "natural_person")] == (None, "blank")
    assert csv_rows[("3.1", "research_institution")] == (0, None)
    assert csv_rows[("3.2", "natural_person")] == (None, "/")
    assert csv_rows[("3.2", "commercial_enterprise")] == (None, "—")


def spreadsheet_tsv_with_merged_figures(template_id: str, values: dict, unknown: dict) -> bytes:
    """A report whose table 三 is exported from a spreadsheet: 自然人 heads two columns and every
    row's first figure is merged over both; the covered positions are empty cells. Some applicant
    headers are worded as no known variant, so the grid reader cannot name the columns and the
    table is read as text."""
    t = tpl.get(template_id)
    rows = applications_table(t, values["applications"])
    rows[0] = [(NOTE_3, 3, 3), ("申请人情况", 8, 1)]
    rows[1] = [("自然人", 2, 2)] + rows[1][1:]
    rows[2] = [(unknown.get(text, text), c, r) for text, c, r in rows[2]]
    n = len(t.app_columns)
    rows = rows[:3] + [row[:-n] + [(row[-n][0], 2, 1)] + row[-n + 1:] for row in rows[3:]]
    text = synthetic.render(values, template_id, agency="某某县统计局", year=YEARS[template_id], layout="tab", seed=3)
    report = report_from_text(text, values)

    def tsv(spans):  # every position written, a merged cell in its top-left one
        u = Grid.from_spans(spans).untidy
        return ["\t".join(cell.text if (c == 0 or row[c - 1] is not cell) and (r == 0 or u[r - 1][c] is not cell) else ""
                          for c, cell in enumerate(row)) for r, row in enumerate(u)]

    lines = [report.title, "", *report.opening, ""]
    for part in report.parts:
        lines += [f"{part.number}、{part.title}", ""]
        for item in part.items:
            lines += (tsv(rows) if part.number == "三" else tsv(table_of(report, part.number))) if item is TABLE else [item]
            lines.append("")
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_merged_figures_covered_cell_in_a_spreadsheet_export_is_no_blank_column(template_id):
    """The empty cell a merged figure covers is in every row, headers included: it is no column.
    A row whose last figure is blank is read in its own columns, never one column over."""
    t = tpl.get(template_id)
    keys = [r.key for r in t.data_rows]
    for k in range(3):
        values = synthetic.make_values(template_id, 60 + k)
        blank_row = keys[(5 * k) % len(keys)]
        values["applications"][blank_row]["total"] = None
        parsed = parse_bytes(spreadsheet_tsv_with_merged_figures(
            template_id, values, {"商业企业": "企业单位", "科研机构": "科研院所", "社会公益组织": "公益团体"}), "sheet.txt")
        read = 0
        for row, columns in values["applications"].items():
            for column, value in columns.items():
                got = parsed["applications"][row][column]
                assert got is None or got == value, (row, column, got, value)
                read += got is not None
        assert parsed["applications"][blank_row] == values["applications"][blank_row]
        assert read >= len(keys) * len(t.app_columns) * 0.9


def test_a_table_three_printed_without_figures_names_no_item_number_as_its_figure():
    """A 乡's page that printed table 三's labels one a line and no figure at all (a 2019 report):
    each row is refused for its missing figures, and no problem takes the next row's item number
    (the 2. of 2.其他法律…) for a figure it could not read."""
    t = tpl.get("2019")
    lines = ["某某乡2019年政府信息公开工作年度报告", opening("2019", 2019), "一、总体情况", "本年度工作平稳。",
             "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", NOTE_3]
    lines += [row.label for row in t.app_rows]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"]
    report = parse_bytes("\n".join(lines).encode(), "report.txt")
    assert all(v is None for row in report["applications"].values() for v in row.values())
    messages = [p["message"] for p in report["problems"] if p["where"].startswith("三")]
    assert messages and not any(f"“{n}.”" in m for m in messages for n in range(1, 9))


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_padding_shown_by_a_wider_row_does_not_shift_a_row_that_keeps_its_trailing_cells(template_id):
    """Tab text copied from Word: (七)总计 written with an empty cell after its label, all its
    figures printed, shows one cell of padding for rows of its kind, which (一)予以公开 shares
    once its group label stands on a line of its own. (一)予以公开 with its first cell blank keeps
    its trailing empty cell and is a cell narrower than (七)总计: it is not laid out so, and is
    left unread rather than read a column to the left."""
    values = synthetic.make_values(template_id, 11)
    values["applications"]["3.1"]["natural_person"] = None
    text = synthetic.render(values, template_id, agency="某某区司法局", year=YEARS[template_id], layout="tab", seed=11)
    assert text.count("\n(七) 总计\t") == 1
    report = parse_bytes(text.replace("\n(七) 总计\t", "\n(七) 总计\t\t").encode("utf-8"), "data/word.txt")
    got = report["applications"]
    assert not [(r, c) for r, cols in values["applications"].items() for c, v in cols.items()
                if got[r][c] is not None and got[r][c] != v]
    assert got["3.7"] == values["applications"]["3.7"]
    assert all(v is None for v in got["3.1"].values())
    assert any(p["rule"] == "F-cell-count" and p.get("row") == "3.1" for p in report["problems"])
