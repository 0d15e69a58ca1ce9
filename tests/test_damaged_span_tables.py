"""Web-page tables whose merged cells a CMS or an editor damaged (a header <td> lost, a header
cell merged a column too wide): the header's columns are then no longer certain, and no figure
is ever read under another column's header. What cannot be placed is left unread with a problem."""
from __future__ import annotations

import io
import random
import zipfile

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

from format_fixtures import _html_table, report_from_text, table_rows, to_docx, to_html, wrong_cells

YEARS = {"2021": 2023, "2019": 2019}


def _with_blanks(values: dict, seed: int) -> dict:
    """`values` with about one cell in eight printed blank, drawn from `seed`."""
    rng = random.Random(seed)
    for table in ("proactive", "applications", "review_litigation"):
        for row in values[table].values():
            for col in row:
                if rng.random() < 0.12:
                    row[col] = None
    return values


def _report(template_id: str, seed: int, blanks: bool) -> tuple[dict, str]:
    """A generated report's values and text; blanks: about one cell in eight printed blank."""
    values = synthetic.make_values(template_id, seed)
    if blanks:
        _with_blanks(values, seed)
    text = synthetic.render(values, template_id, agency="某某县水利局", year=YEARS[template_id], layout="tab", seed=seed)
    return values, text


def _page(template_id: str, seed: int, damage, blanks: bool = False) -> tuple[dict, bytes]:
    """A generated report's page whose table (二, 三 or 四) `damage` rewrites: damage(number, rows)
    returns the rows of (text, colspan, rowspan) to print instead, or None to keep them."""
    values, text = _report(template_id, seed, blanks)
    page = to_html(report_from_text(text, values)).decode("utf-8")
    for number, rows in table_rows(template_id, values).items():
        damaged = damage(number, [list(row) for row in rows])
        if damaged is not None:
            page = page.replace(_html_table(rows), _html_table(damaged))
    return values, page.encode("utf-8")


def _unread_rows(parsed: dict, table: str) -> set:
    return {p.get("row") for p in parsed["problems"] if p.get("table") == table}


def _respan(table: str, row: int, cell: int, columns: int = 0, rows: int = 0):
    """A damage for _page: the cell at (row, cell) of table `table`'s printed rows merged over
    `columns` more columns and `rows` more rows (fewer where negative)."""
    def damage(number, printed):
        if number != table:
            return None
        text, colspan, rowspan = printed[row][cell]
        printed[row][cell] = (text, colspan + columns, rowspan + rows)
        return printed
    return damage


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_table_three_header_that_lost_a_cell_places_no_figure_under_the_next_header(template_id):
    """法人或其他组织's <td> lost: 总计 then stands over 商业企业's column and each sub-header a
    column right of its figures. No figure is read under those headers: each row is read by its
    own cells in order, or left unread with a problem."""
    def damage(number, rows):
        if number == "三":
            del rows[1][1]
            return rows
        return None
    values, page = _page(template_id, 3, damage)
    parsed = parse_bytes(page, "damaged/lost-header.html")
    assert wrong_cells(values, parsed) == []
    unread = _unread_rows(parsed, "三")
    for row in tpl.get(template_id).data_rows:
        got = parsed["applications"][row.key]
        assert got == values["applications"][row.key] or (all(v is None for v in got.values()) and row.key in unread)
    assert parsed["proactive"] == values["proactive"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
@pytest.mark.parametrize("number, row, cell", [("二", 1, 1), ("三", 1, 0)])
def test_header_cell_merged_a_column_too_wide_places_no_figure_under_the_next_header(template_id, number, row, cell):
    """A header cell merged one column too wide (本年制发件数, 自然人 over two columns) pushes the
    headers after it a column right of the figures: the rows under it, short of the header's last
    column, are left unread (or read whole where their text proves them), never read a column off."""
    values, page = _page(template_id, 3, _respan(number, row, cell, columns=1))
    parsed = parse_bytes(page, "damaged/wide-header.html")
    assert wrong_cells(values, parsed) == []
    table = {"二": "proactive", "三": "applications"}[number]
    t = tpl.get(template_id)
    affected = ([r.key for r in t.data_rows] if number == "三"
                else [r.key for r in t.proactive[:2]])  # the rows under the first header of 二
    unread = _unread_rows(parsed, number)
    for key in affected:
        got = parsed[table][key]
        assert got == values[table][key] or (all(v is None for v in got.values()) and key in unread), key
    assert unread & set(affected) or all(parsed[table][key] == values[table][key] for key in affected)
    assert parsed["review_litigation"] == values["review_litigation"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_review_result_header_merged_across_two_groups_leaves_the_row_unread(template_id):
    """未经复议直接起诉's 总计 merged over 复议后起诉's first column too: each result of 复议后起诉
    then stands a column right of its figure. The row of figures is left unread with a problem."""
    values, page = _page(template_id, 3, _respan("四", 2, 4, columns=1))
    parsed = parse_bytes(page, "damaged/review-header.html")
    assert wrong_cells(values, parsed) == []
    assert all(v is None for row in parsed["review_litigation"].values() for v in row.values())
    assert "data" in _unread_rows(parsed, "四")
    assert parsed["applications"] == values["applications"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
@pytest.mark.parametrize("seed", [2, 4])
def test_result_header_merged_over_a_figure_and_a_blank_leaves_the_row_unread(template_id, seed):
    """未经复议直接起诉's 结果维持 merged over two columns, under it a figure and a blank cell of
    the row: the column holding only the blank is no empty spacer to drop, and the row is not read
    with every result after it a column off."""
    values, page = _page(template_id, seed, _respan("四", 2, 0, columns=1), blanks=True)
    parsed = parse_bytes(page, "damaged/review-leaf.html")
    assert wrong_cells(values, parsed) == []
    assert "data" in _unread_rows(parsed, "四")


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
@pytest.mark.parametrize("seed", [2, 4])
@pytest.mark.parametrize("damaged_row", [4, 6])
def test_label_merged_down_a_row_too_far_leaves_the_rows_it_pushes_unread(template_id, seed, damaged_row):
    """二、上年结转 (or (二) 部分公开) merged down one row too far pushes the next rows' cells
    right, the merged 三、本年度办理结果 then standing among their figures: those rows are left
    unread with a problem, never handed to the text reader, which takes the covered positions
    among the figures for blank cells."""
    values, page = _page(template_id, seed, _respan("三", damaged_row, 0, rows=1), blanks=True)
    parsed = parse_bytes(page, "damaged/label-down.html")
    assert wrong_cells(values, parsed) == []


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
@pytest.mark.parametrize("seed", [2, 4])
def test_corner_cell_merged_a_column_too_narrow_places_no_label_under_a_header(template_id, seed):
    """Table 三's corner note merged over two columns instead of three: every header stands a
    column left of its figures, and the third label column under 自然人. No row is read so."""
    values, page = _page(template_id, seed, _respan("三", 0, 0, columns=-1), blanks=True)
    parsed = parse_bytes(page, "damaged/corner.html")
    assert wrong_cells(values, parsed) == []


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_with_extra_header_cell(data: bytes, after: int) -> bytes:
    """The .docx with an empty cell put in table 四's last header row after its `after`-th cell."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        files = {name: z.read(name) for name in z.namelist()}
    doc = etree.fromstring(files["word/document.xml"])
    table = next(t for t in doc.iter(f"{_W}tbl") if "行政复议" in "".join(t.itertext()))
    cell = table.findall(f"{_W}tr")[2].findall(f"{_W}tc")[after]
    empty = etree.Element(f"{_W}tc")
    etree.SubElement(empty, f"{_W}p")
    cell.addnext(empty)
    files["word/document.xml"] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("template_id, seed, after", [("2021", 2, 5), ("2021", 4, 8), ("2019", 2, 7), ("2019", 4, 10)])
def test_word_review_header_with_a_stray_empty_cell_leaves_the_row_unread(template_id, seed, after):
    """A Word table 四 whose results header row got an empty cell too many: the results after it
    stand a column right of their figures, the last past the row's end; where the row has a blank
    cell under the stray one, dropping that empty column would line every figure up under the
    wrong result. The row is left unread with a problem."""
    values, text = _report(template_id, seed, blanks=True)
    data = _docx_with_extra_header_cell(to_docx(report_from_text(text, values)), after)
    parsed = parse_bytes(data, "damaged/review.docx")
    assert wrong_cells(values, parsed) == []
    assert "data" in _unread_rows(parsed, "四")
