"""table_html.report_table: a report's table as HTML, every value escaped, problems flagged on
their cells and rows and linked by their number."""
from __future__ import annotations

from bs4 import BeautifulSoup

from build_scripts import rules as rules_mod
from build_scripts.portal.table_html import report_table
from build_scripts.portal.tables import Cell, Mark, Row, Table

HOSTILE = '<script>alert("x")</script> & \'y\''


def _table(marks: list[Mark]) -> Table:
    rule = rules_mod.RULES["A-row-total"]
    flagged = Cell(id="cell-t3-1-total", value=5, marks=marks)
    empty = Cell(id="cell-t3-1-other", value=None, empty=True)
    unread = Cell(id="cell-t3-1-natural", value=None)
    signed = Cell(id="cell-t4-review-x", value=3, kind="signed")
    label = Cell(label=HOSTILE, header=True, css="label", colspan=2, marks=marks)
    row = Row([label, flagged, empty, unread, signed], id="row-t3-1", css="total", marks=[Mark(1, {"message": "m"}, rule)])
    return Table("三", "table-3", "applications", [Row([Cell(label="申请人", header=True, rowspan=2)])], [row],
                 marks=marks, table_marks=marks)


def test_report_table_escapes_problem_text_and_links_each_problem_by_its_number():
    marks = [Mark(0, {"message": HOSTILE}, rules_mod.RULES["A-row-total"])]
    html = str(report_table(_table(marks)))
    assert "<script>" not in html
    soup = BeautifulSoup(html, "html.parser")
    table = soup.select_one("table#table-3")
    assert table["data-search-exclude"] == "true" and "flagged-table" in table["class"]
    cell = soup.select_one("td#cell-t3-1-total")
    assert cell["class"] == ["flagged", "flagged-error"] and HOSTILE in cell["title"]
    link = cell.select_one("a.flag-ref")
    assert link["href"] == "#problem-1" and link.get_text() == "1" and not link.has_attr("title")
    th = soup.select_one("th.label")
    assert th["colspan"] == "2" and th.get_text().startswith(HOSTILE)
    assert HOSTILE in th.select_one("a.flag-ref")["title"]  # a label cell has no title of its own
    row = soup.select_one("tr#row-t3-1")
    assert row["class"] == ["total", "flagged-row", "flagged-error"]
    assert soup.select_one("td#cell-t3-1-other").get_text() == "空"
    assert soup.select_one("td#cell-t3-1-natural").get_text() == "无法读取"
    assert soup.select_one("td#cell-t3-1-other")["class"] == ["missing"]
    assert soup.select_one("td#cell-t4-review-x").get_text() == "+3"
    assert soup.select_one("thead th")["rowspan"] == "2"


def test_a_searchable_table_is_left_in_the_search_index():
    table = BeautifulSoup(str(report_table(_table([]), searchable=True)), "html.parser").select_one("table")
    assert not table.has_attr("data-search-exclude") and "flagged-table" not in table["class"]
