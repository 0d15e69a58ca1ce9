"""Word (.docx) → report text.

The body is walked in document order, so paragraphs and tables come out interleaved as printed.
Tables are read from the document's own table structure: a cell merged across columns
(gridSpan, or the legacy hMerge) or down rows (vMerge) is emitted once, in its top-left
position, and the grid cells it covers are left empty, as in the seeds. Automatic list numbers
("一、", "（一）", "1.") that Word draws from numbering.xml are written out, because agencies often
number the part headings that way and the parser finds parts by their number.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from functools import lru_cache

from ..grid import Cell, Grid
from ..textnorm import cell_figure
from ._layout import Document, clean_cell, join_pieces

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@lru_cache(maxsize=None)
def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, R, T = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("r"), _q("t")
_RPR = _q("rPr")
SDT, SDT_CONTENT, CUSTOM_XML = _q("sdt"), _q("sdtContent"), _q("customXml")
VAL = _q("val")
TXBX = _q("txbxContent")
ALTERNATE, CHOICE = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"
# Containers whose children are read as if they stood in the parent (runs or paragraphs).
_TRANSPARENT = {_q("hyperlink"), _q("ins"), _q("smartTag"), CUSTOM_XML, _q("fldSimple"), SDT_CONTENT,
                _q("moveTo"), _q("dir"), _q("bdo")}
# Containers whose text is not part of the printed document.
_SKIPPED = {_q("del"), _q("moveFrom"), _q("sdtPr"), _q("sdtEndPr"), _q("pPr"), _q("rPr"), _q("tcPr"),
            _q("trPr"), _q("tblPr"), _q("tblGrid"), _q("sectPr")}


class DocxError(ValueError):
    pass


def to_document(data: bytes) -> Document:
    document = _open(data)
    reader = _Reader(_Numbering(document), _Styles(document))
    out = Document()
    reader.blocks(document.element.body, out)
    return out


def to_text(data: bytes) -> str:
    return to_document(data).text()


def _open(data: bytes):
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise DocxError("Word 文件已损坏或不完整（压缩包无法打开），无法读取") from exc
    try:
        return docx.Document(io.BytesIO(data))
    except RuntimeError as exc:  # a member of the zip is encrypted
        raise DocxError("Word 文件已加密，无法读取") from exc
    except XMLSyntaxError as exc:
        raise DocxError("Word 文件内容已损坏（XML 无法解析），无法读取") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise DocxError("Word 文件已损坏或不完整，无法读取") from exc
    except Exception as exc:  # noqa: BLE001 - python-docx fails in many ways on a package that is not Word's
        kind = ("Excel 表格" if any(n.startswith("xl/") for n in names)
                else "PowerPoint 演示文稿" if any(n.startswith("ppt/") for n in names) else None)
        if kind:
            raise DocxError(f"这是 Office 压缩包（{kind}），不是 Word 文档，无法读取") from exc
        raise DocxError("Word 文件已损坏或结构不完整，无法读取") from exc


# -- automatic numbering ---------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d:
            if zero and parts:
                parts.append(digits[0])
            parts.append(("" if (d == 1 and power == 10 and n < 20) else digits[d]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL, "拾佰仟")
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n) if fmt == "upperLetter" else _letters(n).lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """numbering.xml: the label Word draws in front of a numbered paragraph."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> ilvl -> level
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, list[int | None]] = {}  # None: the level has not been used since reset
        self.started_overrides: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for abstract in root.iterchildren(_q("abstractNum")):
            levels = {}
            for lvl in abstract.iterchildren(_q("lvl")):
                ilvl = int(lvl.get(_q("ilvl"), "0"))
                levels[ilvl] = {
                    "start": int(_child_val(lvl, "start") or 1),
                    "fmt": _child_val(lvl, "numFmt") or "decimal",
                    "text": _child_val(lvl, "lvlText") or "",
                    "legal": lvl.find(_q("isLgl")) is not None,
                    "suffix": _child_val(lvl, "suff") or "tab",
                }
            self.levels[abstract.get(_q("abstractNumId"))] = levels
        for num in root.iterchildren(_q("num")):
            overrides = {}
            for override in num.iterchildren(_q("lvlOverride")):
                start = _child_val(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(_q("ilvl"), "0"))] = int(start)
            self.nums[num.get(_q("numId"))] = (_child_val(num, "abstractNumId"), overrides)

    def label(self, num_id: str | None, ilvl: int) -> str:
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 10)
        if num_id not in self.started_overrides and overrides:
            self.started_overrides.add(num_id)
            for level, start in overrides.items():
                if level < len(counters):
                    counters[level] = start - 1
        ilvl = min(ilvl, 9)
        current = counters[ilvl]
        counters[ilvl] = (levels[ilvl]["start"] if current is None else current + 1)
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        level = levels[ilvl]

        def sub(m: re.Match) -> str:
            n = int(m.group(1)) - 1
            if n not in levels:
                return ""
            value = counters[n] if counters[n] is not None else levels[n]["start"]
            return format_number(value, "decimal" if level["legal"] and n != ilvl else levels[n]["fmt"])

        text = re.sub(r"%([1-9])", sub, level["text"])
        if not text.strip():
            return ""
        if level["fmt"] == "bullet":
            return ""
        return text + ("" if level["suffix"] == "nothing" else " ")


class _Styles:
    """Paragraph styles that carry numbering (Word's heading styles often do)."""

    def __init__(self, document):
        self.numbering: dict[str, tuple[str | None, int]] = {}
        try:
            root = document.part.styles.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        styles = {s.get(_q("styleId")): s for s in root.iterchildren(_q("style"))}
        for style_id in styles:
            seen, current = set(), styles.get(style_id)
            while current is not None and style_id not in self.numbering:
                num_pr = current.find(f"{_q('pPr')}/{_q('numPr')}")
                if num_pr is not None:
                    num_id = _child_val(num_pr, "numId")
                    ilvl = _child_val(num_pr, "ilvl")
                    self.numbering[style_id] = (num_id, int(ilvl) if ilvl else 0)
                    break
                based = _child_val(current, "basedOn")
                if not based or based in seen:
                    break
                seen.add(based)
                current = styles.get(based)

    def of(self, style_id: str | None) -> tuple[str | None, int]:
        return self.numbering.get(style_id or "", (None, 0))


def _child_val(element, tag: str) -> str | None:
    child = element.find(_q(tag))
    return None if child is None else child.get(VAL)


# -- the body --------------------------------------------------------------------------------

class _Reader:
    def __init__(self, numbering: _Numbering, styles: _Styles):
        self.numbering = numbering
        self.styles = styles

    def blocks(self, parent, out: Document) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == P:
                text, boxes = self.paragraph(child)
                out.paragraph(text)
                for box in boxes:
                    self.blocks(box, out)
            elif tag == TBL and _is_layout_table(child):
                for tc in child.iter(TC):  # a frame around the text: read what it holds
                    if next(tc.iterancestors(TBL)) is child:
                        self.blocks(tc, out)
            elif tag == TBL:
                out.grid(self.table(child))
            elif tag in (SDT, SDT_CONTENT, CUSTOM_XML):
                self.blocks(child, out)

    # A paragraph's printed text, and the text boxes anchored in it.
    def paragraph(self, p) -> tuple[str, list]:
        pieces: list[str] = [self._number(p)]
        boxes: list = []
        self._inline(p, pieces, boxes)
        text = "".join(pieces)
        # Tabs used to line up figures keep separating them; any other run of spaces is one space.
        text = re.sub(r"[ \u00a0\u3000]*\t[ \t\u00a0\u3000]*", "\t", text.strip(" \t\u00a0\u3000"))
        return text, boxes

    def _number(self, p) -> str:
        ppr = p.find(_q("pPr"))
        if ppr is None:
            return ""
        num_pr = ppr.find(_q("numPr"))
        style_num, style_ilvl = self.styles.of(_child_val(ppr, "pStyle"))
        num_id, ilvl = style_num, style_ilvl
        if num_pr is not None:
            own_id = _child_val(num_pr, "numId")
            own_lvl = _child_val(num_pr, "ilvl")
            num_id = own_id if own_id is not None else style_num
            ilvl = int(own_lvl) if own_lvl is not None else style_ilvl
        return self.numbering.label(num_id, ilvl)

    def _inline(self, element, pieces: list[str], boxes: list) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == R:
                self._run(child, pieces, boxes)
            elif tag in _TRANSPARENT or tag == SDT:
                self._inline(child, pieces, boxes)
            elif tag == ALTERNATE:
                self._alternate(child, boxes)

    def _run(self, run, pieces: list[str], boxes: list) -> None:
        raised = False  # a superscript or subscript run: a footnote's mark after a figure (250¹)
        for child in run.iterchildren():
            tag = child.tag
            if tag == T:
                text = child.text or ""
                # no digit of the figure before it: "^" (textnorm.nfkc)
                pieces.append("^" + text if raised and text.strip().isdigit() else text)
            elif tag == _RPR:
                raised = _child_val(child, "vertAlign") in ("superscript", "subscript")
            elif tag == _q("tab") or tag == _q("ptab"):
                pieces.append("\t")
            elif tag in (_q("br"), _q("cr")):
                pieces.append("\n")
            elif tag == _q("noBreakHyphen"):
                pieces.append("-")
            elif tag == ALTERNATE:
                self._alternate(child, boxes)
            elif tag in (_q("drawing"), _q("pict"), _q("object")):
                boxes.extend(child.iter(TXBX))

    @staticmethod
    def _alternate(element, boxes: list) -> None:
        # The same drawing is stored twice (Choice and Fallback): read one of them.
        choice = element.find(CHOICE)
        branch = choice if choice is not None else next(iter(element), None)
        if branch is not None:
            boxes.extend(branch.iter(TXBX))

    # -- tables --------------------------------------------------------------------------------
    def table(self, tbl) -> Grid:
        """The table's cells; a merged cell (gridSpan, vMerge, hMerge) is one Cell in every
        position it covers."""
        rows: list[list[Cell]] = []
        for tr in _children(tbl, TR):
            trpr = tr.find(_q("trPr"))
            before = int(_child_val(trpr, "gridBefore") or 0) if trpr is not None else 0
            after = int(_child_val(trpr, "gridAfter") or 0) if trpr is not None else 0
            row = [Cell("") for _ in range(before)]
            above = rows[-1] if rows else []
            for tc in _children(tr, TC):
                tcpr = tc.find(_q("tcPr"))
                span = max(int(_child_val(tcpr, "gridSpan") or 1) if tcpr is not None else 1, 1)
                cell = None
                if tcpr is not None:
                    vmerge = tcpr.find(_q("vMerge"))
                    hmerge = tcpr.find(_q("hMerge"))
                    if vmerge is not None and vmerge.get(VAL, "continue") == "continue" and len(above) > len(row):
                        cell = above[len(row)]
                    elif hmerge is not None and hmerge.get(VAL, "continue") == "continue":
                        cell = row[-1] if row else Cell("")
                row.extend([cell or Cell(self.cell_text(tc))] * span)
            row.extend(Cell("") for _ in range(after))
            rows.append(row)
        return Grid(rows)

    def cell_text(self, tc) -> str:
        pieces: list[str] = []
        for child in tc.iterchildren():
            if child.tag == P:
                text, boxes = self.paragraph(child)
                pieces.append(text)
                for box in boxes:
                    pieces.extend(self._flat(box))
            elif child.tag == TBL:  # a table nested in a cell: its cells in reading order
                pieces.extend(c for row in self.table(child).text_rows() for c in row if c)
            elif child.tag in (SDT, CUSTOM_XML):
                pieces.extend(self._flat(child))
        text = join_pieces([clean_cell(p) for p in pieces])
        return cell_figure(text) if len(pieces) == 1 else text  # "12 521" in one paragraph: one figure

    def _flat(self, element) -> list[str]:
        out = Document()
        self.blocks(element, out)
        return [clean_cell(line) for line in out.text().split("\n") if line.strip()]


def _is_layout_table(tbl) -> bool:
    """A table used to lay out the page (a single cell, or cells holding tables), not a table of
    figures."""
    cells = [tc for tr in _children(tbl, TR) for tc in _children(tr, TC)]
    return len(cells) == 1 or any(tc.find(f".//{TBL}") is not None for tc in cells)


def _children(element, tag):
    """Direct children with the tag, looking through content controls and custom XML."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, SDT_CONTENT, CUSTOM_XML):
            yield from _children(child, tag)
