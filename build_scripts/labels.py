"""Where a row label of table 三 stands in a stretch of text: after its numbering or at the start
of a line or cell, and not running on into a longer label ("3.其他" but not "2.其他法律行政法规禁止
公开" or "(六)其他处理"). The text reader, the grid reader and the column reader share this rule."""
from __future__ import annotations

import functools
import re

ROW_NUMBERING = r"(?:[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\)|(?<![\d.])\d{1,2}[.、])"


@functools.lru_cache(maxsize=None)
def pattern(core: str) -> re.Pattern:
    """In the matching stream the tabs between label cells are gone ("三、本年度办理结果(一)予以公开"),
    so the numbering is what marks the start of a label."""
    return re.compile(rf"(?:{ROW_NUMBERING}|(?:^|(?<=\s))){re.escape(core)}(?=[\s(]|$)")


def stands_in(text: str, core: str) -> bool:
    """Whether `core` (squashed) stands in `text` as a row label of its own."""
    return core in text and pattern(core).search(text) is not None


def find(text: str, core: str, pos: int) -> int:
    """Where a row label stands in the text from pos on, or -1. Only a short label (其他, 总计) is
    held to the rule: a long one is distinctive where it stands, even glued to its neighbours in
    text from a PDF."""
    if len(core) > 2:
        return text.find(core, pos)
    m = pattern(core).search(text, pos)
    return m.end() - len(core) if m else -1
