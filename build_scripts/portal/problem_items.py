"""The items of a list of problems, as the site's pages list them: each problem alone, except the
blank cells of one table row (P-missing-cell), which are one item, the row's place once and
then its columns. A small agency that prints only table 三's 总计 column has a problem for each of
some 150 cells; the data and the downloads keep them one by one, but listed so they bury the page.

Cells of a row are listed together when they printed the same thing (blank, or the same mark
such as “/”): a row mixing blanks and “/” gives an item for each, so both facts stay. Pure Python:
the templates write the markup.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from .model import problem_place

GROUPED_RULES = frozenset({"P-missing-cell"})
_SEPARATOR = " · "  # between the parts of a problem's place: "三 · <row label> · <column label>"


@dataclass(frozen=True)
class Item:
    """One entry of a list of problems."""
    indexes: tuple[int, ...]  # positions of its problems in the list they were taken from
    problems: tuple[dict, ...]
    place: str  # the problem's own place, or for cells listed together the place of their row
    columns: tuple[str, ...] = ()  # the column labels of cells listed together, in the list's order

    @property
    def first(self) -> int:
        """The position of its first problem: the item's number in the list is first + 1."""
        return self.indexes[0]

    @property
    def problem(self) -> dict:
        return self.problems[0]

    @property
    def grouped(self) -> bool:
        return len(self.problems) > 1


def _row_cell(problem: dict) -> tuple[tuple, str] | None:
    """((rule, table, row, row place, found), column label) of a problem that may be listed with
    the others of its row; None for any other."""
    if problem.get("rule") not in GROUPED_RULES:
        return None
    place = problem_place(problem)
    where = problem.get("where") or ""
    if place is None or not place[1] or not place[2] or _SEPARATOR not in where:
        return None
    row_place, column = where.rsplit(_SEPARATOR, 1)
    return (problem["rule"], place[0], place[1], row_place, problem.get("found")), column


def list_items(problems) -> list[Item]:
    """The items of `problems` (one report's, in their order): consecutive problems of a rule of
    GROUPED_RULES in one table row are one item for each thing printed (blank, “/” …), in the
    order of their first cells; one such cell alone is an item of its own, as any other problem."""
    items: list[Item] = []
    run: list[tuple[int, dict, tuple, str]] = []  # the current row's cells

    def close_run() -> None:
        together: dict[object, list[tuple[int, dict, str]]] = {}
        for i, p, key, column in run:
            together.setdefault(key, []).append((i, p, column))
        for key, cells in together.items():
            if len(cells) == 1:
                i, p, _ = cells[0]
                items.append(Item((i,), (p,), p.get("where") or ""))
            else:
                items.append(Item(tuple(i for i, _, _ in cells), tuple(p for _, p, _ in cells), key[3],
                                  tuple(c for _, _, c in cells)))
        run.clear()

    for i, p in enumerate(problems):
        cell = _row_cell(p)
        if run and (cell is None or cell[0][:4] != run[0][2][:4]):
            close_run()
        if cell is not None:
            run.append((i, p, *cell))
        else:
            items.append(Item((i,), (p,), p.get("where") or ""))
    close_run()
    return items


def rule_items(pairs) -> list[tuple[object, Item]]:
    """The rows of a rule's list of problems, [(report entry, Item)], from its (entry, problem)
    pairs (a report's problems one after another): the items of each report's problems."""
    out: list[tuple[object, Item]] = []
    for _, run in groupby(pairs, key=lambda pair: id(pair[0])):
        run = list(run)
        out.extend((run[0][0], item) for item in list_items([p for _, p in run]))
    return out
