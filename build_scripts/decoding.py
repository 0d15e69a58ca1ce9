"""Bytes of a text file → str, with the encoding detected from the content, never the name."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding a report is published in."""


@dataclass
class Decoded:
    text: str
    encoding: str
    control_lines: list[int] = field(default_factory=list)  # 1-based lines that had control chars


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
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if b"\x00" in data:
        raise UndecodableError("文件含有 NUL 字节，是二进制文件而不是文本")
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise UndecodableError("无法按 UTF-8、GB18030/GBK 或 UTF-16 解码")


def decode(data: bytes) -> Decoded:
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableError(f"按 {encoding} 解码失败：第 {exc.start} 字节") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    control_lines = [i for i, line in enumerate(text.split("\n"), 1) if _CONTROL.search(line)]
    if control_lines:
        text = _CONTROL.sub("", text)
    if _looks_binary(text):
        raise UndecodableError("解码后的内容不是可读文本（疑似二进制文件）")
    return Decoded(text, encoding, control_lines)


def _looks_binary(text: str) -> bool:
    # GB18030 decodes many byte soups without error; real text is mostly CJK, ASCII and
    # punctuation, so a high share of private-use or rare-plane code points means binary.
    if not text:
        return False
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ord(ch) > 0x2FFFF or "\ufff0" <= ch <= "\uffff")
    return odd / len(text) > 0.02
