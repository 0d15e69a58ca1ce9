"""PDF (with a text layer) → report text.

Ruled tables are read as tables (pdfplumber's line strategy): a cell merged across columns
spans them in the grid, so that a figure in it is no one column's (unless it holds one figure
for each: a rule not drawn), and a cell merged down comes out in its top row with empty cells
under it; one of figures only (the rule between rows not drawn) gives each row the figure printed
inside it, where each row has one, else its rows are unread. A table that runs on to the next page is
joined into one again: header rows the continuation repeats are dropped, and a row that a page
break cut in two is put back together. The two pages' pieces need not have the same column rules
(a page whose rows all merge two columns lacks the rule between them): each cell goes to the
column its left rule starts, among the rules of both, where that is beyond doubt. Running headers, footers and page numbers are removed,
and lines that the printed page wrapped are joined back into paragraphs. Where there is no ruled
table the text comes out line by line, as in seed 004 (figures separated by spaces), which the
parser reads too.
"""
from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass, field

from ..textnorm import URL_LINE
from ..grid import Grid
from ._layout import Document, clean_cell, clean_inline, join_pieces


class PdfError(ValueError):
    pass


# A page number as printed in a header or footer.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-－—–~]*\s*\d{1,4}\s*[-－—–~]*|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$", re.I)
# The start of a heading or numbered paragraph: never the continuation of the line before.
_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,2}\s*[.、．](?!\d)"
    r"|[一二三四五六七八九十]是|第[一二三四五六七八九十]{1,3}[，,、]|第二十条|信息内容)")
_NUMERIC = re.compile(r"^[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_TRAILING_FIGURES = re.compile(r"(?:\s+[+\-−]?\d[\d,.]*){2,}\s*$")
_DIGITS = re.compile(r"\d+")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class PageTable:
    rows: list[list[str | None]]  # None: a position the cell to its left covers (merged across)
    x0: float
    x1: float
    top: float
    bottom: float
    edges: tuple[float, ...] = ()  # x of each column's left rule, then the table's right edge
    beside: tuple[tuple[float, float], ...] = ()  # x0, x1 of lines with a figure beside it, at its height
    unsure: set[int] = field(default_factory=set)  # rows a figure merged down over them may be any one's


@dataclass
class Page:
    width: float
    height: float
    blocks: list = field(default_factory=list)  # Line | PageTable, top to bottom
    chars: int = 0
    cid_chars: int = 0
    images: int = 0


def to_text(data: bytes) -> str:
    return to_document(data).text()


def to_document(data: bytes) -> Document:
    pages = _read(data)
    if not pages:
        raise PdfError("PDF 文件已损坏或没有任何页面，无法读取")
    chars = sum(p.chars for p in pages)
    images = sum(p.images for p in pages)
    if chars == 0:
        if images:
            raise PdfError("PDF 没有文本层（可能是扫描件），无法提取文字")
        raise PdfError("PDF 中没有任何文字（空白文件或扫描件），无法提取文字")
    if sum(p.cid_chars for p in pages) > chars * 0.3:
        raise PdfError("PDF 的字体缺少文字编码（ToUnicode），提取出的文字是乱码，无法读取")
    _drop_running_lines(pages)
    body = sum(len(b.text) if isinstance(b, Line) else 1 for p in pages for b in p.blocks)
    if body < 20 and images:
        raise PdfError("PDF 没有文本层（可能是扫描件，只有页码或页眉是文字），无法提取文字")
    return _assemble(pages)


def _read(data: bytes) -> list[Page]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_read_page(page) for page in pdf.pages]
    except PdfminerException as exc:
        raise _explain(exc.args[0] if exc.args else exc) from exc
    except PdfError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        raise _explain(exc) from exc


def _explain(exc) -> PdfError:
    name = type(exc).__name__
    if name == "PDFPasswordIncorrect":
        return PdfError("PDF 文件已加密（需要打开密码），无法读取")
    if name in ("PDFEncryptionError", "PDFEncryptionWarning") or "encrypt" in str(exc).lower():
        return PdfError("PDF 文件采用了无法识别的加密方式，无法读取")
    return PdfError(f"PDF 文件已损坏或不完整，无法读取（{name}）")


def _read_page(page) -> Page:
    out = Page(float(page.width), float(page.height), images=len(page.images))
    chars = page.chars
    out.chars = sum(1 for c in chars if c["text"].strip())
    out.cid_chars = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if not out.chars:
        return out
    tables = []
    for table in page.find_tables():
        rows = table.extract()
        cells = sum(1 for row in rows for c in row if c is not None)
        if cells < 2 or not any(c and c.strip() for row in rows for c in row):
            continue  # a frame around text, not a table
        x0, top, x1, bottom = table.bbox
        # pdfplumber's columns are its cells' distinct left edges, in order.
        edges = tuple(sorted({c[0] for c in table.cells})) + (x1,)
        across = _merged_across(table, edges)
        cells = [[None if (r, k) in across else clean_cell(c or "") for k, c in enumerate(row)]
                 for r, row in enumerate(rows)]
        unsure = _merged_down(page, table, cells)
        tables.append(PageTable(cells, x0, x1, top, bottom, edges, unsure=unsure))

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom for t in tables)

    rest = page.filter(outside) if tables else page
    lines = []
    for line in rest.extract_text_lines(return_chars=True, strip=True):
        text = clean_inline(line["text"])
        if not text:
            continue
        visible = [c for c in line["chars"] if c["text"].strip()] or line["chars"]
        sizes = [c["size"] for c in visible] or [10.0]
        x0 = min(c["x0"] for c in visible) if visible else line["x0"]
        lines.append(Line(text, x0, line["x1"], line["top"], line["bottom"], statistics.median(sizes)))
    for t in tables:
        t.beside = tuple((ln.x0, ln.x1) for ln in lines
                         if t.top < (ln.top + ln.bottom) / 2 < t.bottom and _FIGURE_IN.search(ln.text))
    out.blocks = sorted(lines + tables, key=lambda b: (b.top, b.x0))
    return out


# -- running headers, footers and page numbers -------------------------------------------------

def _drop_running_lines(pages: list[Page]) -> None:
    def candidates(page: Page) -> list[tuple[str, Line]]:
        found = []
        for where, order in (("head", page.blocks[:2]), ("foot", page.blocks[::-1][:2])):
            for block in order:
                if not isinstance(block, Line):
                    break
                in_zone = block.bottom < page.height * 0.12 if where == "head" else block.top > page.height * 0.85
                if not in_zone:
                    break
                found.append((where, block))
        return found

    def key(where: str, line: Line) -> tuple[str, str] | None:
        # The same words on several pages, whatever the page number in them; a line of figures
        # only (a table row drawn without rules) is never a running header.
        if not re.search(r"[^\W\d_]", line.text):
            return None
        return where, re.sub(r"\s+", "", _DIGITS.sub("#", line.text))

    seen: dict[tuple[str, str], int] = {}
    for page in pages:
        for k in {key(where, line) for where, line in candidates(page)} - {None}:
            seen[k] = seen.get(k, 0) + 1
    repeated = {k for k, n in seen.items() if n >= 2 and n >= 0.4 * len(pages)}
    for page in pages:
        drop = set()
        for where, line in candidates(page):
            if key(where, line) in repeated or _PAGE_NUMBER.match(line.text):
                drop.add(id(line))
        page.blocks = [b for b in page.blocks if id(b) not in drop]


# -- tables across pages, lines into paragraphs -------------------------------------------------

def _assemble(pages: list[Page]) -> Document:
    lines = [b for p in pages for b in p.blocks if isinstance(b, Line)]
    left, right = _text_edges(lines)
    doc = Document()
    paragraph: list[str] = []
    prev: Line | None = None
    prev_page = -1

    def flush():
        nonlocal paragraph
        if paragraph:
            doc.paragraph(join_pieces(paragraph))
        paragraph = []

    for page_no, page in enumerate(pages):
        for block in page.blocks:
            if isinstance(block, PageTable):
                flush()
                prev = None
                last = doc.blocks[-1] if doc.blocks else None
                # A table at the top of the page goes on with the one ending the page before if it
                # is the same table (_OpenTable.extend): else it is another table (table 二 as one
                # small table per article), kept apart as its own grid.
                # One kept apart is on other column rules: the parser must not read it under the
                # header of the one before either (Grid.own_columns).
                goes_on = isinstance(last, _OpenTable) and last.page == page_no - 1 and last.is_last_on_page \
                    and block is page.blocks[0]
                if goes_on and last.extend(block):
                    last.page = page_no
                else:
                    doc.blocks.append(_OpenTable(block, page_no, own_columns=goes_on))
                doc.blocks[-1].is_last_on_page = block is page.blocks[-1]
                continue
            line = block
            if prev is not None and not _starts_paragraph(prev, line, left, right, same_page=prev_page == page_no):
                paragraph.append(line.text)
            else:
                flush()
                paragraph = [line.text]
            prev, prev_page = line, page_no
    flush()
    blocks, doc.blocks = doc.blocks, []
    for block in blocks:
        if isinstance(block, _OpenTable):
            doc.grid(_grid(block))
        else:
            doc.blocks.append(block)
    return doc


def _text_edges(lines: list[Line]) -> tuple[float, float | None]:
    """The left edge of the text and the right edge that full lines of prose reach (None when
    the lines are ragged: nothing to tell a wrapped line by)."""
    if not lines:
        return 0.0, None
    left = _percentile([ln.x0 for ln in lines], 0.1)
    bins: dict[int, int] = {}
    for ln in lines:
        bins[round(ln.x1 / 3)] = bins.get(round(ln.x1 / 3), 0) + 1
    top_bin, _ = max(bins.items(), key=lambda kv: (kv[1], kv[0]))
    near = sum(n for b, n in bins.items() if abs(b - top_bin) <= 1)
    if near < max(3, 0.2 * len(lines)):
        return left, None
    return left, max(ln.x1 for ln in lines if abs(round(ln.x1 / 3) - top_bin) <= 1)


def _starts_paragraph(prev: Line, line: Line, left: float, right: float | None, same_page: bool) -> bool:
    """Whether `line` begins a new paragraph rather than continuing `prev`, which the printed
    page wrapped: it continues only when `prev` runs to the right edge of the text."""
    size = max(prev.size, line.size, 1.0)
    if right is None or _MARKER.match(line.text) or _TRAILING_FIGURES.search(prev.text):
        return True
    if URL_LINE.match(prev.text) or URL_LINE.match(line.text):  # a stray address stays a line of its own
        return True
    if abs(prev.size - line.size) > 0.15 * size:  # a title or heading set in another size
        return True
    if not right - 2 * size <= prev.x1 <= right + 0.5 * size:  # short, or beyond the text edge
        return True
    if same_page and line.top - prev.bottom > 1.2 * size:
        return True
    indented = line.x0 > left + 1.5 * size
    centred = abs((line.x0 + line.x1) / 2 - (left + right) / 2) < 2 * size
    return indented and not centred


class _OpenTable:
    """A table being collected, perhaps over several pages."""

    def __init__(self, table: PageTable, page: int, own_columns: bool = False):
        self.rows = [list(r) for r in table.rows]
        self.x0, self.x1, self.page, self.edges, self.beside = table.x0, table.x1, page, table.edges, table.beside
        self.is_last_on_page = False
        self.own_columns = own_columns
        self.unsure = set(table.unsure)

    def extend(self, piece: PageTable) -> bool:
        """Go on with `piece`, this table continued on the next page, if its columns are this
        table's: ruled on the same rules (_same_rules), or on the same rules where both have one
        (_common_columns; rows that merge columns, or a column whose rules the page break left
        unclosed, are missing some). Then both are laid out on all the rules of either, each cell
        in the column its left rule starts, the columns it covers empty, as a merged cell's are.
        False, and nothing changed, if they are not the same table."""
        rows = [list(r) for r in piece.rows]
        if not _same_rules(self.edges, piece.edges):
            common = _common_columns(self, piece)
            if common is None:
                return False
            edges, mine, theirs = common
            self.rows = [_spread(row, mine, len(edges) - 1) for row in self.rows]
            rows = [_spread(row, theirs, len(edges) - 1) for row in rows]
            self.edges, self.x0, self.x1 = edges, min(self.x0, piece.x0), max(self.x1, piece.x1)
        self.beside += piece.beside
        # Header rows repeated at the top of the continued table.
        repeated = 0
        while repeated < min(len(rows), len(self.rows)):
            texts = _texts(rows[repeated])
            if texts != _texts(self.rows[repeated]) or any(_NUMERIC.match(c) for c in texts):
                break
            repeated += 1
        rows = rows[repeated:]
        # Where the piece's rows go: after this table's, the first one onto its last if split.
        at = len(self.rows) - repeated
        if rows and self.rows and _split_row(self.rows[-1], rows[0]):
            self.rows[-1] = [a if not b else join_pieces([a, b]) if a else b for a, b in zip(self.rows[-1], rows[0])]
            rows = rows[1:]
            at -= 1
        self.unsure |= {at + i for i in piece.unsure if i >= repeated}
        self.rows.extend(rows)
        return True


# Rules of two pieces of a table this close are one rule (pdfplumber's own snapping distance):
# a word processor may set a column's rule a point or two apart from page to page.
_SAME_RULE = 3.0
# A figure in a cell (an item's number, 1. or 2、, is none).
_FIGURE_IN = re.compile(r"\d(?![.．、\d])")


def _same_rules(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two pieces are ruled alike: as many rules, the outer ones a few points apart at
    most, and each rule of one nearer to the same rule of the other than to any other (a page
    may set the rules a few points apart; as many columns on other rules are other columns)."""
    if len(a) != len(b) or abs(a[0] - b[0]) >= 6 or abs(a[-1] - b[-1]) >= 6:
        return False
    return all(_nearest(x, b) == i for i, x in enumerate(a)) and all(_nearest(y, a) == j for j, y in enumerate(b))


def _nearest(x: float, rules: tuple[float, ...]) -> int:
    return min(range(len(rules)), key=lambda j: abs(x - rules[j]))


def _common_columns(a: PageTable | _OpenTable, b: PageTable) -> tuple[tuple[float, ...], list[int], list[int]] | None:
    """The rules of two pieces of one table together, and where each piece's columns stand
    among them; None when the pieces cannot be told to be one table, or their columns each
    other's, beyond doubt. Each rule of one must be one rule of the other (within _SAME_RULE, no
    other near) or far from all of the other's; at least three rules in common, and all of one
    piece's or most of each one's."""
    pairs: dict[int, int] = {}
    for i, x in enumerate(a.edges):
        near = sorted((abs(x - y), j) for j, y in enumerate(b.edges))
        if near[0][0] > 2 * _SAME_RULE:
            continue
        if near[0][0] > _SAME_RULE or (len(near) > 1 and near[1][0] <= 2 * _SAME_RULE):
            return None  # near a rule of the other but not on it, or near two: no telling which
        pairs[i] = near[0][1]
    shared = len(pairs)
    if shared < 3 or len(set(pairs.values())) < shared or any(
            sum(1 for x in a.edges if abs(x - y) <= 2 * _SAME_RULE) > 1 for y in b.edges):
        return None
    if shared < min(len(a.edges), len(b.edges)) and (shared * 2 <= len(a.edges) or shared * 2 <= len(b.edges)):
        return None
    rules = sorted([(x, i, pairs.get(i)) for i, x in enumerate(a.edges)]
                   + [(y, None, j) for j, y in enumerate(b.edges) if j not in pairs.values()], key=lambda r: r[0])
    if [j for _, _, j in rules if j is not None] != list(range(len(b.edges))):
        return None  # the rules in another order in the two pieces
    edges = tuple(x for x, _, _ in rules)
    at_a = [k for k, (_, i, _) in enumerate(rules) if i is not None]
    at_b = [k for k, (_, _, j) in enumerate(rules) if j is not None]
    if _lacks_unsure_column(a, at_a, edges) or _lacks_unsure_column(b, at_b, edges):
        return None
    return edges, at_a[:-1], at_b[:-1]


def _lacks_unsure_column(piece: PageTable | _OpenTable, at: list[int], edges: tuple[float, ...]) -> bool:
    """Whether a column of the whole table that `piece` has no rule for could hold something of
    the piece's other than blank. Within the piece, the cell to its left covers it (merged): a
    figure there may be the column's own (a merged cell, or a rule not drawn?). Beyond the
    piece's outer edges, a figure printed beside the piece at its height may be the column's."""
    for k in range(len(edges) - 1):
        if k in at:
            continue
        if at[0] < k < at[-1]:
            for row in piece.rows:
                left = [c for c, col in zip(row, at) if col < k and c]
                if left and _FIGURE_IN.search(left[-1]):
                    return True
        elif any(x0 < edges[k + 1] and x1 > edges[k] for x0, x1 in piece.beside):
            return True
    return False


def _spread(row: list[str | None], at: list[int], width: int) -> list[str | None]:
    """A row of a piece on the columns of the whole table: each cell where `at` puts it, the
    columns between covered by the cell before (merged across)."""
    out: list[str | None] = [None] * width
    for cell, i in zip(row, at):
        out[i] = cell
    return out


def _texts(row: list[str | None]) -> list[str]:
    """A row's texts, a position merged across as empty as an empty cell."""
    return [c or "" for c in row]


def _merged_across(table, edges: tuple[float, ...]) -> set[tuple[int, int]]:
    """(row, column) of the positions a cell starting left of them in the same row covers: a
    cell merged across columns, whose text is no one column's (extract() writes it in the first
    and None in the rest, as it does under a cell merged down)."""
    across = set()
    for r, row in enumerate(table.rows):
        right = None  # the right edge of the last cell of the row so far
        for k, bbox in enumerate(row.cells):
            if bbox is not None:
                right = bbox[2]
            elif right is not None and right > edges[k] + _SAME_RULE:
                across.add((r, k))
    return across


# A char this far over its row's rule is still printed in that row.
_OVER_RULE = 1.0


def _merged_down(page, table, cells: list[list[str | None]]) -> set[int]:
    """Cells merged down over rows (no rule drawn between them, or cells merged in the word
    processor) that hold figures only. Where each row the cell covers holds a figure of its own,
    printed inside that row's band, each row gets its figure (the rule between them not drawn).
    Otherwise which row a figure is is unknown (a cell merged down prints its text at its top):
    the rows come back as unsure, the cell's text taken from them. Changes `cells` in place."""
    unsure: set[int] = set()
    rows = table.rows
    tops = [row.bbox[1] for row in rows] + [table.bbox[3]]
    for r, row in enumerate(rows):
        for k, bbox in enumerate(row.cells):
            text = cells[r][k]
            if bbox is None or not text or not all(_NUMERIC.match(t) for t in text.split()):
                continue
            x0, top, x1, bottom = bbox
            # The rows it covers where a cell with text starts (not only the rule of an empty cell
            # merged down beside it ending there), each from its top to the next one's.
            covered = [r] + [i for i in range(r + 1, len(rows)) if tops[i] < bottom - _SAME_RULE and any(cells[i])]
            if len(covered) == 1:
                continue
            ends = [tops[i] for i in covered[1:]]
            ends.append(bottom)
            chars = [c for c in page.chars if c["text"].strip() and x0 <= (c["x0"] + c["x1"]) / 2 < x1
                     and top <= (c["top"] + c["bottom"]) / 2 < bottom]
            bands = [[c for c in chars if tops[i] - _OVER_RULE <= c["top"] and c["bottom"] <= end + _OVER_RULE]
                     for i, end in zip(covered, ends)]
            texts = [clean_cell(_chars_text(band)) for band in bands]
            if sum(map(len, bands)) == len(chars) and all(
                    t and all(_NUMERIC.match(f) for f in t.split()) for t in texts):
                for i, t in zip(covered, texts):
                    cells[i][k] = t
            else:
                cells[r][k] = ""
                unsure.update(covered)
    return unsure


def _chars_text(chars) -> str:
    from pdfplumber.utils import extract_text

    return extract_text(chars) if chars else ""


def _grid(table: "_OpenTable") -> Grid:
    """The table as a grid: a cell merged across columns spans them (its figure then stands
    under no one column's header), a position merged down is an empty cell of its own. A cell
    across k columns holding k figures is k cells, a figure each, in order (the rule between
    them not drawn), where they cannot be one figure with its thousands grouped by spaces."""
    rows = []
    for row in table.rows:
        cells: list[tuple[str, int]] = []  # (text, colspan)
        for cell in row:
            if cell is None and cells:
                cells[-1] = (cells[-1][0], cells[-1][1] + 1)
            else:
                cells.append((cell or "", 1))
        rows.append([piece for text, colspan in cells for piece in _figure_apiece(text, colspan)])
    if all(len(spans) == len(row) for spans, row in zip(rows, table.rows)):
        grid = Grid.from_text_rows([[text for text, _, _ in spans] for spans in rows])
    else:
        grid = Grid.from_spans(rows)
    grid.own_columns = table.own_columns
    # A row a figure merged down over it may be lacks its own cell there: not read (Grid.short).
    # The grid keeps the rows with text only.
    kept = [r for r, row in enumerate(table.rows) if any(row)]
    grid.short = grid.short | {i for i, r in enumerate(kept) if r in table.unsure}
    return grid


# Figures that may be one figure with its thousands grouped by spaces ("3 062", "12 345").
_SPACED_THOUSANDS = re.compile(r"(?<!\S)\d{1,3}(?: \d{3})+(?!\S)")


def _figure_apiece(text: str, colspan: int) -> list[tuple[str, int, int]]:
    """A cell's (text, colspan, rowspan): split into one cell a column where it holds exactly as
    many figures as the columns it spans (and they cannot be fewer figures grouped by spaces)."""
    if colspan > 1:
        figures = text.split()
        if len(figures) == colspan and all(_NUMERIC.match(f) for f in figures) \
                and not _SPACED_THOUSANDS.search(text):
            return [(f, 1, 1) for f in figures]
    return [(text, colspan, 1)]


def _split_row(before: list[str | None], after: list[str | None]) -> bool:
    """Whether `after` (first row on the new page) is the rest of `before` (last row on the old
    page), cut in two by the page break: no text of either where the other's cells are merged
    across, and the rest of its texts."""
    if len(before) != len(after) or any((a is None and b) or (b is None and a) for a, b in zip(before, after)):
        return False
    before, after = _texts(before), _texts(after)
    if not any(after):
        return False
    first = next(c for c in after if c)
    if _MARKER.match(first):
        return False
    numeric_before = any(_NUMERIC.match(c) for c in before)
    numeric_after = any(_NUMERIC.match(c) for c in after)
    if numeric_before and numeric_after:
        return False
    for a, b in zip(before, after):
        if b and not a and not _NUMERIC.match(b):
            return False  # text where the row above had none: a new row
        if a and b and (_NUMERIC.match(a) or _NUMERIC.match(b)):
            return False
    return True


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(q * len(ordered))))]
