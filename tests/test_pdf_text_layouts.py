"""Layouts found in real text converted from published PDFs, each written here as a fixture of its
own (the values are synthetic): pdfminer's column-by-column tables with a group label broken at a
space ("(四) 无" / "法提供") and with blank cells; table 二 by columns with a figure strayed into
another block; the Markdown a PDF converter or an OCR service writes (rows whose label stayed in
the text above the table, a group cell before the row label, a trailing empty cell, table 四's
15 figures under a shorter header, a table-二 row one cell short, placeholder column headers).
Every cell is read exactly or left empty with a problem: never a value from another cell."""
from __future__ import annotations

import re

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

from format_fixtures import (assert_exact_except, cells, figures, item_label, pipe, rule, wrong_cells,
                             with_tables as ff_with_tables)

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


# -- Markdown from a PDF converter or an OCR service -----------------------------------------------

def with_tables(values: dict, template_id: str, blocks: dict[str, list[str]]) -> str:
    return ff_with_tables(values, template_id, blocks, agency=AGENCY, year=YEARS[template_id], seed=5)


def converter_table_three(values: dict, template_id: str, *, orphans=(), group_cells=(), trailing=(),
                          early_labels: dict | None = None) -> list[str]:
    """Table 三 as a PDF-to-Markdown converter writes it: the header cells run together as text,
    one pipe row per data row with the row's own label only. `orphans`: rows whose label the
    converter left as text above the table (broken over two lines) and whose figures open a new
    pipe table as its header row. `group_cells`: rows written with a piece of their group label
    before the row label. `trailing`: rows with an empty cell after the total. `early_labels`:
    {orphan row: later orphan row} whose label the converter wrote with the first one's, both
    before the first one's figures (the later one's figures come at their own place, bare)."""
    early_labels = early_labels or {}
    moved = set(early_labels.values())
    t = tpl.get(template_id)
    out = ["申请人情况", "（本列数据的勾稽关系为：第一项加第二项之和，法人或其他组织", "等于第三项加第四项之和）",
           "自然人总计", "商业企科研机社会公法律服", "其他", "",
           pipe(["业", "构", "益组织", "务机构", "", "", "", "", ""]), rule(9)]
    for row in t.data_rows:
        label = item_label(template_id, row.key)
        figs = figures(values, row.key, template_id)
        if row.key in orphans:
            pieces = [] if row.key in moved else [label[: len(label) // 2], label[len(label) // 2:]]
            if row.key in early_labels:
                later = item_label(template_id, early_labels[row.key])
                pieces += [later[: len(later) // 2], later[len(later) // 2:]]
            out += ["", *pieces, pipe(figs), rule(7)]
        elif row.key in group_cells:
            out.append(pipe(["（三）不", label, *figs]))
        elif row.key in trailing:
            out.append(pipe([label, *figs, None]))
        else:
            out.append(pipe([label, *figs]))
    return out


def converter_table_four(values: dict, template_id: str) -> list[str]:
    """Table 四's 15 figures under a header row the converter cut short (12 cells)."""
    t = tpl.get(template_id)
    flat = [values["review_litigation"][g][c.key] for g, _ in t.review_groups for c in t.review_columns]
    return ["行政复议行政诉讼", "未经复议直接起诉复议后起诉", "结果结果其他尚未", "总计", "总计总计",
            "维持纠正结果审结维持纠正结果审结",
            pipe(["维持", "纠正", "结果", "审结", "结果", "结果", "其他", "尚未", "结果", "结果", "其他", "尚未"]),
            rule(12), pipe(flat), rule(15)]


ORPHANS = {"2021": ("3.2", "3.3.5", "3.4.1", "3.6.2"), "2019": ("3.2", "3.3.5", "3.4.1", "3.6")}


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_converter_markdown_row_whose_label_stayed_above_the_table_is_left_unread(template_id):
    """A row of bare figures opening a new pipe table, its label left in the text above (broken
    over two lines): the row is read from its own label and figures, or left unread with a
    problem; never given to the row before or after it."""
    values = synthetic.make_values(template_id, 32)
    orphans = ORPHANS[template_id]
    text = with_tables(values, template_id, {"三": converter_table_three(values, template_id, orphans=orphans)})
    report = parse_text(text, "converted.md")
    assert_exact_except(values, report, unsure_rows=orphans)


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_converter_markdown_group_cell_before_the_label_and_an_empty_last_cell_are_read_exactly(template_id):
    """'| （三）不 | 4.保护第三方合法权益 | … |' (a piece of the merged group label in a cell of its
    own) and '| 1.属于国家秘密 | … | 4 |  |' (an empty cell after the total): each row's figures
    are found after its own label."""
    values = synthetic.make_values(template_id, 33)
    text = with_tables(values, template_id, {"三": converter_table_three(
        values, template_id, group_cells=("3.3.4", "3.3.5"), trailing=("1", "2", "3.3.1", "3.3.2"))})
    report = parse_text(text, "converted.md")
    assert_exact_except(values, report)
    assert [p for p in report["problems"] if p["severity"] == "error"] == []


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_converter_markdown_table_four_figures_under_a_shorter_header_are_read_in_order(template_id):
    values = synthetic.make_values(template_id, 34)
    text = with_tables(values, template_id, {"四": converter_table_four(values, template_id)})
    report = parse_text(text, "converted.md")
    assert_exact_except(values, report)
    assert [p for p in report["problems"] if p["severity"] == "error"] == []


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_converter_markdown_two_labels_above_one_row_of_figures_give_it_to_neither(template_id):
    """The converter wrote the labels of two rows (5.属于三类内部事务信息, 1.本机关不掌握相关政府信息)
    together above the first one's bare figures, the second's figures later without a label: the
    figures after the second label are not that row's."""
    values = synthetic.make_values(template_id, 35)
    pairs = {"3.3.5": "3.4.1", "3.5.4": "3.5.5"}
    orphans = (*pairs, *pairs.values())
    text = with_tables(values, template_id, {"三": converter_table_three(
        values, template_id, orphans=orphans, early_labels=pairs)})
    report = parse_text(text, "converted.md")
    assert_exact_except(values, report, unsure_rows=orphans)


def ocr_markdown_table_three(values: dict, template_id: str) -> list[str]:
    """Table 三 as an OCR service wrote it in Markdown: a table of empty header pieces, then one
    small pipe table per row group under a '###' heading, with placeholder column headers
    (数据1 … 数据6), labels without their numbering, and the last rows under a header the OCR
    invented from another table (本年新收件数 | 上年结转件数 | …)."""
    t = tpl.get(template_id)
    head = pipe(["类别", *(f"数据{i}" for i in range(1, 7)), "总计"])
    out = ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "",
           "### 申请人情况 (法人或其他组织)", pipe(["商业企业", "科研机构", "社会公益", "法律服务机构", "其他"]), rule(5),
           pipe(["-"] * 5), ""]
    rows = [r for r in t.app_rows]
    last_four = [r.key for r in t.data_rows][-4:]
    for row in rows:
        if row.key in last_four:
            if row.key == last_four[0]:
                out += ["", pipe(["项目", "本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开", "结转下年度", "总计"]),
                        rule(8)]
            out.append(pipe([item_label(template_id, row.key), *figures(values, row.key, template_id)]))
            continue
        if row.key is None or row.level == 0:
            out += ["", f"### {row.label}"]
            if row.key is None:
                continue
        if row.level <= 1 and row.key is not None:
            out += ["", f"### {row.label}"] if row.level == 1 else []
            out += [head, rule(8)]
        elif out[-1].startswith("###"):
            out += [head, rule(8)]
        label = re.sub(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)\s*)", "", row.label)
        out.append(pipe([label, *figures(values, row.key, template_id)]))
    return out


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_ocr_markdown_one_small_table_per_row_group_with_placeholder_headers_is_read_exactly(template_id):
    values = synthetic.make_values(template_id, 36)
    text = with_tables(values, template_id, {"三": ocr_markdown_table_three(values, template_id)})
    report = parse_text(text, "ocr.md")
    assert_exact_except(values, report)


def _amount(value) -> str:
    return f"{value:.2f}"


def converter_table_two(values: dict, *, short_rows=()) -> list[str]:
    """2021 table 二 as a PDF-to-Markdown converter wrote it: the rows of 第二十条第（五）（六）（八）项
    as text lines ('行政许可 97'), then the pipe table of 第（一）项 with the header cut from its
    rows, each row in a table of its own. `short_rows`: rows that lost a cell (a figure the
    converter moved into the text above, '（其中修订 16 件）')."""
    pro = values["proactive"]
    out = ["第二十条第（一）项", "第二十条第（五）项", "信息内容本年处理决定数量", f"行政许可 {pro['licensing']['decisions']}",
           "第二十条第（六）项", "信息内容本年处理决定数量", f"行政处罚 {pro['penalty']['decisions']}",
           f"行政强制 {pro['enforcement']['decisions']}", "第二十条第（八）项", "信息内容本年收费金额（单位：万元）",
           f"行政事业性收费 {_amount(pro['fees']['amount_10k_yuan'])}",
           pipe(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]), rule(4)]
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        figs = [pro[key][c] for c in ("issued", "repealed", "in_force")]
        if key in short_rows:
            figs = [figs[0], figs[2]]
        out += ["## 表二：主动公开政府信息情况", pipe([label, *figs]), rule(len(figs) + 1)]
    return out


def test_converter_markdown_table_two_row_a_cell_short_is_refused():
    """'| 规章 | 22 | 235 |' under a header of three columns: which column lost its figure cannot
    be told, so the row is refused, never read as 制发 22, 废止 235."""
    values = synthetic.make_values("2021", 37)
    text = with_tables(values, "2021", {"二": converter_table_two(values, short_rows=("regulations", "normative_documents"))})
    report = parse_text(text, "converted.md")
    assert wrong_cells(values, report) == []
    for key in ("regulations", "normative_documents"):
        assert all(v is None for v in report["proactive"][key].values())
    assert {"regulations", "normative_documents"} <= refused(report, "二")
    for table, row, column, value in cells(values):
        if table != "proactive":
            assert report[table][row][column] == value, (table, row, column)


def test_converter_markdown_table_two_rows_left_as_text_beside_a_pipe_table_are_read():
    values = synthetic.make_values("2021", 38)
    report = parse_text(with_tables(values, "2021", {"二": converter_table_two(values)}), "converted.md")
    assert_exact_except(values, report)


def ocr_markdown_table_two(values: dict) -> list[str]:
    """2021 table 二 as an OCR service wrote it: one pipe table per article of 第二十条, each under
    a '###' heading with its own header row."""
    pro = values["proactive"]
    out = ["### 第二十条第（一）项", pipe(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]), rule(4)]
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        out.append(pipe([label, *(pro[key][c] for c in ("issued", "repealed", "in_force"))]))
    for article, rows, head in (("五", (("licensing", "行政许可"),), "本年处理决定数量"),
                                ("六", (("penalty", "行政处罚"), ("enforcement", "行政强制")), "本年处理决定数量"),
                                ("八", (("fees", "行政事业性收费"),), "本年收费金额（单位：万元）")):
        out += ["", f"### 第二十条第（{article}）项", pipe(["信息内容", head]), rule(2)]
        for key, label in rows:
            value = pro[key].get("decisions", pro[key].get("amount_10k_yuan"))
            out.append(pipe([label, _amount(value) if key == "fees" else value]))
    return out


def test_ocr_markdown_table_two_one_pipe_table_per_article_is_read():
    values = synthetic.make_values("2021", 39)
    report = parse_text(with_tables(values, "2021", {"二": ocr_markdown_table_two(values)}), "ocr.md")
    assert_exact_except(values, report)


def test_ocr_markdown_table_two_one_pipe_table_per_article_gives_no_wrong_value():
    values = synthetic.make_values("2021", 39)
    report = parse_text(with_tables(values, "2021", {"二": ocr_markdown_table_two(values)}), "ocr.md")
    assert wrong_cells(values, report) == []
    for key in ("regulations", "normative_documents"):
        assert report["proactive"][key] == values["proactive"][key]


def fragment_of_table_three(values: dict) -> str:
    """A page cut from a PDF's text (pypdf, plain): the end of table 二, the heading of part 三 and
    the first rows of table 三, without the title, the opening paragraph or the notice number."""
    pro = values["proactive"]
    lines = ["- 4 -", "信息内容 本年处理决定数量", f"行政处罚 {pro['penalty']['decisions']}",
             f"行政强制 {pro['enforcement']['decisions']}", "第二十条 第（八）项", "信息内容 本年收费金额（单位：万元）",
             f"行政事业性收费 {_amount(pro['fees']['amount_10k_yuan'])}", "三、收到和处理政府信息公开申请情况",
             "（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）", "申请人情况", "自然人",
             "法人或其他组织", "总计商 业 企", "业", "科研机", "构", "社会公益", "组织", "法 律 服 务", "机构", "其他"]
    for key in ("1", "2", "3.1", "3.3.1", "3.3.2"):
        lines.append(" ".join([item_label("2021", key), *map(str, figures(values, key, "2021"))]))
    return "\n".join(lines)


def test_a_page_of_table_three_without_title_year_or_notice_is_reported_not_a_crash():
    values = synthetic.make_values("2021", 40)
    report = parse_text(fragment_of_table_three(values), "fragment.txt")
    assert not any("程序出错" in p["message"] for p in report["problems"])
    assert any(p["rule"] in ("F-template", "F-metadata") for p in report["problems"])


def tall_labels_after_their_figures(values: dict, template_id: str, width: int = 16) -> str:
    """Table 三 as pdfminer emits it when it sorts text boxes by their top edge (boxes_flow=None):
    one cell per line, row by row, but a label wrapped over two lines or more, its box taller than
    its row, comes after the row's figures instead of before them."""
    t = tpl.get(template_id)
    lines = ["三、收到和处理政府信息公开申请情况", "申请人情况", "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)",
             "法人或其他组织", "总计", "自然", "人", "其他", "商业", "企业", "科研", "机构", "社会", "公益", "组织",
             "法律", "服务", "机构"]
    for row in t.app_rows:
        label = row.label
        pieces = [label[i:i + width] for i in range(0, len(label), width)]
        if row.key is None:
            lines += pieces
            continue
        figs = [str(v) for v in figures(values, row.key, template_id)]
        lines += figs + pieces if len(pieces) > 1 else pieces + figs
    return "\n".join(lines)


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_tall_label_emitted_after_its_figures_gives_no_row_the_next_rows_figures(template_id):
    """After a wrapped label that came out after its row's figures, every label is followed by the
    next row's figures, which add up as a row should: the rows from there on are refused, never
    read one row off."""
    values = synthetic.make_values(template_id, 41)
    text = with_tables(values, template_id, {"三": tall_labels_after_their_figures(values, template_id).split("\n")[1:]})
    report = parse_text(text, "pdfminer.txt")
    assert wrong_cells(values, report) == []
    # The rows before the first wrapped label are read.
    assert report["applications"]["1"] == values["applications"]["1"]


# The rest of table 二 as pdfminer emits it in both tests below: the labels of 第（五）（六）项
# together, their figures after the headers.
LATER_ARTICLES = """信息内容
行政许可
信息内容
行政处罚
行政强制
第二十条第（五）项
本年处理决定数量
{licensing}
第二十条第（六）项
本年处理决定数量
{penalty}
{enforcement}
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费
{fees}"""


def later_articles(pro: dict) -> str:
    return LATER_ARTICLES.format(licensing=pro["licensing"]["decisions"], penalty=pro["penalty"]["decisions"],
                                 enforcement=pro["enforcement"]["decisions"], fees=_amount(pro["fees"]["amount_10k_yuan"]))


TABLE_TWO_HEADER_BEFORE_FIGURES = """第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 {r1}
行政规范性文件 {n1}
{rest}
{later}"""


def test_table_two_row_followed_by_another_articles_header_takes_no_figure_after_it():
    """pdfminer with a wide char_margin: 规章 and its first figure on one line (so the text is not
    column by column), the labels of 第（五）（六）项 together, their figures after the headers."""
    values = synthetic.make_values("2021", 42)
    pro = values["proactive"]
    text = TABLE_TWO_HEADER_BEFORE_FIGURES.format(
        r1=pro["regulations"]["issued"], n1=pro["normative_documents"]["issued"],
        rest="\n".join(str(pro[r][c]) for c in ("repealed", "in_force") for r in ("regulations", "normative_documents")),
        later=later_articles(pro))
    report = parse_text(with_tables(values, "2021", {"二": text.split("\n")}), "pdfminer.txt")
    assert wrong_cells(values, report) == []


TABLE_TWO_FIGURES_AFTER_THE_NEXT_LABEL = """第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 {r_issued}
{r_repealed}
行政规范性文件 {n_issued}
{r_in_force}
{n_in_force}
{later}"""


def test_table_two_figures_below_the_next_label_are_not_that_rows():
    """规章's last figure came out after the label 行政规范性文件, whose own 本年废止件数 is blank:
    行政规范性文件 is followed by exactly three figures, one of them 规章's."""
    values = synthetic.make_values("2021", 43)
    pro = values["proactive"]
    pro["normative_documents"]["repealed"] = None
    text = TABLE_TWO_FIGURES_AFTER_THE_NEXT_LABEL.format(
        r_issued=pro["regulations"]["issued"], r_repealed=pro["regulations"]["repealed"],
        r_in_force=pro["regulations"]["in_force"], n_issued=pro["normative_documents"]["issued"],
        n_in_force=pro["normative_documents"]["in_force"], later=later_articles(pro))
    report = parse_text(with_tables(values, "2021", {"二": text.split("\n")}), "pdfminer.txt")
    assert wrong_cells(values, report) == []


def _drop_blank_cell(line: str) -> str:
    """The pipe row without the empty cell that stood for a blank figure (a converter that drops
    empty cells, or one that moved the cell's text out of the table)."""
    cells = line.split("|")
    label = next(k for k, c in enumerate(cells) if re.search(r"[\u4e00-\u9fff]", c))
    empty = next(k for k in range(label + 1, len(cells) - 1) if not cells[k].strip())
    del cells[empty]
    return "|".join(cells)


SHORT_ROWS = {  # table: (row key, column key, the row's label in the Markdown, by template)
    "applications": ("3.3.2", "commercial_enterprise", {"2021": "2.其他法律行政法规禁止公开", "2019": "2.其他法律行政法规禁止公开"}),
    "proactive": ("normative_documents", None, {"2021": "行政规范性文件", "2019": "规范性文件"}),
    "review_litigation": ("litigation_direct", "other", None),
}


@pytest.mark.parametrize("table", SHORT_ROWS)
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_markdown_row_that_lost_a_blank_cell_is_refused_not_shifted(template_id, table):
    """A whole Markdown table (header and merged cells as empty cells) in which one row lost the
    empty cell of its blank figure: 2.其他法律行政法规禁止公开's 商业企业, 行政规范性文件's second
    column, table 四's 未经复议直接起诉 · 其他结果."""
    from test_blank_cells import to_markdown
    from format_fixtures import report_from_text

    row, column, labels = SHORT_ROWS[table]
    values = synthetic.make_values(template_id, 71)
    column = column or list(values[table][row])[1]
    values[table][row][column] = None
    text = synthetic.render(values, template_id, agency=AGENCY, year=YEARS[template_id], layout="tab", seed=1)
    lines = to_markdown(report_from_text(text, values)).decode("utf-8").split("\n")
    if labels:
        at = next(i for i, line in enumerate(lines) if f"| {labels[template_id]} |" in line)
        lines[at] = _drop_blank_cell(lines[at])
    else:  # table 四's data row: the last pipe row before part 五
        five = next(i for i, line in enumerate(lines) if line.startswith("五、"))
        at = max(i for i in range(five) if lines[i].startswith("|"))
        cells = lines[at].split("|")
        del cells[next(k for k in range(1, len(cells) - 1) if not cells[k].strip())]
        lines[at] = "|".join(cells)
    report = parse_text("\n".join(lines), "converted.md")
    assert wrong_cells(values, report) == []


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_converter_markdown_row_that_lost_a_blank_cell_is_refused_not_shifted(template_id):
    values = synthetic.make_values(template_id, 72)
    values["applications"]["3.4.2"]["natural_person"] = None
    lines = converter_table_three(values, template_id)
    at = next(i for i, line in enumerate(lines) if line.startswith("| 2.没有现成信息需要另行制作"))
    lines[at] = _drop_blank_cell(lines[at])
    report = parse_text(with_tables(values, template_id, {"三": lines}), "converted.md")
    assert wrong_cells(values, report) == []
    assert "3.4.2" in refused(report, "三")


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_web_page_row_missing_the_td_of_a_blank_cell_is_refused_not_shifted(template_id):
    """The same short row in a saved web page: the row 一、本年新收… has no <td> at all for its
    blank 自然人 figure (a CMS that drops empty cells)."""
    from format_fixtures import report_from_text, to_html

    values = synthetic.make_values(template_id, 73)
    values["applications"]["1"]["natural_person"] = None
    text = synthetic.render(values, template_id, agency=AGENCY, year=YEARS[template_id], layout="tab", seed=1)
    page = to_html(report_from_text(text, values)).decode("utf-8")
    start = page.index("一、本年新收政府信息公开申请数量")
    end = page.index("</tr>", start)
    row = re.sub(r'<td[^>]*><p align="center"><span></span></p></td>', "", page[start:end], count=1)
    report = parse_bytes((page[:start] + row + page[end:]).encode("utf-8"), "page.html")
    assert wrong_cells(values, report) == []
    assert "1" in refused(report, "三")


def test_a_bare_page_number_after_a_row_with_a_blank_cell_is_not_its_total():
    """pypdf, plain: each row on one line, a blank cell gone from it, and the page number printed
    bare under the page's last row."""
    values = synthetic.make_values("2021", 91)
    values["applications"]["3.3.8"]["commercial_enterprise"] = None
    t = tpl.get("2021")
    lines = ["申请人情况", "自然人", "法人或其他组织", "总计商 业 企", "业", "科研机", "构", "社会公益", "组织", "法 律 服 务",
             "机构", "其他"]
    for row in t.app_rows:
        if row.key is None:
            lines.append(row.label)
            continue
        lines.append(" ".join([item_label("2021", row.key),
                               *(str(v) for v in figures(values, row.key, "2021") if v is not None)]))
        if row.key == "3.3.8":
            lines.append("5")
    report = parse_text(with_tables(values, "2021", {"三": lines}), "pypdf.txt")
    assert wrong_cells(values, report) == []
    assert "3.3.8" in refused(report, "三")


def mineru_markdown(values: dict, template_id: str) -> str:
    """The report as MinerU (a common PDF-to-Markdown converter) writes it: '#' headings for the
    title and the parts, prose paragraphs, and each table as one line of HTML (<table> with
    rowspan/colspan) inside the Markdown."""
    from format_fixtures import TABLE, _html_table, applications_table, proactive_table, report_from_text, review_table

    text = synthetic.render(values, template_id, agency=AGENCY, year=YEARS[template_id], layout="tab", seed=2)
    report = report_from_text(text, values)
    t = tpl.get(template_id)
    tables = {"二": proactive_table(t, values["proactive"]), "三": applications_table(t, values["applications"]),
              "四": review_table(t, values["review_litigation"])}
    out = [f"# {report.title}", "", *report.opening, ""]
    for part in report.parts:
        out += [f"# {part.number}、{part.title}", ""]
        for item in part.items:
            out += [re.sub(r"\s*\n\s*", "", _html_table(tables[part.number])) if item is TABLE else item, ""]
    return "\n".join(out)


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_mineru_markdown_with_html_tables_reads_title_parts_and_tables(template_id):
    values = synthetic.make_values(template_id, 95)
    report = parse_text(mineru_markdown(values, template_id), "mineru.md")
    assert wrong_cells(values, report) == []
    assert report["agency"] == AGENCY and report["year"] == YEARS[template_id]
    assert [s["number"] for s in report["sections"]] == list(tpl.PART_NUMBERS)
    assert_exact_except(values, report)


def _mineru_cell(text) -> str:
    return f'<td valign="middle"><p align="center"><span>{text}</span></p></td>'


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_mineru_markdown_row_with_a_figure_split_in_two_cells_is_refused_not_read_shifted(template_id):
    """MinerU's table recogniser split a figure of a row in two <td>s ("6" and "44" for 644), the
    row's last cell blank: the row reaches a column past the header and every other row. Read in
    the header's columns (the empty column past them left out), each figure after the split stood
    a column off; the row is refused alone."""
    values = synthetic.make_values(template_id, 96)
    values["applications"]["3.3.3"]["total"] = None
    text = mineru_markdown(values, template_id)
    row = next(tr for tr in re.findall(r"<tr>.*?</tr>", text) if item_label(template_id, "3.3.3") in tr)
    figure = str(values["applications"]["3.3.3"]["commercial_enterprise"])
    assert len(figure) > 1 and row.count(_mineru_cell(figure)) == 1
    split = row.replace(_mineru_cell(figure), _mineru_cell(figure[0]) + _mineru_cell(figure[1:]))
    report = parse_text(text.replace(row, split), "mineru.md")
    assert wrong_cells(values, report) == []
    assert "3.3.3" in refused(report, "三")
    assert_exact_except(values, report, unsure_rows=("3.3.3",))


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_mineru_markdown_header_with_its_group_cell_over_one_column_is_not_read_by_its_places(template_id):
    """MinerU lost the colspan of 法人或其他组织 (over one column instead of five): 总计, merged down
    over two header rows, then stands between 商业企业 and 科研机构, and every figure from the third
    on was read as another column's. No table prints another column among the five under 法人或
    其他组织: the grid's places are not used, and each row is read in the order of its cells."""
    values = synthetic.make_values(template_id, 97)
    text = mineru_markdown(values, template_id)
    group = '<td colspan="5" valign="middle"><p align="center"><span>法人或其他组织</span></p></td>'
    assert text.count(group) == 1
    report = parse_text(text.replace(group, group.replace(' colspan="5"', "")), "mineru.md")
    assert wrong_cells(values, report) == []
    assert_exact_except(values, report)


def two_labels_in_one_box(values: dict, template_id: str, pair: tuple[str, str]) -> list[str]:
    """Table 三 one cell per line, row by row (pdfminer sorting boxes by their top), except that
    the labels of the two rows in `pair` came out together (one text box of two lines) before
    the first row's figures, then the second row's."""
    t = tpl.get(template_id)
    lines = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for row in t.app_rows:
        if row.key is None:
            lines.append(row.label)
            continue
        if row.key == pair[1]:
            continue
        lines.append(row.label)
        if row.key == pair[0]:
            lines.append(item_label(template_id, pair[1]))
        lines += [str(v) for v in figures(values, row.key, template_id)]
        if row.key == pair[0]:
            lines += [str(v) for v in figures(values, pair[1], template_id)]
    return lines


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_two_rows_of_few_figures_that_add_up_by_rows_and_by_columns_are_refused(template_id):
    """A small agency's table: nearly every figure 0. Two labels then fourteen figures read as a
    page by columns add up (0 = 0, 1 = 1) as well as read row by row, to other values: which
    reading is right cannot be told, so neither row is read."""
    values = synthetic.make_values(template_id, 44)
    for row in values["applications"].values():
        for column in row:
            row[column] = 0
    values["applications"]["3.3.2"].update(natural_person=1, total=1)
    pair = ("3.3.1", "3.3.2")
    text = with_tables(values, template_id, {"三": two_labels_in_one_box(values, template_id, pair)})
    report = parse_text(text, "pdfminer.txt")
    assert wrong_cells(values, report) == []
    assert set(pair) <= refused(report, "三")


def wrapped_rows(values: dict, template_id: str, width: int, *, spaces: int, group_pieces: bool) -> list[str]:
    """Table 三 as pdfplumber (one space between words, spaces=1) or a layout-mode extractor
    (spaces=2 or more) prints it from a table with a narrow label column: each data row's label
    cut every `width` characters, its figures after the first piece. group_pieces: the merged
    group label (（六）其他处理) cut in two beside its rows, its second piece ('他处理') at the
    start of the first row's second line, as on the printed page."""
    t = tpl.get(template_id)
    gap = " " * spaces
    out = ["申请人情况", f"自然人{gap}法人或其他组织{gap}总计", gap.join(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])]
    pending = None
    for row in t.app_rows:
        label = row.label.replace("(", "（").replace(")", "）")
        if row.key is None:
            if group_pieces and row.level == 1:
                pending = (label[:len(label) // 2 + 1], label[len(label) // 2 + 1:])
            else:
                out.append(label)
            continue
        figs = gap.join(str(v) for v in figures(values, row.key, template_id))
        head, tail = (pending[0] + gap, pending[1] + gap) if pending else ("", "")
        pending = None
        pieces = [label[k:k + width] for k in range(0, len(label), width)]
        out.append(f"{head}{pieces[0]}{gap}{figs}")
        if len(pieces) > 1:
            out.append(f"{tail}{pieces[1]}")
            out += pieces[2:]
        elif tail:
            out.append(tail.strip())
    return out


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_wrapped_labels_with_figures_one_space_after_their_first_piece_are_read(template_id):
    values = synthetic.make_values(template_id, 45)
    lines = wrapped_rows(values, template_id, 14, spaces=1, group_pieces=False)
    report = parse_text(with_tables(values, template_id, {"三": lines}), "pdfplumber.txt")
    assert wrong_cells(values, report) == []
    assert_exact_except(values, report)


def test_a_wrapped_label_whose_next_line_starts_with_the_group_labels_end_is_read():
    """2021 template: （六）其他处理 is a group of three rows, its label cut beside the first."""
    values = synthetic.make_values("2021", 46)
    lines = wrapped_rows(values, "2021", 14, spaces=3, group_pieces=True)
    report = parse_text(with_tables(values, "2021", {"三": lines}), "layout.txt")
    assert wrong_cells(values, report) == []
    assert_exact_except(values, report)


def one_cell_per_line_by_rows(values: dict, template_id: str) -> dict[str, list[str]]:
    """Tables 二 and 三 as pdfminer emits them when it sorts text boxes by their top edge and the
    boxes of a row's cells do not merge: one cell per line, row by row; only the two labels of
    第二十条第（一）项, close together in their column, came out as one box before the figures."""
    t = tpl.get(template_id)
    three = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for row in t.app_rows:
        three.append(row.label)
        if row.key:
            three += [str(v) for v in figures(values, row.key, template_id)]
    pro = values["proactive"]
    first, second = t.proactive[0], t.proactive[1]
    two = [first.article, "信息内容", *(c.label for c in first.columns), first.label, second.label]
    two += [str(pro[r.key][c.key]) for r in (first, second) for c in r.columns]
    for row in t.proactive[2:]:
        two += [row.article, "信息内容", *(c.label for c in row.columns), row.label]
        two += [_amount(pro[row.key][c.key]) if c.kind == "amount" else str(pro[row.key][c.key]) for c in row.columns]
    return {"二": two, "三": three}


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_table_two_block_of_several_rows_is_not_read_by_columns_unless_table_three_was(template_id):
    """Table 三 read one row per block proves nothing about the order of a block of several rows:
    规章 and 行政规范性文件 then six figures may be row by row as well as column by column."""
    from build_scripts import column_major
    from build_scripts.textnorm import nfkc_lines

    values = synthetic.make_values(template_id, 47)
    lines = one_cell_per_line_by_rows(values, template_id)
    t = tpl.get(template_id)
    three = column_major.applications(nfkc_lines(lines["三"]), t)
    assert three is not None and not three.by_columns
    assert three.cells == {key: {c: str(v) for c, v in row.items()} for key, row in values["applications"].items()}
    two = column_major.proactive(nfkc_lines(lines["二"]), t, by_columns=three.by_columns)
    assert two.cells == {} and set(two.unread) == {r.key for r in t.proactive}


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_table_two_row_by_row_after_a_table_three_read_row_by_row_gives_no_wrong_value(template_id):
    values = synthetic.make_values(template_id, 47)
    report = parse_text(with_tables(values, template_id, one_cell_per_line_by_rows(values, template_id)), "pdfminer.txt")
    assert wrong_cells(values, report) == []
    assert report["applications"] == values["applications"]


# -- pdftotext (default mode): table 四 read block by block ----------------------------------------

def table_four_block_by_block(values: dict, template_id: str, *, blank=None, direct_first: bool = False) -> list[str]:
    """Table 四 as pdftotext writes a ruled one without -layout: the header of 行政复议 (its results
    broken in their narrow cells, "结果" / "维持"), its five figures, then the header of 行政诉讼
    and its ten figures; each piece a block of its own, blank lines between. `blank`: a cell of
    行政复议 printed blank (nothing written). `direct_first`: 未经复议直接起诉 written after
    行政复议's figures' place is taken by those of 行政诉讼's first group."""
    t = tpl.get(template_id)
    rows = values["review_litigation"]
    results = [piece for c in t.review_columns for piece in ([c.label[:2], c.label[2:]] if len(c.label) == 4 else [c.label])]
    review = [str(rows["review"][c.key]) for c in t.review_columns if c.key != blank]
    later = [str(rows[g][c.key]) for g, _ in t.review_groups[1:] for c in t.review_columns]
    head = ["行政复议", "行政诉讼", *results]
    if direct_first:
        block = head + ["未经复议直接起诉", *review, "复议后起诉", *results, *results, *later]
    else:
        block = head + [*review, "未经复议直接起诉", "复议后起诉", *results, *results, *later]
    return [line for piece in block for line in (piece, "")]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_table_four_written_block_by_block_reads_review_figures_under_its_own_header(template_id):
    """pdftotext writes 行政复议's five figures under its own header, before the header of 行政诉讼
    and the other ten: all fifteen are the row, in the template's order."""
    values = synthetic.make_values(template_id, 29)
    report = parse_text(with_tables(values, template_id, {"四": table_four_block_by_block(values, template_id)}))
    assert report["review_litigation"] == values["review_litigation"]
    assert refused(report, "四") == set()


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_table_four_block_by_block_with_a_blank_review_cell_is_refused_not_shifted(template_id):
    values = synthetic.make_values(template_id, 29)
    text = with_tables(values, template_id, {"四": table_four_block_by_block(values, template_id, blank="other")})
    report = parse_text(text)
    assert wrong_cells(values, report) == []
    assert all(v is None for row in report["review_litigation"].values() for v in row.values())
    assert refused(report, "四") == {"data"}


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_table_four_figures_after_a_litigation_group_name_are_not_taken_for_review(template_id):
    """Five figures that stand after 未经复议直接起诉 inside the header may be that group's: they are
    not read as 行政复议's."""
    values = synthetic.make_values(template_id, 29)
    text = with_tables(values, template_id,
                       {"四": table_four_block_by_block(values, template_id, direct_first=True)})
    report = parse_text(text)
    assert wrong_cells(values, report) == []
    assert all(v is None for row in report["review_litigation"].values() for v in row.values())


def last_labels_after_their_figures(values: dict, template_id: str, *, swapped: bool = False,
                                    blank: tuple[str, str] | None = None) -> dict[str, list[str]]:
    """Table 三 as pdftotext (default mode) writes a ruled one: each row's label, then its figures
    one a line, except the rows whose labels span the label columns at the table's foot, (七)总计
    and 四、结转下年度继续办理: their figures come right after the row above's, their labels after
    them all, with the pieces of the group labels. `swapped`: 四's figures before (七)'s.
    `blank`: (row, column) printed blank (nothing written)."""
    t = tpl.get(template_id)
    apps = values["applications"]
    last = ["3.7", "4"]
    fig = lambda key: [str(apps[key][c.key]) for c in t.app_columns if (key, c.key) != blank]
    three = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for row in t.app_rows:
        if row.key in last:
            continue
        three.append(row.label)
        if row.key:
            three += fig(row.key)
    for key in (last[::-1] if swapped else last):
        three += fig(key)
    three += ["(五) 不", "予处理", "申请人情况", *(item_label(template_id, key) for key in last)]
    return {"三": [line for piece in three for line in (piece, "")]}


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_labels_of_the_last_rows_written_after_their_figures_are_read_by_the_tables_rules(template_id):
    """The figures after the last labelled row are its own, then (七)总计's and 四's, in the order
    their labels follow: read so because (七)总计 is then the sum of the results and 一 + 二 =
    (七) + 四 in every column."""
    values = synthetic.make_values(template_id, 31)
    report = parse_text(with_tables(values, template_id, last_labels_after_their_figures(values, template_id)),
                        "pdftotext.txt")
    assert report["applications"] == values["applications"]
    assert refused(report, "三") == set()


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_last_rows_whose_figures_break_the_tables_rules_are_left_unread(template_id):
    """四's figures before (七)'s: each row still adds up, but the table's rules do not hold, so
    which figures are whose is unknown."""
    values = synthetic.make_values(template_id, 31)
    text = with_tables(values, template_id, last_labels_after_their_figures(values, template_id, swapped=True))
    report = parse_text(text, "pdftotext.txt")
    assert wrong_cells(values, report) == []
    assert all(v is None for key in ("3.7", "4") for v in report["applications"][key].values())


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_last_rows_after_their_figures_with_a_blank_cell_are_left_unread(template_id):
    values = synthetic.make_values(template_id, 31)
    text = with_tables(values, template_id,
                       last_labels_after_their_figures(values, template_id, blank=("4", "research_institution")))
    report = parse_text(text, "pdftotext.txt")
    assert wrong_cells(values, report) == []
    assert all(v is None for key in ("3.7", "4") for v in report["applications"][key].values())


def row_figures_over_a_page_break(values: dict, template_id: str, key: str, before: list[str], after: list[str],
                                  footer: list[str]) -> dict[str, list[str]]:
    """Table 三 a row after another, each label then its figures one a line (pdftotext's default
    mode), except that row `key`'s label is followed by `before`, the page's footer lines, and
    `after` (pdftotext writes a page's last row with figures from elsewhere on the page when cells
    are blank); the next page repeats the header."""
    t = tpl.get(template_id)
    header = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    three = list(header)
    for row in t.app_rows:
        three.append(row.label)
        if row.key == key:
            three += [*before, *footer, *after, *header]
        elif row.key:
            three += [str(v) for v in figures(values, row.key, template_id)]
    return {"三": [line for piece in three for line in (piece, "")]}


@pytest.mark.parametrize("footer", [["- 2 -"], ["2", "\f"], ["\f"]], ids=["dashed", "bare-number", "form-feed"])
def test_a_rows_figures_going_on_over_a_page_break_are_not_read_as_one_row(footer):
    """Seven figures one a line after a label, the page ending among them, that add up by chance
    (2 + 0 + 2 + 0 + 0 + 0 = 4): no row of a PDF's table goes on over a page break, so they are
    not the row's."""
    values = synthetic.make_values("2021", 31, distinct=False)
    values["applications"]["3.3.8"] = {"natural_person": 2, "commercial_enterprise": 0, "research_institution": 0,
                                       "social_welfare_org": None, "legal_service_org": None, "other_org": 0, "total": 2}
    blocks = row_figures_over_a_page_break(values, "2021", "3.3.8", ["2", "0", "2"], ["0", "0", "0", "4"], footer)
    report = parse_text(with_tables(values, "2021", blocks), "pdftotext.txt")
    assert wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"]["3.3.8"].values())
    assert report["applications"]["3.3.7"] == values["applications"]["3.3.7"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_page_footer_written_among_a_pages_columns_leaves_its_block_of_rows_read(template_id):
    """pdfminer sorts a page's footer box among the page's figures: a block of several rows goes
    on after it, its count and every row's sum proving the rows."""
    values = synthetic.make_values(template_id, 5)
    lines = column_major(values, template_id).split("\n")
    footer = lines.index("- 3 -")
    del lines[footer]
    first = next(i for i, line in enumerate(lines) if line.strip().isdigit() and i > lines.index("总计"))
    lines[first + 12:first + 12] = ["", "- 2 -", ""]
    report = parse_text("\n".join(lines), "pdfminer.txt")
    assert report["applications"] == values["applications"]


# (table, row, label printed before the figures or None when they stand on a line of their own,
# the indices of the cells printed as a blank mark)
MARKED_ROWS = [("proactive", "regulations", "规章", (0,)),
               ("applications", "3.3.3", "3.危及“三安全一稳定”", (0, 2, 3)),
               ("applications", "3.5.1", "1.信访举报投诉类申请", (0, 1)),
               ("applications", "3.3.2", None, (0,))]


@pytest.mark.parametrize("mark", ["/", "—", "-"])
def test_blank_marks_before_a_rows_first_figure_in_pdf_text_are_its_first_cells(mark):
    # pypdf (plain) writes a row's cells apart by single spaces, a blank cell printed as a mark
    # like any other: "3.危及“三安全一稳定” / 360 / / 125 513 1000".
    text, values = synthetic.make_report("2021", 3, layout="pdf", year=YEARS["2021"])
    lines = text.split("\n")
    for table, row, label, blanks in MARKED_ROWS:
        printed = [str(v) for v in values[table][row].values()]
        at = lines.index(" ".join(printed) if label is None else f"{label} {' '.join(printed)}")
        for i in blanks:
            printed[i] = mark
            values[table][row][list(values[table][row])[i]] = None
        lines[at] = " ".join(printed) if label is None else f"{label} {' '.join(printed)}"
    report = parse_text("\n".join(lines))
    assert not wrong_cells(values, report)
    for table, row, _, _ in MARKED_ROWS:
        assert report[table][row] == values[table][row], row


@pytest.mark.parametrize("mark", ["/", "—", "-"])
@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_a_blank_mark_before_table_fours_first_figure_in_pdf_text_is_its_first_cell(template_id, mark):
    text, values = synthetic.make_report(template_id, 3, layout="pdf", year=YEARS[template_id])
    review = values["review_litigation"]
    printed = " ".join(str(v) for group in review.values() for v in group.values())
    assert printed in text.split("\n")
    first = next(iter(review[next(iter(review))]))
    review[next(iter(review))][first] = None
    report = parse_text(text.replace(printed, mark + printed[printed.index(" "):], 1))
    assert report["review_litigation"] == review
    assert not wrong_cells(values, report)


@pytest.mark.parametrize("start,ending", [("", "\t"), ("", "  \t"), ("\t", ""), ("  \t", "\t")])
@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_pdf_text_whose_lines_end_or_start_with_a_tab_is_read_as_without_it(template_id, start, ending):
    # A converter that ends or starts every line with a tab ("规章 0 2 3⇥"), or some lines only: no
    # line holds a tab between two cells, so none is a tab-separated row of one cell.
    text, values = synthetic.make_report(template_id, 3, layout="pdf", year=YEARS[template_id])
    lines = text.split("\n")
    for every in (1, 2):
        report = parse_text("\n".join(start + line + ending if i % every == 0 else line for i, line in enumerate(lines)))
        assert list(cells(report)) == list(cells(values)), every
        assert report["problems"] == parse_text(text)["problems"], every


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_column_header_written_after_a_rows_label_leaves_the_figures_after_it_unread(template_id):
    # pdftotext's default mode may write the header's 总计 box after a row's label, then that
    # column's figures: seven 0s that add up as a row's would, but are none of this row's.
    values = synthetic.make_values(template_id, 41, distinct=False)
    row = "3.3.3"
    values["applications"][row] = {"natural_person": None, "commercial_enterprise": 0, "research_institution": None,
                                   "social_welfare_org": None, "legal_service_org": None, "other_org": 3, "total": 3}
    blocks = row_figures_over_a_page_break(values, template_id, row, ["总计"], ["0"] * 7, [])
    report = parse_text(with_tables(values, template_id, blocks), "pdftotext.txt")
    assert wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"][row].values())


# Table 二's last row at a page's foot in PDF text, its last figure printed with its unit (政府集中采购
# 266 117.54万元, 行政事业性收费 12.50万元), then the page's footer and the next page's running title:
# the title is no part of the row, and the unit does not run into it.
TABLE_TWO_LAST = {"2019": ("procurement", "amount"), "2021": ("fees", "amount_10k_yuan")}


@pytest.mark.parametrize("page_break", [["- 1 -", f"\f{AGENCY}政府信息公开工作年度报告"],
                                        ["", "- 1 -", f"\f{AGENCY}2020年政府信息公开工作年度报告", ""],
                                        [f"\f{AGENCY}政府信息公开工作年度报告"]], ids=["footer", "footer-year", "title"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_running_title_after_table_twos_last_figure_with_its_unit_leaves_the_row_read(template_id, page_break):
    values = synthetic.make_values(template_id, 61)
    row, column = TABLE_TWO_LAST[template_id]
    lines = synthetic.render(values, template_id, agency=AGENCY, year=YEARS[template_id], layout="pdf").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(tpl.get(template_id).proactive_row(row).label))
    amount = f"{values['proactive'][row][column]:.2f}"
    assert lines[at].endswith(" " + amount)
    lines[at:at + 1] = [lines[at] + "万元", *page_break]
    report = parse_text("\n".join(lines))
    assert report["proactive"] == values["proactive"]
    assert not [p for p in report["problems"] if p.get("table") == "二"]


# 无 typed into a row's last cell in PDF text whose cells stand a space apart (pdftotext -raw):
# "一、本年新收… 11401 10275 无 9741 9011 8936 无" and then the next row's label. The line break
# after a 无 that follows a figure is kept, so 无 does not run into that label.
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_wu_in_the_last_cell_of_a_row_in_pdf_text_stays_that_cell(template_id):
    values = synthetic.make_values(template_id, 62)
    t = tpl.get(template_id)
    places = [("applications", "1", "total"), ("applications", t.data_rows[-2].key, "total"),
              ("proactive", "regulations", t.proactive[0].columns[-1].key)]
    printed = {table: {key: dict(row) for key, row in values[table].items()} for table in ("proactive", "applications",
                                                                                       "review_litigation")}
    for table, row, column in places:
        printed[table][row][column] = "无"
    text = synthetic.render(printed, template_id, agency=AGENCY, year=YEARS[template_id], layout="pdf")
    assert f" 无\n" in text
    report = parse_text(text)
    for table, row, column in places:
        values[table][row][column] = None
    assert report["applications"] == values["applications"]
    assert report["proactive"] == values["proactive"]
    assert {(p["table"], p["row"]) for p in report["problems"] if p["rule"].startswith("F-")} == set()
