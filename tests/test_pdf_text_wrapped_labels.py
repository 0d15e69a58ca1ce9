"""PDF text (pypdf layout mode, pdfplumber) of a table whose label column is narrow: a long row
label wraps, and the row's figures stand on the line of its first piece. The label is whole again
and the figures are the row's; nothing else is joined to it."""
from __future__ import annotations

import io

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

import format_fixtures as ff
from format_fixtures import PDF_TABLE_THREE_HEADER, pdf_text_with_table_three, wrong_cells

YEARS = {"2021": 2023, "2019": 2020}


def table_three_lines(values: dict, template_id: str, width: int, blank_lines: bool) -> list[str]:
    """Table 三 as a layout-mode extractor prints it: group headings on lines of their own, each
    data row's label cut every `width` characters, its figures after the first piece."""
    t = tpl.get(template_id)
    out = list(PDF_TABLE_THREE_HEADER)
    for row in t.app_rows:
        label = row.label.replace("(", "（").replace(")", "）")
        if row.key is None:
            out.append(f"      {label}")
            continue
        figures = "     ".join("" if values["applications"][row.key][c.key] is None else
                                str(values["applications"][row.key][c.key]) for c in t.app_columns)
        out.append(f"          {label[:width]}         {figures}")
        out += [f"                {label[k:k + width]}" for k in range(width, len(label), width)]
        if blank_lines:
            out.append("")
    return out


def pdf_text(values: dict, template_id: str, width: int, blank_lines: bool) -> bytes:
    return pdf_text_with_table_three(values, template_id, "某某县卫生健康委员会", YEARS[template_id],
                                     table_three_lines(values, template_id, width, blank_lines)).encode("utf-8")


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
@pytest.mark.parametrize("width", [8, 12, 14])
@pytest.mark.parametrize("blank_lines", [True, False], ids=["rows-apart", "rows-together"])
def test_wrapped_labels_with_figures_on_their_first_line_are_read_exactly(template_id, width, blank_lines):
    values = synthetic.make_values(template_id, 300 + width)
    report = parse_bytes(pdf_text(values, template_id, width, blank_lines), "data/report.txt")
    assert report["applications"] == values["applications"]
    assert not [p for p in report["problems"] if p.get("table") == "三"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pdfplumber_text_of_narrow_label_columns_reads_rows_whose_group_words_start_the_label_lines(template_id):
    # Table 三 printed with narrow label columns: pdfplumber writes the merged cells' words
    # (无法 of （四）无法提供, 结 of 三、本年度办理结果) one space before the wrapped row label's
    # next piece ("无法 相关政府信息", "结 公开"). Those rows were missing; they are read whole.
    import pdfplumber

    report = ff.synthetic_report(template_id, 41)
    data = ff.to_pdf(report, widths={"三": [9, 11, 26] + [124 / 7] * 7})
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "无法 相关政府信息" in text or "结 公开" in text
    parsed = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert parsed["applications"] == report.values["applications"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pdf_table_without_column_rules_reads_labels_wrapped_over_many_lines(template_id):
    # Table 三 printed with narrow label columns and rules between rows only: the PDF reader finds
    # no table and writes each line as a paragraph, empty lines between a label's pieces. The
    # longest labels (2.申请人逾期未按收费通知要求缴纳费用… over six lines) were missing.
    report = ff.synthetic_report(template_id, 43)
    data = ff.to_pdf(report, widths={"三": [9, 11, 26] + [124 / 7] * 7}, rules="rows")
    parsed = parse_bytes(data, "data/report.pdf")
    assert parsed["applications"] == report.values["applications"]


def test_a_wrapped_row_with_a_blank_cell_is_refused_and_its_neighbours_are_read():
    values = synthetic.make_values("2021", 320)
    long_row = next(r.key for r in tpl.get("2021").data_rows if len(r.label) > 16)
    values["applications"][long_row]["research_institution"] = None  # printed blank: the extractor drops it
    report = parse_bytes(pdf_text(values, "2021", 12, True), "data/report.txt")
    assert all(v is None for v in report["applications"][long_row].values())
    assert [p["rule"] for p in report["problems"] if p.get("row") == long_row] == ["F-cell-count"]
    for key, row in values["applications"].items():
        if key != long_row:
            assert report["applications"][key] == row, key



@pytest.mark.parametrize("mark", ["-", "—", "--", "——", "/", "–"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_nil_mark_among_the_figures_on_a_wrapped_labels_first_line_keeps_the_row_read(template_id, mark):
    # "——" or "--" typed for a nil cell stands where a figure stands, as "—" does: the label is
    # joined again and the mark's cell is blank, the others read.
    values = synthetic.make_values(template_id, 321)
    long_row = max(tpl.get(template_id).data_rows, key=lambda r: len(r.core)).key  # cut inside its core
    printed = {key: dict(row) for key, row in values["applications"].items()}
    printed[long_row]["research_institution"] = mark
    report = parse_bytes(pdf_text({**values, "applications": printed}, template_id, 12, True), "data/report.txt")
    values["applications"][long_row]["research_institution"] = None
    assert report["applications"] == values["applications"]
    assert not [p for p in report["problems"] if p.get("table") == "三" and p["rule"] != "P-missing-cell"]


AGENCY = "某某县卫生健康委员会"
# What a page break leaves between two lines of PDF text: a footer and a form feed, a form feed,
# the next page's running title, or all of these.
PAGE_BREAKS = {"footer": ["", "- 3 -", "\f"], "form-feed": ["\f"],
               "running-title": [f"{AGENCY}政府信息公开工作年度报告"],
               "footer-and-title": ["- 3 -", f"\f{AGENCY}2023年政府信息公开工作年度报告", ""]}


def figures_on_last_piece(values: dict, template_id: str, width: int) -> list[str]:
    """Table 三 as pdftotext -raw prints it: each data row's label cut every `width` characters,
    its figures after the last piece."""
    t = tpl.get(template_id)
    out = list(PDF_TABLE_THREE_HEADER)
    for row in t.app_rows:
        label = row.label.replace("(", "（").replace(")", "）")
        if row.key is None:
            out.append(label)
            continue
        pieces = [label[k:k + width] for k in range(0, len(label), width)]
        out += pieces[:-1] + [f"{pieces[-1]} " + " ".join(str(values["applications"][row.key][c.key])
                                                          for c in t.app_columns)]
    return out


def with_page_break_in_label(lines: list[str], row_label: str, width: int, page_break: list[str]) -> list[str]:
    """`lines` with a page break after the first line that holds a piece of `row_label` (the row
    goes on at the next page's top)."""
    printed = row_label.replace("(", "（").replace(")", "）")
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(printed[:width]))
    return lines[:at + 1] + page_break + lines[at + 1:]


@pytest.mark.parametrize("page_break", PAGE_BREAKS, ids=list(PAGE_BREAKS))
@pytest.mark.parametrize("figures_at", ["first-piece", "last-piece"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_page_break_between_the_pieces_of_a_wrapped_label_leaves_the_row_read(template_id, figures_at, page_break):
    values = synthetic.make_values(template_id, 330)
    row = max(tpl.get(template_id).data_rows, key=lambda r: len(r.core))  # a label cut inside its core
    lines = (table_three_lines(values, template_id, 12, True) if figures_at == "first-piece"
             else figures_on_last_piece(values, template_id, 12))
    lines = with_page_break_in_label(lines, row.label, 12, PAGE_BREAKS[page_break])
    text = pdf_text_with_table_three(values, template_id, AGENCY, YEARS[template_id], lines)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert report["applications"] == values["applications"]
    assert not [p for p in report["problems"] if p.get("table") == "三"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_label_cut_by_a_page_break_whose_rest_is_lost_takes_nothing_from_the_next_row(template_id):
    # The words after the break begin the next row's label, which completes nothing of the cut one.
    values = synthetic.make_values(template_id, 331)
    row = max(tpl.get(template_id).data_rows, key=lambda r: len(r.core))  # a label cut inside its core
    lines = with_page_break_in_label(table_three_lines(values, template_id, 12, True), row.label, 12,
                                     PAGE_BREAKS["footer-and-title"])
    printed = row.label.replace("(", "（").replace(")", "）")
    first = next(i for i, line in enumerate(lines) if line.strip().startswith(printed[:12]))
    rest = [i for i in range(first + 1, first + 8) if lines[i].startswith("                ")
            and not lines[i].strip().startswith(("（", "-"))]
    lines = [line for i, line in enumerate(lines) if i not in rest]
    text = pdf_text_with_table_three(values, template_id, AGENCY, YEARS[template_id], lines)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"][row.key].values())
    for key, cells_ in values["applications"].items():
        if key != row.key:
            assert report["applications"][key] == cells_, key
