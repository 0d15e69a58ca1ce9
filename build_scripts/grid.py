"""A table as a grid of cells: what every reader gives the parser where a file has cells.

A merged cell is one `Cell` object standing in every position it covers, so the column range of
each cell is known where the file says it (HTML rowspan/colspan, Word merges). Where the file
does not say (tab-separated text, Markdown pipe tables, PDF tables) every position is a cell of
its own and a covered position is simply an empty cell.

    grid = Grid.from_spans([[("申请人情况", 7, 1)], ...])
    for cell, first, last in grid.row(3): ...   # each distinct cell of row 3 with its columns
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from itertools import compress

from .textnorm import label_key, parse_number, squash


class Cell:
    __slots__ = ("text", "top")
    # Grid makes most cells with _new_cell and sets both slots itself: a class call runs
    # __init__ in Python, the largest single cost of a text grid.

    def __init__(self, text: str, top: int = -1):
        self.text = text
        self.top = top  # the row the cell starts in, set by Grid

    def __repr__(self) -> str:
        return f"Cell({self.text!r})"


_new_cell = functools.partial(object.__new__, Cell)


class Grid:
    # Cells the file writes one by one, no merges (from_cell_rows): copy_text writes each row's
    # cells as the file has them, no column left out.
    as_written = False
    # The file shows this grid's columns are not those of the grid before it (a PDF table going
    # on from the page before on other column rules): never read under that grid's header.
    own_columns = False

    def __init__(self, cells: list[list[Cell | None]], spans: bool = True):
        # spans: the file says which cells are merged; otherwise a covered position is simply
        # an empty cell, and a header's reach over the empty cells to its right is unknown.
        # The file writes every cell, so a position no cell covers is a lost one (text rows,
        # which do not, are from_text_rows').
        self.spans = spans
        self.ragged = False
        width = max((len(row) for row in cells), default=0)
        self._missing: set[int] = set()  # ids of the empty cells put where the file has none
        # ids of every cell put where the file has none: missing or not, that is for the table a
        # piece of this grid joins to tell (its header may be wider than this piece's rows).
        self._padding: set[int] = set()
        # ids of the cells of rows with a cell too many (_padded, from_cell_rows), and those rows.
        self._extra: set[int] = set()
        self.long: set[int] = set()
        if not all(len(row) == width and None not in row for row in cells):
            cells = self._padded(cells, width, spans)
        # As the file has it, before tidying: a piece of a table cut in two is joined to the
        # rest of it in the columns it had there.
        self.cells = self.untidy = cells
        self._tidy()
        # Rows short of a column that has text elsewhere: which of their cells was lost is unknown.
        self.short = ({r for r, row in enumerate(self.cells) if any(id(cell) in self._missing for cell in row)}
                      if self._missing else set())
        self._also_long(set())  # the long rows _padded found
        self.width = len(self.cells[0]) if self.cells else 0
        for r, row in enumerate(self.cells):
            for cell in row:
                if cell.top < 0:
                    cell.top = r

    def _padded(self, cells: list[list[Cell | None]], width: int, spans: bool) -> list[list[Cell]]:
        """A position no cell of the file covers filled with an empty cell. One within the width
        most rows have (a <td> or a pipe cell lost) is remembered as missing; a row longer than
        most, with a stray cell, does not make the others short, and is long itself where it
        reaches past the header too."""
        extents = [max((c + 1 for c, cell in enumerate(row) if cell is not None), default=0) for row in cells]
        usual = Counter(e for e in extents if e).most_common(1)[0][0] if any(extents) else 0
        # Where most rows of a table with merged cells (a page's, a document's) lost a cell, the
        # rows above the first figure (the header, its merged cells filling its width) tell the
        # table's width, when text stands in the columns most rows lack (a header word, or a
        # figure of a row that kept its cells; empty cells there are a stray column).
        header = 0
        if spans:
            first = next((r for r, row in enumerate(cells)
                          if any(cell is not None and parse_number(cell.text) is not None for cell in row)), len(cells))
            header = min(extents[:first], default=0)
        if header > usual and any(cell is not None and cell.text for row in cells for cell in row[usual:header]):
            usual = header
        if spans and first:
            # A row reaching past the header and past most rows has a cell too many (a figure that
            # a recogniser split in two <td>s), which one is unknown: long. Its cells merged with
            # no other row's name it. (Without a header, as a table's piece after a page break,
            # most rows may be the ones short of a column.)
            wide = max([usual, *extents[:first]])
            for r, (row, extent) in enumerate(zip(cells, extents)):
                if extent > wide:
                    self._extra.update(id(cell) for c, cell in enumerate(row) if cell is not None and all(
                        not 0 <= near < len(cells) or cells[near][c:c + 1] != [cell] for near in (r - 1, r + 1)))
        padded = []
        for row in cells:
            line = []
            for c, cell in enumerate(row + [None] * (width - len(row))):
                if cell is None:
                    cell = Cell("")
                    self._padding.add(id(cell))
                    if c < usual:
                        self._missing.add(id(cell))
                line.append(cell)
            padded.append(line)
        return padded

    def _also_long(self, ids: set[int]) -> None:
        """Rows holding a cell of `ids` are long (a cell too many) too."""
        self._extra |= ids
        if self._extra:
            self.long = {r for r, row in enumerate(self.cells) if any(id(cell) in self._extra for cell in row)}

    def _extra_clones(self, clones: dict) -> set[int]:
        """The ids of the copies (`clones`, by original id) of this grid's long rows' cells, for a
        grid made of it: its long rows stay long there, whatever width the rest gives it."""
        return {id(clones[id(cell)]) for r in self.long for cell in self.cells[r] if id(cell) in clones}

    @classmethod
    def from_text_rows(cls, rows: list[list[str]]) -> "Grid":
        # Rows of unequal length (trailing tabs that vary, a row that lost its leading ones) are
        # text pasted from Word, whose tabs do not keep columns: not a grid to place cells by,
        # nor one whose shorter rows tell a lost cell.
        # Shorter rows are padded with empty cells, none of them a lost one. Tidied as _tidy
        # would, from the texts: every cell is its own object (no span), so a row or column is
        # kept where a cell of it has text.
        width = max(map(len, rows), default=0)
        grid = cls.__new__(cls)
        grid.spans, grid._missing, grid._padding, grid.short = False, set(), set(), set()
        grid._extra, grid.long = set(), set()
        grid.ragged = len({len(row) for row in rows}) > 1
        grid.lengths = [len(row) for row in rows]
        kept = [r for r, row in enumerate(rows) if any(row)]
        filled: set[int] = set()
        for r in kept:
            filled.update(compress(range(width), rows[r]))  # the columns of the cells with text
            if len(filled) == width:
                break  # every column has text: none to drop
        if len(kept) == len(rows) and len(filled) == width:
            # Nothing to drop (most tables): each cell made with its row as its top.
            cells = []
            for r, row in enumerate(rows):
                line = []
                for text in row + [""] * (width - len(row)) if len(row) < width else row:
                    cell = _new_cell()
                    cell.text = text
                    cell.top = r
                    line.append(cell)
                cells.append(line)
            grid.untidy = grid.cells = cells
        else:
            grid.untidy = cells = [[*map(Cell, row), *map(Cell, [""] * (width - len(row)))] for row in rows]
            columns = sorted(filled)
            grid.cells = cells = [[cells[r][c] for c in columns] for r in kept]
            for r, row in enumerate(cells):
                for cell in row:
                    cell.top = r
        grid.width = len(cells[0]) if cells else 0
        return grid

    @classmethod
    def from_cell_rows(cls, rows: list[list[str]], pieces: tuple[int, ...] = ()) -> "Grid":
        """Rows whose cells the file writes one by one (a Markdown pipe table): a row with fewer
        cells than most lost one, which cannot be told (short). Only when a header row is short
        too, or a row of words has words past the cells most rows have (a recogniser split a
        header cell in two), are the columns themselves unknown: then the grid is ragged, as text
        pasted from Word. A row with more cells than most and than the header rows has a cell too
        many (a figure split in two, a pipe written twice), which one is unknown too (long).
        `pieces`: the rows that start a small table of their own written right under the last (a
        row its converter followed with a rule line, as a header): see _piece_widths."""
        usual, first, width = written_width(rows)
        if any(len(row) < usual for row in rows[:first]) or any(
                len(row) > usual and any(row[usual:]) and all(parse_number(c) is None for c in row) for row in rows):
            return cls.from_text_rows(rows)
        cells = [[Cell(text) for text in row] for row in rows]
        grid = cls(cells, spans=False)
        grid.as_written = True
        grid._also_long({id(cell) for row, limit in zip(cells, _piece_widths(rows, pieces, width))
                         if len(row) > limit for cell in row})
        return grid

    @property
    def padded(self) -> bool:
        """Whether some position of the grid has no cell of the file (see _padded)."""
        return bool(self._padding)

    @property
    def lost_cells(self) -> bool:
        """Whether some position within the width most rows have has no cell of the file."""
        return bool(self._missing)

    def is_padding(self, cell: Cell) -> bool:
        """Whether `cell` is one put where the file has none (see _padded)."""
        return id(cell) in self._padding

    def no_cell(self, r: int, c: int) -> bool:
        """Whether the file has no cell at row r, column c (a position padded in: see _padded)."""
        return id(self.cells[r][c]) in self._padding

    def lost_cell(self, r: int, c: int) -> bool:
        """Whether the cell at row r, column c is one the file lost: no cell there, within the
        width most rows have (see _padded)."""
        return id(self.cells[r][c]) in self._missing

    def short_labels(self) -> list[str]:
        """The words of each short row (its label): see _labels."""
        return self._labels(self.short)

    def long_labels(self) -> list[str]:
        """The words of each long row (its label): see _labels."""
        return self._labels(self.long)

    def _labels(self, rows: set[int]) -> list[str]:
        # Each cell's words squashed, the cells apart: a label is told from a longer one that
        # starts with it ("3.其他", "2.其他法律…") by where its cell ends (labels.stands_in). A row
        # without a figure (a header row: 自然人 法人或其他组织 总计) names no row of figures.
        return [" ".join(squash(c.text) for c in self.cells[r] if c.text and parse_number(c.text) is None)
                for r in sorted(rows) if any(parse_number(c.text) is not None for c in self.cells[r])]

    @classmethod
    def from_spans(cls, rows: list[list[tuple[str, int, int]]]) -> "Grid":
        """Rows of (text, colspan, rowspan), as HTML writes them."""
        n_rows = len(rows)
        grid: list[list[Cell | None]] = [[] for _ in range(n_rows)]
        # Where a cell with text starts (see _tidy), found while placing: where it is put, and
        # nowhere else unless a merged cell overlaps another (looked at once the grid is whole).
        row_starts, column_starts, overlapping = [False] * n_rows, set(), []
        for r, row in enumerate(rows):
            target = grid[r]
            c = 0
            for text, colspan, rowspan in row:
                while c < len(target) and target[c] is not None:
                    c += 1
                cell = _new_cell()
                cell.text = text
                cell.top = r
                if text:  # it starts where it is put: nothing is there before it
                    row_starts[r] = True
                    column_starts.add(c)
                if colspan == 1 and rowspan == 1:
                    if c == len(target):
                        target.append(cell)
                    else:
                        target[c] = cell
                    c += 1
                    continue
                rowspan = max(1, min(rowspan, n_rows - r))
                end = c + max(1, colspan)
                whole = True
                for covered in grid[r:r + rowspan]:
                    if len(covered) == c:
                        # The row ends where the cell starts (its own row, and the rows a label
                        # merged down reaches, still empty): nothing there to fill round.
                        covered.extend([cell] * (end - c))
                        continue
                    if len(covered) < end:
                        covered.extend([None] * (end - len(covered)))
                    if any(covered[c:end]):  # another cell is there: only the positions left
                        whole = False
                        for dc in range(c, end):
                            if covered[dc] is None:
                                covered[dc] = cell
                    else:
                        covered[c:end] = [cell] * (end - c)
                if text and not whole:
                    overlapping.append((cell, r, c, rowspan, end))
                c = end
        width = max((len(row) for row in grid), default=0)
        if not all(len(row) == width and None not in row for row in grid):
            for row in grid:  # the general way: padded, tidied, tops from the tidied rows
                for cell in row:
                    if cell is not None:
                        cell.top = -1
            return cls(grid)
        for cell, r, c, rowspan, end in overlapping:
            for rr in range(r, r + rowspan):
                for cc in range(c, end):
                    if grid[rr][cc] is cell and (cc == 0 or grid[rr][cc - 1] is not cell) \
                            and (rr == 0 or grid[rr - 1][cc] is not cell):
                        row_starts[rr] = True
                        column_starts.add(cc)
        return cls._placed(grid, [r for r in range(n_rows) if row_starts[r]], sorted(column_starts))

    @classmethod
    def _placed(cls, cells: list[list[Cell]], rows: list[int], columns: list[int]) -> "Grid":
        """A grid every position of which a cell of the file covers, each cell's top set, and the
        rows and columns where a cell with text starts known: what __init__ makes of it, without
        looking at every position again."""
        grid = cls.__new__(cls)
        grid.spans, grid.ragged, grid._missing, grid._padding, grid.short = True, False, set(), set(), set()
        grid._extra, grid.long = set(), set()
        grid.untidy = cells
        width = len(cells[0]) if cells else 0
        if len(rows) == len(cells) and len(columns) == width:
            grid.cells = cells
        else:
            grid.cells = [[cells[r][c] for c in columns] for r in rows]
            for row in cells:
                for cell in row:
                    cell.top = -1
            for r, row in enumerate(grid.cells):
                for cell in row:
                    if cell.top < 0:
                        cell.top = r
        grid.width = len(grid.cells[0]) if grid.cells else 0
        return grid

    @classmethod
    def stacked(cls, grids: list["Grid"]) -> "Grid":
        """Grids one under the other, as one (a table cut in two by a page break), in the columns
        each had in the file; each keeps its merged cells. A position no cell of a piece covers is
        told lost or not by the whole table: a piece whose rows all lost the same cell (a merged
        label column not carried over the break) is short of the header's width, not of its own."""
        rows, clones = [], {}
        width = max((len(g.untidy[0]) for g in grids if g.untidy), default=0)
        for grid in grids:
            for row in grid.untidy:
                rows.append([None if id(cell) in grid._padding else clones.setdefault(id(cell), Cell(cell.text))
                             for cell in row] + [Cell("") for _ in range(width - len(row))])  # a narrower piece
        joined = cls(rows, spans=all(grid.spans for grid in grids))
        joined._also_long(set().union(*(grid._extra_clones(clones) for grid in grids)))
        return joined

    def from_figures(self) -> "Grid":
        """The grid from its first row with a figure on (a continued table without the header
        rows it repeats); a merged cell coming down from the rows left out is left empty."""
        rows = self.untidy
        first = next((r for r, row in enumerate(rows)
                      if any(parse_number(cell.text) is not None and (r == 0 or rows[r - 1][c] is not cell)
                             for c, cell in enumerate(row))), len(rows))
        if first == 0:
            return self
        clones: dict = {}
        grid = Grid([[None if id(cell) in self._padding else
                      clones.setdefault(id(cell), Cell("" if cell is rows[first - 1][c] else cell.text))
                      for c, cell in enumerate(row)] for row in rows[first:]], spans=self.spans)
        grid._also_long(self._extra_clones(clones))
        return grid

    def _tidy(self) -> None:
        """Rows and columns where no cell with text starts are dropped: a spacer row, a column
        that only a merged cell covers, a stray rule must not stand between two figures."""
        cells = self.cells
        width = len(cells[0]) if cells else 0
        starts: list[list[bool]] = []  # where a cell with text starts
        above: list = [None] * width
        for row in cells:
            left = None
            line = []
            for c, cell in enumerate(row):
                line.append(bool(cell.text) and cell is not left and cell is not above[c])
                left = cell
            starts.append(line)
            above = row
        rows = [r for r, line in enumerate(starts) if any(line)]
        columns = [c for c in range(width) if any(line[c] for line in starts)]
        if len(rows) != len(cells) or len(columns) != width:
            self.cells = [[cells[r][c] for c in columns] for r in rows]

    @functools.cached_property
    def norm_text(self) -> str:
        """All the grid's text without spaces or punctuation, for telling which table it is."""
        return label_key("".join([cell.text for row in self.cells for cell in row]))

    def __len__(self) -> int:
        return len(self.cells)

    def row(self, r: int) -> tuple[tuple[Cell, int, int], ...]:
        """The distinct cells of row r, left to right, each with its first and last column.
        (Each reader asks for a row several times: computed once.)"""
        rows = self.__dict__.get("_rows")
        if rows is None:
            rows = self._rows = {}
        elif r in rows:
            return rows[r]
        out: list[tuple[Cell, int, int]] = []
        before = None
        for c, cell in enumerate(self.cells[r]):
            if cell is before:
                out[-1] = (cell, out[-1][1], c)
            else:
                out.append((cell, c, c))
                before = cell
        rows[r] = found = tuple(out)
        return found

    def text_rows(self) -> list[list[str]]:
        """Each cell's text in its top-left position, the positions it covers empty."""
        out = []
        for r, row in enumerate(self.cells):
            line = []
            for c, cell in enumerate(row):
                covered = (c > 0 and row[c - 1] is cell) or (r > 0 and self.cells[r - 1][c] is cell)
                line.append("" if covered else cell.text)
            out.append(line)
        return out

    def text(self) -> str:
        return "\n".join("\t".join(row) for row in self.text_rows())

    def copy_text(self) -> str:
        """The table as copying it from Word or a page gives it: a cell merged across columns
        written once, a cell merged down written in its first row with an empty cell under it.
        This is the text the reader of text gets for a file's tables: in text_rows() the columns
        a merged figure covers are empty cells, which it would take for blank columns (a figure
        over two columns followed by a blank last cell slides the blank one column on).
        A table whose cells are written one by one keeps its columns as written, empty ones too:
        the pieces of a table cut by a page footer then keep the same empty cells between a row's
        label and its figures (a column that holds no text in one piece is left out of it alone)."""
        if self.as_written:
            return "\n".join("\t".join(cell.text for cell in row) for row in self.untidy if any(c.text for c in row))
        if self.own_columns:
            # Its columns are not those of the header above it: its cells with text alone, so that
            # no empty one passes for a blank cell in the header's column at its place.
            return "\n".join("\t".join(c.text for c in row if c.text) for row in self.untidy if any(c.text for c in row))
        if self.ragged:
            # Rows of unequal length keep no columns: each is written with its own cells. Padded
            # to a rectangle, a position empty in every row would read as a blank column and be
            # dropped, taking a blank cell from the rows whose cells stand there (a Markdown table
            # that writes each row's own cells, "| 1.本机关不掌握… | 252 | 12 |  |  | 1 |  |  |").
            return "\n".join("\t".join(cell.text for cell in row[:n])
                             for row, n in zip(self.untidy, self.lengths) if any(c.text for c in row))
        lines = []
        above: list = [None] * self.width
        for row in self.cells:
            line = []
            left = None
            for cell, up in zip(row, above):
                if cell is left:
                    continue  # covered from the left: not written
                left = cell
                line.append("" if cell is up else cell.text)
            lines.append("\t".join(line))
            above = row
        return "\n".join(lines)


def _piece_widths(rows: list[list[str]], pieces: tuple[int, ...], width: int) -> list[int]:
    """The width each row is held to. A converter that cuts a printed table at its merged cells
    writes each piece as a small table of its own, one right under the other, each as wide as its
    piece of the print (9 cells where a group label stands before the item's, 8 where it does
    not): there a row is held to its own piece's width where at least two of the piece's rows
    have the piece's usual number of cells and no other number is as common there. A row alone in
    its piece, a piece whose rows do not agree, and a table written as one are held to the whole
    table's `width` (a row with a figure split in two cells is long there)."""
    limits = [width] * len(rows)
    bounds = sorted({0, *pieces, len(rows)})
    if len(bounds) <= 2:
        return limits  # one table (most)
    for start, end in zip(bounds, bounds[1:]):
        counts = Counter(len(row) for row in rows[start:end]).most_common(2)
        if counts[0][1] >= 2 and (len(counts) == 1 or counts[1][1] < counts[0][1]):
            limits[start:end] = [written_width(rows[start:end])[2]] * (end - start)
    return limits


def written_width(rows: list[list[str]]) -> tuple[int, int, int]:
    """(the number of cells most rows have, the first row with a figure, the table's width: the
    widest of most rows and the header rows) of rows whose cells a file writes one by one."""
    usual = Counter(len(row) for row in rows).most_common(1)[0][0] if rows else 0
    first = next((r for r, row in enumerate(rows) if any(parse_number(c) is not None for c in row)), len(rows))
    return usual, first, max([usual, *map(len, rows[:first])])


# -- grids in plain text -------------------------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_ARTICLE_ROW = re.compile(r"^\s*第\s*二\s*十\s*条\s*第\s*[（(]\s*[一二三四五六七八九十]{1,2}\s*[)）]\s*项\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def grids_in_text(text: str) -> list[Grid]:
    """The tables of a text file: Markdown pipe tables, and blocks of tab-separated lines (each
    with a tab; a block of one line may be the last row of a table cut by a page footer). Cells
    carry no span: a covered position is empty."""
    grids: list[Grid] = []
    pipes = "|" in text
    if not pipes and "\t" not in text:
        return grids  # no tab-separated line and no pipe table
    block: list[list[str]] = []
    kind = None

    def flush():
        nonlocal block, kind
        if block:
            grids.append(Grid.from_cell_rows(block) if kind == "pipe" else Grid.from_text_rows(block))
        block, kind = [], None

    for line in text.split("\n"):
        if kind is None and "\t" not in line and not pipes:
            continue  # no table going on, none starting (most lines of prose)
        if pipes and (_PIPE_ROW.match(line) or (kind == "pipe" and _PIPE_RULE.match(line))):
            if kind != "pipe":
                flush()
                kind = "pipe"
            if not _PIPE_RULE.match(line):
                block.append([c.strip() for c in _pipe_cells(line)])
        elif "\t" in line and line.strip():
            if kind != "tab":
                flush()
                kind = "tab"
            block.append([*map(str.strip, line.split("\t"))])
        elif kind == "tab" and _ARTICLE_ROW.match(line):
            # A full-width row of table 二 that lost its tabs in a copy (a browser writes a
            # merged cell once): still the same table, not the end of it.
            block.append([line.strip()])
        else:
            flush()
    flush()
    return grids


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]
