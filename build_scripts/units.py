"""Units printed with the figures of table 二, in any reader: a count with its unit (2笔), an
amount with the template's own unit (47.9659万元), and an amount under a header that names
another unit (采购总金额（元）), which is never taken for 万元. The units are template data
(template.AMOUNT_UNIT, COUNT_UNITS, amount_unit)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import template as tpl
from .textnorm import parse_number

_FIGURE_AND_UNIT = re.compile(rf"([+\-]?[\d,]+(?:\.\d+)?)\s*({'|'.join(map(re.escape, tpl.OTHER_UNITS))})")


def without_unit(text: str, unit: str = tpl.AMOUNT_UNIT) -> str:
    """An amount printed with the template's own unit (47.9659万元): the amount."""
    stripped = text.rstrip()
    if stripped.endswith(unit) and parse_number(stripped[: -len(unit)].rstrip()) is not None:
        return stripped[: -len(unit)].rstrip()
    return text


def without_count_unit(text: str) -> str:
    """A count printed with its unit (2笔, 3件): the count."""
    stripped = text.rstrip()
    if stripped[-1:] in tpl.COUNT_UNITS and parse_number(stripped[:-1].rstrip()) is not None:
        return stripped[:-1].rstrip()
    return text


_NOTE = re.compile(rf"\s*[(（]\s*(?:{'|'.join(tpl.FIGURE_NOTE_WORDS)})[^()（）]*[)）]\s*$")


def without_note(text: str) -> str:
    """A figure with a note in brackets after it in its cell (22（其中修订16件）): the figure."""
    m = _NOTE.search(text)
    if m and parse_number(text[:m.start()].strip()) is not None:
        return text[:m.start()].strip()
    return text


# In a text stream (NFKC: ASCII brackets), such a note after a figure, on its line or the next
# (a PDF's text writes a cell's lines one under the other): "22\n(其中修订 16 件)\n55".
_NOTE_AFTER_FIGURE = re.compile(rf"(?<=\d)(\s*)(\(\s*(?:{'|'.join(tpl.FIGURE_NOTE_WORDS)})[^()\n]{{0,40}}\))")


def blank_notes(text: str) -> str:
    """`text` with each note after a figure written over with spaces: every other character stays
    where it stood (the figures' places in the text are kept)."""
    return _NOTE_AFTER_FIGURE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


@dataclass(frozen=True)
class UnderHeader:
    """A figure printed under a header that names a unit other than the template's (3042532 under
    采购总金额（元）): the printed text and the header's unit, kept apart so that a problem quotes
    what the cell printed. Not a str, so that no reader can take it for a number (a wrong figure
    would be off by 10⁴): the parser refuses it, never converts it."""
    text: str
    unit: str

    def __str__(self) -> str:
        return self.text


def under_header(text: str, unit: str) -> str | UnderHeader:
    """A cell's text under a header in `unit`: a figure with the header's unit beside it. Zero is
    zero in any unit; a figure printed with a unit of its own (3042532元) stays as printed."""
    value = parse_number(text)
    if value is None or value == 0 or text.endswith(unit):
        return text
    return UnderHeader(text, unit)


def zero_in_any_unit(text: str) -> str:
    """An amount printed as zero with another currency unit (0元, 0.00千元): the zero, which is the
    same in 万元. Any other figure with such a unit stays as printed (unit_of names the unit)."""
    m = _FIGURE_AND_UNIT.fullmatch(text.strip())
    if m and m.group(2) in tpl.OTHER_AMOUNT_UNITS and parse_number(m.group(1)) == 0:
        return m.group(1)
    return text


def is_figure_with_unit(token: str) -> bool:
    """A token that is a figure followed by a unit table 二 prints (2笔, 47.9659万元)."""
    return without_count_unit(token) != token or without_unit(token) != token


def in_column(text: str, kind: str, header_unit: str | None = None) -> str | UnderHeader:
    """The printed text of a table-二 cell as the parser is to read it for a column of `kind`:
    a count without its unit, an amount without 万元, an amount under a 元 header with that unit."""
    if kind == "count":
        return without_count_unit(text)
    if kind == "amount":
        text = zero_in_any_unit(text)
        return under_header(text, header_unit) if header_unit else without_unit(text)
    return text


def unit_of(text: str) -> str | None:
    """The unit a figure is printed with where the parser could not take it for the column's
    (6508300元 under 采购总金额, whose unit is 万元; 3人次 for a count), else None."""
    m = _FIGURE_AND_UNIT.fullmatch(text.strip())
    return m.group(2) if m and parse_number(m.group(1)) is not None else None
