"""Reports printed in traditional characters (the 繁體 version a government site generates of its
pages, which crawlers also store) read as simplified.

The template's labels and headings are simplified, so such a report is converted with OpenCC's
tables before it is read; figures, letters and markup do not change. Sites make their traditional
pages character by character (信息 stays 信息) or with Taiwan's words as well (資訊 for 信息,
檔案 for 文件): each is undone best by its own table, so the report is converted with both and
read with the one under which more of the template's labels appear.

A report names itself (政府信息公开, 报告, 申请) many times over, so the traditional forms of those
words tell it; simplified text never has them.
"""
from __future__ import annotations

import functools

from . import template as tpl
from .formats._layout import Document, Table
from .textnorm import squash

_MARK = "公開"
_WITH = ("報告", "申請")
# Character by character first: where both read as many labels, it changes the fewest words.
_TABLES = ("t2s", "tw2sp")


def is_traditional(text: str) -> bool:
    return _MARK in text and any(word in text for word in _WITH)


_MARK_UTF8, _WITH_UTF8 = _MARK.encode(), tuple(word.encode() for word in _WITH)


def is_traditional_utf8(data: bytes) -> bool:
    """is_traditional of valid UTF-8 bytes' text, searched in the bytes (twice as fast as in the
    text of a page: a whole character's bytes are never found starting inside another's)."""
    return _MARK_UTF8 in data and any(word in data for word in _WITH_UTF8)


@functools.lru_cache(maxsize=None)
def _converter(table: str):
    from opencc import OpenCC  # its tables load in milliseconds, and only when a page needs them

    return OpenCC(table)


@functools.lru_cache(maxsize=1)
def _labels() -> tuple[str, ...]:
    """The template's words that a report prints: part titles, row labels, column headers."""
    words = set(tpl.PART_TITLES.values())
    for template_id in tpl.TEMPLATES:
        t = tpl.get(template_id)
        words.update(row.label for row in t.app_rows)
        words.update(row.label for row in t.proactive)
        words.update(col.label for row in t.proactive for col in row.columns)
        words.update(col.label for col in t.app_columns)
    for labels in tpl.PROACTIVE_ROW_LABELS.values():
        words.update(labels)
    return tuple(sorted(w for w in map(squash, words) if len(w) >= 2))


def _best(text: str) -> tuple[str, str]:
    """(the table under which `text` names the most template labels, the text converted with it)."""
    converted = {table: _converter(table).convert(text) for table in _TABLES}

    def named(table: str) -> int:
        squashed = squash(converted[table])
        return sum(label in squashed for label in _labels())

    table = max(_TABLES, key=named)  # max keeps the first of equals
    return table, converted[table]


def simplified(text: str) -> str:
    return _best(text)[1]


def simplified_document(doc: Document, text: str) -> Document:
    """The document (whose text is `text`) with its paragraphs, cells and page fields converted,
    each merged cell once."""
    convert = _converter(_best(text)[0]).convert
    seen: set[int] = set()
    for block in doc.blocks:
        if isinstance(block, Table):
            for row in block.grid.untidy:
                for cell in row:
                    if cell is not None and id(cell) not in seen:
                        seen.add(id(cell))
                        cell.text = convert(cell.text) if cell.text else cell.text
            block.grid.__dict__.pop("norm_text", None)  # computed from the texts before
    doc.blocks = [convert(b) if isinstance(b, str) else b for b in doc.blocks]
    doc.meta = {k: convert(v) if isinstance(v, str) else v for k, v in doc.meta.items()}
    doc.traditional = True
    return doc
