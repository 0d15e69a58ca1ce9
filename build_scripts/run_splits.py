"""Cutting a row's figures that a crawler's capture ran together ("140000014", table 四's
"25380363300630003") back into its cells, where the row's sums allow one cut only.

A row is cut into groups of `group` cells, the last of each group the sum of the others (table
三: one group of 7; table 四: three of 5). No cell is printed with a leading 0, a figure never
spans two runs (something stood between them), and a blank cell leaves no trace in the text, so
every way to place the digits and the blank cells is tried (a blank counts 0 in the sums). The
row is read only where exactly one way adds up and it has no blank cell: where another way adds
up too, blank cells counted in ("220000022": 22 … 22, or 2, 20 … 22), which is right is unknown.
"""
from __future__ import annotations

import functools


def sole_split(runs: list[str], n: int, group: int) -> list[str] | None:
    """The n cells of a row whose runs of digits hold them with nothing between: the one way to
    cut them that adds up in every group, or None (no way, more than one, a blank cell in the one
    way, or more digits than two a cell: too long a run to tell)."""
    digits = "".join(runs)
    if n % group or not n <= len(digits) <= 2 * n:
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
