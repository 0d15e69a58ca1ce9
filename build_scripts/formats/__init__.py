"""Word, PDF and HTML files → report text in the tab-separated layout the parser reads.

The kind of a file is told from its content (magic bytes), never from its name.
"""
from __future__ import annotations

import re

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


class UnsupportedFormat(ValueError):
    pass


def detect(data: bytes) -> str:
    """'docx', 'pdf', 'html', 'doc', 'zip' or 'text'."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if _HTML_START.match(head):
        return "html"
    return "text"


def to_text(kind: str, data: bytes) -> str:
    raise UnsupportedFormat(f"暂不支持 {kind} 格式，请转换为 .txt 后放入 data/")
