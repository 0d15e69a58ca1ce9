"""Page numbers printed as a bare number ("5"), as text converted from a PDF keeps them.

A footer "- 5 -" or "第5页" says what it is and is dropped as a line (textnorm.PAGE_NUMBER_LINE).
A bare "5" on a line of its own looks exactly like a figure a converter put under its label
(行政许可 / 453), so it is never dropped: that would move the figures after it. It is only told
apart, so that a row whose figure it would be is not read (a blank cell at the foot of a page
followed by the page number must not become the number):

- where the text keeps its page breaks (a form feed, as pdftotext and pdfminer write them), the
  last line before a break and the first line after one are a page's foot and head: a bare number
  there that fits the page's place in the file is its page number; without them, the running
  titles (the report's name atop each page, pdfplumber and pypdfium2 text) begin the pages so;
- without page breaks, a bare number is a page number when it is one of three or more bare
  numbers counting up by one through the text, no three of them within a page's worth of lines
  (a page's foot and the next page's head may stand close), and none of them in a column of figures (a bare number next to another is a figure of a table a
  converter wrote one cell per line: there, a page number cannot be told from a figure).
"""
from __future__ import annotations

import re

from . import head
from .textnorm import PAGE_NUMBER_LINES, line_starts

PAGE_BREAK = "\f"
# Put before a line that holds a page number, for the table readers (the line stays, so no figure
# after it moves) and prose (which leaves it out). A private-use character: never in a report.
MARK = "\ue000"
# A line holding nothing but a page number (NFKC text: no full-width digits), for every line of a
# text at once (textnorm.line_starts): from the line break before it to its end.
_BARE_LINES = re.compile(r"\n[^\S\n]*(\d{1,3})[^\S\n]*(?=\n|\Z)")
_FIGURE = re.compile(r"^\s*[+\-]?\d[\d,]*(?:\.\d+)?\s*$")
# Non-empty lines between two page numbers: no page of a report is shorter (a page of a table
# converted one cell per line is much longer), and figures of one table stand closer.
_PAGE_LINES = 12
# What a footer "- 3 -" prints around its number.
_DASHES = frozenset("-－—–")


# A form feed with text before it and after it on one line: pages joined without a line break.
_FORM_FEED_IN_LINE = re.compile(r"(?<=\S)[^\S\n\f]*\f(?=[^\S\n\f]*[^\s])")


def form_feeds_apart(text: str) -> str:
    """`text` with a form feed that stands between two pieces of text on a line starting a new line
    ("- 1 -\f某某局…年度报告", pages joined without a line break): the piece before it is the
    last line of its page, a footer found as one, not the start of a line that runs on."""
    return _FORM_FEED_IN_LINE.sub("\n\f", text) if PAGE_BREAK in text else text


def page_breaks(lines: list[str]) -> tuple[list[str], set[int]]:
    """The lines without page-break characters, and the indices of the lines a new page starts
    at (the line a form feed stood in or before)."""
    if PAGE_BREAK not in "".join(lines):
        return lines, set()
    out, starts = [], set()
    for i, line in enumerate(lines):
        if PAGE_BREAK in line:
            # A break at the end of a line starts the page at the next line.
            starts.add(i + 1 if line.rstrip(" \t").endswith(PAGE_BREAK) and line.strip(" \t\f") else i)
            line = line.replace(PAGE_BREAK, "")
        out.append(line)
    return out, starts


def bare_page_numbers(lines: list[str], starts: set[int] | None = frozenset()) -> set[int]:
    """Indices of the lines that hold a page number and nothing else. starts: the lines pages
    begin at (page breaks); None: those the running titles begin (_running_title_starts)."""
    bare = {i: int(m.group(1)) for i, m in line_starts(_BARE_LINES, lines) if int(m.group(1)) >= 1}
    if not bare:
        return set()
    if starts is None:
        starts = _running_title_starts(lines)
    found = set()
    for page, start in enumerate(sorted(starts), 1):  # `start` begins page page + 1
        foot = _nearest(lines, start - 1, -1)
        head = _nearest(lines, start, 1)
        if foot in bare and bare[foot] in (page - 1, page, page + 1):
            found.add(foot)
        if head in bare and bare[head] in (page, page + 1, page + 2):
            found.add(head)
    return found | _counting_up(lines, bare)


def _nearest(lines: list[str], i: int, step: int) -> int | None:
    while 0 <= i < len(lines):
        if lines[i].strip():
            return i
        i += step
    return None


def _counting_up(lines: list[str], bare: dict[int, int]) -> set[int]:
    """Bare numbers that count up by one, a page apart, three or more in a row."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    order = {i: n for n, i in enumerate(filled)}  # line index -> how many non-empty lines come before it
    alone = [i for i in sorted(bare)
             if not any(0 <= order[i] + d < len(filled) and _FIGURE.match(lines[filled[order[i] + d]]) for d in (-1, 1))]
    # chain[i]: the bare numbers ending at line i that count up to it. Two of them may stand close
    # (one at the foot of its page, the next at the head of the next: pypdf writes a page's text in
    # the order the page draws it), but never three within a page's worth of lines.
    chain: dict[int, list[int]] = {}
    by_value: dict[int, list[int]] = {}
    for i in alone:
        v = bare[i]
        best = [i]
        for j in by_value.get(v - 1, ()):
            before = chain[j][-2] if len(chain[j]) > 1 else None
            if order[i] > order[j] and (before is None or order[i] - order[before] >= _PAGE_LINES) \
                    and len(chain[j]) + 1 > len(best):
                best = chain[j] + [i]
        chain[i] = best
        by_value.setdefault(v, []).append(i)
    found = set()
    for run in chain.values():
        if len(run) >= 3:
            found.update(run)
    return found


def _running_title_starts(lines: list[str]) -> set[int]:
    """The running titles that begin a page (as a form feed would): each after text of the page
    before, so that the titles atop the first page (the report's name, perhaps twice) begin none."""
    starts, text_before = set(), False
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if head.is_running_title(line):
            if text_before:
                starts.add(i)
            text_before = False
        else:
            text_before = True
    return starts


def marked(lines: list[str]) -> list[str]:
    """The lines with each bare page number marked (see MARK), and the page breaks taken out.
    Without page breaks, the running titles (the report's name alone on a line, atop each page)
    start the pages: a bare number just before one that fits its page's place is that page's."""
    lines, starts = page_breaks(lines)
    numbers = bare_page_numbers(lines, starts or None)
    return [MARK + line.strip() if i in numbers else line for i, line in enumerate(lines)] if numbers else lines


def footer_lines(lines: list[str]) -> set[int]:
    """The indices of the lines that are a footer ("- 5 -", "第5页"; textnorm.PAGE_NUMBER_LINE),
    found in one pass over the text rather than line by line."""
    return {i for i, _ in line_starts(PAGE_NUMBER_LINES, lines)}


def pages(lines: list[str], marked_lines: list[str], footers: set[int] | None = None) -> list[int]:
    """The page each of marked(lines) stands on, counted from 0: a page break, a page number and
    a footer ("- 5 -") each start another (the places of a table's columns are a page's own).
    footers: footer_lines(marked_lines), where the caller has it."""
    _, starts = page_breaks(lines)
    footers = footer_lines(marked_lines) if footers is None else footers
    bumps = starts | footers
    if MARK in "".join(marked_lines):
        bumps |= {i for i, line in enumerate(marked_lines) if line.startswith(MARK)}
    # Each line's page: how many of those lines stand at or before it (filled a page at a time).
    page, at, out = 0, 0, []
    for i in sorted(b for b in bumps if b < len(marked_lines)):
        out += [page] * (i - at)
        page, at = page + 1, i
    return out + [page] * (len(marked_lines) - at)


def whole_pages(lines: list[str], marked_lines: list[str], footers: set[int] | None = None) -> set[int]:
    """The pages, as pages() counts them, that are each one page of the file for certain: every one
    where the text keeps its page breaks (a form feed between each two pages); else each between
    two page numbers one apart (a footer "- 3 -" or a bare number; the text's start counting as 0,
    the first page ending with its number 1, or the second beginning with its 2). A page whose
    number is not printed, or the text's last, may be two of the file's, with their own places of
    layout text's columns (pypdf sets each page out by its own character width and left edge)."""
    _, starts = page_breaks(lines)
    footers = footer_lines(marked_lines) if footers is None else footers
    marks = {i for i, line in enumerate(marked_lines) if line.startswith(MARK)}
    bumps = sorted(b for b in starts | footers | marks if b < len(marked_lines))
    if starts:
        return set(range(len(bumps) + 1))
    numbers = [int(m.group()) if (m := re.search(r"\d+", marked_lines[b])) else None for b in bumps]
    return {page for page, (before, after) in enumerate(zip([0, *numbers], numbers))
            if before is not None and after is not None and after - before == 1}


def kept(lines: list[str]) -> list[int]:
    """The indices of the lines but those marked as a page number: for text read column by
    column, where a page number would count as one more figure of the column (its place says
    what it is: a page's foot or head, or one of numbers counting up a page apart, never beside a
    figure). A lone dash right before or after it goes with it: a footer "- 3 -" broken over
    lines ("-" / "3" / "-"), whose dashes would count as blank cells."""
    if MARK not in "".join(lines):
        return list(range(len(lines)))
    gone = set()
    for i, line in enumerate(lines):
        if line.startswith(MARK):
            gone.add(i)
            gone.update(j for j in (_nearest(lines, i - 1, -1), _nearest(lines, i + 1, 1))
                        if j is not None and lines[j].strip() in _DASHES)
    return [i for i in range(len(lines)) if i not in gone]


def unmarked(lines: list[str]) -> list[str]:
    if MARK not in "".join(lines):
        return lines
    return [line[len(MARK):] if line.startswith(MARK) else line for line in lines]
