"""Grids → the cells of tables 二, 三 and 四, each taken from its own position.

Rows are matched by their labels and columns by their headers (template data: the labels and
their variants); a figure is the cell that stands under its column's header, never the n-th
figure of the row, so a blank cell stays blank in its own column. A merged cell (HTML, Word)
belongs to the column its span covers most.

Each reader returns the printed text of every cell it placed, {row key: {column key: text}}
('' for a blank cell), or None when the grid cannot be read with confidence (no header for a
column, a figure under no header, rows not found): the parser then reads the table from the
text instead. Turning the texts into numbers, and the problems that go with that, is the
parser's job.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import labels, template as tpl, units
from .grid import Grid
from .textnorm import is_placeholder, label_key, parse_number, squash, without_footnote_marks

_norm = functools.lru_cache(maxsize=8192)(label_key)  # cell texts repeat across reports: labels, 0


@functools.lru_cache(maxsize=8192)  # label and header cells repeat from report to report
def _label_norm(text: str) -> str:
    """A row label or column header as compared with the template's, without the footnote marks
    printed with it (规章[1], 总计*)."""
    return _norm(without_footnote_marks(text))


@functools.lru_cache(maxsize=4096)  # asked of label cells, which repeat from report to report
def _is_number(text: str) -> bool:
    return parse_number(text) is not None


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


# Two digits or more, perhaps with spaces or commas between them: no label of table 三 has any.
_FIGURE_IN = re.compile(r"\d[\d\s,，]*\d")


@functools.lru_cache(maxsize=4096)  # asked of label cells, which repeat from report to report
def _figure_like(text: str) -> bool:
    """Whether a cell holds a figure as printed, read or not (12, "33 483", "337[1]"): never a
    piece of a row's label."""
    return parse_number(text) is not None or _FIGURE_IN.search(text) is not None


@functools.lru_cache(maxsize=4096)  # asked of header cells above all, which repeat from report to report
def _is_figure(text: str) -> bool:
    return parse_number(text) is not None or is_placeholder(text)


@dataclass
class Raw:
    """The printed text of each cell placed, and problems found while placing them."""
    cells: dict = field(default_factory=dict)  # row key -> column key -> text
    conflicts: list = field(default_factory=list)  # (row key, column key, [texts])
    duplicates: list = field(default_factory=list)  # row keys seen twice (the first is kept)
    differing: list = field(default_factory=list)  # of those, rows printed again with other figures
    extra: list = field(default_factory=list)  # rows with figures that the template does not have
    unread: list = field(default_factory=list)  # rows found whose cells could not be placed
    why: dict = field(default_factory=dict)  # of those, row key -> why, where the reader can say it
    itemized: list = field(default_factory=list)  # rows printed as the heading of items they lack
    # Table 三's rows found: row key -> (grid row, the last column of its label), and the column
    # before the figures', to tell a piece of the table whose rows stand left of the header's.
    labels_end: dict = field(default_factory=dict)
    figures_from: int = 0


class _Columns:
    """Which column key owns each grid column, from header cells (key, top row, first, last)."""

    def __init__(self, headers: list[tuple[str, int, int, int]], notes: list[tuple[int, int]] = ()):
        self.owner: dict[int, str] = {}
        depth: dict[int, int] = {}
        for key, top, first, last in headers:
            for c in range(first, last + 1):
                # Where headers overlap (a top header spanning two columns over a sub-header
                # that spans one of them) the lower, more specific header names the column.
                if c not in depth or top > depth[c]:
                    self.owner[c], depth[c] = key, top
        self.keys = set(self.owner.values())
        self.start = min(self.owner, default=0)
        # Columns under a remarks header (tpl.NOTE_COLUMN_LABELS, first and last column) and no
        # column's own: their cells are passed over.
        self.notes = {c for first, last in notes for c in range(first, last + 1)} - set(self.owner)
        self._known: dict[tuple[int, int], str | None] = {}

    def noted(self, first: int, last: int) -> bool:
        """Whether columns first to last all stand under a remarks header."""
        return bool(self.notes) and all(c in self.notes for c in range(first, last + 1))

    def key_of(self, first: int, last: int) -> str | None:
        if first == last:  # one column (every cell of a text grid): its owner's, as _vote would say
            return self.owner.get(first)
        known = self._known.get((first, last), "")
        if known != "":
            return known
        self._known[first, last] = key = self._vote(first, last)
        return key

    def _vote(self, first: int, last: int) -> str | None:
        votes: dict[str, int] = {}
        for c in range(first, last + 1):
            if c in self.owner:
                votes[self.owner[c]] = votes.get(self.owner[c], 0) + 1
        if not votes:
            return None
        best = max(votes.values())
        winners = [k for k, v in votes.items() if v == best]
        return winners[0] if len(winners) == 1 else None


def _place(grid: Grid, r: int, columns: _Columns, keys, start: int) -> dict | None:
    """{column key: printed text} of row r: the cells from column `start` on. None when a figure
    stands under no column, or the row lost a cell or has one too many (which one is unknown)."""
    if r in grid.short or r in grid.long:
        return None
    if grid.spans and grid.padded and any(grid.no_cell(r, c) for c in columns.owner):
        # No cell of the file under a column's header (every row short of the header, which
        # then reaches a column too far: a header cell merged one column too wide, a stray
        # empty cell in the header row): which of the row's cells stands under which is unknown.
        return None
    texts: dict[str, list[str]] = {}
    for key in keys:  # a loop, not a dict comprehension: one is made for every row
        texts[key] = []
    stray = False  # a figure among the labels
    owner = columns.owner
    for cell, first, last in grid.row(r):
        if cell.top != r:  # a cell merged down from the row above belongs to that row
            continue
        if last < start:
            stray = stray or _figure_like(cell.text)
            continue
        if first < start:
            first = start
        # One column (most cells) is its owner's, as key_of would say, without the call.
        found = texts.get(owner.get(first) if first == last else columns.key_of(first, last))
        if found is None:  # no column's key, or not one of this table's
            if columns.noted(first, last):
                continue  # a remark (无) under 备注
            # A figure, or a text with a digit that is no figure ("3 062"), under no column: the
            # row's cells do not stand under the header's ("四、结转…" pushed right by a merged
            # cell above that reaches too far), not a remark to pass over.
            if cell.text and (_is_figure(cell.text) or _has_digit(cell.text)):
                return _place_in_order(grid, r, columns, keys, start)
            continue
        found.append(cell.text)
    if stray and any(t for found in texts.values() for t in found):
        # Figures among the labels and under the header: the row's cells stand left of the
        # header's columns (a piece of the table that lost its merged label column).
        return None
    return texts


def _place_in_order(grid: Grid, r: int, columns: _Columns, keys, start: int) -> dict | None:
    """A row whose merged cells do not line up with the header's (Word: the header spans
    columns 2-3 where the row's cell spans 1-2): each cell is still its column's when the row has
    exactly one cell per column, in the columns' order, each overlapping its own column's header.
    Anything less certain: None."""
    if not grid.spans:
        return None
    cells = [(cell, max(first, start), last) for cell, first, last in grid.row(r) if last >= start and cell.top == r]
    spans = {k: [c for c, owner in columns.owner.items() if owner == k] for k in keys}
    if len(cells) != len(keys) or any(not spans[k] for k in keys):
        return None
    ordered = sorted(keys, key=lambda k: min(spans[k]))
    texts: dict[str, list[str]] = {k: [] for k in keys}
    for (cell, first, last), key in zip(cells, ordered):
        if not any(first <= c <= last for c in spans[key]):
            return None
        texts[key].append(cell.text)
    return texts


def _again(raw: Raw, row_key: str, texts: dict[str, list[str]] | None) -> None:
    """A row seen a second time: the first copy is kept only where the second prints the same
    figures (a row printed twice with other figures leaves its value unknown)."""
    raw.duplicates.append(row_key)
    if texts is None:
        return
    again = {key: [t for t in found if t] for key, found in texts.items()}
    first = {key: [] if text == "" else [text] for key, text in raw.cells[row_key].items()}
    if again != first:
        raw.differing.append(row_key)


def _settle(raw: Raw, row_key: str, texts: dict[str, list[str]]) -> None:
    # A loop, not a dict comprehension: one is made for every row. Most columns: one cell, its text.
    cells = raw.cells[row_key] = {}
    for key, found in texts.items():
        cells[key] = found[0] if len(found) == 1 else _one_text(raw, row_key, key, found)


def _one_text(raw: Raw, row_key: str, key: str, found: list[str]) -> str | None:
    """The text of a column under which none or several cells stand: blank, the one that is not
    empty, or None (a conflict) when more than one holds text."""
    filled = [t for t in found if t]
    if len(filled) > 1:
        raw.conflicts.append((row_key, key, filled))
        return None
    return filled[0] if filled else ""


def _label_of(grid: Grid, r: int, before: int) -> str:
    texts = []
    for cell, first, _ in grid.row(r):
        if first >= before:
            break  # the cells are left to right: the rest are the figures'
        if cell.top == r:
            texts.append(cell.text)
    return "".join(texts)


def _label_end(grid: Grid, r: int, before: int) -> int:
    """The last column of row r's label: of its last cell left of column `before` with text that
    is no figure, printed or placeholder ("/")."""
    end = -1
    for cell, first, last in grid.row(r):
        if first >= before:
            break
        if cell.top == r and cell.text and not _figure_like(cell.text) and not is_placeholder(cell.text):
            end = last
    return end


# -- table 三 ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def row_cores(template_id: str) -> tuple[tuple[str, ...], ...]:
    """The squashed cores of each row of table 三, in template order."""
    return tuple(tuple(squash(core) for core in tpl.row_cores(row)) for row in tpl.get(template_id).app_rows)


def _row_matcher(t: tpl.Template):
    return _matcher(t.id)


@functools.lru_cache(maxsize=None)  # one per template: labels repeat from report to report
def _matcher(template_id: str):
    t = tpl.get(template_id)
    rows = list(t.app_rows)
    cores = row_cores(t.id)

    def named(text: str, i: int) -> bool:
        return any(labels.stands_in(text, core) for core in cores[i])

    @functools.lru_cache(maxsize=4096)
    def match(label: str, start: int) -> int | None:
        # A colon after a label ("(七)总计：") is no part of it.
        text = labels.numbered_as_items(squash(without_footnote_marks(label))).rstrip(":")
        for i in range(start, len(rows)):
            if named(text, i):
                # The group heading of a merged label ("三、本年度办理结果(一)予以公开") comes
                # before the row's own: keep looking for a keyed row in the same label.
                if rows[i].key is None:
                    keyed = next((j for j in range(i + 1, min(i + 4, len(rows))) if rows[j].key and named(text, j)),
                                 None)
                    return keyed if keyed is not None else i
                return i
        return None

    return rows, match


@functools.lru_cache(maxsize=None)
def _note_labels() -> frozenset:
    return frozenset(_norm(label) for label in tpl.NOTE_COLUMN_LABELS)


def _remark_headers(grid: Grid, first_data: int) -> list[tuple[int, int]]:
    """(first, last) column of each header cell above `first_data` that heads a remarks column."""
    return [(first, last) for r in range(first_data) for cell, first, last in grid.row(r)
            if cell.top == r and _norm(cell.text) in _note_labels()]


@functools.lru_cache(maxsize=None)
def _app_column_labels() -> dict[str, str]:
    return {_norm(v): k for k, vs in tpl.APP_COLUMN_LABELS.items() for v in vs}


def applications(grid: Grid, t: tpl.Template, where: bool = False) -> Raw | None:
    """Table 三 from `grid`; where: with each row's place (Raw.labels_end), for a table joined
    from pieces."""
    labels = _app_column_labels()
    rows, match = _row_matcher(t)
    headers: list[tuple[str, int, int, int]] = []
    first_data = None
    for r in range(len(grid)):
        row_cells = grid.row(r)
        if any((at := match(cell.text, 0)) is not None and rows[at].key
               for cell, _, _ in row_cells if cell.top == r and _label_norm(cell.text) not in labels):
            first_data = r
            break
        for cell, first, last in row_cells:
            key = labels.get(_label_norm(cell.text))
            if key and cell.top == r:
                headers.append((key, r, first, last))
    if first_data is None:
        return None
    keys = [c.key for c in t.app_columns]
    notes = _remark_headers(grid, first_data)
    columns = _Columns(headers, notes)
    if columns.keys != set(labels.values()):
        headers += _one_header_by_its_place(grid, first_data, headers, columns, keys)
        columns = _Columns(headers, notes)
        if columns.keys != set(labels.values()):
            return None
    if _org_columns_apart(columns) or _certainly_refused(grid, first_data, columns, keys, rows, match):
        return None
    if _header_lost_a_cell(grid, headers, first_data, columns):
        return None
    raw = Raw(figures_from=columns.start)
    pointer = 0
    broken = False
    for r in range(first_data, len(grid)):
        label = _label_of(grid, r, columns.start)
        texts = _place(grid, r, columns, keys, columns.start)
        at = match(label, pointer) if label else None
        together = _app_rows_together(label, at, t.id)
        if together:
            _unread_together(raw, [rows[i] for i in together])
            if where:
                for i in together:
                    raw.labels_end[rows[i].key] = (r, _label_end(grid, r, columns.start))
            pointer = together[-1] + 1
            continue
        if texts is None:
            if at is None or not rows[at].key:
                if not grid.spans or not _covered_among_figures(grid, first_data, columns.start):
                    return None
                # A row of a table with merged cells that names no row and whose cells the header
                # cannot place (a label merged down a row too far pushes the next rows' cells
                # right): its rows are not handed to the text reader, which would take the
                # positions a merged cell covers among the figures for blank cells.
                broken = True
                continue
            # A named row whose figures cannot be placed under the headers: that row alone is
            # left unread. Handing the table to the text reader instead would let it take the
            # columns a merged figure covers (empty cells in text) for blank ones.
            raw.unread.append(rows[at].key)
            if where:
                raw.labels_end[rows[at].key] = (r, _label_end(grid, r, columns.start))
            pointer = at + 1
            continue
        if at is None:
            earlier = match(label, 0) if label else None
            if earlier is not None and rows[earlier].key in raw.cells:
                _again(raw, rows[earlier].key, texts)
                continue
            # Figures on a row we cannot name (a misprinted label): not this reader's to guess;
            # the row it stands for is reported missing, or, where its label heads items the
            # template's row lacks (the 2019 template's one （六）其他处理 over the 2021 items), said so.
            heading = _heading_items(label, rows, t.id)
            if heading and heading not in raw.itemized:
                raw.itemized.append(heading)
            continue
        row = rows[at]
        pointer = at + 1
        if row.key is None:
            if any(t for ts in texts.values() for t in ts):  # figures on a group heading's row
                raw.extra.append(row.label)
            continue
        if where:
            raw.labels_end[row.key] = (r, _label_end(grid, r, columns.start))
        _settle(raw, row.key, texts)
    found = sum(1 for r in t.data_rows if r.key in raw.cells)
    if broken and found * 2 < len(t.data_rows):
        for row in t.data_rows:
            if row.key not in raw.cells and row.key not in raw.unread and row.key not in raw.itemized:
                raw.unread.append(row.key)
                raw.why[row.key] = _MERGES_OFF
        return raw
    return raw if found * 2 >= len(t.data_rows) else None


@functools.lru_cache(maxsize=4096)  # label cells repeat from report to report
def _app_rows_together(label: str, at: int | None, template_id: str) -> tuple[int, ...]:
    """The rows of table 三 with figures that a label cell names one after another, from `at` on,
    when it names two or more (see _unread_together); or, a label run into the next one's
    numbering ("一、本年新收…数量二、上年结转…数量": a label names its row where its cell ends),
    the rows its numbered pieces name."""
    rows, match = _matcher(template_id)
    if at is None or not rows[at].key:
        return ()
    named = [at]
    while (after := match(label, named[-1] + 1)) is not None and rows[after].key:
        named.append(after)
    if len(named) > 1:
        return tuple(named)
    pieces = _numbered_pieces(label)
    if len(pieces) < 2:
        return ()
    keyed = {i for piece in pieces if (i := match(piece, 0)) is not None and rows[i].key}
    return tuple(sorted(keyed)) if len(keyed) > 1 else ()


# Where a row's numbering starts inside a label cell (一、 (一) 1.): the pieces each a row's label.
_NUMBERED_PIECE = re.compile(rf"(?={labels.ROW_NUMBERING})")


@functools.lru_cache(maxsize=4096)  # label cells repeat from report to report
def _numbered_pieces(label: str) -> tuple[str, ...]:
    return tuple(piece for piece in _NUMBERED_PIECE.split(squash(label)) if piece)


def _unread_together(raw: Raw, rows: list) -> None:
    """Rows whose labels are printed in one cell (行政处罚行政强制, "2.其他法律行政法规禁止公开
    3.危及…": a PDF table that lost the rule between two rows merges their cells): the figures
    beside them may be either row's, so none of them is read."""
    for row in rows:
        if row.key not in raw.unread:
            raw.unread.append(row.key)
            raw.why[row.key] = together_why(rows)


def together_why(rows: list) -> str:
    named = "与".join(f"「{row.label}」" for row in rows)
    return f"{named}印在同一格中（两行之间的表格线可能缺失），格旁的数值属于哪一行无法确定"


def rows_together_in_cells(lines: list[str], table: str, t: tpl.Template) -> dict:
    """Text with tabs: the rows of table 二 or 三 whose labels one cell prints together (see
    _unread_together), each with why. Text without tabs tells no cell: a wrapped label and a
    blank row's label run into the next line's as well."""
    found: dict = {}
    app_rows, match = _row_matcher(t)
    for line in lines:
        if "\t" not in line:
            continue
        for cell in line.split("\t"):
            if cell.isascii():
                if cell.strip():
                    break  # the row's figures: its label cells stand before them
                continue
            if len(cell) < 4:  # too short to hold two labels
                continue
            if table == "二":
                rows = list(_proactive_rows_together(cell, t.id))
            else:
                rows = [app_rows[i] for i in _app_rows_together(cell, match(cell, 0), t.id)]
            if rows:
                found.update({row.key: together_why(rows) for row in rows})
    return found


def _heading_items(label: str, rows: list, template_id: str) -> str | None:
    """The key of the template's row (one without items) whose label heads numbered items here."""
    text = labels.numbered_as_items(squash(without_footnote_marks(label)))
    for row, cores in zip(rows, row_cores(template_id)):
        if row.key and row.level < 2 and any(labels.heads_items_in(text, core) for core in cores):
            return row.key
    return None


_MERGES_OFF = ("表中有一行的单元格无法对应到表头各列（如某个单元格向下或向右合并过多，把其后各行推离了表头的列），"
               "无法确定各数值所在的列")


def _covered_among_figures(grid: Grid, first_data: int, start: int) -> bool:
    """Whether a row has a position covered by a cell merged down from a row above standing among
    its figures (a figure of its own on either side, from column `start` on): in the table's text
    that position is an empty cell, which the text reader would take for a blank one."""
    for r in range(first_data, len(grid)):
        figure = covered = False
        for cell, first, _ in grid.row(r):
            if cell.top < r:
                covered = covered or (figure and first >= start)
            elif _is_figure(cell.text):
                if covered:
                    return True
                figure = True
    return False


def _header_lost_a_cell(grid: Grid, headers: list, first_data: int, columns: _Columns) -> bool:
    """Whether a header row of a table with merged cells has a position no cell of the file covers
    above the figures' columns (法人或其他组织's <td> lost: 总计 then stands over 商业企业's
    column; the corner cell merged a column too narrow: every header a column left). Which header
    cell was lost is unknown, so no header's column is certain: the table is the text reader's,
    which reads each row by its own cells."""
    if not grid.spans or not grid.lost_cells or not headers:
        return False
    top = min(row for _, row, _, _ in headers)
    lost = {c for r in range(top, first_data) for c in range(columns.start, grid.width) if grid.lost_cell(r, c)}
    # Under a header, or where rows below have figures (the header short of the rows' width:
    # each header then stands a column left of its figures).
    return any(c in columns.owner or any(_is_figure(grid.cells[r][c].text) for r in range(first_data, len(grid)))
               for c in lost)


def _org_columns_apart(columns: _Columns) -> bool:
    """Whether another applicant column stands among those under 法人或其他组织 (商业企业 … 其他):
    no table prints its header so, but merged header cells a recogniser placed wrong do (法人或
    其他组织 over one column: 总计, merged down over two header rows, then pushes the sub-headers
    after it a column right). Read by those places, each figure would be another column's."""
    org = [c for c, key in columns.owner.items() if key in tpl.APPLICANT_ORG_COLUMNS]
    return bool(org) and any(key not in tpl.APPLICANT_ORG_COLUMNS
                             for c, key in columns.owner.items() if min(org) < c < max(org))


def _certainly_refused(grid: Grid, first_data: int, columns: _Columns, keys: list[str], rows, match) -> bool:
    """Whether applications' row loop would return None at some row whatever the rows before
    it: a text grid's row with a figure under no header (whose cells _place cannot place) and
    a label that names no keyed row from any pointer. Found before any row is placed."""
    if grid.spans:
        return False  # a merged cell may still be placed in order (_place_in_order)
    start = columns.start
    free = {c for c in range(start, grid.width) if columns.owner.get(c) not in keys} - columns.notes
    unfit = grid.short | grid.long
    if not free and not unfit:
        return False
    for r in range(first_data, len(grid)):
        if r not in unfit and not any(cell.top == r and first == last and first in free and cell.text
                                      and _is_figure(cell.text) for cell, first, last in grid.row(r)):
            continue
        label = _label_of(grid, r, start)
        at = match(label, 0) if label else None
        while at is not None and not rows[at].key:  # each row the label names, in order
            at = match(label, at + 1)
        if at is None:
            return True
    return False


def _one_header_by_its_place(grid: Grid, first_data: int, headers: list, columns: _Columns, keys: list[str]) -> list:
    """A header worded as no known variant (科研院所 for 科研机构): named by its place when it is
    the only one missing and stands alone in the columns between the headers of the columns
    before and after it in the template's order. None at either end of the order: a column there
    could as well be a label's or a note's."""
    missing = [k for k in keys if k not in columns.keys]
    if len(missing) != 1 or missing[0] in (keys[0], keys[-1]):
        return []
    at = keys.index(missing[0])
    owned = lambda key: [c for c, k in columns.owner.items() if k == key]
    lo, hi = max(owned(keys[at - 1])) + 1, min(owned(keys[at + 1])) - 1
    if lo > hi:
        return []
    # Looked for from the row of its neighbours' headers down (a group header above them, such
    # as 法人或其他组织, is no column's own).
    top = max(row for key, row, _, _ in headers if key in (keys[at - 1], keys[at + 1]))
    found = {(id(cell), r, first, last): cell for r in range(top, first_data) for cell, first, last in grid.row(r)
             if cell.top == r and first >= lo and last <= hi and cell.text and not _is_figure(cell.text)}
    if len(found) != 1 or any(c in columns.owner for c in range(lo, hi + 1)):
        return []
    (_, r, first, last), = found
    if (first, last) != (lo, hi):
        # Text without spans: the other columns between the neighbours must be the empty ones a
        # merged header leaves beside it, in its own header row and below (a group header above,
        # such as 法人或其他组织, spans them all).
        if grid.spans or any(grid.cells[row][c].text for row in range(r, first_data)
                             for c in range(lo, hi + 1) if not first <= c <= last):
            return []
    return [(missing[0], r, first, last)]


# -- table 四 ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _leaf_labels() -> dict[str, str]:
    return {_norm(v): k for k, vs in tpl.REVIEW_COLUMN_LABELS.items() for v in vs}


@functools.lru_cache(maxsize=None)
def data_row_labels() -> frozenset:
    """The labels of table 四's row of figures (tpl.REVIEW_DATA_ROW_LABELS), normalised."""
    return frozenset(_norm(label) for label in tpl.REVIEW_DATA_ROW_LABELS)


def _labelled(texts: dict[str, list[str]]) -> bool:
    """Whether the row's label stands among the texts placed under table 四's columns."""
    labels = data_row_labels()
    # (A figure, the text of most cells, is no label: not normalised.)
    return any(x and not x.isdigit() and _norm(x) in labels for found in texts.values() for x in found)


def _first_data(grid: Grid, start: int = 0) -> int | None:
    """The first row from `start` on where a figure starts (3件 too: a count with its unit)."""
    for r in range(start, len(grid)):
        for cell, _, _ in grid.row(r):
            if cell.top == r and cell.text and _is_count(cell.text):
                return r
    return None


@functools.lru_cache(maxsize=4096)  # asked of the header's words above all, which repeat from report to report
def _is_count(text: str) -> bool:
    return parse_number(units.without_count_unit(text)) is not None


@functools.lru_cache(maxsize=4096)  # a column's header words repeat from column to column and report to report
def _groups_named(words: str) -> tuple[str, ...]:
    """The groups of table 四 whose words a column's (normalised) header holds."""
    return tuple(g for g, ws in tpl.REVIEW_GROUP_WORDS if any(w in words for w in ws))


@functools.lru_cache(maxsize=4096)  # a column's header cells repeat from report to report
def _column_named(joined: tuple[str, ...], above: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """The groups of table 四 a column's header names (joined: the texts that name them, top to
    bottom), and its key (group.leaf) from the lowest of its header cells (above: their texts,
    top to bottom) that names a result, or None."""
    groups = _groups_named(_norm("".join(joined)))
    if groups:
        leaf_labels = _leaf_labels()
        for text in reversed(above):
            leaf = leaf_labels.get(_label_norm(text))
            if leaf:
                return groups, f"{groups[0]}.{leaf}"
    return groups, None


def _review_headers(grid: Grid, top: int, first_data: int,
                    one_group: bool = False) -> list[tuple[str, int, int, int]] | None:
    """(group.leaf, 0, column, column) of each column whose header rows (top to first_data) name a
    group and a result. one_group: a column whose headers name two groups makes it None (the
    headers of two blocks run together)."""
    headers: list[tuple[str, int, int, int]] = []
    if not grid.spans:
        # Without spans a group heading (行政复议, 未经复议直接起诉 …) stands in the first column
        # it covers only: the nearest heading to the left in each header row, found in one pass.
        nearest = []
        for r in range(top, first_data):
            last, line = "", []
            for cell in grid.cells[r]:
                last = cell.text or last
                line.append(last)
            nearest.append(line)
    header_rows = grid.cells[top:first_data]
    for c in range(grid.width):
        above, texts = None, []  # the column's header cells, each once (one merged down: once)
        for row in header_rows:
            cell = row[c]
            if cell is not above:
                above = cell
                texts.append(cell.text)
        texts = tuple(texts)
        # One cached answer for the column's texts: the same header cells head report after report.
        groups, key = _column_named(texts if grid.spans else tuple([line[c] for line in nearest]), texts)
        if one_group and len(groups) > 1:
            return None
        if key:  # a column that names no group (the labels') or no result is not asked for
            headers.append((key, 0, c, c))
    return headers


def review_litigation(grid: Grid, t: tpl.Template) -> Raw | None:
    leaf_labels = _leaf_labels()
    first_data = _first_data(grid)
    if first_data is None or first_data == 0:
        return None
    headers = _review_headers(grid, 0, first_data)
    columns = _Columns(headers, _remark_headers(grid, first_data))
    keys = [f"{g}.{c.key}" for g, _ in t.review_groups for c in t.review_columns]
    raw = Raw()
    if (_leaf_across_groups(grid, first_data, headers) or _header_over_two_cells(grid, leaf_labels)
            or _rows_short_of_header(grid, first_data)):
        raw.unread.append("data")
        return raw
    if columns.keys != set(keys):
        return _review_by_rows(grid, t, leaf_labels, first_data)
    for r in range(first_data, len(grid)):
        texts = _place(grid, r, columns, keys, columns.start)
        if texts is None:
            # Every header found, the row's figures not placed under them: unread, not handed to
            # the text reader (which would take the figures in order, a blank cell dropping out).
            raw.unread.append("data")
            return raw
        if not any(x for ts in texts.values() for x in ts):
            continue  # a trailing row of blank cells
        if _labelled(texts):
            # The row's label (件数) under a result's header: its cells stand a column right of
            # the header's (a header drawn without the label column), each under another's:
            # not read from the grid (the text reader takes the row whole, or refuses it).
            return None
        if "data" in raw.cells:
            _again(raw, "data", texts)
            break
        _settle(raw, "data", texts)
    return raw if "data" in raw.cells else None


def _header_over_two_cells(grid: Grid, leaf_labels: dict) -> bool:
    """Whether a column's header cell (a label of `leaf_labels`) is merged over columns in which a
    row of figures below has two cells of its own, each wholly under it (结果维持 merged a column
    too wide): the header's reach is wrong and each header after it stands a column off. Read in
    the file's columns, before empty ones are dropped (a blank cell under the header too)."""
    if not grid.spans:
        return False
    rows = grid.untidy
    # Each cell once (a merged one stands in several positions); an empty one is no figure.
    first = next((r for r, row in enumerate(rows)
                  if any(cell.text and _is_figure(cell.text) for cell in dict.fromkeys(row))), None)
    if not first:
        return False
    wide = {}  # the columns of each header cell: one merged down over two rows is in one column
    for row in rows[:first]:
        for c, cell in enumerate(row):
            if cell.text and _label_norm(cell.text) in leaf_labels:
                wide.setdefault(id(cell), set()).add(c)
    for columns in wide.values():
        if len(columns) < 2:
            continue
        lo, hi = min(columns), max(columns)
        for row in rows[first:]:
            inside = {id(cell) for cell in row[lo:hi + 1] if not grid.is_padding(cell)}
            # cells reaching out of the header's columns (Word's merges offset from the header's)
            inside -= {id(cell) for cell in row[:lo] + row[hi + 1:]}
            if len(inside) >= 2:
                return True
    return False


def _rows_short_of_header(grid: Grid, first_data: int) -> bool:
    """Whether a row of figures of a table with merged cells has no cell of the file in a column
    where a header cell stands, and an empty column was dropped from the grid: the header reaches
    a column past the rows (an empty cell too many in a header row, over a blank cell of the row),
    and which of its cells is the stray one is unknown. (With no column dropped, the row's text
    keeps each blank cell for the text reader.)"""
    if not grid.spans or not grid.padded or not grid.untidy or len(grid.untidy[0]) == grid.width:
        return False
    headed = {c for r in range(first_data) for c in range(grid.width) if grid.cells[r][c].text}
    return any(grid.no_cell(r, c) for r in range(first_data, len(grid))
               if any(_is_figure(cell.text) for cell in grid.cells[r]) for c in headed)


def _leaf_across_groups(grid: Grid, first_data: int, headers: list) -> bool:
    """Whether one result's header cell (总计) stands under two groups (未经复议直接起诉 and
    复议后起诉): merged a column too wide, it pushes the results after it a column right of
    their group's, and which of its columns is its own is unknown."""
    if not grid.spans:
        return False
    seen: dict[int, str] = {}
    above = grid.cells[first_data - 1::-1]  # the header rows, the lowest first
    for key, _, c, _ in headers:
        group = key.split(".")[0]
        for row in above:  # a loop, not next() over a generator made anew for each header
            cell = row[c]
            if cell.text:
                break
        if seen.setdefault(id(cell), group) != group:
            return True
    return False


def review_litigation_blocks(grids: list[Grid], t: tpl.Template) -> Raw | None:
    """Table 四 printed in blocks, each with its own header and data row: 行政复议 over 5
    columns, then 行政诉讼 over 10 (or its two groups of 5), one block under the other in one
    table or each in a table of its own. Read only when every block's header names whole groups
    (all five results, each column once, one group to a column), no group twice, and the blocks
    together give all three groups; else None."""
    leaves = [c.key for c in t.review_columns]
    keys = [f"{g}.{leaf}" for g, _ in t.review_groups for leaf in leaves]
    found: dict[str, list[str]] = {}
    for grid in grids:
        top = 0
        while top < len(grid) and len(found) < len(keys):
            first_data = _first_data(grid, top)
            if first_data is None or first_data == top:
                return None  # header rows without figures under them, or figures without a header
            headers = _review_headers(grid, top, first_data, one_group=True)
            if not headers:
                return None
            columns = _Columns(headers)
            block_keys = sorted(columns.keys)
            groups = {k.split(".")[0] for k in block_keys}
            if (len(block_keys) != len(headers) or set(block_keys) != {f"{g}.{leaf}" for g in groups for leaf in leaves}
                    or any(k in found for k in block_keys)):
                return None
            texts = _place(grid, first_data, columns, block_keys, columns.start)
            if texts is None or _labelled(texts):
                return None
            found.update(texts)
            top = first_data + 1
            while top < len(grid) and not any(cell.text for cell in grid.cells[top]):
                top += 1  # blank rows after a block's figures
        if len(found) == len(keys):
            break
    if set(found) != set(keys):
        return None
    raw = Raw()
    _settle(raw, "data", {k: found[k] for k in keys})
    return raw


def _review_by_rows(grid: Grid, t: tpl.Template, leaf_labels: dict, first_data: int) -> Raw | None:
    """Table 四 drawn the other way round: the five results as columns once, and the three groups
    (行政复议, 未经复议直接起诉, 复议后起诉) as rows, each named by its label. Read only when each
    group has a row of its own and every result a column of its own."""
    leaves = [c.key for c in t.review_columns]
    header = None
    for r in range(first_data):
        found = [(leaf_labels[_label_norm(cell.text)], first, last) for cell, first, last in grid.row(r)
                 if _label_norm(cell.text) in leaf_labels]
        if sorted(k for k, _, _ in found) == sorted(leaves):
            header = found
    if header is None:
        return None
    columns = _Columns([(key, 0, first, last) for key, first, last in header])
    rows: dict[str, dict[str, list[str]]] = {}
    for r in range(first_data, len(grid)):
        label = _norm(_label_of(grid, r, columns.start))
        group = next((g for g, words in tpl.REVIEW_GROUP_WORDS if any(w in label for w in words)), None)
        texts = _place(grid, r, columns, leaves, columns.start)
        if texts is None:
            return None
        has_figures = any(x for ts in texts.values() for x in ts)
        if group is None or group in rows:
            if has_figures:
                return None  # figures on a row that names no group, or a group twice
            continue
        rows[group] = texts
    if set(rows) != {g for g, _ in t.review_groups}:
        return None
    raw = Raw()
    _settle(raw, "data", {f"{g}.{leaf}": rows[g][leaf] for g, _ in t.review_groups for leaf in leaves})
    return raw


# -- table 二 ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1024)
def _column_words(text: str) -> frozenset:
    """The column keys of table 二 whose words a header cell holds."""
    text = squash(text)
    return frozenset(k for k, ws in tpl.PROACTIVE_COLUMN_WORDS.items() if any(w in text for w in ws))


def _reach_right(words: list) -> list:
    """Header cells of a grid without spans (text copied from a table): a merged header is written
    in its first column and the columns it covers are empty, so a header reaches over the empty
    header cells to its right (本年增/减⇥⇥处理决定数量: 本年增/减 owns two columns)."""
    out = []
    nxt = None  # the first column of the nearest cell with text to the right (from right to left)
    for cell, first, last, keys in reversed(words):
        if keys and nxt is not None:  # the last header keeps its own column: what lies beyond
            last = max(last, nxt - 1)  # the table's last header is no column of it
        out.append((cell, first, last, keys))
        if cell.text:
            nxt = first
    out.reverse()
    return out


@functools.lru_cache(maxsize=None)  # one per template
def _proactive_rows(template_id: str) -> dict:
    """The row of table 二 each (normalised) label names."""
    return {_norm(label): row for row in tpl.get(template_id).proactive for label in tpl.PROACTIVE_ROW_LABELS[row.key]}


@functools.lru_cache(maxsize=1024)  # label cells repeat from report to report
def _proactive_rows_together(text: str, template_id: str) -> tuple:
    """The rows of table 二 whose labels, one after another, make up the whole of a label cell,
    when two or more do (see _unread_together)."""
    row_of = _proactive_rows(template_id)
    bare, at, named = _label_norm(text), 0, []
    while at < len(bare):
        # The longest label first: 行政规范性文件 is no 规范性文件 after 行政.
        label = max((label for label in row_of if bare.startswith(label, at)), key=len, default=None)
        if label is None:
            return ()
        named.append(row_of[label])
        at += len(label)
    return tuple(named) if len({row.key for row in named}) > 1 else ()


@functools.lru_cache(maxsize=1024)  # a part's header and its rows repeat from report to report
def _header_columns(header: tuple, template_id: str, row_key: str) -> tuple[list, dict, _Columns, str | None]:
    """The header cells of a row's columns, up to the first column without exactly one, the units
    its amount columns' headers name, the _Columns they make (remarks columns too), and why that
    first column has none (None: every column has its header). header: (text, first, last, column
    keys) of each header cell. Shared: not to be changed."""
    headers, header_units, why = [], {}, None
    for col in tpl.get(template_id).proactive_row(row_key).columns:
        spans = [(first, last, text) for text, first, last, keys in header if col.key in keys]
        if len(spans) != 1:
            why = (f"表头中找不到「{col.label}」一栏" if not spans else
                   f"表头中有 {len(spans)} 栏都像「{col.label}」（{'、'.join(text for *_, text in spans)}）")
            break
        first, last, text = spans[0]
        headers.append((col.key, 0, first, last))
        if col.kind == "amount":
            header_units[col.key] = tpl.amount_unit(text)
    notes = [(first, last) for text, first, last, _ in header if _norm(text) in _note_labels()]
    return headers, header_units, _Columns(headers, notes), why


def proactive(grid: Grid, t: tpl.Template) -> Raw | None:
    row_of = _proactive_rows(t.id)
    raw = Raw()
    header: tuple[tuple[str, int, int, frozenset], ...] = ()  # (text, first, last, column keys) of each cell
    under_header: dict[int, tuple] = {}  # _header_columns by id(row.columns): rows of a kind share them
    for r in range(len(grid)):
        row_cells = grid.row(r)
        label_cell, _, label_last = row_cells[0]
        if label_cell.top == r:
            row = row_of.get(_label_norm(label_cell.text))
        elif all(cell.top != r for cell, _, _ in row_cells):
            continue  # every cell merged down from the rows above
        else:
            row = None
        if row is None and label_cell.top == r and (together := _proactive_rows_together(label_cell.text, t.id)):
            _unread_together(raw, list(together))
            continue
        if row is None:
            words = [(cell, first, last, _column_words(cell.text)) for cell, first, last in row_cells[1:]]
            if not grid.spans:
                words = _reach_right(words)
            if any(keys for *_, keys in words):
                header, under_header = tuple((cell.text, first, last, keys) for cell, first, last, keys in words), {}
            elif any(_is_number(cell.text)  # the row's own cells after its first
                     for cell, _, _ in [placed for placed in row_cells if placed[0].top == r][1:]):
                return None  # figures on a row we cannot name
            continue
        if id(row.columns) not in under_header:
            under_header[id(row.columns)] = (*_header_columns(header, t.id, row.key), [c.key for c in row.columns])
        headers, header_units, columns, why, keys = under_header[id(row.columns)]
        if len(headers) != len(row.columns) and grid.spans:
            # A column of the row without a header of its own (header rows printed once): the
            # text reader reads the rows of a page or Word table by their own cells (a merged
            # cell written once in the text it gets). In tab text the columns a merged figure
            # covers are empty cells it would take for blank ones: there the row is unread.
            return None
        if len(headers) != len(row.columns):
            texts = None
        elif _filled_after(row_cells, r, label_last, columns) > len(row.columns):
            texts = None  # more filled cells than columns: some header's reach is not what it seems
        else:
            texts = _place(grid, r, columns, keys, label_last + 1)
        if texts is not None:
            for col in row.columns:  # 2笔, 47.9659万元; 采购总金额（元）: in 元, not the template's 万元
                found = texts[col.key]  # a list _place made for this row alone: changed in place
                for i, text in enumerate(found):
                    found[i] = units.in_column(text, col.kind, header_units.get(col.key))
        if row.key in raw.cells or row.key in raw.unread:
            if row.key in raw.cells:
                _again(raw, row.key, texts)
            continue
        if texts is None:
            # The row alone is left unread, not the table handed to the text reader, which takes
            # the positions a merged figure covers (empty cells in text) for blank columns.
            raw.unread.append(row.key)
            if why:
                raw.why[row.key] = f"{why}，无法确定各数值所在的列"
            continue
        _settle(raw, row.key, texts)
    # Text without spans whose table this reader could place nothing of (headers it does not
    # know) is the text reader's; a table with merged cells is never handed to it.
    return raw if raw.cells or (raw.unread and grid.spans) else None


def _filled_after(row_cells: tuple, r: int, label_last: int, columns: _Columns) -> int:
    """How many of row r's own cells right of its label hold text, remarks left out. (A loop:
    a generator given to sum costs more than the few cells it counts.)"""
    filled = 0
    for cell, first, last in row_cells:
        if cell.top == r and cell.text and last > label_last and not columns.noted(first, last):
            filled += 1
    return filled


@functools.lru_cache(maxsize=None)
def _table_marks(table: str) -> tuple[str, ...]:
    return tuple(_norm(m) for m in tpl.TABLE_MARKS[table])


def tables_with(grids: list[Grid], table: str) -> list[Grid]:
    """The grids that hold words of the given table, in order."""
    marks = _table_marks(table)
    return [grid for grid in grids if not grid.ragged and _two_of(marks, grid.norm_text)]


def _two_of(marks: tuple[str, ...], text: str) -> bool:
    """Whether the text holds two of the marks or more. Each search of a whole table's words is
    dear: none is made once two are found, or once too few are left to make two."""
    held = 0
    for i, mark in enumerate(marks, 1):
        if mark in text:
            held += 1
            if held == 2:
                return True
        elif held + len(marks) - i < 2:  # the marks after this one cannot make two
            return False
    return False
