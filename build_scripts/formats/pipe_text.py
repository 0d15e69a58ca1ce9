"""Text whose table rows are cells joined by " | " without outer pipes, as page-to-text tools write
a web page: trafilatura 1.x ("规章 | 654 | 84 | 748 |", padded with pipes up to the widest row:
"行政许可 | 976 | ||") and html2text ("规章 | 654 | 84 | 748", a rule line "---|---" under a
table's first row).

Where a page's cells start with a paragraph, trafilatura puts each cell on a line of its own
("654 |"), a line "|" before each row and the padding on a line after it, or after the row's
last cell on its line ("748 | |"); such a row is joined into one line first. Some crawlers'
page text also starts each row with a pipe ("| 规章 | 654 | 84 | 748 | ", "| 行政许可 | 976 | ||"):
padding pipes with no space between them tell such a table from one with every position written.

A text browser's dump (w3m) draws tables with box characters instead: "│" between cells, rule
lines of "─" between rows (partial where a cell spans rows), a row's cells wrapped over several
lines. The lines between two rules are one row: each line cut at "│", the pieces of each cell
joined; it is written as tab-separated cells too (a cell spanning rows stands in one of them,
the others have it empty).

Each line holds the row's own cells, a merged cell written once in the row where it starts, a
blank cell as nothing between two pipes (a leading one as a pipe at the start; trafilatura leaves
out a cell with no text at all, so that row is short of a cell): what a browser's copy of the
page gives with tabs. So each such line is written as tab-separated cells, and the
text is read as text copied from a page. Trailing pipes are the row's end and the padding; a
blank cell after a row's last figure cannot be told from the padding, so such a row is short of
a cell, and the text reader leaves it unread. html2text pads no row: in a table whose first row
its rule line follows, what stands after a row's last pipe is the row's last cell, blank or not
("3.补正后申请内容仍不明确| 25|  |  |  |  |  |  ": seven cells after the label).
"""
from __future__ import annotations

import re

from ..textnorm import parse_number

# A row: cells joined by a pipe with a space on one side at least.
_ROW = re.compile(r"\s\||\|\s")
_SEPARATOR = re.compile(r"\s*\|\s*")
_TRAILING = re.compile(r"(?:\s*\|)+\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MIN_ROWS = 3
_MIN_ENDED_CELLS = 12  # the cells of a few rows: not a stray pipe in a page's chrome
_ROW_START = "|"
_CELL_LINE = re.compile(r"^\s*([^|]*?)\s+\|\s*$")
# A row's last cell with the padding after it on its line ("0 | |"): the padding is no cell.
_LAST_CELL_LINE = re.compile(r"^\s*([^|\s][^|]*?)\s+\|(?:\s*\|)+\s*$")
_PADDING = re.compile(r"^\s*\|{2,}\s*$")
# Padding after a row's last cell: pipes with no space between them ("| 3 | ||"), which a writer
# of every position never prints (its empty cell is "|  |").
_PADDED_END = re.compile(r"\s\|\s*\|{2,}\s*$")
_BOX_RULE = re.compile(r"[─━┼├┤┌┐└┘┬┴╋┣┫┏┓┗┛┳┻]")
_BOX_ROW = "│"


def _box_rows(lines: list[str]) -> list[str]:
    """Tables drawn with box characters written as tab-separated rows (see the module's notes)."""
    out: list[str] = []
    row: list[list[str]] = []  # the lines of the row being read, each cut into its cells

    def end_row():
        if row and all(len(cells) == len(row[0]) for cells in row):
            out.append("\t".join("".join(pieces) for pieces in zip(*row)))
        elif row:  # lines of one row cut differently: not a grid to trust, kept as they were
            out.extend("\t".join(cells) for cells in row)
        row.clear()

    for line in lines:
        text = line.strip()
        if text.startswith(_BOX_ROW) or (text and _BOX_RULE.match(text)):
            if _BOX_RULE.search(text):
                end_row()  # a rule, whole or partial, ends the row
            else:
                row.append([cell.strip() for cell in text.strip(_BOX_ROW).split(_BOX_ROW)])
            continue
        end_row()
        out.append(line)
    end_row()
    return out


def _rows_on_one_line(lines: list[str]) -> list[str]:
    """Rows written one cell a line joined into one line each: a row starts after a line "|" or
    after the padding of the row before (padding is written at a row's end only, so the next cell
    line starts another row), and ends at the next of these or at the first line that is no cell."""
    out: list[str] = []
    row: list[str] | None = None
    for line in lines:
        if line.rstrip() == _ROW_START:  # " |" is a blank cell
            if row:
                out.append(" | ".join(row) + " |")
            row = []
            continue
        last = None
        if row is not None:
            cell = _CELL_LINE.match(line)
            if cell:
                row.append(cell.group(1))
                continue
            last = _LAST_CELL_LINE.match(line)
        if last or _PADDING.match(line):
            if last:
                row.append(last.group(1))
            if row:
                out.append(" | ".join(row) + " |")
            row = []
            continue
        if row:
            out.append(" | ".join(row) + " |")
        row = None
        out.append(line)
    if row:
        out.append(" | ".join(row) + " |")
    return out


def _cells(line: str) -> list[str]:
    return _SEPARATOR.split(_TRAILING.sub("", line.strip()))


def _unpadded_cells(line: str) -> list[str]:
    """A row of html2text's: no trailing pipe ends it, so blank cells at its end are cells."""
    return _SEPARATOR.split(line.strip())


def _is_row(line: str) -> bool:
    # A row of one cell (a merged row heading) still ends in the pipes trafilatura pads it with.
    return "|" in line and bool(_ROW.search(line)) and (len(_cells(line)) >= 2 or line.rstrip().endswith("|"))


def _cells_ended_by_pipes(text: str) -> bool:
    """Each cell's text on lines of its own, ended by a pipe on its last line or on a line of its
    own ("规章 |", "0 |" … or "规章", "|", "0", "|" …: a crawler's text of a page whose cells end
    in a paragraph, with no padding), and no other pipe in the text."""
    ended = 0
    after_text = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped == _ROW_START:
            ended += after_text
            after_text = False
        elif (cell := _CELL_LINE.match(line)) is not None:
            ended += bool(cell.group(1))
            after_text = False
        elif "|" in stripped:
            return False
        elif stripped:
            after_text = True
    return ended >= _MIN_ENDED_CELLS


def _one_cell_a_line(text: str) -> str:
    """Such text as text of one cell a line: a blank cell (a pipe alone) is none, its row short."""
    return "\n".join(cell.group(1) if (cell := _CELL_LINE.match(line)) else line
                     for line in text.split("\n") if line.strip() != _ROW_START)


def _ended_by_pipes(text: str) -> bool:
    return ("\n|" in text or " |\n" in text) and _cells_ended_by_pipes(text)


def is_pipe_text(text: str) -> bool:
    """Three rows of cells joined by pipes (or drawn with box characters) or more, one of them
    with a figure. (Asked of every text file that is not Markdown: most have no pipe at all.)"""
    if _ended_by_pipes(text):
        return True
    if _BOX_ROW in text:
        boxed = [line.strip().strip(_BOX_ROW).split(_BOX_ROW) for line in text.split("\n") if line.lstrip().startswith(_BOX_ROW)]
        if len(boxed) >= _MIN_ROWS and any(parse_number(c.strip()) is not None for cells in boxed for c in cells[1:]):
            return True
    if " |" not in text and "| " not in text:
        return False
    rows = [line for line in _rows_on_one_line(text.split("\n")) if _is_row(line)]
    return len(rows) >= _MIN_ROWS and any(parse_number(c) is not None for row in rows for c in _cells(row)[1:])


def as_tab_text(text: str) -> str:
    """The text with its rows of pipe-joined cells written as tab-separated cells. A table whose
    every row starts with a pipe is a pipe table with outer pipes (trafilatura 2.x, Markdown
    without its rule line), which the text reader reads as it is (grid.grids_in_text), unless its
    rows are padded: then each row holds its own cells after the leading pipe. Cells each ended
    by a pipe, with no row padded, are the cells' lines alone: text with one cell a line."""
    if _ended_by_pipes(text):
        return _one_cell_a_line(text)
    out: list[str] = []
    block: list[str] = []
    ruled = False  # html2text's rule line follows the block's first row: no row is padded

    def end_block():
        nonlocal ruled
        if block and all(line.lstrip().startswith("|") for line in block):
            if any(_PADDED_END.search(line) for line in block):
                # Padded: each row's own cells after the leading pipe, as without outer pipes.
                out.extend("\t".join(_cells(line.lstrip()[1:])) for line in block)
            else:
                out.extend(block)
        else:
            cells = _unpadded_cells if ruled else _cells
            out.extend("\t".join(cells(line)) for line in block)
        block.clear()
        ruled = False

    for line in _rows_on_one_line(_box_rows(text.split("\n"))):
        if _is_row(line):
            block.append(line)
        elif block and _RULE.match(line):
            # html2text's rule under a table's first row ("---|---", no outer pipe: a writer
            # that ends each row with a pipe may end its rule so too, and its last pipe is no cell)
            ruled = ruled or (len(block) == 1 and not line.strip().startswith("|") and not line.strip().endswith("|"))
            continue
        else:
            end_block()
            out.append(line)
    end_block()
    return "\n".join(out)
