"""Readable paragraphs from extracted lines: page numbers (page_numbers.py) and stray URL lines dropped, paragraphs
that a printed page or a Word page break cut in two joined again."""
from __future__ import annotations

import re

from .page_numbers import MARK as PAGE_NUMBER_MARK
from .textnorm import PAGE_NUMBER_LINE, URL_LINE

# The start of a numbered paragraph or sub-heading: （一） (二) 一是 二、 1. 第一
_MARKER = re.compile(
    r"^(?:\*\*)?\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[是、]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]{1,3}[，,、])"
)
_CLOSING = "”’）)」』"
_TERMINAL = re.compile(rf"[。！？；!?;](?:\*\*)?[{_CLOSING}]*$")
_COLON_END = re.compile(r"[：:]$")
# What follows a colon on the next printed line when the colon did not end a paragraph:
# "传真：" / "0955-7068683；…", "网址：" / "http://…".
_RUNS_ON = re.compile(r"^[0-9A-Za-z<（(]")
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》"
# (Its first space matched before the look behind, which then takes it in: the regex engine skips
# to spaces instead of looking behind at every character.)
_CJK_SPACE = re.compile(rf"[ \t\u3000](?<=[{_CJK}][ \t\u3000])[ \t\u3000]*(?=[{_CJK}])")
# A page number's line or an address's, in one match.
_NOISE = re.compile(f"(?:{PAGE_NUMBER_LINE.pattern})|(?:{URL_LINE.pattern})")


def is_noise(line: str) -> bool:
    return bool(line.startswith(PAGE_NUMBER_MARK) or _NOISE.match(line))


def _breaks_before(prev: str, line: str) -> bool:
    # `prev` is the paragraph so far: its end is looked at, not all of it again for each line.
    # (A terminal stands at most three characters before the closing quotes and brackets, and
    # the line break $ allows.)
    if _MARKER.match(line) or _TERMINAL.search(prev, max(0, len(prev.rstrip(_CLOSING + "\n")) - 3)):
        return True
    if _COLON_END.search(prev, max(0, len(prev) - 2)) and not _RUNS_ON.match(line):
        return True
    # A short numbered line with no sentence in it is a sub-heading: "（一）主动公开政府信息情况".
    return len(prev) <= 30 and "，" not in prev and bool(_MARKER.match(prev))


def paragraphs(lines: list[str]) -> list[str]:
    result: list[str] = []
    current = ""
    for raw in lines:
        line = raw.strip()
        if not line or is_noise(line):
            continue
        if current and _breaks_before(current, line):
            result.append(current)
            current = ""
        current += line
    if current:
        result.append(current)
    return [_CJK_SPACE.sub("", p) for p in result]


# A line of a table as the text has it: cells split by tabs, or a row ending in a figure or in a
# placeholder for one (text from a PDF).
_TABLE_LINE = re.compile(r"\t|(?:^|\s)(?:[-+]?\d[\d,.]*|[/—–-])\s*$")


def after_table(lines: list[str]) -> list[str]:
    """The lines after the last line of a table among a part's lines (none without a table)."""
    last = max((i for i, line in enumerate(lines) if _TABLE_LINE.search(line)), default=len(lines) - 1)
    return lines[last + 1:]


def text_of(lines: list[str]) -> str:
    return "\n\n".join(paragraphs(lines))
