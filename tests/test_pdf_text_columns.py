"""Text that a PDF extractor wrote column by column (pdfminer: a page's row labels, then each
column's figures) is read back cell by cell when the figures prove the order, and refused row by
row, with a problem, when they do not: never a value from another cell."""
from __future__ import annotations

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

from format_fixtures import cells

YEARS = {"2021": 2023, "2019": 2020}


def parse(values: dict, template_id: str, **kw) -> dict:
    text = synthetic.render_column_major(values, template_id, agency="某某区司法局", year=YEARS[template_id], **kw)
    return parse_bytes(text.encode("utf-8"), "columns.txt")


@pytest.mark.parametrize("total_before_other", (False, True))
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_column_by_column_text_is_read_cell_by_cell(template_id, total_before_other):
    values = synthetic.make_values(template_id, 11)
    report = parse(values, template_id, total_before_other=total_before_other)
    assert [p for p in report["problems"] if p["severity"] == "error"] == []
    for table, row, column, value in cells(values):
        assert report[table][row][column] == value, (table, row, column)


def test_a_page_whose_totals_do_not_add_up_is_refused_not_guessed():
    values = synthetic.break_rule(synthetic.make_values("2021", 12), "A-row-total")  # rows 3.1 and 3.2
    report = parse(values, "2021")
    refused = {p["row"] for p in report["problems"] if p["rule"] == "F-cell-count" and p["table"] == "三"}
    first_page = [r.key for r in tpl.get("2021").data_rows][:14]
    assert refused == set(first_page)
    # The problem says what the text looked like, not where it came from (crawler captures too).
    messages = {p["message"] for p in report["problems"] if p["rule"] == "F-cell-count" and p["table"] == "三"}
    assert all("先列出各行名称、再逐列列出数值" in m and "合计对不上" in m and "PDF" not in m for m in messages)
    for table, row, column, value in cells(values):
        got = report[table][row][column]
        if table == "applications" and row in refused:
            assert got is None
        else:
            assert got == value, (table, row, column)


def test_a_missing_figure_leaves_its_page_unread():
    values = synthetic.make_values("2021", 13)
    values["applications"]["3.5.2"]["research_institution"] = None  # on the second page
    report = parse(values, "2021")
    second_page = {r.key for r in tpl.get("2021").data_rows[14:]}
    refused = {p["row"] for p in report["problems"] if p["rule"] == "F-cell-count" and p["table"] == "三"}
    assert refused == second_page
    for row in tpl.get("2021").data_rows:
        expected = None if row.key in second_page else values["applications"][row.key]
        assert (report["applications"][row.key] == expected) if expected else \
            all(v is None for v in report["applications"][row.key].values())


@pytest.mark.parametrize("mark", ("—", "/", "-"))
def test_a_dash_printed_for_a_nil_cell_keeps_its_page_readable(mark):
    # pdfminer keeps a cell's "—" as a line of its own among the figures: it holds the cell's
    # place and counts 0 in the row's sum, so the page's totals still prove the order.
    values = synthetic.make_values("2021", 14)
    row = values["applications"]["3.1"]
    row["total"] -= row["commercial_enterprise"]
    row["commercial_enterprise"] = 424242  # a figure to find in the text, printed as the mark
    text = synthetic.render_column_major(values, "2021", agency="某某区司法局", year=YEARS["2021"])
    assert text.count("\n424242\n") == 1
    report = parse_bytes(text.replace("\n424242\n", f"\n{mark}\n").encode("utf-8"), "columns.txt")
    row["commercial_enterprise"] = None
    assert not [p for p in report["problems"] if p["rule"] == "F-cell-count"]
    for table, key, column, value in cells(values):
        if table == "applications":
            assert report[table][key][column] == value, (key, column)
