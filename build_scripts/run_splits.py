"""Cutting a row's figures that a crawler's capture ran together ("140000014", table 四's
"25380363300630003") back into its cells, where the row's sums allow one cut only.

A row is cut into groups of `group` cells, the last of each group the sum of the others (table
三: one group of 7; table 四: three of 5). No cell is printed with a leading 0, a figure never
spans two runs (something stood between them), and a blank cell leaves no trace in the text, so
a cut into fewer figures is the row with blank cells (table 三: cuts into at most n figures; table
四: every placement of digits and blank cells, a blank counting 0 in the sums). The
row is read only where exactly one way adds up and it has no blank cell: where another way adds
up too, blank cells counted in ("220000022": 22 … 22, or 2, 20 … 22), which is right is unknown.
"""
from __future__ import annotations

import functools

# Table 四: at most this many digits more than cells (a figure of 3 digits is 2 more).
MAX_EXTRA_DIGITS = 5


def sole_split(runs: list[str], n: int, group: int) -> list[str] | None:
    """The n cells of a row whose runs of digits hold them with nothing between: the one way to
    cut them that adds up in every group, or None (no way, more than one, a blank cell in the one
    way, or more digits than the search is bounded to: too long a run to tell)."""
    digits = "".join(runs)
    if group == n:
        return _one_group(runs, n)
    # Several groups (table 四): every placement of blank cells is tried, so the runs are kept
    # short (a few figures of two or three digits, as real rows have) to keep the search quick.
    if n % group or not n <= len(digits) <= n + MAX_EXTRA_DIGITS:
        return None
    # Where each run ends: no figure reaches past it.
    ends, at = [], 0
    for run in runs:
        at += len(run)
        ends.append(at)

    def run_end(pos: int) -> int:
        return next(end for end in ends if end > pos)

    @functools.lru_cache(maxsize=None)
    def ways(pos: int, cell: int, partial: int) -> tuple:
        """Up to two ways (tuples of figures, None for a blank cell) to fill cells `cell`… from
        digits[pos:], the group's cells so far summing to `partial`."""
        if cell == n:
            return ((),) if pos == len(digits) else ()
        is_total = cell % group == group - 1
        found: list[tuple] = []

        def follow(figure: str | None, value: int) -> None:
            if is_total and value != partial:
                return
            rest = ways(pos + len(figure or ""), cell + 1, 0 if is_total else partial + value)
            found.extend((figure, *way) for way in rest[:2 - len(found)])

        follow(None, 0)
        if pos < len(digits):
            last = 1 if digits[pos] == "0" else run_end(pos) - pos
            for length in range(1, last + 1):
                if len(found) >= 2:
                    break
                figure = digits[pos:pos + length]
                follow(figure, int(figure))
        return tuple(found[:2])

    found = ways(0, 0, 0)
    if len(found) != 1 or None in found[0]:
        return None
    return list(found[0])


def _one_group(runs: list[str], n: int) -> list[str] | None:
    """A row of one group (table 三): the one cut into n figures whose last is the sum of the
    others; None where no cut or more than one adds up, counting a cut into fewer figures (the row
    with blank cells, its last figure the total or every figure 0), or the runs hold more than two
    digits a cell."""
    if not n <= sum(map(len, runs)) <= 2 * n:
        return None
    found = None
    for figures in _cuts(runs, n):
        values = [int(figure) for figure in figures]
        if sum(values[:-1]) == values[-1]:
            if found is not None or len(figures) < n:
                return None
            found = figures
    return found


def _cuts(runs: list[str], most: int):
    """Every way to cut the runs into at most `most` figures, none with a leading 0."""
    if not runs:
        yield []
        return
    run, rest = runs[0], runs[1:]
    for end in range(1, len(run) + 1):
        head = run[:end]
        if (head[0] == "0" and end > 1) or most < 1:
            break
        for tail in _cuts([run[end:], *rest] if end < len(run) else rest, most - 1):
            yield [head, *tail]
