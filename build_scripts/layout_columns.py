"""The columns of table 三 on each page of layout PDF text, to place a row's blank cells.

pdftotext -layout, pdfplumber (layout=True) and PyMuPDF (sort=True) keep a page's spacing: each
row of a table is one line, its figures spaced as they stand across the page. A blank cell
leaves no mark of its own in the line (a blank first or last cell leaves no gap at all), but the
row's figures still stand in their own columns, and the page's complete rows show where those
are. Only the complete rows of the row's own page count (a form feed, a page number or a footer
starts another page, whose columns are its own), two of them or more, all in the same places
within a character (left ends, centres or right ends, as the cells are aligned), by either of:

- where each column stands on the line: pdftotext and pdfplumber write each character where it
  stands across the page, whatever the row's label. Taken as proven only when the complete rows'
  labels end at places three characters apart or more and their figures still agree (PyMuPDF
  spaces each gap by its own width, so there the places move with the label), and used for rows
  whose labels end within that range: each figure stands within a character of its column;
- how far apart the columns stand, the same in every layout whatever the label: the gaps between
  the row's figures are those between its columns (a blank at either end of a row whose columns
  are evenly spaced fits two choices alike, and stays unknown).

The columns stand four characters apart or more, and the row's figures are spaced by two spaces
or more somewhere (text written with single spaces keeps no page's spacing). One choice of
columns must fit within a character by an alignment the complete rows agree in, every other
choice off by three characters or more by that alignment, and no alignment fit another; by the
gaps, each figure must also stand within a character of its column measured from the first
figure's (figures too wide for their cells push the rest of the row a character each, which each
gap alone hides). A figure a single space after the label or the figure before may have been
pushed there by a label running past the first column or a figure wider than its own: nothing is
placed. A line of figures alone right above or below the row's may hold the lower or upper pieces
of figures too wide for their cells: then nothing is placed.

Where no two complete rows stand on a page (agencies that print 0 as a blank cell leave one in
nearly every row of table 三), the header atop the page shows the columns: pypdf's layout mode
writes each word from the character its left end stands at, so each column's header words (商业
over 企业 in a wrapped cell) stand where its cell's text begins. Taken only where the header names
each column once, a cell's words within a character of one place, the places four characters
apart or more, no other words right of the first column; and only on the pages the caller names
(`whole`): one page of the file each for certain (pypdf joins pages without a mark and sets out
each at its own scale), in text that sets each figure where it stands (not pdftotext -layout's,
which sets a row's figures after the words before them, a column's width off at times). Header words and figures may stand differently in their cells
(left ends, centres): one offset less than the columns' pitch, and one alignment of the figures,
must put every figure of the page's lines within a character of one column and three or more off
the others, each line's last figure in 总计 (a row that prints a figure prints its total: the
offset a place off would put the totals past the last column or short of it), and no other offset
or alignment may fit the lines within a character and a half. Where the page's complete rows
place a row too, both must agree.

The same columns tell when a complete row's line is not in the table's order: pdftotext -layout
may write the figures beside a label that spans the group columns and wraps (四、结转下年度继续办
/ 理) swapped and set apart. A complete row standing three characters or more off the columns
that the page's other complete rows agree on, by every alignment they agree in, is refused
(out_of_place).

Tables 二 and 四 have too few rows for complete ones to show their columns: the header atop the
page does, as for table 三 (parsing.py builds one PageColumns for table 四's lines and one for each
part of table 二 with several columns, from its article's heading on). Table 四's header prints the
same five results under each of its three groups: the names are taken in their order across the
page. Its fifteen columns may stand three characters apart: a figure must then stand right at its
column's place (within a character of it and three or more off its neighbours), and its group's
total pins the offset (a group that prints a figure prints its 总计, the sum of the others). In
table 二 nothing pins the offset (a row need not print its last column): only rows whose figures'
gaps fit one choice of columns are placed (a lone figure never: its run shows no spacing), unless
a complete row of the part on the page fits it too; and only under words equally wide in every
column, which begin as far from their cells' left edges whatever their alignment.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

from .textnorm import parse_number

_TOKEN = re.compile(r"\S+")
_DIGITS = re.compile(r"\d+")
_ALIGNMENTS = (lambda a, b: a, lambda a, b: (a + b) / 2, lambda a, b: b)  # left end, centre, right end
_TOLERANCE = 1
_LOOSE = 1.5  # a fit that counts against another (layout_columns' header places)
_CLEARLY_OFF = 3
_MIN_PITCH = 4
_LABEL_SPREAD = 3


@dataclass
class _Columns:
    align: object  # one of _ALIGNMENTS
    places: list[float]  # each column's place (the complete rows' median), from the first one's on when unproven
    labels_end: tuple[int, int] | None  # the complete rows' label ends, lowest and highest; None: places unproven


class PageColumns:
    def __init__(self, lines: list[str], pages: list[int], n_columns: int,
                 headers: list[tuple[str, ...]] = (), group_headers: tuple[str, ...] = (),
                 whole=frozenset, min_pitch: int = _MIN_PITCH, makes_row=None, names=None,
                 header_on_top: bool = False, even_headers: bool = False):
        """headers: each column's header words, as a cell prints them whole (its variants), in
        the columns' order (names may repeat: table 四's five results under each of its three
        groups); group_headers: headers over several columns; whole: a function giving the pages
        on which the header may show where the columns stand (one page of the file each for
        certain, in text that sets each word where it stands), asked only where a row needs them.
        Without them the header tells nothing. min_pitch: how far apart the header's columns
        stand at least. makes_row(columns, figures): whether a line's figures placed in those
        columns make a row of the table, which pins the offset between the header's words and
        the figures (by default a row prints its total, the last column). names(column, words):
        whether a cell's stacked words name the column (by default: one of its variants whole).
        header_on_top: the lines hold one table (a part of one) from its top: every line above the
        first line of figures on a page is its header (the label column's words at its left), not
        only those from the first that holds a column's words (a wrapped cell's first piece may
        hold none: 本年新 / 制作数量). even_headers: the header places a row only where every
        column's words are as wide (the same count of full-width characters on their widest line):
        words centred in their cells then begin as far from each cell's left edge as left-aligned
        ones do, so that their places stand as far apart as the columns do. Where nothing else pins
        the offset between the words and the figures (makes_row), words of other widths, centred,
        would move each column's place by half the difference (上一年项目数量 over 本年增/减)."""
        self.lines = lines
        self.pages = pages
        self.n = n_columns
        self.headers = headers
        self.group_headers = group_headers
        self._whole = whole
        self.min_pitch = min_pitch
        self.makes_row = makes_row or (lambda columns, figures: columns[-1] == n_columns - 1)
        self.names = names or (lambda column, words: words in headers[column])
        self.header_on_top = header_on_top
        self.even_headers = even_headers
        self._columns: dict[int, tuple] = {}
        self._headed: dict[int, dict[int, list[int]]] = {}

    @functools.cached_property
    def whole(self) -> set[int]:
        return self._whole()

    # Found when first asked for: text written with single spaces never needs them.
    @functools.cached_property
    def complete(self) -> dict[int, list]:
        """page -> (line index, _figures_of) of each of its complete rows."""
        out: dict[int, list] = {}
        for k, (line, page) in enumerate(zip(self.lines, self.pages)):
            if len(_DIGITS.findall(line)) < self.n:  # each figure holds digits: not a complete row
                continue
            figures = _figures_of(line)
            if figures and len(figures[1]) == self.n:
                out.setdefault(page, []).append((k, figures))
        return out

    @functools.cached_property
    def _text(self) -> tuple[str, list[int]]:
        """The lines as one text, and where each starts in it."""
        return "\n".join(self.lines), list(itertools.accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))

    def _on_page(self, page: int) -> tuple[list[_Columns], list[_Columns]]:
        """The columns the page's complete rows agree on (by place, by gaps)."""
        if page not in self._columns:
            self._columns[page] = _agreed([figures for _, figures in self.complete[page]])
        return self._columns[page]

    def _line_of(self, run: str) -> int | None:
        """The one line on which `run` stands between spaces or the line's ends, or None (none, or
        several: which one is the row's is unknown)."""
        found = self._lines_of(run)
        return found.pop() if len(found) == 1 else None

    def _lines_of(self, run: str) -> set[int]:
        """The lines on which `run` stands between spaces or the line's ends."""
        text, starts = self._text
        found: set[int] = set()
        at = text.find(run)
        while at >= 0:
            k = bisect.bisect_right(starts, at) - 1
            if _start_in(run, self.lines[k]) >= 0:
                found.add(k)
            at = text.find(run, at + 1)
        return found

    def out_of_place(self, run: str) -> bool:
        """Whether a complete row's figures (`run`) stand clearly off the columns that the other
        complete rows of its page agree on: pdftotext -layout may write a row's figures out of
        their order ("731        121" for 121, 731, beside a wrapped label over the group
        columns), which no count or sum tells."""
        if "  " not in run or not any(len(rows) > 2 for rows in self.complete.values()):
            return False
        k = self._line_of(run)
        if k is None:
            return False
        rows = self.complete.get(self.pages[k], [])
        own = next((figures for j, figures in rows if j == k), None)
        others = [figures for j, figures in rows if j != k]
        if own is None or len(others) < 2:
            return False
        # Text whose figures are set apart by the same run of spaces everywhere is not laid out by
        # place (typed or converted with fixed gaps): a wider figure moves the rest of its row.
        if len({b - a for _, spans in [own, *others] for (_, a), (b, _) in zip(spans, spans[1:])}) == 1:
            return False
        by_place, by_gaps = _agreed(others)
        agreed = [found for found in by_place if found.labels_end[0] <= own[0] <= found.labels_end[1]] or by_gaps
        every = tuple(range(self.n))
        return bool(agreed) and all(dict(_errors([found.align(a, b) for a, b in own[1]], found, self.n))[every]
                                    >= _CLEARLY_OFF for found in agreed)

    def columns(self, run: str) -> list[int] | None:
        """The column of each figure of `run` (a row's figures as its line prints them, fewer
        than the columns), or None when they cannot be told."""
        if "  " not in run or not (self.complete or (self.headers and self.whole)):
            return None
        # The same figures may stand on several lines (0 … 0, rows of one agency's applicants):
        # placed alike on each, which of them is the row's does not matter.
        told = {tuple(columns) if (columns := self._columns_on(run, k)) else None for k in self._lines_of(run)}
        return list(told.pop()) if len(told) == 1 and None not in told else None

    def laid_out(self, run: str) -> bool:
        """Whether `run` stands on a line of the text with runs of spaces between its figures, as
        layout text sets them where they stand across the page."""
        return "  " in run and bool(self._lines_of(run))

    def _columns_on(self, run: str, k: int) -> list[int] | None:
        """The column of each figure of `run` as it stands on line k."""
        if any(_figures_alone(self.lines[j]) for j in (k - 1, k + 1) if 0 <= j < len(self.lines)):
            return None
        line = self.lines[k]
        at = _start_in(run, line)
        label_end = len(line[:at].rstrip())
        # A figure a single space after the label or the figure before may stand where that one
        # pushed it (pdftotext -layout writes a word that would overlap the one before a space
        # after it: a long label running past the first column's place, a figure wider than its
        # column): its place tells nothing.
        if (label_end and at - label_end < 2) or re.search(r"\S \S", run):
            return None
        by_header = self._by_header(self.pages[k]).get(k)
        by_rows = self._by_rows(k, at, label_end, run) if self.pages[k] in self.complete else None
        if by_header and by_rows and by_header != by_rows:
            return None
        return by_header or by_rows

    def _by_rows(self, k: int, at: int, label_end: int, run: str) -> list[int] | None:
        """The columns of the figures of `run` on line k by the complete rows of its page."""
        by_place, by_gaps = self._on_page(self.pages[k])
        # A label running into the place the first column stands at (proven) is no label of a
        # page's cell: text that lays out each row's own cells in turn (inscriptis) puts the label
        # of a row under a merged one there and its figures a column on, at the other columns'
        # places and gaps. Nothing is placed.
        if by_place and label_end > min(found.places[0] for found in by_place):
            return None
        by_place = [found for found in by_place if found.labels_end[0] <= label_end <= found.labels_end[1]]
        return _told([(at + m.start(), at + m.end()) for m in _TOKEN.finditer(run)], by_place or by_gaps, self.n)

    def _header(self, page: int) -> tuple[int, list[int]] | None:
        """The table's header atop `page` (printed above the page's first line of figures: the
        first page of the table, or a page that repeats it), when it names each column once, a
        cell's words stacked at one place (商业 over 企业, left ends within a character; a header
        over several columns, 法人或其他组织, may stand above them), the places in the columns'
        order four characters apart or more, and no other words right of the first column's place:
        (the page's first line of figures, each column's place: the left end of its words, the one
        end that pypdf's layout mode writes where the page prints it whatever the characters'
        widths). Only on the pages `whole` names: places are a page's own."""
        on_page = [k for k, p in enumerate(self.pages) if p == page]
        first = next((k for k in on_page if _figures_of(self.lines[k])), None)
        if first is None or len(self.headers) != self.n or page not in self.whole:
            return None
        words = {w for variants in self.headers for w in variants} | set(self.group_headers)
        top = on_page[0] if self.header_on_top else next(
            (k for k in on_page if k < first and any(m.group() in words for m in _TOKEN.finditer(self.lines[k]))), None)
        if top is None:
            return None
        tokens = sorted((m.start(), k, m.group()) for k in range(top, first) for m in _TOKEN.finditer(self.lines[k]))
        stacks: list[list[tuple[int, int, str]]] = []
        for token in tokens:  # the words at one place: left ends a character apart at most, in a chain
            if stacks and token[0] - stacks[-1][-1][0] <= _TOLERANCE:
                stacks[-1].append(token)
            else:
                stacks.append([token])
        named: list[tuple[int, str]] = []  # (place, words) of each stack that names a column, left to right
        widths: set[int | None] = set()
        unknown = []
        for stack in stacks:
            pieces = sorted(stack, key=lambda t: (t[1], t[0]))  # top to bottom
            while pieces and pieces[0][2] in self.group_headers:
                pieces.pop(0)
            if not pieces:
                continue
            text = "".join(t[2] for t in pieces)
            if any(self.names(c, text) for c in range(self.n)):
                named.append((min(left for left, _, _ in pieces), text))
                widths.add(_width(pieces))
            else:
                unknown.append(stack[0][0])
        # Each column named once, in the columns' order (a name printed under several groups
        # counts in its turn): none left out, none more.
        if len(named) != self.n or not all(self.names(c, text) for c, (_, text) in enumerate(named)):
            return None
        if self.even_headers and (len(widths) != 1 or None in widths):
            return None
        ordered = [place for place, _ in named]
        if any(b - a < self.min_pitch for a, b in zip(ordered, ordered[1:])) or any(u >= ordered[0] - _TOLERANCE for u in unknown):
            return None
        return first, ordered

    def _by_header(self, page: int) -> dict[int, list[int]]:
        """The columns of each line of figures on a page with the header atop it (line -> each
        figure's column), where the header's places tell them: the page's lines with figures
        stand, by one alignment of the figures and one offset from the header's places less than
        the columns' pitch, each figure within a character of one column's place and three or more
        off every other's, each line's last figure in the last column (a row that prints a figure
        prints its total), and no other alignment or offset fits the lines otherwise. (Where the
        header's words stand in their cells and where the figures do may differ: left ends,
        centres; a row's total tells the offset, which a column's width may not: the columns a
        place off would put the totals past the last.) Empty where the header or any line does not."""
        if page not in self._headed:
            self._headed[page] = self._fitted(page) if self.headers and page in self.whole else {}
        return self._headed[page]

    def _fitted(self, page: int) -> dict[int, list[int]]:
        header = self._header(page)
        if header is None:
            return {}
        first, places = header
        rows = [(k, figures[1]) for k in range(first, len(self.lines))
                if self.pages[k] == page and (figures := _figures_of(self.lines[k]))]
        pitch = min(b - a for a, b in zip(places, places[1:]))
        fitting, told = set(), set()
        for align in _ALIGNMENTS:
            for quarter in range(1 - 4 * pitch, 4 * pitch):
                offset = quarter / 4
                columns, within, clear = [], True, True
                for _, spans in rows:
                    errors = [[abs(align(a, b) - offset - place) for place in places] for a, b in spans]
                    # Any choice within a character and a half counts against the one told: a
                    # figure and its header may stand a character apart by their rounding alone.
                    near = [[c for c, error in enumerate(row) if error <= _LOOSE] for row in errors]
                    if any(len(c) != 1 for c in near):
                        break
                    within &= all(row[c] <= _TOLERANCE for row, (c,) in zip(errors, near))
                    clear &= not any(_TOLERANCE < error < _CLEARLY_OFF for row in errors for error in row)
                    columns.append(tuple(c for c, in near))
                else:
                    if all(list(c) == sorted(set(c)) and self.makes_row(c, figures)
                           for c, (k, spans) in zip(columns, rows)
                           for figures in [[self.lines[k][a:b] for a, b in spans]]):
                        fitting.add(tuple(columns))
                        if within and clear:
                            told.add(tuple(columns))
        if len(fitting) != 1 or told != fitting:
            return {}
        return {k: list(c) for (k, _), c in zip(rows, fitting.pop())}


def _told(spans: list[tuple[int, int]], agreed: list[_Columns], n: int) -> list[int] | None:
    """The one choice of columns the figures at `spans` fit, by the alignments of `agreed`."""
    fitting, told = set(), set()
    for found in agreed:
        places = [found.align(a, b) for a, b in spans]
        errors = dict(_errors(places, found, n))
        fits = {columns for columns, error in errors.items() if error <= _TOLERANCE}
        fitting |= fits
        # Told by this alignment: one choice fits, every other is clearly off (not merely outside
        # the tolerance), and by the columns' gaps each figure stands within a character of its
        # column from the first figure's on, not only of its neighbour's (figures too wide for
        # their cells push the rest of the row a character further right each, which each gap
        # alone hides).
        if len(fits) == 1 and not any(_TOLERANCE < error < _CLEARLY_OFF for error in errors.values()) \
                and (found.labels_end or _drift(places, [found.places[c] for c in next(iter(fits))]) <= _TOLERANCE):
            told |= fits
    return list(told.pop()) if len(fitting) == 1 and told == fitting else None


def _drift(places: list[float], want: list[float]) -> float:
    """How far the places stand off `want` at most, each measured from the first one's."""
    return max(abs((p - places[0]) - (w - want[0])) for p, w in zip(places, want))


def _errors(places: list[float], found: _Columns, n: int):
    """Each choice of columns for the places, with how far off they stand: from where the columns
    stand where that is proven, else from how far apart."""
    for columns in itertools.combinations(range(n), len(places)):
        want = [found.places[c] for c in columns]
        if found.labels_end:
            yield columns, max(abs(p - w) for p, w in zip(places, want))
        else:
            yield columns, max((abs((p2 - p1) - (w2 - w1)) for p1, p2, w1, w2 in zip(places, places[1:], want, want[1:])),
                               default=0)


def _agreed(rows: list) -> tuple[list[_Columns], list[_Columns]]:
    """The columns a page's complete rows agree on, by each alignment they agree in: where they
    stand (where that is proven), and how far apart."""
    ends = [end for end, _ in rows]
    proven = (min(ends), max(ends)) if max(ends) - min(ends) >= _LABEL_SPREAD else None
    by_place, by_gaps = [], []
    for align in _ALIGNMENTS:
        places = [[align(a, b) for a, b in spans] for _, spans in rows]
        if proven and _within(places):
            by_place.append(_Columns(align, _median(places), proven))
        shifted = [[p - row[0] for p in row] for row in places]  # each row from its first figure on
        if _within(shifted):
            by_gaps.append(_Columns(align, _median(shifted), None))
    return _apart(by_place), _apart(by_gaps)


def _apart(found: list[_Columns]) -> list[_Columns]:
    return [f for f in found if min(b - a for a, b in zip(f.places, f.places[1:])) >= _MIN_PITCH]


def _median(places: list[list[float]]) -> list[float]:
    return [sorted(column)[len(column) // 2] for column in zip(*places)]


def _within(places: list[list[float]]) -> bool:
    middle = _median(places)
    return len(places) >= 2 and all(abs(p - m) <= _TOLERANCE for row in places for p, m in zip(row, middle))


def _figures_of(line: str) -> tuple[int, list[tuple[int, int]]] | None:
    """Where the label ends and each figure's (start, end), for a line that goes on with figures
    only from its first figure on; else None."""
    tokens = list(_TOKEN.finditer(line))
    first = next((k for k, t in enumerate(tokens) if parse_number(t.group()) is not None), None)
    if first is None or any(parse_number(t.group()) is None for t in tokens[first:]):
        return None
    return len(line[:tokens[first].start()].rstrip()), [t.span() for t in tokens[first:]]


def _width(pieces) -> int | None:
    """The characters on the widest line of a header cell's words, when all are full-width (each
    as wide as the others); else None."""
    if any(unicodedata.east_asian_width(ch) not in "WF" for _, _, text in pieces for ch in text):
        return None
    return max(len(text) for _, _, text in pieces)


def _figures_alone(line: str) -> bool:
    figures = _figures_of(line)
    return figures is not None and figures[0] == 0


def _start_in(run: str, line: str) -> int:
    """Where `run` stands in `line` between spaces or the line's ends, or -1."""
    at = line.find(run)
    while at >= 0:
        if (at == 0 or line[at - 1].isspace()) and (at + len(run) == len(line) or line[at + len(run)].isspace()):
            return at
        at = line.find(run, at + 1)
    return -1
