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
from build_scripts.textnorm import parse_number

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


def body_html(template_id: str, values: dict, *, year: int | None, title_lines=(), headings=None,
              render=plain, tables: dict | None = None, opening_text: str | None = None) -> str:
    """The article body (what sits in <div class=TRS_Editor>): optional title paragraphs, the
    opening, the six parts with tables 二, 三, 四."""
    headings = {**tpl.PART_TITLES, **(headings or {})}
    rows = table_rows(template_id, values)
    tables = tables or {}
    out = [f'<p class="MsoNormal" align="center"><span>{line}</span></p>' for line in title_lines]
    out.append(f'<p class="MsoNormal"><span>{opening_text if opening_text is not None else opening(template_id, year)}</span></p>')
    for number in tpl.PART_NUMBERS:
        out.append(f'<p class="MsoNormal"><span>{number}、{headings[number]}</span><span></span></p>')
        if number in PROSE:
            out.append(f'<p class="MsoNormal"><span>{PROSE[number]}</span></p>')
        else:
            out.append(tables.get(number) or html_table(rows[number], render))
    return "".join(out)


def trs_fragment(body: str, *, title: str, time: str | None = "2024-01-18 09:12", charset: bool = True) -> str:
    """An article as a TRS site serves it, cut from the page: title block, source and time spans,
    and the body div (class attribute without quotes), no <html> or <body>."""
    return ((f'<meta charset="utf-8">\n' if charset else "")
            + f'<div class="article_title_group">\n  <div class="article_title text_align_center">\n    {title}\n'
            + '  </div>\n</div>\n<span class="article_source">来源：本站</span>\n'
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


def test_fragment_starting_with_a_div_and_no_charset_is_read_as_utf8_html():
    values = values_of("2021", 902)
    body = body_html("2021", values, year=2023, title_lines=["青石县统计局2023年政府信息公开工作年度报告"])
    page = f'<div class="article_content">{body}</div>'
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
    pytest.param("quoted-printable", marks=pytest.mark.xfail(strict=True, reason=(
        "formats.detect counts 20+ HTML tags in the quoted-printable page part before it looks for "
        "MIME-Version/multipart/related, so the .mht is read as one HTML page (MIME headers and "
        "=3D escapes included): F-not-report, agency/year None"))),
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
    body = body_html("2021", values, year=None, opening_text=opening_text, title_lines=["青石县港航局政府信息公开工作年度报告"],
                     render=styled(number=NUMBER_STYLES["split-spans"]))
    report = parse(trs_fragment(body, title="青石县港航局政府信息公开工作年度报告", time=None))
    assert (report["agency"], report["year"]) == ("青石县港航局", 2023)
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
    for i, (text, colspan, rowspan) in enumerate(data):
        if text == "0":
            text = f'<p class="MsoNormal"><span>{padded.pop(0)}</span></p>'
        cells.append((text, colspan, rowspan))
    assert not padded
    rows["四"][-1] = cells
    body = body_html("2021", values, year=2023, tables={"四": html_table(rows["四"])})
    report = parse(trs_fragment(body, title="青石县粮食局2023年政府信息公开工作年度报告"))
    assert report["review_litigation"]["review"]["other"] == 0
    assert report["review_litigation"]["litigation_direct"]["other"] == 0
    assert_tables(report, values)
    assert report["printed"] == {}
    assert rules(report) == []
