"""Labelled fields that a page or a report prints about itself (时间：2024-03-08, 发布机构：…,
名称：…), as found around the report on a government site or in the lines above part 一.

The labels are template data (template.META_LABELS); the first field of the most telling label
wins (发布日期 before a bare 时间).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable

from . import template as tpl
from .textnorm import nfkc

_DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?"
DATE = re.compile(_DATE)


def _spaced(labels) -> str:
    """The labels as alternatives of a pattern, each with spaces allowed between its characters."""
    return "|".join(r"\s*".join(map(re.escape, label)) for label in labels)


def _field(labels: tuple[str, ...]) -> re.Pattern:
    # The value is the rest of the label's line, or the next line where the label ends its own
    # (发布日期：<br>2024-01-08); what follows on other lines is no part of it.
    return re.compile(rf"(?:^|[\s【\[(（|])({_spaced(labels)})\s*[:：]\s*(.*)")


_PATTERNS = {name: _field(labels) for name, labels in tpl.META_LABELS.items()}
# Each field's labels with their colon, as every match of its pattern holds them: the pattern
# (which begins with a group, so that the regex engine tries it at every character) is searched
# from just before the first of them only, and not at all in a text without them.
_LABELLED = {name: re.compile(rf"(?:{_spaced(labels)})\s*[:：]") for name, labels in tpl.META_LABELS.items()}
# A date field written without its colon, as a page-to-text tool or a crawler writes a page's info
# box ("发布机构 | 某某局 | 公开日期 | 2024-01-17 |", "公开日期 2024-01-17"): read only where a date
# follows the label. Every such label holds one of _DATE_WORDS.
_DATE_FIELD = re.compile(rf"(?:^|[\s【\[(（|])({_spaced(tpl.META_LABELS['published'])})\s*[|｜]?\s*(?={_DATE})")
_DATE_WORDS = ("日期", "时间")
assert all(any(word in label for word in _DATE_WORDS) for label in tpl.META_LABELS["published"])
# A text over 200 characters is prose, whose dates are not the page's ("…于2024年1月17日印发"),
# or a crawler's capture of a whole page on one line, led by the page's info box ("名称 … 索引号 …
# 发布机构 … 公开日期 2024-01-17 文号 …"). There a date field is read only with a label more telling
# than a bare 时间/日期 and beside another field label of the box, within _BOX_REACH characters.
_LONG_TEXT = 200
_LONG_DATE_FIELD = re.compile(rf"(?:^|[\s【\[(（|])({_spaced(l for l in tpl.META_LABELS['published'] if l not in _DATE_WORDS)})"
                              rf"\s*[:：|｜]?\s*{_DATE}")
_BOX_LABEL = re.compile(r"(?:^|[\s|｜【\[(（])(?:" + "|".join(
    map(re.escape, [*tpl.META_LABELS["agency"], *tpl.META_LABELS["title"], *tpl.PAGE_FIELD_LABELS]))
                        + r")(?:\s*[:：|｜]|\s)")
_BOX_REACH = 40
# Any label with its colon: a text without one holds no field (most texts looked at) unless it has
# characters whose NFKC form is an ideograph or a colon (radicals, compatibility ideographs, small
# and vertical forms, enclosed ideographs).
_FOLDS_TO_LABEL = re.compile("[\u2a74\u2e80-\u2fdf\u3200-\u33ff\ufe10-\ufe6f\uf900-\ufaff\U0001f200-\U0001f2ff"
                             "\U0002f800-\U0002fa1f]")
_ANY_LABEL = re.compile("(?:" + "|".join(r"\s*".join(map(re.escape, label)) for labels in tpl.META_LABELS.values()
                                          for label in labels) + r")\s*[:：]")


def may_hold_field(text: str) -> bool:
    """Whether some part of `text` may be read as a field: read() finds none in a text without a
    date label, nor, without a colon as printed, a label and its colon or a character NFKC may
    make one of (its colon branch is taken only for a text with a colon as printed)."""
    if any(w in text for w in _DATE_WORDS):
        return True
    return (":" in text or "：" in text) and bool(_ANY_LABEL.search(text) or _FOLDS_TO_LABEL.search(text))


def iso_date(text: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD, or None (also for an impossible date)."""
    m = DATE.search(nfkc(text))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def read(texts: Iterable[str]) -> dict:
    """{"published": "YYYY-MM-DD", "published_label": "发布日期", "agency": …, "title": …}, each
    only where a field states it."""
    found: dict[str, tuple[int, str, str]] = {}  # name -> (rank of the label, label, value)
    seen = set()  # a text read again finds nothing new (a page gives an element's and its parent's)
    for raw in texts:
        if not raw or raw in seen:
            continue
        if len(raw) > _LONG_TEXT:
            seen.add(raw)
            if any(word in raw for word in _DATE_WORDS):
                for m in _LONG_DATE_FIELD.finditer(text := nfkc(raw)):
                    if _in_info_box(text, m):
                        _keep(found, "published", _label(m), iso_date(m.group(0)))
            continue
        if ":" not in raw and "：" not in raw:
            if any(word in raw for word in _DATE_WORDS):
                seen.add(raw)
                for m in _DATE_FIELD.finditer(nfkc(raw).strip()):
                    _keep(found, "published", _label(m), iso_date(m.string[m.end():][:24]))
            continue
        seen.add(raw)
        if not _ANY_LABEL.search(raw) and not _FOLDS_TO_LABEL.search(raw):
            continue  # NFKC cannot make a label of it
        text = nfkc(raw).strip()
        for name, pattern in _PATTERNS.items():
            first = _LABELLED[name].search(text)
            if first is None:
                continue
            # From the character before the label (`^` matches at the text's start alone).
            for m in pattern.finditer(text, max(0, first.start() - 1)):
                _keep(found, name, _label(m), _value(name, m.group(2)))
    out = {name: value for name, (_, _, value) in found.items()}
    if "published" in found:
        out["published_label"] = found["published"][1]
    return out


def _label(field: re.Match) -> str:
    """The field's label as matched, without the spaces printed between its characters (str.split
    splits at the whitespace \\s matches, without the regex module's lookup of a pattern)."""
    return "".join(field.group(1).split())


def _in_info_box(text: str, field: re.Match) -> bool:
    """Whether another field label of a page's info box stands just before or after `field`."""
    return bool(_BOX_LABEL.search(text, max(0, field.start() - _BOX_REACH), field.start(1))
                or _BOX_LABEL.search(text, field.end(), field.end() + _BOX_REACH))


def _keep(found: dict, name: str, label: str, value: str | None) -> None:
    """Keep the field's value where its label is the most telling yet."""
    if not value:
        return
    rank = tpl.META_LABELS[name].index(label)
    if name not in found or rank < found[name][0]:
        found[name] = (rank, label, value)


_LEADING_LABEL = re.compile(r"\S{2,6}\s*[:：]")
_VALUE_END = re.compile(r"\s{2,}|\s*[|｜]\s*|\s(?=\S{2,6}\s*[:：])")


def _value(name: str, raw: str) -> str | None:
    if name == "published":
        return iso_date(raw[:24])
    # A field's value ends where the next label of the line begins ("发布机构：X 发布日期：…"); a
    # field left empty is followed by the next one's label, no value (发布机构：<br>发布日期：…).
    # A page-to-text tool writes an info box's cells joined by pipes ("发布机构：| X| 成文日期：|
    # …", html2text): a pipe is a cell's edge, never part of the value.
    value = _VALUE_END.split(raw.strip().lstrip("|｜").strip(), maxsplit=1)[0].strip()
    return value if 2 <= len(value) <= 80 and not _LEADING_LABEL.match(value) else None
