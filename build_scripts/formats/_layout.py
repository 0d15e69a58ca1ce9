"""The report text every reader produces: paragraphs separated by blank lines, table rows as
tab-joined cells with merged cells emitted once (in their top-left position) and the cells they
cover left empty, as in the seeds."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..decoding import INVISIBLE
from ..grid import Grid

# Characters that are written without a space between them when a line break is removed.
_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’《》"
_CJK_END = re.compile(rf"[{_CJK}]$")
_CJK_START = re.compile(rf"^[{_CJK}]")
_SPACE_RUN = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Runs of two spaces or more: written with a literal start, which the regex engine jumps to, where
# " {2,}" is tried at every character.
_SPACES = re.compile("  +")


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
    if text.isprintable() and "  " not in text:
        # No tab, line break, other space or invisible character (none is printable), no run
        # of spaces: only the ends to strip (most cells and lines).
        return text.strip()
    if "\xa0" in text:  # &nbsp; (no other space or invisible character is printable either)
        spaced = text.replace("\xa0", " ")
        if spaced.isprintable():  # none but these spaces: runs of them made one, without a regex's pass
            return (_SPACES.sub(" ", spaced) if "  " in spaced else spaced).strip()
    # INVISIBLE: a zero-width space inside "8\u200b05" shows 805, not 8 05.
    return _SPACE_RUN.sub(" ", INVISIBLE.sub("", text)).strip()


def clean_cell(text: str) -> str:
    """A cell's text on one line: its lines joined the way `join_pieces` joins them, except that
    a figure too wide for its cell and wrapped ("1148" / "9") is one figure again."""
    text = _WRAPPED_FIGURE.sub("", text)
    return join_pieces(re.split(r"[\r\n\t\v\f]+", text))


_WRAPPED_FIGURE = re.compile(r"(?<=\d)[ \t]*[\r\n]+[ \t]*(?=\d)")


@dataclass
class Table:
    grid: Grid

    @property
    def rows(self) -> list[list[str]]:
        return self.grid.text_rows()


@dataclass
class Document:
    """Paragraphs (str) and tables in reading order, and what the page says about itself
    (`meta`: 发布机构, 发布日期 … as printed around the report, not in it)."""
    blocks: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    traditional: bool = False  # printed in traditional characters, read converted (script.py)

    def paragraph(self, text: str) -> None:
        # Lines inside one paragraph (a manual line break) stay separate lines; a tab that lines
        # up figures in a paragraph keeps separating them, as a cell boundary.
        if "\n" not in text and "\t" not in text:  # one line of one piece (most paragraphs)
            line = clean_inline(text)
            if line:
                self.blocks.append(line)
            return
        lines = ["\t".join(p for p in map(clean_inline, line.split("\t")) if p) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            self.blocks.append("\n".join(lines))

    def grid(self, grid: Grid) -> None:
        if len(grid):
            self.blocks.append(Table(grid))

    def tables(self) -> list[Grid]:
        return [b.grid for b in self.blocks if isinstance(b, Table)]

    def text(self) -> str:
        return render(self.blocks)

    def copy_text(self) -> str:
        """The text the parser reads (its text reader takes over where a grid cannot be read):
        tables as copying them gives them, a cell merged across columns written once
        (Grid.copy_text), so that no column a merged figure covers passes for a blank one."""
        return render(self.blocks, copy=True)


def render(blocks: list, copy: bool = False) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            parts.append(block.grid.copy_text() if copy else block.grid.text())
        else:
            parts.append(block)
    return "\n\n".join(parts) + ("\n" if parts else "")
