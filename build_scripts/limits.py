"""What one file of data/ may cost: size, unpacked size, pages, parse time, prose on its page.

data/ is untrusted: a file past a limit is listed with a problem saying which limit, and the
build goes on. The portal plugin takes these from mkdocs.yml (portal/config.py); the command
line uses DEFAULT.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import asdict, dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 30           # larger files are listed, not read
    max_unpacked_mb: float = 200      # .docx: total size of its parts once unzipped (zip bombs)
    max_pdf_pages: int = 500          # PDF: pages (huge scans)
    parse_timeout: float = 60         # seconds one file may take to parse and check; 0: no limit
    max_prose_chars: int = 200_000    # report text kept (and shown on its page); the rest is cut

    def __post_init__(self):
        for name, value in asdict(self).items():
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a number >= 0, not {value!r}")
        for name in ("max_file_mb", "max_unpacked_mb", "max_pdf_pages", "max_prose_chars"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    def cache_key(self) -> str:
        """What the parsed report depends on (size and time limits decide only whether it is parsed)."""
        text = f"{self.max_unpacked_mb}/{self.max_pdf_pages}/{self.max_prose_chars}"
        return hashlib.sha256(text.encode()).hexdigest()[:8]


DEFAULT = Limits()


def _mb(n: float) -> str:
    return f"{n / MB:.1f} MB"


def file_too_large(size: int, limits: Limits) -> str | None:
    if size > limits.max_file_bytes:
        return f"文件大小为 {_mb(size)}，超过上限 {limits.max_file_mb:g} MB（max_file_mb），未解析"
    return None


def content_too_large(kind: str, data: bytes, limits: Limits) -> tuple[str, str] | None:
    """(rule id, message) of why this .docx or PDF is refused before its reader opens it, or None."""
    if kind == "docx":
        message = _unpacked_too_large(data, limits)
        return ("F-unpacked-size", message) if message else None
    if kind == "pdf":
        message = _too_many_pages(data, limits)
        return ("F-too-many-pages", message) if message else None
    return None


def _unpacked_too_large(data: bytes, limits: Limits) -> str | None:
    # zipfile never inflates a part past the size its directory declares, so the declared sizes
    # bound what the reader can unpack.
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None  # the reader says why it cannot open it
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_mb * MB:
        return (f".docx 解压后共 {_mb(total)}（压缩包内 {len(infos)} 个部件），超过上限 "
                f"{limits.max_unpacked_mb:g} MB（max_unpacked_mb），可能是压缩炸弹，未解析")
    return None


def _too_many_pages(data: bytes, limits: Limits) -> str | None:
    pages = pdf_page_count(data)
    if pages is not None and pages > limits.max_pdf_pages:
        return f"PDF 共 {pages} 页，超过上限 {limits.max_pdf_pages} 页（max_pdf_pages），未解析"
    return None


def pdf_page_count(data: bytes) -> int | None:
    """The number of pages of a PDF (its page tree walked, not its /Count trusted); None if unreadable."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        return sum(1 for _ in PDFPage.create_pages(document))
    except Exception:  # noqa: BLE001 - a damaged PDF is the reader's to report
        return None
