"""The report text every reader produces: paragraphs separated by blank lines, table rows as
tab-joined cells with merged cells emitted once (in their top-left position) and the cells they
cover left empty, as in the seeds."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Characters that are written without a space between them when a line break is removed.
_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’《》"
_CJK_END = re.compile(rf"[{_CJK}]$")
_CJK_START = re.compile(rf"^[{_CJK}]")
_SPACE_RUN = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200c\u200d\u2060\ufeff]")


def join_pieces(pieces: list[str]) -> str:
    """Pieces of one logical line (lines of a wrapped cell, runs, paragraphs of a cell) joined:
    no space between two CJK characters, one space otherwise."""
    out = ""
    for piece in pieces:
        piece = clean_inline(piece)
        if not piece:
            continue
        if out and not (_CJK_END.search(out) and _CJK_START.match(piece)):
            out += " "
        out += piece
    return out


def clean_inline(text: str) -> str:
    """Text of one line or cell: invisible characters dropped, any run of spaces (tabs and line
    breaks included) made one space, ends stripped."""
    return _SPACE_RUN.sub(" ", _INVISIBLE.sub("", text)).strip()


def clean_cell(text: str) -> str:
    """A cell's text on one line: its lines joined the way `join_pieces` joins them, except that
    a figure too wide for its cell and wrapped ("1148" / "9") is one figure again."""
    text = _WRAPPED_FIGURE.sub("", text)
    return join_pieces(re.split(r"[\r\n\t\v\f]+", text))


_WRAPPED_FIGURE = re.compile(r"(?<=\d)[ \t]*[\r\n]+[ \t]*(?=\d)")


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Document:
    """Paragraphs (str) and tables in reading order."""
    blocks: list = field(default_factory=list)

    def paragraph(self, text: str) -> None:
        # Lines inside one paragraph (a manual line break) stay separate lines; a tab that lines
        # up figures in a paragraph keeps separating them, as a cell boundary.
        lines = ["\t".join(p for p in map(clean_inline, line.split("\t")) if p) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            self.blocks.append("\n".join(lines))

    def table(self, rows: list[list[str]]) -> None:
        rows = tidy_rows(rows)
        if rows:
            self.blocks.append(Table(rows))

    def text(self) -> str:
        return render(self.blocks)


def tidy_rows(rows: list[list[str]]) -> list[list[str]]:
    """Cells cleaned; rows padded to one width; rows and columns that are empty throughout dropped
    (a stray rule or spacer must not add a cell between two figures)."""
    rows = [[clean_cell(c or "") for c in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [j for j in range(width) if any(row[j] for row in rows)]
    return [[row[j] for j in keep] for row in rows]


def render(blocks: list) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            parts.append("\n".join("\t".join(row) for row in block.rows))
        else:
            parts.append(block)
    return "\n\n".join(parts) + ("\n" if parts else "")


def grid_from_spans(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of (text, colspan, rowspan) cells, as HTML writes them, expanded into a grid where a
    merged cell stands in its top-left position and the cells it covers are empty."""
    grid: list[list[str | None]] = []
    n_rows = len(rows)
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for text, colspan, rowspan in row:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            rowspan = max(1, min(rowspan, n_rows - r))
            colspan = max(1, colspan)
            for dr in range(rowspan):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < c + colspan:
                    target.append(None)
                for dc in range(colspan):
                    target[c + dc] = text if dr == 0 and dc == 0 else ""
            c += colspan
    return [[cell or "" for cell in row] for row in grid]
