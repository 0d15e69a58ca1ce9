"""Word, PDF and HTML files → report text in the tab-separated layout the parser reads.

The kind of a file is told from its content (magic bytes), never from its name. `to_text`
hands the bytes to the reader of that kind (docx.py, pdf.py, html.py); every reader produces
the same layout: paragraphs separated by blank lines, table rows as tab-joined cells with a
merged cell written once and the cells it covers left empty. A file no reader can open raises
an exception whose message (Simplified Chinese) says why; reports.py turns it into a problem
of that file.
"""
from __future__ import annotations

import re

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
# An article body as a CMS serves it or a user saves it with "copy": no <html>, but it starts with
# an element, or is thick with the elements report pages are made of.
_FRAGMENT_START = re.compile(
    rb"^\s*<(?:meta|div|p|table|span|font|section|article|center|h[1-6]|br|style|link|title|head|body|o:p|"
    rb"strong|b|tbody|tr|ul|ol|img|form|input|a)[\s>/]", re.I)
_FRAGMENT_TAG = re.compile(rb"</?(?:p|div|td|tr|table|span|font|br)[\s>/]", re.I)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF",
           b"II*\x00": "TIFF", b"MM\x00*": "TIFF", b"BM": "BMP"}


class UnsupportedFormat(ValueError):
    pass


def detect(data: bytes) -> str:
    """'docx', 'pdf', 'html', 'mhtml', 'doc', 'zip', 'rtf', 'image' or 'text'."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"%PDF-" in data[:1024]:  # the header may follow a little junk
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if data.startswith(_OLE):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if any(data.startswith(magic) for magic in _IMAGES) and not _looks_textual(data[:512]):
        return "image"
    if _HTML_START.match(head) or _HTML_START.match(_utf16_head(data)):
        return "html"
    if re.match(rb"[\w-]+:", head) and re.search(rb"^MIME-Version:", head, re.I | re.M) \
            and b"multipart/related" in head.lower():
        return "mhtml"  # a web page saved as one file (.mht/.mhtml)
    if _FRAGMENT_START.match(head) or len(_FRAGMENT_TAG.findall(data[:65536])) >= 20:
        return "html"
    return "text"


def _looks_textual(head: bytes) -> bool:
    return b"\x00" not in head and all(b >= 0x20 or b in b"\t\r\n" for b in head[:64])


def _utf16_head(data: bytes) -> bytes:
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[2:4096].decode(codec, "ignore").encode("ascii", "ignore")
    return b""


def to_document(kind: str, data: bytes):
    """The file as a _layout.Document: paragraphs and tables (grids), and the page's own fields."""
    if kind == "docx":
        from . import docx
        return docx.to_document(data)
    if kind == "pdf":
        from . import pdf
        return pdf.to_document(data)
    if kind == "html":
        from . import html
        return html.to_document(data)
    if kind == "mhtml":
        return _mhtml(data)
    raise UnsupportedFormat(_unsupported(kind, data))


def to_text(kind: str, data: bytes) -> str:
    if kind == "text":
        from ..decoding import decode
        return decode(data).text
    return to_document(kind, data).text()


def _unsupported(kind: str, data: bytes) -> str:
    if kind == "doc":
        def has(name: str) -> bool:
            return name.encode("utf-16-le") in data[:1 << 20] or name.encode("utf-16-le") in data[-(1 << 16):]
        if has("EncryptedPackage"):
            return "这是设置了打开密码的加密 Office 文件，无法读取；请去掉密码后另存为 .docx 或 PDF"
        if has("Workbook") or has("Book"):
            return "这是旧版 Excel 表格（.xls），不是年度报告文档，无法读取"
        if has("PowerPoint Document"):
            return "这是旧版 PowerPoint 演示文稿（.ppt），无法读取"
        if has("WordDocument"):
            return "这是旧版 Word 文档（.doc），本系统没有 .doc 读取器；请用 Word 或 WPS 另存为 .docx 或 PDF 后放入 data/"
        return "这是旧版 Office/WPS 复合文档（.doc/.wps 等），本系统没有读取器；请另存为 .docx 或 PDF 后放入 data/"
    if kind == "zip":
        if b"application/vnd.oasis.opendocument.text" in data[:256]:
            return "这是 OpenDocument 文本（.odt），暂不支持；请另存为 .docx 或 PDF 后放入 data/"
        if b"OFD.xml" in data[:65536]:
            return "这是 OFD 版式文件，暂不支持；请另存为 PDF 后放入 data/"
        return "这是 ZIP 压缩包，不是报告文件；请解压后把其中的报告放入 data/"
    if kind == "rtf":
        return "这是 RTF 文档，暂不支持；请另存为 .docx 或 PDF 后放入 data/"
    if kind == "image":
        name = next((v for k, v in _IMAGES.items() if data.startswith(k)), "图片")
        return f"这是 {name} 图片（二进制图像文件，可能是扫描件或截图），无法提取文字；请提供带文字的 .docx、PDF 或网页"
    return f"暂不支持 {kind} 格式，请转换为 .docx、PDF 或 .txt 后放入 data/"


def _mhtml(data: bytes):
    """A web page saved as a single file (.mht): the report page is its first text/html part."""
    import email
    from email import policy

    from . import html

    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset:
                try:
                    payload = b"\xef\xbb\xbf" + payload.decode(html.alias(charset)).encode("utf-8")
                except (LookupError, UnicodeDecodeError):
                    pass
            return html.to_document(payload)
    raise UnsupportedFormat("这是保存的网页文件（.mht），但其中没有网页正文，无法读取")
