"""Bytes of a text file → str, with the encoding detected from the content, never the name."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

# Not the form feed: it is the page break a PDF converter writes (page_numbers.py reads it).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters a reader never sees (zero-width space and joiners, word joiner, byte-order mark, soft
# hyphen): a figure copied with one ("805\u200b") is the figure the reader sees, in a text file as
# in a web page (formats._layout.clean_inline).
INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding a report is published in."""


@dataclass
class Decoded:
    text: str
    encoding: str
    control_lines: list[int] = field(default_factory=list)  # 1-based lines that had control chars
    replaced_lines: list[int] = field(default_factory=list)  # 1-based lines with undecodable bytes (→ U+FFFD)


def _few_errors(data: bytes, encoding: str) -> bool:
    """Whether `data` is text in `encoding` apart from a few corrupt bytes (a damaged download or a
    stray byte pasted in), rather than text in another encoding, where nearly every character
    fails."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    return 0 < bad <= max(8, len(text) // 500)


def _utf16_without_bom(data: bytes) -> str | None:
    # Chinese text in UTF-16 has no NUL bytes at all in most code units, but ASCII (digits,
    # tabs, newlines) gives a NUL in every other byte: look for that pattern.
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > half * 0.2 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.2 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if b"\x00" in data:  # UTF-16 without a BOM has NUL bytes (its ASCII); other text has none
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16
        raise UndecodableError("文件含有 NUL 字节，是二进制文件而不是文本")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a few corrupt bytes stays UTF-8: GB18030 would accept many of those byte
    # sequences and turn the whole file into nonsense.
    if _few_errors(data, "utf-8"):
        return "utf-8"
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        pass
    # No such rescue for GB18030: it accepts almost any pair of high bytes, so random bytes
    # would pass for a GBK file with a few errors.
    raise UndecodableError("无法按 UTF-8、GB18030/GBK 或 UTF-16 解码")


def decode(data: bytes) -> Decoded:
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise UndecodableError(f"按 {encoding} 解码失败：第 {exc.start} 字节") from exc
        text = data.decode(encoding, errors="replace")  # detect_encoding found only a few bad bytes
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    replaced_lines = []
    if "\ufffd" in text:
        replaced_lines = [i for i, line in enumerate(text.split("\n"), 1) if "\ufffd" in line]
    control_lines = []
    if _CONTROL.search(text):
        control_lines = [i for i, line in enumerate(text.split("\n"), 1) if _CONTROL.search(line)]
    if control_lines:
        text = _CONTROL.sub("", text)
    text = INVISIBLE.sub("", text)
    if _looks_binary(text):
        raise UndecodableError("解码后的内容不是可读文本（疑似二进制文件）")
    return Decoded(text, encoding, control_lines, replaced_lines)


def _looks_binary(text: str) -> bool:
    # GB18030 decodes many byte soups without error; real text is mostly CJK, ASCII and
    # punctuation, so a high share of private-use or rare-plane code points means binary.
    if not text:
        return False
    odd = len(_ODD.findall(text))
    return odd / len(text) > 0.02


# A tab with a printed character after it on its line (before it: _has_inner_tab). Beginning
# with the tab, it is searched for from tab to tab, not tried at every character.
_TAB_BEFORE_PRINTED = re.compile(r"\t[^\S\n]*\S")
# Whitespace holding a tab at a line's end, and at its start (a form feed, a page break, is kept).
_LINE_END_TAB = re.compile(r"[^\S\n\f]*\t[^\S\n\f]*(?=\n|\Z)")
_LINE_START_TAB = re.compile(r"^[^\S\n\f]*\t[^\S\n\f]*", re.MULTILINE)


def without_stray_tabs(text: str) -> str:
    """`text` without the tabs at its lines' ends and starts when no line holds a tab between two
    printed characters: such a text has no tab-separated row, and a converter that ends or starts
    its lines with a tab ("规章 0 2 3⇥") would make them pass for rows of one cell, their figures
    a label. The spaces before a line's first word stay (layout text places figures by them)."""
    if "\t" not in text or _has_inner_tab(text):
        return text
    text = _LINE_END_TAB.sub("", text)
    return _LINE_START_TAB.sub(lambda m: m.group().replace("\t", ""), text) if "\t" in text else text


# A browser's copy of a table whose cells hold paragraphs (<td><p>0</p></td>): each cell's text
# between blank lines, the tab between two cells alone on its line ("规章\n\n\t\n\n0\n\n\t\n\n3").
_TAB_BETWEEN_PARAGRAPHS = re.compile(r"\n\n[^\S\n]*\t[^\S\n]*\n\n")
# The blank line before a tab, or after it (a cell without a paragraph has none: "规章\n\n\t0\t\n\n0").
_BLANK_LINE_AT_TAB = re.compile(r"\n\n(?=[^\S\n]*\t)|(\t[^\S\n]*)\n\n")


def with_paragraph_cells_joined(text: str) -> str:
    """`text` with the cells of such a copy joined into tab-separated rows ("规章\t0\t3"): the
    blank line on either side of a tab taken away, a row's own line break kept. Only in a text
    with many tabs alone between blank lines (a table's cells), so that a stray tab elsewhere
    joins no paragraphs."""
    if len(_TAB_BETWEEN_PARAGRAPHS.findall(text, 0, 1 << 20)) < 20:
        return text
    return _BLANK_LINE_AT_TAB.sub(lambda m: m.group(1) or "", text)


def _has_inner_tab(text: str) -> bool:
    """Whether a line of `text` holds a tab between two printed characters: cells of a
    tab-separated row."""
    for m in _TAB_BEFORE_PRINTED.finditer(text):
        tab = m.start()
        if text[text.rfind("\n", 0, tab) + 1:tab].strip():  # a printed character before it
            return True
    return False


_ODD = re.compile("[\ue000-\uf8ff\ufff0-\uffff\U00030000-\U0010ffff]")
