"""A table of the template read from grids: the first grid that holds it and reads with
confidence, and the grids right after it that go on with it (table 三 cut by a page break, table
二 printed as one small table per article of 第二十条, table 四 printed as a table per group)."""
from __future__ import annotations

from . import grid_tables, template as tpl
from .grid import Grid
from .textnorm import label_key, parse_number

_GRID_READERS = {"二": grid_tables.proactive, "三": grid_tables.applications, "四": grid_tables.review_litigation}


def from_grids(grids: list[Grid], table: str, t: tpl.Template) -> grid_tables.Raw | None:
    """The table read from the first grid that holds it and reads with confidence, with the
    grids that continue it."""
    for grid in grid_tables.tables_with(grids, table):
        raw = _GRID_READERS[table](grid, t)
        if table in _PIECES_AS_WIDE:
            raw = _continued(grids, grid, raw, table, t)
        if raw is None and table == "四":
            raw = grid_tables.review_litigation_blocks(_following(grids, grid, table), t)
        if raw is not None:
            return raw
    return None


def _following(grids: list[Grid], grid: Grid, table: str) -> list[Grid]:
    """`grid` and the grids right after it that hold words of the same table and of no other."""
    at = next(i for i, g in enumerate(grids) if g is grid)
    others = [label_key(m) for other in tpl.TABLE_PARTS if other != table for m in tpl.TABLE_MARKS[other]]
    out = [grid]
    for piece in grids[at + 1:]:
        if piece.ragged or not grid_tables.tables_with([piece], table) or any(m in piece.norm_text for m in others):
            break
        out.append(piece)
    return out


# Tables that may go on in the grids after the first: 三 cut by a page break (the pieces as wide
# as the first in the file), 二 printed as one small table per article of 第二十条 (any width),
# 四 whose row of figures a page break put in a table of its own under the header (as wide).
_PIECES_AS_WIDE = {"三": True, "二": False, "四": True}


def _whole(raw: grid_tables.Raw, table: str, t: tpl.Template) -> bool:
    """Whether every row of the table is read."""
    if table == "四":
        return "data" in raw.cells
    return all(r.key in raw.cells for r in (t.data_rows if table == "三" else t.proactive))


def _figures_only(piece: Grid) -> bool:
    """Whether every cell of the piece with text is a figure (a row of table 四 without its header),
    but for the row's label (tpl.REVIEW_DATA_ROW_LABELS) before its first figure."""
    labels = grid_tables.data_row_labels()
    for row in piece.cells:
        figures = False
        for cell in row:
            if not cell.text:
                continue
            if parse_number(cell.text) is not None:
                figures = True
            elif figures or label_key(cell.text) not in labels:
                return False
    return True


def _continued(grids: list[Grid], grid: Grid, raw: grid_tables.Raw | None, table: str,
               t: tpl.Template) -> grid_tables.Raw | None:
    """The grids right after `grid` that hold no other table are read with it as one table (a
    header over all of them), as long as each adds rows."""
    if raw is not None and _whole(raw, table, t):
        return raw
    at = next(i for i, g in enumerate(grids) if g is grid)
    others = [label_key(m) for other in tpl.TABLE_PARTS if other != table for m in tpl.TABLE_MARKS[other]]
    whole = grid
    for piece in grids[at + 1:]:
        if (not piece.untidy or piece.ragged or any(m in piece.norm_text for m in others)
                or (_PIECES_AS_WIDE[table] and (piece.own_columns or len(piece.untidy[0]) != len(grid.untidy[0])))
                or (table == "四" and not _figures_only(piece))):
            break
        joined = Grid.stacked([whole, piece.from_figures() if table == "三" else piece])
        more = grid_tables.applications(joined, t, where=True) if table == "三" else _GRID_READERS[table](joined, t)
        if more is None or (raw is not None and len(more.cells) <= len(raw.cells)):
            break
        if table == "三" and _unread_if_left(more, len(whole), t):
            return more
        whole, raw = joined, more
    return raw


def _unread_if_left(raw: grid_tables.Raw, boundary: int, t: tpl.Template) -> bool:
    """Whether the piece joined at grid row `boundary` stands left of the header's columns (drawn
    without a label column the rows above merge down): its sub-items' labels (1. 2. … under a
    group) end in another column than those above. Then each of its rows whose label ends short
    of the figures' columns is unread, those whose first figure is blank too (no figure among the
    labels shows the shift): their figures stand a column left of their own."""
    sub_items = {r.key for r in t.data_rows if r.level == 2}
    above = {end for key, (r, end) in raw.labels_end.items() if key in sub_items and r < boundary}
    below = {end for key, (r, end) in raw.labels_end.items() if key in sub_items and r >= boundary}
    if not above or not below or below == above:
        return False
    for key, (r, end) in raw.labels_end.items():
        if r >= boundary and end < raw.figures_from - 1 and key in raw.cells:
            del raw.cells[key]
            raw.unread.append(key)
    return True
