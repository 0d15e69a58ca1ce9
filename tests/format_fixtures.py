"""One report, built as the files agencies publish: Word (.docx), PDF and a saved web page.

A `Report` is read from report text in the tab layout (a seed, or synthetic.render) together with
the table values it holds; the writers lay the same report out as a .docx with the official
table's merged cells, a multi-page PDF with ruled tables that run on to the next page, running
headers and page numbers, and a government-site page with navigation chrome around the report
and rowspan/colspan tables. Broken files (a truncated .docx, garbage after %PDF-, an encrypted
PDF, a scanned PDF, an old binary .doc) are here too. tests/test_formats.py and
benchmarks/format_benchmark.py use these builders.
"""
from __future__ import annotations

import html as html_escape
import io
import random
import re
import struct
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts import synthetic, template as tpl
from build_scripts.parsing import parse_text
from build_scripts.parts import split_parts

# A subset of Noto Sans CJK shipped with the tests (fixtures/fonts/make_fixture_font.py): no system font.
FONT = str(Path(__file__).parent / "fixtures" / "fonts" / "FixtureSansCJK.ttf")
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
TAB_SEEDS = ("000_2cbe264bf5f3dc79", "001_467beb583403089d", "002_feb633cd83bcaa70", "003_3d6f9c5b0d566f35")
PDF_SEED = "004_61af8c38068e4b3e"
TABLES = ("proactive", "applications", "review_litigation")


def cells(values: dict):
    """(table, row, column, value) of every cell of a report's tables."""
    for table in TABLES:
        for row, cols in values[table].items():
            for col, value in cols.items():
                yield table, row, col, value

_TITLE = re.compile(r"\d{4}\s*年度?\s*政府信息公开(?:工作)?\s*年\s*度\s*报\s*告")


# -- the report, format-neutral ------------------------------------------------------------------

@dataclass
class Part:
    number: str
    title: str
    items: list = field(default_factory=list)  # paragraph text (str) or the table marker TABLE


TABLE = object()


@dataclass
class Report:
    template_id: str
    values: dict
    agency: str
    year: int
    title_lines: list[str]
    opening: list[str]
    parts: list[Part]
    text: str  # the tab-layout text the report was read from (the .txt file)

    @property
    def title(self) -> str:
        return "".join(self.title_lines)


# -- text a PDF converter or an OCR service wrote: pipe rows in a report's text ------------------

def with_tables(values: dict, template_id: str, blocks: dict[str, list[str]], *, agency: str, year: int,
                seed: int) -> str:
    """The report's text (tab layout) with the tables of the parts in `blocks` replaced by those lines."""
    lines = synthetic.render(values, template_id, agency=agency, year=year, layout="tab", seed=seed).split("\n")
    for number, block in blocks.items():
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{number}、") and "\t" not in line)
        first = next(i for i in range(start + 1, len(lines)) if "\t" in lines[i])
        last = first
        while last + 1 < len(lines) and "\t" in lines[last + 1]:
            last += 1
        lines[first:last + 1] = block
    return "\n".join(lines)


def pipe(cells_: list) -> str:
    return "| " + " | ".join("" if c is None else str(c) for c in cells_) + " |"


def rule(n: int) -> str:
    return "|" + "---|" * n


def figures(values: dict, row: str, template_id: str) -> list:
    return [values["applications"][row][c.key] for c in tpl.get(template_id).app_columns]


def item_label(template_id: str, key: str) -> str:
    """The row's own label as printed in its cell ("1.属于国家秘密", "(一) 予以公开")."""
    return next(r.label for r in tpl.get(template_id).app_rows if r.key == key)


def with_random_cells(values: dict, rng, choice_lists: list[list], share: float | None = None) -> dict:
    """`values` with the cells of each row drawn from one of `choice_lists` (None: printed blank);
    `share`: the share of cells drawn anew (every cell by default)."""
    for table in TABLES:
        for row in values[table].values():
            choices = rng.choice(choice_lists)
            for column in row:
                if share is None or rng.random() < share:
                    row[column] = rng.choice(choices)
    return values


def wrong_cells(values: dict, report: dict) -> list:
    """Cells read with a value other than the one printed (a blank cell read as a figure too)."""
    return [(table, row, column, value, report[table][row][column])
            for table, row, column, value in cells(values)
            if report[table][row][column] is not None and report[table][row][column] != value]


def assert_exact_except(values: dict, report: dict, unsure_rows=()) -> None:
    """Every cell exact, except that each row of table 三 in `unsure_rows` is either exact or
    left empty whole with a problem naming it."""
    assert wrong_cells(values, report) == []
    reported = {p.get("row") for p in report["problems"] if p.get("table") == "三"}
    for row in unsure_rows:
        got = report["applications"][row]
        assert got == values["applications"][row] or (all(v is None for v in got.values()) and row in reported), row
    for table, row, column, value in cells(values):
        if not (table == "applications" and row in unsure_rows):
            assert report[table][row][column] == value, (table, row, column)


def report_from_text(text: str, values: dict | None = None) -> Report:
    """The structure of a tab-layout report text. `values` default to what the parser reads."""
    parsed = parse_text(text, "fixture.txt")
    if values is None:
        values = {t: parsed[t] for t in TABLES}
    lines = text.split("\n")
    head, regions = split_parts(lines)
    nonempty = [line.strip() for line in head if line.strip()]
    at = next(i for i, line in enumerate(nonempty) if _TITLE.search(line))
    title_lines, opening = nonempty[: at + 1], nonempty[at + 1:]
    parts = []
    for region in regions:
        part = Part(region.number, region.title)
        for line in region.lines:
            if region.number in tpl.TABLE_PARTS and "\t" in line:
                if TABLE not in part.items:
                    part.items.append(TABLE)
            elif line.strip():
                part.items.append(line.strip())
        if region.number in tpl.TABLE_PARTS and TABLE not in part.items:
            part.items.insert(0, TABLE)
        parts.append(part)
    return Report(parsed["template"], values, parsed["agency"], parsed["year"], title_lines, opening, parts, text)


def seed_report(name: str) -> Report:
    return report_from_text((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))


def synthetic_report(template_id: str, seed: int, **render_kw) -> Report:
    text, values = synthetic.make_report(template_id, seed, layout="tab", **render_kw)
    return report_from_text(text, values)


# -- the official tables, with their merged cells ------------------------------------------------
# A table is a list of rows of (text, colspan, rowspan), as HTML writes it.

NOTE_3 = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
REVIEW_HEAD = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def figure(value, kind: str = "count") -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.2f}"
        if float(text) != value:
            text = repr(value)
    else:
        text = str(value)
    return "+" + text if kind == "signed" and value > 0 else text


def _filled(texts: list[str], width: int) -> list[tuple[str, int, int]]:
    cells = [(t, 1, 1) for t in texts]
    text, _, _ = cells[-1]
    cells[-1] = (text, width - len(texts) + 1, 1)
    return cells


def proactive_table(t: tpl.Template, values: dict) -> list[list[tuple[str, int, int]]]:
    width = 1 + max(len(r.columns) for r in t.proactive)
    rows, groups = [], []
    for row in t.proactive:
        labels = tuple(c.label for c in row.columns)
        if groups and groups[-1][0] == row.article and groups[-1][1] == labels:
            groups[-1][2].append(row)
        else:
            groups.append((row.article, labels, [row]))
    for article, labels, members in groups:
        rows.append([(article, width, 1)])
        rows.append(_filled(["信息内容", *labels], width))
        for row in members:
            rows.append(_filled([row.label] + [figure(values[row.key][c.key], c.kind) for c in row.columns], width))
    return rows


def applications_table(t: tpl.Template, values: dict) -> list[list[tuple[str, int, int]]]:
    cols = t.app_columns
    rows = [[(NOTE_3, 3, 3), ("申请人情况", 7, 1)],
            [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
            [(c.label, 1, 1) for c in cols[1:6]]]
    outcome_rows = sum(1 for r in t.data_rows if r.key.startswith("3."))
    app_rows = list(t.app_rows)
    pending = []
    for i, row in enumerate(app_rows):
        if row.key is None:
            if row.level == 0:
                pending.append((row.label, 1, outcome_rows))
            else:
                subs = 0
                for later in app_rows[i + 1:]:
                    if later.level < 2:
                        break
                    subs += 1
                pending.append((row.label, 1, subs))
            continue
        label_span = {0: 3, 1: 2}.get(row.level, 1)
        cells = [(figure(values[row.key][c.key]), 1, 1) for c in cols]
        rows.append(pending + [(row.label, label_span, 1)] + cells)
        pending = []
    return rows


def review_table(t: tpl.Template, values: dict) -> list[list[tuple[str, int, int]]]:
    return [[("行政复议", 5, 1), ("行政诉讼", 10, 1)],
            [(h, 1, 2) for h in REVIEW_HEAD] + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
            [(h, 1, 1) for h in REVIEW_HEAD * 2],
            [(figure(values[g][c.key]), 1, 1) for g, _ in t.review_groups for c in t.review_columns]]


def opening(template_id: str, year: int) -> str:
    """A report's opening paragraph naming its template's notice and its statistics period."""
    return ("本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于"
            f"政府信息公开工作年度报告有关事项的通知》（{tpl.NOTICES[template_id]}）要求编制。"
            f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")


def table_rows(template_id: str, values: dict) -> dict[str, list]:
    """Tables 二, 三, 四 as rows of (text, colspan, rowspan), the official layout."""
    t = tpl.get(template_id)
    return {"二": proactive_table(t, values["proactive"]),
            "三": applications_table(t, values["applications"]),
            "四": review_table(t, values["review_litigation"])}


# Table 三's header as a PDF text extractor in layout mode prints it.
PDF_TABLE_THREE_HEADER = ["申请人情况", "自然人  法人或其他组织  总计",
                          "商业企业  科研机构  社会公益组织  法律服务机构  其他"]


def pdf_text_with_table_three(values: dict, template_id: str, agency: str, year: int, table: list[str]) -> str:
    """A report as PDF text (synthetic's "pdf" layout) whose table 三 is printed as `table`."""
    lines = synthetic.render(values, template_id, agency=agency, year=year, layout="pdf").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("三、收到"))
    end = next(i for i, line in enumerate(lines) if line.strip().startswith("四、") and "复议" in line)
    lines[start + 1:end] = table
    return "\n".join(lines)


def at_places(pieces: list[tuple[int, str]]) -> str:
    """A line of layout text with each (place, text) written from that character on, as pypdf's
    layout mode sets a page's words where they stand across it (a character for each, whatever
    its width)."""
    line = ""
    for place, text in sorted(pieces):
        assert place > len(line) or not line, (place, text, line)
        line = line.ljust(place) + text
    return line


def pypdf_layout_header_three(places: list[int]) -> list[str]:
    """Table 三's header as pypdf's layout mode writes a Word table's: each column's words from
    the left end of its cell's text (`places`, the seven columns' in order), a cell's lines stacked
    (自然 / 人, 商业 / 企业, 社会 / 公益 / 组织), 申请人情况 over 自然人 and 法人或其他组织 over 商业企业,
    the label column's note at the left."""
    p = places
    return [at_places([(p[0], "申请人情况")]),
            at_places([(0, "（本列数据的勾稽关系为：第一项"), (p[1], "法人或其他组织")]),
            at_places([(0, "加第二项之和，等于第三项加第四"), (p[0], "自然")]),
            at_places([(0, "项之和）"), (p[0], "人"), (p[1], "商业"), (p[2], "科研"), (p[3], "社会"), (p[4], "法律"),
                       (p[6], "总计")]),
            at_places([(p[1], "企业"), (p[2], "机构"), (p[3], "公益"), (p[4], "服务"), (p[5], "其他")]),
            at_places([(p[3], "组织"), (p[4], "机构")])]


_FOOTER = re.compile(r"^\s*-\s*\d+\s*-\s*$")


def with_footers(text: str, footers: dict[str, int]) -> str:
    """PDF text with its page footers ("- 3 -") taken out, and "- N -" put on a line of its own
    right before the first line starting with each key of `footers` ({"三、收到": 1}: page 1 ends
    there, as a footer printed last on each page; the pages as pypdf joins them, no form feed)."""
    lines = [line for line in text.split("\n") if not _FOOTER.match(line)]
    for start, number in footers.items():
        at = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[at:at] = ["", f"                        - {number} -", ""]
    return "\n".join(lines)


def table_of(report: Report, number: str):
    t = tpl.get(report.template_id)
    key = tpl.TABLE_PARTS[number]
    builder = {"proactive": proactive_table, "applications": applications_table,
               "review_litigation": review_table}[key]
    return builder(t, report.values[key])


# -- page-to-text tools: a row's own cells joined by pipes (build_scripts/formats/pipe_text.py) ---

def trafilatura_txt(rows) -> list[str]:
    """A table as trafilatura 1.x writes it in text output: a row's own cells joined by " | ",
    then padding pipes up to the widest row (none after the last row)."""
    width = max(len(row) for row in rows)
    out = []
    for i, row in enumerate(rows):
        line = " | ".join(text for text, _, _ in row) + " |"
        pad = width - len(row)
        if pad and i < len(rows) - 1:
            line += " " + "|" * pad
        out.append(line)
    return out


def trafilatura_txt_paragraph_cells(rows) -> list[str]:
    """The same writer where every cell's text starts with a paragraph: a line "|" opens the row,
    each cell stands on a line of its own ending in " |", the padding pipes on a line after it."""
    width = max(len(row) for row in rows)
    out = []
    for i, row in enumerate(rows):
        out.append("|")
        out += [f"{text} |" for text, _, _ in row]
        pad = width - len(row)
        if pad and i < len(rows) - 1:
            out.append("|" * pad)
    return out


def trafilatura_txt_outer_pipes(rows) -> list[str]:
    """A crawler's page text of the same kind with a pipe also before each row: "| " and a row's
    own cells joined by " | ", then padding pipes with no space between them up to the widest
    row ("| 行政许可 | 976 | ||")."""
    width = max(len(row) for row in rows)
    return ["| " + " | ".join(text for text, _, _ in row) + " | " + "|" * (width - len(row)) for row in rows]


def trafilatura_txt_paragraph_cells_padded_on_the_last(rows, extra: int = 0) -> list[str]:
    """Cells on lines of their own after a line "|", as trafilatura_txt_paragraph_cells, but the
    padding after the row's last cell on the same line ("0 | |"); `extra` pads every row by that
    many more (a page whose table has an empty column beyond the widest row)."""
    width = max(len(row) for row in rows) + extra
    out = []
    for row in rows:
        cells = [f"{text} |" for text, _, _ in row]
        pad = width - len(row)
        if pad:
            cells[-1] += " " + "|" * pad
        out += ["|", *cells]
    return out


def trafilatura_txt_cell_lines_padded_after(rows, extra: int = 0) -> list[str]:
    """Cells on lines of their own with no line "|" opening a row: only the padding, on a line
    after the row ("|" for a padding of one), ends it; a row as wide as the widest has none and
    runs on into the next. A cell with no text is left out. `extra` pads every row by that many
    more (a page whose table has an empty column beyond the widest row)."""
    width = max(len(row) for row in rows) + extra
    out = []
    for row in rows:
        cells = [text for text, _, _ in row if text]
        out += [f"{text} |" for text in cells]
        if width > len(cells):
            out.append("|" * (width - len(cells)))
    return out


def cells_ended_by_pipe_lines(rows) -> list[str]:
    """A crawler's text of a page whose cells end in a paragraph: each cell's text on lines of its
    own (商业企业 as 商业 / 企业), then a line "|"; a blank cell is the line "|" alone."""
    split = {"商业企业": ["商业", "企业"], "科研机构": ["科研", "机构"]}
    return [line for row in rows for text, _, _ in row for line in [*split.get(text, [text] if text else []), "|"]]


def cells_ended_by_a_pipe(rows) -> list[str]:
    """The same crawler's text where a cell's pipe ends its last line ("规章 |", "0 |"), no row
    padded; a blank cell is a line "|" alone."""
    return [f"{text} |" if text else "|" for row in rows for text, _, _ in row]


def html2text_markdown(rows) -> list[str]:
    """A table as html2text writes it: a row's own cells joined by " | " without outer pipes, a
    rule line after the first row, two trailing spaces."""
    out = [" | ".join(text for text, _, _ in row) + "  " for row in rows]
    out.insert(1, "|".join(["---"] * len(rows[0])) + "  ")
    return out


def html2text_2025(rows) -> list[str]:
    """A table as html2text 2025.4 writes a page's (the 2019 report of 上海市人民政府办公厅): a row's
    own cells joined by "| " with no space before the pipe, a blank cell (&nbsp;) as a space, two
    trailing spaces, the rule "---|---" after the first row; no row padded, so a row whose last
    cells are blank ends in "|  " ("3.补正后申请内容仍不明确| 25|  |  |  |  |  |    ")."""
    out = ["| ".join(text or " " for text, _, _ in row) + "  " for row in rows]
    out.insert(1, "|".join(["---"] * len(rows[0])) + "  ")
    return out


def own_cells_laid_out(rows) -> list[str]:
    """A table as inscriptis writes a page's: each row's own cells (a merged cell once, in the row
    where it starts) in successive columns as wide as their longest text and two spaces, whatever
    the cell spans: a row under a merged label has its label where the others' first figure stands,
    its figures a column on."""
    own = [[text for text, _, _ in row] for row in rows]
    widths = [max(len(r[c]) for r in own if c < len(r)) + 2 for c in range(max(map(len, own)))]
    return ["".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in own]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def w3m_box(rows) -> list[str]:
    """A table as a text browser dump draws it: every position of the grid in a box, merged
    cells written once (the positions they cover left empty), rule lines between rows."""
    grid = expected_grid(rows)
    widths = [max(display_width(r[c]) for r in grid) + 1 for c in range(len(grid[0]))]

    def rule(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * w for w in widths) + right

    out = [rule("┌", "┬", "┐")]
    for i, row in enumerate(grid):
        out.append("│" + "│".join(text + " " * (w - display_width(text)) for text, w in zip(row, widths)) + "│")
        out.append(rule("├", "┼", "┤") if i < len(grid) - 1 else rule("└", "┴", "┘"))
    return out


def placed(rows) -> list[tuple[int, int, int, int, str]]:
    """(row, column, rowspan, colspan, text) of every cell of a span table, in the grid."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for text, colspan, rowspan in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, rowspan, colspan, text))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
    return out


def expected_grid(rows) -> list[list[str]]:
    """The tab rows a reader should produce for a span table: merged cells once, covered empty."""
    cells = placed(rows)
    n_rows = max(r + rs for r, _, rs, _, _ in cells)
    n_cols = max(c + cs for _, c, _, cs, _ in cells)
    grid = [[""] * n_cols for _ in range(n_rows)]
    for r, c, _, _, text in cells:
        grid[r][c] = text
    return grid


# -- Word ----------------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def to_docx(report: Report, *, numbered_headings: bool = False, framed: bool = False) -> bytes:
    """The report as Word writes it: centred title, indented paragraphs with some bold runs, the
    statistics tables with their merged cells (gridSpan/vMerge), a header and a page-number
    footer, a page break. numbered_headings: the part headings carry Word's automatic
    Chinese numbering ("一、" drawn from numbering.xml, not typed). framed: the whole report sits
    in the single cell of a frame table, as some agencies lay out their pages."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import parse_xml
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{report.agency}政府信息公开工作年度报告"
    _page_field(section.footer.paragraphs[0])
    num_id = _chinese_numbering(document, parse_xml) if numbered_headings else None
    body = document.add_table(rows=1, cols=1).cell(0, 0) if framed else document

    for line in report.title_lines:
        p = body.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = True
        run.font.size = Pt(18)
    for text in report.opening:
        _docx_paragraph(body, text, Pt)
    for part in report.parts:
        if part.number == "五":
            body.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        heading = body.add_paragraph()
        if num_id:
            ppr = heading._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
            heading.add_run(part.title).bold = True
        else:
            heading.add_run(f"{part.number}、{part.title}").bold = True
        sub = 1
        for item in part.items:
            if item is TABLE:
                _docx_table(body, table_of(report, part.number))
                continue
            typed = re.match(r"（([一二三四五六七八九])）", item)
            if num_id and typed and typed.group(1) == "一二三四五六七八九"[sub - 1]:
                # "（一）" drawn by Word's second numbering level, not typed
                p = _docx_paragraph(body, item[typed.end():], Pt)
                p._p.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="1"/><w:numId w:val="{num_id}"/></w:numPr>'))
                sub += 1
            else:
                _docx_paragraph(body, item, Pt)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_paragraph(body, text: str, Pt):
    p = body.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(24)
    # A run boundary inside the text (Word splits runs at every change of formatting).
    cut = min(len(text), 6 + len(text) % 5)
    p.add_run(text[:cut]).bold = text.startswith(("（", "("))
    if cut < len(text):
        p.add_run(text[cut:])
    return p


def _docx_table(body, rows) -> None:
    cells = placed(rows)
    n_rows = max(r + rs for r, _, rs, _, _ in cells)
    n_cols = max(c + cs for _, c, _, cs, _ in cells)
    table = body.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    grid = [row.cells for row in table.rows]  # before any merge; merged regions never overlap
    for r, c, rowspan, colspan, text in cells:
        cell = grid[r][c]
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(grid[r + rowspan - 1][c + colspan - 1])
        cell.text = text


def _page_field(paragraph) -> None:
    from docx.oxml import parse_xml

    paragraph.add_run("- ")
    for xml in (f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r xmlns:w="{_W}"><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r xmlns:w="{_W}"><w:t>1</w:t></w:r>',
                f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))
    paragraph.add_run(" -")


def _chinese_numbering(document, parse_xml) -> str:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        f'<w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
        f'<w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
    first_num = numbering.find(f"{{{_W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


# -- PDF -----------------------------------------------------------------------------------------

_TABLE_WIDTHS = {"二": [40, 43.33, 43.33, 43.34], "三": [14, 16, 49] + [13] * 7, "四": [170 / 15] * 15}
_HEAD_ROWS = {"二": 0, "三": 3, "四": 0}


def _pdf(agency_header: str | None):
    from fpdf import FPDF

    class Printed(FPDF):
        def header(self):
            if agency_header:
                self.set_font("cjk", size=8)
                self.set_y(9)
                self.cell(0, 5, agency_header, align="C")
            self.set_xy(self.l_margin, self.t_margin)

        def footer(self):
            self.set_y(-14)
            self.set_font("cjk", size=9)
            self.cell(0, 6, f"- {self.page_no()} -", align="C")

    pdf = Printed(format="A4")
    pdf.add_font("cjk", fname=FONT)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=22)
    return pdf


def to_pdf(report: Report, *, repeat_headings: bool = True, table_two_apart: str | None = None,
           widths: dict[str, list[float]] | None = None, rules: str = "boxes",
           three_break_before: str | None = None, three_rule_left_out: int | None = None,
           three_rules_above_left_out: tuple[tuple[str, int], ...] = ()) -> bytes:
    """The report printed to PDF: a running header and "- N -" page numbers on every page, ruled
    tables with merged cells, table 三 running over a page break (its header rows repeated on
    the next page when repeat_headings). table_two_apart: table 二 printed as one small table
    per article of 第二十条 (each ruled with its own columns), the one for that article
    (第二十条第（八）项) at the top of a new page. widths: columns' widths (mm) by table, for
    those printed otherwise than _TABLE_WIDTHS (a narrow label column, its labels wrapped). rules:
    "boxes", every cell ruled; "rows", only the rules between rows (no column rules).
    three_break_before: table 三 continues on the next page from the row with this label (its
    first page then may hold no row ruled on every column rule). three_rule_left_out: the rule
    left of this column of table 三 (index in _TABLE_WIDTHS) is not drawn on the pages it
    continues on. three_rules_above_left_out: (row label, column) of table 三 whose rule above is
    not drawn (that cell and the one above it look merged down)."""
    widths = {**_TABLE_WIDTHS, **(widths or {})}
    pdf = _pdf(f"{report.agency}政府信息公开工作年度报告")
    pdf.add_page()
    pdf.set_font("cjk", size=15)
    for line in report.title_lines:
        pdf.multi_cell(0, 9, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for text in report.opening:
        _pdf_paragraph(pdf, text)
    for part in report.parts:
        if part.number == "三":
            _to_middle_of_a_page(pdf)
        pdf.set_font("cjk", size=12)
        pdf.multi_cell(0, 8, f"{part.number}、{part.title}", new_x="LMARGIN", new_y="NEXT")
        for item in part.items:
            if item is TABLE and part.number == "二" and table_two_apart:
                _table_two_apart(pdf, table_of(report, part.number), table_two_apart)
            elif item is TABLE:
                rows = table_of(report, part.number)
                three = part.number == "三"
                draw_table(pdf, rows, widths[part.number],
                           head_rows=_HEAD_ROWS[part.number] if repeat_headings else 0, rules=rules,
                           break_before=_row_labelled(rows, three_break_before) if three and three_break_before else None,
                           rule_left_out=three_rule_left_out if three else None,
                           rules_above_left_out={(_row_labelled(rows, label), c)
                                                 for label, c in three_rules_above_left_out} if three else set())
            else:
                _pdf_paragraph(pdf, item)
    return bytes(pdf.output())


def _row_labelled(rows, label: str) -> int:
    return next(i for i, row in enumerate(rows) if any(text == label for text, _, _ in row))


def _table_two_apart(pdf, rows, new_page_at: str) -> None:
    pieces: list[list] = []
    for row in rows:
        if len(row) == 1:  # an article's heading row starts its own table
            pieces.append([])
        pieces[-1].append(row)
    for piece in pieces:
        if piece[0][0][0] == new_page_at:
            pdf.add_page()
        # As wide as the others, the last cell of a row spanning what the article lacks: no
        # rule there, so the piece has fewer columns than the one before.
        draw_table(pdf, piece, _TABLE_WIDTHS["二"])
        pdf.ln(4)


def _to_middle_of_a_page(pdf) -> None:
    # Part 三 starts half-way down a page, so that its table must run on to the next one.
    if pdf.get_y() > pdf.h / 2 + 20:
        pdf.add_page()
    if pdf.get_y() < pdf.h / 2:
        pdf.ln(pdf.h / 2 - pdf.get_y())


def _pdf_paragraph(pdf, text: str) -> None:
    from fpdf.enums import WrapMode

    pdf.set_font("cjk", size=11)
    pdf.multi_cell(0, 6.5, "\u3000\u3000" + text, align="L", wrapmode=WrapMode.CHAR,
                   new_x="LMARGIN", new_y="NEXT")


def draw_table(pdf, rows, widths, *, head_rows: int = 0, size: float = 8.5, line_h: float = 4.2,
               pad: float = 1.2, rules: str = "boxes", break_before: int | None = None,
               rule_left_out: int | None = None, rules_above_left_out: set[tuple[int, int]] = frozenset()) -> None:
    """A ruled table drawn cell by cell, as a word processor prints one: merged cells are one box;
    a table too long for the page continues on the next one (a box merged across the break is
    drawn on both pages, its text on the first) with the first `head_rows` rows repeated.
    break_before: the row that starts the next page, whatever the room left. rule_left_out: the
    rule left of this column is not drawn on the pages the table continues on.
    rules_above_left_out: (row, column) of the cells whose rule above is not drawn."""
    from fpdf.enums import WrapMode

    cells = placed(rows)
    n_rows = max(r + rs for r, _, rs, _, _ in cells)
    x_at = [pdf.l_margin + sum(widths[:i]) for i in range(len(widths) + 1)]
    pdf.set_font("cjk", size=size)

    def lines(text: str, width: float) -> int:
        if not text:
            return 1
        return len(pdf.multi_cell(width - 2 * pad, line_h, text, dry_run=True, output="LINES",
                                  wrapmode=WrapMode.CHAR))

    heights = [0.0] * n_rows
    for r, c, rs, cs, text in cells:
        if rs == 1:
            heights[r] = max(heights[r], lines(text, x_at[c + cs] - x_at[c]) * line_h + 2 * pad)
    for r, c, rs, cs, text in cells:
        need = lines(text, x_at[c + cs] - x_at[c]) * line_h + 2 * pad
        have = sum(heights[r:r + rs])
        if need > have:
            heights[r + rs - 1] += need - have
    # Rows onto pages: (page index, y) of every row.
    bottom = pdf.h - pdf.b_margin
    head_h = sum(heights[:head_rows])
    # A merged cell starts on a page with room for its text (its text is drawn there only).
    text_h = [0.0] * n_rows
    for r, c, rs, cs, text in cells:
        text_h[r] = max(text_h[r], lines(text, x_at[c + cs] - x_at[c]) * line_h + 2 * pad)
    where: list[tuple[int, float]] = []
    page, y = 0, pdf.get_y()
    # The header rows stay with the first row of figures (a short table stays whole).
    keep = min(n_rows, head_rows + 1 if head_rows else 4)
    if y + sum(max(h, t) for h, t in zip(heights[:keep], text_h[:keep])) > bottom:
        pdf.add_page()
        pdf.set_font("cjk", size=size)
        y = pdf.get_y()
    for r in range(n_rows):
        if (y + max(heights[r], text_h[r]) > bottom and r >= keep) or r == break_before:
            page += 1
            y = pdf.t_margin + (head_h if head_rows and r >= head_rows else 0)
        where.append((page, y))
        y += heights[r]
    auto, margin = pdf.auto_page_break, pdf.b_margin
    pdf.set_auto_page_break(False, margin=margin)
    first_page = pdf.page

    def draw(r, c, rs, cs, text, page_no, top, with_text=True):
        pdf.page = first_page + page_no
        box_rows = [i for i in range(r, r + rs) if where[i][0] == page_no]
        h = sum(heights[i] for i in box_rows)
        if page_no and rule_left_out is not None and rule_left_out in (c, c + cs):
            left, right = x_at[c], x_at[c + cs]
            pdf.line(left, top, right, top)
            pdf.line(left, top + h, right, top + h)
            for x in {left, right} - {x_at[rule_left_out]}:
                pdf.line(x, top, x, top + h)
        elif rules_above_left_out and rs == 1 and cs == 1 and rules == "boxes":
            left, right = x_at[c], x_at[c + 1]
            pdf.line(left, top, left, top + h)
            pdf.line(right, top, right, top + h)
            if (r, c) not in rules_above_left_out:
                pdf.line(left, top, right, top)
            if (r + 1, c) not in rules_above_left_out:
                pdf.line(left, top + h, right, top + h)
        else:
            _rule(pdf, x_at[c], top, x_at[c + cs] - x_at[c], h, rules)
        if with_text and text:
            pdf.set_xy(x_at[c] + pad, top + pad)
            pdf.multi_cell(x_at[c + cs] - x_at[c] - 2 * pad, line_h, text, align="C", wrapmode=WrapMode.CHAR)

    for _ in range(page):
        pdf.add_page()
        pdf.set_font("cjk", size=size)
    for r, c, rs, cs, text in cells:
        pages = sorted({where[i][0] for i in range(r, r + rs)})
        for n, page_no in enumerate(pages):
            top = where[r][1] if n == 0 else min(where[i][1] for i in range(r, r + rs) if where[i][0] == page_no)
            draw(r, c, rs, cs, text, page_no, top, with_text=n == 0)
    if head_rows:  # the header rows again at the top of every continuation page
        tops = [pdf.t_margin + sum(heights[:i]) for i in range(head_rows)]
        for page_no in range(1, page + 1):
            pdf.page = first_page + page_no
            for r, c, rs, cs, text in cells:
                if r < head_rows:
                    _rule(pdf, x_at[c], tops[r], x_at[c + cs] - x_at[c], sum(heights[r:r + rs]), rules)
                    pdf.set_xy(x_at[c] + pad, tops[r] + pad)
                    pdf.multi_cell(x_at[c + cs] - x_at[c] - 2 * pad, line_h, text, align="C",
                                   wrapmode=WrapMode.CHAR)
    pdf.page = first_page + page
    pdf.set_xy(pdf.l_margin, where[-1][1] + heights[-1] + 3)
    pdf.set_auto_page_break(auto, margin=margin)


def _rule(pdf, x: float, y: float, w: float, h: float, rules: str) -> None:
    """A cell's rules: its box, or ("rows") its top and bottom only."""
    if rules == "rows":
        pdf.line(x, y, x + w, y)
        pdf.line(x, y + h, x + w, y + h)
    else:
        pdf.rect(x, y, w, h)


def lines_to_pdf(text: str, *, lines_per_page: int = 40) -> bytes:
    """Each non-blank line of `text` printed as one line of a PDF, no rules (an unruled table
    comes out as words separated by spaces, as in seed 004), with "- N -" page numbers; the
    page-number lines of the text itself are left out, the PDF prints its own."""
    from build_scripts.textnorm import PAGE_NUMBER_LINE

    pdf = _pdf(None)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("cjk", size=10.5)
    printed = 0
    for line in text.split("\n"):
        if not line.strip() or PAGE_NUMBER_LINE.match(line):
            continue
        if printed == lines_per_page:
            pdf.add_page()
            pdf.set_font("cjk", size=10.5)
            printed = 0
        # Runs of spaces are gaps between cells: print each piece at its own position.
        x = pdf.l_margin + (4 if line.startswith(" ") else 0)
        for piece in re.split(r"( +)", line.strip()):
            if piece.strip():
                pdf.set_xy(x, pdf.t_margin + printed * 6)
                pdf.cell(pdf.get_string_width(piece), 6, piece)
                x += pdf.get_string_width(piece)
            else:
                x += 2.5 * len(piece)
        printed += 1
    return bytes(pdf.output())


# -- the web page --------------------------------------------------------------------------------

def to_html(report: Report, *, encoding: str = "utf-8", declare: bool = True, title_in_body: bool = True) -> bytes:
    """The report as a government website serves it: header, search form, menus, breadcrumbs, an
    information box (索引号…), "发布时间/来源/浏览次数", share and print bars, related links and a
    footer around the content block; headings in <strong>, &nbsp; indents, text broken over
    source lines, tables with rowspan/colspan. `encoding` as served (e.g. "gbk"); declare: a
    meta charset naming it; title_in_body: the report repeats its title above the opening."""
    e = html_escape.escape
    title = report.title
    rng = random.Random(title)
    body: list[str] = []
    if title_in_body:
        body.append("".join(f'<p style="text-align:center"><strong>{e(line)}</strong></p>' for line in report.title_lines))
    for text in report.opening:
        body.append(_html_paragraph(text, rng))
    for part in report.parts:
        body.append(f'<p style="text-indent:2em"><strong><span style="font-family:黑体">{part.number}、'
                    f'{e(part.title)}</span></strong></p>')
        for item in part.items:
            body.append(_html_table(table_of(report, part.number)) if item is TABLE else _html_paragraph(item, rng))
    charset = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">' if declare else ""
    other = "2023年政府信息公开工作年度报告"
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset}
<title>{e(title)}_政府信息公开年度报告_{e(report.agency)}</title>
<meta name="ArticleTitle" content="{e(title)}">
<link rel="stylesheet" href="/css/style.css">
<style>body{{font-size:14px}} .nav li{{float:left}}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<p>一、总体情况 脚本</p>");</script>
</head>
<body>
<div class="top-bar"><div class="wrap"><span>欢迎访问{e(report.agency)}门户网站</span>
<a href="#">无障碍浏览</a> | <a href="#">长者模式</a> | <a href="#">English</a></div></div>
<div id="header"><div class="logo"><img src="/images/logo.png" alt="门户网站"></div>
<form class="search" action="/search"><input type="text" name="q" value="请输入关键字"><button>搜索</button></form></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/ndbg/">政府信息公开工作年度报告</a></li></ul></div>
<div class="main clearfix">
<div class="left-menu"><h3>政府信息公开</h3><ul>
<li><a href="/xxgkzn/">政府信息公开指南</a></li><li><a href="/xxgkzd/">政府信息公开制度</a></li>
<li><a href="/ndbg/2023.html">{e(report.agency)}{other}</a></li>
<li><a href="/ndbg/">政府信息公开年度报告</a></li></ul></div>
<div class="content-box">
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <span>{e(title)}</span></div>
<table class="xxgk-info" border="0">
<tr><td>索引号：</td><td>640502/{report.year + 1}-00012</td><td>主题分类：</td><td>政务公开</td></tr>
<tr><td>发布机构：</td><td>{e(report.agency)}</td><td>成文日期：</td><td>{report.year + 1}-01-20</td></tr>
<tr><td>名　　称：</td><td colspan="3">{e(title)}</td></tr></table>
<h1 class="article-title">{e(title)}</h1>
<div class="article-info">发布时间：{report.year + 1}-01-20 10:30 &nbsp; 来源：{e(report.agency)} &nbsp;
浏览次数：<span id="count">1024</span> &nbsp;【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor" id="zoom">
<style type="text/css">.TRS_Editor P{{margin-top:5px;font-family:宋体}}</style>
{chr(10).join(body)}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="print-bar">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="related"><h4>相关阅读</h4><ul>
<li><a href="/ndbg/2023.html">{e(report.agency)}{other}</a></li>
<li><a href="/ndbg/2022.html">{e(report.agency)}2022年政府信息公开工作年度报告</a></li></ul></div>
</div></div>
<div class="footer"><p>主办单位：{e(report.agency)} &nbsp; 联系电话：0955-7011234</p>
<p>网站标识码：6405020001 &nbsp; <a href="https://beian.miit.gov.cn/">宁ICP备05001234号</a></p></div>
<script src="/js/count.js"></script>
</body>
</html>
"""
    return page.encode(encoding, errors="xmlcharrefreplace")


def to_html_table_layout(report: Report, *, encoding: str = "gb2312") -> bytes:
    """The report as an older government site serves it: the whole page laid out with nested
    tables (menu column, title cell, content cell), GB2312 declared, <br> between paragraphs,
    the report tables inside the content cell."""
    e = html_escape.escape
    rng = random.Random(report.title + "table")
    content: list[str] = []
    for text in report.opening:
        content.append(_html_paragraph(text, rng))
    for part in report.parts:
        content.append(f"<b>{part.number}、{e(part.title)}</b><br>")
        for item in part.items:
            content.append(_html_table(table_of(report, part.number)) if item is TABLE
                           else "&nbsp;&nbsp;&nbsp;&nbsp;" + e(item) + "<br>")
    menu = "".join(f'<tr><td class="lm"><a href="/c{i}.html">{e(name)}</a></td></tr>'
                   for i, name in enumerate(("机构概况", "政策文件", "政府信息公开年度报告", "政府信息公开指南")))
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{e(report.title)}</title></head>
<body topmargin="0">
<table width="1000" align="center"><tr><td colspan="2"><img src="/images/banner.jpg"></td></tr>
<tr><td width="200" valign="top"><table width="100%">{menu}</table></td>
<td valign="top"><table width="100%">
<tr><td class="dqwz">当前位置：<a href="/">首页</a>&gt;&gt;<a href="/ndbg/">年度报告</a></td></tr>
<tr><td align="center" class="bt"><font size="4"><b>{e(report.title)}</b></font></td></tr>
<tr><td align="center">日期：{report.year + 1}-01-15 &nbsp; 点击数：<span>88</span></td></tr>
<tr><td id="zoom">{"".join(content)}</td></tr>
<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
</table></td></tr>
<tr><td colspan="2" align="center">版权所有：{e(report.agency)} &nbsp; 技术支持：某某科技有限公司</td></tr>
</table></body></html>"""
    return page.encode(encoding if encoding != "gb2312" else "gbk", errors="xmlcharrefreplace")


def _html_paragraph(text: str, rng: random.Random) -> str:
    e = html_escape.escape
    # Source formatting breaks long text over lines (between two CJK characters here, where a
    # browser shows no space).
    cjk = [i for i in range(1, len(text)) if "\u4e00" <= text[i - 1] <= "\u9fff" and "\u4e00" <= text[i] <= "\u9fff"]
    if len(cjk) > 4:
        at = rng.choice(cjk)
        text_html = e(text[:at]) + "\n" + e(text[at:])
    else:
        text_html = e(text)
    return f'<p style="text-indent:2em">&nbsp;&nbsp;<span style="font-size:16px">{text_html}</span></p>'


def _html_table(rows) -> str:
    e = html_escape.escape
    out = ['<div align="center"><table border="1" cellspacing="0" cellpadding="0" width="600"><tbody>']
    for row in rows:
        cells = []
        for text, colspan, rowspan in row:
            attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            cells.append(f'<td{attrs} valign="middle"><p align="center"><span>{e(text)}</span></p></td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


# -- broken and unsupported files ----------------------------------------------------------------

def truncated_docx(report: Report) -> bytes:
    data = to_docx(report)
    return data[: len(data) // 2]


def garbage_pdf() -> bytes:
    rng = random.Random(7)
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(256) for _ in range(6000))


def encrypted_pdf(report: Report) -> bytes:
    """A report PDF that needs a password to open."""
    pdf = _pdf(None)
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    pdf.multi_cell(0, 8, report.title + "\n" + "\n".join(report.opening))
    pdf.set_encryption(owner_password="owner-secret", user_password="open-secret")
    return bytes(pdf.output())


def scanned_pdf(report: Report, *, printed_page_numbers: bool = False) -> bytes:
    """A scan: every page is one image of printed text, with no text layer (printed_page_numbers:
    only the page numbers are text, as some scanners' software adds them)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 28)
    lines = [report.title, *report.opening]
    pdf = _pdf(None) if printed_page_numbers else _bare_pdf()
    for page_no in range(2):
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(lines):
            for j in range(0, len(line), 38):
                draw.text((100, 120 + (i * 4 + j // 38) * 40), line[j:j + 38], font=font, fill=0)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pdf.add_page()
        pdf.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


def _bare_pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    return pdf


def legacy_doc() -> bytes:
    """An old binary Word file: an OLE compound file holding a WordDocument stream."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # FAT sectors
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<iIiI", header, 60, -2, 0, -2, 0)  # no mini FAT, no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<i", header, 76 + 4 * i, -1)
    fat = bytearray(struct.pack("<ii", -3, -2) + b"\xff" * (sector - 8))

    def entry(name: str, kind: int, size: int = 0, child: int = -1) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        out = bytearray(128)
        out[0:len(raw)] = raw
        struct.pack_into("<HBB", out, 64, len(raw), kind, 1)
        struct.pack_into("<iii", out, 68, -1, -1, child)
        struct.pack_into("<iI", out, 116, -2, size)
        return bytes(out)

    directory = entry("Root Entry", 5, child=1) + entry("WordDocument", 2) + entry("1Table", 2) + bytes(128)
    return bytes(header) + bytes(fat) + directory


def split_row_pdf() -> tuple[bytes, list[list[str]]]:
    """A two-page PDF whose ruled table has a row cut in two by the page break (the label's first
    line and the figures on page 1, the rest of the label on page 2), as Word prints a row that
    may break across pages; and the rows a reader should give."""
    pdf = _pdf("某单位政府信息公开工作年度报告")
    pdf.add_page()
    pdf.set_font("cjk", size=10)
    x0, widths, h = 20, (100, 35, 35), 8
    rows = [("1.信访举报投诉类申请", "11", "12"), ("2.重复申请", "13", "14")]
    y = 230.0
    for label, a, b in rows:
        for x, w, text in zip((x0, x0 + 100, x0 + 135), widths, (label, a, b)):
            pdf.rect(x, y, w, h)
            pdf.set_xy(x + 1, y + 1)
            pdf.cell(w - 2, h - 2, text)
        y += h
    top_part, rest = "3.申请人无正当理由逾期不补正、", "行政机关不再处理其政府信息公开申请"
    pdf.set_auto_page_break(False)
    for x, w, text in zip((x0, x0 + 100, x0 + 135), widths, (top_part, "15", "16")):
        pdf.rect(x, y, w, 275 - y)
        pdf.set_xy(x + 1, y + 1)
        pdf.cell(w - 2, h - 2, text)
    pdf.add_page()
    pdf.set_font("cjk", size=10)
    y = 20.0
    for x, w, text in zip((x0, x0 + 100, x0 + 135), widths, (rest, "", "")):
        pdf.rect(x, y, w, h)
        pdf.set_xy(x + 1, y + 1)
        pdf.cell(w - 2, h - 2, text)
    y += h
    for x, w, text in zip((x0, x0 + 100, x0 + 135), widths, ("4.其他", "17", "18")):
        pdf.rect(x, y, w, h)
        pdf.set_xy(x + 1, y + 1)
        pdf.cell(w - 2, h - 2, text)
    expected = [list(rows[0]), list(rows[1]), [top_part + rest, "15", "16"], ["4.其他", "17", "18"]]
    return bytes(pdf.output()), expected
