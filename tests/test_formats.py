"""Reports as agencies publish them: Word (.docx), PDF and saved web pages read into the same
parsed report as the text they were made from; broken and unsupported files are problems that
name the file, and a folder holding them is read to the end."""
from __future__ import annotations

import codecs
import email.generator
import io
import re
import zipfile
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from build_scripts import synthetic
from build_scripts.formats import detect, docx as docx_reader, html as html_reader, pdf as pdf_reader, to_text
from build_scripts.reports import parse_bytes, parse_file, parse_paths

import format_fixtures as ff

TABLES = ff.TABLES
SOURCES = [*ff.TAB_SEEDS, "synthetic-2021-11", "synthetic-2019-12"]
FORMATS = ("docx", "docx-numbered", "pdf", "html", "html-gbk", "html-table-layout")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


_reports: dict = {}
_files: dict = {}


def report_for(source: str) -> ff.Report:
    if source not in _reports:
        if source.startswith("synthetic-"):
            _, template_id, seed = source.split("-")
            _reports[source] = ff.synthetic_report(template_id, int(seed))
        else:
            _reports[source] = ff.seed_report(source)
    return _reports[source]


def file_for(source: str, fmt: str) -> bytes:
    if (source, fmt) not in _files:
        report = report_for(source)
        _files[source, fmt] = {
            "docx": lambda: ff.to_docx(report),
            "docx-numbered": lambda: ff.to_docx(report, numbered_headings=True),
            "pdf": lambda: ff.to_pdf(report),
            "html": lambda: ff.to_html(report),
            "html-gbk": lambda: ff.to_html(report, encoding="gbk"),
            "html-table-layout": lambda: ff.to_html_table_layout(report),
        }[fmt]()
    return _files[source, fmt]


def contract(report: dict) -> dict:
    """What every format must agree on: metadata, every table cell, the parts, the problems."""
    return {
        "agency": report["agency"],
        "year": report["year"],
        "template": report["template"],
        **{t: report.get(t) for t in TABLES},
        "sections": [(s["number"], s["title"], squash(s["text"])) for s in report["sections"]],
        "opening": squash(report.get("opening", "")),
        "problems": sorted((p["rule"], p["where"]) for p in report["problems"]),
        "consistent": report["consistent"],
    }


def table_rows(text: str, first_cell: str) -> list[list[str]]:
    """The tab rows of the table block whose first row starts with `first_cell`."""
    for block in text.split("\n\n"):
        rows = [line.split("\t") for line in block.strip("\n").split("\n")]
        if rows and rows[0][0] == first_cell and all(len(r) > 1 for r in rows):
            return rows
    raise AssertionError(f"no table starting with {first_cell!r}")


# -- the data contract, in every format ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("source", SOURCES)
def test_every_format_yields_the_same_parsed_report_as_the_text(source, fmt):
    report = report_for(source)
    expected = contract(parse_bytes(report.text.encode("utf-8"), f"data/{source}.txt"))
    got = contract(parse_bytes(file_for(source, fmt), f"data/{source}.{fmt}"))
    assert got == expected
    assert len(expected["sections"]) >= 5 and expected["template"] in ("2021", "2019")


@pytest.mark.parametrize("fmt", ("docx", "pdf", "html-gbk"))
@pytest.mark.parametrize("source", ["synthetic-2021-11", "synthetic-2019-12"])
def test_generated_values_are_read_back_cell_for_cell_with_their_types(source, fmt):
    report = report_for(source)
    _, template_id, seed = source.split("-")
    assert report.values == synthetic.make_values(template_id, int(seed))
    parsed = parse_bytes(file_for(source, fmt), f"data/{source}.{fmt}")
    for table in TABLES:
        for row, cols in report.values[table].items():
            for col, value in cols.items():
                assert parsed[table][row][col] == value, (table, row, col)
                assert type(parsed[table][row][col]) is type(value), (table, row, col)
    assert parsed["problems"] == [] and parsed["consistent"] is True


# -- Word ------------------------------------------------------------------------------------------

def test_docx_merged_cells_are_emitted_once_with_the_covered_cells_empty():
    report = report_for("synthetic-2021-11")
    data = file_for("synthetic-2021-11", "docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "w:gridSpan" in xml and 'w:vMerge w:val="restart"' in xml and "<w:vMerge/>" in xml
    text = docx_reader.to_text(data)
    for number, first in (("二", "第二十条第（一）项"), ("三", ff.NOTE_3), ("四", "行政复议")):
        assert table_rows(text, first) == ff.expected_grid(ff.table_of(report, number))


def test_docx_text_left_in_a_covered_cell_is_not_read_as_a_figure():
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    grid = [row.cells for row in table.rows]
    grid[0][0].merge(grid[2][0]).text = "(三) 不予公开"
    grid[0][1].text, grid[0][2].text = "1.属于国家秘密", "5"
    grid[1][1].text, grid[1][2].text = "2.其他法律行政法规禁止公开", "6"
    grid[2][1].text, grid[2][2].text = "3.危及“三安全一稳定”", "7"
    grid[1][0].paragraphs[0].add_run("99")  # stale text in a vMerge="continue" cell
    out = io.BytesIO()
    document.save(out)
    xml = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("word/document.xml").decode("utf-8")
    assert "<w:vMerge/>" in xml and ">99<" in xml
    assert table_rows(docx_reader.to_text(out.getvalue()), "(三) 不予公开") == [
        ["(三) 不予公开", "1.属于国家秘密", "5"], ["", "2.其他法律行政法规禁止公开", "6"], ["", "3.危及“三安全一稳定”", "7"]]


def test_docx_paragraphs_and_tables_come_out_in_document_order():
    text = docx_reader.to_text(file_for("000_2cbe264bf5f3dc79", "docx"))
    order = [text.index(s) for s in ("一、总体情况", "（一）主动公开政府信息情况", "二、主动公开政府信息情况",
                                      "第二十条第（一）项\t", "三、收到和处理", ff.NOTE_3 + "\t", "四、政府信息公开行政复议",
                                      "行政复议\t", "五、政府信息公开工作存在", "六、其他需要报告的事项")]
    assert order == sorted(order)


def test_docx_automatic_heading_numbers_are_written_out():
    data = file_for("001_467beb583403089d", "docx-numbered")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    # the numbers are drawn by Word, not typed
    assert "总体情况" in xml and "一、总体情况" not in xml
    assert "（一）主动公开" not in xml and "（一）存在问题" not in xml
    text = docx_reader.to_text(data)
    lines = text.split("\n")
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项"):
        assert heading in lines
    for sub in ("（一）主动公开政府信息情况", "（四）政务公开平台管理维护情况"):  # part 一's second level
        assert any(line.startswith(sub) for line in lines)
    assert any(line.startswith("（一）") for line in lines[lines.index("五、存在的主要问题及改进情况"):])


def test_docx_report_laid_out_inside_a_frame_table_is_read_like_the_plain_document():
    report = report_for("002_feb633cd83bcaa70")
    framed = ff.to_docx(report, framed=True)
    xml = zipfile.ZipFile(io.BytesIO(framed)).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:tbl>") == 4  # the frame and the three statistics tables inside it
    assert contract(parse_bytes(framed, "data/r.docx")) == contract(parse_bytes(file_for("002_feb633cd83bcaa70", "docx"), "data/r.docx"))


def test_docx_header_footer_and_page_field_are_not_report_text():
    report = report_for("003_3d6f9c5b0d566f35")
    text = docx_reader.to_text(file_for("003_3d6f9c5b0d566f35", "docx"))
    assert f"{report.agency}政府信息公开工作年度报告" not in text
    assert "PAGE" not in text and "- 1 -" not in text


@pytest.mark.parametrize("number,expected", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (105, "一百零五")])
def test_chinese_list_numbers(number, expected):
    assert docx_reader.format_number(number, "chineseCounting") == expected


def test_docx_tracked_deletions_are_left_out_and_insertions_kept():
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    p = document.add_paragraph("本机关 2025 年")
    w = ff._W
    p._p.append(parse_xml(f'<w:del xmlns:w="{w}" w:id="1" w:author="a"><w:r><w:delText>已</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins xmlns:w="{w}" w:id="2" w:author="a"><w:r><w:t>未</w:t></w:r></w:ins>'))
    p.add_run("收取信息处理费。")
    out = io.BytesIO()
    document.save(out)
    assert docx_reader.to_text(out.getvalue()).strip() == "本机关 2025 年未收取信息处理费。"


# -- PDF -------------------------------------------------------------------------------------------

def test_pdf_table_running_on_to_the_next_page_is_read_as_one_table():
    import pdfplumber

    report = report_for("synthetic-2019-12")
    data = file_for("synthetic-2019-12", "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages_with_table_3 = [p.page_number for p in pdf.pages
                              if any("申请人情况" in (c or "") for t in p.extract_tables() for row in t for c in row)]
        footers = [p.extract_text().split("\n")[-1] for p in pdf.pages]
    assert len(pages_with_table_3) == 2  # the header rows are printed again on the second page
    assert footers == [f"- {n} -" for n in range(1, len(footers) + 1)]
    text = pdf_reader.to_text(data)
    assert text.count("申请人情况") == 1
    assert table_rows(text, ff.NOTE_3) == ff.expected_grid(ff.table_of(report, "三"))


def test_pdf_running_header_and_page_numbers_are_dropped():
    report = report_for("000_2cbe264bf5f3dc79")
    text = pdf_reader.to_text(file_for("000_2cbe264bf5f3dc79", "pdf"))
    assert f"{report.agency}政府信息公开工作年度报告" not in text
    assert not re.search(r"^- \d+ -$", text, re.M)


def test_pdf_lines_wrapped_by_the_page_are_joined_into_paragraphs():
    report = report_for("000_2cbe264bf5f3dc79")
    text = pdf_reader.to_text(file_for("000_2cbe264bf5f3dc79", "pdf"))
    paragraphs = [squash(p) for p in text.split("\n\n")]
    for paragraph in report.opening + [i for part in report.parts for i in part.items if i is not ff.TABLE]:
        assert squash(paragraph) in paragraphs
    assert squash(report.title) in paragraphs


def test_pdf_row_cut_in_two_by_a_page_break_is_put_together_again():
    data, expected = ff.split_row_pdf()
    text = pdf_reader.to_text(data)
    rows = table_rows(text, expected[0][0])
    assert [[squash(c) for c in row] for row in rows] == [[squash(c) for c in row] for row in expected]


def test_pdf_tables_across_a_page_break_with_other_columns_stay_apart_and_every_row_is_read():
    # Table 二 printed as one small table per article: (六)'s three figures end a page, (八)'s
    # two start the next, as wide on the page. Read as one table, its rows of unequal length
    # left the grid unread and (六)'s rows, a figure of each blank, to the text reader, which
    # takes no row with a blank cell.
    report = ff.synthetic_report("2019", 7)
    report.values["proactive"]["penalty"]["change"] = None
    report.values["proactive"]["enforcement"]["previous_count"] = None
    data = ff.to_pdf(report, table_two_apart="第二十条第（八）项")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page_of = {row[0]: p.page_number for p in pdf.pages for t in p.extract_tables() for row in t}
    assert page_of["行政强制"] + 1 == page_of["行政事业性收费"]
    assert parse_bytes(data, "data/x.pdf")["proactive"] == report.values["proactive"]


@pytest.mark.parametrize("layout_source", ["seed-004", "synthetic-2021-3", "synthetic-2019-4"])
def test_pdf_without_ruled_tables_reads_like_the_seed_004_extraction(layout_source):
    if layout_source == "seed-004":
        text = (ff.SEEDS / f"{ff.PDF_SEED}.txt").read_text(encoding="utf-8")
    else:
        _, template_id, seed = layout_source.split("-")
        text, _ = synthetic.make_report(template_id, int(seed), layout="pdf")
    data = ff.lines_to_pdf(text)
    assert detect(data) == "pdf"
    expected = contract(parse_bytes(text.encode("utf-8"), "data/x.txt"))
    assert contract(parse_bytes(data, "data/x.pdf")) == expected


# -- web pages -------------------------------------------------------------------------------------

def test_html_rowspan_and_colspan_expand_into_tab_rows_with_covered_cells_empty():
    report = report_for("synthetic-2021-11")
    text = html_reader.to_text(file_for("synthetic-2021-11", "html"))
    for number, first in (("二", "第二十条第（一）项"), ("三", ff.NOTE_3), ("四", "行政复议")):
        assert table_rows(text, first) == ff.expected_grid(ff.table_of(report, number))


@pytest.mark.parametrize("title_in_body", [True, False])
def test_html_site_chrome_is_left_out_and_the_text_starts_at_the_title(title_in_body):
    report = report_for("002_feb633cd83bcaa70")
    page = ff.to_html(report, title_in_body=title_in_body)
    for chrome in ("无障碍浏览", "长者模式", "请输入关键字", "互动交流", "您当前的位置", "索引号", "发布时间", "浏览次数",
                   "QQ空间", "打印本页", "关闭窗口", "相关阅读", "主办单位", "宁ICP备", "脚本",
                   f"{report.agency}2023年政府信息公开工作年度报告"):
        assert chrome in page.decode("utf-8")
        assert chrome not in html_reader.to_text(page)
    text = html_reader.to_text(page)
    assert text.split("\n")[0] == report.title_lines[0]
    assert squash(text.rstrip().split("\n\n")[-1]) == squash(report.parts[-1].items[-1])


@pytest.mark.parametrize("name", ["toolbar", "TOOLBAR", "Article-ToolBar", "工具 TOOLBAR"])
def test_html_chrome_class_names_are_told_in_any_case(name):
    # A bar inside the content block whose words hold nothing of a page's chrome: its class
    # alone tells it, in whatever case the site writes it, ASCII or not.
    page = ff.to_html(report_for("synthetic-2021-11")).decode("utf-8")
    barred = re.sub(r'(<div class="TRS_Editor" id="zoom">.*?</p>)', rf'\1<div class="{name}">字体放大 字体缩小</div>', page,
                    count=1, flags=re.S)
    assert barred.count("字体放大") == 1
    text = html_reader.to_text(barred.encode("utf-8"))
    assert "字体放大" not in text
    assert text == html_reader.to_text(page.encode("utf-8"))


@pytest.mark.parametrize("line", ["分享到 微信 微博", "扫一扫 手机浏览", "【打印】", "来源: 某某局", "关闭窗口 返回顶部",
                                  "打印本页 返回顶部", "索引号：001 主题分类：综合政务"])
def test_html_page_lines_inside_the_content_are_left_out_by_their_words(line):
    # A line of the site's inside the content block, in an element whose class tells nothing:
    # its words alone (each of them with a mark of its own) tell it is no line of the report.
    page = ff.to_html(report_for("synthetic-2021-11")).decode("utf-8")
    lined = re.sub(r'(<div class="TRS_Editor" id="zoom">.*?</p>)', rf'\1<div class="bar">{line}</div>', page,
                   count=1, flags=re.S)
    assert lined.count(line) == 1
    text = html_reader.to_text(lined.encode("utf-8"))
    assert line not in text
    assert text == html_reader.to_text(page.encode("utf-8"))


def test_html_title_in_a_cell_of_its_own_table_starts_the_reading_of_the_report():
    # Older sites print the title in a one-cell table above the content; reading that table as a
    # grid left the title, and so the whole report after it, unread.
    page = ff.to_html(report_for("synthetic-2021-11"), title_in_body=False).decode("utf-8")
    # The page's other copies of the title (breadcrumb, info box) left out: the cell is the only one.
    page = re.sub(r"<span>[^<]*年度报告</span>|<tr><td>名　　称：</td>.*?</tr>", "", page)
    moved = re.sub(r'<h1 class="article-title">(.*?)</h1>', r'<table class="title"><tr><td>\1</td></tr></table>', page)
    assert moved != page
    text = html_reader.to_text(moved.encode("utf-8"))
    assert text.split("\n")[0] == report_for("synthetic-2021-11").title_lines[0]
    assert contract(parse_bytes(moved.encode("utf-8"), "data/r.html")) == contract(parse_bytes(page.encode("utf-8"), "data/r.html"))


def test_html_report_framed_in_a_one_cell_table_keeps_its_paragraphs():
    # A page whose content sits in a one-cell frame table, its statistics tables printed as
    # images: the frame is no grid of one wide cell, which ran the whole report into one line.
    page = file_for("synthetic-2021-11", "html").decode("utf-8")
    framed = re.sub(r'<table border="1".*?</table>', '<p><img src="table.png" alt="统计表"></p>', page, flags=re.S)
    framed = re.sub(r'(<div class="TRS_Editor" id="zoom">)(.*?)(</div>)', r'\1<table width="100%"><tr><td>\2</td></tr></table>\3',
                    framed, count=1, flags=re.S)
    assert framed.count("<table") == 2  # the info box and the frame
    lines = html_reader.to_text(framed.encode("utf-8")).split("\n")
    report = report_for("synthetic-2021-11")
    for number in ("一", "五", "六"):
        assert f"{number}、{next(p.title for p in report.parts if p.number == number)}" in lines
    parsed = parse_bytes(framed.encode("utf-8"), "data/r.html")
    assert (parsed["agency"], parsed["year"]) == (report.agency, report.year)
    assert [s["number"] for s in parsed["sections"]] == ["一", "二", "三", "四", "五", "六"]


def test_html_report_typed_whole_into_one_table_gives_its_title_date_and_figures():
    page = """<html><body><div class="main"><table border="1">
<tr><td colspan="4">某某县统计局2023年政府信息公开工作年度报告</td></tr>
<tr><td colspan="4">发布日期：2024-01-15</td></tr>
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>1</td><td>3</td></tr>
<tr><td>行政规范性文件</td><td>2</td><td></td><td>15</td></tr>
</table></div></body></html>""".encode("utf-8")
    report = parse_bytes(page, "data/r.html")
    assert (report["agency"], report["year"], report["published"]) == ("某某县统计局", 2023, "2024-01-15")
    assert report["proactive"]["regulations"] == {"issued": 0, "repealed": 1, "in_force": 3}
    assert report["proactive"]["normative_documents"] == {"issued": 2, "repealed": None, "in_force": 15}


@pytest.mark.parametrize("encoding,declare,bom", [("gbk", True, False), ("gbk", False, False), ("gb18030", True, False),
                                                  ("utf-8", False, True), ("utf-16", False, False)])
def test_html_encoding_is_found_from_bom_declaration_or_content(encoding, declare, bom):
    report = report_for("001_467beb583403089d")
    page = ff.to_html(report, encoding=encoding, declare=declare)
    if bom:
        page = codecs.BOM_UTF8 + page
    assert detect(page) == "html"
    assert contract(parse_bytes(page, "data/r.html")) == contract(parse_bytes(file_for("001_467beb583403089d", "html"), "data/r.html"))


def test_html_declared_gb2312_that_is_really_utf8_is_still_read():
    page = file_for("001_467beb583403089d", "html").replace(b"charset=utf-8", b"charset=gb2312")
    assert b"charset=gb2312" in page
    assert report_for("001_467beb583403089d").title_lines[0] in html_reader.to_text(page)


def test_web_page_saved_as_a_single_mht_file_is_read_like_the_page():
    page = file_for("003_3d6f9c5b0d566f35", "html-gbk")
    message = MIMEMultipart("related")
    part = MIMEText(page.decode("gbk"), "html", "gbk")
    message.attach(part)
    buffer = io.BytesIO()
    email.generator.BytesGenerator(buffer).flatten(message)
    mht = b"From: <Saved by Blink>\r\n" + buffer.getvalue()
    assert detect(mht) == "mhtml"
    expected = contract(parse_bytes(page, "data/r.html"))
    assert contract(parse_bytes(mht, "data/r.html")) == expected


# -- broken and unsupported files ------------------------------------------------------------------

def _xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("2024年报告.txt", "政府信息公开工作年度报告")
    return out.getvalue()


BROKEN = {
    "truncated.docx": (lambda: ff.truncated_docx(report_for("000_2cbe264bf5f3dc79")), "docx", "损坏"),
    "garbage.pdf": (ff.garbage_pdf, "pdf", "损坏"),
    "half.pdf": (lambda: file_for("000_2cbe264bf5f3dc79", "pdf")[:5000], "pdf", "损坏"),
    "locked.pdf": (lambda: ff.encrypted_pdf(report_for("000_2cbe264bf5f3dc79")), "pdf", "密码"),
    "scan.pdf": (lambda: ff.scanned_pdf(report_for("000_2cbe264bf5f3dc79")), "pdf", "没有文本层（可能是扫描件）"),
    "scan-numbered.pdf": (lambda: ff.scanned_pdf(report_for("000_2cbe264bf5f3dc79"), printed_page_numbers=True),
                          "pdf", "扫描件"),
    "old.doc": (ff.legacy_doc, "doc", ".doc"),
    "table.xlsx": (_xlsx, "docx", "Excel"),
    "bundle.zip": (_zip, "zip", "压缩包"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_or_unsupported_file_is_a_clear_problem_naming_the_file(name):
    make, kind, words = BROKEN[name]
    data = make()
    assert detect(data) == kind
    source = f"data/{name}"
    report = parse_bytes(data, source)
    problems = [p for p in report["problems"] if p["rule"] == "F-not-report"]
    assert len(problems) == 1, report["problems"]
    assert problems[0]["file"] == source and problems[0]["severity"] == "error"
    assert words in problems[0]["message"]
    assert re.search(r"[\u4e00-\u9fff]", problems[0]["message"])
    assert report["template"] is None and report["consistent"] is False


@pytest.mark.parametrize("page", [
    b'<html><head><title>2024\xe5\xb9\xb4\xe6\x8a\xa5\xe5\x91\x8a</title></head><frameset cols="20%,80%"><frame src="m.html"><frame src="c.html"></frameset></html>',
    b'<!DOCTYPE html><html><body><div id="app"></div><script>render("report")</script></body></html>'])
def test_web_page_without_readable_text_says_so(page):
    report = parse_bytes(page, "data/page.html")
    assert [p["rule"] for p in report["problems"]] == ["F-not-report"]
    assert "没有可读的正文" in report["problems"][0]["message"]


def test_password_pdf_reader_says_a_password_is_needed():
    with pytest.raises(ValueError, match="密码"):
        to_text("pdf", ff.encrypted_pdf(report_for("000_2cbe264bf5f3dc79")))


def test_kind_is_told_from_content_not_from_the_name(tmp_path):
    docx_named_txt = tmp_path / "report.txt"
    docx_named_txt.write_bytes(file_for("002_feb633cd83bcaa70", "docx"))
    html_named_pdf = tmp_path / "report.pdf"
    html_named_pdf.write_bytes(file_for("002_feb633cd83bcaa70", "html"))
    expected = contract(parse_bytes(report_for("002_feb633cd83bcaa70").text.encode("utf-8"), "x"))
    assert contract(parse_file(docx_named_txt)) == expected
    assert contract(parse_file(html_named_pdf)) == expected


def test_a_folder_with_every_format_and_broken_files_is_read_to_the_end(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    good = {}
    for source, fmt, name in (("000_2cbe264bf5f3dc79", "docx", "a.docx"), ("001_467beb583403089d", "pdf", "b.pdf"),
                              ("002_feb633cd83bcaa70", "html-gbk", "c.html"), ("synthetic-2021-11", "pdf", "d.pdf")):
        (data / name).write_bytes(file_for(source, fmt))
        good[name] = source
    (data / "e.txt").write_text(report_for("003_3d6f9c5b0d566f35").text, encoding="utf-8")
    good["e.txt"] = "003_3d6f9c5b0d566f35"
    for name, (make, _, _) in BROKEN.items():
        (data / name).write_bytes(make())
    reports = parse_paths([data])
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in reports}
    assert sorted(by_name) == sorted([*good, *BROKEN])
    for name, source in good.items():
        expected = contract(parse_bytes(report_for(source).text.encode("utf-8"), "x"))
        assert contract(by_name[name]) == expected, name
    for name in BROKEN:
        rules = [p["rule"] for p in by_name[name]["problems"]]
        assert rules == ["F-not-report"], (name, by_name[name]["problems"])
        assert name in by_name[name]["problems"][0]["file"]
