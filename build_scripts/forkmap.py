"""fn(item) for every item, on every core: forked worker processes, which inherit fn and what it
reads (the model, the templates), so only the items' positions and the results are pickled.

Below `least` items, on one core, or where fork is not available, the items are done in this
process (starting workers costs more): the results are the same, in the same order.
"""
from __future__ import annotations

import multiprocessing
import os

_FN = None  # the function, for the forked workers


def cores(workers: int | None = None) -> int:
    """`workers` if given, else the cores this process may run on."""
    return workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _chunk(bounds: tuple[int, int]) -> list:
    fn, items = _FN
    return [fn(item) for item in items[bounds[0]:bounds[1]]]


def fork_map(fn, items: list, workers: int | None = None, least: int = 300) -> list:
    """[fn(item) for item in items], in forked workers when there are at least `least` items."""
    global _FN
    n = cores(workers)
    if n < 2 or len(items) < least or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    size = max(20, len(items) // (n * 8))
    _FN = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            return [result for chunk in pool.imap(_chunk, [(i, i + size) for i in range(0, len(items), size)])
                    for result in chunk]
    finally:
        _FN = None
