"""A ruled table that runs on to the next page of a PDF is one table again even where the two
pages' pieces are not ruled on the same column rules: table 三's first page holding only rows
whose labels span the label columns (no rule between its second and third label column there),
as on a page with 公文 margins and a "- N -" footer. Each figure stays in its own column and
each blank cell is reported blank; a piece whose figures could belong to a column it has no rule
for is never joined."""
from __future__ import annotations

import io

import pytest

from build_scripts import synthetic, table_pieces, template as tpl
from build_scripts.formats import html as html_reader, pdf as pdf_reader
from build_scripts.grid import Grid
from build_scripts.reports import parse_bytes

import format_fixtures as ff

FIRST_ON_NEXT_PAGE = "1.属于国家秘密"  # page 1 holds 一, 二, (一) and (二): none ruled on every column


def blanked(template_id: str, seed: int, columns) -> tuple[ff.Report, set]:
    """A report whose table 三 has blank cells in several columns, on both pages: in each row the
    columns `columns(i)` of its i-th row."""
    t = tpl.get(template_id)
    values = synthetic.make_values(template_id, seed)
    blank = set()
    for i, row in enumerate(t.data_rows):
        for c in columns(i):
            key = t.app_columns[c].key
            values["applications"][row.key][key] = None
            blank.add((row.key, key))
    text = synthetic.render(values, template_id, agency="某某县水利局", year=2023 if template_id == "2021" else 2019,
                            layout="tab", seed=seed)
    return ff.report_from_text(text, values), blank


def table_three_widths(data: bytes) -> list[int]:
    """The number of columns of table 三's piece on each page, as pdfplumber rules them."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [len(t.extract()[0]) for p in pdf.pages for t in p.find_tables()
                if any("予以公开" in (c or "") or "属于国家秘密" in (c or "") for row in t.extract() for c in row)]


@pytest.mark.parametrize("repeat_headings", [True, False])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pdf_table_three_whose_first_page_lacks_a_column_rule_reads_each_figure_in_its_own_column(template_id, repeat_headings):
    report, blank = blanked(template_id, 31, lambda i: {(3 * i) % 7, (3 * i + 2) % 7})
    data = ff.to_pdf(report, repeat_headings=repeat_headings, three_break_before=FIRST_ON_NEXT_PAGE)
    assert table_three_widths(data) == [9, 10]  # the feature is there: pieces on other rules

    parsed = parse_bytes(data, "data/x.pdf")
    assert parsed["applications"] == report.values["applications"]
    blanks_reported = {(p["row"], p["column"]) for p in parsed["problems"]
                       if p["table"] == "三" and p["rule"] == "P-missing-cell"}
    assert blanks_reported == blank
    assert not [p for p in parsed["problems"] if p["table"] == "三" and p["rule"].startswith("F-")]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pdf_table_piece_whose_figures_could_be_in_a_column_it_has_no_rule_for_is_not_laid_out_on_the_tables_columns(template_id):
    # On the next page the rule between 商业企业 and 科研机构 is not drawn: each row's one cell there
    # holds the figure of one of the two, or both, which the piece cannot tell. Its rows are not
    # joined to the first page's columns (neither by position: the figure would go to 商业企业,
    # nor by order: both pieces have nine columns, on other rules).
    report, _ = blanked(template_id, 32, lambda i: {1 + i % 2})
    data = ff.to_pdf(report, repeat_headings=False, three_break_before=FIRST_ON_NEXT_PAGE, three_rule_left_out=5)
    assert table_three_widths(data) == [9, 9]

    grids = [g.text_rows() for g in pdf_reader.to_document(data).tables()]
    first = next(rows for rows in grids if any(ff.NOTE_3 in c for row in rows for c in row))
    assert not any(FIRST_ON_NEXT_PAGE in c for row in first for c in row)
    rest = next(rows for rows in grids if rows[0][2] == FIRST_ON_NEXT_PAGE)
    assert len(rest[0]) == 9


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pdf_table_piece_on_other_column_rules_is_not_read_under_the_first_pages_header(template_id):
    # The piece of the test above, as the parser reads it: not under the first page's header by
    # its cells' places either (there its empty label cell stands where 自然人 does, and 四、结转's
    # figures would each go a column right). Its rows, one figure short each, are left unread.
    report, _ = blanked(template_id, 32, lambda i: {1 + i % 2})
    data = ff.to_pdf(report, repeat_headings=False, three_break_before=FIRST_ON_NEXT_PAGE, three_rule_left_out=5)
    parsed = parse_bytes(data, "data/x.pdf")
    t = tpl.get(template_id)
    expected = report.values["applications"]
    rows = [row.key for row in t.data_rows]
    on_next_page = rows[[row.label for row in t.data_rows].index(FIRST_ON_NEXT_PAGE):]
    for key in rows:
        if key in on_next_page:
            assert all(v is None for v in parsed["applications"][key].values()), key
        else:
            assert parsed["applications"][key] == expected[key], key
    refused = " ".join(p["message"] for p in parsed["problems"] if p["rule"] == "F-cell-count")
    for key in (on_next_page[0], t.data_rows[-1].key):
        label = next(row.label for row in t.data_rows if row.key == key)
        assert label in refused, label


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_grid_on_other_columns_than_the_one_before_is_never_read_under_its_header(template_id):
    # Table 三 cut in two grids as wide as each other. Unmarked, the second is read under the
    # first's header by its cells' places (a table cut by a page break); marked as on columns of
    # its own (Grid.own_columns: the PDF reader found other column rules there), it is not.
    values = synthetic.make_values(template_id, 5)
    text = synthetic.render(values, template_id, agency="某某县水利局", year=2023 if template_id == "2021" else 2019,
                            layout="tab", seed=5)
    page = html_reader.to_document(ff.to_html(ff.report_from_text(text, values)))
    rows = next(g for g in page.tables() if "申请人情况" in g.norm_text).text_rows()
    cut = next(i for i, row in enumerate(rows) if FIRST_ON_NEXT_PAGE in row)
    t = tpl.get(template_id)
    after_cut = [row.key for row in t.data_rows][[row.label for row in t.data_rows].index(FIRST_ON_NEXT_PAGE):]
    for own_columns in (False, True):
        first, rest = Grid.from_text_rows(rows[:cut]), Grid.from_text_rows(rows[cut:])
        rest.own_columns = own_columns
        raw = table_pieces.from_grids([first, rest], "三", t)
        read = set(raw.cells) if raw is not None else set()
        if own_columns:
            assert not read & set(after_cut)
        else:
            assert set(after_cut) <= read
            assert {k: int(v) for k, v in raw.cells[after_cut[-1]].items()} == values["applications"][after_cut[-1]]


def rule_left_out_in_rows(template_id: str, seed: int, values_of) -> tuple[dict, bytes]:
    """A report whose table 三 goes on to the next page (its header repeated there, ruled on every
    column) without the rule between 商业企业 and 科研机构 in its rows: each row's one cell there
    spans both columns. values_of(values, row key) sets the two columns' values of each row."""
    t = tpl.get(template_id)
    values = synthetic.make_values(template_id, seed)
    for row in t.data_rows:
        values_of(values["applications"][row.key], row.key)
    text = synthetic.render(values, template_id, agency="某某县水利局", year=2023 if template_id == "2021" else 2019,
                            layout="tab", seed=seed)
    data = ff.to_pdf(ff.report_from_text(text, values), repeat_headings=True, three_break_before=FIRST_ON_NEXT_PAGE,
                     three_rule_left_out=5)
    return values, data


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pdf_figure_in_a_cell_merged_across_two_columns_is_given_to_neither(template_id):
    # 商业企业 printed blank, 科研机构's figure alone in the cell spanning both: which of the two
    # it is the page does not tell (pdfplumber writes it in the first column, 商业企业's).
    values, data = rule_left_out_in_rows(template_id, 33, lambda row, key: row.update(commercial_enterprise=None))
    parsed = parse_bytes(data, "data/x.pdf")
    t = tpl.get(template_id)
    labels = [row.label for row in t.data_rows]
    on_next_page = {row.key for row in t.data_rows[labels.index(FIRST_ON_NEXT_PAGE):]}
    for key, row in values["applications"].items():
        got = parsed["applications"][key]
        if key in on_next_page:
            assert got["commercial_enterprise"] is None and got["research_institution"] is None, key
        else:
            assert got == row, key
    assert not [p for p in parsed["problems"] if p["rule"] == "P-missing-cell" and p["row"] in on_next_page
                and p["column"] in ("commercial_enterprise", "research_institution")]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pdf_cell_merged_across_two_columns_holding_two_figures_gives_each_column_its_own(template_id):
    # 科研机构 below 100: the two figures cannot be one figure with its thousands spaced ("355 604").
    def two_figures(row, key):
        row["research_institution"] = 7 + len(key)
    values, data = rule_left_out_in_rows(template_id, 34, two_figures)
    parsed = parse_bytes(data, "data/x.pdf")
    assert parsed["applications"] == values["applications"]
