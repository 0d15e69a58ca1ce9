"""Where a row label of table 三 stands in a stretch of text: after its numbering or at the start
of a line or cell, and not running on into a longer label ("3.其他" but not "2.其他法律行政法规禁止
公开" or "(六)其他处理"). The text reader, the grid reader and the column reader share this rule.

A row that carries figures in one template can be a group heading in the other: the 2019
template's （六）其他处理 is one row, the 2021 template's has the items 1-3 under it. Such a label
followed at once by the numbering of a first item ("（六）其他处理⇥1.申请人…") is the heading of
its items, never the row: its figures are the first item's.
"""
from __future__ import annotations

import functools
import re

from . import template as tpl

ROW_NUMBERING = r"(?:[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\)|(?<![\d.])\d{1,2}[.、])"
_FIRST_ITEM = re.compile(r"\s*1[.、](?!\d)")


@functools.lru_cache(maxsize=None)
def _group_capable() -> frozenset:
    """The squashed labels of rows above item level (一、…, (一)…(七)) in any template."""
    from .textnorm import squash

    return frozenset(squash(core) for t in tpl.BY_ID.values() for row in t.app_rows if row.level < 2
                     for core in tpl.row_cores(row))


def heads_items(text: str, end: int, core: str) -> bool:
    return core in _group_capable() and _FIRST_ITEM.match(text, end) is not None


@functools.lru_cache(maxsize=None)
def pattern(core: str) -> re.Pattern:
    """In the matching stream the tabs between label cells are gone ("三、本年度办理结果(一)予以公开"),
    so the numbering is what marks the start of a label. A crawler's capture runs the cells into
    each other ("…00000003.其他0000000(七)总计0000000四、…"): there a numbered label between figures
    is the label too (an item's one-digit number after a figure)."""
    numbered = rf"(?:{ROW_NUMBERING}|(?<=\d)\d[.、])"
    return re.compile(rf"(?:{numbered}|(?:^|(?<=\s))){re.escape(core)}(?=[\s(]|$)|{numbered}{re.escape(core)}(?=\d)")


# An item numbered in brackets, (3) or （3） (the same after NFKC), as some tables number theirs.
_ITEM_IN_BRACKETS = re.compile(r"\((\d)\)")


def numbered_as_items(text: str) -> str:
    """The (squashed) text with items numbered in brackets numbered as the template numbers them
    ("(3)其他" → "3.其他"): a short label is found by its numbering."""
    return _ITEM_IN_BRACKETS.sub(r"\1.", text) if "(" in text else text


def heads_items_in(text: str, core: str) -> bool:
    """Whether `core` (squashed) stands in `text` as the heading of numbered items."""
    return core in text and any(heads_items(text, m.end(), core) for m in pattern(core).finditer(text))


def stands_in(text: str, core: str) -> bool:
    """Whether `core` (squashed) stands in `text` as a row label of its own."""
    if core not in text:
        return False
    return any(not heads_items(text, m.end(), core) for m in pattern(core).finditer(text))


def find(text: str, core: str, pos: int) -> int:
    """Where a row label stands in the text from pos on, or -1. Only a short label (其他, 总计) is
    held to the rule: a long one is distinctive where it stands, even glued to its neighbours in
    text from a PDF."""
    if len(core) > 2:
        at = text.find(core, pos)
        while at >= 0 and heads_items(text, at + len(core), core):
            at = text.find(core, at + 1)
        return at
    for m in pattern(core).finditer(text, pos):
        if not heads_items(text, m.end(), core):
            return m.end() - len(core)
    return -1
