"""PDF (with a text layer) → report text.

Ruled tables are read as tables (pdfplumber's line strategy): a merged cell comes out once, in
its top-left position, with the cells it covers empty. A table that runs on to the next page is
joined into one again: header rows the continuation repeats are dropped, and a row that a page
break cut in two is put back together. Running headers, footers and page numbers are removed,
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
    rows: list[list[str]]
    x0: float
    x1: float
    top: float
    bottom: float


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
        tables.append(PageTable([[clean_cell(c or "") for c in row] for row in rows], x0, x1, top, bottom))

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
                # A table at the top of the page, as wide as the one ending the page before, goes
                # on with it only if its rules make as many columns: else it is another table (table
                # 二 as one small table per article), kept apart as its own grid.
                if isinstance(last, _OpenTable) and last.page == page_no - 1 and last.is_last_on_page \
                        and block is page.blocks[0] and abs(last.x0 - block.x0) < 6 and abs(last.x1 - block.x1) < 6 \
                        and len(last.rows[-1]) == len(block.rows[0]):
                    last.extend(block.rows)
                    last.page = page_no
                else:
                    doc.blocks.append(_OpenTable(block.rows, block.x0, block.x1, page_no))
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
            doc.table(block.rows)
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

    def __init__(self, rows: list[list[str]], x0: float, x1: float, page: int):
        self.rows = [list(r) for r in rows]
        self.x0, self.x1, self.page = x0, x1, page
        self.is_last_on_page = False

    def extend(self, rows: list[list[str]]) -> None:
        rows = [list(r) for r in rows]
        # Header rows repeated at the top of the continued table.
        repeated = 0
        while repeated < len(rows) and repeated < len(self.rows) and rows[repeated] == self.rows[repeated] \
                and not any(_NUMERIC.match(c) for c in rows[repeated]):
            repeated += 1
        rows = rows[repeated:]
        if rows and self.rows and _split_row(self.rows[-1], rows[0]):
            self.rows[-1] = [join_pieces([a, b]) for a, b in zip(self.rows[-1], rows[0])]
            rows = rows[1:]
        self.rows.extend(rows)


def _split_row(before: list[str], after: list[str]) -> bool:
    """Whether `after` (first row on the new page) is the rest of `before` (last row on the old
    page), cut in two by the page break."""
    if len(before) != len(after) or not any(after):
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
