"""PDF text (pypdf layout mode, pdfplumber) of a table whose label column is narrow: a long row
label wraps, and the row's figures stand on the line of its first piece. The label is whole again
and the figures are the row's; nothing else is joined to it."""
from __future__ import annotations

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

from format_fixtures import PDF_TABLE_THREE_HEADER, pdf_text_with_table_three

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
