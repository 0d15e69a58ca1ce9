"""Layouts seen in the published reports of one government archive (平潭's 2019–2025 annual reports
and its departments'), each pinned on a fixture written here: the agency, the numbers and the
surrounding text are made up (synthetic.make_values: a different non-zero figure in every cell,
every arithmetic rule holding), only the layout feature is the one seen on the real page.
"""
from __future__ import annotations

import html
import random

import pytest

import format_fixtures as ff
from build_scripts import synthetic, template as tpl
from build_scripts.grid import Grid
from build_scripts.reports import parse_bytes

TABLES = ff.TABLES
PROSE = {
    "一": "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。",
    "五": "（一）存在的主要问题：政策解读形式较为单一。（二）改进情况：进一步丰富解读形式。",
    "六": "无其他需要报告的事项。",
}
AGENCY = "某某市某某区交通运输局"


# -- building the fixtures -------------------------------------------------------------------------

def renamed(rows: list, old: str, new: str) -> list:
    out = [[(new if text == old else text, c, r) for text, c, r in row] for row in rows]
    assert out != rows, old
    return out


def word_cell(text: str) -> str:
    return f'<p class="MsoNormal" align="center"><span style="font-family:宋体">{html.escape(text)}</span></p>'


def html_table(rows) -> str:
    out = ['<div align="center"><table class="MsoNormalTable" border="0" cellspacing="0"><tbody>']
    for row in rows:
        cells = []
        for text, colspan, rowspan in row:
            attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            cells.append(f'<td width="60" valign="center"{attrs}>{word_cell(text)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def article(template_id: str, values: dict, year: int, tables: dict | None = None) -> str:
    """A TRS page's article as the archive stores it: title block, 来源/时间 spans, body div."""
    rows = ff.table_rows(template_id, values)
    tables = tables or {}
    body = [f'<p class="MsoNormal"><span>{ff.opening(template_id, year)}</span></p>']
    for number in tpl.PART_NUMBERS:
        body.append(f'<p class="MsoNormal"><span>{number}、{tpl.PART_TITLES[number]}</span></p>')
        if number in PROSE:
            body.append(f'<p class="MsoNormal"><span>{PROSE[number]}</span></p>')
        else:
            body.append(html_table(tables.get(number, rows[number])))
    title = f"{AGENCY}{year}年度政府信息公开工作年度报告"
    return ('<meta charset="utf-8">\n<div class="article_title_group">\n  <div class="article_title text_align_center">\n'
            f'    {title}\n  </div>\n</div>\n<span class="article_source">来源：</span>\n'
            '<span class="article_time bf-pass">时间：2021-01-27 11:26</span>\n'
            f'<div class="article_content article_content_01 font_family_cn">{"".join(body)}</div>\n')


def tab_text(template_id: str, values: dict, year: int, tables: dict | None = None) -> str:
    rows = {**ff.table_rows(template_id, values), **(tables or {})}
    lines = [f"{AGENCY}{year}年度政府信息公开工作年度报告", ff.opening(template_id, year)]
    for number in tpl.PART_NUMBERS:
        lines.append(f"{number}、{tpl.PART_TITLES[number]}")
        lines.append(PROSE[number] if number in PROSE else Grid.from_spans(rows[number]).text())
    return "\n".join(lines) + "\n"


def browser_copy_text(template_id: str, values: dict, year: int, tables: dict | None = None) -> str:
    """Text copied from the page in a browser: each row's own cells joined by tabs."""
    rows = {**ff.table_rows(template_id, values), **(tables or {})}
    lines = [f"{AGENCY}{year}年度政府信息公开工作年度报告", ff.opening(template_id, year)]
    for number in tpl.PART_NUMBERS:
        lines.append(f"{number}、{tpl.PART_TITLES[number]}")
        if number in PROSE:
            lines.append(PROSE[number])
        else:
            lines.extend("\t".join(text for text, _, _ in row) for row in rows[number])
    return "\n".join(lines) + "\n"


def parse(data: str, name: str) -> dict:
    return parse_bytes(data.encode("utf-8"), name)


def assert_no_wrong_proactive(report: dict, values: dict) -> None:
    """Every value of table 二 read is the one printed; a missing one is allowed."""
    for key, row in report["proactive"].items():
        for column, value in row.items():
            assert value is None or value == values["proactive"][key][column], (key, column, value)


def problems_at(report: dict, where: str) -> list[dict]:
    return [p for p in report["problems"] if p["where"].startswith(where)]


# -- table 二: 政府集中采购 with its amount in 元 (2019 template) -------------------------------------
# 交通与建设局's 2020 report heads the column 采购总金额（元） and prints 3042532 under it; the
# template's unit is 万元. Read as 万元 the figure would be ten thousand times too large.

def yuan_header(values: dict) -> dict:
    return {"二": renamed(ff.table_rows("2019", values)["二"], "采购总金额", "采购总金额（元）")}


FORMS = {
    "html": (article, "data/report.html"),
    "tab": (tab_text, "data/report.txt"),
    # Copied from the page in a browser: rows' cells joined by tabs that do not keep columns, read
    # by the text reader.
    "copied": (browser_copy_text, "data/report.txt"),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_procurement_amount_under_a_header_in_yuan_is_never_taken_for_wan_yuan(form):
    values = synthetic.make_values("2019", 3)
    make, name = FORMS[form]
    report = parse(make("2019", values, 2020, yuan_header(values)), name)
    procurement = report["proactive"]["procurement"]
    assert procurement == {"projects": values["proactive"]["procurement"]["projects"], "amount": None}
    [problem] = problems_at(report, "二 · 政府集中采购 · 采购总金额")
    assert problem["rule"] == "F-bad-number"
    # Everything else is read as printed.
    assert report["applications"] == values["applications"]
    assert report["review_litigation"] == values["review_litigation"]
    other = {k: v for k, v in values["proactive"].items() if k != "procurement"}
    assert {k: v for k, v in report["proactive"].items() if k != "procurement"} == other


@pytest.mark.parametrize("form", sorted(FORMS))
def test_problem_for_an_amount_under_a_header_in_yuan_quotes_the_printed_figure_and_names_the_header_unit(form):
    """交通与建设局 2020 prints 3042532 under 采购总金额（元）: the problem quoted “3042532元”, a text
    the report never printed. It quotes the cell and says the 元 is the header's."""
    values = synthetic.make_values("2019", 3)
    printed = ff.figure(values["proactive"]["procurement"]["amount"], "amount")
    make, name = FORMS[form]
    report = parse(make("2019", values, 2020, yuan_header(values)), name)
    [problem] = problems_at(report, "二 · 政府集中采购 · 采购总金额")
    assert problem["found"] == printed
    assert problem["message"] == (f"{problem['where']} 的数值“{printed}”按表头以“元”计，"
                                  f"而本栏以万元计；未换算，不予采用")


@pytest.mark.parametrize("form", sorted(FORMS))
def test_problem_for_an_amount_printed_with_yuan_under_a_header_in_yuan_quotes_the_cell_with_its_unit(form):
    values = synthetic.make_values("2019", 3)
    amount = ff.figure(values["proactive"]["procurement"]["amount"], "amount")
    tables = {"二": renamed(yuan_header(values)["二"], amount, "251000元")}
    make, name = FORMS[form]
    report = parse(make("2019", values, 2020, tables), name)
    assert report["proactive"]["procurement"]["amount"] is None
    [problem] = problems_at(report, "二 · 政府集中采购 · 采购总金额")
    assert problem["found"] == "251000元" and "的内容“251000元”带有单位“元”" in problem["message"]


def test_rule_of_an_amount_printed_in_yuan_says_the_unit_not_that_it_is_no_number():
    # The problem lists show the rule's description beside the message: "不是数字" alone is
    # untrue of 251000元, a number in another unit.
    from build_scripts.rules import RULES

    values = synthetic.make_values("2019", 3)
    amount = ff.figure(values["proactive"]["procurement"]["amount"], "amount")
    make, name = FORMS[sorted(FORMS)[0]]
    report = parse(make("2019", values, 2020, {"二": renamed(yuan_header(values)["二"], amount, "251000元")}), name)
    [problem] = problems_at(report, "二 · 政府集中采购 · 采购总金额")
    description = RULES[problem["rule"]].description
    assert "单位" in description and "万元" in description


@pytest.mark.parametrize("form", sorted(FORMS))
def test_zero_procurement_amount_under_a_header_in_yuan_is_zero(form):
    values = synthetic.make_values("2019", 3)
    values["proactive"]["procurement"] = {"projects": 0, "amount": 0}
    make, name = FORMS[form]
    report = parse(make("2019", values, 2020, yuan_header(values)), name)
    assert report["proactive"]["procurement"] == {"projects": 0, "amount": 0}
    assert not problems_at(report, "二 · 政府集中采购")


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("printed", ["0元", "0.00元", "0千元"])
def test_zero_procurement_amount_printed_with_another_unit_is_zero(form, printed):
    """海坛片区管理局 2022 prints “0元” under 采购总金额 (万元): zero is zero in any unit, so the
    amount is 0, with no problem; a figure that is not zero stays unread (test above)."""
    values = synthetic.make_values("2019", 3)
    values["proactive"]["procurement"] = {"projects": 0, "amount": 0}
    rows = ff.table_rows("2019", values)["二"]
    procurement = next(i for i, row in enumerate(rows) if row[0][0] == "政府集中采购")
    rows = rows[:procurement] + [rows[procurement][:-1] + [(printed, *rows[procurement][-1][1:])]] + rows[procurement + 1:]
    make, name = FORMS[form]
    report = parse(make("2019", values, 2020, {"二": rows}), name)
    assert report["proactive"]["procurement"] == {"projects": 0, "amount": 0}
    assert not problems_at(report, "二 · 政府集中采购")
    assert report["applications"] == values["applications"]


@pytest.mark.parametrize("header", ["采购总金额（万元）", "采购总金额(单位：万元)"])
def test_procurement_amount_under_a_header_in_wan_yuan_is_read(header):
    values = synthetic.make_values("2019", 3)
    tables = {"二": renamed(ff.table_rows("2019", values)["二"], "采购总金额", header)}
    report = parse(article("2019", values, 2020, tables), "data/report.html")
    assert report["proactive"] == values["proactive"]


def test_procurement_amount_in_yuan_in_text_copied_from_a_browser_is_never_taken_for_wan_yuan():
    values = synthetic.make_values("2019", 3)
    report = parse(browser_copy_text("2019", values, 2020, yuan_header(values)), "data/report.txt")
    assert report["proactive"]["procurement"]["amount"] is None
    assert problems_at(report, "二 · 政府集中采购 · 采购总金额")


@pytest.mark.parametrize("form", sorted(FORMS))
def test_procurement_amount_printed_in_yuan_under_the_plain_header_is_unread_and_the_problem_names_the_unit(form):
    """上海市人民政府办公厅 2019 and 平潭 管委会办公室 2019 print “251000元” under 采购总金额, whose unit
    in the template is 万元: not converted, not taken for 万元."""
    values = synthetic.make_values("2019", 4)
    amount = ff.figure(values["proactive"]["procurement"]["amount"], "amount")
    rows = ff.table_rows("2019", values)["二"]
    tables = {"二": renamed(rows, amount, "251000元")}
    make, name = FORMS[form]
    report = parse(make("2019", values, 2020, tables), name)
    assert report["proactive"]["procurement"] == {"projects": values["proactive"]["procurement"]["projects"],
                                                  "amount": None}
    [problem] = problems_at(report, "二 · 政府集中采购 · 采购总金额")
    assert problem["rule"] == "F-bad-number" and problem["found"] == "251000元"
    assert "带有单位“元”" in problem["message"] and "万元" in problem["message"]
    assert report["applications"] == values["applications"]


# -- the archive's crawler text capture: the whole page on one line -------------------------------
# page.txt: header lines, then the article on one line; cells joined by single spaces (财政金融局
# 2020) or by nothing (most captures), and some pages mix the two (交通与建设局 2025: cells joined
# by nothing except a few, "数量2100000 21 二、上年结转…").

CAPTURE_HEAD = ("标题: {title}\n发布时间: 2021-01-28 09:43\n文号: \n发布机构: \n栏目: 政府信息公开年报\n"
                "原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/202101/t20210128_1.htm\n"
                "==================== 正文 ====================\n")


def capture(template_id: str, values: dict, year: int, *, sep: str = " ", part_two_prose: str = "",
            table_sep: dict | None = None) -> str:
    """A crawler's one-line capture of the page: every text node of the article joined by `sep`
    (`table_sep`: another joiner inside the given tables)."""
    title = f"{AGENCY}{year}年度政府信息公开工作年度报告"
    rows = ff.table_rows(template_id, values)
    pieces = [title, "来源：", f"时间：{year + 1}-01-28 09:43", "微信 微博 QQ空间 全真版 文字版 文件下载 相关链接：",
              ff.opening(template_id, year)]
    for number in tpl.PART_NUMBERS:
        pieces.append(f"{number}、{tpl.PART_TITLES[number]}")
        if number == "二" and part_two_prose:
            pieces.append(part_two_prose)
        if number in PROSE:
            pieces.append(PROSE[number])
        else:
            joiner = (table_sep or {}).get(number, sep)
            pieces.append(joiner.join(text for row in rows[number] for text, _, _ in row))
    return CAPTURE_HEAD.format(title=title) + sep.join(pieces) + " 附件下载\n"


def test_crawler_capture_with_cells_joined_by_spaces_is_read_exactly():
    values = synthetic.make_values("2019", 11)
    report = parse(capture("2019", values, 2020), "data/page.txt")
    assert (report["agency"], report["year"], report["template"]) == (AGENCY, 2020, "2019")
    for table in TABLES:
        assert report[table] == values[table], table


@pytest.mark.parametrize("template_id", ["2019", "2021"])
def test_row_labels_named_in_the_prose_before_table_two_never_take_the_tables_figures(template_id):
    values = synthetic.make_values(template_id, 12)
    prose = "（二）主动公开政府信息的主要类别：其中地方性法规、政府规章和规范性文件共4条；财政资金管理共129条。"
    report = parse(capture(template_id, values, 2020 if template_id == "2019" else 2023, part_two_prose=prose),
                   "data/page.txt")
    assert_no_wrong_proactive(report, values)
    assert report["proactive"]["normative_documents"] == values["proactive"]["normative_documents"]


def test_last_row_of_table_two_never_takes_a_figure_of_table_three():
    values = synthetic.make_values("2021", 13)
    values["proactive"]["fees"]["amount_10k_yuan"] = 0
    text = capture("2021", values, 2025, sep="", table_sep={"二": ""})
    # 交通与建设局 2025: table 三's first row joined by nothing except its total.
    new = values["applications"]["1"]
    glued = "".join(str(new[c.key]) for c in tpl.get("2021").app_columns)
    spaced = "".join(str(new[c.key]) for c in tpl.get("2021").app_columns[:-1]) + f" {new['total']} "
    assert glued in text
    text = text.replace(glued, spaced, 1)
    report = parse(text, "data/page.txt")
    assert report["proactive"]["fees"]["amount_10k_yuan"] in (0, None)


# -- table 二: a count printed with its unit ---------------------------------------------------------
# 财政金融局 2020 prints 政府集中采购 as “2笔” and “984361元”: the count is 2; the amount is in 元,
# not the template's 万元, so it is not a figure of the table.

@pytest.mark.parametrize("form", sorted(FORMS) + ["capture"])
def test_count_printed_with_its_unit_is_the_count_and_an_amount_in_yuan_is_not_taken(form):
    """In the capture too (财政金融局 2020's page.txt, "政府集中采购 2笔 984361元"): the amount in 元
    stands in its cell, so the count beside it is read and only the amount is refused."""
    values = synthetic.make_values("2019", 4)
    projects = values["proactive"]["procurement"]["projects"]
    amount = values["proactive"]["procurement"]["amount"]
    original = ff.table_rows("2019", values)["二"]
    rows = renamed(renamed(original, str(projects), f"{projects}笔"), ff.figure(amount, "amount"), f"{int(amount * 10000)}元")
    if form == "capture":
        text = capture("2019", values, 2020).replace(" ".join(t for row in original for t, _, _ in row),
                                                     " ".join(t for row in rows for t, _, _ in row))
        assert f" {projects}笔 {int(amount * 10000)}元 三、" in text
        report = parse(text, "data/page.txt")
    else:
        make, name = FORMS[form]
        report = parse(make("2019", values, 2020, {"二": rows}), name)
    assert report["proactive"]["procurement"] == {"projects": projects, "amount": None}
    [problem] = problems_at(report, "二 · 政府集中采购")
    assert problem["rule"] == "F-bad-number" and problem["column"] == "amount"
    assert {k: v for k, v in report["proactive"].items() if k != "procurement"} == \
        {k: v for k, v in values["proactive"].items() if k != "procurement"}


def test_crawler_capture_count_with_its_unit_run_into_the_amount_after_it_is_the_count():
    """旅游与文化体育局 2019: "政府集中采购1个246900元": the count's unit ends its cell, so the
    count is read; the amount, in 元, is not."""
    values = synthetic.make_values("2019", 33)
    projects = values["proactive"]["procurement"]["projects"]
    amount = values["proactive"]["procurement"]["amount"]
    text = capture("2019", values, 2020)
    spaced = f"政府集中采购 {projects} {ff.figure(amount, 'amount')} 三、"
    assert spaced in text
    report = parse(text.replace(spaced, f"政府集中采购{projects}个{int(amount * 10000)}元三、"), "data/page.txt")
    assert report["proactive"]["procurement"] == {"projects": projects, "amount": None}
    [problem] = problems_at(report, "二 · 政府集中采购")
    assert problem["rule"] == "F-bad-number" and problem["column"] == "amount"
    assert {k: v for k, v in report["proactive"].items() if k != "procurement"} == \
        {k: v for k, v in values["proactive"].items() if k != "procurement"}


# -- table 二 without its 规章 row --------------------------------------------------------------------
# 行政审批局 2025 prints 第二十条第（一）项 with the 行政规范性文件 row only.

def without_regulations(values: dict, template_id: str = "2021") -> list:
    rows = ff.table_rows(template_id, values)["二"]
    out = [row for row in rows if row[0][0] != "规章"]
    assert len(out) == len(rows) - 1
    return out


@pytest.mark.parametrize("form", sorted(FORMS) + ["capture"])
def test_table_two_without_its_regulations_row_reads_the_others_and_says_the_row_is_missing(form):
    values = synthetic.make_values("2021", 21)
    tables = {"二": without_regulations(values)}
    if form == "capture":
        rows = {**ff.table_rows("2021", values), **tables}
        text = capture("2021", values, 2025)
        text = text.replace(" ".join(t for row in ff.table_rows("2021", values)["二"] for t, _, _ in row),
                            " ".join(t for row in rows["二"] for t, _, _ in row))
        report = parse(text, "data/page.txt")
    else:
        make, name = FORMS[form]
        report = parse(make("2021", values, 2025, tables), name)
    expected = {**values["proactive"], "regulations": {"issued": None, "repealed": None, "in_force": None}}
    assert report["proactive"] == expected
    assert [p["rule"] for p in problems_at(report, "二 · 规章")] == ["F-missing-row"]
    assert report["applications"] == values["applications"]


# -- crawler capture: every cell run into the next ------------------------------------------------
# Most of the archive's page.txt captures join the cells with nothing between them ("…申请数量
# 0000000二、上年结转…", "…另行制作00000003.补正后…", "规章000第二十条…"). A run of as many
# digits as the row has cells, all 0 but perhaps the last, can be read only one way (a cell of two
# digits would start with 0). Any other run of as many digits ("1000001": 1, 0 … or 10 with a blank
# cell?) is read one digit a cell only in table 三 and 四, where it must add up so (the total the sum
# of the others: 10 with a blank cell in a row that adds up never does); else it is left unread, and
# the problem says the figures ran together.

def test_crawler_capture_with_cells_run_together_reads_only_the_runs_that_split_one_way():
    values = synthetic.make_values("2021", 5)
    app, columns = values["applications"], tpl.get("2021").app_columns
    for key in ("2", "3.3.2", "3.5.2", "3.6.3", "4"):
        app[key] = {c.key: 0 for c in columns}
    one_digit_a_cell = ("3.1", "3.4.1")
    app["3.1"] = {c.key: 1 if c.key in ("natural_person", "total") else 0 for c in columns}  # 1000001
    app["3.4.1"] = dict(zip([c.key for c in columns], [4, 0, 0, 0, 0, 0, 4]))  # 40000042.没有…
    # 10 and a blank cell, 2 in total: as many digits as cells, but 1, 0 … 2 does not add up
    app["3.2"] = dict(zip([c.key for c in columns], [10, None, 0, 0, 0, 0, 2]))
    values["proactive"]["regulations"] = {"issued": 0, "repealed": 0, "in_force": 5}  # 005
    values["proactive"]["normative_documents"] = {"issued": 6, "repealed": 6, "in_force": 6}  # 666: no total
    values["review_litigation"] = {g: dict(zip(row, figures)) for (g, row), figures in zip(
        values["review_litigation"].items(), ([1, 1, 0, 0, 2], [4, 0, 0, 1, 5], [0] * 5))}
    text = capture("2021", values, 2023, sep="")
    assert "规章005行政规范性文件" in text and "1000001(二)" in text and "3.其他0000000(七)" in text
    assert "1000002(三)" in text and "40000042.没有" in text and "行政规范性文件666第二十条" in text
    assert "尚未审结总计110024001500000五、" in text
    report = parse(text, "data/page.txt")

    for key, row in report["applications"].items():
        if not any(app[key].values()) or key in one_digit_a_cell:
            assert row == app[key], key  # 0000000 before the next label (or its item's number)
        else:
            assert row == {c.key: None for c in columns}, key  # never a split that might be wrong
    assert report["proactive"]["regulations"] == {"issued": 0, "repealed": 0, "in_force": 5}
    assert report["proactive"]["normative_documents"] == {"issued": None, "repealed": None, "in_force": None}
    assert report["proactive"]["fees"] == values["proactive"]["fees"]
    assert report["review_litigation"] == values["review_litigation"]
    assert_no_wrong_proactive(report, values)

    [new] = problems_at(report, "三 · 一、本年新收")
    assert new["rule"] == "F-cell-count" and "数字之间没有分隔" in new["message"]
    assert "".join(str(app["1"][c.key]) for c in columns)[:20] in new["message"]  # the digits, shown
    [ambiguous] = problems_at(report, "三 · (二) 部分公开")
    assert "“1000002(三)" in ambiguous["message"] and "数字之间没有分隔" in ambiguous["message"]
    # 3.其他's number ran into the figures of the row before, (七)总计 into its own: still labels.
    assert not [p for p in report["problems"] if p["rule"] == "F-missing-row"]


def test_crawler_capture_last_row_of_table_three_run_together_is_read_one_digit_a_cell():
    """"…继续办理1000001四、政府信息公开行政复议…": no item's number follows row 四, so its last
    digit is the row's (the rows above it may end with the next item's number)."""
    values = synthetic.make_values("2021", 14)
    columns = tpl.get("2021").app_columns
    values["applications"]["4"] = dict(zip([c.key for c in columns], [1, 0, 0, 0, 0, 0, 1]))
    text = capture("2021", values, 2023, sep="")
    assert "继续办理1000001四、" in text
    report = parse(text, "data/page.txt")
    assert report["applications"]["4"] == values["applications"]["4"]


def test_crawler_capture_row_read_as_no_figure_quotes_the_text_where_its_figures_stand():
    # 平潭 2020 capture: 行政许可1-10 (1, -1, 0 run together) read no figure; the problem said only
    # "实际读到 0 个：（无）", leaving the reader to find the text.
    values = synthetic.make_values("2019", 13)
    values["proactive"]["licensing"] = {"previous_count": 1, "change": -1, "decisions": 0}
    report = parse(capture("2019", values, 2020, table_sep={"二": ""}), "data/page.txt")
    assert report["proactive"]["licensing"] == {"previous_count": None, "change": None, "decisions": None}
    [problem] = problems_at(report, "二 · 行政许可")
    assert problem["rule"] == "F-cell-count" and "文本中没有找到" in problem["message"]
    assert "“1-10" in problem["message"] and problem["message"].endswith("该行数值不予采用")


def test_crawler_capture_row_with_too_few_figures_says_they_were_found_and_none_is_taken():
    # "实际读到 1 个：300" read as if 300 were taken; the row's figures are found, and refused.
    values = synthetic.make_values("2019", 13)
    values["proactive"]["licensing"] = {"previous_count": 12, "change": 0, "decisions": 300}
    report = parse(capture("2019", values, 2020, table_sep={"二": ""}), "data/page.txt")
    assert report["proactive"]["licensing"] == {"previous_count": None, "change": None, "decisions": None}
    [problem] = problems_at(report, "二 · 行政许可")
    assert problem["rule"] == "F-cell-count" and "读到" not in problem["message"]
    assert "文本中找到 1 个（120300）" in problem["message"]
    assert problem["message"].endswith("该行数值不予采用")


def test_crawler_capture_label_run_into_words_is_said_to_be_there_not_missing():
    values = synthetic.make_values("2021", 10)
    text = capture("2021", values, 2023, sep="")
    assert text.count("(七) 总计") == 1
    report = parse(text.replace("(七) 总计", "(七) 总计：", 1), "data/page.txt")
    [total] = problems_at(report, "三 · (七) 总计")
    assert total["rule"] == "F-missing-row" and "连在一起" in total["message"] and "截断" not in total["message"]


def test_crawler_capture_with_some_cells_run_together_reads_the_rows_whose_digits_split_one_way():
    """Captures that keep some spaces and lose others (“…申请数量 10 0 00 0 1二、…”, “0 0 0 0 0 00”):
    between spaces the runs are certain, inside a run only 0s before its last digit split one way."""
    values = synthetic.make_values("2021", 9)
    app, columns = values["applications"], tpl.get("2021").app_columns
    printed = {  # row key: (its values in column order, how the capture prints them)
        "2": ([0] * 7, "0 0 0 00 0 0"),
        "3.1": ([1, 0, 0, 0, 0, 0, 1], "1 0 0 00 0 1"),
        "3.2": ([3, 0, 0, 0, 0, 0, 3], "3 0 0 0 0 03"),
        # 10 with a blank cell, or 1 and 0? As many digits as cells: 1, 0 … 1 adds up, 10 … never
        "3.3.1": ([1, 0, 0, 0, 0, 0, 1], "10 0 00 0 1"),
        "3.3.2": ([2, 0, 0, 0, 0, 0, 2], "2 0 0 0 0 02"),  # then "3.": item 3 (item 23 leaves six digits)
        "3.3.4": ([1, 0, 0, 0, 0, 0, 2], "10 0 00 0 2"),  # does not add up one digit a cell: unread
        # every figure apart, none run together: a cell left blank (its spaces gone), or 1 and 1?
        "3.4.2": ([None, 0, 0, 0, 0, 0, 11], "0 0 0 0 0 11"),
        "3.6.2": ([0] * 7, "0 0 0 0 0 0 0"),  # then "3.其他": a short label after a figure
    }
    text = printed_in_capture(values, printed)
    report = parse(text, "data/page.txt")
    assert "0 0 0 0 0 0 03.其他 " in text
    for key in ("2", "3.1", "3.2", "3.3.1", "3.3.2", "3.6.2", "3.6.3"):
        assert report["applications"][key] == app[key], key
    unread = ("3.3.4", "3.4.2")
    for key in unread:
        assert report["applications"][key] == {c.key: None for c in columns}, key
    assert [p["rule"] for p in problems_at(report, "三 · (三) 不予公开 4.")] == ["F-cell-count"]
    others = {k: v for k, v in values["applications"].items() if k not in unread}
    assert {k: v for k, v in report["applications"].items() if k not in unread} == others


def test_crawler_capture_with_figures_of_several_digits_run_together_reads_the_one_cut_that_adds_up():
    """平潭 交通与建设局 2023/2025 captures: the first six cells of a row run together and the total
    apart ("1400000 14"), or the whole row in one run ("140000014", "1000000102.没有…"). Cut where
    no cell starts with 0, the runs are read only where one way of cutting them adds up, blank
    cells counted in; "220000022" (22 … 22, or 2, 20 … 22?) and a row that never adds up stay unread."""
    values = synthetic.make_values("2021", 9)
    app, columns = values["applications"], tpl.get("2021").app_columns
    printed = {  # row key: (its values in column order, how the capture prints them)
        "1": ([14, 0, 0, 0, 0, 0, 14], "1400000 14"),
        "3.2": ([7, 0, 0, 0, 0, 0, 7], "700000 7"),
        "3.3.1": ([80, 1, 0, 0, 0, 0, 81], "801000081"),
        "3.4.1": ([10, 0, 0, 0, 0, 0, 10], "100000010"),  # then "2.": the next item's number
        "3.5.2": ([22, 0, 0, 0, 0, 0, 22], "220000022"),  # 2, 20, 0 … 22 adds up as well
        "3.6.1": ([14, 0, 0, 0, 0, 0, 15], "1400000 15"),  # adds up no way
        "3.7": ([21, 0, 0, 0, 0, 0, 21], "210000021"),
    }
    text = printed_in_capture(values, printed)
    assert "100000010 2.没有现成信息" not in text and "1000000102.没有现成信息" in text
    report = parse(text, "data/page.txt")
    unread = ("3.5.2", "3.6.1")
    for key in unread:
        assert report["applications"][key] == {c.key: None for c in columns}, key
        assert [p["rule"] for p in report["problems"] if p.get("row") == key] == ["F-cell-count"], key
    assert {k: v for k, v in report["applications"].items() if k not in unread} == \
        {k: v for k, v in app.items() if k not in unread}


def test_crawler_captures_with_cells_run_together_at_random_never_give_a_wrong_value():
    """Captures that lose the spaces between cells at random, with blank cells (which vanish) and
    runs of 0s: every value read is the one printed, and the rows of 0s run together are read."""
    wrong, zero_rows_read = [], 0
    for seed in range(40):
        rng = random.Random(seed)
        template_id = ("2019", "2021")[seed % 2]
        values = ff.with_random_cells(synthetic.make_values(template_id, seed), rng,
                                      [[0], [0, 0, 0, None], [0, 1, 2, 10, None]])
        text = capture(template_id, values, 2023 if template_id == "2021" else 2020, sep="\x00")
        keep = rng.random()
        text = "".join((" " if rng.random() < keep else "") if ch == "\x00" else ch for ch in text)
        report = parse(text, "data/page.txt")
        wrong += [(seed, *cell) for cell in ff.wrong_cells(values, report)]
        zero_rows_read += sum(all(v == 0 for v in row.values()) and report[table][key] == row and len(row) > 1
                              for table in TABLES for key, row in values[table].items())
    assert not wrong
    assert zero_rows_read > 200


def printed_in_capture(values: dict, printed: dict) -> str:
    """A 2021 crawler capture of `values` whose table 三 rows in `printed` (row key: (the row's
    values in column order, how the capture prints them)) are printed so; their values are set in
    `values` too."""
    app, columns = values["applications"], tpl.get("2021").app_columns
    text = capture("2021", values, 2023, sep=" ")
    for key, (figures, shown) in printed.items():
        spaced = " ".join(str(app[key][c.key]) for c in columns)
        app[key] = dict(zip((c.key for c in columns), figures))
        assert text.count(f" {spaced} ") == 1, key
        text = text.replace(f" {spaced} ", f" {shown}", 1)
    return text


def capture_with_row_before_item_three(printed: str) -> tuple[dict, tuple, str]:
    """A spaced capture whose row 2.重复申请 (3.5.2) and the start of the next label, up to
    "3.要求", are written as `printed`: (values, table 三's columns, text)."""
    values = synthetic.make_values("2021", 11)
    app, columns = values["applications"], tpl.get("2021").app_columns
    text = capture("2021", values, 2023, sep=" ")
    spaced = " ".join(str(app["3.5.2"][c.key]) for c in columns)
    start = text.index(f" {spaced} ")
    label = text.index("3.要求提供公开出版物", start)
    return values, columns, text[:start] + printed + text[label + len("3.要求"):]


@pytest.mark.parametrize("after", ["3要求", "3 要求", "③要求"], ids=["bare", "spaced", "circled"])
def test_crawler_capture_row_before_an_item_number_that_may_run_into_its_last_figure_is_unread(after):
    """"…2.重复申请5 0 0 00 0 53要求提供…": 5 and item 3, or 53? Never read as 53. (With the item's
    dot, "53.要求", the row is read one digit a cell: see the next test.)"""
    _, columns, text = capture_with_row_before_item_three(" 5 0 0 00 0 5" + after)
    report = parse(text, "data/page.txt")
    assert report["applications"]["3.5.2"] == {c.key: None for c in columns}


@pytest.mark.parametrize("row,expected", [("5 0 0 00 0 5", [5, 0, 0, 0, 0, 0, 5]), ("5 0 0 00 0 6", None),
                                          ("50 0 00 0 5", [5, 0, 0, 0, 0, 0, 5])])
def test_crawler_capture_row_before_an_item_number_with_its_dot_is_read_one_digit_a_cell_where_it_adds_up(row, expected):
    """"…5 0 0 00 0 53.要求…": the dot makes 3 the item's number, and the seven digits left are the
    seven cells only if the total is the sum of the others."""
    values, columns, text = capture_with_row_before_item_three(f" {row}3.要求")
    app = values["applications"]
    report = parse(text, "data/page.txt")
    if expected is None:
        assert report["applications"]["3.5.2"] == {c.key: None for c in columns}
        assert [p["rule"] for p in problems_at(report, "三 · (五) 不予处理 2.")] == ["F-cell-count"]
    else:
        assert report["applications"]["3.5.2"] == dict(zip([c.key for c in columns], expected))
    assert {k: v for k, v in report["applications"].items() if k != "3.5.2"} == \
        {k: v for k, v in app.items() if k != "3.5.2"}


@pytest.mark.parametrize("review, read", [
    ([25, 3, 8, 0, 36], True),  # 平潭 2025 capture: "…总计25380363300630003五、", one cut adds up
    ([2, 20, 0, 0, 22], False),  # "2200022…": 22, 0, 0, 0, 22 adds up as well
])
def test_crawler_capture_table_four_with_figures_of_several_digits_run_together_reads_only_the_one_cut_that_adds_up(
        review, read):
    """Table 四's fifteen figures run together into its header, some of several digits: cut where
    no cell starts with 0, read only where one way of cutting gives three groups that each end
    with their sum, blank cells counted in; otherwise the row stays unread with its problem."""
    values = synthetic.make_values("2021", 8)
    values["review_litigation"] = {g: dict(zip(row, figures)) for (g, row), figures in zip(
        values["review_litigation"].items(), (review, [3, 3, 0, 0, 6], [3, 0, 0, 0, 3]))}
    text = capture("2021", values, 2025, sep="")
    assert "尚未审结总计" + "".join(str(v) for v in review) + "3300630003五、" in text
    report = parse(text, "data/page.txt")
    if read:
        assert report["review_litigation"] == values["review_litigation"]
    else:
        assert all(v is None for row in report["review_litigation"].values() for v in row.values())
        [problem] = problems_at(report, "四 · 数据行")
        assert problem["rule"] == "F-cell-count" and "数字之间没有分隔" in problem["message"]


def test_crawler_capture_table_four_run_into_its_header_is_unread_and_says_the_figures_ran_together():
    values = synthetic.make_values("2021", 8)
    report = parse(capture("2021", values, 2023, sep=""), "data/page.txt")
    assert all(v is None for row in report["review_litigation"].values() for v in row.values())
    [problem] = problems_at(report, "四 · 数据行")
    assert problem["rule"] == "F-cell-count" and "数字之间没有分隔" in problem["message"]


def test_crawler_capture_figure_run_into_the_numbered_heading_after_table_two_is_read():
    """财政金融局 2023: "行政事业性收费5949.09(二)主动公开政府信息的主要类别…": the fee runs into the
    heading of the prose printed after the table."""
    values = synthetic.make_values("2021", 6)
    fee = ff.figure(values["proactive"]["fees"]["amount_10k_yuan"], "amount")
    text = capture("2021", values, 2023, sep=" ")
    glued = text.replace(f"行政事业性收费 {fee} ", f"行政事业性收费 {fee}(二)主动公开政府信息的主要类别有政策文件、财政信息。 ", 1)
    assert glued != text
    report = parse(glued, "data/page.txt")
    for table in TABLES:
        assert report[table] == values[table], table


@pytest.mark.parametrize("change, printed", [(-12, "减12"), (3, "增加3")])
def test_crawler_capture_change_with_a_word_for_its_sign_run_into_the_figures_around_it_is_read(change, printed):
    """农业农村局 2019: "行政事业性收费16减12第二十条第（九）项…": the word starts the change's cell
    (16, then −12), and the change runs into the next article's heading."""
    values = synthetic.make_values("2019", 31)
    values["proactive"]["fees"] = {"previous_count": 16, "change": change}
    text = capture("2019", values, 2020)
    spaced = f"行政事业性收费 16 {change:+d} 第二十条" if change > 0 else f"行政事业性收费 16 {change} 第二十条"
    assert spaced in text
    report = parse(text.replace(spaced, f"行政事业性收费16{printed}第二十条"), "data/page.txt")
    for table in TABLES:
        assert report[table] == values[table], table


def test_crawler_capture_change_with_a_word_for_its_sign_run_into_the_next_cell_is_unread():
    """"行政许可16减120其他…": −12 and 0, or −1 and 20? The row is left unread, never −120."""
    values = synthetic.make_values("2019", 32)
    values["proactive"]["licensing"] = {"previous_count": 16, "change": -12, "decisions": 0}
    text = capture("2019", values, 2020)
    assert "行政许可 16 -12 0 其他" in text
    report = parse(text.replace("行政许可 16 -12 0 其他", "行政许可16减120其他"), "data/page.txt")
    assert report["proactive"]["licensing"] == {"previous_count": None, "change": None, "decisions": None}
    assert_no_wrong_proactive(report, values)


def test_crawler_capture_figure_and_a_decimal_point_is_not_an_item_number():
    """"3.5" after a row's digits is a figure, not the next item's number "3." run into them."""
    values = synthetic.make_values("2021", 7)
    values["applications"]["2"] = {c.key: 0 for c in tpl.get("2021").app_columns}
    text = capture("2021", values, 2023, sep="")
    assert "0000000三、本年度" in text
    report = parse(text.replace("0000000三、本年度", "00000003.5三、本年度", 1), "data/page.txt")
    assert report["applications"]["2"] == {c.key: None for c in tpl.get("2021").app_columns}


# -- crawler capture: a blank cell vanishes between spaces -------------------------------------------
# 经济发展局 2021: “（一）予以公开 0 0 0 0 0 0 （二）部分公开…” — six figures for seven columns, the
# blank cell gone without a trace: the row cannot be placed, so it is left unread, never shifted.

def test_crawler_capture_row_with_a_vanished_blank_cell_is_not_read_and_the_others_are():
    values = synthetic.make_values("2021", 22)
    rows = ff.table_rows("2021", values)["三"]
    label = next(i for i, row in enumerate(rows) if any("予以公开" in t for t, _, _ in row))
    row = rows[label]
    first = next(i for i, (t, _, _) in enumerate(row) if t.isdigit())
    rows[label] = row[:first + 2] + [("", 1, 1)] + row[first + 3:]  # 科研机构 printed blank
    text = capture("2021", values, 2023, sep=" ")
    original = " ".join(t for r in ff.table_rows("2021", values)["三"] for t, _, _ in r)
    text = text.replace(original, " ".join(t for r in rows for t, _, _ in r if t))
    report = parse(text, "data/page.txt")
    assert report["applications"]["3.1"] == {c.key: None for c in tpl.get("2021").app_columns}
    assert [p["rule"] for p in problems_at(report, "三 · (一) 予以公开")] == ["F-cell-count"]
    others = {k: v for k, v in values["applications"].items() if k != "3.1"}
    assert {k: v for k, v in report["applications"].items() if k != "3.1"} == others
    assert report["proactive"] == values["proactive"]
    assert report["review_litigation"] == values["review_litigation"]


@pytest.mark.parametrize("five", [tpl.PART_TITLES["五"], "存在的主要问题及明年工作计划", "存在的问题和下一步工作打算",
                                  "存在的主要问题及整改措施"])
def test_crawler_capture_finds_the_six_parts_inline(five):
    values = synthetic.make_values("2021", 23)
    text = capture("2021", values, 2023).replace(f"五、{tpl.PART_TITLES['五']}", f"五、{five}")
    assert f"五、{five} {PROSE['五']}" in text
    report = parse(text, "data/page.txt")
    assert [s["number"] for s in report["sections"]] == list(tpl.PART_NUMBERS)
    assert not [p for p in report["problems"] if p["rule"] == "F-missing-part"]
    assert report["sections"][4]["title"] == five and report["sections"][4]["text"] == PROSE["五"]


# -- table 二: an amount printed with the template's own unit ----------------------------------------
# 交通与建设局 2019 prints 政府集中采购 “5 | 47.9659万元”: 万元 is the template's unit, so the figure
# is 47.9659 as printed.

@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("template_id,row,column", [("2019", "procurement", "amount"),
                                                   ("2021", "fees", "amount_10k_yuan")])
def test_amount_printed_with_the_templates_own_unit_is_the_amount(form, template_id, row, column):
    values = synthetic.make_values(template_id, 5)
    amount = values["proactive"][row][column]
    printed = ff.figure(amount, "amount")
    rows = renamed(ff.table_rows(template_id, values)["二"], printed, printed + "万元")
    make, name = FORMS[form]
    report = parse(make(template_id, values, 2020 if template_id == "2019" else 2022, {"二": rows}), name)
    assert report["proactive"] == values["proactive"]
    assert not problems_at(report, "二")


# -- table 三: the outcome group label with its ordinal doubled ---------------------------------------
# 财政金融局 2019 heads the twenty outcome rows with “三三、本年度办理结果” (rowspan 20).

@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("template_id", ["2019", "2021"])
def test_outcome_group_label_with_its_ordinal_doubled_heads_the_outcome_rows(form, template_id):
    values = synthetic.make_values(template_id, 41)
    rows = renamed(ff.table_rows(template_id, values)["三"], "三、本年度办理结果", "三三、本年度办理结果")
    make, name = FORMS[form]
    report = parse(make(template_id, values, 2020 if template_id == "2019" else 2022, {"三": rows}), name)
    assert report["applications"] == values["applications"]
    assert not problems_at(report, "三")


# -- a page whose report is only an attached file ------------------------------------------------------
# 公安局 2020 publishes its report as an attachment: the page body is one line pointing to it.

ATTACHMENT_ONLY = (
    '<meta charset="utf-8">\n<div class="article_title_group"><div class="article_title text_align_center">'
    f"{AGENCY}2020年度政府信息公开工作年度报告</div></div>\n"
    '<span class="article_source">来源：</span><span class="article_time bf-pass">时间：2021-01-29 10:00</span>\n'
    f"<div class=TRS_Editor><p>{AGENCY}2020年度政府信息公开工作年度报告详见附件。</p></div>\n"
    f'<div class="fjxz">附件下载：<a href="P020210129.pdf">{AGENCY}2020年度政府信息公开工作年度报告.pdf</a></div>\n')


# 公安局 2020 as archived: the body is the title alone; the file is listed under a 附件下载 heading
# with no colon, its name in a list item of its own.
TITLE_ONLY_WITH_FILE_LIST = (
    '<meta charset="utf-8">\n<div class="article_title_group"><div class="article_title text_align_center">'
    f"{AGENCY}2020年度政府信息公开工作年度报告</div></div>\n"
    '<span class="article_source">来源：</span><span class="article_time bf-pass">时间：2021-01-29 10:00</span>\n'
    f"<div class=TRS_Editor><p>{AGENCY}2020年度政府信息公开工作年度报告</p></div>\n"
    '<div class="article_attachment"><div class="title_base"><div class="title_icon_base">'
    '<text class="barrier-free-text">附件下载</text></div></div>'
    f'<div class="list_base"><ul><li><a href="./P020210129.doc">{AGENCY}2020年度政府信息公开工作年度报告.doc</a></li>'
    "</ul></div></div>\n")


@pytest.mark.parametrize("page", [ATTACHMENT_ONLY, TITLE_ONLY_WITH_FILE_LIST], ids=["pointer", "title-only"])
def test_attachment_only_page_gives_no_figures_and_its_metadata(page):
    report = parse(page, "data/report.html")
    assert (report["agency"], report["year"], report["published"]) == (AGENCY, 2020, "2021-01-29")
    for table in TABLES:
        assert all(v is None for row in report[table].values() for v in row.values()), table


@pytest.mark.parametrize("page", [ATTACHMENT_ONLY, TITLE_ONLY_WITH_FILE_LIST], ids=["pointer", "title-only"])
def test_attachment_only_page_says_the_report_is_in_the_attachment_in_one_problem(page):
    report = parse(page, "data/report.html")
    assert any("附件" in p["message"] for p in report["problems"])
    assert not [p for p in report["problems"] if p["rule"] in ("F-missing-part", "F-missing-row", "F-cell-count")]


# -- the opening without the page around it ------------------------------------------------------------

@pytest.mark.parametrize("sep", [" ", ""], ids=["spaced", "glued"])
def test_crawler_capture_opening_starts_with_the_reports_first_words(sep):
    """The capture's header fields, its ===== 正文 ===== line, the breadcrumb, the title again and
    the share bar (来源： 时间：… 微信 微博 QQ空间 … 相关链接：) are the page's, not the report's."""
    values = synthetic.make_values("2021", 24)
    report = parse(capture("2021", values, 2023, sep=sep), "data/page.txt")
    assert report["opening"].startswith("本报告根据《中华人民共和国政府信息公开条例》")
    for chrome in ("发布时间", "原文链接", "=====", "来源", "微信", "相关链接"):
        assert chrome not in report["opening"], chrome


def test_an_opening_that_begins_with_a_labelled_sentence_keeps_it():
    values = synthetic.make_values("2021", 25)
    text = browser_copy_text("2021", values, 2023)
    first = "说明：本报告由本局办公室编制。"
    text = text.replace("\n", f"\n{first}\n", 1)
    report = parse(text, "data/report.txt")
    assert report["opening"].startswith(first)


def test_an_opening_that_names_the_report_keeps_every_word():
    values = synthetic.make_values("2021", 26)
    text = browser_copy_text("2021", values, 2023)
    first = f"现将{AGENCY}2023年度政府信息公开工作年度报告 公布如下。"
    text = text.replace("\n", f"\n{first}\n", 1)
    report = parse(text, "data/report.txt")
    assert report["opening"].startswith(first.replace(" ", "")[:10])
    assert "公布如下" in report["opening"].split("。")[0]


@pytest.mark.parametrize("template_id", ["2019", "2021"])
def test_figures_named_in_the_prose_before_table_two_never_become_its_cells(template_id):
    """Prose that cites 第二十条第（一）项 and gives figures beside row labels (规章 3 件, 行政处罚
    12 件) before the table: the table's rows are its own; the prose's figures are no cell of it."""
    values = synthetic.make_values(template_id, 27)
    prose = "按照《条例》第二十条第（一）项的规定，本年主动公开规章 3 件，办理行政处罚 12 件，行政许可 7 件。"
    report = parse(capture(template_id, values, 2020 if template_id == "2019" else 2023, part_two_prose=prose),
                   "data/page.txt")
    assert_no_wrong_proactive(report, values)
    for key in ("licensing", "penalty"):
        assert report["proactive"][key] == values["proactive"][key]


@pytest.mark.parametrize("sep", [" ", ""], ids=["spaces", "run-together"])
def test_crawler_capture_of_2021_items_under_a_2019_table_says_the_single_other_row_is_printed_as_items(sep):
    # A 2021 report that kept the 2019 table 二 is read with the 2019 template, whose （六）其他处理
    # is one row: the page prints the 2021 items 1-3 under it, which is what the problem says.
    values, old = synthetic.make_values("2021", 12), synthetic.make_values("2019", 12)
    run = lambda template_id, v: sep.join(text for row in ff.table_rows(template_id, v)["二"] for text, _, _ in row)
    text = capture("2021", values, 2021, sep=sep).replace(run("2021", values), run("2019", old), 1)
    report = parse(text, "data/page.txt")
    assert report["template"] == "2019"
    assert report["applications"]["3.6"] == {c.key: None for c in tpl.APP_COLUMNS}
    [six] = problems_at(report, "三 · (六) 其他处理")
    assert six["rule"] == "F-missing-row" and "下印有分项" in six["message"] and "连在一起" not in six["message"]
