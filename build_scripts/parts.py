"""The six parts of a report: their headings found in its lines, where the lines of each part
are, and the text before part 一. A heading is its number and a title with the part's keywords
(template.PART_KEYWORDS), on a line of its own, or several inside one line (a crawler's capture of
a page on one line)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import template as tpl
from .textnorm import NUMBER_PIECE, line_starts, nfkc, squash

_SPACES = re.compile(r"\s+")
_HEADING = re.compile(r"^[ \t\u3000]*(?:#{1,6}[ \t]+)?([一二三四五六])\s*[、.．]\s*(.*?)\s*$")  # "## 一、…" in Markdown


@dataclass
class Region:
    number: str
    title: str
    lines: list[str]
    start: int = 0  # index of the region's first line in the list given to split_parts


def is_heading(number: str, rest: str) -> bool:
    if "\t" in rest:  # a table's row (一、本年新收…⇥12077), told before squashing it
        return False
    normalized = nfkc(rest)
    rest_sq = squash(normalized, normalized=True)
    if not rest_sq or len(rest_sq) > 40 or NUMBER_PIECE.search(normalized):
        return False
    return any(all(word in rest_sq for word in words) for words in tpl.PART_KEYWORDS[number])


def is_heading_line(line: str) -> bool:
    """Whether the line is a part's heading and nothing else (## 四、政府信息公开行政复议…)."""
    return _heading_of(line) is not None


# Keyed by the line alone: the same headings (一、总体情况) and table rows (二、上年结转…) stand
# in report after report, and telling one takes a regex match, NFKC and the keywords.
@functools.lru_cache(maxsize=4096)
def _heading_of(line: str) -> tuple[str, str] | None:
    """(number, title without spaces) of a line that is a part's heading and nothing else."""
    m = _HEADING.match(line)
    if m is None or not is_heading(*m.groups()):
        return None
    return m.group(1), _SPACES.sub("", m.group(2))


# A part heading inside a line: its number, then its title (the part's keywords, ending in one of
# the words titles end with, template.PART_TITLE_ENDINGS), as in a crawler's capture of a page on
# one line; or, printed with another number (a report with a part of its own, its 六 printed as
# 七), one of the part's titles in full (template.PART_TITLE_VARIANTS), as _with_renumbered finds
# it on a line of its own.
_INLINE_NUMBER = re.compile(r"[一二三四五六七八九十]\s*[、.．]")
_INLINE_HEADING = re.compile(rf"([一二三四五六七八九十])\s*[、.．]\s*(\S[^。；;\n]{{0,40}}?(?:{'|'.join(tpl.PART_TITLE_ENDINGS)}))")
# A figure inside such a title (other than a year) is a table's, run into the text around it
# ("四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况"): no title.
_FIGURE_IN_TITLE = re.compile(r"\d+(?![\d年])")


def headings_on_lines(lines: list[str]) -> list[str]:
    """Lines that hold two part headings or more, in order, split so that each heading stands on a
    line of its own, with the text after it on the next."""
    out: list[str] = []
    done = 0  # the lines before it are in `out`
    # Only a long line may hold two headings: the others are taken as they are, in slices.
    for i in [i for i, line in enumerate(lines) if len(line) > 80]:
        line = lines[i]
        cuts, after = [], 0
        for start in _INLINE_NUMBER.finditer(line):  # every start: one candidate may hide the next
            m = _INLINE_HEADING.match(line, start.start())
            if m is None or (cuts and m.start() < cuts[-1].end()) or _FIGURE_IN_TITLE.search(m.group(2)):
                continue
            part = _inline_part(m.group(1), m.group(2))
            if part and tpl.PART_NUMBERS.index(part) >= after:
                cuts.append(m)
                after = tpl.PART_NUMBERS.index(part) + 1
        if len(cuts) < 2:
            continue
        out += lines[done:i]
        done = i + 1
        at = 0
        for m in cuts:
            out += [piece for piece in (line[at:m.start()].strip(), m.group(0).strip()) if piece]
            at = m.end()
        out.append(line[at:].strip())
    return out + lines[done:]


def _inline_part(number: str, title: str) -> str | None:
    """The part a heading inside a line is: its own number's, or the part whose title it prints in full."""
    if number in tpl.PART_NUMBERS and is_heading(number, title):
        return number
    return _PART_OF_TITLE.get(squash(title))


def split_parts(lines: list[str]) -> tuple[list[str], list[Region]]:
    """The lines before part 一, and each part found, in order."""
    headings: list[tuple[str, str, int]] = []  # (number, title, index of the line after)
    next_index = 0
    for i in _heading_candidates(lines):
        heading = _heading_of(lines[i])
        if heading and heading[0] in tpl.PART_NUMBERS[next_index:]:
            number, title = heading
            next_index = tpl.PART_NUMBERS.index(number) + 1
            headings.append((number, title, i + 1))
    if len(headings) < len(tpl.PART_NUMBERS):
        headings = _with_renumbered(lines, headings)
    # Each part's lines run from its heading to the next heading.
    ends = [start - 1 for _, _, start in headings[1:]] + [len(lines)]
    regions = [Region(number, title, lines[start:end], start) for (number, title, start), end in zip(headings, ends)]
    return lines[:headings[0][2] - 1] if headings else list(lines), regions


# A heading with any number, for a part printed with another number than its own.
_ANY_HEADING = re.compile(r"^[ \t\u3000]*(?:#{1,6}[ \t]+)?[一二三四五六七八九十]+\s*[、.．]\s*(.*?)[\s：:]*$")
# A heading printed without the mark after its number (一总体情况: a 平潭 片区's page): only its own
# number then one of its titles in full, so that no line of prose (一是…) is taken for it.
_MARKLESS_HEADING = re.compile(r"^[ \t\u3000]*([一二三四五六])[ \t\u3000]*(\S.*?)[\s：:]*$")
_PART_OF_TITLE = {squash(title): number for number, titles in tpl.PART_TITLE_VARIANTS.items() for title in titles}


def _with_renumbered(lines: list[str], headings: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The headings found by their numbers, and each missing part's heading printed with another
    number (a report that numbers its own parts first, or has more than six) or with its own but
    no mark after it, where its title is one of the part's titles in full
    (template.PART_TITLE_VARIANTS), printed on one line only, and stands between the parts before
    and after it."""
    by_title: dict[str, list[tuple[str, int]]] = {}
    for i, line in enumerate(lines):
        if len(line) >= 80:
            continue
        m = _ANY_HEADING.match(line)
        title = m.group(1) if m else None
        number = _PART_OF_TITLE.get(squash(title)) if m else None
        if m is None and (bare := _MARKLESS_HEADING.match(line)):
            title = bare.group(2)
            number = bare.group(1) if _PART_OF_TITLE.get(squash(title)) == bare.group(1) else None
        if number:
            by_title.setdefault(number, []).append((_SPACES.sub("", title), i + 1))
    found = {number for number, _, _ in headings}
    for number, places in by_title.items():
        if number in found or len(places) > 1:
            continue
        title, start = places[0]
        order = tpl.PART_NUMBERS.index(number)
        if all((tpl.PART_NUMBERS.index(n) < order) == (s < start) for n, _, s in headings):
            headings = sorted([*headings, (number, title, start)], key=lambda h: h[2])
    return headings


# The line break before a line that starts as _HEADING does (spaces, Markdown's #s, a part's
# number): only such a line may be a heading (textnorm.line_starts).
_HEADING_START = re.compile(r"\n[ \t\u3000#]*[一二三四五六]")


def _heading_candidates(lines: list[str]) -> list[int]:
    """The indices of the lines that may be a part heading, found in one pass over the text rather
    than a match per line (most lines are none)."""
    if "\n" in "".join(lines):  # a line that holds a line break: every line is looked at
        return list(range(len(lines)))
    return [line for line, _ in line_starts(_HEADING_START, lines)]
