"""Markdown as OCR tools and PDF converters write a report: pipe tables, `#` headings.

Such a converter often cuts one printed table into many small pipe tables (at each merged row
heading, such as 第二十条第（五）项 or （三）不予公开, which it turns into a Markdown heading) and
invents headers for them ("数据1 | 数据2 …"), so a piece of a table is often not a grid the grid
reader can name. Each pipe table is kept as a grid, and is also written out as tab-separated
rows, so that the text reader finds every row's cells by their label, exactly as in text pasted
from Word. Heading markers are removed, so that "## 一、总体情况" is a part heading and
"# 某县人民政府2025年…" a title.
"""
from __future__ import annotations

import re

from .. import parts
from ..grid import Grid, written_width
from ..textnorm import is_placeholder, parse_number
from ._layout import Document

_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


_TABLE_START = re.compile(r"^[ \t]*\|.*\|[ \t]*\n[ \t]*\|?[ \t]*:?-{2,}", re.M)
_HEADING_START = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.M)
# A line set in bold as a whole, as converters write a page's <strong> paragraph ("**一、总体情况**",
# markdownify, trafilatura's Markdown): its words, so that a part heading stands at the line's start.
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?=\S)(.+?)(?<=\S)\1\s*$")


def without_bold_lines(text: str) -> str:
    """The text with the bold markers of each line set in bold as a whole removed (Markdown whose
    tables are written without a rule line, as trafilatura writes them, is read as pipe text)."""
    if "**" not in text and "__" not in text:
        return text
    return "\n".join(map(_without_bold, text.split("\n")))


def _without_bold(line: str) -> str:
    return b.group(2) if (b := _BOLD_LINE.match(line)) else line


def is_markdown(text: str) -> bool:
    """A pipe table (a row followed by its rule line), or at least two `#` headings. (Asked of
    every text file: most have neither character, and are let go at once.)"""
    if "|" in text and _TABLE_START.search(text):
        return True
    if "#" not in text:
        return False
    found = _HEADING_START.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


def _written_cells(line: str) -> list[str]:
    """The row's cells as written, spaces kept: "" is nothing between two pipes."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _table_rows(lines: list[str]) -> list[list[str]]:
    """The cells of a pipe table's rows. A row with a cell more than the table's width is long
    (Grid.from_cell_rows: a figure split in two, which cell is extra is unknown), except where
    the extra cell is nothing between a pipe written twice at the row's very start or very end
    ("|| 行政许可 | 5 |", "| 行政许可 | 5 ||") in a table that writes every blank cell with a space
    between its pipes ("|  |") and no pipe twice but there: by the table's own hand that is no
    cell but a stray pipe, and the row is read without it. A table that writes a blank cell "||"
    anywhere cannot tell a stray pipe from a blank cell ("| 6 | 44 ||" may be 644 and a blank)."""
    written = [_written_cells(line) for line in lines]
    rows = [[c.strip() for c in cells] for cells in written]
    ends = [(len(cells) > 1 and cells[0] == "", len(cells) > 1 and cells[-1] == "") for cells in written]
    if not any(lead or end for lead, end in ends):
        return rows  # (most tables)
    _, first, width = written_width(rows)
    stray = [r >= first and len(row) == width + 1 and lead != end and any(parse_number(c) is not None for c in row)
             for r, (row, (lead, end)) in enumerate(zip(rows, ends))]
    inner = [c for cells, (lead, end), extra in zip(written, ends, stray)
             for c in (cells[lead:len(cells) - end] if extra else cells)]
    if "" in inner or not any(c.isspace() for c in inner):
        return rows
    return [(row[1:] if lead else row[:-1]) if extra else row for row, (lead, end), extra in zip(rows, ends, stray)]


def _figures_only(row: list[str]) -> bool:
    return all(parse_number(c) is not None or is_placeholder(c) for c in row if c) and any(row)


# html2text's rule under a table's first row: no outer pipe ("---|---"). Its rows have none either
# ("规章| 13| 13| 524"), and what follows a row's last pipe is its last cell, blank or not; a blank
# line ends the table.
_BARE_RULE = re.compile(r"^\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+$")


def _bare_table(lines: list[str], at: int) -> int:
    """The end of the table without outer pipes whose first row is lines[at] (html2text: the row,
    its rule line, then each line up to a blank one), or `at` where none starts there. A first row of
    one cell (第二十条第（一）项 over table 二) has the rule "---" alone, and a row with a pipe
    follows it that no rule line of its own follows (else "---" underlines a heading)."""
    one_cell_first = (at + 2 < len(lines) and "|" not in lines[at] and lines[at].strip() and lines[at + 1].strip() == "---"
                      and "|" in lines[at + 2] and not lines[at + 2].lstrip().startswith("|")
                      and not (at + 3 < len(lines) and _PIPE_RULE.match(lines[at + 3])))
    if not one_cell_first and ("|" not in lines[at] or at + 1 >= len(lines) or not _BARE_RULE.match(lines[at + 1])):
        return at
    end = at + 2  # the table goes on to a blank line (a row of one cell has no pipe: 第二十条第（五）项)
    while end < len(lines) and lines[end].strip():
        end += 1
    return end


def _bare_cells(line: str) -> list[str]:
    return [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", line.strip())]


def _items(text: str) -> list:
    """("prose", lines) and ("table", rows, pieces) in the order of the text. `pieces`: the rows
    a rule line follows, each the first row of a small table written right under the last without
    a line between (Grid.from_cell_rows)."""
    items: list = []
    prose: list[str] = []
    rows: list[str] = []  # the table's row lines
    pieces: list[int] = []
    lines = text.split("\n")
    skip = 0
    for k, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        if not rows and not _PIPE_ROW.match(line) and (end := _bare_table(lines, k)) > k:
            items.append(("prose", prose))
            prose = []
            items.append(("table", [_bare_cells(row) for row in [lines[k], *lines[k + 2:end]]], ()))
            skip = end - k - 1
            continue
        if _PIPE_ROW.match(line) or (rows and _PIPE_RULE.match(line)):
            if not rows:
                items.append(("prose", prose))
                prose = []
            if not _PIPE_RULE.match(line):
                rows.append(line)
            elif rows and (not pieces or pieces[-1] != len(rows) - 1):
                pieces.append(len(rows) - 1)
            continue
        if rows:
            items.append(("table", _table_rows(rows), tuple(pieces)))
            rows, pieces = [], []
        prose.append(line)
    if rows:
        items.append(("table", _table_rows(rows), tuple(pieces)))
    items.append(("prose", prose))
    return items


def _heading_label(lines: list[str], only: bool) -> str | None:
    """The Markdown heading that is the last line of `lines` (`only`: and their only line)."""
    filled = [line for line in lines if line.strip()]
    if not filled or (only and len(filled) > 1):
        return None
    m = _HEADING.match(filled[-1])
    return m.group(1) if m else None


def _join_labelled_pieces(items: list) -> list:
    """Pieces of one table that a converter printed one under each of its row headings, each
    with the same made-up header and rows of figures only (table 四 as 行政复议 / 行政诉讼（未经
    复议直接起诉） / 行政诉讼（复议后起诉）): one table again, each heading the label of its rows.
    Without its heading such a row names nothing; with it, the grid reader can read it."""
    out: list = []
    i = 0
    while i < len(items):
        kind, body = items[i][:2]
        run = []
        if kind == "table" and out and out[-1][0] == "prose":
            j = i
            while j < len(items) and items[j][0] == "table":
                rows = items[j][1]
                before = out[-1][1] if j == i else items[j - 1][1]
                label = _heading_label(before, only=j > i)
                if label is None or len(rows) < 2 or not all(map(_figures_only, rows[1:])) \
                        or (run and rows[0] != run[0][1][0]):
                    break
                run.append((label, rows))
                if j + 2 < len(items) and items[j + 1][0] == "prose" and items[j + 2][0] == "table":
                    j += 2
                else:
                    break
        if len(run) >= 2:
            # A part's heading over the first piece (## 四、…行政复议、行政诉讼情况, 行政复议's own
            # heading left out) labels its rows and stays the part's heading too.
            if not parts.is_heading_line(run[0][0]):
                prose = out[-1][1]
                last = max(k for k, line in enumerate(prose) if line.strip())
                out[-1] = ("prose", prose[:last] + prose[last + 1:])
            header = run[0][1][0]
            out.append(("table", [[""] + header] + [[label] + row for label, rows in run for row in rows[1:]], ()))
            i += 2 * len(run) - 1
            continue
        out.append(items[i])
        i += 1
    return out


def to_document(text: str) -> Document:
    doc = Document()
    for kind, body, *pieces in _join_labelled_pieces(_items(text)):
        if kind == "table":
            doc.grid(Grid.from_cell_rows([list(r) for r in body], *pieces))
        elif any(line.strip() for line in body):
            # Kept line by line (PDF text relies on its lines), heading and bold markers removed.
            doc.blocks.append("\n".join(m.group(1) if (m := _HEADING.match(line)) else _without_bold(line)
                                        for line in body))
    return doc
