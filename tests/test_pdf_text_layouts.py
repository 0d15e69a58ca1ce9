"""Layouts found in real text converted from published PDFs, each written here as a fixture of its
own (the values are synthetic): pdfminer's column-by-column tables with a group label broken at a
space ("(四) 无" / "法提供") and with blank cells; table 二 by columns with a figure strayed into
another block; the Markdown a PDF converter or an OCR service writes (rows whose label stayed in
the text above the table, a group cell before the row label, a trailing empty cell, table 四's
15 figures under a shorter header, a table-二 row one cell short, placeholder column headers).
Every cell is read exactly or left empty with a problem: never a value from another cell."""
from __future__ import annotations

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

from format_fixtures import cells

YEARS = {"2021": 2023, "2019": 2020}
AGENCY = "某某区司法局"


def parse_text(text: str, name: str = "converted.txt") -> dict:
    return parse_bytes(text.encode("utf-8"), name)


def column_major(values: dict, template_id: str) -> str:
    return synthetic.render_column_major(values, template_id, agency=AGENCY, year=YEARS[template_id])


def broken_group_label(text: str) -> str:
    """pdfminer's line break inside the narrow merged cell of (四)无法提供, after the space it
    saw between （四） and 无: "(四) 无" / "法提供"."""
    assert "\n(四) 无法提供\n" in text
    return text.replace("\n(四) 无法提供\n", "\n(四) 无\n法提供\n")


SECOND_PAGE_HEADER = ["自然", "人", "申请人情况", "法人或其他组织", "总计", "商业", "企业", "科研", "机构"]


def header_on_second_page(text: str) -> str:
    """pdfminer's second page of table 三: the page's row labels, then the column headers the
    page repeats, then the figures."""
    lines = text.split("\n")
    at = lines.index("- 3 -")
    while not lines[at].strip().isdigit():
        at += 1
    lines[at:at] = SECOND_PAGE_HEADER
    return "\n".join(lines)


# Each column's header words, as pdfminer emits them on a page of table 三 whose header it reads
# as text boxes of their own: each before its column's figures.
COLUMN_HEADS = [["自然", "人"], ["申请人情况", "法人或其他组织", "总计", "商业", "企业"], ["科研", "机构"],
                ["社会", "公益", "组织"], ["法律", "服务", "机构"], ["其他"], []]


def headers_between_columns(text: str, values: dict, template_id: str, page_rows: list[str]) -> str:
    """The second page of table 三 with each column's header words before its figures (the
    figures of a column are those of `page_rows`, blank cells gone)."""
    t = tpl.get(template_id)
    lines = text.split("\n")
    at = lines.index("- 3 -")
    while not lines[at].strip().isdigit():
        at += 1
    apps = values["applications"]
    for column, heads in zip(t.app_columns, COLUMN_HEADS):
        lines[at:at] = heads
        at += len(heads) + sum(1 for row in page_rows if apps[row][column.key] is not None)
    return "\n".join(lines)


def wrong_cells(values: dict, report: dict) -> list:
    """Cells read with a value other than the one printed (a blank cell read as a figure too)."""
    return [(table, row, column, value, report[table][row][column])
            for table, row, column, value in cells(values)
            if report[table][row][column] is not None and report[table][row][column] != value]


def refused(report: dict, table: str) -> set:
    return {p["row"] for p in report["problems"] if p["rule"] == "F-cell-count" and p.get("table") == table}


# -- pdfminer: tables column by column -----------------------------------------------------------

@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_column_by_column_group_label_broken_before_wu_is_read_exactly(template_id):
    """'无' standing alone after '(四)' is a piece of the label 无法提供, not a blank cell written
    '无': the text still runs column by column and every cell is read."""
    values = synthetic.make_values(template_id, 21)
    report = parse_text(header_on_second_page(broken_group_label(column_major(values, template_id))))
    assert [p for p in report["problems"] if p["severity"] == "error"] == []
    for table, row, column, value in cells(values):
        assert report[table][row][column] == value, (table, row, column)


BLANKS = [("3.5.2", "natural_person"), ("3.6.3", "total"), ("4", "other_org")]


@pytest.mark.parametrize("row, column", BLANKS)
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_column_by_column_text_with_a_blank_cell_takes_no_figure_from_another_row(template_id, row, column):
    """A blank cell vanishes from pdfminer's column of figures, and on a page whose header words
    come before each column's figures a column of 7 figures follows the page's last label. The
    page cannot be proved: its rows are refused, never given a column's figures as a row."""
    if template_id == "2019" and row == "3.6.3":
        row = "3.6"
    t = tpl.get(template_id)
    keyed = [r.key for r in t.data_rows]
    first_page = len(keyed) - 7  # the second page holds 7 rows: a column of 7 figures
    values = synthetic.make_values(template_id, 22)
    values["applications"][row][column] = None
    text = synthetic.render_column_major(values, template_id, agency=AGENCY, year=YEARS[template_id],
                                         page_break_after=first_page)
    text = headers_between_columns(broken_group_label(text), values, template_id, keyed[first_page:])
    report = parse_text(text)
    assert wrong_cells(values, report) == []
    assert row in refused(report, "三")
    assert all(v is None for v in report["applications"][row].values())


def _move_figure(text: str, figure: str, after: str) -> str:
    """The line holding `figure` moved to just after the line holding `after` (a text box the
    extractor emitted with another block)."""
    lines = text.split("\n")
    lines.remove(figure)
    lines.insert(lines.index(after) + 1, figure)
    return "\n".join(lines)


def test_table_two_by_columns_with_a_stray_figure_is_left_unread_not_shifted():
    """2019 table 二 by columns: 行政许可's block lost a figure to the 行政处罚 block, which has a
    blank cell of its own, so the 行政处罚 block counts right with a figure that is not its own.
    Table 二 has no totals to prove a block: the whole table is left unread."""
    values = synthetic.make_values("2019", 23)
    values["proactive"]["penalty"]["change"] = None
    text = column_major(values, "2019")
    stray = str(values["proactive"]["licensing"]["decisions"])
    after = str(values["proactive"]["penalty"]["previous_count"])
    report = parse_text(_move_figure(text, stray, after))
    assert wrong_cells(values, report) == []
    assert all(v is None for row in report["proactive"].values() for v in row.values())
    assert refused(report, "二") == {r.key for r in tpl.get("2019").proactive}
    for table, row, column, value in cells(values):
        if table == "applications":
            assert report[table][row][column] == value, (row, column)


TABLE_TWO_LABELS_FIRST = """第二十条第（一）项
信息内容
规章
行政规范性文件
本年制发件数
本年废止件数
现行有效件数
{regs}
信息内容
行政许可
信息内容
行政处罚
行政强制
信息内容
行政事业性收费
第二十条第（五）项
本年处理决定数量
{licensing}
第二十条第（六）项
本年处理决定数量
{penalty}
{enforcement}
第二十条第（八）项
本年收费金额（单位：万元）
{fees}"""


def test_table_two_by_columns_whose_blocks_all_fail_is_not_handed_to_the_text_reader():
    """pdfminer put the labels of 行政许可 … 行政事业性收费 together and their figures after the
    next headers; with a blank cell in 规章's block no block proves itself. The text reader would
    take the figure after 行政事业性收费 (行政许可's) for the fee: every row stays unread."""
    values = synthetic.make_values("2021", 24)
    pro = values["proactive"]
    pro["normative_documents"]["issued"] = None
    regs = [pro[r][c] for c in ("issued", "repealed", "in_force") for r in ("regulations", "normative_documents")]
    block = TABLE_TWO_LABELS_FIRST.format(
        regs="\n".join(str(v) for v in regs if v is not None), licensing=pro["licensing"]["decisions"],
        penalty=pro["penalty"]["decisions"], enforcement=pro["enforcement"]["decisions"],
        fees=f"{pro['fees']['amount_10k_yuan']:.2f}")
    text = column_major(values, "2021")
    start = text.index("第二十条第（一）项")
    end = text.index("三、收到和处理政府信息公开申请情况")
    report = parse_text(text[:start] + block + "\n\n" + text[end:])
    assert wrong_cells(values, report) == []
    assert report["proactive"]["fees"]["amount_10k_yuan"] is None
    assert refused(report, "二") == {r.key for r in tpl.get("2021").proactive}
