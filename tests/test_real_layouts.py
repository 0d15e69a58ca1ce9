"""Layouts of real published reports, each pinned on a fixture the project writes itself.

Every feature listed in issue 9 (HTML as CMS sites serve it, GBK and .mht pages, text split over
inline runs, &nbsp; padding, page-metadata tables, merged labels split in two, misaligned
headers, label variants, PDF text, publication dates, blank and placeholder cells) is reproduced
here in a small hand-written page or text with made-up agencies and numbers: the real reports
in ../shared/real-reports only showed what to reproduce. Table values come from
synthetic.make_values (a different non-zero number in every cell, every arithmetic rule
holding), so a parser that reads a neighbour's cell, or zeros, fails; the layout around them is
written here by hand.
"""
from __future__ import annotations

import base64
import html
import quopri
import re

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes
from build_scripts.textnorm import cell_figure, groups_thousands_by_spaces, parse_number

import format_fixtures as ff

TABLES = ("proactive", "applications", "review_litigation")
PROSE = {
    "一": "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。",
    "五": "（一）存在的主要问题：政策解读形式较为单一。（二）改进情况：进一步丰富解读形式，提升解读质量。",
    "六": "无其他需要报告的事项。",
}


# -- building the fixtures -------------------------------------------------------------------------

def values_of(template_id: str, seed: int) -> dict:
    return synthetic.make_values(template_id, seed)


def opening(template_id: str, year: int | None) -> str:
    period = f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。" if year else ""
    return ("本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于"
            f"政府信息公开工作年度报告有关事项的通知》（{tpl.NOTICES[template_id]}）要求编制。{period}")


def plain(text: str) -> str:
    """A cell's inner HTML as Word pastes it into a CMS editor."""
    return f'<p class="MsoNormal"><span>{html.escape(text)}</span></p>'


def table_rows(template_id: str, values: dict) -> dict[str, list]:
    """Tables 二, 三, 四 as rows of (text, colspan, rowspan), the official layout."""
    t = tpl.get(template_id)
    return {"二": ff.proactive_table(t, values["proactive"]),
            "三": ff.applications_table(t, values["applications"]),
            "四": ff.review_table(t, values["review_litigation"])}


def html_table(rows, render=plain, *, extra_rows: str = "") -> str:
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0"><tbody>']
    for row in rows:
        cells = []
        for text, colspan, rowspan in row:
            attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            inner = text if text.startswith("<") else render(text)
            cells.append(f'<td width="60" valign="center"{attrs}>{inner}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append(extra_rows + "</tbody></table>")
    return "".join(out)


def plain_heading(text: str) -> str:
    return f'<p class="MsoNormal"><span>{text}</span><span></span></p>'


def body_html(template_id: str, values: dict, *, year: int | None, title_lines=(), headings=None,
              render=plain, tables: dict | None = None, opening_text: str | None = None,
              heading=plain_heading, before: dict | None = None, after: dict | None = None) -> str:
    """The article body (what sits in <div class=TRS_Editor>): optional title paragraphs, the
    opening, the six parts with tables 二, 三, 四. `before`/`after`: HTML put before or after a
    part's table or prose, by part number."""
    headings = {**tpl.PART_TITLES, **(headings or {})}
    rows = table_rows(template_id, values)
    tables, before, after = tables or {}, before or {}, after or {}
    out = [f'<p class="MsoNormal" align="center"><span>{line}</span></p>' for line in title_lines]
    first = opening_text if opening_text is not None else opening(template_id, year)
    out.append(f'<p class="MsoNormal"><span>{first}</span></p>')
    for number in tpl.PART_NUMBERS:
        out.append(heading(f"{number}、{headings[number]}"))
        out.append(before.get(number, ""))
        if number in PROSE:
            out.append(f'<p class="MsoNormal"><span>{PROSE[number]}</span></p>')
        else:
            out.append(tables.get(number) or html_table(rows[number], render))
        out.append(after.get(number, ""))
    return "".join(out)


def trs_fragment(body: str, *, title: str | None, time: str | None = "2024-01-18 09:12",
                 charset: bool = True) -> str:
    """An article as a TRS site serves it, cut from the page: title block, source and time spans,
    and the body div (class attribute without quotes), no <html> or <body>."""
    return (('<meta charset="utf-8">\n' if charset else "")
            + (f'<div class="article_title_group">\n  <div class="article_title text_align_center">\n    {title}\n'
               '  </div>\n</div>\n' if title else "")
            + '<span class="article_source">来源：本站</span>\n'
            + (f'<span class="article_time bf-pass">时间：{time}</span>\n' if time else "")
            + f'<div class=TRS_Editor>{body}</div>\n')


def assert_tables(report: dict, values: dict) -> None:
    for table in TABLES:
        assert report[table] == values[table], table


def rules(report: dict) -> list[tuple[str, str]]:
    return [(p["rule"], p["where"]) for p in report["problems"]]


def parse(data: bytes | str, name: str = "data/report.html") -> dict:
    return parse_bytes(data.encode("utf-8") if isinstance(data, str) else data, name)


# -- HTML as found in the wild -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["信息公开年报", "政府信息公开年报", "政府信息公开年度工作报告"])
def test_title_block_in_every_form_of_the_report_name_gives_the_agency(name):
    """The report's name in any form the text reader knows (template.REPORT_NAME: 2021年北关街道办事处
    信息公开年报, a 温州 district's titles), in a TRS title block above the article's body."""
    values = values_of("2021", 902)
    page = trs_fragment(body_html("2021", values, year=2021), title=f"2021年北关街道办事处{name}")
    report = parse(page)
    assert (report["agency"], report["year"]) == ("北关街道办事处", 2021)
    assert_tables(report, values)


def test_trs_editor_fragment_without_html_or_body_is_read_whole():
    values = values_of("2021", 901)
    page = trs_fragment(body_html("2021", values, year=2023), title="青石县水务局2023年度政府信息公开工作年度报告")
    assert "<html" not in page and "<body" not in page
    report = parse(page)
    assert (report["agency"], report["year"], report["template"]) == ("青石县水务局", 2023, "2021")
    assert (report["published"], report["published_from"]) == ("2024-01-18", "时间")
    assert_tables(report, values)
    assert [s["number"] for s in report["sections"]] == list(tpl.PART_NUMBERS)
    assert report["printed"] == {}
    assert rules(report) == []


def parse_with_tables(template_id: str, values: dict, rows: dict, form: str, changed: str) -> dict:
    """The report with its tables as `rows` give them: a page (the `changed` table drawn from its
    rows, the others as usual) or tab-separated text."""
    title = "青石县林业局2023年政府信息公开工作年度报告"
    if form == "html":
        body = body_html(template_id, values, year=2023, tables={changed: html_table(rows[changed])})
        return parse(trs_fragment(body, title=title))
    return parse(text_report(template_id, values, head=[title], year=2023, rows=rows), "data/report.txt")


def with_remarks_column(rows: list, header: str, remarks: list[str]) -> list:
    """Table 三's rows with a remarks column after 总计: its header over the three header rows,
    then one remark a data row, in turn."""
    out = [rows[0] + [(header, 1, 3)], *rows[1:3]]
    for i, row in enumerate(rows[3:]):
        out.append(row + [(remarks[i % len(remarks)], 1, 1)])
    return out


@pytest.mark.parametrize("form", ["html", "tab"])
@pytest.mark.parametrize("header, remarks", [("备注", ["无"]), ("说明", ["", "其中2件已于次年1月办结", "3"])],
                         ids=["none", "sentences-and-figures"])
def test_a_remarks_column_beside_table_three_gives_no_figure(form, header, remarks):
    # A 备注 column after 总计 (无 in every row) left table 三 unread: 无 stood under no column.
    # What stands under a remarks header is no figure of any column, a figure no more than a word.
    values = values_of("2021", 949)
    rows = table_rows("2021", values)
    rows["三"] = with_remarks_column(rows["三"], header, remarks)
    report = parse_with_tables("2021", values, rows, form, "三")
    assert_tables(report, values)
    assert rules(report) == []


def with_remarks_column_two(rows: list) -> list:
    """Table 二's rows with a 备注 column: over each part's 信息内容 header, 无 in each row."""
    out = []
    for row in rows:
        text, colspan, rowspan = row[0]
        if text.startswith("第二十条"):
            out.append([(text, colspan + 1, rowspan), *row[1:]])
        else:
            out.append(row + [("备注" if text == "信息内容" else "无", 1, 1)])
    return out


@pytest.mark.parametrize("form", ["html", "tab"])
@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_a_remarks_column_beside_table_two_gives_no_figure(form, template_id):
    values = values_of(template_id, 951)
    rows = table_rows(template_id, values)
    rows["二"] = with_remarks_column_two(rows["二"])
    report = parse_with_tables(template_id, values, rows, form, "二")
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("form", ["html", "tab"])
@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_a_remarks_column_beside_table_four_gives_no_figure(form, template_id):
    values = values_of(template_id, 952)
    rows = table_rows(template_id, values)
    *header, data = rows["四"]
    rows["四"] = [header[0] + [("备注", 1, len(header))], *header[1:], data + [("无", 1, 1)]]
    report = parse_with_tables(template_id, values, rows, form, "四")
    assert_tables(report, values)
    assert rules(report) == []


def _lang_runs(text: str) -> str:
    """A cell as older Word pastes it: its text in two runs marked lang=EN-US, an empty <o:p> after."""
    cut = len(text) // 2
    return (f'<p class="MsoNormal" align="center"><span lang="EN-US">{html.escape(text[:cut])}</span>'
            f'<span lang="EN-US">{html.escape(text[cut:])}<o:p></o:p></span></p>')


def _mso_styled(text: str) -> str:
    return (f'<p class="MsoNormal" style="text-align:center;mso-pagination:widow-orphan"><span style="font-size:'
            f'10.5pt;mso-bidi-font-family:宋体;mso-font-kerning:0pt">{html.escape(text)}</span></p>')


# Word's column-alignment row under a table: one empty cell per grid column, no height.
_ALIGNMENT_ROW = '<tr height="0">' + '<td width="37" style="border:none"></td>' * 12 + "</tr>"
_SMART_TAG_YEAR = ('青石县自然资源局<st1:chmetcnv UnitName="年" SourceValue="2023" HasSpace="False" Negative="False" '
                   'NumberType="1" TCSC="0" w:st="on">2023年</st1:chmetcnv>政府信息公开工作年度报告')


@pytest.mark.parametrize("markup", ["alignment-row", "lang-runs", "mso-styles", "smart-tag-year"])
def test_word_pasted_markup_is_read_as_printed(markup):
    # What Word leaves in a pasted report, seen on real pages (injected into the seven real pages of
    # the development set, 4,191 cells each, none lost or changed): the values, agency and year as
    # printed, and nothing to report.
    values = values_of("2019", 948)
    rows = table_rows("2019", values)
    render = {"lang-runs": _lang_runs, "mso-styles": _mso_styled}.get(markup, plain)
    tables = ({number: html_table(rows[number], extra_rows=_ALIGNMENT_ROW) for number in rows}
              if markup == "alignment-row" else None)
    title = _SMART_TAG_YEAR if markup == "smart-tag-year" else "青石县自然资源局2023年政府信息公开工作年度报告"
    body = body_html("2019", values, year=2023, title_lines=[title], render=render, tables=tables)
    report = parse(trs_fragment(body, title=None))
    assert (report["agency"], report["year"], report["template"]) == ("青石县自然资源局", 2023, "2019")
    assert_tables(report, values)
    assert rules(report) == []


def _boxed(text: str) -> str:
    """A cell's text inside a table of one cell, as some editors box a figure or a label."""
    return f'<table width="100%" border="0"><tr><td align="center">{html.escape(text)}</td></tr></table>'


@pytest.mark.parametrize("boxed", ["figures", "labels"])
def test_cells_boxed_in_a_table_of_one_cell_are_read_as_their_text(boxed):
    # A table inside a cell made the report's table one that lays out the page: its cells were
    # read as lines of text, and a row with a blank cell was left unread. A box of one cell is
    # the cell's text.
    values = values_of("2021", 953)
    for key in ("1", "3.2", "3.5.1"):
        values["applications"][key]["research_institution"] = None
    values["review_litigation"]["review"]["other"] = None
    is_figure = lambda text: text == "" or parse_number(text) is not None
    render = (lambda text: _boxed(text) if (boxed == "figures") == is_figure(text) else plain(text))
    body = body_html("2021", values, year=2023, title_lines=["青石县统计局2023年政府信息公开工作年度报告"], render=render)
    report = parse(trs_fragment(body, title=None))
    assert (report["agency"], report["year"]) == ("青石县统计局", 2023)
    assert_tables(report, values)


FOOTNOTE_MARKS = {
    "word-footnote": '<a href="#_ftn1" name="_ftnref1"><span class="MsoFootnoteReference"><span>[1]</span></span></a>',
    "sup-digit": "<sup>2</sup>",
    "sup-bracket": "<sup>[3]</sup>",
    "star": "*",
    "reference-mark": "※",
    "circled": "①",
}


def with_marks(rows: list, mark: str, on: str) -> list:
    """The rows with a footnote's mark after each label cell of the rows of figures (on="labels")
    or after each cell of the header rows, the rows without figures (on="headers")."""
    is_figure = lambda text: text == "" or parse_number(text) is not None
    out = []
    for row in rows:
        figures = any(text and is_figure(text) for text, _, _ in row)
        out.append([(f'<p class="MsoNormal"><span>{html.escape(text)}</span>{mark}</p>', cs, rs)
                    if text and not is_figure(text) and figures == (on == "labels") else (text, cs, rs)
                    for text, cs, rs in row])
    return out


@pytest.mark.parametrize("template_id", ["2021", "2019"])
@pytest.mark.parametrize("mark", FOOTNOTE_MARKS, ids=list(FOOTNOTE_MARKS))
@pytest.mark.parametrize("on", ["labels", "headers"])
def test_labels_and_headers_with_a_footnote_mark_are_read_as_their_words(on, mark, template_id):
    # A row label or a column header followed by a footnote's mark (Word's footnote reference
    # [1], a superscript figure, *, ※, ①) left its row or its table unread: the mark is no part
    # of the label's words.
    values = values_of(template_id, 957)
    values["applications"]["3.1"]["natural_person"] = None
    values["review_litigation"]["review"]["other"] = None
    rows = table_rows(template_id, values)
    tables = {k: html_table(with_marks(rows[k], FOOTNOTE_MARKS[mark], on)) for k in ("二", "三", "四")}
    year = 2023 if template_id == "2021" else 2020
    report = parse(trs_fragment(body_html(template_id, values, year=year, tables=tables),
                                title=f"青石县统计局{year}年政府信息公开工作年度报告"))
    assert_tables(report, values)


@pytest.mark.parametrize("template_id", ["2021", "2019"])
@pytest.mark.parametrize("colon", ["：", ":"])
def test_row_labels_ending_with_a_colon_are_read(colon, template_id):
    # "(七)总计：", "3.其他：": a short label followed by a colon was not taken for the label.
    values = values_of(template_id, 960)
    values["applications"]["3.7"]["commercial_enterprise"] = None
    rows = table_rows(template_id, values)
    year = 2023 if template_id == "2021" else 2020
    report = parse(trs_fragment(body_html(template_id, values, year=year,
                                          tables={"三": html_table(with_marks(rows["三"], colon, "labels"))}),
                                title=f"青石县统计局{year}年政府信息公开工作年度报告"))
    assert_tables(report, values)


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_word_table_headers_with_a_superscript_footnote_mark_are_read_as_their_words(template_id):
    # A superscript figure after a header of table 四 in Word (结果纠正²) left its columns unread
    # (where blank cells kept the text reader from reading the row instead).
    import io

    import docx

    values = values_of(template_id, 958)
    values["review_litigation"]["review"]["upheld"] = None
    values["review_litigation"]["litigation_after_review"]["pending"] = None
    year = 2023 if template_id == "2021" else 2020
    text = synthetic.render(values, template_id, agency="青石县统计局", year=year, layout="tab", seed=958)
    document = docx.Document(io.BytesIO(ff.to_docx(ff.report_from_text(text, values))))
    [table] = [t for t in document.tables if any(c.text == "结果纠正" for c in t.rows[1].cells)]
    marked = set()
    for row in table.rows[:3]:
        for cell in row.cells:
            if cell.text and id(cell._tc) not in marked:
                marked.add(id(cell._tc))
                cell.paragraphs[-1].add_run("2").font.superscript = True
    out = io.BytesIO()
    document.save(out)
    parsed = parse(out.getvalue(), "data/report.docx")
    assert parsed["review_litigation"] == values["review_litigation"]


@pytest.mark.parametrize("form", ["html", "docx"])
@pytest.mark.parametrize("bracket", ["(3)", "（3）"])
@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_items_of_table_three_numbered_in_brackets_are_read(template_id, bracket, form):
    # Items numbered (1) (2) (3) instead of 1. 2. 3.: "(3)其他", a short label, was not taken for
    # a label where it stands in a page's table, and its row was left unread.
    values = values_of(template_id, 959)
    values["applications"]["3.2"]["research_institution"] = None
    year = 2023 if template_id == "2021" else 2020
    numbered = lambda text: re.sub(r"(^|\t)(\d)\.(?=[^\d\s])", lambda m: m.group(1) + bracket.replace("3", m.group(2)), text,
                                   flags=re.M)
    if form == "html":
        rows = table_rows(template_id, values)
        three = [[(numbered(text), cs, rs) for text, cs, rs in row] for row in rows["三"]]
        report = parse(trs_fragment(body_html(template_id, values, year=year, tables={"三": html_table(three)}),
                                    title=f"青石县统计局{year}年政府信息公开工作年度报告"))
    else:
        text = numbered(synthetic.render(values, template_id, agency="青石县统计局", year=year, layout="tab", seed=959))
        assert bracket.replace("3", "1") in text
        report = parse(ff.to_docx(ff.report_from_text(text, values)), "data/report.docx")
    assert_tables(report, values)


@pytest.mark.parametrize("lead", ["", "\ufeff", "\r\n  ", "<!-- 正文 -->\n"], ids=["none", "bom", "blank-lines", "comment"])
def test_fragment_starting_with_a_div_and_no_charset_is_read_as_utf8_html(lead):
    values = values_of("2021", 902)
    body = body_html("2021", values, year=2023, title_lines=["青石县统计局2023年政府信息公开工作年度报告"])
    page = f'{lead}<div class="article_content">{body}</div>'
    report = parse(page, "data/report.txt")
    assert (report["agency"], report["year"]) == ("青石县统计局", 2023)
    assert_tables(report, values)
    assert rules(report) == []


def test_shtml_fragment_starting_with_a_paragraph_is_html():
    values = values_of("2021", 903)
    page = body_html("2021", values, year=2023, title_lines=["青石县审计局2023年政府信息公开工作年度报告"])
    assert page.startswith("<p")
    report = parse(page, "data/t20240120_1.shtml")
    assert (report["agency"], report["year"]) == ("青石县审计局", 2023)
    assert_tables(report, values)
    assert rules(report) == []


def test_gbk_page_declaring_gb2312_is_read():
    values = values_of("2021", 904)
    title = "青石县民政局2023年政府信息公开工作年度报告"
    page = ('<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f'<title>{title}</title></head><body><div class="main"><h1>{title}</h1>'
            f'<div class="info">发布日期：2024-01-22</div><div id="zoom">{body_html("2021", values, year=2023)}'
            '</div></div></body></html>')
    data = page.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = parse(data, "data/report.htm")
    assert (report["agency"], report["year"]) == ("青石县民政局", 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-22", "发布日期")
    assert_tables(report, values)
    assert rules(report) == []


def test_gbk_fragment_without_a_declared_charset_is_read():
    values = values_of("2021", 905)
    title = "青石县林业局2023年政府信息公开工作年度报告"
    data = trs_fragment(body_html("2021", values, year=2023), title=title, charset=False).encode("gbk")
    report = parse(data, "data/report.html")
    assert (report["agency"], report["year"]) == ("青石县林业局", 2023)
    assert_tables(report, values)
    # A file that is not UTF-8 may be reported as such; nothing else.
    assert {rule for rule, _ in rules(report)} <= {"F-encoding"}


def mht(page_html: str, transfer: str, charset: str = "gb2312") -> bytes:
    """A page saved by a browser as one file: MIME multipart/related, the page in its own charset
    (quoted-printable as Chrome and IE save it, or base64), followed by an image part."""
    raw = page_html.encode("gbk" if charset == "gb2312" else charset)
    payload = (quopri.encodestring(raw) if transfer == "quoted-printable" else base64.encodebytes(raw)).decode("ascii")
    image = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(40)).decode("ascii")
    return ("From: <Saved by Blink>\r\n"
            "Snapshot-Content-Location: http://www.qingshi.gov.cn/zwgk/ndbg/t20240125_88.html\r\n"
            "Subject: =?utf-8?Q?report?=\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--Qs7Lb"\r\n'
            "\r\n"
            "------MultipartBoundary--Qs7Lb\r\n"
            f'Content-Type: text/html; charset="{charset}"\r\n'
            f"Content-Transfer-Encoding: {transfer}\r\n"
            "Content-Location: http://www.qingshi.gov.cn/zwgk/ndbg/t20240125_88.html\r\n"
            "\r\n"
            f"{payload}\r\n"
            "------MultipartBoundary--Qs7Lb\r\n"
            "Content-Type: image/png\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "Content-Location: http://www.qingshi.gov.cn/images/logo.png\r\n"
            "\r\n"
            f"{image}\r\n"
            "------MultipartBoundary--Qs7Lb--\r\n").encode("ascii")


@pytest.mark.parametrize("transfer", [
    "base64",
    "quoted-printable",
])
def test_mht_page_is_read_from_its_html_part(transfer):
    values = values_of("2021", 906)
    title = "青石县气象局2023年政府信息公开工作年度报告"
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{title}</title>'
            f'</head><body><h1>{title}</h1><div class="TRS_Editor">{body_html("2021", values, year=2023)}</div>'
            '</body></html>')
    report = parse(mht(page, transfer), "data/report.mht")
    assert (report["agency"], report["year"]) == ("青石县气象局", 2023)
    assert_tables(report, values)
    assert rules(report) == []


# -- text split over inline runs, padding inside cells ---------------------------------------------

HEADERS = {c.label for c in tpl.APP_COLUMNS} | set(ff.REVIEW_HEAD) | {
    "申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "三、本年度办理结果",
    "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量"}

NUMBER_STYLES = {
    # <span>2</span><span>1</span> = 21: runs joined without a separator
    "split-spans": lambda d: f'<p class="MsoNormal"><span>{d[:1]}</span><span>{d[1:]}</span><span></span></p>',
    "split-fonts": lambda d: f'<p><font face="Calibri">{d[:-1]}</font><font face="宋体">{d[-1:]}</font></p>',
    "nbsp-after": lambda d: f'<p class="MsoNormal"><span>{d}&nbsp;</span></p>',
    "nbsp-before": lambda d: f'<p class="MsoNormal"><span>&nbsp;</span><span>{d}</span></p>',
    "nbsp-font-run": lambda d: f'<p><font face="Calibri">&nbsp;</font><font face="宋体">{d}</font></p>',
    "padding-paragraphs": lambda d: f"<p>&nbsp;</p><p>{d}</p><p>&nbsp;</p>",
    "padding-breaks": lambda d: f"<p><br/></p><p><br/></p><p>{d}</p><p>&nbsp;</p>",
    "office-o-p": lambda d: f'<p class="MsoNormal"><span>{d}<o:p></o:p></span></p>',
    "bare-text": lambda d: d,
}


def styled(number=None, header=None):
    """A cell renderer: figures and header labels written in the given styles, the rest plain."""
    def render(text: str) -> str:
        if number and parse_number(text) is not None:
            return number(html.escape(text))
        if header and text in HEADERS:
            return header(text)
        return plain(text)
    return render


@pytest.mark.parametrize("style", sorted(NUMBER_STYLES))
def test_figures_split_over_runs_or_padded_read_whole(style):
    values = values_of("2021", 910)
    body = body_html("2021", values, year=2023, render=styled(number=NUMBER_STYLES[style]))
    report = parse(trs_fragment(body, title="青石县商务局2023年政府信息公开工作年度报告"))
    assert_tables(report, values)
    assert report["printed"] == {}
    assert rules(report) == []


def test_split_runs_never_get_a_separator_between_them():
    values = values_of("2021", 911)
    # The year only in the statistics period, split over two runs; the figure 21 as <span>2</span><span>1</span>.
    review = values["review_litigation"]["litigation_after_review"]
    delta = 21 - review["pending"]
    review["pending"], review["total"] = 21, review["total"] + delta
    opening_text = (f"本报告根据{tpl.NOTICES['2021']}编制，统计时限为20</span><span>23年1月1日至20</span><span>23年12月31日。"
                    "<span>本</span><span>机关</span><span>未</span>收到<span>行政复议申请以外的其他事项。</span>")
    body = body_html("2021", values, year=None, opening_text=opening_text, title_lines=["青石县海事局政府信息公开工作年度报告"],
                     render=styled(number=NUMBER_STYLES["split-spans"]))
    report = parse(trs_fragment(body, title="青石县海事局政府信息公开工作年度报告", time=None))
    assert (report["agency"], report["year"]) == ("青石县海事局", 2023)
    assert report["review_litigation"]["litigation_after_review"]["pending"] == 21
    assert_tables(report, values)
    assert "统计时限为2023年1月1日" in report["opening"]
    assert rules(report) == []


HEADER_STYLES = {
    "one-char-per-paragraph": lambda text: "".join(f'<p class="p">{html.escape(ch)}</p>' for ch in text),
    "br-inside": lambda text: f'<p><span>{html.escape(text[:2])}<br/>{html.escape(text[2:])}</span></p>',
    "two-paragraphs": lambda text: f"<p>{html.escape(text[:2])}</p><p>{html.escape(text[2:])}</p>",
    "office-o-p": lambda text: f'<p class="MsoNormal"><span>{html.escape(text)}</span><o:p></o:p></p>',
    "nbsp-after": lambda text: f"<p><span>{html.escape(text)}&nbsp;</span></p>",
}


@pytest.mark.parametrize("style", sorted(HEADER_STYLES))
def test_header_labels_split_over_paragraphs_or_breaks_name_their_columns(style):
    values = values_of("2021", 912)
    body = body_html("2021", values, year=2023, render=styled(header=HEADER_STYLES[style]))
    report = parse(trs_fragment(body, title="青石县文旅局2023年政府信息公开工作年度报告"))
    assert_tables(report, values)
    assert rules(report) == []


def with_zeros(values: dict) -> dict:
    """Two cells of table 四 set to 0 (their group totals follow), for cells printed "0&nbsp;"."""
    for group in ("review", "litigation_direct"):
        cells = values["review_litigation"][group]
        cells["total"] -= cells["other"]
        cells["other"] = 0
    return values


def test_zero_padded_with_nbsp_is_zero_not_a_blank_cell():
    values = with_zeros(values_of("2021", 913))
    rows = table_rows("2021", values)
    data = rows["四"][-1]
    padded = ["0&nbsp;", "&nbsp;0"]
    cells = []
    for text, colspan, rowspan in data:
        if text == "0":
            text = f'<p class="MsoNormal"><span>{padded.pop(0)}</span></p>'
        cells.append((text, colspan, rowspan))
    assert not padded
    rows["四"][-1] = cells
    body = body_html("2021", values, year=2023, tables={"四": html_table(rows["四"])})
    report = parse(trs_fragment(body, title="青石县物价局2023年政府信息公开工作年度报告"))
    assert report["review_litigation"]["review"]["other"] == 0
    assert report["review_litigation"]["litigation_direct"]["other"] == 0
    assert_tables(report, values)
    assert report["printed"] == {}
    assert rules(report) == []


# -- a page-metadata table before the report -------------------------------------------------------

def info_box(rows: list[list[str]]) -> str:
    """The 信息公开 box a government page prints above an article (索引号, 发布机构, 公开日期 …)."""
    out = ['<table class="xxgk-info" width="100%" border="0" cellspacing="0"><tbody>']
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>")
    return "".join(out) + "</tbody></table>\n"


def test_page_metadata_table_gives_date_and_is_not_read_as_a_report_table():
    values = values_of("2021", 920)
    title = "青石县自然资源局2023年政府信息公开工作年度报告"
    box = info_box([["索引号：", "11350128MB0123456X/2024-00021", "主题分类：", "政务公开"],
                    ["发布机构：", "青石县自然资源局", "公开日期：", "2024-01-26"],
                    ["名称：", title, "文号：", ""]])
    page = box + trs_fragment(body_html("2021", values, year=2023), title=title, time=None)
    report = parse(page)
    assert (report["agency"], report["year"]) == ("青石县自然资源局", 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-26", "公开日期")
    assert_tables(report, values)
    assert "索引号" not in report["opening"]
    assert rules(report) == []


def test_page_metadata_row_without_colons_gives_date_and_agency():
    values = values_of("2021", 921)
    box = info_box([["索引号", "QS-2024-0107", "发布机构", "青石县卫生健康委员会", "公开日期", "2024年1月29日"]])
    page = box + trs_fragment(body_html("2021", values, year=2023), title="2023年政府信息公开工作年度报告", time=None)
    report = parse(page)
    assert (report["agency"], report["year"]) == ("青石县卫生健康委员会", 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-29", "公开日期")
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("date", ["2020-01-20", " 2020-01-20 09:30", "2020/1/20"])
def test_title_whose_element_ends_with_the_pages_date_is_still_the_title(date):
    values = values_of("2019", 925)
    title = f'青石县档案馆2019年政府信息公开工作年度报告<span class="date">{date}</span>'
    report = parse(trs_fragment(body_html("2019", values, year=2019), title=title, time=None))
    assert (report["agency"], report["year"]) == ("青石县档案馆", 2019)
    assert_tables(report, values)


@pytest.mark.parametrize("label", ["发布机构：", "发布单位："], ids=["fabu-jigou", "fabu-danwei"])
def test_agency_only_in_the_pages_publisher_field(label):
    values = values_of("2021", 922)
    box = info_box([["索引号：", "QS-2024-0111", label, "青石县医疗保障局"], ["成文日期：", "2024-01-10", "", ""]])
    page = box + trs_fragment(body_html("2021", values, year=2023), title="2023年度政府信息公开工作年度报告",
                              time="2024-01-24 16:02")
    report = parse(page)
    assert (report["agency"], report["year"]) == ("青石县医疗保障局", 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-24", "时间")
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("fields, agency", [
    ("发布机构：\n青石县医疗保障局\n发布日期：2024-01-24", "青石县医疗保障局"),
    ("发布机构：\n发布日期：2024-01-24", None),
], ids=["value-on-the-next-line", "field-left-empty"])
def test_publisher_field_over_source_lines_gives_its_own_value_only(fields, agency):
    # A field's value is the rest of its label's line, or the next line where the label ends its
    # own; a field left empty is followed by the next field's label, which is no agency.
    values = values_of("2021", 922)
    page = (f'<div class="info">{fields}</div>'
            + trs_fragment(body_html("2021", values, year=2023), title="2023年度政府信息公开工作年度报告", time=None))
    report = parse(page)
    assert (report["agency"], report["year"]) == (agency, 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-24", "发布日期")
    assert_tables(report, values)


def test_agency_only_in_the_pages_name_field():
    values = values_of("2021", 923)
    box = info_box([["索引号：", "QS-2024-0115", "主题分类：", "政务公开"],
                    ["名称：", "青石县退役军人事务局2023年政府信息公开工作年度报告", "", ""]])
    page = box + trs_fragment(body_html("2021", values, year=2023), title="2023年政府信息公开工作年度报告",
                              time="2024-01-19 10:00")
    report = parse(page)
    assert (report["agency"], report["year"]) == ("青石县退役军人事务局", 2023)
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("title", [
    "青石县档案馆关于2023年度政府信息公开工作的年度报告",  # 关于 before the year; 工作的年度报告
    "青石县档案馆政府信息公开工作年度报告（2023年）",  # the year after the name
    "青石县档案馆二〇二三年政府信息公开工作年度报告",  # the year in Chinese numerals
    "二〇二三年度青石县档案馆政府信息公开工作年度报告",
    "青石县档案馆2023年政务公开暨政府信息公开工作年度报告",  # words between the year and the name
    "青石县档案馆2023年度政府信息公开工作报告",  # 年度 before the name only (连云港's 连岛街道, 2019)
    "青石县档案馆2023年政府信息公开工作报告",  # or the year alone (自然资源部's title, 2024)
    "2023年政府信息公开工作年度报告（青石县档案馆）",  # the agency after the name, in brackets
    "2023年度政府信息公开工作年度报告——青石县档案馆",  # or after a dash
])
@pytest.mark.parametrize("form", ["page", "text"])
def test_title_variants_give_the_agency_and_year_as_printed(title, form):
    values = values_of("2021", 924)
    if form == "page":
        report = parse(trs_fragment(body_html("2021", values, year=2023), title=title))
    else:
        report = parse_bytes(f"{title}\n{ff.opening('2021', 2023)}\n".encode(), "report.txt")
    assert (report["agency"], report["year"]) == ("青石县档案馆", 2023)
    if form == "page":
        assert_tables(report, values)


@pytest.mark.parametrize("lines", [
    ["【年度报告】青石县档案馆2023年政府信息公开工作年度报告"],  # a tag before the title
    ["附件：青石县档案馆2023年政府信息公开工作年度报告"],  # a label
    ["首页>政务公开>青石县档案馆2023年政府信息公开工作年度报告"],  # a crawler's breadcrumb
    ["青 石 县 档 案 馆 2 0 2 3 年 政 府 信 息 公 开 工 作 年 度 报 告"],  # a PDF title set spaced out
    ["现将本机关2023年政府信息公开工作年度报告公布如下", "青石县档案馆2023年政府信息公开工作年度报告"],  # a sentence first
    ["上一篇：青石县档案馆2022年政府信息公开工作年度报告", "青石县档案馆2023年政府信息公开工作年度报告"],  # a link first
    # A crawler's capture of the page's info box, its fields written with spaces (沭阳's pages)
    ["名称 青石县档案馆2023年政府信息公开工作年度报告"],
    ["索引号 014314799/2024-00002 名称 青石县档案馆2023年政府信息公开工作年度报告 分类 信息公开年报"],
    ["标 题 | 青石县档案馆2023年政府信息公开工作年度报告 | ||"],
    # A breadcrumb or a heading naming the page's column (政务信息公开年报) above the title
    ["您当前所在位置: 首页 > 乡镇信息公开 > 青石县档案馆 > 政务信息公开年报", "青石县档案馆2023年政府信息公开工作年度报告"],
    ["政务信息公开年报", "青石县档案馆2023年政府信息公开工作年度报告"],
    # A flipbook's page of the PDF: the viewer's page number before the title (威海's flipbooks)
    ["Page 8 - 青石县档案馆2023年政府信息公开工作年度报告", "P. 8"],
    # A page title's separator between the agency and the rest of the title
    ["青石县档案馆 | 2023年度政府信息公开工作年度报告"],
    ["青石县档案馆_2023年度政府信息公开工作年度报告"],
    # A title opening with 关于
    ["关于青石县档案馆2023年度政府信息公开工作年度报告的说明"],
    # A list page's date before the title; a year without 年 after the agency
    ["2024-01-19 青石县档案馆2023年度政府信息公开工作年度报告"],
    ["青石县档案馆2023政府信息公开工作年度报告"],
    # A breadcrumb ending in the column's name, the report's name without a year (迎宾路街道's page)
    ["首页 > 政务公开 > 政府信息公开年报 > 2023 > 街道办事处政府信息公开工作年度报告",
     "2023年青石县档案馆政府信息公开工作年度报告"],
    # The title alone under the site's header, printed again below the agency's line (衡阳's page)
    ["青石县人民政府门户网站", "2023年度政府信息公开工作年度报告", "发布时间:2024-01-19 10:56 来源:办公室",
     "青石县档案馆", "2023年度政府信息公开工作年度报告"],
], ids=["tag", "label", "breadcrumb", "spaced-out", "sentence-first", "link-to-another-report",
        "info-field-spaced", "info-box-on-one-line", "info-field-piped", "breadcrumb-to-the-column", "column-heading",
        "flipbook-page-number", "separator-after-the-agency", "underscore-after-the-agency",
        "guanyu-before-the-agency", "date-before-the-title", "year-without-nian",
        "breadcrumb-ending-in-the-columns-report-name",
        "title-under-the-sites-header-repeated-below-the-agency"])
def test_what_stands_around_a_title_line_in_text_is_no_part_of_the_agency(lines):
    report = parse_bytes(("\n".join(lines) + f"\n{ff.opening('2021', 2023)}\n").encode(), "report.txt")
    assert (report["agency"], report["year"]) == ("青石县档案馆", 2023)


@pytest.mark.parametrize("header", ["青石县人民政府门户网站", "无障碍 | 长者模式", "政务公开", "通知公告", "设为首页 | 加入收藏",
                                    "当前位置：首页 > 政务公开", "2024-01-19"],
                         ids=["site-name", "site-tools", "site-section", "column", "site-links", "breadcrumb", "date"])
def test_a_sites_header_above_a_title_without_its_agency_gives_no_agency(header):
    lines = [header, "2023年度政府信息公开工作年度报告", "发布时间:2024-01-19 10:56 来源:办公室"]
    report = parse_bytes(("\n".join(lines) + f"\n{ff.opening('2021', 2023)}\n").encode(), "report.txt")
    assert report["agency"] is None and report["year"] == 2023


@pytest.mark.parametrize("title, agency", [
    ("2023年全市政府信息公开工作年度报告", None),  # a 市's summary of its bodies: the whole city, no agency
    ("全县2023年政府信息公开工作年度报告", None),
    ("2023年全椒县政府信息公开工作年度报告", "全椒县"),  # a county whose name opens with 全
])
def test_a_summary_title_naming_the_whole_area_gives_no_agency(title, agency):
    report = parse_bytes(f"{title}\n{ff.opening('2021', 2023)}\n".encode(), "report.txt")
    assert report["agency"] == agency and report["year"] == 2023


@pytest.mark.parametrize("after", ["（全文）", "（摘要）", "——政策解读", "（征求意见稿）"])
def test_words_after_a_title_without_its_agency_that_name_no_body_give_no_agency(after):
    """What a title may carry after the report's name besides its agency (the version, a column's
    word) is no agency: only words that end as an agency's name does are taken."""
    report = parse_bytes(f"2023年度政府信息公开工作年度报告{after}\n{ff.opening('2021', 2023)}\n".encode(), "report.txt")
    assert report["agency"] is None and report["year"] == 2023


@pytest.mark.parametrize("prefix", ["正文", "【字体：大 中 小】", "索引号 | 11/2024-01 | 信息名称 |"],
                         ids=["content-label", "font-size-tag", "info-box-field-xinximingcheng"])
def test_page_words_before_a_title_without_its_agency_give_no_agency(prefix):
    report = parse_bytes(f"{prefix} 2023年度政府信息公开工作年度报告\n{ff.opening('2021', 2023)}\n".encode(), "report.txt")
    assert report["agency"] is None and report["year"] == 2023


@pytest.mark.parametrize("sentence, agency", [
    ("根据《中华人民共和国政府信息公开条例》规定，现公布青石县档案馆2023年政府信息公开工作年度报告。", "青石县档案馆"),
    ("根据《中华人民共和国政府信息公开条例》规定，现将我局2023年政府信息公开工作年度报告公布如下。", None),
    # The sentence of a page whose title line has no agency: the agency writes the report (吉林's
    # 卫生健康委, 湛江's 地方志办公室, a 乡 of 铜陵) or publishes it specially (a 镇 of 隆昌).
    ("根据《中华人民共和国政府信息公开条例》的规定，青石县档案馆编制了青石县档案馆2023年政府信息公开工作年度报告"
     "（以下简称《年报》）。", "青石县档案馆"),
    ("根据《中华人民共和国政府信息公开条例》要求，特编制青石县档案馆2023年政府信息公开工作年度报告。", "青石县档案馆"),
    ("根据《中华人民共和国政府信息公开条例》要求，编制青石县档案馆2023年度政府信息公开工作年度报告。", "青石县档案馆"),
    ("根据《中华人民共和国政府信息公开条例》的相关要求，现特向社会公布青石县档案馆2023年度政府信息公开年度报告。", "青石县档案馆"),
    ("根据《中华人民共和国政府信息公开条例》要求，我局编制并向社会公开青石县档案馆2023年度政府信息公开工作年度报告。",
     "青石县档案馆"),
    ("根据《中华人民共和国政府信息公开条例》规定，现公布青石县机构编制委员会办公室2023年政府信息公开工作年度报告。",
     "青石县机构编制委员会办公室"),
    ("根据《中华人民共和国政府信息公开条例》要求，编制完成青石县档案馆2023年政府信息公开工作年度报告。", "青石县档案馆"),
    ("根据《中华人民共和国政府信息公开条例》规定，现向社会公布2023年度本单位政府信息公开工作年度报告。", None),
    # A 县's summary of its bodies names the whole county, no agency.
    ("根据《中华人民共和国政府信息公开条例》规定，现公布全县2023年政府信息公开工作年度报告。", None),
    ("根据《中华人民共和国政府信息公开条例》规定，特编制全市2023年政府信息公开工作年度报告。", None),
    ("根据《中华人民共和国政府信息公开条例》规定，现公布全椒县人民政府2023年政府信息公开工作年度报告。", "全椒县人民政府"),
], ids=["agency-named", "we-our-bureau", "compiled-by", "specially-compiled", "compiled", "specially-published",
        "compiled-and-published", "agency-named-for-staffing", "compiled-completed", "our-unit", "whole-county",
        "whole-city", "county-named-quan"])
def test_an_opening_naming_the_report_without_brackets_gives_its_agency_and_year(sentence, agency):
    """No title line; the opening publishes the report by its name, without 《》 (区统计局's page): the
    agency is what follows the verb, unless it is the report's own 我局 or 本机关."""
    report = parse_bytes(f"{sentence}\n{ff.opening('2021', 2023)}\n".encode(), "report.txt")
    assert report["agency"] == agency and report["year"] == 2023


@pytest.mark.parametrize("lines", [
    ["根据《条例》规定，现发布《青石县", "档案馆 2023 年政府信息公开工作年度报告》。本报告统计数据从 2023 年"],
    ["根据《条例》规定，现发布《青石县档案馆", "2023 年政府信息公开工作年度报告》。本报告统计数据从 2023 年"],
], ids=["inside-the-name", "after-the-name"])
def test_a_citation_of_the_report_wrapped_over_two_lines_gives_the_whole_agency(lines):
    """PDF text without a title line, the opening's citation of the report broken by a line wrap."""
    report = parse_bytes(("\n".join(lines) + f"\n{ff.opening('2021', 2023)}\n").encode(), "report.txt")
    assert (report["agency"], report["year"]) == ("青石县档案馆", 2023)


def test_a_sentence_naming_the_report_gives_no_agency():
    report = parse_bytes(f"现向社会公布2023年政府信息公开工作年度报告\n{ff.opening('2021', 2023)}\n".encode(), "report.txt")
    assert report["agency"] is None and report["year"] == 2023


@pytest.mark.parametrize("title", ["2023年度青石县档案馆信息公开工作报告", "2023年青石县档案馆政府信息公开工作报告"])
def test_year_first_title_naming_a_disclosure_work_report_gives_agency_and_year(title):
    """A 街道's page titles its report 2023年度某某街道信息公开工作报告 (year first, no 年度报告)."""
    report = parse_bytes(f"{title}\n{ff.opening('2021', 2023)}\n".encode(), "report.txt")
    assert (report["agency"], report["year"]) == ("青石县档案馆", 2023)


def test_a_sentence_after_a_year_naming_the_work_report_gives_no_agency():
    report = parse_bytes(f"2023年度，本馆信息公开工作报告如下\n{ff.opening('2021', 2023)}\n".encode(), "report.txt")
    assert report["agency"] is None


# -- merged cells as agencies draw them --------------------------------------------------------------

BLANK_ROW_15 = "<tr>" + '<td width="40" valign="center"><p class="MsoNormal"><span>&nbsp;</span></p></td>' * 15 + "</tr>"


def split_outcome_label(rows: list) -> list:
    """三、本年度办理结果 drawn as two cells of 10 rows each (the first from (一)予以公开, the
    second from (四)无法提供), instead of one cell spanning all 20 result rows (2019 template)."""
    rows = [list(row) for row in rows]
    at = next(i for i, row in enumerate(rows) if row[0][0] == "三、本年度办理结果")
    assert rows[at][0][2] == 20
    rows[at][0] = ("三、本年度办理结果", 1, 10)
    assert rows[at + 10][0][0].endswith("无法提供")
    rows[at + 10].insert(0, ("三、本年度办理结果", 1, 10))
    return rows


def test_outcome_label_split_in_two_cells_of_ten_rows_2019_template():
    values = values_of("2019", 930)
    rows = table_rows("2019", values)
    tables = {"三": html_table(split_outcome_label(rows["三"])), "四": html_table(rows["四"], extra_rows=BLANK_ROW_15)}
    body = body_html("2019", values, year=2019, tables=tables,
                     title_lines=["<span>青石县</span>2019年", "政府信息公开工作年度报告"])
    report = parse(trs_fragment(body, title="青石县2019年政府信息公开工作年度报告", time="2020-03-02 08:58"))
    assert (report["agency"], report["year"], report["template"]) == ("青石县", 2019, "2019")
    assert report["proactive"]["normative_documents"] == values["proactive"]["normative_documents"]
    assert_tables(report, values)
    assert rules(report) == []


def test_review_table_with_a_trailing_row_of_fifteen_blank_cells():
    values = values_of("2021", 931)
    rows = table_rows("2021", values)
    body = body_html("2021", values, year=2023, tables={"四": html_table(rows["四"], extra_rows=BLANK_ROW_15)})
    report = parse(trs_fragment(body, title="青石县司法局2023年政府信息公开工作年度报告"))
    assert_tables(report, values)
    assert report["printed"] == {}
    assert rules(report) == []


def misaligned_applications(template_id: str, values: dict) -> list:
    """Table 三 with the header drawn as in a Word table whose grid went astray: 自然人 spans two
    columns, the sub-header row starts with an empty cell and 商业企业 spans two columns, and in
    every data row the first figure has one column and the second figure two."""
    rows = [list(row) for row in table_rows(template_id, values)["三"]]
    rows[0] = [(ff.NOTE_3, 3, 3), ("申请人情况", 8, 1)]
    rows[1] = [("自然人", 2, 1), ("法人或其他组织", 5, 1), ("总计", 1, 2)]
    labels = [c.label for c in tpl.APP_COLUMNS[1:6]]
    rows[2] = [("", 1, 1), (labels[0], 2, 1)] + [(label, 1, 1) for label in labels[1:]]
    for row in rows[3:]:
        text, _, rowspan = row[-6]
        row[-6] = (text, 2, rowspan)
    return rows


def test_misaligned_applicant_header_places_each_figure_in_its_own_column():
    values = values_of("2021", 932)
    tables = {"三": html_table(misaligned_applications("2021", values))}
    body = body_html("2021", values, year=2023, tables=tables)
    report = parse(trs_fragment(body, title="青石县人力资源和社会保障局2023年政府信息公开工作年度报告"))
    assert report["applications"]["1"] == values["applications"]["1"]
    assert_tables(report, values)
    assert rules(report) == []


def misaligned_proactive_2019(values: dict) -> list:
    """Table 二 of the 2019 template as a Word table whose merges went astray (seen in a real
    report of a provincial government office, 2019): five grid columns, the headers of 第（五）（六）项
    drawn 1 + 2 + 1 wide while their figures are drawn 2 + 1 + 1, so the first figure overlaps the
    second header as much as the first."""
    t = tpl.get("2019")
    pro = values["proactive"]

    def figs(key):
        return [ff.figure(pro[key][c.key], c.kind) for c in t.proactive_row(key).columns]

    rows = []
    for article, keys in (("第二十条第（一）项", ("regulations", "normative_documents")),
                          ("第二十条第（五）项", ("licensing", "other_services")),
                          ("第二十条第（六）项", ("penalty", "enforcement"))):
        heads = [c.label for c in t.proactive_row(keys[0]).columns]
        rows.append([(article, 5, 1)])
        rows.append([("信息内容", 1, 1), (heads[0], 1, 1), (heads[1], 2, 1), (heads[2], 1, 1)])
        for key in keys:
            a, b, c = figs(key)
            aligned = key in ("regulations", "normative_documents")
            rows.append([(t.proactive_row(key).label, 1, 1)]
                        + ([(a, 1, 1), (b, 2, 1)] if aligned else [(a, 2, 1), (b, 1, 1)]) + [(c, 1, 1)])
    for article, key in (("第二十条第（八）项", "fees"), ("第二十条第（九）项", "procurement")):
        rows.append([(article, 5, 1)])
        rows.append([("信息内容", 1, 1)] + [(c.label, 2, 1) for c in t.proactive_row(key).columns])
        rows.append([(t.proactive_row(key).label, 1, 1)] + [(f, 2, 1) for f in figs(key)])
    return rows


def misaligned_report(values: dict, rows: list, form: str) -> dict:
    """The report with table 二 drawn as `rows`: as a page, or as the tab-separated text a copy of
    that page gives (a merged cell in its first column, the columns it covers empty)."""
    if form == "html":
        body = body_html("2019", values, year=2019, tables={"二": html_table(rows)})
        return parse(trs_fragment(body, title="青石市人民政府办公厅2019年政府信息公开工作年度报告"))
    from build_scripts.grid import Grid
    text = text_report("2019", values, head=["青石市人民政府办公厅2019年政府信息公开工作年度报告"], year=2019)
    text = text.replace(Grid.from_spans(table_rows("2019", values)["二"]).text(), Grid.from_spans(rows).text())
    assert "行政许可\t" in text
    return parse(text, "data/report.txt")


@pytest.mark.parametrize("form", ["html", "text"])
def test_figures_merged_across_header_boundaries_are_placed_in_column_order(form):
    values = values_of("2019", 934)
    values["proactive"]["licensing"]["change"] = None  # a blank cell among the misaligned ones
    rows = misaligned_proactive_2019(values)
    report = misaligned_report(values, rows, form)
    assert report["proactive"] == values["proactive"]
    assert rules(report) == [("P-missing-cell", "二 · 行政许可 · 本年增/减")]


@pytest.mark.parametrize("form", ["html", "text"])
def test_a_misaligned_row_with_a_cell_too_many_is_not_read_by_position(form):
    values = values_of("2019", 935)
    rows = misaligned_proactive_2019(values)
    at = next(i for i, row in enumerate(rows) if row[0][0] == "行政许可")
    rows[at] = rows[at][:2] + [("1", 1, 1), ("2", 1, 1), ("3", 1, 1)]  # four figures under three headers
    report = misaligned_report(values, rows, form)
    assert report["proactive"]["licensing"] == {c.key: None for c in tpl.get("2019").proactive_row("licensing").columns}
    assert ("F-cell-count", "二 · 行政许可") in rules(report)
    assert report["applications"] == values["applications"]


def without_a_header_cell(values: dict) -> list:
    """The misaligned table 二 with a blank decisions cell under 第二十条第（六）项 and the header row
    of 第二十条第（五）项 lacking its 处理决定数量 cell (a header lost in the copy)."""
    values["proactive"]["enforcement"]["decisions"] = None
    rows = misaligned_proactive_2019(values)
    at = [i for i, row in enumerate(rows) if row[0][0] == "信息内容"][1]
    rows[at] = rows[at][:-1]
    return rows


@pytest.mark.parametrize("form", ["html", "text"])
def test_a_table_two_row_without_its_header_is_never_read_shifted(form):
    """The rows under the broken header cannot be placed by their headers. A page's table goes to
    the text reader, which gets each row's own cells (a merged cell written once) and reads them
    all; in tab text, where the column a merged figure covers is an empty cell, the text reader
    would take it for a blank column and move the figure after it one column on (行政强制:
    本年增/减 read as 处理决定数量): there those rows are left unread alone."""
    values = values_of("2019", 938)
    report = misaligned_report(values, without_a_header_cell(values), form)
    pro = report["proactive"]
    if form == "html":
        assert pro == values["proactive"]
        return
    for key in ("licensing", "other_services"):
        assert all(v is None for v in pro[key].values()), key
        assert ("F-cell-count", f"二 · {tpl.get('2019').proactive_row(key).label}") in rules(report)
    assert {k: v for k, v in pro.items() if k not in ("licensing", "other_services")} == {
        k: v for k, v in values["proactive"].items() if k not in ("licensing", "other_services")}


def test_a_table_three_row_that_cannot_be_placed_is_left_unread_alone():
    """The real misaligned header of a 2021 county report (自然人 over two columns, each row's
    second figure over two) with one row carrying a stray cell: that row is refused; the table
    is not handed to the text reader, for which the position a merged figure covers is a blank
    column, so that every row with a blank last cell slid one column (hundreds of wrong values
    over random tables)."""
    values = values_of("2021", 939)
    for key in ("1", "3.1", "3.5.2", "4"):
        values["applications"][key]["total"] = None  # a blank last cell
    rows = misaligned_applications("2021", values)
    at = next(i for i, row in enumerate(rows) if any(text.endswith("其他法律行政法规禁止公开") for text, _, _ in row))
    rows[at] = rows[at] + [("7", 1, 1)]  # a stray figure beyond the last column
    body = body_html("2021", values, year=2023, tables={"三": html_table(rows)})
    report = parse(trs_fragment(body, title="青石县人力资源和社会保障局2023年政府信息公开工作年度报告"))
    apps = report["applications"]
    assert apps["3.3.2"] == {c.key: None for c in tpl.APP_COLUMNS}
    assert ("F-cell-count", "三 · (三) 不予公开 2.其他法律行政法规禁止公开") in rules(report)
    assert {k: v for k, v in apps.items() if k != "3.3.2"} == {
        k: v for k, v in values["applications"].items() if k != "3.3.2"}


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_table_two_printing_its_header_row_once_is_read_whole_from_a_page(template_id):
    """Table 二 with only the first 信息内容 header row: the rows of the other articles have no
    header of their own. A page's table then goes to the text reader, which reads each row by its
    own cells (a merged cell written once), not left unread."""
    values = values_of(template_id, 951)
    rows = table_rows(template_id, values)["二"]
    first = next(i for i, row in enumerate(rows) if row[0][0] == "信息内容")
    rows = [row for i, row in enumerate(rows) if row[0][0] != "信息内容" or i == first]
    year = 2023 if template_id == "2021" else 2020
    body = body_html(template_id, values, year=year, tables={"二": html_table(rows)})
    report = parse(trs_fragment(body, title=f"青石县林业局{year}年政府信息公开工作年度报告"))
    assert report["proactive"] == values["proactive"]


def misaligned_three_report(values: dict, rows: list, form: str) -> dict:
    """The report with table 三 drawn as `rows`: as a page, or as tab text with a merged cell written
    once and the columns it covers left empty (as seeds 000 and 001 are)."""
    if form == "html":
        body = body_html("2021", values, year=2023, tables={"三": html_table(rows)})
        return parse(trs_fragment(body, title="青石县人力资源和社会保障局2023年政府信息公开工作年度报告"))
    from build_scripts.grid import Grid
    text = text_report("2021", values, head=["青石县人力资源和社会保障局2023年政府信息公开工作年度报告"], year=2023)
    text = text.replace(Grid.from_spans(table_rows("2021", values)["三"]).text(), Grid.from_spans(rows).text())
    return parse(text, "data/report.txt")


@pytest.mark.parametrize("form", ["html", "text"])
@pytest.mark.parametrize("known, printed", [("科研机构", "科研院所"), ("商业企业", "企业"), ("其他", "其他组织单位")])
def test_an_applicant_header_worded_as_no_known_variant_is_named_by_its_place(known, printed, form):
    """One applicant header in words the template data does not list, between two it does: the
    column between them is that header's. Read with the real misaligned header (自然人 and each
    row's second figure over two columns) and blank last cells."""
    values = values_of("2021", 941)
    for key in ("1", "3.1", "4"):
        values["applications"][key]["total"] = None
    rows = misaligned_applications("2021", values)
    rows[2] = [(printed if text == known else text, cs, rs) for text, cs, rs in rows[2]]
    report = misaligned_three_report(values, rows, form)
    assert report["applications"] == values["applications"]


@pytest.mark.parametrize("form", ["html", "text"])
def test_a_misprinted_row_label_leaves_only_its_row_missing(form):
    values = values_of("2021", 942)
    for key in ("1", "3.1", "3.5.1", "4"):
        values["applications"][key]["total"] = None
    rows = misaligned_applications("2021", values)
    at = next(i for i, row in enumerate(rows) if any(text.endswith("重复申请") for text, _, _ in row))
    rows[at] = [(text.replace("重复申请", "重复申情"), cs, rs) for text, cs, rs in rows[at]]
    report = misaligned_three_report(values, rows, form)
    apps = report["applications"]
    assert apps["3.5.2"] == {c.key: None for c in tpl.APP_COLUMNS}
    assert ("F-missing-row", "三 · (五) 不予处理 2.重复申请") in rules(report)
    assert {k: v for k, v in apps.items() if k != "3.5.2"} == {
        k: v for k, v in values["applications"].items() if k != "3.5.2"}


@pytest.mark.parametrize("change", ["header-variant", "label-typo"])
def test_table_with_merged_figures_that_the_grid_reader_refuses_is_never_read_shifted(change):
    """The real misaligned table 三 (each row's second figure over two columns) with a header the
    grid reader does not know, or a row label with a typo: the table goes to the text reader.
    The text it reads writes a merged cell once, as a copy does; were the covered column an empty
    cell, every row with a blank last cell would slide one column (hundreds of wrong values over
    random tables)."""
    values = values_of("2021", 940)
    for key in ("1", "3.1", "3.5.2", "4"):
        values["applications"][key]["total"] = None  # a blank last cell
    rows = misaligned_applications("2021", values)
    if change == "header-variant":
        rows[2] = [(text.replace("科研机构", "科研院所"), cs, rs) for text, cs, rs in rows[2]]
    else:
        at = next(i for i, row in enumerate(rows) if any(text.endswith("重复申请") for text, _, _ in row))
        rows[at] = [(text.replace("重复申请", "重复申情"), cs, rs) for text, cs, rs in rows[at]]
    body = body_html("2021", values, year=2023, tables={"三": html_table(rows)})
    report = parse(trs_fragment(body, title="青石县人力资源和社会保障局2023年政府信息公开工作年度报告"))
    apps = report["applications"]
    assert wrong_values(report, values) == []
    skipped = {"3.5.2"} if change == "label-typo" else set()
    assert {k: v for k, v in apps.items() if k not in skipped} == {
        k: v for k, v in values["applications"].items() if k not in skipped}


def test_an_unread_row_of_a_web_page_table_is_not_said_to_come_from_a_pdf():
    values = values_of("2019", 939)
    rows = misaligned_proactive_2019(values)
    at = next(i for i, row in enumerate(rows) if row[0][0] == "行政许可")
    rows[at] = rows[at][:2] + [("1", 1, 1), ("2", 1, 1), ("3", 1, 1)]  # four figures under three headers
    report = misaligned_report(values, rows, "html")
    messages = [p["message"] for p in report["problems"] if p["rule"] == "F-cell-count"]
    assert messages and not any("PDF" in m for m in messages)


def review_by_rows(values: dict, merged: bool) -> list:
    """Table 四 drawn the other way round (as narrow pages draw it): the five results once as
    columns, the three groups as rows; `merged`: 行政诉讼 one cell over its two rows."""
    t = tpl.get("2021")
    rl = values["review_litigation"]

    def figures(group):
        return [(ff.figure(rl[group][c.key]), 1, 1) for c in t.review_columns]

    if not merged:
        return [[("", 1, 1)] + [(h, 1, 1) for h in ff.REVIEW_HEAD],
                [("行政复议", 1, 1)] + figures("review"),
                [("行政诉讼（未经复议直接起诉）", 1, 1)] + figures("litigation_direct"),
                [("行政诉讼（复议后起诉）", 1, 1)] + figures("litigation_after_review")]
    return [[("", 2, 1)] + [(h, 1, 1) for h in ff.REVIEW_HEAD],
            [("行政复议", 2, 1)] + figures("review"),
            [("行政诉讼", 1, 2), ("未经复议直接起诉", 1, 1)] + figures("litigation_direct"),
            [("复议后起诉", 1, 1)] + figures("litigation_after_review")]


@pytest.mark.parametrize("merged", [False, True], ids=["labels", "merged-litigation"])
def test_review_table_with_the_groups_as_rows_is_read_by_its_labels(merged):
    values = values_of("2021", 936)
    values["review_litigation"]["litigation_direct"]["other"] = None  # a blank cell stays in its place
    body = body_html("2021", values, year=2023, tables={"四": html_table(review_by_rows(values, merged))})
    report = parse(trs_fragment(body, title="青石县自然资源局2023年政府信息公开工作年度报告"))
    assert report["review_litigation"] == values["review_litigation"]
    assert rules(report) == [("P-missing-cell", "四 · 数据行 · 行政诉讼 · 未经复议直接起诉 · 其他结果")]


def test_review_table_with_a_group_row_missing_is_not_read():
    values = values_of("2021", 937)
    rows = review_by_rows(values, merged=False)
    del rows[2]  # no 未经复议直接起诉 row
    body = body_html("2021", values, year=2023, tables={"四": html_table(rows)})
    report = parse(trs_fragment(body, title="青石县自然资源局2023年政府信息公开工作年度报告"))
    assert all(v is None for cols in report["review_litigation"].values() for v in cols.values())
    assert any(rule == "F-cell-count" for rule, _ in rules(report))


def parse_page_with(values: dict, tables: dict) -> dict:
    """The 2021 report of `values` read from a page whose tables are the HTML given by part."""
    body = body_html("2021", values, year=2023, tables=tables)
    return parse(trs_fragment(body, title="青石县应急管理局2023年政府信息公开工作年度报告"))


def cut_table_three(values: dict, before: str) -> tuple[list, list, list]:
    """Table 三's rows of (text, colspan, rowspan), and the two pieces a cut before the row group
    `before` makes (a page break of the source document): the first's merged cells end at the cut."""
    rows = table_rows("2021", values)["三"]
    at = next(i for i, row in enumerate(rows) if any(text.endswith(before) for text, _, _ in row))
    first = [[(text, cs, min(rs, at - i)) for text, cs, rs in row] for i, row in enumerate(rows[:at])]
    return rows, first, rows[at:]


def assert_unread_and_nothing_wrong(report: dict, values: dict, keys: list[str]) -> None:
    assert ff.wrong_cells(values, report) == []
    for key in keys:
        assert all(v is None for v in report["applications"][key].values()), key


def split_table_three(values: dict, before: str, repeat_header: bool, carry_label: bool = True) -> str:
    """Table 三 as two HTML tables, cut before the row group `before`, the second with or without
    the header rows again; carry_label: the second goes on with the 三、本年度办理结果 column merged
    down over its rows (else its rows lack that cell)."""
    rows, first, second = cut_table_three(values, before)
    if carry_label and not any(text == "三、本年度办理结果" for text, _, _ in second[0]):
        second = [[("三、本年度办理结果", 1, len(second) - 1)] + second[0]] + second[1:]
    return html_table(first) + html_table((rows[:3] if repeat_header else []) + second)


@pytest.mark.parametrize("repeat_header", [False, True], ids=["continued", "header-repeated"])
def test_table_three_cut_in_two_html_tables_reads_both_pieces(repeat_header):
    values = values_of("2021", 964)
    report = parse_page_with(values, {"三": split_table_three(values, "不予处理", repeat_header)})
    assert report["applications"] == values["applications"]


@pytest.mark.parametrize("blank", ["", "/", "footnoted"], ids=["blank", "slash", "a-footnoted-first-figure"])
@pytest.mark.parametrize("trailing_cell", [False, True], ids=["as-drawn", "empty-cell-ending-each-row"])
@pytest.mark.parametrize("repeat_header", [False, True], ids=["continued", "header-repeated"])
def test_table_three_piece_without_the_merged_outcome_column_is_never_read_a_column_left(repeat_header, trailing_cell,
                                                                                        blank):
    # The second piece of table 三 cut by a page break, drawn without the 三、本年度办理结果
    # column that the first piece merges down: each of its rows stands a column left of the
    # header's, and lacks a cell at its end. Where the row's first figure is blank no figure
    # shows among the labels: the row was read a column to the left (科研机构's figure under
    # 商业企业) with a blank 总计. Its rows are short of the header's width, and its sub-items'
    # labels (1. 2. …) end a column left of those above: left unread. Word's empty cell ending
    # each row (trailing_cell) makes the rows as wide as the header's; the labels still tell, a
    # blank cell printed "/" or a figure with a footnote's mark (4321[1]) among them being no piece
    # of a label.
    values = values_of("2021", 964)
    t = tpl.get("2021")
    later = [r.key for r in t.data_rows if r.key.startswith(("3.5", "3.6", "3.7"))]
    for key in later:
        values["applications"][key]["natural_person"] = None
    if blank == "footnoted":
        values["applications"]["3.6.3"]["natural_person"] = 4321
    tables = {"三": split_table_three(values, "不予处理", repeat_header, carry_label=False)}
    if blank == "footnoted":
        tables["三"] = tables["三"].replace("<span>4321</span>", "<span>4321[1]</span>")
    elif blank:
        tables["三"] = tables["三"].replace("<span></span>", f"<span>{blank}</span>")
    if trailing_cell:
        tables["三"] = tables["三"].replace("</tr>", '<td width="8" style="border:none"></td></tr>')
    report = parse_page_with(values, tables)
    assert_unread_and_nothing_wrong(report, values, later)
    unread = [where for rule, where in rules(report) if rule in ("F-cell-count", "F-missing-row")]
    for key in later:
        assert any(t.app_row(key).label in where for where in unread), key
    for key in ("1", "2", "3.1", "3.4.1", "4"):
        assert report["applications"][key] == values["applications"][key], key


def written_out(rows: list) -> list:
    """Rows whose merged cells are written out one cell a position, the text in each (a
    spreadsheet's export)."""
    placed: dict = {}
    for r, row in enumerate(rows):
        c = 0
        for text, colspan, rowspan in row:
            while (r, c) in placed:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed[r + dr, c + dc] = text
            c += colspan
    width = max(c for _, c in placed) + 1
    return [[(placed.get((r, c), ""), 1, 1) for c in range(width)] for r in range(len(rows))]


def test_a_written_out_piece_without_the_merged_outcome_column_is_never_read_a_column_left():
    # The second piece of table 三 without the 三、本年度办理结果 column, as a spreadsheet writes
    # it out (each group's label in each of its rows, a blank cell printed "/"), under the header
    # again: the first piece alone holds too few rows to be read, and the piece's sub-items whose
    # first figure stands among the labels were left unread without telling where their labels
    # end, so the shift went unseen and (七) 总计 was read a column to the left.
    values = values_of("2021", 969)
    t = tpl.get("2021")
    later = [r.key for r in t.data_rows if r.key.startswith(("3.4", "3.5", "3.6", "3.7"))]
    for key in later[1::2] + ["3.7"]:
        values["applications"][key]["natural_person"] = None
    rows, first, second = cut_table_three(values, "无法提供")
    second = [[(text or "/", cs, rs) for text, cs, rs in row] for row in written_out(second)]
    report = parse_page_with(values, {"三": html_table(first) + html_table(rows[:3] + second)})
    assert_unread_and_nothing_wrong(report, values, later)


def test_a_piece_whose_first_figures_are_printed_with_thousands_spaces_is_never_read_a_column_left():
    # The piece of table 三 drawn without the merged 三、本年度办理结果 column, an empty cell
    # ending each row, its first figures printed "12 345" (no figure to read): standing among the
    # labels they neither showed the shift nor ended the labels, and the row was read a column
    # to the left.
    values = values_of("2021", 968)
    t = tpl.get("2021")
    later = [r.key for r in t.data_rows if r.key.startswith(("3.5", "3.6", "3.7"))]
    for i, key in enumerate(later):
        values["applications"][key]["natural_person"] = 12000 + 111 * i
    table = split_table_three(values, "不予处理", True, carry_label=False)
    for i, _ in enumerate(later):
        value = 12000 + 111 * i
        table = table.replace(f"<span>{value}</span>", f"<span>{value // 1000} {value % 1000:03d}</span>")
    table = table.replace("</tr>", '<td width="8" style="border:none"></td></tr>')
    assert_unread_and_nothing_wrong(parse_page_with(values, {"三": table}), values, later)


def with_thousands(values: dict, factor: int = 1013) -> dict:
    """`values` with every count and signed figure times `factor` (the rules still hold), most of
    them of four digits or more."""
    for table in TABLES:
        for row in values[table].values():
            for column, value in row.items():
                if isinstance(value, int):
                    row[column] = value * factor
    return values


def thousands_spaced(value, kind: str = "count", plain=ff.figure) -> str:
    """A figure as format_fixtures.figure prints it, its thousands grouped by spaces (12 521)."""
    if not isinstance(value, int):
        return plain(value, kind)
    text = f"{abs(value):,}".replace(",", " ")
    return ("-" if value < 0 else "+" if kind == "signed" and value > 0 else "") + text


def report_with_large_figures(template_id: str, seed: int) -> ff.Report:
    values = with_thousands(values_of(template_id, seed))
    values["applications"]["3.2"]["natural_person"] = None
    values["review_litigation"]["review"]["total"] = None
    year = 2023 if template_id == "2021" else 2020
    text = synthetic.render(values, template_id, agency="青石县统计局", year=year, layout="tab", seed=seed)
    return ff.report_from_text(text, values)


@pytest.mark.parametrize("form", ["html", "docx"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_figures_printed_with_thousands_spaces_in_table_cells_are_read_whole(template_id, form, monkeypatch):
    # A cell holds one value: "12 521" (a space, or &nbsp;, between the thousands) in a page's or
    # a Word table's cell is 12521, as "12,521" is; it was refused as no figure.
    report = report_with_large_figures(template_id, 973)
    monkeypatch.setattr(ff, "figure", thousands_spaced)
    data = ff.to_html(report) if form == "html" else ff.to_docx(report)
    if form == "html":
        assert re.search(r">\d{1,3} \d{3}<", data.decode("utf-8"))
    parsed = parse(data, f"data/report.{form}")
    assert_tables(parsed, report.values)
    assert [r for r in rules(parsed) if r[0] == "F-bad-number"] == []


@pytest.mark.parametrize("text, figure", [
    ("12 521", "12521"), ("1 234", "1234"), ("1 234 567", "1234567"), ("+1 234", "+1234"), ("18 651.06", "18651.06"),
    # Not thousands: left as printed (refused as no figure, never read as another).
    ("1 23", "1 23"), ("1234 567", "1234 567"), ("12  521", "12  521"), ("1 2345", "1 2345"), ("3 件", "3 件"),
])
def test_a_cell_whose_digits_are_grouped_in_thousands_by_spaces_holds_one_figure(text, figure):
    assert cell_figure(text) == figure


@pytest.mark.parametrize("layout", ["tab", "spaced"])
def test_figures_printed_with_thousands_spaces_in_text_are_never_read_as_one_figure(layout):
    # In text a space separates cells: "1 234" may be 1 and 234, so the row stays refused.
    values = with_thousands(values_of("2021", 974))
    text = synthetic.render(values, "2021", agency="青石县统计局", year=2023, layout=layout, seed=974,
                            number_format="thousands")
    text = re.sub(r"(?<=\d),(?=\d{3})", " ", text)
    report = parse(text, "data/report.txt")
    assert ff.wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"]["1"].values())


def pdf_text_with_thousands_spaces(values: dict, seed: int) -> str:
    """Table 三 and the rest as PDF text prints them, one space between cells (blank cells leave
    none a reader can count), figures' thousands grouped by spaces ("9 685")."""
    text = synthetic.render(values, "2021", agency="青石县统计局", year=2023, layout="pdf", seed=seed,
                            number_format="thousands")
    return re.sub(r"(?<=\d),(?=\d{3})", " ", text)


def test_a_text_row_whose_spaced_thousands_split_into_as_many_figures_as_cells_is_never_read_split():
    # "9 685 3 276 9 165 234" with three blank cells: split at every space, 7 figures for 7
    # columns, it was read 9, 685, 3 … (every value wrong). "1 013" elsewhere (a group with a
    # leading 0, and no figure printed whole) shows that the text groups thousands by spaces: the
    # row is refused.
    values = with_thousands(values_of("2021", 975))
    values["applications"]["2"] = {"natural_person": 9685, "commercial_enterprise": None, "research_institution": None,
                                   "social_welfare_org": 3276, "legal_service_org": 9165, "other_org": 234,
                                   "total": None}
    values["applications"]["1"]["natural_person"] = 1013
    text = pdf_text_with_thousands_spaces(values, 975)
    assert "9 685 3 276 9 165 234" in re.sub(r" +", " ", text) and " 1 013 " in text
    report = parse(text, "data/report.txt")
    assert ff.wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"]["2"].values())
    assert any("以空格分隔数字的千位" in p["message"] and p["row"] == "2" for p in report["problems"])


@pytest.mark.parametrize("text, grouped", [
    ("119 002 138 541", True), ("1 034 5 2023", True), ("12 005 300", True),
    # A row of 7 cells printed as 8 figures, 7 when "3 195" is one.
    ("拒绝 5 4 3 2 1 6 3 195\n", True), ("拒绝 5 4 3 2 1 6 3 195 8\n", False), ("拒绝 5 4 3 2 3 195\n", False),
    # A figure of four digits or more printed whole: "2 003" is a figure a narrow cell broke.
    ("20 335 2 003 2847", False), ("1 034 5 12345", False),
    # No group that cannot be a figure of its own: 9 and 685 may be two cells; "000" may be zero
    # cells a capture ran together; a longer figure has no thousands group after it.
    ("9 685 3 276", False), ("1 000 0 1", False), ("2023 045", False), ("3.5 012", False), ("1 0345", False),
    # A figure's first group never starts with 0: "0 012" is a 0 cell, then cells run together.
    ("10 0 0 012", False), ("0 0 00 045", False),
])
def test_a_text_groups_thousands_by_spaces_only_where_a_group_or_a_row_cannot_be_read_otherwise(text, grouped):
    assert groups_thousands_by_spaces(text, (7, 15)) is grouped


def test_a_text_row_that_has_its_cells_only_when_its_spaced_thousands_are_joined_is_read_whole():
    # "9 685 1 2 3 4 5 9 700": ten pieces for seven columns; joined, 9685 and 9700 make exactly
    # seven, and any other reading would have more figures than cells.
    values = with_thousands(values_of("2021", 976))
    values["applications"]["2"] = {"natural_person": 9685, "commercial_enterprise": 1, "research_institution": 2,
                                   "social_welfare_org": 3, "legal_service_org": 4, "other_org": 5, "total": 9700}
    report = parse(pdf_text_with_thousands_spaces(values, 976), "data/report.txt")
    assert report["applications"]["2"] == values["applications"]["2"]
    assert ff.wrong_cells(values, report) == []


def test_a_row_pushed_right_by_a_merged_cell_reaching_too_far_is_never_read_a_column_right():
    # The 三、本年度办理结果 cell merged one row too far down covers the first column of
    # 四、结转下年度继续办理, whose cells then stand a column right of the header's. Its last cell,
    # under no column, printed "3 062" (no figure: a space inside) was passed over as a remark,
    # and the row read a column to the right (自然人's figure under 商业企业).
    values = values_of("2021", 967)
    values["applications"]["4"]["total"] = 3062
    rows = table_rows("2021", values)["三"]
    rows = [[(text, cs, rs + 1 if text == "三、本年度办理结果" else rs) for text, cs, rs in row] for row in rows]
    rows[-1][-1] = ("3 062", 1, 1)
    report = parse_page_with(values, {"三": html_table(rows)})
    assert_unread_and_nothing_wrong(report, values, ["4"])
    assert ("F-cell-count", "三 · 四、结转下年度继续办理") in rules(report)


@pytest.mark.parametrize("blank", ["review.other", "litigation_after_review.total"])
def test_review_table_whose_row_of_figures_stands_in_a_table_of_its_own_is_read_by_the_header_above(blank):
    # A page break between table 四's header and its row of figures (two <table>s): the row was
    # read as text, where a blank cell leaves no trace, and refused as a cell short.
    values = values_of("2021", 966)
    group, column = blank.split(".")
    values["review_litigation"][group][column] = None
    rows = table_rows("2021", values)["四"]
    report = parse_page_with(values, {"四": html_table(rows[:3]) + html_table(rows[3:])})
    assert_tables(report, values)
    assert [rule for rule, _ in rules(report) if rule.startswith("F-")] == []


def review_rows_with_a_row_label(values: dict, label: str, label_column: bool) -> list:
    """Table 四's rows, its row of figures opened by a label cell (件数); label_column: the header
    has a column over that label (项目, merged down its three rows), else it is drawn without one."""
    header, subs, leaves, data = table_rows("2021", values)["四"]
    if label_column:
        header = [("项目", 1, 3)] + header
    return [header, subs, leaves, [(label, 1, 1)] + data]


@pytest.mark.parametrize("label", tpl.REVIEW_DATA_ROW_LABELS)
@pytest.mark.parametrize("blank", ["review.other", "litigation_after_review.total"])
def test_review_row_of_figures_with_its_label_in_a_table_of_its_own_is_read_by_the_header_above(blank, label):
    # A page break between table 四's header and its row of figures, the row opened by its
    # label (件数 | 3 | 1 | …): the label kept the piece from joining the header, and the row read
    # as text, where a blank cell leaves no trace, was refused as a cell short.
    values = values_of("2021", 969)
    group, column = blank.split(".")
    values["review_litigation"][group][column] = None
    rows = review_rows_with_a_row_label(values, label, label_column=True)
    report = parse_page_with(values, {"四": html_table(rows[:3]) + html_table(rows[3:])})
    assert_tables(report, values)
    assert [rule for rule, _ in rules(report) if rule.startswith("F-")] == []


@pytest.mark.parametrize("remarks", [False, True], ids=["as-drawn", "remarks-column"])
@pytest.mark.parametrize("pieces", [1, 2], ids=["one-table", "header-and-row-apart"])
def test_review_row_label_under_a_header_without_its_column_is_never_read_a_column_right(pieces, remarks):
    # The header drawn without a column over the row's label: 件数 stood under 行政复议's 结果维持
    # and each figure under the next column's header (a 备注 column, or a blank last cell, took
    # the last one), every figure read into its neighbour's column.
    values = values_of("2021", 971)
    values["review_litigation"]["litigation_after_review"]["total"] = None
    values["review_litigation"]["review"]["pending"] = None
    rows = review_rows_with_a_row_label(values, "件数", label_column=False)
    if remarks:
        rows[0] = rows[0] + [("备注", 1, 3)]
    table = html_table(rows) if pieces == 1 else html_table(rows[:3]) + html_table(rows[3:])
    report = parse_page_with(values, {"四": table})
    assert ff.wrong_cells(values, report) == []
    # Not from the grid: the text reader takes the row whole, in the order of its cells, or
    # refuses it.
    read = report["review_litigation"]
    assert read == values["review_litigation"] or (
        all(v is None for cols in read.values() for v in cols.values()) and ("F-cell-count", "四 · 数据行") in rules(report))


@pytest.mark.parametrize("form", ["html", "text"])
def test_review_row_with_a_stray_cell_and_a_blank_first_cell_is_never_shifted(form):
    values = values_of("2021", 943)
    values["review_litigation"]["review"]["upheld"] = None  # a blank first cell
    rows = table_rows("2021", values)["四"]
    rows[-1] = rows[-1] + [("7", 1, 1)]  # a stray figure after the last column
    if form == "html":
        body = body_html("2021", values, year=2023, tables={"四": html_table(rows)})
        report = parse(trs_fragment(body, title="青石县自然资源局2023年政府信息公开工作年度报告"))
    else:
        from build_scripts.grid import Grid
        text = text_report("2021", values, head=["青石县自然资源局2023年政府信息公开工作年度报告"], year=2023)
        text = text.replace(Grid.from_spans(table_rows("2021", values)["四"]).text(), Grid.from_spans(rows).text())
        report = parse(text, "data/report.txt")
    assert all(v is None for cols in report["review_litigation"].values() for v in cols.values())
    assert ("F-cell-count", "四 · 数据行") in rules(report)


def test_review_headers_split_one_character_per_paragraph():
    values = values_of("2021", 933)
    per_char = HEADER_STYLES["one-char-per-paragraph"]
    rows = table_rows("2021", values)["四"]
    split = [[(per_char(text) if text in HEADERS else text, colspan, rowspan) for text, colspan, rowspan in row]
             for row in rows]
    assert '<p class="p">纠</p>' in html_table(split)
    body = body_html("2021", values, year=2023, tables={"四": html_table(split)})
    report = parse(trs_fragment(body, title="青石县信访局2023年政府信息公开工作年度报告"))
    assert_tables(report, values)
    assert rules(report) == []


# -- labels as agencies write them ---------------------------------------------------------------------

def renamed(rows: list, old: str, new: str) -> list:
    out = [[(new if text == old else text, colspan, rowspan) for text, colspan, rowspan in row] for row in rows]
    assert out != rows, old
    return out


def test_normative_documents_row_labelled_without_xingzheng_in_the_2021_template():
    values = values_of("2021", 940)
    rows = renamed(table_rows("2021", values)["二"], "行政规范性文件", "规范性文件")
    body = body_html("2021", values, year=2023, tables={"二": html_table(rows)})
    report = parse(trs_fragment(body, title="青石县发展和改革局2023年政府信息公开工作年度报告"))
    assert report["proactive"]["normative_documents"] == values["proactive"]["normative_documents"]
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("layout", ["tab", "spaced", "pdf"])
def test_change_column_headed_with_a_backslash_in_the_2019_template(layout):
    # 本年增\减 (a 街道 of 无锡, 2019): the column of changes in text, its figures read under it.
    text, values = synthetic.make_report("2019", 945, layout=layout)
    assert "本年增/减" in text
    report = parse_bytes(text.replace("本年增/减", "本年增\\减").encode(), "report.txt")
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("number, heading", [
    ("五", "存在的主要问题及整改措施"),
    ("五", "政府信息公开工作存在的主要问题及整改情况"),
    ("四", "政府信息公开行政法复议、行政诉讼情况"),
    ("四", "政府信息公开行政复议与行政诉讼情况"),
    ("二", "主动公开政府信息情况&nbsp;"),
    ("一", "工作概况"),  # a 镇 of 隆昌, 2019
], ids=["zhenggai-cuoshi", "zhenggai-qingkuang", "xingzhengfa-fuyi-typo", "fuyi-yu-susong", "trailing-nbsp",
        "gongzuo-gaikuang"])
def test_part_heading_variants_are_found(number, heading):
    values = values_of("2021", 941)
    body = body_html("2021", values, year=2023, headings={number: heading})
    report = parse(trs_fragment(body, title="青石县城市管理局2023年政府信息公开工作年度报告"))
    sections = {s["number"]: s["title"] for s in report["sections"]}
    assert list(sections) == list(tpl.PART_NUMBERS)
    assert sections[number] == heading.replace("&nbsp;", "")
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("number", ["一", "五", "六"])
def test_part_heading_printed_without_the_mark_after_its_number_is_found(number):
    # 一总体情况 on a line of its own (a 平潭 片区's page, 2020): the heading, not a missing part.
    values = values_of("2021", 943)
    body = body_html("2021", values, year=2023)
    printed = f"{number}、{tpl.PART_TITLES[number]}"
    assert body.count(printed) == 1
    body = body.replace(printed, printed.replace("、", ""))
    report = parse(trs_fragment(body, title="青石县城市管理局2023年政府信息公开工作年度报告"))
    sections = {s["number"]: s["title"] for s in report["sections"]}
    assert list(sections) == list(tpl.PART_NUMBERS)
    assert sections[number] == tpl.PART_TITLES[number]
    assert_tables(report, values)
    assert rules(report) == []


def test_prose_line_opening_with_a_part_number_is_no_heading_without_its_mark():
    # 一是… or 五存在… is prose, not part 一: only the number then a title in full is a heading.
    values = values_of("2021", 944)
    body = body_html("2021", values, year=2023)
    printed = f"五、{tpl.PART_TITLES['五']}"
    body = body.replace(printed, "五" + tpl.PART_TITLES["五"] + "已整改")
    report = parse(trs_fragment(body, title="青石县城市管理局2023年政府信息公开工作年度报告"))
    assert "五" not in {s["number"] for s in report["sections"]}
    assert ("F-missing-part", "第五部分") in rules(report)




@pytest.mark.parametrize("where", ["body", "header", "text"])
@pytest.mark.parametrize("title, agency, year_first", [
    ("青石县教育局2023年政府信息公开年度报告", "青石县教育局", False),  # without 工作
    ("青石县教育局2023年度政府信息公开年度报告", "青石县教育局", False),
    ("2023年青石县人民政府办公室政府信息公开工作年度报告", "青石县人民政府办公室", True),  # the year first
    ("2023年度青石县人民政府办公室政府信息公开年度报告", "青石县人民政府办公室", True),
    # a letter sending the report (a 平潭 片区, 2020): 关于报送 joins the agency to the year
    ("青石县教育局关于报送2023年度政府信息公开工作年度报告的函", "青石县教育局", False),
], ids=["no-gongzuo", "niandu-no-gongzuo", "year-first", "year-first-no-gongzuo", "guanyu-baosong-han"])
def test_title_variants_give_agency_and_year(title, agency, year_first, where):
    values = values_of("2021", 942)
    if where == "text":
        report = parse(text_report("2021", values, head=[title], year=2023), "data/report.txt")
    else:
        body = body_html("2021", values, year=2023, title_lines=[title] if where == "body" else [])
        report = parse(trs_fragment(body, title=title if where == "header" else None))
    assert (report["agency"], report["year"]) == (agency, 2023)
    assert_tables(report, values)
    assert rules(report) == []


SEPARATE_TITLE_LINES = {
    "agency_yeartitle": ["青石县应急管理局", "2023年政府信息公开工作年度报告"],
    "agencyyear_title": ["青石县应急管理局2023年", "政府信息公开工作年度报告"],
    "agency_year_title": ["青石县应急管理局", "2023年度", "政府信息公开工作年度报告"],
    "agency_year_niandutitle": ["青石县应急管理局", "2023", "年度政府信息公开工作年度报告"],
}


# A title line as pasted into a CMS: the line's paragraph, its text in a run; Word's "save as web
# page" starts each with a run of spaces (mso-spacerun), blank for a reader.
TITLE_LINE_HTML = {"html-p": "<p>{}</p>", "html-p-span": '<p class="MsoNormal"><span>{}</span></p>',
                   "html-p-spacerun": "<p class=MsoNormal align=center style='text-align:center'><span "
                                      "style='mso-spacerun:yes'>&nbsp;</span><span><strong>{}</strong></span></p>"}


def with_title_lines(values: dict, lines: list[str], form: str) -> dict:
    """A 2023 report whose title block is `lines`, as text or as paragraphs of a web page (form: a
    key of TITLE_LINE_HTML, or "text")."""
    if form == "text":
        return parse(text_report("2021", values, head=lines, year=2023), "data/report.txt")
    title = "".join(TITLE_LINE_HTML[form].format(line) for line in lines)
    return parse(trs_fragment(title + body_html("2021", values, year=2023), title=None, time=None))


@pytest.mark.parametrize("form", ["html-p", "html-p-span", "html-p-spacerun", "text"])
@pytest.mark.parametrize("split", sorted(SEPARATE_TITLE_LINES))
def test_agency_and_year_on_separate_lines(split, form):
    values = values_of("2021", 943)
    lines = SEPARATE_TITLE_LINES[split]
    report = with_title_lines(values, lines, form)
    assert (report["agency"], report["year"]) == ("青石县应急管理局", 2023)
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("number", ["岚经发〔2020〕2号", "青交〔2024〕 3 号", "青石交[2024]12号"])
@pytest.mark.parametrize("form", ["html-p", "text"])
def test_a_document_number_above_the_agency_line_is_no_part_of_the_agency(number, form):
    """平潭's 经济发展局 prints its report's document number on the line above the agency's, the year
    and the name on the line below: the number was read as the start of the agency's name."""
    values = values_of("2021", 945)
    lines = [number, "青石县应急管理局", "2023年政府信息公开工作年度报告"]
    report = with_title_lines(values, lines, form)
    assert (report["agency"], report["year"]) == ("青石县应急管理局", 2023)
    assert_tables(report, values)


@pytest.mark.parametrize("year_run", ["<span>2020</span>", "<span>2020</span><span>年度</span>", "<font>2020</font>"])
def test_a_title_whose_year_is_a_run_of_its_own_keeps_agency_and_year(year_run):
    # Word-pasted 平潭 pages of 2020: the agency's paragraph, then the year in a run of its own
    # before the rest of the title. Read from the rest, the title named "年度" its agency.
    values = values_of("2019", 947)
    rest = "政府信息公开工作年度报告" if "年度" in year_run else "年度政府信息公开工作年度报告"
    title = (f'<p class="MsoNormal"><span>青石县人力资源和社会保障局</span></p>'
             f'<p class="MsoNormal">{year_run}<span>{rest}</span></p>')
    report = parse(trs_fragment(title + body_html("2019", values, year=2020), title=None, time=None))
    assert (report["agency"], report["year"]) == ("青石县人力资源和社会保障局", 2020)
    assert_tables(report, values)
    assert rules(report) == []


def test_agency_and_year_in_separate_elements_of_the_page_header():
    values = values_of("2021", 944)
    page = ('<div class="article_title_group"><div class="article_agency">青石县市场监督管理局</div>'
            '<div class="article_title">2023年政府信息公开工作年度报告</div></div>'
            f'<span class="article_time">时间：2024-01-25 17:40</span><div class=TRS_Editor>{body_html("2021", values, year=2023)}</div>')
    report = parse(page)
    assert (report["agency"], report["year"]) == ("青石县市场监督管理局", 2023)
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("form", ["html", "text"])
def test_year_only_in_the_statistics_period_title_in_the_body(form):
    values = values_of("2021", 945)
    title = "青石县档案局政府信息公开工作年度报告"
    if form == "html":
        report = parse(trs_fragment(body_html("2021", values, year=2023, title_lines=[title]), title=None))
    else:
        report = parse(text_report("2021", values, head=[title], year=2023), "data/report.txt")
    assert (report["agency"], report["year"]) == ("青石县档案局", 2023)
    assert_tables(report, values)
    assert rules(report) == []


def test_year_only_in_the_statistics_period_title_in_the_page_header():
    values = values_of("2021", 946)
    body = body_html("2021", values, year=2023)
    report = parse(trs_fragment(body, title="青石县外事办公室政府信息公开工作年度报告"))
    assert (report["agency"], report["year"]) == ("青石县外事办公室", 2023)
    assert_tables(report, values)
    assert rules(report) == []


def text_report(template_id: str, values: dict, *, head: list[str], year: int | None = None,
                headings: dict | None = None, rows: dict | None = None) -> str:
    """A text capture: `head` lines, the opening, the six parts, tables as tab-separated cells
    (`rows`: the tables' rows, by default the official layout's)."""
    from build_scripts.grid import Grid

    headings = {**tpl.PART_TITLES, **(headings or {})}
    rows = rows or table_rows(template_id, values)
    lines = [*head, opening(template_id, year)]
    for number in tpl.PART_NUMBERS:
        lines.append(f"{number}、{headings[number]}")
        lines.append(PROSE[number] if number in PROSE else Grid.from_spans(rows[number]).text())
    return "\n".join(lines) + "\n"


def browser_copy(rows: list) -> str:
    """A table as a browser's copy of the page writes it: each row's own cells joined by tabs, a
    merged cell once and the cells it covers not at all (第二十条第（五）项 alone on its line)."""
    return "\n".join("\t".join(text for text, _, _ in row) for row in rows)


def browser_copy_report(template_id: str, values: dict, title: str, year: int) -> str:
    rows = table_rows(template_id, values)
    lines = [title, opening(template_id, year)]
    for number in tpl.PART_NUMBERS:
        lines.append(f"{number}、{tpl.PART_TITLES[number]}")
        lines.append(PROSE[number] if number in PROSE else browser_copy(rows[number]))
    return "\n".join(lines) + "\n"


def browser_copy_of_paragraph_cells(rows: list, bare: int | None = None) -> str:
    """The same copy of a page whose cells hold paragraphs (<td><p>0</p></td>), as Chromium's
    innerText writes it: each cell's text between blank lines, so the tab between two cells
    stands alone on its line and a row ends in five line breaks. The cell at index `bare` of
    each row is written without a paragraph (<td>0</td>): no blank lines around its text."""
    return "\n".join("\t".join(text if i == bare else f"\n\n{text}\n\n" for i, (text, _, _) in enumerate(row))
                     for row in rows)


@pytest.mark.parametrize("template_id", ["2021", "2019"])
@pytest.mark.parametrize("bare", [None, 1], ids=["all-paragraphs", "second-cell-bare"])
def test_page_whose_cells_hold_paragraphs_copied_from_a_browser_is_read_exactly(template_id, bare):
    """Every real page of 平潭's offices writes its cells as <td><p>…</p></td>: copied from the
    browser, the tab between two cells is alone on its line between blank lines, so the rows
    were cells one a paragraph, read column by column only where the figures add up: 海坛's 2024
    page left its 总计 column 0, and those rows were refused. 平潭's 2019 page writes a few
    cells without a paragraph ("规章\n\n\t0\t\n\n0")."""
    values = values_of(template_id, 963)
    for row in ("1", "3.7"):
        values["applications"][row]["total"] = 0
    year = 2023 if template_id == "2021" else 2020
    rows = table_rows(template_id, values)
    lines = [f"青石县财政局{year}年政府信息公开工作年度报告", opening(template_id, year)]
    for number in tpl.PART_NUMBERS:
        lines.append(f"{number}、{tpl.PART_TITLES[number]}")
        lines.append(PROSE[number] if number in PROSE else browser_copy_of_paragraph_cells(rows[number], bare))
    text = "\n\n".join(lines) + "\n"
    assert "\n\n\t\n\n" in text
    report = parse(text, "data/report.txt")
    assert (report["agency"], report["year"], report["template"]) == ("青石县财政局", year, template_id)
    assert_tables(report, values)


def test_a_tab_alone_between_two_paragraphs_of_prose_joins_nothing():
    """Only a text with a table's worth of such tabs is a copy of paragraph cells (eight rows of
    four: 24 tabs), whose rows keep their breaks."""
    from build_scripts.decoding import with_paragraph_cells_joined

    text = "一、总体情况\n\n本年度共收到申请12件。\n\n\t\n\n二、主动公开政府信息情况\n"
    assert with_paragraph_cells_joined(text) == text
    cells = "\n".join("\t".join(f"\n\n{c}\n\n" for c in ("行政许可", "3", "0", "5")) for _ in range(8))
    assert with_paragraph_cells_joined(cells) == "\n\n" + "\n\n\n\n\n".join(["行政许可\t3\t0\t5"] * 8) + "\n\n"


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_page_copied_from_a_browser_reads_every_section_of_table_two(template_id):
    """Seen on every real HTML report when copied from the browser: table 二's 第二十条 rows lose
    their tabs, which cut the table into pieces; the first piece alone must not stand for it."""
    values = values_of(template_id, 960)
    year = 2023 if template_id == "2021" else 2020
    text = browser_copy_report(template_id, values, f"青石县财政局{year}年政府信息公开工作年度报告", year)
    assert "\n第二十条第（五）项\n" in text
    report = parse(text, "data/report.txt")
    assert (report["agency"], report["year"], report["template"]) == ("青石县财政局", year, template_id)
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("template_id", ["2021", "2019"])
def test_page_copied_from_a_browser_keeps_blank_cells_in_their_columns(template_id):
    """A real provincial office's 2019 page leaves most organisation cells blank; copied from the
    browser, each blank is an empty cell between tabs and stays in its own column."""
    values = values_of(template_id, 962)
    blanks = [("applications", "1", "research_institution"), ("applications", "3.1", "total"),
              ("applications", "4", "natural_person"), ("review_litigation", "review", "corrected"),
              ("proactive", "licensing", "decisions")]
    for table, row, column in blanks:
        values[table][row][column] = None
    year = 2023 if template_id == "2021" else 2020
    report = parse(browser_copy_report(template_id, values, f"青石县财政局{year}年政府信息公开工作年度报告", year),
                   "data/report.txt")
    assert_tables(report, values)
    assert len([rule for rule, _ in rules(report) if rule == "P-missing-cell"]) == len(blanks)


def test_normative_documents_labelled_without_xingzheng_in_copied_text():
    """A real county bureau's 2023 page labels the row 规范性文件 in the 2021 template; copied
    from the browser, table 二 reaches the text reader, which knows only 行政规范性文件."""
    values = values_of("2021", 961)
    text = browser_copy_report("2021", values, "青石县发展和改革局2023年政府信息公开工作年度报告", 2023)
    text = text.replace("\n行政规范性文件\t", "\n规范性文件\t")
    report = parse(text, "data/report.txt")
    assert report["proactive"]["normative_documents"] == values["proactive"]["normative_documents"]


def test_crawler_capture_title_and_time_lines():
    values = values_of("2021", 947)
    head = ["标题: 青石县交通运输局2023年度政府信息公开工作年度报告",
            "发布时间: 2024-01-09 19:36",
            "文号: ",
            "发布机构: ",
            "栏目: 政府信息公开年报",
            "原文链接: https://www.qingshi.gov.cn/zwgk/ndbg/202401/t20240109_8123.htm",
            "==================== 正文 ===================="]
    report = parse(text_report("2021", values, head=head, year=2023), "data/page.txt")
    assert (report["agency"], report["year"]) == ("青石县交通运输局", 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-09", "发布时间")
    assert_tables(report, values)
    assert rules(report) == []


PRINTED_PAGE_CHROME = ["青石县人民政府", "首页", "政务公开", "互动交流", "办事服务", "请输入关键字\t搜索",
                       "当前位置：首页 > 政府信息公开 > 政府信息公开年报 > 青石县交通运输局2023年政府信息公开工作年度报", "告"]


@pytest.mark.parametrize("chrome", [["当前位置：首页 > 政府信息公开 > 政府信息公开年报"], PRINTED_PAGE_CHROME],
                         ids=["breadcrumb", "header-menu-and-wrapped-breadcrumb"])
def test_a_printed_page_listing_other_years_reports_takes_year_and_agency_from_its_own_title(chrome):
    """A page printed to PDF (or its text) with the portal's list of the agency's reports of other
    years above the article: the list's first title (2019) gave the year. Titles of several years
    on consecutive lines are a list, no title. Where the page's header leaves the title beyond the
    lines a title is looked for in, the info box's 名称 names the report (as the <title> of an HTML
    page does), before the publisher's field, here the portal's office."""
    values = values_of("2021", 949)
    head = [*chrome,
            *[f"青石县交通运输局{y}年政府信息公开工作年度报告" for y in range(2008, 2025)],
            "索引号： 014314799/2024-00002 主题分类：政务公开",
            "发布机构：青石县人民政府办公室 生成日期：2024-01-17",
            "名称： 青石县交通运输局2023年政府信息公开工作年度报告",
            "文号： 公开日期：2024-01-17",
            "青石县交通运输局2023年政府信息公开工作年度报告"]
    # A PDF's text puts a blank line after each: the info box's date stands past the 40th line.
    head = [line for text in head for line in (text, "")]
    report = parse(text_report("2021", values, head=head, year=2023), "data/page.txt")
    assert (report["agency"], report["year"]) == ("青石县交通运输局", 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-17", "公开日期")
    assert_tables(report, values)


@pytest.mark.parametrize("year_told", ["period", "part-one"])
def test_a_page_copied_with_its_list_of_reports_right_above_the_title_reads_the_title(year_told):
    """A page's text (select-all copy) with the column's list of reports, each with its date,
    right above the report's title: the list's first title (2025) gave the year. The list is
    left out but for the report of the year the opening's statistics period states (or, without
    one, part 一's first words: 平潭's 公安局 2019), which the title printed right after the list,
    and the list's own entry, both name."""
    values = values_of("2021", 950)
    head = ["首页 > 年度报告",
            *[f"青石县交通运输局{y}年政府信息公开工作年度报告{y + 1}-01-1{y % 10}" for y in range(2025, 2017, -1)],
            "青石县交通运输局2023年政府信息公开工作年度报告",
            "来源： 时间：2024-01-09 14:46"]
    text = text_report("2021", values, head=head, year=2023 if year_told == "period" else None)
    if year_told == "part-one":
        text = text.replace(PROSE["一"], "2023年，" + PROSE["一"])
    report = parse(text, "data/page.txt")
    assert (report["agency"], report["year"]) == ("青石县交通运输局", 2023)
    assert report["published"] == "2024-01-09"
    assert_tables(report, values)


@pytest.mark.parametrize("head", [
    # a page-to-text tool's info box, its cells joined by pipes (trafilatura, as stored for 沭阳's pages)
    ["名称 | 青石县交通运输局2023年政府信息公开工作年度报告 | ||",
     "索引号 | 014314799/2024-00002 | 分类 | 信息公开年报 |",
     "发布机构 | 青石县交通运输局 | 公开日期 | 2024-01-17 |"],
    # a crawler's capture of the same box on one line, its fields separated by spaces
    ["名称 青石县交通运输局2023年政府信息公开工作年度报告 索引号 014314799/2024-00002 "
     "发布机构 青石县交通运输局 公开日期 2024-01-17"],
], ids=["piped", "one-line"])
def test_an_info_box_written_without_colons_gives_agency_and_publication_date(head):
    values = values_of("2021", 948)
    report = parse(text_report("2021", values, head=head, year=2023), "data/page.txt")
    assert (report["agency"], report["year"]) == ("青石县交通运输局", 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-17", "公开日期")
    assert_tables(report, values)


@pytest.mark.parametrize("head", [
    ["索引号 | 014314799/2024-00002 | 分类 | 信息公开年报 |", "发布机构 | 青石县交通运输局 | 公开日期 | 2024-01-17 |"],
    ["索引号 014314799/2024-00002 发布机构 青石县交通运输局 公开日期 2024-01-17"],
    ["发布机构：青石县交通运输局", "公开日期：2024-01-17"],
    # html2text's info box: cells joined by "| ", a rule line under the first row (the agency was
    # read with the pipes around it, "|青石县交通运输局|")
    ["索引号：| 014314799/2024-00002| 分类：| 信息公开年报  ", "---|---|---|---  ",
     "发布机构：| 青石县交通运输局| 公开日期：| 2024-01-17  "],
], ids=["piped", "spaced", "colon-not-next-to-the-title", "html2text"])
def test_agency_only_in_a_captured_info_box_above_a_title_without_it_is_read(head):
    values = values_of("2021", 951)
    report = parse(text_report("2021", values, head=[*head, "2023年度政府信息公开工作年度报告"], year=2023),
                   "data/page.txt")
    assert (report["agency"], report["year"], report["published"]) == ("青石县交通运输局", 2023, "2024-01-17")
    assert_tables(report, values)


@pytest.mark.parametrize("field", ["发布机构 | | 公开日期 | 2024-01-17 |", "发布机构 2024-01-17", "发布机构 本网"],
                         ids=["blank", "a-date", "no-agency-name"])
def test_a_captured_publisher_field_that_names_no_agency_gives_none(field):
    values = values_of("2021", 952)
    report = parse(text_report("2021", values, head=[field, "2023年度政府信息公开工作年度报告"], year=2023), "data/page.txt")
    assert report["agency"] is None and report["year"] == 2023


INFO_BOX_ON_ONE_LINE = ("名称 青石县交通运输局2023年政府信息公开工作年度报告 索引号 014314799/2024-00002 分类 信息公开年报 "
                        "发布机构 青石县交通运输局 公开日期 2024-01-17 文号 关键词 青石县交通运输局2023年政府信息公开工作年度报告")


def test_publication_date_field_of_an_info_box_in_a_long_one_line_capture_is_read():
    """A crawler's capture of the whole page on one line: the info box, then the report's text."""
    values = values_of("2021", 949)
    line = f"{INFO_BOX_ON_ONE_LINE} {opening('2021', 2023)}"
    assert len(line) > 200
    report = parse(text_report("2021", values, head=[line], year=2023), "data/page.txt")
    assert (report["agency"], report["year"]) == ("青石县交通运输局", 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-17", "公开日期")
    assert_tables(report, values)


@pytest.mark.parametrize("words", [
    "本机关年度报告 发布时间 2024-01-05 前已报上级机关审核，",  # a date field's words in a sentence
    "索引号 014314799/2024-00002 时间 2024-01-05 ",  # a bare 时间 beside a box field
], ids=["in-a-sentence", "bare-time-label"])
def test_date_in_a_long_line_that_is_no_info_box_field_is_not_the_publication_date(words):
    values = values_of("2021", 950)
    line = f"{opening('2021', 2023)}{words}{opening('2021', 2023)}"
    assert len(line) > 200
    report = parse(text_report("2021", values, head=["青石县交通运输局2023年政府信息公开工作年度报告", line], year=2023),
                   "data/page.txt")
    assert (report["agency"], report["year"]) == ("青石县交通运输局", 2023)
    assert (report["published"], report["published_from"]) == (None, None)
    assert_tables(report, values)


# -- publication date ------------------------------------------------------------------------------

GOV = "青石县人民政府"
GOV_TITLE = f"{GOV}2023年政府信息公开工作年度报告"
SIGNATURE = ('<p align="right"><span>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;青石县人民政府办公室</span></p>'
             '<p align="right"><span>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;2024年1月10日</span></p>')


def gov_page(values: dict, *, before: str = "", title_lines=(), time: str | None = None) -> str:
    body = body_html("2021", values, year=2023, title_lines=list(title_lines)) + SIGNATURE
    return before + trs_fragment(body, title=GOV_TITLE, time=time)


DATED_PAGES = {
    "time-span": (lambda v: gov_page(v, time="2024-03-08 15:20"), "时间"),
    "fabu-riqi-line": (lambda v: gov_page(v, before='<div class="info">发布日期：2024年3月8日</div>'), "发布日期"),
    "gongkai-riqi-info-box": (lambda v: gov_page(v, before=info_box([["索引号：", "QS-2024-0301", "公开日期：", "2024-03-08"]])),
                              "公开日期"),
    "date-under-title": (lambda v: gov_page(v, title_lines=[GOV_TITLE, "（2024年3月8日）"]), "标题下日期"),
    "bare-date-under-title": (lambda v: gov_page(v, title_lines=[GOV_TITLE, "2024年3月8日"]), "标题下日期"),
    # The page's fields on source lines of their own in one element, and a value on the line after
    # its label's element: a line break after the field left it unread.
    "fields-over-source-lines": (lambda v: gov_page(v, before='<div class="info">发布时间：2024-03-08 15:20\n  来源：'
                                                           '青石县人民政府\n  浏览次数：<span>12</span></div>'), "发布时间"),
    "value-on-the-next-line": (lambda v: gov_page(v, before='<div class="info"><label>发布日期：</label>\n<span>2024-03-08'
                                                          '</span>\n<label>来源：</label><span>本站</span></div>'), "发布日期"),
}


@pytest.mark.parametrize("case", sorted(DATED_PAGES))
def test_publication_date_and_where_it_was_read(case):
    values = values_of("2021", 950)
    make, label = DATED_PAGES[case]
    report = parse(make(values))
    assert (report["agency"], report["year"]) == (GOV, 2023)
    assert (report["published"], report["published_from"]) == ("2024-03-08", label)
    assert_tables(report, values)
    assert rules(report) == []


def test_written_date_alone_is_not_a_publication_date():
    values = values_of("2021", 951)
    box = info_box([["索引号：", "QS-2024-0302", "成文日期：", "2024-01-10"], ["发布机构：", GOV, "", ""]])
    report = parse(gov_page(values, before=box))
    assert (report["agency"], report["year"]) == (GOV, 2023)
    # Neither 成文日期 nor the signature's date under the last part is when the page was published.
    assert (report["published"], report["published_from"]) == (None, None)
    assert_tables(report, values)
    assert rules(report) == []


@pytest.mark.parametrize("line, label", [("发布日期：2024年3月8日", "发布日期"), ("2024年3月8日", "标题下日期")],
                         ids=["field", "date-line"])
def test_publication_date_in_a_text_file(line, label):
    values = values_of("2021", 952)
    text = text_report("2021", values, head=[GOV_TITLE, line], year=2023)
    report = parse(text, "data/report.txt")
    assert (report["agency"], report["year"]) == (GOV, 2023)
    assert (report["published"], report["published_from"]) == ("2024-03-08", label)
    assert_tables(report, values)
    assert rules(report) == []


# -- blank and placeholder cells ---------------------------------------------------------------------

# (table, row, column) -> what the cell prints instead of its figure
UNFILLED = {
    ("applications", "3.1", "natural_person"): "/",
    ("applications", "3.3.2", "research_institution"): "",
    ("proactive", "licensing", "decisions"): "—",
    ("review_litigation", "litigation_direct", "pending"): "-",
}
TABLE_NUMBER = {"proactive": "二", "applications": "三", "review_litigation": "四"}


def unfilled(values: dict) -> tuple[dict, dict]:
    """(values to print, with the UNFILLED cells' texts in place of figures; values expected)."""
    printed = {table: {row: dict(cols) for row, cols in rows.items()} for table, rows in values.items()}
    expected = {table: {row: dict(cols) for row, cols in rows.items()} for table, rows in values.items()}
    for (table, row, col), text in UNFILLED.items():
        printed[table][row][col] = text
        expected[table][row][col] = None
    return printed, expected


def expected_missing_cells() -> tuple[list, dict]:
    from build_scripts.parsing import row_label

    t = tpl.get("2021")
    labels = row_label(t)
    group = dict(t.review_groups)
    where, printed = [], {}
    for (table, row, col), text in UNFILLED.items():
        number = TABLE_NUMBER[table]
        if table == "applications":
            where.append(f"三 · {labels[row]} · {t.app_column(col).label}")
        elif table == "proactive":
            where.append(f"二 · {t.proactive_row(row).label} · {t.proactive_row(row).columns[0].label}")
        else:
            where.append(f"四 · 数据行 · {group[row]} · {t.review_column(col).label}")
        printed.setdefault(number, {}).setdefault(row, {})[col] = text
    return sorted(("P-missing-cell", w) for w in where), printed


def blank_cell(text: str) -> str:
    return '<p class="MsoNormal"><span>&nbsp;</span><o:p></o:p></p>' if text == "" else plain(text)


@pytest.mark.parametrize("form", ["html", "tab text", "markdown"])
def test_blank_and_placeholder_cells_are_missing_each_in_its_own_place(form):
    values = values_of("2021", 960)
    shown, expected = unfilled(values)
    title = "青石县生态环境局2023年政府信息公开工作年度报告"
    if form == "html":
        rows = table_rows("2021", shown)
        tables = {n: html_table(rows[n], blank_cell) for n in ("二", "三", "四")}
        page = trs_fragment(body_html("2021", shown, year=2023, tables=tables), title=title)
    else:
        page = text_report("2021", shown, head=[title], year=2023)
        if form == "markdown":
            page = to_pipe_tables(page)
    report = parse(page, "data/report.html" if form == "html" else "data/report.txt")
    assert_tables(report, expected)
    want_rules, want_printed = expected_missing_cells()
    assert report["printed"] == want_printed
    assert sorted(p for p in rules(report) if p[0] == "P-missing-cell") == want_rules
    # An incomplete row or column cannot be summed: no arithmetic problem is made up from it.
    assert sorted(rules(report)) == want_rules


def to_pipe_tables(text: str) -> str:
    """Tab-separated table blocks rewritten as Markdown pipe tables (as an OCR or a converter
    writes them): a header rule after the first row."""
    out, in_table = [], False
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if not in_table:
                out.append("|" + "---|" * len(cells))
            in_table = True
        else:
            in_table = False
            out.append(line)
    return "\n".join(out)


# -- text converted from PDFs ------------------------------------------------------------------------

def pdf_plain_text(values: dict, agency: str, year: int) -> str:
    """What a PDF extractor in plain mode gives for a printed report: one printed line per line,
    table rows as label and figures separated by spaces, long labels broken over lines, the
    vertical label 三、本年度办理结果 one character per line, header cells broken mid-word, and page
    footers (`- 4 -`, `— 5 —`) wherever a page ended, inside tables and between a label's two
    halves."""
    p, a, r = values["proactive"], values["applications"], values["review_litigation"]

    def row(key: str) -> str:
        return " ".join(str(a[key][c.key]) for c in tpl.APP_COLUMNS)

    def decisions(key: str) -> str:
        return str(p[key]["decisions"])

    review_head = ["结 果", "维持", "结 果", "纠正", "其 他 结", "果", "尚 未", "审结", "总计"]
    lines = [
        "- 1 -", agency, f"{year} 年政府信息公开工作年度报告",
        f"本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室（{tpl.NOTICES['2021']}）",
        f"要求编制。本报告所列数据的统计期限自 {year} 年 1 月 1 日起至 {year} 年 12 月 31 日止。",
        "一、总体情况", PROSE["一"][:24], PROSE["一"][24:], "— 2 —",
        "二、主动公开政府信息情况",
        "第二十条 第（一）项",
        "信息内容 本年制发件数 本年废止件数 现行有效件数",
        "规章 " + " ".join(str(v) for v in p["regulations"].values()),
        "行政规范性文件 " + " ".join(str(v) for v in p["normative_documents"].values()),
        "第二十条 第（五）项",
        "信息内容 本年处理决定数量",
        "行政许可 " + decisions("licensing"),
        "第二十条 第（六）项",
        "- 3 -",
        "信息内容 本年处理决定数量",
        "行政处罚 " + decisions("penalty"),
        "行政强制 " + decisions("enforcement"),
        "第二十条 第（八）项",
        "信息内容 本年收费金额（单位：万元）",
        f"行政事业性收费 {p['fees']['amount_10k_yuan']:.2f}",
        "三、收到和处理政府信息公开申请情况",
        "（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）",
        "申请人情况", "自然人", "法人或其他组织", "总计商 业 企", "业", "科研机", "构", "社 会 公 益", "组织",
        "法 律 服 务", "机构", "其他",
        f"一、本年新收政府信息公开申请数量 {row('1')}",
        f"二、上年结转政府信息公开申请数量 {row('2')}",
        "三、", *"本年度办理结果",
        f"（一）予以公开 {row('3.1')}",
        "（二）部分公开（区分处理的，只计这一情", f"形，不计其他情形） {row('3.2')}",
        "（三）不", "予公开",
        f"1.属于国家秘密 {row('3.3.1')}",
        f"2.其他法律行政法规禁止公开 {row('3.3.2')}",
        f"3.危及“三安全一稳定” {row('3.3.3')}",
        f"4.保护第三方合法权益 {row('3.3.4')}",
        f"5.属于三类内部事务信息 {row('3.3.5')}",
        f"6.属于四类过程性信息 {row('3.3.6')}",
        f"7.属于行政执法案卷 {row('3.3.7')}",
        f"8.属于行政查询事项 {row('3.3.8')}",
        f"（四）无 1.本机关不掌握相关政府信息 {row('3.4.1')}",
        "- 4 -",
        f"法提供 2.没有现成信息需要另行制作 {row('3.4.2')}",
        f"3.补正后申请内容仍不明确 {row('3.4.3')}",
        "（五）不", "予处理",
        f"1.信访举报投诉类申请 {row('3.5.1')}",
        f"2.重复申请 {row('3.5.2')}",
        f"3.要求提供公开出版物 {row('3.5.3')}",
        f"4.无正当理由大量反复申请 {row('3.5.4')}",
        "5.要求行政机关确认或重新出", f"具已获取信息 {row('3.5.5')}",
        "（六）其", "他处理",
        "1、申请人无正当理由逾期不补", "正、行政机关不再处理其政府信", "息公开申请", row("3.6.1"),
        "2、申请人逾期未按收费通知要", "求缴纳费用、行政机关不再处理", "其政府信息公开申请", row("3.6.2"),
        f"3、其他 {row('3.6.3')}",
        f"（七）总计 {row('3.7')}",
        f"四、结转下年度继续办理 {row('4')}",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 行政诉讼", *review_head, "未经复议直接起诉 复议后起诉", *review_head, "— 5 —", *review_head,
        " ".join(str(r[g][c.key]) for g, _ in tpl.REVIEW_GROUPS for c in tpl.REVIEW_COLUMNS),
        "五、存在的主要问题及改进情况", PROSE["五"],
        "- 6 -",
        "六、其他需要报告的事项", PROSE["六"],
    ]
    return "\n".join(lines) + "\n"


def wrong_values(report: dict, values: dict) -> list:
    """Cells read as a number other than the one printed, and cells left None without a problem
    naming their row (or their table, for a problem of no particular row)."""
    named = {(p["table"], p["row"]) for p in report["problems"]}
    for p in report["problems"]:
        # "自「X」起的 N 行缺失": one problem for the rows from X to the end of the table
        if p["rule"] == "F-missing-row" and p["expected"] is not None and p["table"] in ("二", "三"):
            keys = list(values["proactive" if p["table"] == "二" else "applications"])
            named |= {(p["table"], key) for key in keys[keys.index(p["row"]):]}
    out = []
    for table, rows in values.items():
        number = TABLE_NUMBER[table]
        for row, cols in rows.items():
            for col, value in cols.items():
                got = report[table][row][col]
                if got is None:
                    row_key = "data" if table == "review_litigation" else row
                    if (number, row_key) not in named and (number, None) not in named:
                        out.append((table, row, col, "None without a problem"))
                elif got != value:
                    out.append((table, row, col, got, value))
    return out


def test_pdf_text_with_page_footers_inside_tables_and_broken_labels():
    values = values_of("2021", 970)
    text = pdf_plain_text(values, "青石县人民政府", 2023)
    assert "\n— 5 —\n" in text and "\n- 4 -\n法提供" in text
    report = parse(text, "data/report.txt")
    assert (report["agency"], report["year"], report["template"]) == ("青石县人民政府", 2023, "2021")
    assert wrong_values(report, values) == []
    assert_tables(report, values)
    assert rules(report) == []


def pdf_layout_text(values: dict, agency: str, year: int) -> str:
    """What a PDF extractor in layout mode gives: columns kept apart by runs of spaces, the
    vertical label 三、本年度办理结果 interleaved one character per line with the rows beside it, a
    label broken around its figures, a page footer (`-3-`) inside table 三, a figure glued to the
    end of its label ('…重新出具981  386 …') with the label's last words on the next line, and
    table 四's header cells broken over three lines."""
    p, a, r = values["proactive"], values["applications"], values["review_litigation"]
    def row(key: str, gap: str = "   ") -> str:
        return gap.join(str(a[key][c.key]) for c in tpl.APP_COLUMNS)
    lines = [
        f"                 {agency}", f"             {year} 年政府信息公开工作年度报告", "",
        f"  本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室（{tpl.NOTICES['2021']}）",
        f"要求编制。本报告所列数据的统计期限自 {year} 年 1 月 1 日起至 {year} 年 12 月 31 日止。", "",
        "  一、总体情况", f"  {PROSE['一']}", "",
        "  二、主动公开政府信息情况", "",
        "                          第二十条第（一）项", "",
        "      信息内容         本年制发件数       本年废止件数       现行有效件数", "",
        "        规章" + "".join(f"{v:>18}" for v in p["regulations"].values()), "",
        "   行政规范性文件" + "".join(f"{v:>16}" for v in p["normative_documents"].values()), "",
        "                          第二十条第（五）项", "",
        "      信息内容                       本年处理决定数量", "",
        f"      行政许可                              {p['licensing']['decisions']}", "",
        "                          第二十条第（六）项", "",
        "      信息内容                       本年处理决定数量", "",
        f"      行政处罚                              {p['penalty']['decisions']}", "",
        f"      行政强制                              {p['enforcement']['decisions']}", "",
        "                          第二十条第（八）项", "",
        "      信息内容                    本年收费金额（单位：万元）", "",
        f"   行政事业性收费                            {p['fees']['amount_10k_yuan']:.2f}", "",
        "   三、收到和处理政府信息公开申请情况", "",
        "                                          申请人情况", "",
        "（本列数据的勾稽关系为：第一项加第二项之和，        等         法人或其他组织", "",
        "于第三项加第四项之和）                    自然人          社会 法律      总计",
        "                                    商业  科研  公益 服务  其他",
        "                                    企业  机构  组织 机构", "", "",
        f"一、本年新收政府信息公开申请数量                {row('1')}", "",
        f"二、上年结转政府信息公开申请数量                 {row('2')}", "",
        f"   （一）予以公开                      {row('3.1')}", "",
        f"   （二）部分公开（区分处理的，只计这一情     形，不   {row('3.2')}",
        "   计其他情形）", "",
        f" 三            1.属于国家秘密           {row('3.3.1')}",
        f" 、            2.其他法律行政法规禁止公开        {row('3.3.2')}",
        " 本",
        f" 年            3.危及“三安全一稳定”       {row('3.3.3')}",
        " 度",
        f" 办            4.保护第三方合法权益        {row('3.3.4')}",
        " 理 （三）不予公开",
        f" 结            5.属于三类内部事务信息       {row('3.3.5')}",
        " 果", "",
        f"              6.属于四类过程性信息        {row('3.3.6')}", "",
        f"              7.属于行政执法案卷         {row('3.3.7')}", "",
        f"              8.属于行政查询事项         {row('3.3.8')}", "",
        f"   （四）无法提供    1.本机关不掌握相关政府信息    {row('3.4.1')}", "",
        "                                                    -3-",
        f"          2.没有现成信息需要另行制作 {row('3.4.2', '  ')}",
        f"          3.补正后申请内容仍不明确  {row('3.4.3', '  ')}",
        f"          1.信访举报投诉类申请    {row('3.5.1', '  ')}",
        f"          2.重复申请         {row('3.5.2', '  ')}",
        f"          3.要求提供公开出版物    {row('3.5.3', '  ')}",
        "   （五）不予处理",
        f"          4.无正当理由大量反复申请  {row('3.5.4', '  ')}", "",
        f"          5.要求行政机关确认或重新出具{row('3.5.5', '  ')}",
        "            已获取信息",
        "   （六）其他处理",
        f"          1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请  {row('3.6.1', '  ')}",
        f"          2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请  {row('3.6.2', '  ')}",
        f"          3.其他  {row('3.6.3', '  ')}", "",
        f"   （七）总计                 {row('3.7', '  ')}", "",
        f"四、结转下年度继续办理              {row('4', '  ')}",
        "   四、政府信息公开行政复议、行政诉讼情况", "",
        "      行政复议                  行政诉讼", "",
        "                   未经复议直接起诉        复议后起诉", "",
        "结果 结果  其他 尚未 总计",
        "维持 纠正  结果 审结    结果 结果其他 尚未 总 计 结果 结果其他 尚未 总计",
        "                维持 纠正结果 审结     维持 纠正结果 审结", "", "",
        " " + "  ".join(str(r[g][c.key]) for g, _ in tpl.REVIEW_GROUPS for c in tpl.REVIEW_COLUMNS), "",
        "   五、存在的主要问题及改进情况", f"  {PROSE['五']}", "", "    -4-",
        "  六、其他需要报告的事项", f"  {PROSE['六']}",
    ]
    return "\n".join(lines) + "\n"


def test_pdf_layout_text_reads_every_certain_row_and_reports_the_rest():
    values = values_of("2021", 975)
    report = parse(pdf_layout_text(values, "青石县人民政府", 2023), "data/report.txt")
    assert (report["agency"], report["year"], report["template"]) == ("青石县人民政府", 2023, "2021")
    assert wrong_values(report, values) == []
    assert report["proactive"] == values["proactive"]
    assert report["review_litigation"] == values["review_litigation"]
    # 3.5.5 has a figure glued to its label; every other row stands on a line of its own.
    certain = [r.key for r in tpl.get("2021").data_rows if r.key != "3.5.5"]
    assert {k: report["applications"][k] for k in certain} == {k: values["applications"][k] for k in certain}


def pdf_column_major_text(values: dict, agency: str, year: int) -> str:
    """Table 三 as pdfminer gives it: every row label first, then each applicant column as a block
    of figures, one per line, a page break starting a new block half-way down a column."""
    text = pdf_plain_text(values, agency, year)
    a = values["applications"]
    keys = [r.key for r in tpl.get("2021").data_rows]
    start, end = text.index("一、本年新收"), text.index("四、政府信息公开行政复议")
    labels = [re.sub(r"(?: \d+)+$", "", line) for line in text[start:end].split("\n") if line and not re.fullmatch(r"[\d ]+", line)]
    blocks = []
    for col in tpl.APP_COLUMNS:
        figures = [str(a[k][col.key]) for k in keys]
        blocks.append("\n".join(figures[:14]) + ("\n- 5 -\n" if col.key == "natural_person" else "\n") + "\n".join(figures[14:]))
    return text[:start] + "\n".join(labels) + "\n" + "\n".join(blocks) + "\n" + text[end:]


def test_pdf_text_with_a_column_major_table_never_gives_a_wrong_value():
    values = values_of("2021", 971)
    report = parse(pdf_column_major_text(values, "青石县人民政府", 2023), "data/report.txt")
    assert (report["agency"], report["year"]) == ("青石县人民政府", 2023)
    # Table 三 may be read whole or in part; what is not read with confidence is missing, with a problem.
    assert wrong_values(report, values) == []
    assert report["proactive"] == values["proactive"]
    assert report["review_litigation"] == values["review_litigation"]


def wrapped_label_lines(values: dict, width: int = 14) -> list[str]:
    """Table 三 as pypdf's layout mode (or pdfplumber) gives a printed table whose label column is
    narrow: a long label wraps, and its figures stand on the line of its first piece."""
    t = tpl.get("2021")
    label = {r.key: r.label.replace("(", "（").replace(")", "）") for r in t.data_rows}
    out = []
    for row in t.data_rows:
        figures = "     ".join(str(values["applications"][row.key][c.key]) for c in t.app_columns)
        text = label[row.key]
        out.append(f"          {text[:width]}         {figures}")
        for k in range(width, len(text), width):
            out.append(f"                {text[k:k + width]}")
        out.append("")
    return out


def test_pdf_text_with_figures_on_the_first_line_of_a_wrapped_label():
    """pypdf (layout mode) and pdfplumber on real-layout PDFs: every long label of table 三 is
    missing today (a problem, no wrong value)."""
    values = values_of("2021", 973)
    lines = text_report("2021", values, head=["青石县卫生健康委员会2023年政府信息公开工作年度报告"], year=2023).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开"))
    lines[start + 1:end] = ["申请人情况", "自然人  法人或其他组织  总计"] + wrapped_label_lines(values)
    report = parse("\n".join(lines), "data/report.txt")
    assert report["applications"] == values["applications"]


def test_column_major_text_whose_blank_cells_vanished_never_gives_the_last_row_the_pile_of_figures():
    """A real provincial office's 2019 report prints table 三 with blank cells in most rows;
    pdfminer drops them, so no page of figures proves its order. The figures piled up after a
    page's last label (四、结转下年度继续办理) are not that row's: every row is refused."""
    values = values_of("2021", 972)
    apps = values["applications"]
    apps["3.2"]["research_institution"] = None  # a blank cell on the first page
    apps["3.7"]["social_welfare_org"] = None  # the second page: （七）总计 and 四, seven of 14 cells blank
    for column in ("commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org",
                   "total"):
        apps["4"][column] = None
    keyed = len(tpl.get("2021").data_rows)
    text = synthetic.render_column_major(values, "2021", agency="青石市人民政府办公厅", year=2023,
                                         page_break_after=keyed - 2)
    report = parse(text, "data/report.txt")
    assert all(v is None for row in report["applications"].values() for v in row.values())
    refused = {p["row"] for p in report["problems"] if p["rule"] == "F-cell-count" and p.get("table") == "三"}
    assert {"1", "3.7", "4"} <= refused
    assert report["review_litigation"] == values["review_litigation"]


# -- the rest of what Word-pasted bodies look like -------------------------------------------------

ROW_LABEL_STYLES = {
    "nbsp-after": lambda text: f'<p class="MsoNormal"><span>{html.escape(text)}&nbsp;</span></p>',
    "split-mid-word": lambda text: (f'<p class="MsoNormal"><span>{html.escape(text[:len(text) // 2])}</span>'
                                    f'<span>{html.escape(text[len(text) // 2:])}</span></p>'),
    "numbering-own-span": lambda text: re.sub(r"^([（(][一二三四五六七][)）]|\d\.)(.*)$",
                                              r'<p class="MsoNormal"><span>\1</span><span>\2</span></p>', text)
    if re.match(r"^([（(][一二三四五六七][)）]|\d\.)", text) else plain(text),
    "bare-text": lambda text: html.escape(text),
}


@pytest.mark.parametrize("style", sorted(ROW_LABEL_STYLES))
def test_row_labels_as_word_pastes_them(style):
    values = values_of("2021", 980)
    labels = {r.label for r in tpl.get("2021").app_rows} | {r.label for r in tpl.get("2021").proactive}

    def render(text: str) -> str:
        return ROW_LABEL_STYLES[style](text) if text in labels else plain(text)

    body = body_html("2021", values, year=2023, render=render)
    report = parse(trs_fragment(body, title="青石县水利局2023年政府信息公开工作年度报告"))
    assert_tables(report, values)
    assert rules(report) == []


HEADING_STYLES = {
    "leading nbsp": lambda text: f'<p class="MsoNormal"><span>&nbsp;{text}</span></p>',
    "trailing nbsp run": lambda text: f'<p class="MsoNormal"><span><span>{text}</span>{"&nbsp;" * 23}</span></p>',
    "ideographic indent": lambda text: f'<p class="p"><span><span>　　</span></span><span><span>{text}</span></span></p>',
    "strong in a span": lambda text: f'<p><strong><span style="font-family:黑体">{text}</span></strong></p>',
    "number in its own run": lambda text: f"<p><span>{text[:2]}</span><span>{text[2:]}</span></p>",
}


@pytest.mark.parametrize("style", sorted(HEADING_STYLES))
def test_part_headings_as_word_pastes_them(style):
    values = values_of("2021", 981)
    body = body_html("2021", values, year=2023, heading=HEADING_STYLES[style])
    report = parse(trs_fragment(body, title="青石县财政局2023年政府信息公开工作年度报告"))
    assert [(s["number"], s["title"]) for s in report["sections"]] == list(tpl.PART_TITLES.items())
    assert_tables(report, values)
    assert rules(report) == []


def test_prose_subsections_between_tables_of_part_two_are_not_parts():
    values = values_of("2021", 982)
    before = {"二": '<p class="MsoNormal"><span>（一）主动公开政府信息数量</span></p>'}
    after = {"二": ('<p class="MsoNormal"><span>（二）主动公开政府信息的主要类别</span></p>'
                   '<p class="MsoNormal"><span>主要包括机构职能、政策文件、财政预决算等信息。</span></p>'
                   '<p class="MsoNormal"><span>(三)主动公开政府信息的主要形式</span></p>'
                   '<p class="MsoNormal"><span>三、主要通过门户网站和政务新媒体公开。</span></p>')}
    body = body_html("2021", values, year=2023, before=before, after=after)
    report = parse(trs_fragment(body, title="青石县科学技术局2023年政府信息公开工作年度报告"))
    assert [(s["number"], s["title"]) for s in report["sections"]] == list(tpl.PART_TITLES.items())
    assert_tables(report, values)
    assert rules(report) == []


def test_tables_wrapped_in_centred_divs_without_borders_and_body_starting_with_blank_lines():
    values = values_of("2021", 983)
    rows = table_rows("2021", values)
    tables = {"二": html_table(rows["二"]).replace('border="1"', 'border="0"'),
              "三": f'<div align="center">{html_table(rows["三"])}</div>',
              "四": f'<div align="center"><div>{html_table(rows["四"])}</div></div>'}
    body = '<br/><p>&nbsp;</p>' + body_html("2021", values, year=2023, tables=tables) + "<p>&nbsp;</p><p><br/></p>"
    report = parse(trs_fragment(body, title="青石县住房和城乡建设局2023年政府信息公开工作年度报告"))
    assert_tables(report, values)
    assert rules(report) == []


def test_fee_amount_with_six_decimals_is_kept_as_printed():
    values = values_of("2021", 984)
    values["proactive"]["fees"]["amount_10k_yuan"] = 18532.064107
    body = body_html("2021", values, year=2023)
    assert "18532.064107" in body
    report = parse(trs_fragment(body, title="青石县邮政管理局2023年政府信息公开工作年度报告"))
    assert report["proactive"]["fees"]["amount_10k_yuan"] == 18532.064107
    assert_tables(report, values)
    assert rules(report) == []


# -- never a value from the wrong cell -------------------------------------------------------------

OTHER_KEYS = ("3.6.1", "3.6.2", "3.6.3")


def single_other_row(values: dict) -> dict:
    """The figures of a 2021 table 三 printed with the 2019 template's single （六）其他处理 row
    (no sub-items 1-3): the row's figures are the sums of 3.6.1-3.6.3."""
    apps = values["applications"]
    return {c.key: sum(apps[k][c.key] for k in OTHER_KEYS) for c in tpl.APP_COLUMNS}


def without_other_items(values: dict) -> dict:
    expected = {table: {row: dict(cols) for row, cols in rows.items()} for table, rows in values.items()}
    for key in OTHER_KEYS:
        expected["applications"][key] = {c.key: None for c in tpl.APP_COLUMNS}
    return expected


def test_single_other_row_in_a_2021_html_table_is_not_taken_for_item_3():
    values = values_of("2021", 990)
    six = single_other_row(values)
    rows = []
    for row in table_rows("2021", values)["三"]:
        texts = [text for text, _, _ in row]
        at = next((i for i, text in enumerate(texts) if text.startswith("(六)")), None)
        if at is not None:
            rows.append(row[:at] + [("(六) 其他处理", 2, 1)] + [(str(six[c.key]), 1, 1) for c in tpl.APP_COLUMNS])
        elif not any(text.startswith(("1.申请人无正当", "2.申请人逾期", "3.其他")) for text in texts):
            # three item rows gone, the (六) row now carries figures: the outcome label spans 2 rows fewer
            rows.append([(text, colspan, rowspan - 2 if text == "三、本年度办理结果" else rowspan)
                         for text, colspan, rowspan in row])
    body = body_html("2021", values, year=2023, tables={"三": html_table(rows)})
    report = parse(trs_fragment(body, title="青石县公安局2023年政府信息公开工作年度报告"))
    assert wrong_values(report, values) == []
    assert_tables(report, without_other_items(values))
    assert {p["row"] for p in report["problems"] if p["rule"] == "F-missing-row"} >= set(OTHER_KEYS)


@pytest.mark.parametrize("form", ["html", "text"])
def test_2021_other_items_under_a_2019_layout_never_become_the_single_other_row(form):
    """A 2021 report that kept the 2019 table 二 (本年新制作数量 … 政府集中采购) is read with the
    2019 template, whose （六）其他处理 is one row; its table 三 prints the 2021 items 1-3 under
    （六）其他处理. The figures of item 1 must not become the whole row's: the row is missing, with
    a problem, and every other row is exact."""
    values = values_of("2021", 999)
    old = values_of("2019", 999)
    if form == "html":
        body = body_html("2021", values, year=2021, tables={"二": html_table(table_rows("2019", old)["二"])})
        report = parse(trs_fragment(body, title="青石县住房和城乡建设局2021年政府信息公开工作年度报告"))
    else:
        from build_scripts.grid import Grid
        text = text_report("2021", values, head=["青石县住房和城乡建设局2021年政府信息公开工作年度报告"], year=2021)
        text = text.replace(Grid.from_spans(table_rows("2021", values)["二"]).text(),
                            Grid.from_spans(table_rows("2019", old)["二"]).text())
        report = parse(text, "data/report.txt")
    assert report["template"] == "2019"
    assert report["proactive"] == old["proactive"]
    apps = report["applications"]
    assert apps["3.6"] == {c.key: None for c in tpl.APP_COLUMNS}
    [six] = [p for p in report["problems"] if p["rule"] == "F-missing-row" and p["where"] == "三 · (六) 其他处理"]
    assert "下印有分项" in six["message"] and "2019 年版格式中该行是一行" in six["message"]
    assert {k: v for k, v in apps.items() if k != "3.6"} == {
        k: v for k, v in values["applications"].items() if k in apps and k != "3.6"}


def test_single_other_row_in_pdf_text_is_not_taken_for_item_3():
    values = values_of("2021", 991)
    six = single_other_row(values)
    text = pdf_plain_text(values, "青石县人民政府", 2023)
    start, end = text.index("（六）其"), text.index("（七）总计")
    text = text[:start] + "（六）其他处理 " + " ".join(str(six[c.key]) for c in tpl.APP_COLUMNS) + "\n" + text[end:]
    report = parse(text, "data/report.txt")
    assert wrong_values(report, values) == []
    assert_tables(report, without_other_items(values))


LABEL_TYPOS = {
    "3.3.2": ("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"),
    "3.5.4": ("4.无正当理由大量反复申请", "4.无正当理由大量反复 申请"),
    "3.5.5": ("5.要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或重 新出具已获取信息"),
}


@pytest.mark.parametrize("form", ["html", "pdf text"])
def test_row_labels_with_typos_and_stray_spaces_never_shift_a_value(form):
    values = values_of("2021", 992)
    if form == "html":
        rows = table_rows("2021", values)["三"]
        for label, typo in LABEL_TYPOS.values():
            rows = renamed(rows, label, typo)
        body = body_html("2021", values, year=2023, tables={"三": html_table(rows)})
        report = parse(trs_fragment(body, title="青石县农业农村局2023年政府信息公开工作年度报告"))
    else:
        text = pdf_plain_text(values, "青石县人民政府", 2023)
        for label, typo in [*list(LABEL_TYPOS.values())[:2], ("5.要求行政机关确认或重新出", "5.要求行政机关确认或重 新出")]:
            assert label in text
            text = text.replace(label, typo)
        report = parse(text, "data/report.txt")
    # Stray spaces are no change of label; a word left out may cost the row, never a shifted figure.
    assert wrong_values(report, values) == []
    apps = report["applications"]
    assert apps["3.5.4"] == values["applications"]["3.5.4"]
    assert apps["3.5.5"] == values["applications"]["3.5.5"]
    others = [r.key for r in tpl.get("2021").data_rows if r.key not in LABEL_TYPOS]
    assert {k: apps[k] for k in others} == {k: values["applications"][k] for k in others}


# Labels of table 三 worded otherwise, with the same meaning (template.APP_ROW_VARIANTS).
LABEL_WORDINGS = (
    (r"本年新收(?=政府信息公开申请数量)", "本年新收到"),
    (r"上年结转(?=政府信息公开申请数量)", "上年度结转"),
    (r"结转下年度继续办理", "结转下一年度继续办理"),
    (r"(?m)^([（(]七[）)][ \t]*)总计", r"\1合计"),  # row (七), not the column 总计
    (r"(?m)^(3[.、]其他)(?=\s|$)", r"\1原因"),
)


def reworded(text: str) -> str:
    for pattern, other in LABEL_WORDINGS:
        text = re.sub(pattern, other, text)
    return text


@pytest.mark.parametrize("form", ["html 2021", "html 2019", "pdf text 2021", "tab text 2021", "tab text 2019"])
def test_row_labels_worded_otherwise_are_read_as_the_template_rows(form):
    template_id = form[-4:]
    values = values_of(template_id, 994)
    if form.startswith("html"):
        rows = [[(reworded(text), colspan, rowspan) for text, colspan, rowspan in row]
                for row in table_rows(template_id, values)["三"]]
        body = body_html(template_id, values, year=2020, tables={"三": html_table(rows)})
        text = trs_fragment(body, title="青石县农业农村局2020年政府信息公开工作年度报告")
    else:
        text = reworded(pdf_plain_text(values, "青石县人民政府", 2023) if form.startswith("pdf")
                        else synthetic.render(values, template_id, agency="青石县人民政府", year=2020, layout="tab"))
    assert all(word in text for word in ("本年新收到", "上年度结转", "结转下一年度", "合计"))
    assert ("其他原因" in text) == (template_id == "2021")
    report = parse(text, "data/report.txt" if "text" in form else "data/report.html")
    assert wrong_values(report, values) == []
    assert report["applications"] == values["applications"]


def crawler_one_line(values: dict, agency: str, year: int, own_part: str | None = None) -> str:
    """A crawler's text capture: header lines, then the whole page on one line, cells separated
    by single spaces, site chrome around the report; with `own_part`, a part of the report's own
    printed as 二 after part 一, the template's parts 二… numbered one more (六 printed as 七)."""
    from build_scripts.grid import Grid

    rows = table_rows("2021", values)
    pieces = ["当前位置： 首页 政务公开 政府信息公开年报", f"{agency}{year}年度政府信息公开工作年度报告",
              "来源： 时间：2024-01-09 19:36 --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接：", opening("2021", year)]
    printed = "一二三四五六七"
    for i, number in enumerate(tpl.PART_NUMBERS):
        if own_part and number == "二":
            pieces += [f"二、{own_part}", "本机关围绕优化营商环境加强政策发布解读。"]
        pieces.append(f"{printed[i + 1 if own_part and i else i]}、{tpl.PART_TITLES[number]}")
        if number in PROSE:
            pieces.append(PROSE[number])
        else:
            pieces.extend(cell for row in Grid.from_spans(rows[number]).text_rows() for cell in row if cell)
    head = [f"标题: {agency}{year}年度政府信息公开工作年度报告", "发布时间: 2024-01-09 19:36", "文号: ", "发布机构: ",
            "栏目: 政府信息公开年报", "==================== 正文 ===================="]
    return "\n".join(head) + "\n" + " ".join(pieces) + " 相关下载\n"


def test_crawler_capture_with_the_page_on_one_line_and_cells_separated_by_spaces():
    values = values_of("2021", 993)
    report = parse(crawler_one_line(values, "青石县交通运输局", 2023), "data/page.txt")
    assert (report["agency"], report["year"]) == ("青石县交通运输局", 2023)
    assert (report["published"], report["published_from"]) == ("2024-01-09", "发布时间")
    assert wrong_values(report, values) == []
    assert_tables(report, values)


def test_crawler_capture_on_one_line_with_a_part_of_its_own_finds_the_template_parts_by_their_titles():
    # 平潭's 旅游与文化体育局 2020: 二、政务公开工作主要任务落实情况 of its own, then the template's
    # parts as 三 … 七, all on the capture's one line.
    values = values_of("2021", 996)
    text = crawler_one_line(values, "青石县文化体育局", 2023, own_part="政务公开工作主要任务落实情况")
    assert "二、政务公开工作主要任务落实情况" in text and "七、其他需要报告的事项" in text
    report = parse(text, "data/page.txt")
    assert [(s["number"], s["title"]) for s in report["sections"]] == list(tpl.PART_TITLES.items())
    assert "政务公开工作主要任务落实情况" in report["sections"][0]["text"]
    assert report["sections"][5]["text"].startswith(PROSE["六"])
    assert_tables(report, values)
    assert rules(report) == []


def test_crawler_capture_row_whose_zero_cell_stands_before_cells_run_together_is_read_by_its_sum():
    # 平潭's 君山片区管理局 2020: "一、本年新收政府信息公开申请数量10 0 0 012" is 1, 0, 0, 0, 0, 1, 2;
    # its "0 012" is no figure with its thousands grouped by a space (no figure starts with 0).
    def small(node):
        if isinstance(node, dict):
            return {k: small(v) for k, v in node.items()}
        return node % 10 if isinstance(node, int) else node if node is None else round(node % 10, 2)
    values = small(values_of("2021", 997))
    values["applications"]["1"] = dict(zip(values["applications"]["1"], [1, 0, 0, 0, 0, 1, 2]))
    text = crawler_one_line(values, "青石县交通运输局", 2023)
    text = text.replace("申请数量 1 0 0 0 0 1 2 二、", "申请数量10 0 0 012二、")
    assert "申请数量10 0 0 012二、上年结转" in text
    report = parse(text, "data/page.txt")
    assert report["applications"]["1"] == values["applications"]["1"]
    assert wrong_values(report, values) == []


def test_row_label_typo_seen_in_real_reports_is_a_known_variant():
    values = values_of("2021", 994)
    label, typo = LABEL_TYPOS["3.3.2"]
    rows = renamed(table_rows("2021", values)["三"], label, typo)
    body = body_html("2021", values, year=2023, tables={"三": html_table(rows)})
    report = parse(trs_fragment(body, title="青石县农业农村局2023年政府信息公开工作年度报告"))
    assert_tables(report, values)
    assert rules(report) == []


def test_ocr_markdown_pipe_tables_are_read_as_grids():
    values = values_of("2021", 995)
    text = to_pipe_tables(text_report("2021", values, head=["青石县人民政府办公室2023年政府信息公开工作年度报告"], year=2023))
    assert "| 规章 |" in text and "|---|" in text
    report = parse(text, "data/report.md")
    assert (report["agency"], report["year"]) == ("青石县人民政府办公室", 2023)
    assert_tables(report, values)
    assert rules(report) == []


def ocr_markdown_in_pieces(values: dict, agency: str, year: int) -> str:
    """A report as an OCR tool turned its PDF into Markdown (seen in a real county report, 2025):
    `#` title and `##` part headings; every merged row heading of a table made a `###` heading,
    which cuts the table into small pipe tables with headers the tool made up (数据1 … 数据6); row
    labels without their numbering or with a comma for 、; table 四 as three small tables."""
    t = tpl.get("2021")
    pro, apps, rl = values["proactive"], values["applications"], values["review_litigation"]

    def pipe(rows):
        return ["| " + " | ".join(map(str, rows[0])) + " |", "|" + "---|" * len(rows[0])] + \
            ["| " + " | ".join(ff.figure(v) if not isinstance(v, str) else v for v in row) + " |" for row in rows[1:]]

    fake = ["类别", *(f"数据{i}" for i in range(1, 7)), "总计"]

    def app_row(key, label):
        return [label] + [apps[key][c.key] for c in t.app_columns]

    out = [f"# {agency} {year} 年 政府信息公开工作年度报告", "", opening("2021", year), "", "## 一、总体情况", "", PROSE["一"],
           "", "## 二、主动公开政府信息情况", "", "### 第二十条第（一）项"]
    out += pipe([["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
                + [[r.label] + [pro[r.key][c.key] for c in r.columns] for r in t.proactive[:2]])
    for article, rows in (("第二十条第（五）项", t.proactive[2:3]), ("第二十条第（六）项", t.proactive[3:5]),
                          ("第二十条第（八）项", t.proactive[5:])):
        out += ["", f"### {article}"] + pipe([["信息内容", rows[0].columns[0].label]]
                                             + [[r.label, pro[r.key][r.columns[0].key]] for r in rows])
    out += ["", "## 三、收到和处理政府信息公开申请情况", "", ff.NOTE_3, ""]
    group = None
    for row in t.app_rows:
        if row.key in ("3.6.2", "3.6.3", "3.7", "4"):
            continue
        if row.key is None or row.level == 0 or row.key in ("3.1", "3.2"):
            out += ["", f"### {row.label}"]
            group = None if row.key is None and row.level == 1 else []
        label = row.core if row.level == 0 else row.label.replace("、", ", ")
        if row.key:
            if not group:
                out += pipe([fake])
                group = [row]
            out += pipe([fake, app_row(row.key, label)])[2:]
    # The last piece under a header the tool made from words of the table.
    out += pipe([["项目", "本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开", "结转下年度", "总计"],
                 app_row("3.6.2", t.app_row("3.6.2").label), app_row("3.6.3", t.app_row("3.6.3").label),
                 app_row("3.7", t.app_row("3.7").label), app_row("4", t.app_row("4").label)])
    out += ["", "## 四、政府信息公开行政复议、行政诉讼情况"]
    for (g, _), heading in zip(t.review_groups, ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")):
        out += ["", f"### {heading}"] + pipe([list(ff.REVIEW_HEAD), [rl[g][c.key] for c in t.review_columns]])
    out += ["", "## 五、政府信息公开工作存在的主要问题及改进情况", "", PROSE["五"], "", "六、其他需要报告的事项", "", PROSE["六"]]
    return "\n".join(out) + "\n"


def test_ocr_markdown_with_tables_cut_into_pieces_reads_each_row_by_its_label():
    values = values_of("2021", 996)
    text = ocr_markdown_in_pieces(values, "青石县人民政府", 2025)
    assert "| 数据1 |" in text and "### (三) 不予公开" in text
    report = parse(text, "data/report.md")
    # The heading markers are no part of the title or of the part headings.
    assert (report["agency"], report["year"], report["template"]) == ("青石县人民政府", 2025, "2021")
    assert [s["number"] for s in report["sections"]] == list(tpl.PART_NUMBERS)
    assert report["applications"] == values["applications"]
    # Table 四 in three pieces, each under its group's heading: one table again, the headings
    # naming the rows.
    assert report["review_litigation"] == values["review_litigation"]
    # Table 二 cut in four pieces: the first is read; the rows of the others are missing (a
    # problem), never a value from elsewhere.
    pro = report["proactive"]
    assert pro["normative_documents"] == values["proactive"]["normative_documents"]
    for key, cols in pro.items():
        assert all(v in (None, values["proactive"][key][c]) for c, v in cols.items()), key
    assert {rule for rule, _ in rules(report)} <= {"F-missing-row"}


def test_ocr_markdown_table_four_in_pieces_without_the_first_heading_keeps_part_four():
    """The first of table 四's three pieces printed right under part 四's heading, without a
    heading of its own: the part's heading is still found (no F-missing-part), and the pieces are
    read as before."""
    values = values_of("2021", 995)
    text = ocr_markdown_in_pieces(values, "青石县人民政府", 2025)
    assert "\n### 行政复议\n" in text
    report = parse(text.replace("\n### 行政复议\n", "\n", 1), "data/report.md")
    assert [s["number"] for s in report["sections"]] == list(tpl.PART_NUMBERS)
    assert report["review_litigation"] == values["review_litigation"]
    assert "F-missing-part" not in {rule for rule, _ in rules(report)}


@pytest.mark.parametrize("key", ["licensing", "penalty", "enforcement"])
def test_ocr_markdown_piece_row_with_a_figure_split_in_two_cells_is_reported_refused_not_missing(key):
    """A row of table 二 in a small pipe table of its own (under its ### 第二十条 heading, read as
    text beside the table's first piece) whose recogniser split its figure in two cells ("| 2 | 4 |"
    for 24): the row is printed, its figure not placed. Its problem says so (F-cell-count, a cell
    too many), never that the report lacks the row (F-missing-row, 表二缺少…行); no value is taken."""
    values = values_of("2021", 996)
    text = ocr_markdown_in_pieces(values, "青石县人民政府", 2025)
    label = tpl.get("2021").proactive_row(key).label
    figure = str(values["proactive"][key]["decisions"])
    row = f"| {label} | {figure} |"
    assert text.count(row) == 1 and len(figure) > 1
    report = parse(text.replace(row, f"| {label} | {figure[0]} | {figure[1:]} |"), "data/report.md")
    assert report["proactive"][key] == {"decisions": None}
    found = [(p["rule"], p["where"], p["message"]) for p in report["problems"] if p.get("row") == key]
    assert [(rule, where) for rule, where, _ in found] == [("F-cell-count", f"二 · {label}")]
    assert "多出一个单元格" in found[0][2] and "缺少" not in found[0][2]
    assert ff.wrong_cells(values, report) == []


@pytest.mark.parametrize("label", ["", " "], ids=["label-cell-gone", "label-cell-empty"])
def test_ocr_markdown_row_without_its_label_under_its_heading_is_refused_not_called_blank(label):
    """A piece whose one row lost its label (only the ### heading names it) puts the made-up
    header's words (数据2 … 总计) where the text reader looks for the row's figures: the row is
    refused with a problem naming those words, not reported as printed blank (P-missing-cell)."""
    values = values_of("2021", 993)
    text = ocr_markdown_in_pieces(values, "青石县人民政府", 2025)
    row = "| (一) 予以公开 | "
    assert text.count(row) == 1
    report = parse(text.replace(row, f"|{label}| " if label else "| ", 1), "data/report.md")
    assert all(v is None for v in report["applications"]["3.1"].values())
    found = [(p["rule"], p["message"]) for p in report["problems"] if p.get("row") == "3.1" or "予以公开" in p["where"]]
    assert [rule for rule, _ in found] == ["F-cell-count"] and "数据2" in found[0][1]
    assert {k: v for k, v in report["applications"].items() if k != "3.1"} == \
        {k: v for k, v in values["applications"].items() if k != "3.1"}


def _pipe_report(template_id: str, values: dict, seed: int) -> str:
    year = 2023 if template_id == "2021" else 2019
    return to_pipe_tables(synthetic.render(values, template_id, agency="青石县司法局", year=year, layout="tab", seed=seed))


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_ocr_markdown_row_with_a_figure_split_in_two_cells_is_refused_not_read_shifted(template_id):
    """A pipe row of table 三 whose recogniser split a figure in two cells ("| 6 | 44 |" for 644)
    has a cell more than the table's rows: which one is extra is unknown, so the row is refused,
    never read with each figure a column off; the rows around it are read exactly."""
    values = values_of(template_id, 981)
    apps = values["applications"]
    apps["3.3.2"]["natural_person"] = apps["3.3.2"]["total"] = None
    apps["3.3.3"]["natural_person"] = apps["3.3.3"]["total"] = None
    text = _pipe_report(template_id, values, 981)
    row = next(line for line in text.split("\n") if "| 2.其他法律行政法规禁止公开 |" in line)
    figure = str(apps["3.3.2"]["commercial_enterprise"])
    assert row.startswith("|  |  | 2.其他法律行政法规禁止公开 |  | ") and len(figure) > 1
    split = row.replace(f"| {figure} |", f"| {figure[0]} | {figure[1:]} |", 1)
    report = parse(text.replace(row, split), "data/report.md")
    assert ff.wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"]["3.3.2"].values())
    assert [p["rule"] for p in report["problems"] if p.get("row") == "3.3.2"] == ["F-cell-count"]
    assert {k: v for k, v in report["applications"].items() if k != "3.3.2"} == \
        {k: v for k, v in apps.items() if k != "3.3.2"}


def test_ocr_markdown_row_with_a_cell_too_many_teaches_no_layout_to_the_rows_of_its_kind():
    """A pipe row of table 三 where the recogniser wrote a pipe twice ("|  ||", an empty cell too
    many), its first cell blank: its figures fill seven columns after an empty cell, as a row
    padded after its label does. Taken as the layout of the rows of its kind ((二) and (六) of the
    2019 template), it moved (六), whose first and last cells are blank, a column to the left.
    The row with a cell too many is refused, and every other row read as without the extra pipe."""
    values = values_of("2019", 981)
    apps = values["applications"]
    apps["3.2"]["natural_person"] = apps["3.2"]["research_institution"] = None
    apps["3.6"]["natural_person"] = apps["3.6"]["total"] = None
    text = _pipe_report("2019", values, 981)
    row = next(line for line in text.split("\n") if "| (二) 部分公开" in line)
    figure = apps["3.2"]["commercial_enterprise"]
    assert row.startswith("|  | (二) 部分公开") and f"| {figure} |  |" in row
    report = parse(text.replace(row, row.replace(f"| {figure} |  |", f"| {figure} |  ||", 1)), "data/report.md")
    assert ff.wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"]["3.2"].values())
    as_printed = parse(text, "data/report.md")["applications"]
    assert {k: v for k, v in report["applications"].items() if k != "3.2"} == \
        {k: v for k, v in as_printed.items() if k != "3.2"}
    assert [p["rule"] for p in report["problems"] if p.get("row") == "3.2"] == ["F-cell-count"]


def _table_three_as_stacked_small_tables(template_id: str, values: dict, rows: dict[str, list]) -> str:
    """The pipe report with table 三 as an OCR converter wrote a real city report (2025): each row
    a small pipe table of its own (the row, then its rule line), one right under the other with
    no line between, a label and seven figures each (8 cells, as the header of words above them).
    `rows` gives a row other cells (a list of cells), or several rows one piece (a list of rows,
    given for each of their keys: the row, then the piece's one rule line)."""
    t = tpl.get(template_id)
    text = _pipe_report(template_id, values, 981)
    head, rest = text.split("\n\n| (本列数据的勾稽关系", 1)
    pieces = [[["(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", *(c.label for c in t.app_columns)]]]
    for row in t.app_rows:
        given = rows.get(row.key) if row.key else None
        if not row.key or (given and isinstance(given[0], list) and given is pieces[-1]):
            continue  # a heading row, or a row of the piece just written
        pieces.append(given if given and isinstance(given[0], list) else
                      [given or [row.label, *_figures(template_id, values, row.key)]])
    lines = [line for piece in pieces
             for line in ["| " + " | ".join(piece[0]) + " |", "|" + "---|" * len(piece[0]),
                          *("| " + " | ".join(cells) + " |" for cells in piece[1:])]]
    return head + "\n\n" + "\n".join(lines) + rest[rest.index("\n\n"):]


def _figures(template_id: str, values: dict, key: str) -> list[str]:
    return [ff.figure(values["applications"][key][c.key]) for c in tpl.get(template_id).app_columns]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_ocr_markdown_small_tables_one_under_another_hold_each_row_to_its_own_piece(template_id):
    """Small pipe tables written one right under the other (each row, then its rule line): most
    are a label and seven figures (8 cells), but the piece of (五) 2–4 has 9, as printed where
    its group label stands in a cell of its own before the item's ("(五) 不" / "予处理"), its
    first row a blank cell after its figures instead. Held to the width of most rows (8), its
    rows were refused as having a cell too many; held to their own piece's width, which three
    rows agree on, they are read, and every other row as before."""
    values = values_of(template_id, 981)
    label = {r.key: r.label for r in tpl.get(template_id).app_rows if r.key}
    piece = [[label["3.5.2"], *_figures(template_id, values, "3.5.2"), ""],
             ["(五) 不", label["3.5.3"], *_figures(template_id, values, "3.5.3")],
             ["予处理", label["3.5.4"], *_figures(template_id, values, "3.5.4")]]
    text = _table_three_as_stacked_small_tables(template_id, values, {"3.5.2": piece, "3.5.3": piece, "3.5.4": piece})
    assert f"| 予处理 | {label['3.5.4']} |" in text and text.split("\n").count("|" + "---|" * 9) == 1
    report = parse(text, "data/report.md")
    assert ff.wrong_cells(values, report) == []
    assert report["applications"] == values["applications"]
    assert [p for p in report["problems"] if p.get("table") == "三"] == []


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_ocr_markdown_small_table_of_one_row_with_a_split_figure_beside_a_blank_cell_is_still_refused(template_id):
    """A row alone in its small table, among tables of 8 cells, with 9: its first figure split in
    two cells ("| 6 | 44 |" for 644) and its last cell blank, so that seven figures stand after
    its label. Its own rule line says 9, but a row alone tells no width: it is held to the width
    of most rows, and refused, never read with its figures a column off."""
    values = values_of(template_id, 981)
    label = {r.key: r.label for r in tpl.get(template_id).app_rows if r.key}
    figures = _figures(template_id, values, "3.5.2")
    assert len(figures[0]) > 1
    mangled = [label["3.5.2"], figures[0][0], figures[0][1:], *figures[1:6], ""]
    text = _table_three_as_stacked_small_tables(template_id, values, {"3.5.2": mangled})
    report = parse(text, "data/report.md")
    assert ff.wrong_cells(values, report) == []
    assert all(v is None for v in report["applications"]["3.5.2"].values())
    assert [p["rule"] for p in report["problems"] if p.get("row") == "3.5.2"] == ["F-cell-count"]
    assert {k: v for k, v in report["applications"].items() if k != "3.5.2"} == \
        {k: v for k, v in values["applications"].items() if k != "3.5.2"}


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_ocr_markdown_table_four_row_with_a_figure_split_in_two_cells_is_refused(template_id):
    """Table 四's row of fifteen figures, its last cell blank, with one figure split in two cells
    ("| 9 | 52 |" for 952): sixteen cells under fifteen columns, the last empty. Not read with the
    figures after the split a column to the right: the row is refused."""
    values = values_of(template_id, 982)
    values["review_litigation"]["litigation_after_review"]["total"] = None
    text = _pipe_report(template_id, values, 982)
    flat = [values["review_litigation"][g][c.key] for g, _ in tpl.get(template_id).review_groups
            for c in tpl.get(template_id).review_columns]
    cells = ["" if v is None else str(v) for v in flat]
    row = "| " + " | ".join(cells) + " |"
    assert text.count(row) == 1
    at = next(i for i, v in enumerate(flat) if i > 0 and v is not None and v > 9)
    cells[at:at + 1] = [cells[at][0], cells[at][1:]]
    report = parse(text.replace(row, "| " + " | ".join(cells) + " |"), "data/report.md")
    assert ff.wrong_cells(values, report) == []
    assert all(v is None for row in report["review_litigation"].values() for v in row.values())
    assert any(p["rule"] == "F-cell-count" and p.get("table") == "四" for p in report["problems"])
    assert report["applications"] == values["applications"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_ocr_markdown_header_cell_split_in_two_places_no_figure_under_the_words_after_it(template_id):
    """A pipe table whose recogniser split a header cell in two ("| 本年 | 制发件数 |"): the header
    has words past the cells of the rows under it, so which column each word heads is unknown.
    Read under those words, a row whose first figure is blank gave its figures to the columns on
    their left; the rows are read by their own cells instead, as in text."""
    values = values_of(template_id, 983)
    values["proactive"]["regulations"][tpl.get(template_id).proactive[0].columns[0].key] = None
    text = to_pipe_tables(text_report(template_id, values, head=["青石县人民政府办公室2023年政府信息公开工作年度报告"], year=2023))
    header = next(line for line in text.split("\n") if line.startswith("| 信息内容 | "))
    word = header.split(" | ")[1]
    split = header.replace(f"| {word} |", f"| {word[:2]} | {word[2:]} |", 1)
    report = parse(text.replace(header, split, 1), "data/report.md")
    assert ff.wrong_cells(values, report) == []
    assert_tables(report, values)


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_ocr_markdown_table_cut_by_a_page_footer_keeps_the_columns_of_each_piece_as_written(template_id):
    """Table 三 as pipe rows with merged labels written once (一、 and 二、 with an empty cell after
    the label), cut by a page footer before (一)予以公开. In the first piece that empty column holds
    no text: left out, it showed no padding after the label for rows of that kind, and 四、结转下年度
    继续办理, its first and last cells blank, was read a column to the left. Each piece is given to
    the text reader with its columns as written: the table reads as if it were not cut."""
    values = values_of(template_id, 984)
    apps = values["applications"]
    apps["4"]["natural_person"] = apps["4"]["total"] = None
    text = _pipe_report(template_id, values, 984)
    row = next(line for line in text.split("\n") if "| (一) 予以公开 |" in line)
    assert text.split("\n")[text.split("\n").index(row) - 1].startswith("| 二、上年结转")
    report = parse(text.replace(row, "\n- 3 -\n\n" + row, 1), "data/report.md")
    assert ff.wrong_cells(values, report) == []
    assert report["applications"] == parse(text, "data/report.md")["applications"]


def _with_stray_pipe(text: str, row_words: str, where: str) -> tuple[str, str]:
    """The text with the pipe table row holding `row_words` written with its first (`where` =
    "start") or last pipe twice, as a recogniser may: "|| …" or "… ||"; and that row."""
    row = next(line for line in text.split("\n") if row_words in line and line.startswith("|"))
    return text.replace(row, "|" + row if where == "start" else row + "|", 1), row


@pytest.mark.parametrize("where", ["start", "end"])
@pytest.mark.parametrize("row_words", ["| 2.其他法律行政法规禁止公开 |", "| 行政许可 |", "四、结转下年度继续办理"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_ocr_markdown_row_with_its_first_or_last_pipe_written_twice_is_read_without_the_stray_cell(
        template_id, row_words, where):
    """A pipe row written "|| 行政许可 | 5 |  |" or "… | 5 |  ||" has an empty cell more than the
    table's rows. In a table that writes every blank cell with a space between its pipes ("|  |"),
    nothing between two pipes at the row's very start or end is no cell but a pipe written twice:
    the row is read as without it, exactly, not refused as a row with a figure split in two."""
    values = values_of(template_id, 983)
    text = _pipe_report(template_id, values, 983)
    as_printed = parse(text, "data/report.md")
    stray, _ = _with_stray_pipe(text, row_words, where)
    report = parse(stray, "data/report.md")
    for table in ("proactive", "applications", "review_litigation"):
        assert report[table] == as_printed[table]
    assert ff.wrong_cells(values, report) == []
    assert not [p for p in report["problems"] if p["rule"] == "F-cell-count"]


def _blank_cells_as_doubled_pipes(text: str, first_only: bool) -> str:
    """Pipe rows with their blank cells (`first_only`: a blank first cell only) written "||"."""
    return "\n".join(("||" + line[4:] if line.startswith("|  |") else line) if first_only else
                     line.replace("|  |", "||").replace("|  |", "||") for line in text.split("\n"))


@pytest.mark.parametrize("where, first_only", [("start", False), ("end", False), ("start", True)])
def test_ocr_markdown_row_with_a_cell_too_many_beside_a_blank_cell_written_as_a_doubled_pipe_is_still_refused(
        where, first_only):
    """A table that writes its blank cells (or only blank first cells) as nothing between two
    pipes ("| 526 ||", "||  |  | 结果维持 …"): table 四's row with a cell too many and an empty
    cell at its start or end may as well hold a figure split in two beside its blank first or
    last cell ("|| … | 5 | 26 |" for 526), so it is still refused, not read a column off."""
    values = values_of("2021", 984)
    review = values["review_litigation"]
    t = tpl.get("2021")
    groups = [g for g, _ in t.review_groups]
    blank, split_at = (0, -1) if where == "start" else (-1, 0)
    review[groups[blank]][t.review_columns[blank].key] = None
    cells = ["" if (v := review[g][c.key]) is None else str(v) for g in groups for c in t.review_columns]
    text = _blank_cells_as_doubled_pipes(_pipe_report("2021", values, 984), first_only)
    row = ("|| " + " | ".join(cells[1:]) + " |") if where == "start" else ("| " + " | ".join(cells[:-1]) + " ||")
    assert text.count(row) == 1 and len(cells[split_at]) > 1
    figure = cells[split_at]
    split = row.replace(f" {figure} |", f" {figure[0]} | {figure[1:]} |", 1) if where == "end" else \
        row[::-1].replace(f"| {figure} "[::-1], f"| {figure[0]} | {figure[1:]} "[::-1], 1)[::-1]
    assert split.count("|") == row.count("|") + 1
    report = parse(text.replace(row, split), "data/report.md")
    assert ff.wrong_cells(values, report) == []
    assert all(v is None for group in report["review_litigation"].values() for v in group.values())
    assert any(p["rule"] == "F-cell-count" and p.get("table") == "四" for p in report["problems"])
    assert report["applications"] == values["applications"]



def test_agency_only_in_the_page_title_element():
    """Seen in a city-style page (the report in div#zoom, its title only in <title>)."""
    values = values_of("2021", 998)
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>青石市2025年政府信息公开工作年度报告</title></head>'
            f'<body><div id="zoom" class="article-content">{body_html("2021", values, year=2025)}</div></body></html>')
    report = parse(page)
    assert (report["agency"], report["year"]) == ("青石市", 2025)
    assert_tables(report, values)


@pytest.mark.parametrize("first, second", [
    ("2025 年青石市人民政府办公厅政府信息公开", "工作年度报告"),
    ("2024 年青石市科学技术委员会政府信息公开工作", "年度报告"),
], ids=["wrap-before-gongzuo", "wrap-before-niandu"])
def test_year_first_title_wrapped_inside_its_name_in_pdf_text(first, second):
    """Seen in two real PDF reports of a provincial city's offices, converted to text: the
    title line wraps inside 政府信息公开工作年度报告, under a stray 正文 line."""
    values = values_of("2021", 997)
    text = text_report("2021", values, head=["正文", first, second], year=None)
    report = parse(text, "data/report.txt")
    assert (report["agency"], report["year"]) == (first.split("年", 1)[1].split("政府信息公开")[0].strip(), int(first[:4]))


def test_page_stamps_and_the_title_repeated_in_pieces_stay_out_of_the_opening():
    """The page's 时间：… stamp is the publication date, not report text; a body that prints the
    title again in two pieces under the page's own title does not start its opening with them."""
    values = values_of("2021", 947)
    body = body_html("2021", values, year=2023, title_lines=["青石县审计局2023年", "政府信息公开工作年度报告"],
                     opening_text="根据条例规定，现公布本局2023年度政府信息公开工作年度报告。")
    report = parse(trs_fragment(body, title="青石县审计局2023年度政府信息公开工作年度报告", time="2024-01-26 15:40"))
    assert (report["agency"], report["year"], report["published"]) == ("青石县审计局", 2023, "2024-01-26")
    assert report["opening"].startswith("根据条例规定")
    assert "时间" not in report["opening"] and "15:40" not in report["opening"]
    assert_tables(report, values)


def test_page_field_written_with_compatibility_forms_is_still_read():
    # Kangxi radical ⽇ (U+2F47) for 日, as text extracted from some PDFs has it: NFKC makes 发布日期 of it.
    from build_scripts import page_meta

    assert page_meta.read(["发布⽇期：2024-03-08"]) == {"published": "2024-03-08", "published_label": "发布日期"}
    assert page_meta.read(["来源：青石县人民政府"]) == {}


def test_every_character_whose_nfkc_makes_a_field_label_is_looked_at():
    # page_meta.read skips NFKC for texts with no label and none of these characters: that is
    # only safe while every character that folds into a label character or a colon is one of them.
    import sys
    import unicodedata

    from build_scripts import page_meta, template as tpl

    wanted = set("".join(label for labels in tpl.META_LABELS.values() for label in labels)) | {":", "："}
    missed = [hex(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF
              and chr(cp) not in wanted and set(unicodedata.normalize("NFKC", chr(cp))) & wanted
              and not page_meta._FOLDS_TO_LABEL.match(chr(cp))]
    assert missed == []


def cms_table(rows, figure_text) -> str:
    """A table as a CMS's own table editor writes it, not Word: header rows in <thead> of <th>,
    row labels in <th scope="row">, span attributes with stray spaces and semicolons, a caption,
    the whole inside an outer layout table."""
    head, body = [], []
    for row in rows:
        (body if body or any(parse_number(text) is not None for text, _, _ in row) else head).append(row)

    def tr(row, in_head: bool) -> str:
        out = []
        for text, colspan, rowspan in row:
            attrs = (f' colspan=" {colspan};"' if colspan > 1 else "") + (f' rowspan="{rowspan} "' if rowspan > 1 else "")
            if in_head:
                out.append(f'<th scope="col"{attrs}>{html.escape(text)}</th>')
            elif parse_number(text) is not None:
                out.append(f"<td{attrs}>{figure_text(text)}</td>")
            else:
                out.append(f'<th scope="row"{attrs}>{html.escape(text)}</th>')
        return "<tr>" + "".join(out) + "</tr>"

    return ('<table class="layout" width="100%"><tr><td><table class="data-table"><caption>统计表</caption>'
            "<thead>" + "".join(tr(r, True) for r in head) + "</thead><tbody>"
            + "".join(tr(r, False) for r in body) + "</tbody></table></td></tr></table>")


@pytest.mark.parametrize("figure_text", [
    lambda t: t,
    lambda t: t.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),  # full-width digits
    lambda t: f"\u200b{t}&nbsp;<br>",  # a zero-width space before, padding and a line break after
], ids=["plain", "full-width", "invisible-and-br"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_tables_written_by_a_cms_table_editor_with_header_cells_are_read_exactly(template_id, figure_text):
    values = values_of(template_id, 940)
    year = 2023 if template_id == "2021" else 2020
    rows = table_rows(template_id, values)
    body = body_html(template_id, values, year=year,
                     tables={number: cms_table(rows[number], figure_text) for number in ("二", "三", "四")})
    report = parse(trs_fragment(body, title=f"青石县统计局{year}年政府信息公开工作年度报告"))
    assert "<th" in body and "<thead>" in body
    assert_tables(report, values)
    assert [r for r in rules(report) if r[0].startswith(("F-cell", "F-missing"))] == []


# -- reports printed in traditional characters ---------------------------------------------------

@pytest.mark.parametrize("table", ["s2t", "s2twp"], ids=["character-by-character", "with-taiwan-words"])
@pytest.mark.parametrize("form", ["page", "tab-text"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_report_printed_in_traditional_characters_is_read_as_simplified(template_id, form, table):
    # A site's 繁體 version of its page, made character by character (信息 stays) or with
    # Taiwan's words as well (資訊 for 信息, 檔案 for 文件, 專案 for 项目).
    from opencc import OpenCC

    year = 2023 if template_id == "2021" else 2020
    values = values_of(template_id, 970)
    title = f"青石县农业农村局{year}年政府信息公开工作年度报告"
    if form == "page":
        simplified = trs_fragment(body_html(template_id, values, year=year), title=title)
    else:
        simplified = synthetic.render(values, template_id, agency="青石县农业农村局", year=year, layout="tab", seed=970)
    traditional = OpenCC(table).convert(simplified)
    assert "公開" in traditional and "報告" in traditional
    report = parse(traditional, "data/report.html" if form == "page" else "data/report.txt")
    assert (report["agency"], report["year"], report["template"]) == ("青石县农业农村局", year, template_id)
    assert_tables(report, values)
    assert [r for r in rules(report) if r[0] == "F-script"] == [("F-script", "全文")]
    assert not [r for r in rules(report) if r[0].startswith(("F-cell", "F-missing", "F-not"))]
    assert "政府信息公开" in report["opening"] and "開" not in report["opening"]
    # The same report in simplified characters is read as it is, without the problem.
    assert "F-script" not in {r[0] for r in rules(parse(simplified, "data/report.txt"))}


def test_a_cited_notice_about_the_reports_names_no_agency():
    # No title line; the opening cites the province's notice, whose name holds 年度报告 but goes
    # on: its issuer (湖北省人民政府办公厅) is no agency of this report.
    values = values_of("2019", 971)
    opening_text = ("根据市政务服务和大数据管理局转发的《湖北省人民政府办公厅关于做好2020年政府信息公开年度报告"
                    "编制和发布工作的通知》有关要求，现将我局2020年度政府信息公开情况报告如下。")
    report = parse(trs_fragment(body_html("2019", values, year=None, opening_text=opening_text), title=None, time=None))
    assert report["agency"] is None
    assert ("F-metadata", "标题") in rules(report)
    assert_tables(report, values)
    # Where the citation is the report's own name, it still gives the agency.
    cited = "现发布《青石县交通运输局2020年政府信息公开工作年度报告》。本报告中所列数据统计期限自2020年1月1日起至2020年12月31日止。"
    report = parse(trs_fragment(body_html("2019", values, year=None, opening_text=cited), title=None, time=None))
    assert (report["agency"], report["year"]) == ("青石县交通运输局", 2020)


# -- part headings printed with other numbers ------------------------------------------------------
# 上海's departments (市科委 2024, 市政府办公厅 2025) number their own prose parts 一…六, then the
# template's parts again from 一; other reports insert a part of their own and print 六 as 七.

OWN_PARTS = ("总体情况", "工作机制保障", "主动公开工作情况", "政府信息公开申请情况", "政府信息管理", "政府信息公开平台建设")


def renumbered_report(values: dict, printed: dict[str, str], own: tuple = ()) -> str:
    """A text capture whose parts 二… stand under the numbers `printed` gives (a part not in it is
    not printed), after part 一's own numbered prose parts `own`."""
    from build_scripts.grid import Grid

    rows = table_rows("2021", values)
    lines = ["青石县科学技术局2023年政府信息公开工作年度报告", opening("2021", 2023), f"一、{tpl.PART_TITLES['一']}"]
    for number, title in zip(tpl.PART_NUMBERS, own):
        lines += [f"{number}、{title}", PROSE["一"]] if number != "一" else [PROSE["一"]]
    if not own:
        lines.append(PROSE["一"])
    for part, number in printed.items():
        lines.append(f"{number}、{tpl.PART_TITLES[part]}")
        lines.append(PROSE[part] if part in PROSE else Grid.from_spans(rows[part]).text())
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("printed,own", [
    ({"二": "一", "三": "二", "四": "三", "五": "四", "六": "五"}, OWN_PARTS),
    ({"二": "二", "三": "三", "四": "四", "五": "五", "六": "七"}, ()),
], ids=["numbered-again-after-own-parts", "more-than-six-parts"])
def test_part_printed_with_another_number_is_found_by_its_title(printed, own):
    values = values_of("2021", 990)
    report = parse(renumbered_report(values, printed, own), "data/report.txt")
    assert [(s["number"], s["title"]) for s in report["sections"]] == list(tpl.PART_TITLES.items())
    assert report["sections"][5]["text"] == PROSE["六"]
    assert_tables(report, values)
    assert rules(report) == []


def test_part_printed_with_another_number_but_absent_is_still_missing():
    values = values_of("2021", 991)
    report = parse(renumbered_report(values, {"二": "一", "三": "二", "四": "三", "六": "五"}, OWN_PARTS),
                   "data/report.txt")
    assert [s["number"] for s in report["sections"]] == ["一", "二", "三", "四", "六"]
    assert_tables(report, values)
    assert rules(report) == [("F-missing-part", "第五部分")]


def test_part_title_printed_twice_with_other_numbers_is_not_taken_for_the_part():
    values = values_of("2021", 992)
    text = renumbered_report(values, {"二": "一", "三": "二", "四": "三", "五": "四", "六": "五"}, OWN_PARTS)
    text = text.replace("五、其他需要报告的事项\n", "五、其他需要报告的事项\n三、其他需要报告的事项\n")
    report = parse(text, "data/report.txt")
    assert [s["number"] for s in report["sections"]] == ["一", "二", "三", "四", "五"]
    assert ("F-missing-part", "第六部分") in rules(report)


# -- a page without a title line -----------------------------------------------------------------
# 新华街道 2019 (北京通州) prints no title: part 一 opens with "2019年,新华街道办事处高度重视…".

def untitled_report(values: dict, part_one: str) -> str:
    text = text_report("2019", values, head=["依据《中华人民共和国政府信息公开条例》第五十条规定,制作本报告。"])
    return text.replace(PROSE["一"], part_one, 1)


def test_year_opening_part_one_of_an_untitled_report_is_its_year():
    values = values_of("2019", 994)
    report = parse(untitled_report(values, "2019年,青石街道办事处高度重视政府信息公开工作。"), "data/page.txt")
    assert (report["agency"], report["year"], report["template"]) == (None, 2019, "2019")
    assert_tables(report, values)


@pytest.mark.parametrize("part_one", ["2019年5月15日,新修订的《条例》正式施行,青石街道办事处认真贯彻落实。",
                                      "2019年以来,青石街道办事处高度重视政府信息公开工作。",
                                      "青石街道办事处2019年高度重视政府信息公开工作。"],
                         ids=["a-date", "a-span", "not-first"])
def test_year_in_part_one_other_than_its_opening_year_is_not_the_reports_year(part_one):
    values = values_of("2019", 995)
    report = parse(untitled_report(values, part_one), "data/page.txt")
    assert (report["agency"], report["year"]) == (None, None)
    assert ("F-metadata", "标题") in rules(report)


def with_regulations_cells(rows: list, issued: str, repealed: str) -> list:
    """Table 二's rows with the 规章 row's first two figure cells printed as given."""
    out = []
    for row in rows:
        if row and row[0][0] == "规章":
            row = [row[0], (issued, *row[1][1:]), (repealed, *row[2][1:]), *row[3:]]
        out.append(row)
    return out


@pytest.mark.parametrize("form", ["html", "text"])
def test_figure_with_a_bracketed_note_in_its_cell_is_the_figure_and_the_notes_digits_are_no_cells(form):
    # A 上海 report prints 规章 “22（其中修订16件）” and “55（含自然失效29件）”: the cell's figure is
    # the one before the note; a bracket without a note's words (“22（16）”) says nothing certain.
    values = values_of("2021", 993)
    regs = values["proactive"]["regulations"]
    rows = table_rows("2021", values)
    rows["二"] = with_regulations_cells(rows["二"], f"{regs['issued']}（其中修订{regs['issued'] + 1001}件）",
                                        f"{regs['repealed']} (含自然失效 {regs['repealed'] + 1002} 件)")
    if form == "html":
        report = parse(trs_fragment(body_html("2021", values, year=2023, tables={"二": html_table(rows["二"])}),
                                    title="青石县司法局2023年政府信息公开工作年度报告"))
    else:
        report = parse(text_report("2021", values, head=["青石县司法局2023年政府信息公开工作年度报告"], year=2023,
                                   rows=rows), "data/report.txt")
    assert_tables(report, values)
    assert rules(report) == []

    rows["二"] = with_regulations_cells(rows["二"], f"{regs['issued']}（{regs['issued'] + 1001}）", str(regs["repealed"]))
    report = parse(text_report("2021", values, head=["青石县司法局2023年政府信息公开工作年度报告"], year=2023,
                               rows=rows), "data/report.txt")
    assert report["proactive"]["regulations"]["issued"] is None
    assert ("F-bad-number", "二 · 规章 · 本年制发件数") in rules(report)


@pytest.mark.parametrize("layout", ["spaced", "pdf"])
def test_figure_with_a_bracketed_note_in_text_from_a_pdf_is_the_figure_and_a_wrapped_note_is_refused(layout):
    # The same cells as a PDF's text writes them: the note beside its figure, or wrapped to the
    # next line of the cell, where its figures stand among the row's and nothing is read.
    text, values = synthetic.make_report("2021", 994, layout=layout)
    regs = values["proactive"]["regulations"]
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.replace(" ", "").startswith("规章"))
    notes = (f"（其中修订 {regs['issued'] + 1001} 件）", f"（含自然失效 {regs['repealed'] + 1002} 件）")
    lines[at] = f"规章 {regs['issued']}{notes[0]} {regs['repealed']} {notes[1]} {regs['in_force']}"
    report = parse("\n".join(lines), "data/report.txt")
    assert_tables(report, values)
    lines[at] = (f"规章 {regs['issued']}（其中修订 {regs['repealed']}（含自然失效 {regs['in_force']}\n"
                 f"{regs['issued'] + 1001} 件） {regs['repealed'] + 1002} 件）")
    report = parse("\n".join(lines), "data/report.txt")
    assert report["proactive"]["regulations"] == {"issued": None, "repealed": None, "in_force": None}
    assert {k: v for k, v in report["proactive"].items() if k != "regulations"} == \
        {k: v for k, v in values["proactive"].items() if k != "regulations"}


@pytest.mark.parametrize("header, why", [
    # Headers cut to their first words (four real pages print "本年新 | 本年新"): neither names its column.
    (("本年新", "本年新"), "表头中找不到「本年新制作数量」一栏"),
    # A header printed twice: which of the two is the column's is unknown.
    (("本年新制作数量", "本年新制作数量"), "表头中有 2 栏都像「本年新制作数量」（本年新制作数量、本年新制作数量）"),
])
def test_a_table_two_row_under_headers_that_do_not_name_its_columns_says_which_column(header, why):
    text, values = synthetic.make_report("2019", 31, layout="tab")
    text = text.replace("本年新制作数量\t本年新公开数量", "\t".join(header), 1)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    unread = [p for p in report["problems"] if p["rule"] == "F-cell-count" and p["table"] == "二"]
    assert [p["row"] for p in unread] == ["regulations", "normative_documents"]
    for p in unread:
        assert f"：{why}，无法确定各数值所在的列，不予采用" in p["message"]
        assert report["proactive"][p["row"]] == {c: None for c in values["proactive"][p["row"]]}
    assert {k: v for k, v in report["proactive"].items() if k not in ("regulations", "normative_documents")} == \
        {k: v for k, v in values["proactive"].items() if k not in ("regulations", "normative_documents")}
